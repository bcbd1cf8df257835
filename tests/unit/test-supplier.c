/* test-supplier.c — suppliers, their products, and both as other tills learn them. */
#include "pos-test-shop.h"

#include "pos-json.h"
#include "pos-store-private.h"
#include "pos-supplier.h"

static gint64
query (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static gint64
add (PosTestShop *shop, const char *name, gint64 lead_time, PosAmount minimum, gboolean local)
{
  g_autoptr (GError) error = NULL;
  g_auto (PosSupplier) s
      = { .name = g_strdup (name), .lead_time_days = lead_time, .minimum_order = minimum, .is_local = local };

  assert_true (pos_supplier_save (shop->store, shop->owner, &s, &error));
  pos_assert_no_error (error);
  assert_true (s.id > 0);
  return s.id;
}

static void
test_supplier_is_saved_found_and_listed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_auto (PosSupplier) found = { 0 };
  g_autoptr (GPtrArray) list = NULL;
  gint64 id = add (shop, "Hillside Farm", 3, 5000, TRUE);

  add (shop, "Coastal Wholesale", -1, -1, FALSE);
  assert_true (pos_supplier_find (shop->store, "Hillside Farm", &found, &error));
  assert_int_equal (found.id, id);
  assert_int_equal (found.lead_time_days, 3);
  assert_int_equal (found.minimum_order, 5000);
  assert_true (found.is_local);

  /* Renamed, given a region: the same supplier. */
  g_free (found.name), found.name = g_strdup ("Hillside Farm Ltd");
  found.region = g_strdup ("Kent");
  assert_true (pos_supplier_save (shop->store, shop->owner, &found, &error));
  pos_assert_no_error (error);
  assert_int_equal (found.id, id);
  assert_int_equal (query (shop, "SELECT count(*) FROM supplier"), 2);

  list = pos_supplier_list (shop->store, &error);
  assert_int_equal (list->len, 2);
  assert_string_equal (((PosSupplier *)g_ptr_array_index (list, 0))->name, "Coastal Wholesale");
  assert_string_equal (((PosSupplier *)g_ptr_array_index (list, 1))->region, "Kent");
  assert_int_equal (query (shop, "SELECT count(*) FROM journal WHERE type = 'supplier.saved'"), 3);
  assert_int_equal (query (shop, "SELECT count(*) FROM audit WHERE action = 'supplier_save'"), 3);
}

static void
test_bad_suppliers_are_refused_and_nothing_written (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_auto (PosSupplier) blank = { .name = g_strdup ("  "), .lead_time_days = -1, .minimum_order = -1 };
  g_auto (PosSupplier) twice
      = { .name = g_strdup ("Hillside Farm"), .lead_time_days = -1, .minimum_order = -1 };
  g_auto (PosSupplier) late = { .name = g_strdup ("Late"), .lead_time_days = -2, .minimum_order = -1 };
  g_auto (PosSupplier) ghost
      = { .id = 99, .name = g_strdup ("Ghost"), .lead_time_days = -1, .minimum_order = -1 };
  g_auto (PosSupplier) found = { 0 };

  add (shop, "Hillside Farm", -1, -1, FALSE);
  assert_false (pos_supplier_save (shop->store, shop->owner, &blank, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_supplier_save (shop->store, shop->owner, &twice, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (twice.id, 0);
  g_clear_error (&error);
  assert_false (pos_supplier_save (shop->store, shop->owner, &late, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_supplier_save (shop->store, shop->owner, &ghost, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_supplier_save (shop->store, shop->cashier, &late, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_supplier_find (shop->store, "Nobody", &found, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (query (shop, "SELECT count(*) FROM supplier"), 1);
  assert_int_equal (query (shop, "SELECT count(*) FROM journal WHERE type = 'supplier.saved'"), 1);
}

static void
test_products_link_to_several_suppliers (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) products = NULL;
  gint64 farm = add (shop, "Hillside Farm", -1, -1, TRUE);
  gint64 coast = add (shop, "Coastal Wholesale", -1, -1, FALSE);
  g_autofree char *sql
      = g_strdup_printf ("UPDATE product SET supplier_id = %" G_GINT64_FORMAT " WHERE sku = 'MILK'", farm);
  PosSupplierProduct *p;

  /* The product's own supplier is linked as it is set. */
  pos_test_exec (shop->store, sql);
  assert_true (pos_supplier_link (shop->store, shop->owner, farm, shop->milk, "HF-MILK", 55, &error));
  assert_true (pos_supplier_link (shop->store, shop->owner, coast, shop->milk, "CW-0091", 49, &error));
  /* A second link keeps what it is not given. */
  assert_true (pos_supplier_link (shop->store, shop->owner, coast, shop->milk, NULL, 47, &error));
  pos_assert_no_error (error);

  products = pos_supplier_products (shop->store, coast, &error);
  assert_int_equal (products->len, 1);
  p = g_ptr_array_index (products, 0);
  assert_string_equal (p->order_code, "CW-0091");
  assert_int_equal (p->cost, 47);
  assert_false (p->preferred);
  g_clear_pointer (&products, g_ptr_array_unref);
  products = pos_supplier_products (shop->store, farm, &error);
  assert_true (((PosSupplierProduct *)g_ptr_array_index (products, 0))->preferred);

  assert_false (pos_supplier_link (shop->store, shop->owner, 999, shop->milk, NULL, -1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_supplier_link (shop->store, shop->owner, farm, 999, NULL, -1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_supplier_link (shop->store, shop->owner, farm, shop->tea, NULL, -5, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (query (shop, "SELECT count(*) FROM supplier_product"), 2);
}

static void
test_upgrade_links_each_product_to_its_supplier (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  char *path = g_strdup (shop->t->path);

  pos_test_exec (shop->store, "INSERT INTO supplier (name) VALUES ('Hillside Farm');"
                              "UPDATE product SET supplier_id = 1, cost = 80 WHERE sku = 'MILK';");
  pos_test_make_schema_7 (shop->store);
  g_clear_pointer (&shop->t->store, pos_store_close);
  shop->t->store = shop->store = pos_store_open (path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_store_schema_version (shop->store), POS_TEST_SCHEMA_LATEST);
  assert_int_equal (query (shop, "SELECT cost FROM supplier_product WHERE product_id = "
                                 "(SELECT id FROM product WHERE sku = 'MILK') AND supplier_id = 1"),
                    80);
  assert_int_equal (query (shop, "SELECT count(*) FROM supplier_product"), 1);
  g_free (path);
}

static void
test_another_tills_supplier_events_apply_here (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) added = pos_json_parse ("{\"name\": \"Hillside Farm\", \"lead_time_days\": 2, "
                                               "\"minimum_order\": -1, \"is_local\": true}",
                                               NULL);
  g_autoptr (JsonNode) renamed = pos_json_parse ("{\"name\": \"Hillside Ltd\", \"previous_name\": "
                                                 "\"Hillside Farm\", \"lead_time_days\": 4}",
                                                 NULL);
  g_autoptr (JsonNode) linked = pos_json_parse ("{\"supplier\": \"Hillside Ltd\", \"sku\": \"TEA\", "
                                                "\"order_code\": \"HT-1\", \"cost\": 120}",
                                                NULL);
  g_autoptr (JsonNode) unknown = pos_json_parse ("{\"supplier\": \"Hillside Ltd\", \"sku\": \"NOPE\"}", NULL);

  assert_true (pos_store_begin (shop->store, &error));
  assert_true (pos_supplier_apply_saved (shop->store, json_node_get_object (added), &error));
  assert_true (pos_supplier_apply_saved (shop->store, json_node_get_object (renamed), &error));
  assert_true (pos_supplier_apply_linked (shop->store, json_node_get_object (linked), &error));
  assert_true (pos_supplier_apply_linked (shop->store, json_node_get_object (unknown), &error));
  assert_true (pos_store_commit (shop->store, &error));
  pos_assert_no_error (error);

  assert_int_equal (query (shop, "SELECT count(*) FROM supplier"), 1);
  assert_int_equal (query (shop, "SELECT lead_time_days FROM supplier WHERE name = 'Hillside Ltd'"), 4);
  assert_int_equal (query (shop, "SELECT cost FROM supplier_product"), 120);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_supplier_is_saved_found_and_listed),
    cmocka_unit_test (test_bad_suppliers_are_refused_and_nothing_written),
    cmocka_unit_test (test_products_link_to_several_suppliers),
    cmocka_unit_test (test_upgrade_links_each_product_to_its_supplier),
    cmocka_unit_test (test_another_tills_supplier_events_apply_here),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
