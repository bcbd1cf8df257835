/* test-sql-list-model.c — the SQL id-list model behind the big lists:
 * items-changed must describe every change exactly, at any size. */
#include "pos-test-util.h"

#include <gtk/gtk.h>

#include "pos-sql-list-model.h"
#include "stock/pos-product-item.h"
#include "stock/pos-stock-page.h"
#include "pos-stock.h"
#include "pos-store-private.h"

static const char seed_sql[]
    = "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 1900)";

/* n products named 'Item <n>' with SKU GEN-<n>, in one statement. */
static const char generate_sql[]
    = "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) "
      "INSERT INTO product (sku, name, unit, price, tax_rate_id, reorder_level) "
      "SELECT 'GEN-' || i, 'Item ' || printf ('%07d', i) || CASE i % 3 WHEN 0 THEN ' tea' ELSE ' jam' END, "
      "'each', 100 + i % 900, 1, CASE WHEN i % 10 = 0 THEN 1000 ELSE NULL END FROM n";

static void
generate_products (PosStore *store, gint64 n)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_exec (store, seed_sql, &error));
  pos_assert_no_error (error);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, generate_sql, &error);
  pos_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, n);
  assert_true (pos_store_step_done (store, stmt, &error));
  pos_assert_no_error (error);
}

/* A copy of the model kept only from its items-changed signals, the way a
 * view sees it. */
typedef struct
{
  PosSqlListModel *model;
  GArray *ids;
  guint n_signals;
  guint last_position, last_removed, last_added;
} Mirror;

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added, Mirror *mirror)
{
  assert_true (position + removed <= mirror->ids->len);
  g_array_remove_range (mirror->ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gint64 id = pos_sql_list_model_get_id (mirror->model, position + i);
      g_array_insert_val (mirror->ids, position + i, id);
    }
  mirror->n_signals++;
  mirror->last_position = position;
  mirror->last_removed = removed;
  mirror->last_added = added;
}

static Mirror *
mirror_new (PosSqlListModel *model)
{
  Mirror *mirror = g_new0 (Mirror, 1);

  mirror->model = model;
  mirror->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), mirror);
  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_array_unref (mirror->ids);
  g_free (mirror);
}

/* The mirror and the model agree, and both hold what @sql returns. */
static void
assert_mirror_matches (Mirror *mirror, PosStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, &error);
  guint i = 0;

  pos_assert_no_error (error);
  assert_int_equal (mirror->ids->len, g_list_model_get_n_items (G_LIST_MODEL (mirror->model)));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      assert_true (i < mirror->ids->len);
      assert_int_equal (g_array_index (mirror->ids, gint64, i), sqlite3_column_int64 (stmt, 0));
      i++;
    }
  assert_int_equal (i, mirror->ids->len);
}

static PosSqlListModel *
product_model (PosStore *store)
{
  return pos_sql_list_model_new (POS_TYPE_PRODUCT_ITEM, store, pos_product_item_load, NULL, NULL);
}

static void
test_query_changes_replay_exactly (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  Mirror *mirror;
  static const char *const queries[] = {
    "SELECT id FROM product ORDER BY id",
    "SELECT id FROM product WHERE id % 2 = 0 ORDER BY id",
    "SELECT id FROM product WHERE id % 3 = 0 ORDER BY id",
    "SELECT id FROM product WHERE id > 100 ORDER BY id",
    "SELECT id FROM product ORDER BY id DESC",
    "SELECT id FROM product WHERE id < 0",
    "SELECT id FROM product WHERE id <= 500 ORDER BY name",
    "SELECT id FROM product ORDER BY id",
  };

  generate_products (t->store, 1000);
  model = product_model (t->store);
  mirror = mirror_new (model);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        assert_true (pos_sql_list_model_set_query (model, queries[i], NULL, &error));
        pos_assert_no_error (error);
        assert_mirror_matches (mirror, t->store, queries[i]);
      }
  mirror_free (mirror);
}

static void
test_query_change_covers_only_the_span_that_differs (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  Mirror *mirror;

  generate_products (t->store, 100);
  model = product_model (t->store);
  mirror = mirror_new (model);
  assert_true (pos_sql_list_model_set_query (model, "SELECT id FROM product ORDER BY id", NULL, &error));
  assert_int_equal (mirror->last_position, 0);
  assert_int_equal (mirror->last_removed, 0);
  assert_int_equal (mirror->last_added, 100);

  /* Dropping id 50 (position 49) changes exactly one row. */
  assert_true (pos_sql_list_model_set_query (model, "SELECT id FROM product WHERE id <> 50 ORDER BY id", NULL,
                                             &error));
  assert_int_equal (mirror->last_position, 49);
  assert_int_equal (mirror->last_removed, 1);
  assert_int_equal (mirror->last_added, 0);

  /* The same rows again: no signal at all. */
  guint before = mirror->n_signals;
  assert_true (pos_sql_list_model_set_query (model, "SELECT id FROM product WHERE id <> 50 ORDER BY id", NULL,
                                             &error));
  assert_int_equal (mirror->n_signals, before);
  mirror_free (mirror);
}

static void
test_bad_query_keeps_rows_and_reports (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  g_autoptr (GError) error = NULL;

  generate_products (t->store, 10);
  model = product_model (t->store);
  assert_true (pos_sql_list_model_set_query (model, "SELECT id FROM product", NULL, &error));
  assert_false (pos_sql_list_model_set_query (model, "SELECT id FROM no_such_table", NULL, &error));
  assert_non_null (error);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 10);
}

static void
test_items_are_cached_and_the_cache_is_bounded (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  g_autoptr (GError) error = NULL;

  generate_products (t->store, 2000);
  model = product_model (t->store);
  assert_true (pos_sql_list_model_set_query (model, "SELECT id FROM product ORDER BY id", NULL, &error));

  g_autoptr (GObject) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_autoptr (GObject) again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  assert_ptr_equal (first, again);
  assert_string_equal (pos_product_item_get_name (POS_PRODUCT_ITEM (first)), "Item 0000001 jam");

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      assert_int_equal (pos_product_item_get_id (POS_PRODUCT_ITEM (item)), i + 1);
    }
  assert_true (pos_sql_list_model_get_n_cached (model) <= POS_SQL_LIST_CACHE_SIZE);
  assert_null (g_list_model_get_item (G_LIST_MODEL (model), 2000));

  /* An edited row is read again and the view told about it. */
  assert_true (pos_store_exec (t->store, "UPDATE product SET name = 'Renamed' WHERE id = 1", &error));
  pos_sql_list_model_reload_id (model, 1);
  g_autoptr (GObject) renamed = g_list_model_get_item (G_LIST_MODEL (model), 0);
  assert_string_equal (pos_product_item_get_name (POS_PRODUCT_ITEM (renamed)), "Renamed");
}

static void
on_async_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  guint *pending = user_data;

  assert_true (pos_sql_list_model_set_query_finish (POS_SQL_LIST_MODEL (source), result, &error));
  pos_assert_no_error (error);
  (*pending)--;
}

static void
test_async_query_newest_wins (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  guint pending = 2;

  generate_products (t->store, 5000);
  model = product_model (t->store);
  pos_sql_list_model_set_query_async (model, "SELECT id FROM product ORDER BY name", NULL, NULL,
                                      on_async_done_cb, &pending);
  pos_sql_list_model_set_query_async (model, "SELECT id FROM product WHERE id <= 7 ORDER BY id", NULL, NULL,
                                      on_async_done_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 7);
}

static void
test_fts_query_quotes_every_word (void **state)
{
  g_autofree char *q = pos_stock_fts_query ("  ap \"or* ");
  g_autofree char *none = pos_stock_fts_query ("   ");

  assert_string_equal (q, "\"ap\"* \"or*\"*");
  assert_null (none);
}

static guint
filter_and_wait (PosSqlListModel *model, const char *search, gboolean low_only)
{
  guint pending = 1;

  pos_stock_list_filter_async (model, search, low_only, NULL, on_async_done_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* The stock list's filters, whose SQL is app/'s: 300 products, every third
 * a tea, every tenth low on stock. */
static void
test_stock_list_filters_by_words_and_low_stock (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  g_autoptr (GObject) first = NULL;

  generate_products (t->store, 300);
  model = product_model (t->store);
  assert_int_equal (filter_and_wait (model, NULL, FALSE), 300);
  assert_int_equal (filter_and_wait (model, "  te ", FALSE), 100);
  assert_int_equal (filter_and_wait (model, "", TRUE), 30);
  assert_int_equal (filter_and_wait (model, "tea", TRUE), 10);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  assert_string_equal (pos_product_item_get_name (POS_PRODUCT_ITEM (first)), "Item 0000030 tea");
  assert_true (pos_product_item_is_low (POS_PRODUCT_ITEM (first)));
}

/* The whole catalog at a million rows: ids only, exact signals, a search
 * through FTS5, and rows read on demand from anywhere in the list. */
static void
test_million_rows (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosSqlListModel) model = NULL;
  g_autoptr (GError) error = NULL;
  static const char all_sql[] = "SELECT id FROM product ORDER BY name COLLATE NOCASE, id";
  static const char low_sql[]
      = "SELECT p.id FROM product p LEFT JOIN stock_level s ON s.product_id = p.id "
        "WHERE p.reorder_level IS NOT NULL AND COALESCE (s.qty, 0) <= p.reorder_level "
        "ORDER BY p.name COLLATE NOCASE, p.id";
  static const char search_sql[] = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
                                   "WHERE product_fts MATCH ?1 ORDER BY p.name COLLATE NOCASE, p.id";
  const char *params[] = { "\"0123\"*", NULL };
  Mirror *mirror;
  gint64 start;

  generate_products (t->store, 1000000);
  model = product_model (t->store);
  mirror = mirror_new (model);

  start = g_get_monotonic_time ();
  assert_true (pos_sql_list_model_set_query (model, all_sql, NULL, &error));
  pos_assert_no_error (error);
  g_test_message ("1M ids in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 1000000);
  assert_int_equal (mirror->n_signals, 1);
  assert_mirror_matches (mirror, t->store, all_sql);

  g_autoptr (GObject) last = g_list_model_get_item (G_LIST_MODEL (model), 999999);
  assert_string_equal (pos_product_item_get_name (POS_PRODUCT_ITEM (last)), "Item 1000000 jam");
  assert_int_equal (pos_sql_list_model_get_n_cached (model), 1);

  assert_true (pos_sql_list_model_set_query (model, low_sql, NULL, &error));
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 100000);
  assert_mirror_matches (mirror, t->store, low_sql);

  assert_true (pos_sql_list_model_set_query (model, search_sql, params, &error));
  pos_assert_no_error (error);
  /* 'Item 0123xxx': names 0123000 … 0123999. */
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 1000);

  assert_true (pos_sql_list_model_set_query (model, all_sql, NULL, &error));
  assert_mirror_matches (mirror, t->store, all_sql);
  mirror_free (mirror);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_query_changes_replay_exactly),
    cmocka_unit_test (test_query_change_covers_only_the_span_that_differs),
    cmocka_unit_test (test_bad_query_keeps_rows_and_reports),
    cmocka_unit_test (test_items_are_cached_and_the_cache_is_bounded),
    cmocka_unit_test (test_async_query_newest_wins),
    cmocka_unit_test (test_fts_query_quotes_every_word),
    cmocka_unit_test (test_stock_list_filters_by_words_and_low_stock),
    cmocka_unit_test (test_million_rows),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
