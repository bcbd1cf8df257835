#include "pos-test-util.h"
#include "pos-store-private.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gio/gio.h>

char *
pos_test_tmpdir_new (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("mainstreet-test-XXXXXX", &error);

  if (dir == NULL)
    fail_msg ("cannot make a temporary folder: %s", error->message);
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;
      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

void
pos_test_tmpdir_free (char *path)
{
  g_autoptr (GFile) file = NULL;

  if (path == NULL)
    return;
  if (g_getenv ("POS_KEEP_TMP") == NULL)
    {
      file = g_file_new_for_path (path);
      remove_tree (file);
    }
  g_free (path);
}

PosTestStore *
pos_test_store_new (void)
{
  g_autoptr (GError) error = NULL;
  PosTestStore *fixture = g_new0 (PosTestStore, 1);

  fixture->dir = pos_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = pos_store_open (fixture->path, POS_STORE_OPEN_CREATE, &error);
  if (fixture->store == NULL)
    fail_msg ("cannot create a store: %s", error->message);
  return fixture;
}

void
pos_test_store_free (PosTestStore *fixture)
{
  if (fixture == NULL)
    return;
  g_clear_pointer (&fixture->store, pos_store_close);
  g_free (fixture->path);
  pos_test_tmpdir_free (fixture->dir);
  g_free (fixture);
}

gint64
pos_test_query_int (PosStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc = sqlite3_prepare_v2 (pos_store_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    fail_msg ("bad test query %s: %s", sql, sqlite3_errmsg (pos_store_db (store)));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
pos_test_query_text (PosStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;
  int rc = sqlite3_prepare_v2 (pos_store_db (store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    fail_msg ("bad test query %s: %s", sql, sqlite3_errmsg (pos_store_db (store)));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

void
pos_test_exec (PosStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;

  if (!pos_store_exec (store, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

void
pos_test_push_again (PosStore *store)
{
  pos_test_exec (store, "INSERT OR IGNORE INTO journal_outbox (id) SELECT id FROM journal");
}

void
pos_assert_contains (const char *haystack, const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    fail_msg ("“%s” does not contain “%s”", haystack ? haystack : "(null)", needle);
}

GResource *pos_db_get_resource (void);

/* Undoes 018: the same rebuild of the product table, with the unit list
 * it had before, and without the quick-key index. */
static void
undo_units_l_m (PosStore *store)
{
  g_autoptr (GBytes) bytes = g_resource_lookup_data (
      pos_db_get_resource (), "/org/mainstreet/db/migrations/018-units-l-m.sql", 0, NULL);
  g_autofree char *sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr (GString) undo = g_string_new (sql);

  assert_int_equal (g_string_replace (undo, "('each', 'kg', 'l', 'm')", "('each', 'kg')", 0), 1);
  pos_test_exec (store, "PRAGMA foreign_keys = OFF");
  pos_test_exec (store, undo->str);
  pos_test_exec (store, "PRAGMA foreign_keys = ON; DROP INDEX product_quick_key");
}

/* Each migration's undo after 018, newest first: a new migration puts its
 * undo at the top. */
static const struct
{
  int version;
  const char *sql;
} undo_steps[] = {
  /* the mark on each event instead of the outbox */
  { 37, "UPDATE journal SET pushed = id NOT IN (SELECT id FROM journal_outbox);"
        "DROP TABLE journal_outbox; CREATE INDEX journal_unpushed ON journal (id) WHERE pushed = 0;" },
  /* 003's trigger that stamped a locally saved product with its event's clock */
  { 36, "CREATE TRIGGER product_saved_hlc AFTER INSERT ON journal"
        "  WHEN new.type = 'product.saved' AND new.pushed = 0 BEGIN"
        "  UPDATE product SET updated_hlc = new.hlc WHERE sku = json_extract (new.payload, '$.sku'); END;" },
  /* payment with a rowid and its sale index again, as 028 left it */
  { 35,
    "DROP VIEW z_period_payment_of_rows; DROP TRIGGER till_total_add_payment;"
    "DROP TRIGGER payment_no_update; DROP TRIGGER payment_no_delete;"
    "CREATE TABLE payment_old (id INTEGER PRIMARY KEY, sale_id INTEGER NOT NULL REFERENCES sale (id),"
    "  method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'points', 'voucher', 'account', 'layaway')),"
    "  amount INTEGER NOT NULL, reference TEXT, points INTEGER NOT NULL DEFAULT 0) STRICT;"
    "INSERT INTO payment_old SELECT id, sale_id, method, amount, reference, points FROM payment;"
    "DROP TABLE payment; ALTER TABLE payment_old RENAME TO payment;"
    "CREATE INDEX payment_sale ON payment (sale_id);"
    "CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment BEGIN"
    "  SELECT RAISE (ABORT, 'payment is append-only'); END;"
    "CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment BEGIN"
    "  SELECT RAISE (ABORT, 'payment is append-only'); END;"
    "CREATE TRIGGER till_total_add_payment AFTER INSERT ON payment BEGIN"
    "  INSERT INTO till_total (till_id, number, part, name, count, amount, points)"
    "  SELECT p.till_id, p.number, 2, new.method, 1, new.amount, new.points FROM till_total p"
    "  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.part = 0"
    "    AND p.first_sale <= new.sale_id ORDER BY p.number DESC LIMIT 1"
    "  ON CONFLICT (till_id, number, part, name, rate_bp) DO UPDATE SET"
    "    count = count + 1, amount = amount + excluded.amount, points = points + excluded.points; END;"
    "CREATE VIEW z_period_payment_of_rows AS"
    "  SELECT r.till_id, r.number, p.method, count (*) AS count, sum (p.amount) AS amount,"
    "         sum (p.points) AS points"
    "  FROM z_period_range r CROSS JOIN sale s ON s.id > r.after AND s.id <= r.upto AND +s.till_id = "
    "r.till_id"
    "  JOIN payment p ON p.sale_id = s.id GROUP BY r.till_id, r.number, p.method;" },
  /* 004's four tables and their triggers, the days summed into one row each */
  { 34,
    "DROP TRIGGER till_total_add_sale; DROP TRIGGER till_total_add_tax; DROP TRIGGER till_total_add_payment;"
    "DROP VIEW sale_day; DROP VIEW z_period; DROP VIEW z_period_tax; DROP VIEW z_period_payment;"
    "CREATE TABLE sale_day (business_day TEXT NOT NULL, till_id TEXT NOT NULL,"
    "  sales INTEGER NOT NULL DEFAULT 0, refunds INTEGER NOT NULL DEFAULT 0,"
    "  total INTEGER NOT NULL DEFAULT 0, tax_total INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (business_day, till_id)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE z_period (till_id TEXT NOT NULL, number INTEGER NOT NULL,"
    "  first_sale INTEGER NOT NULL, last_sale INTEGER NOT NULL, first_day TEXT NOT NULL,"
    "  last_day TEXT NOT NULL, sales INTEGER NOT NULL, refunds INTEGER NOT NULL,"
    "  gross_sales INTEGER NOT NULL, gross_refunds INTEGER NOT NULL, gross INTEGER NOT NULL,"
    "  tax INTEGER NOT NULL, discounts INTEGER NOT NULL, rounding INTEGER NOT NULL,"
    "  PRIMARY KEY (till_id, number)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE z_period_tax (till_id TEXT NOT NULL, number INTEGER NOT NULL,"
    "  tax_code TEXT NOT NULL, tax_rate_bp INTEGER NOT NULL, net INTEGER NOT NULL,"
    "  tax INTEGER NOT NULL, gross INTEGER NOT NULL,"
    "  PRIMARY KEY (till_id, number, tax_code, tax_rate_bp)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE z_period_payment (till_id TEXT NOT NULL, number INTEGER NOT NULL,"
    "  method TEXT NOT NULL, count INTEGER NOT NULL, amount INTEGER NOT NULL, points INTEGER NOT NULL,"
    "  PRIMARY KEY (till_id, number, method)) STRICT, WITHOUT ROWID;"
    "INSERT INTO sale_day SELECT name, till_id, sum (sales), sum (refunds), sum (amount), sum (tax)"
    "  FROM till_total WHERE part = 3 GROUP BY name, till_id;"
    "INSERT INTO z_period SELECT till_id, number, first_sale, last_sale, first_day, last_day, sales,"
    "  refunds, gross_sales, gross_refunds, gross, tax, discounts, rounding FROM till_total WHERE part = 0;"
    "INSERT INTO z_period_tax SELECT till_id, number, name, rate_bp, net, tax, gross"
    "  FROM till_total WHERE part = 1;"
    "INSERT INTO z_period_payment SELECT till_id, number, name, count, amount, points"
    "  FROM till_total WHERE part = 2;"
    "DROP TABLE till_total;"
    "CREATE TRIGGER sale_day_add AFTER INSERT ON sale BEGIN"
    "  INSERT INTO sale_day (business_day, till_id, sales, refunds, total, tax_total)"
    "  VALUES (new.business_day, new.till_id, new.kind = 'sale', new.kind = 'refund',"
    "          new.total + new.rounding, new.tax_total)"
    "  ON CONFLICT (business_day, till_id) DO UPDATE SET"
    "    sales = sales + excluded.sales, refunds = refunds + excluded.refunds,"
    "    total = total + excluded.total, tax_total = tax_total + excluded.tax_total; END;"
    "CREATE TRIGGER z_period_add_sale AFTER INSERT ON sale BEGIN"
    "  INSERT INTO z_period (till_id, number, first_sale, last_sale, first_day, last_day, sales, refunds,"
    "                        gross_sales, gross_refunds, gross, tax, discounts, rounding)"
    "  VALUES (new.till_id, (SELECT ifnull (max (number), 0) + 1 FROM z_report WHERE till_id = new.till_id),"
    "          new.id, new.id, new.business_day, new.business_day, new.kind = 'sale', new.kind = 'refund',"
    "          CASE new.kind WHEN 'sale' THEN new.total ELSE 0 END,"
    "          CASE new.kind WHEN 'refund' THEN new.total ELSE 0 END,"
    "          new.total, new.tax_total, new.discount_total, new.rounding)"
    "  ON CONFLICT (till_id, number) DO UPDATE SET"
    "    first_sale = min (first_sale, excluded.first_sale), last_sale = max (last_sale, excluded.last_sale),"
    "    first_day = min (first_day, excluded.first_day), last_day = max (last_day, excluded.last_day),"
    "    sales = sales + excluded.sales, refunds = refunds + excluded.refunds,"
    "    gross_sales = gross_sales + excluded.gross_sales, gross_refunds = gross_refunds + "
    "excluded.gross_refunds,"
    "    gross = gross + excluded.gross, tax = tax + excluded.tax, discounts = discounts + "
    "excluded.discounts,"
    "    rounding = rounding + excluded.rounding; END;"
    "CREATE TRIGGER z_period_add_tax AFTER INSERT ON sale_tax BEGIN"
    "  INSERT INTO z_period_tax (till_id, number, tax_code, tax_rate_bp, net, tax, gross)"
    "  SELECT p.till_id, p.number, new.tax_code, new.tax_rate_bp, new.net, new.tax, new.gross"
    "  FROM z_period p"
    "  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.first_sale <= new.sale_id"
    "  ORDER BY p.number DESC LIMIT 1"
    "  ON CONFLICT (till_id, number, tax_code, tax_rate_bp) DO UPDATE SET"
    "    net = net + excluded.net, tax = tax + excluded.tax, gross = gross + excluded.gross; END;"
    "CREATE TRIGGER z_period_add_payment AFTER INSERT ON payment BEGIN"
    "  INSERT INTO z_period_payment (till_id, number, method, count, amount, points)"
    "  SELECT p.till_id, p.number, new.method, 1, new.amount, new.points"
    "  FROM z_period p"
    "  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.first_sale <= new.sale_id"
    "  ORDER BY p.number DESC LIMIT 1"
    "  ON CONFLICT (till_id, number, method) DO UPDATE SET"
    "    count = count + 1, amount = amount + excluded.amount, points = points + excluded.points; END;" },
  /* the views' "+s.till_id" reads the same rows with the index back */
  { 33, "CREATE INDEX sale_till ON sale (till_id);" },
  { 32, "DROP TRIGGER product_cost_edited; DROP TABLE product_cost_edit; "
        "DROP TABLE stock_close_line; DROP TABLE stock_close;" },
  /* 031 rebuilt layaway_move with a wider CHECK; 028's undo drops it */
  { 30, "DROP VIEW stock_level; DROP TRIGGER stock_ledger_add;"
        "CREATE TABLE stock_level (product_id INTEGER PRIMARY KEY REFERENCES product (id),"
        "  qty INTEGER NOT NULL) STRICT;"
        "INSERT INTO stock_level (product_id, qty) SELECT product_id, qty FROM stock_ledger "
        "WHERE shop_id = (SELECT shop_id FROM local_shop) AND move_id = 9223372036854775807;"
        "DROP TABLE stock_ledger; CREATE INDEX stock_move_product ON stock_move (product_id, shop_id);"
        "CREATE TRIGGER stock_level_add AFTER INSERT ON stock_move "
        "WHEN new.shop_id = (SELECT shop_id FROM local_shop) BEGIN "
        "INSERT INTO stock_level (product_id, qty) VALUES (new.product_id, new.qty) "
        "ON CONFLICT (product_id) DO UPDATE SET qty = qty + excluded.qty; END;" },
  { 29, "DROP INDEX product_picture; DROP TABLE picture;" },
  { 28, "DROP VIEW layaway_reserved; DROP TABLE layaway_move; DROP TABLE layaway_line; "
        "DROP TABLE layaway;" },
  { 27, "ALTER TABLE promotion DROP COLUMN brand; DROP INDEX product_brand;"
        "ALTER TABLE product DROP COLUMN brand;" },
  { 26, "DROP TABLE quick_key_layout; DROP TABLE quick_key; DROP TABLE quick_key_page;" },
  { 25, "DROP TABLE account_move; DROP TABLE account;" },
  { 24, "DROP INDEX journal_training;" },
  { 23, "DROP TABLE stock_take_unknown; DROP TABLE stock_take_count; DROP TABLE stock_take;" },
  { 22, "DROP TRIGGER stock_batch_no_update; DROP TRIGGER stock_batch_no_delete; DROP TABLE stock_batch;"
        "DROP TRIGGER stock_transfer_no_update; DROP TRIGGER stock_transfer_no_delete;"
        "DROP TABLE stock_transfer_line; DROP TABLE stock_transfer; DROP TABLE till_shop;"
        "DROP TRIGGER stock_level_add; DROP VIEW local_shop; DROP INDEX stock_move_transfer;"
        "DROP INDEX stock_move_product; ALTER TABLE stock_move DROP COLUMN shop_id;"
        "CREATE INDEX stock_move_product ON stock_move (product_id);"
        "CREATE TRIGGER stock_level_add AFTER INSERT ON stock_move BEGIN "
        "INSERT INTO stock_level (product_id, qty) VALUES (new.product_id, new.qty) "
        "ON CONFLICT (product_id) DO UPDATE SET qty = qty + excluded.qty; END;" },
  { 21, "DROP TABLE voucher_move; DROP TABLE voucher;" },
  { 20, "DROP TABLE fiscal_event;" },
  { 19, "DROP TABLE sale_line_promotion; DROP TABLE promotion_product; DROP TABLE promotion;" },
};

void
pos_test_undo_migrations_after (PosStore *store, int version)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert (version >= 18 && version <= POS_TEST_SCHEMA_LATEST);
  for (gsize i = 0; i < G_N_ELEMENTS (undo_steps) && undo_steps[i].version > version; i++)
    pos_test_exec (store, undo_steps[i].sql);
  pos_test_exec (store, pragma);
}

void
pos_test_make_schema_7 (PosStore *store)
{
  pos_test_undo_migrations_after (store, 18);
  undo_units_l_m (store);
  pos_test_exec (
      store,
      /* 017 */
      "ALTER TABLE user DROP COLUMN language;"
      /* 016 */
      "DROP TABLE purchase_order_line; DROP TABLE purchase_order;"
      "DROP TRIGGER cost_change_no_update; DROP TRIGGER cost_change_no_delete; DROP TABLE cost_change;"
      "ALTER TABLE sale_line DROP COLUMN cost; DROP TRIGGER supplier_product_new;"
      "DROP TRIGGER supplier_product_edit; DROP TABLE supplier_product;"
      "ALTER TABLE supplier DROP COLUMN contact; ALTER TABLE supplier DROP COLUMN customer_number;"
      "ALTER TABLE supplier DROP COLUMN lead_time_days; ALTER TABLE supplier DROP COLUMN minimum_order;"
      "ALTER TABLE supplier DROP COLUMN region;"
      /* 015 */
      "DROP TABLE fiscal_receipt;"
      /* 014 */
      "DROP TABLE price_change;"
      /* 013 */
      "DROP TRIGGER product_variant_follows; DROP TRIGGER product_variant_parent_change;"
      "DROP TRIGGER product_variant_parent; DROP TRIGGER product_variant_marks_parent;"
      "DROP INDEX product_variant; ALTER TABLE product DROP COLUMN has_variants;"
      "ALTER TABLE product DROP COLUMN variant_options; ALTER TABLE product DROP COLUMN own_price;"
      "ALTER TABLE product DROP COLUMN parent_id;"
      /* 012 */
      "DROP TABLE sign_in_miss;"
      /* 011 */
      "DROP TRIGGER label_price_new_product; DROP INDEX stock_move_receive; DROP TABLE label_price;"
      /* 010 */
      "DROP INDEX sale_line_open_item; DROP TRIGGER catalog_version_keep;"
      "DROP TRIGGER catalog_version_no_update; DROP TRIGGER catalog_version_no_delete;"
      "DROP TABLE catalog_version; ALTER TABLE product DROP COLUMN content_qty;"
      "ALTER TABLE product DROP COLUMN content_unit; ALTER TABLE product DROP COLUMN unit_price_base;"
      "ALTER TABLE product DROP COLUMN quick_key_colour;"
      "ALTER TABLE product DROP COLUMN quick_key_position; ALTER TABLE product DROP COLUMN image_path;"
      "ALTER TABLE product DROP COLUMN open_price_limit;"
      /* 009 */
      "DROP TABLE sync_alarm;"
      /* 008 */
      "DROP TRIGGER till_key_no_update; DROP TRIGGER till_key_no_delete;"
      "DROP TABLE till_key; DROP TRIGGER journal_no_update;"
      "ALTER TABLE journal DROP COLUMN signature;"
      "CREATE TRIGGER journal_no_update BEFORE UPDATE OF payload ON journal "
      "BEGIN SELECT RAISE (ABORT, 'journal is append-only'); END;"
      "PRAGMA user_version = 7");
}
