/* test-catalog.c — products: saving, barcodes, lookup and type-ahead search. */
#include "pos-test-util.h"

#include "pos-catalog-search.h"
#include "pos-catalog.h"
#include "pos-store-private.h"

static PosProduct *
draft (PosStore *store, const char *sku, const char *name, PosAmount price)
{
  PosProduct *p = pos_product_new ();

  p->sku = g_strdup (sku);
  p->name = g_strdup (name);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (store, "A", NULL);
  return p;
}

static void
add_tax_rate (PosStore *store)
{
  assert_true (pos_store_exec (
      store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000)", NULL));
}

static void
test_saved_product_is_found_by_barcode_and_sku (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = NULL;
  g_autoptr (PosProduct) by_code = NULL;
  g_autoptr (PosProduct) by_sku = NULL;

  add_tax_rate (t->store);
  p = draft (t->store, "TEA-1", "Earl Grey tea 100g", 349);
  assert_true (pos_catalog_save (t->store, p, &error));
  pos_assert_no_error (error);
  assert_true (pos_catalog_add_barcode (t->store, p->id, "4006381333931", &error));

  by_code = pos_catalog_lookup (t->store, "4006381333931", &error);
  pos_assert_no_error (error);
  assert_string_equal (by_code->name, "Earl Grey tea 100g");
  assert_int_equal (by_code->price, 349);
  assert_string_equal (by_code->tax_code, "A");
  assert_int_equal (by_code->tax_rate_bp, 2000);
  by_sku = pos_catalog_lookup (t->store, "TEA-1", &error);
  assert_int_equal (by_sku->id, p->id);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type = 'product.saved'"), 1);
}

static void
test_unknown_code_is_not_found (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) p = pos_catalog_lookup (t->store, "0000000000000", &error);

  assert_null (p);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_invalid_products_are_refused_and_change_nothing (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) negative = NULL;
  g_autoptr (PosProduct) nameless = NULL;
  g_autoptr (PosProduct) first = NULL;
  g_autoptr (PosProduct) twin = NULL;

  add_tax_rate (t->store);
  negative = draft (t->store, "X1", "Broken", -1);
  assert_false (pos_catalog_save (t->store, negative, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "negative"));
  g_clear_error (&error);

  nameless = draft (t->store, "X2", "  ", 100);
  assert_false (pos_catalog_save (t->store, nameless, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);

  first = draft (t->store, "X3", "One", 100);
  assert_true (pos_catalog_save (t->store, first, NULL));
  twin = draft (t->store, "X3", "Two", 100);
  assert_false (pos_catalog_save (t->store, twin, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);

  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM product"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type != 'till.key'"),
                    1);
}

static void
test_edit_bumps_the_version (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosProduct) p = NULL;

  add_tax_rate (t->store);
  p = draft (t->store, "B1", "Bread", 250);
  assert_true (pos_catalog_save (t->store, p, NULL));
  assert_int_equal (p->version, 1);
  p->price = 275;
  assert_true (pos_catalog_save (t->store, p, NULL));
  assert_int_equal (p->version, 2);
}

static void
test_search_matches_word_prefixes_and_ignores_syntax (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Apple juice 1l", "Apples Braeburn", "Crème fraîche", "Pineapple slices", NULL };

  add_tax_rate (t->store);
  for (int i = 0; names[i]; i++)
    {
      g_autofree char *sku = g_strdup_printf ("S%d", i);
      g_autoptr (PosProduct) p = draft (t->store, sku, names[i], 100);
      assert_true (pos_catalog_save (t->store, p, NULL));
    }

  assert_true (pos_catalog_search_ids (t->store, "app", 50, ids, &error));
  assert_int_equal (ids->len, 2); /* word prefixes only: not "Pineapple" */
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "apple ju", 50, ids, &error));
  assert_int_equal (ids->len, 1);
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "creme", 50, ids, &error));
  assert_int_equal (ids->len, 1);
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "\"NEAR(* OR", 50, ids, &error));
  pos_assert_no_error (error);
  g_array_set_size (ids, 0);
  assert_true (pos_catalog_search_ids (t->store, "   ", 50, ids, &error));
  assert_int_equal (ids->len, 0);
}

static void
add_products (PosStore *store, const char *const *skus, const char *const *names)
{
  add_tax_rate (store);
  for (int i = 0; skus[i]; i++)
    {
      g_autoptr (PosProduct) p = draft (store, skus[i], names[i], 100 + i);
      assert_true (pos_catalog_save (store, p, NULL));
    }
}

/* What EXPLAIN QUERY PLAN says of @sql, one line per step. */
static char *
query_plan (PosStore *store, const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, explain, NULL);
  g_autoptr (GString) plan = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *)sqlite3_column_text (stmt, 3));
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static void
test_sku_is_found_whatever_its_case_by_an_index (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "FAB-1", "Tea-2", NULL }, *names[] = { "Pencil", "Tea", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) pencil = NULL;
  g_autoptr (PosProduct) tea = NULL;
  g_autofree char *plan = NULL;

  add_products (t->store, skus, names);
  pencil = pos_catalog_lookup (t->store, "fab-1", &error);
  pos_assert_no_error (error);
  assert_string_equal (pencil->name, "Pencil");
  tea = pos_catalog_lookup (t->store, "TEA-2", &error);
  pos_assert_no_error (error);
  assert_string_equal (tea->sku, "Tea-2");

  plan = query_plan (t->store, "SELECT id FROM product WHERE sku = 'x' COLLATE NOCASE");
  pos_assert_contains (plan, "product_sku_nocase");
}

static void
on_quick_keys_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GPtrArray **keys = user_data;
  g_autoptr (GError) error = NULL;

  *keys = pos_catalog_quick_keys_finish (result, &error);
  pos_assert_no_error (error);
}

static GPtrArray *
read_quick_keys (PosStore *store, const char *const *skus, guint max)
{
  GPtrArray *keys = NULL;

  pos_catalog_quick_keys_async (store, skus, max, NULL, on_quick_keys_read_cb, &keys);
  while (keys == NULL)
    g_main_context_iteration (NULL, TRUE);
  return keys;
}

static void
test_quick_keys_are_the_set_skus_or_the_first_products (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "A", "B", "C", NULL }, *names[] = { "Apple", "Bread", "Cheese", NULL };
  const char *wanted[] = { "c", "NOPE", "A", NULL }, *unknown[] = { "NOPE", NULL };
  g_autoptr (GPtrArray) set = NULL;
  g_autoptr (GPtrArray) first = NULL;

  add_products (t->store, skus, names);
  set = read_quick_keys (t->store, wanted, 12);
  assert_int_equal (set->len, 2);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (set, 0)), "Cheese");
  assert_int_equal (pos_catalog_item_get_price (g_ptr_array_index (set, 0)), 102);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (set, 1)), "Apple");

  first = read_quick_keys (t->store, unknown, 2);
  assert_int_equal (first->len, 2);
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (first, 0)), "Apple");
  assert_string_equal (pos_catalog_item_get_name (g_ptr_array_index (first, 1)), "Bread");
}

static void
test_search_model_lists_the_matches_as_items (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  const char *skus[] = { "A", "B", NULL }, *names[] = { "Apple juice", "Apples Braeburn", NULL };
  g_autoptr (PosSqlListModel) model = pos_catalog_search_model_new (t->store);
  g_autoptr (PosCatalogItem) item = NULL;

  add_products (t->store, skus, names);
  assert_int_equal (pos_catalog_search_model_set_text (model, t->store, "apple ju", NULL), 1);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  assert_string_equal (pos_catalog_item_get_name (item), "Apple juice");
  assert_false (pos_catalog_item_is_weighed (item));
  assert_int_equal (pos_catalog_search_model_set_text (model, t->store, "", NULL), 0);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 0);
}

/* 120 characters is the limit whatever their bytes: 120 "ä" (240 bytes)
 * fit, 121 do not, through save and through the one insert statement. */
static void
test_product_name_has_a_length_limit_in_characters (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (PosProduct) fits = NULL;
  g_autoptr (PosProduct) too_long = NULL;
  g_autoptr (GError) error = NULL;

  add_tax_rate (t->store);
  for (int i = 0; i < POS_PRODUCT_NAME_MAX_CHARS; i++)
    g_string_append (name, "ä");
  fits = draft (t->store, "OK-1", name->str, 100);
  assert_true (pos_catalog_save (t->store, fits, &error));
  pos_assert_no_error (error);

  g_string_append (name, "ä");
  too_long = draft (t->store, "LONG-1", name->str, 100);
  assert_false (pos_catalog_save (t->store, too_long, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (pos_catalog_insert (t->store, too_long, NULL, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM product"), 1);
}

/* A delivery's cost goes through the catalog: only a real change makes a
 * new version of the product. */
static void
test_delivery_cost_bumps_the_version_only_when_it_changes (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosProduct) p = NULL;
  g_autoptr (GError) error = NULL;
  const char *version = "SELECT version FROM product WHERE sku = 'COST-1'";
  gint64 before;

  add_tax_rate (t->store);
  p = draft (t->store, "COST-1", "Tea", 250);
  assert_true (pos_catalog_save (t->store, p, &error));
  pos_assert_no_error (error);
  before = pos_test_query_int (t->store, version);
  assert_true (pos_catalog_set_cost (t->store, p->id, 120, &error));
  assert_int_equal (pos_test_query_int (t->store, version), before + 1);
  assert_true (pos_catalog_set_cost (t->store, p->id, 120, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, version), before + 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT cost FROM product WHERE sku = 'COST-1'"), 120);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_saved_product_is_found_by_barcode_and_sku),
    cmocka_unit_test (test_unknown_code_is_not_found),
    cmocka_unit_test (test_invalid_products_are_refused_and_change_nothing),
    cmocka_unit_test (test_edit_bumps_the_version),
    cmocka_unit_test (test_search_matches_word_prefixes_and_ignores_syntax),
    cmocka_unit_test (test_sku_is_found_whatever_its_case_by_an_index),
    cmocka_unit_test (test_quick_keys_are_the_set_skus_or_the_first_products),
    cmocka_unit_test (test_search_model_lists_the_matches_as_items),
    cmocka_unit_test (test_product_name_has_a_length_limit_in_characters),
    cmocka_unit_test (test_delivery_cost_bumps_the_version_only_when_it_changes),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
