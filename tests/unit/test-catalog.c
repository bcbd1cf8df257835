/* test-catalog.c — products: saving, barcodes, lookup and type-ahead search. */
#include "pos-test-util.h"

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
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type != 'till.key'"), 1);
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

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_saved_product_is_found_by_barcode_and_sku),
    cmocka_unit_test (test_unknown_code_is_not_found),
    cmocka_unit_test (test_invalid_products_are_refused_and_change_nothing),
    cmocka_unit_test (test_edit_bumps_the_version),
    cmocka_unit_test (test_search_matches_word_prefixes_and_ignores_syntax),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
