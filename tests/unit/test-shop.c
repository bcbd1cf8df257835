/* test-shop.c — the shop's settings and tax rates: what an owner may change, and what never changes. */
#include "pos-test-shop.h"

#include <string.h>

#include "pos-shop.h"
#include "pos-store-private.h"

static void
sell_one_tea (PosTestShop *shop)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender card = pos_test_card (349, "T-1");

  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &card, 1, &error);
  pos_assert_no_error (error);
}

static void
test_currency_can_change_until_the_first_sale (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autofree char *currency = NULL;

  assert_true (pos_shop_setting_set (shop->store, shop->owner, "currency", "CHF", &error));
  pos_assert_no_error (error);
  assert_true (pos_shop_setting_set (shop->store, shop->owner, "currency", "EUR", &error));
  sell_one_tea (shop);

  assert_false (pos_shop_setting_set (shop->store, shop->owner, "currency", "JPY", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_non_null (strstr (error->message, "new store"));
  currency = pos_store_dup_setting (shop->store, "currency");
  assert_string_equal (currency, "EUR");
  assert_string_equal (pos_shop_currency (shop->store)->code, "EUR");

  /* Saying the same currency again is no change, and is fine. */
  g_clear_error (&error);
  assert_true (pos_shop_setting_set (shop->store, shop->owner, "currency", "EUR", &error));
  pos_assert_no_error (error);
}

static void
test_tax_rates_above_100_percent_are_refused (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  assert_false (pos_shop_add_tax_rate (shop->store, shop->owner, "C", "Luxury", 15000, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_shop_edit_tax_rate (shop->store, shop->owner, "A", "Standard", 10001, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM tax_rate WHERE code = 'C'"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 2000);

  g_clear_error (&error);
  assert_true (pos_shop_add_tax_rate (shop->store, shop->owner, "C", "Everything", 10000, &error));
  pos_assert_no_error (error);
}

static void
test_edited_rate_applies_to_new_sales_only (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  sell_one_tea (shop);
  assert_true (pos_shop_edit_tax_rate (shop->store, shop->owner, "A", "Standard", 1900, &error));
  pos_assert_no_error (error);
  sell_one_tea (shop);

  assert_int_equal (pos_test_query_int (shop->store, "SELECT tax_rate_bp FROM sale_line ORDER BY id LIMIT 1"),
                    2000);
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT tax_rate_bp FROM sale_line ORDER BY id DESC LIMIT 1"), 1900);
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = 'tax_rate.changed'"), 1);
}

static void
test_only_owners_edit_and_unknown_rates_are_not_found (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  assert_false (pos_shop_edit_tax_rate (shop->store, shop->cashier, "A", "Standard", 1900, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_shop_edit_tax_rate (shop->store, shop->owner, "Z", "Nothing", 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type LIKE 'tax_rate.%'"), 0);
}

static void
test_a_rate_in_use_cannot_be_retired (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  assert_false (pos_shop_retire_tax_rate (shop->store, shop->owner, "A", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT active FROM tax_rate WHERE code = 'A'"), 1);

  g_clear_error (&error);
  assert_true (pos_shop_add_tax_rate (shop->store, shop->owner, "C", "Zero", 0, &error));
  assert_true (pos_shop_retire_tax_rate (shop->store, shop->owner, "C", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT active FROM tax_rate WHERE code = 'C'"), 0);
  assert_false (pos_shop_retire_tax_rate (shop->store, shop->owner, "C", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_currency_can_change_until_the_first_sale),
    cmocka_unit_test (test_tax_rates_above_100_percent_are_refused),
    cmocka_unit_test (test_edited_rate_applies_to_new_sales_only),
    cmocka_unit_test (test_only_owners_edit_and_unknown_rates_are_not_found),
    cmocka_unit_test (test_a_rate_in_use_cannot_be_retired),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
