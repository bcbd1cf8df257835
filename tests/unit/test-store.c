/* test-store.c — opening, configuring and protecting the store file. */
#include "pos-test-util.h"
#include "pos-store-private.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static void
test_new_store_is_private_wal_and_migrated (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  GStatBuf st;
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt = NULL;

  assert_int_equal (g_stat (t->path, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);

  assert_int_equal (sqlite3_prepare_v2 (pos_store_db (t->store), "PRAGMA journal_mode", -1, &stmt, NULL),
                    SQLITE_OK);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  mode = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  assert_string_equal (mode, "wal");

  assert_int_equal (pos_test_query_int (t->store, "PRAGMA synchronous"), 2); /* FULL */
  assert_int_equal (pos_test_query_int (t->store, "PRAGMA foreign_keys"), 1);
  assert_true (pos_store_schema_version (t->store) >= 1);
  assert_int_equal (pos_store_health (t->store), POS_STORE_HEALTHY);
}

static void
test_missing_store_is_not_created_without_flag (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "none.db", NULL);
  g_autoptr (GError) error = NULL;
  PosStore *store = pos_store_open (path, POS_STORE_OPEN_DEFAULT, &error);

  assert_null (store);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* An empty file (a failed copy, a truncated disk) or a blank SQLite file
 * is no shop: only init creates one, so verify never says "ok" of it. */
static void
test_empty_file_is_no_store (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *blank = g_build_filename (dir, "blank.db", NULL);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  GStatBuf st;

  assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_null (pos_store_open (empty, POS_STORE_OPEN_DEFAULT, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_non_null (strstr (error->message, "no store at"));
  g_clear_error (&error);
  assert_null (pos_store_open (empty, POS_STORE_OPEN_READONLY, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (g_stat (empty, &st), 0);
  assert_int_equal (st.st_size, 0);

  assert_int_equal (sqlite3_open (blank, &db), SQLITE_OK);
  assert_int_equal (sqlite3_exec (db, "PRAGMA page_size = 4096; VACUUM", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  g_clear_error (&error);
  assert_null (pos_store_open (blank, POS_STORE_OPEN_DEFAULT, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);

  /* init may make a shop of the empty file */
  g_clear_error (&error);
  {
    g_autoptr (PosStore) made = pos_store_open (empty, POS_STORE_OPEN_CREATE, &error);
    pos_assert_no_error (error);
    assert_true (pos_store_schema_version (made) >= 1);
  }
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
write_one_setting (PosStore *store, const char *value, GError **error)
{
  if (pos_store_begin (store, error))
    {
      if (pos_store_set_setting (store, "shop_name", value, error))
        pos_store_commit (store, error);
      else
        pos_store_rollback (store);
    }
}

/* A till that goes on committing into a file someone deleted acknowledges
 * sales nobody will find: the commit is refused and stays refused. */
static void
test_commit_into_a_deleted_store_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  write_one_setting (t->store, "before", &error);
  pos_assert_no_error (error);
  assert_int_equal (g_unlink (t->path), 0);
  write_one_setting (t->store, "after", &error);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_non_null (strstr (error->message, "was deleted or moved"));
  assert_false (pos_store_in_transaction (t->store));
  g_clear_error (&error);
  write_one_setting (t->store, "later", &error);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
}

static void
test_commit_after_the_store_was_replaced_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *aside = g_strconcat (t->path, ".aside", NULL);

  write_one_setting (t->store, "before", &error);
  pos_assert_no_error (error);
  assert_int_equal (g_rename (t->path, aside), 0);
  assert_true (g_file_set_contents (t->path, "someone else's file", -1, NULL));
  write_one_setting (t->store, "after", &error);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_non_null (strstr (error->message, "was replaced"));
}

static void
test_commit_after_the_log_was_deleted_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);

  write_one_setting (t->store, "before", &error);
  pos_assert_no_error (error);
  write_one_setting (t->store, "again", &error); /* the guard has seen the log by now */
  pos_assert_no_error (error);
  assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_int_equal (g_unlink (wal), 0);
  write_one_setting (t->store, "after", &error);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_non_null (strstr (error->message, "write-ahead log"));
}

static void
test_reopen_keeps_schema_version (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  int version = pos_store_schema_version (t->store);
  g_autoptr (PosStore) again = NULL;

  g_clear_pointer (&t->store, pos_store_close);
  again = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_store_schema_version (again), version);
}

static void
test_append_only_tables_refuse_update_and_delete (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_exec (
      t->store, "INSERT INTO audit (created_at, action) VALUES ('2026-01-01T00:00:00.000Z', 'x')", &error));
  assert_false (pos_store_exec (t->store, "UPDATE audit SET action = 'y'", &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, "append-only"));
  g_clear_error (&error);
  assert_false (pos_store_exec (t->store, "DELETE FROM audit", &error));
  assert_non_null (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE action = 'x'"), 1);
}

static void
test_stock_level_cache_follows_moves (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_exec (
      t->store,
      "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Std', 2000);"
      "INSERT INTO product (id, sku, name, price, tax_rate_id) VALUES (1, 'S1', 'Tea', 250, 1);"
      "INSERT INTO stock_move (product_id, qty, reason, created_at) VALUES (1, 5000, 'receive', 'x');"
      "INSERT INTO stock_move (product_id, qty, reason, created_at) VALUES (1, -2000, 'sale', 'x');",
      &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT qty FROM stock_level WHERE product_id = 1"), 3000);
}

static void
test_damaged_store_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) again = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  assert_true (pos_store_exec (t->store,
                               "CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                               "SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT "
                               "hex(randomblob(100)) FROM n; PRAGMA wal_checkpoint(TRUNCATE);",
                               &error));
  pos_assert_no_error (error);
  g_clear_pointer (&t->store, pos_store_close);

  /* Scribble over pages in the middle of the file, as a failing disk would. */
  assert_true (g_file_get_contents (t->path, &bytes, &length, NULL));
  assert_true (length > 64 * 1024);
  memset (bytes + 40 * 1024, 0x5a, 16 * 1024);
  assert_true (g_file_set_contents (t->path, bytes, length, NULL));

  again = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  assert_null (again);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_non_null (strstr (error->message, "restore"));
}

static gint64
index_exists (PosStore *store, const char *name)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '%s'", name);

  return pos_test_query_int (store, sql);
}

/* Every index on a sale's tables costs each sale a page: only those a
 * query reads are kept (006). */
static void
test_sale_indexes_no_query_reads_are_gone (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();

  assert_true (pos_store_schema_version (t->store) >= 6);
  assert_int_equal (index_exists (t->store, "sale_created"), 0);
  assert_int_equal (index_exists (t->store, "sale_line_product"), 0);
  /* A product's moves are found through stock_ledger, beside its level (030). */
  assert_int_equal (index_exists (t->store, "stock_move_product"), 0);
  /* The X and Z, RKSV and verify read a till's sales as an id range (033);
   * what waits for the hub is journal_outbox, not an index on a mark (037). */
  assert_int_equal (index_exists (t->store, "sale_till"), 0);
  assert_int_equal (index_exists (t->store, "journal_unpushed"), 0);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64)st.st_size : 0;
}

/* The plan of @sql, its lines joined by "; ". */
static char *
query_plan (PosStore *store, const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, explain, NULL);
  GString *plan = g_string_new (NULL);

  assert_non_null (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s; ", (const char *)sqlite3_column_text (stmt, 3));
  return g_string_free (plan, FALSE);
}

/* Without sale_till, a till's sales after an id are an id range of sale:
 * read through the till's receipt-number index they would be every sale
 * the till ever rang up, for each Z period verify sums. */
static void
test_a_tills_sales_after_an_id_are_read_as_an_id_range (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *const views[] = { "z_period_of_rows", "z_period_tax_of_rows", "z_period_payment_of_rows" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *sql = g_strconcat ("SELECT * FROM ", views[i], NULL);
      g_autofree char *plan = query_plan (t->store, sql);

      /* each period, then its sales (or their taxes or payments) by id */
      pos_assert_contains (plan, "SCAN r; SEARCH ");
      assert_null (strstr (plan, "sqlite_autoindex_sale_2 (till_id=?)"));
      assert_null (strstr (plan, "AUTOMATIC"));
      assert_null (strstr (plan, "SCAN s; "));
      assert_null (strstr (plan, "SCAN p; "));
    }
}

/* Upgrading a store: a migration that drops indexes frees their pages
 * without zeroing each into the log, and the log is emptied afterwards;
 * the connection's own secure_delete setting is left as it was. */
static void
test_upgrade_empties_the_log_and_keeps_secure_delete (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);
  PosStore *reader;
  int secure_delete;

  /* A store as version 5 left it, its sales indexed by time. */
  pos_test_make_schema_7 (t->store);
  pos_test_exec (t->store, "CREATE INDEX sale_created ON sale (created_at);"
                           "CREATE INDEX sale_line_product ON sale_line (product_id);"
                           "DROP INDEX product_sku_nocase;"
                           "PRAGMA user_version = 5");
  g_clear_pointer (&t->store, pos_store_close);
  /* Another connection keeps the log from being removed at close. */
  reader = pos_store_open (t->path, POS_STORE_OPEN_READONLY, &error);
  pos_assert_no_error (error);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  secure_delete = (int)pos_test_query_int (t->store, "PRAGMA secure_delete");

  assert_int_equal (pos_store_schema_version (t->store), POS_TEST_SCHEMA_LATEST);
  assert_int_equal (index_exists (t->store, "sale_created"), 0);
  assert_int_equal (file_size (wal), 0);
  g_clear_pointer (&t->store, pos_store_close);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT | POS_STORE_OPEN_NO_CHECK, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "PRAGMA secure_delete"), secure_delete);
  pos_store_close (reader);
}

/* 018 rebuilds the product table to sell by the litre and the metre: the
 * rows that point at products (barcodes, labels, stock, sales) keep them,
 * search still finds them, the triggers work again and foreign keys are
 * enforced once more after the upgrade. */
static void
test_upgrade_to_litres_and_metres_keeps_every_product_row (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  pos_test_exec (
      t->store,
      "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 2000);"
      "INSERT INTO product (id, sku, name, price, tax_rate_id) VALUES (7, 'OIL', 'Olive oil', 900, 1);"
      "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 7);"
      "INSERT INTO stock_move (product_id, qty, reason, created_at) "
      "VALUES (7, 5000, 'receive', '2026-01-01T00:00:00Z')");
  pos_test_make_schema_7 (t->store);
  g_clear_pointer (&t->store, pos_store_close);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);

  assert_int_equal (pos_store_schema_version (t->store), POS_TEST_SCHEMA_LATEST);
  assert_int_equal (pos_test_query_int (t->store, "PRAGMA foreign_keys"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT product_id FROM barcode"), 7);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM label_price WHERE product_id = 7"),
                    1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT qty FROM stock_level WHERE product_id = 7"), 5000);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT rowid FROM product_fts WHERE product_fts MATCH 'oli*'"), 7);
  pos_test_exec (
      t->store,
      "UPDATE product SET unit = 'l' WHERE id = 7;"
      "INSERT INTO product (sku, name, unit, price, tax_rate_id) VALUES ('CAB', 'Cable', 'm', 120, 1)");
  assert_int_equal (pos_test_query_int (t->store, "SELECT version FROM product WHERE id = 7"), 2);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM catalog_version WHERE product_id = 7"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM label_price"), 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_new_store_is_private_wal_and_migrated),
    cmocka_unit_test (test_missing_store_is_not_created_without_flag),
    cmocka_unit_test (test_empty_file_is_no_store),
    cmocka_unit_test (test_commit_into_a_deleted_store_is_refused),
    cmocka_unit_test (test_commit_after_the_store_was_replaced_is_refused),
    cmocka_unit_test (test_commit_after_the_log_was_deleted_is_refused),
    cmocka_unit_test (test_reopen_keeps_schema_version),
    cmocka_unit_test (test_append_only_tables_refuse_update_and_delete),
    cmocka_unit_test (test_stock_level_cache_follows_moves),
    cmocka_unit_test (test_damaged_store_is_refused),
    cmocka_unit_test (test_sale_indexes_no_query_reads_are_gone),
    cmocka_unit_test (test_a_tills_sales_after_an_id_are_read_as_an_id_range),
    cmocka_unit_test (test_upgrade_empties_the_log_and_keeps_secure_delete),
    cmocka_unit_test (test_upgrade_to_litres_and_metres_keeps_every_product_row),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
