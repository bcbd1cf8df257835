/* pos-demo-bulk.c — a big catalog for benchmarks, written with bulk SQL.
 *
 * A million products saved one by one through pos_catalog_save() would
 * take hours (a journal event, a read-back and the FTS trigger per row).
 * Here the rows are the same as pos_catalog_save() writes, but in one
 * transaction of prepared INSERTs in id order, with the product table's
 * secondary indexes and FTS trigger set aside and made again at the end
 * (sorting once is far cheaper than a million random index inserts) and
 * the FTS index rebuilt in one go. There is no "product.saved" journal
 * event per bulk product and no "stock.receive" event for the opening
 * stock: the chain verifies, those rows are simply not in it.
 *
 * Names come from the same word lists as the corner shop, with made-up
 * brands from syllables, so type-ahead search meets a realistic spread of
 * words: "Lindquell Classic Greek yoghurt 500 g".
 *
 * One packed product in BULK_VARIANT_EVERY (10 %) comes in 3 to 8 sizes,
 * the share of a shop that sells clothes or shoes beside its groceries: the
 * ids right after it are its variants (pos-variant.h), each with its own
 * code and stock, so search and barcode lookup are measured with variants
 * in the catalog.
 */
#include "pos-demo-private.h"

#include "pos-barcode.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char *const brand_heads[] = {
  "Alp",  "Berg", "Blau",  "Dorn", "Eich",   "Feld", "Gold",  "Grün", "Hof",  "Kron", "Lind", "Moos",
  "Nord", "Ost",  "Quell", "Ros",  "Silber", "Sonn", "Stern", "Tal",  "Wald", "Weiß", "Wies", "Zeder",
};
static const char *const brand_tails[] = {
  "ach",  "au",   "berg", "blick", "brunn", "dorf", "feld",  "gard", "hain", "heim",  "hof",  "horn",
  "kamp", "land", "mark", "quell", "ried",  "see",  "stein", "tal",  "wald", "weide", "wies", "zell",
};
static const char *const ranges[] = { "Classic", "Bio",  "Gold",     "Family",    "Light", "Extra",
                                      "Premium", "Mini", "Original", "Selection", "Fair",  "Regional" };

/* Every item of every shelf, parsed once. */
typedef struct
{
  const PosDemoFamily *family;
  PosDemoItemSpec spec;
  gint64 category_id, supplier_id, tax_rate_id;
} BulkItem;

/* Weighed goods: the loose lists on prefix 28, numbered from 1000. */
typedef struct
{
  const PosDemoLoose *group;
  PosDemoItemSpec spec;
  gint64 category_id, supplier_id, tax_rate_id;
} BulkLoose;

typedef struct
{
  PosDemo *demo;
  PosDemoRng rng;
  GArray *items; /* BulkItem */
  GArray *loose; /* BulkLoose */
  guint n_weighed;
} BulkCatalog;

static gint64
lookup_id (PosStore *store, const char *sql, const char *name, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("The demo shop has no “%s”"), name);
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* The ids a shelf's products point to: category, supplier, tax rate. */
static gboolean
shelf_ids (PosDemo *demo, const char *category, int supplier, const char *tax_code, gint64 ids[3],
           GError **error)
{
  static const char category_sql[] = "SELECT id FROM category WHERE name = ?1";
  static const char tax_sql[] = "SELECT id FROM tax_rate WHERE code = ?1";

  ids[0] = lookup_id (demo->store, category_sql, category, error);
  if (ids[0] < 0)
    return FALSE;
  ids[1] = supplier < 0 ? 0 : g_array_index (demo->suppliers, gint64, supplier);
  ids[2] = lookup_id (demo->store, tax_sql, tax_code, error);
  return ids[2] >= 0;
}

static gboolean
load_words (BulkCatalog *c, GError **error)
{
  gint64 ids[3];

  for (const PosDemoFamily *f = pos_demo_families; f->category != NULL; f++)
    for (guint i = 0; f->items[i] != NULL; i++)
      {
        BulkItem item = { .family = f };
        if (!shelf_ids (c->demo, f->category, f->supplier, f->tax_code, ids, error))
          return FALSE;
        pos_demo_item_spec_parse (f->items[i], &item.spec);
        item.category_id = ids[0], item.supplier_id = ids[1], item.tax_rate_id = ids[2];
        g_array_append_val (c->items, item);
      }
  for (const PosDemoLoose *l = pos_demo_loose; l->category != NULL; l++)
    for (guint i = 0; l->prefix != 20 && l->items[i] != NULL; i++)
      {
        BulkLoose item = { .group = l };
        if (!shelf_ids (c->demo, l->category, l->supplier, l->tax_code, ids, error))
          return FALSE;
        pos_demo_item_spec_parse (l->items[i], &item.spec);
        item.category_id = ids[0], item.supplier_id = ids[1], item.tax_rate_id = ids[2];
        g_array_append_val (c->loose, item);
      }
  return TRUE;
}

static void
clear_bulk_item (gpointer data)
{
  pos_demo_item_spec_clear (&((BulkItem *)data)->spec);
}

static void
clear_bulk_loose (gpointer data)
{
  pos_demo_item_spec_clear (&((BulkLoose *)data)->spec);
}

/* ---- setting indexes and triggers aside -------------------------------- */

/*
 * Drops the secondary indexes of @table and the triggers named in
 * @triggers, appending their CREATE statements (as the schema has them) to
 * @create, to be run again by pos_demo_bulk_restore(). Names come from
 * sqlite_master and are quoted with %w: identifiers cannot be bound.
 */
gboolean
pos_demo_bulk_set_aside (PosStore *store, const char *table, const char *const *triggers, GPtrArray *create,
                         GError **error)
{
  static const char sql[] = "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
                            "((type = 'index' AND tbl_name = ?1) OR (type = 'trigger' AND name = ?2))";
  g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (sqlite3_free);

  for (guint t = 0; t == 0 || (triggers != NULL && triggers[t - 1] != NULL); t++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, t == 0 ? table : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, t == 0 ? "" : triggers[t - 1], -1, SQLITE_STATIC);
      while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
        {
          const char *name = (const char *)sqlite3_column_text (stmt, 0);
          g_ptr_array_add (create, pos_stmt_dup_text (stmt, 1));
          g_ptr_array_add (drops,
                           sqlite3_mprintf (t == 0 ? "DROP INDEX \"%w\"" : "DROP TRIGGER \"%w\"", name));
        }
      if (rc < 0)
        return FALSE;
    }
  for (guint i = 0; i < drops->len; i++)
    if (!pos_store_exec (store, g_ptr_array_index (drops, i), error))
      return FALSE;
  return TRUE;
}

/* Runs the CREATE statements pos_demo_bulk_set_aside() kept. */
gboolean
pos_demo_bulk_restore (PosStore *store, GPtrArray *create, GError **error)
{
  for (guint i = 0; i < create->len; i++)
    if (!pos_store_exec (store, g_ptr_array_index (create, i), error))
      return FALSE;
  g_ptr_array_set_size (create, 0);
  return TRUE;
}

/* ---- products ---------------------------------------------------------- */

typedef struct
{
  char sku[16];
  char code[14];
  GString *name;
  const char *unit;
  PosAmount price, cost;
  PosQty reorder_level;
  gint64 category_id, supplier_id, tax_rate_id;
  gint64 parent_id;    /* a variant's product, else 0 */
  const char *options; /* a variant's options */
} ProductRow;

#define BULK_VARIANT_EVERY 10
#define BULK_VARIANTS_MIN 3
static const char *const bulk_sizes[]
    = { "size=XS", "size=S", "size=M", "size=L", "size=XL", "size=XXL", "size=3XL", "size=4XL" };

static void
brand_into (BulkCatalog *c, GString *name)
{
  g_string_append (name, brand_heads[pos_demo_rng_below (&c->rng, G_N_ELEMENTS (brand_heads))]);
  g_string_append (name, brand_tails[pos_demo_rng_below (&c->rng, G_N_ELEMENTS (brand_tails))]);
}

/* A packed product: brand, maybe a range, item, variant, size; an EAN-13
 * in GS1 Germany's range made of the id, so codes ascend with ids. */
static void
packed_row (BulkCatalog *c, guint64 id, ProductRow *row)
{
  const BulkItem *item = &g_array_index (c->items, BulkItem, pos_demo_rng_below (&c->rng, c->items->len));
  guint size = item->spec.n_sizes ? (guint)pos_demo_rng_below (&c->rng, item->spec.n_sizes) : 0;
  gint64 cents = pos_demo_size_price (item->spec.cents, size) * pos_demo_rng_between (&c->rng, 80, 125) / 100;

  brand_into (c, row->name);
  if (pos_demo_rng_chance (&c->rng, 500))
    g_string_append_printf (row->name, " %s", ranges[pos_demo_rng_below (&c->rng, G_N_ELEMENTS (ranges))]);
  g_string_append_printf (row->name, " %s", item->spec.name);
  if (item->spec.has_variants)
    {
      const char *const *v = item->family->variants;
      g_string_append_printf (row->name, " %s", v[pos_demo_rng_below (&c->rng, g_strv_length ((char **)v))]);
    }
  if (item->spec.n_sizes)
    g_string_append_printf (row->name, " %s", item->spec.sizes[size]);
  g_snprintf (row->code, 13, "40%010" G_GUINT64_FORMAT, id);
  row->unit = "each";
  row->price = pos_demo_price (c->demo, cents, (item->family->flags & POS_DEMO_EXACT_PRICE) == 0);
  row->reorder_level = pos_demo_rng_between (&c->rng, 2, 12) * POS_QTY_ONE;
  row->category_id = item->category_id, row->supplier_id = item->supplier_id;
  row->tax_rate_id = item->tax_rate_id;
}

/* A weighed product on prefix 28 with item number 1000 + @n. */
static void
weighed_row (BulkCatalog *c, guint n, ProductRow *row)
{
  const BulkLoose *item = &g_array_index (c->loose, BulkLoose, n % c->loose->len);

  g_string_append_printf (row->name, "%s, ", item->spec.name);
  brand_into (c, row->name);
  g_snprintf (row->code, 13, "28%04u000000", 1000 + n);
  row->unit = "kg";
  row->price
      = pos_demo_price (c->demo, item->spec.cents * pos_demo_rng_between (&c->rng, 85, 120) / 100, TRUE);
  row->reorder_level = pos_demo_rng_between (&c->rng, 1, 5) * POS_QTY_ONE;
  row->category_id = item->category_id, row->supplier_id = item->supplier_id;
  row->tax_rate_id = item->tax_rate_id;
}

static gboolean
insert_product (PosStore *store, guint64 id, const ProductRow *row, GError **error)
{
  static const char barcode_sql[] = "INSERT INTO barcode (code, product_id) VALUES (?1, ?2)";
  PosProduct product = {
    .id = (gint64)id,
    .sku = (char *)row->sku,
    .name = row->name->str,
    .unit = (char *)row->unit,
    .price = row->price,
    .cost = row->cost,
    .tax_rate_id = row->tax_rate_id,
    .category_id = row->category_id,
    .supplier_id = MAX (row->supplier_id, 0),
    .reorder_level = row->reorder_level,
    .active = TRUE,
    .parent_id = row->parent_id,
    .variant_options = (char *)row->options,
  };
  g_autoptr (PosStmt) barcode = NULL;

  if (pos_catalog_insert (store, &product, NULL, error) == 0
      || (barcode = pos_store_prepare (store, barcode_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (barcode, 1, row->code, 13, SQLITE_STATIC);
  sqlite3_bind_int64 (barcode, 2, (gint64)id);
  return pos_store_step_done (store, barcode, error);
}

/* Some products, spread over the catalog, for a history rung up through
 * the till's own code (pos-demo-history.c). */
static void
keep_sample (BulkCatalog *c, guint64 id, const ProductRow *row, guint n_products)
{
  guint step = MAX (1, n_products / 5000);
  PosDemoItem item = { .id = (gint64)id, .price = row->price, .supplier_id = row->supplier_id };

  if ((id - 1) % step != 0)
    return;
  item.kind = g_str_equal (row->unit, "kg") ? POS_DEMO_WEIGHED : POS_DEMO_PACKED;
  item.code = g_strdup (row->code);
  item.prefix = 28;
  item.item = (guint)(id - 1) + 1000;
  item.popularity = (guint32)(100000 / (pos_demo_rng_below (&c->rng, 200) + 3));
  item.reorder_level = row->reorder_level;
  g_array_append_val (c->demo->items, item);
}

/* Variant @n of the product in @parent, which names it ("… (M)"). */
static void
variant_row (const ProductRow *parent, guint64 parent_id, guint n, guint64 id, ProductRow *row)
{
  GString *name = row->name;

  *row = *parent;
  row->name = name;
  g_snprintf (row->code, 13, "40%010" G_GUINT64_FORMAT, id);
  g_string_append_printf (name, "%s (%s)", parent->name->str, bulk_sizes[n] + strlen ("size="));
  row->parent_id = (gint64)parent_id;
  row->options = bulk_sizes[n];
}

static gboolean
insert_products (BulkCatalog *c, guint n_products, GError **error)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GString) parent_name = g_string_new (NULL);
  ProductRow parent = { .name = parent_name };
  guint64 parent_id = 0;
  guint n_variants = 0; /* of the parent still to come */
  guint n_sizes = 0;    /* the parent's */
  guint n_packed = 0;   /* products that are not variants, so far */

  for (guint64 id = 1; id <= n_products; id++)
    {
      ProductRow row = { .name = name };
      PosAmount net = 0;
      gboolean is_parent = FALSE;

      g_string_truncate (name, 0);
      if (id <= c->n_weighed)
        weighed_row (c, (guint)id - 1, &row);
      else if (n_variants > 0)
        variant_row (&parent, parent_id, n_sizes - n_variants--, id, &row);
      else
        {
          packed_row (c, id, &row);
          /* 3–8 sizes, from the count so far: the rest of the row draws as before. */
          n_sizes = BULK_VARIANTS_MIN + n_packed / BULK_VARIANT_EVERY % (G_N_ELEMENTS (bulk_sizes) - 2);
          is_parent = ++n_packed % BULK_VARIANT_EVERY == 0 && id + n_sizes <= n_products;
        }
      row.code[12] = '\0';
      row.code[12] = pos_gtin_check_digit (row.code);
      row.code[13] = '\0';
      g_snprintf (row.sku, sizeof row.sku, "B%07" G_GUINT64_FORMAT, id);
      pos_amount_mul_div (row.price, 65, 100 + 19, &net, NULL);
      row.cost = net;
      if (!insert_product (c->demo->store, id, &row, error))
        return FALSE;
      if (!is_parent)
        keep_sample (c, id, &row, n_products); /* a parent is never sold itself */
      else
        {
          g_string_assign (parent_name, name->str);
          parent = row, parent.name = parent_name;
          parent_id = id, n_variants = n_sizes;
        }
    }
  return TRUE;
}

/* A few weeks of stock for every product but those sold as variants, as
 * one delivery without a supplier (no journal event: see above). */
static gboolean
opening_stock (PosDemo *demo, GError **error)
{
  static const char sql[]
      = "INSERT INTO stock_move (product_id, qty, reason, reference, user_id, till_id, "
        "created_at) SELECT id, reorder_level * 4, 'receive', 'Opening stock', ?1, ?2, ?3 "
        "FROM product WHERE has_variants = 0 ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (demo->store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, demo->owner->id);
  sqlite3_bind_text (stmt, 2, demo->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  return pos_store_step_done (demo->store, stmt, error);
}

static gboolean
write_catalog (BulkCatalog *c, guint n_products, GError **error)
{
  static const char *const fts_trigger[] = { "product_fts_insert", NULL };
  g_autoptr (GPtrArray) create = g_ptr_array_new_with_free_func (g_free);
  PosStore *store = c->demo->store;

  return pos_demo_catalog_base (c->demo, error) && load_words (c, error)
         && pos_demo_bulk_set_aside (store, "product", fts_trigger, create, error)
         && pos_demo_bulk_set_aside (store, "barcode", NULL, create, error)
         && insert_products (c, n_products, error) && pos_demo_bulk_restore (store, create, error)
         && pos_store_exec (store, "INSERT INTO product_fts (product_fts) VALUES ('rebuild')", error)
         && opening_stock (c->demo, error);
}

/*
 * Writes @n_products products (ids 1…n, SKUs B0000001…, EAN-13 codes
 * 40nnnnnnnnnnC; the first n/100, at most 8,999, weighed on prefix 28) with
 * categories, suppliers and opening stock, in one transaction.
 */
gboolean
pos_demo_bulk_catalog (PosDemo *demo, guint n_products, GError **error)
{
  BulkCatalog c = { .demo = demo };
  gboolean ok;

  pos_demo_rng_init (&c.rng, demo->options.seed, 5);
  c.items = g_array_new (FALSE, TRUE, sizeof (BulkItem));
  c.loose = g_array_new (FALSE, TRUE, sizeof (BulkLoose));
  g_array_set_clear_func (c.items, clear_bulk_item);
  g_array_set_clear_func (c.loose, clear_bulk_loose);
  c.n_weighed = MIN (n_products / 100, 8999);

  ok = pos_store_begin (demo->store, error);
  if (ok)
    {
      ok = write_catalog (&c, n_products, error) && pos_store_commit (demo->store, error);
      if (!ok)
        pos_store_rollback (demo->store);
    }
  g_array_unref (c.items);
  g_array_unref (c.loose);
  if (ok)
    pos_demo_estimate_demand (demo);
  return ok;
}
