/* test-open-item.c — selling an unknown code as an open item, and the owner
 * finding it listed until a product has that code. */
#include "pos-test-shop.h"

#include "pos-journal.h"
#include "pos-open-item.h"
#include "pos-product-edit.h"

static gint64
count (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static void
test_open_item_is_sold_without_product_or_stock_move (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GPtrArray) items = NULL;
  PosTender cash = pos_test_cash (1000);
  PosOpenItem *item;

  assert_true (pos_cart_add_open_item (cart, "5901234123457", "Bakery", 250, "B", &error));
  pos_assert_no_error (error);
  assert_true (pos_cart_add_open_item (cart, "5901234123457", "Bakery", 250, "B", &error));
  assert_true (pos_cart_add_code (cart, "MILK", &error));
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (cart)), 3); /* open items never merge */
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->total, 250 + 250 + 119);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale_line WHERE product_id IS NULL"), 2);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), 1);
  assert_true (pos_journal_verify (shop->store, NULL, NULL));

  items = pos_open_items_list (shop->store, &error);
  pos_assert_no_error (error);
  assert_int_equal (items->len, 1);
  item = g_ptr_array_index (items, 0);
  assert_string_equal (item->code, "5901234123457");
  assert_string_equal (item->department, "Bakery");
  assert_int_equal (item->times, 2);
  assert_int_equal (item->price, 250);
  assert_string_equal (item->tax_code, "B");
}

static void
test_bad_open_items_leave_the_cart_as_it_was (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  struct
  {
    const char *code, *department;
    PosAmount price;
    const char *tax, *says;
  } bad[] = {
    { "5901234123458", "Bakery", 250, "B", "check digit" },
    { "4006381333931", "Bakery", 250, "B", "TEA" },
    { "5901234123457", " ", 250, "B", "department" },
    { "5901234123457", "Bakery", -5, "B", "negative" },
    { "5901234123457", "Bakery", 0, "B", "price" },
    { "5901234123457", "Bakery", POS_PRODUCT_PRICE_MAX + 1, "B", "believable" },
    { "5901234123457", "Bakery", 250, "Z", "tax" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      assert_false (
          pos_cart_add_open_item (cart, bad[i].code, bad[i].department, bad[i].price, bad[i].tax, &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      if (strstr (error->message, bad[i].says) == NULL)
        fail_msg ("case %u: “%s” does not say %s", i, error->message, bad[i].says);
    }
  assert_true (pos_cart_is_empty (cart));
}

static void
test_open_item_is_no_longer_listed_once_a_product_has_its_code (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (PosProduct) p = pos_product_new ();
  const char *codes[] = { "5901234123457", NULL };
  PosProductLinks links = { .barcodes = codes };
  PosTender cash = pos_test_cash (500);

  assert_true (pos_cart_add_open_item (cart, "5901234123457", "Bakery", 250, "B", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);

  p->sku = g_strdup ("RYE-1");
  p->name = g_strdup ("Rye bread");
  p->price = 260;
  p->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "B", NULL);
  assert_true (pos_product_edit_save (shop->store, shop->owner, p, &links, NULL, &error));
  pos_assert_no_error (error);
  after = pos_open_items_list (shop->store, &error);
  assert_int_equal (after->len, 0);
  assert_true (pos_cart_add_code (cart, "5901234123457", &error));
  pos_assert_no_error (error);
}

/* A department key ("Bakery 7 %"): no price of its own, the cashier types
 * one up to the key's limit, and each typed price is a line of its own. */
static void
test_open_price_key_takes_a_typed_price_up_to_its_limit (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosProduct) bakery = pos_product_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (6000);

  bakery->sku = g_strdup ("BAKERY");
  bakery->name = g_strdup ("Bakery");
  bakery->price = 0;
  bakery->open_price_limit = 5000;
  bakery->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "B", NULL);
  assert_true (pos_product_edit_save (shop->store, shop->owner, bakery, NULL, NULL, &error));
  pos_assert_no_error (error);

  assert_false (pos_cart_add_code (cart, "BAKERY", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_false (pos_cart_add_product (cart, bakery->id, POS_QTY_ONE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_false (pos_cart_add_open_price (cart, bakery->id, 5001, POS_QTY_ONE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "up to 50.00");
  g_clear_error (&error);
  assert_false (pos_cart_add_open_price (cart, bakery->id, 0, POS_QTY_ONE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_cart_add_open_price (cart, shop->tea, 100, POS_QTY_ONE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_true (pos_cart_is_empty (cart));

  assert_true (pos_cart_add_open_price (cart, bakery->id, 5000, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_open_price (cart, bakery->id, 320, 2 * POS_QTY_ONE, &error));
  pos_assert_no_error (error);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (cart)), 2);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->total, 5000 + 640);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale_line WHERE sku = 'BAKERY' AND tax_code = 'B'"),
                    2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_open_item_is_sold_without_product_or_stock_move),
    cmocka_unit_test (test_bad_open_items_leave_the_cart_as_it_was),
    cmocka_unit_test (test_open_item_is_no_longer_listed_once_a_product_has_its_code),
    cmocka_unit_test (test_open_price_key_takes_a_typed_price_up_to_its_limit),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
