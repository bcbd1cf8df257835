/* test-payment.c — the payment model a payment page binds to. */
#include "pos-test-shop.h"

#include "pos-customer.h"
#include "pos-payment.h"
#include "pos-store-private.h"

static void
on_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static PosPayment *
payment_for (PosTestShop *shop, PosCart *cart, const char *const *codes)
{
  for (guint i = 0; codes[i] != NULL; i++)
    assert_true (pos_cart_add_code (cart, codes[i], NULL));
  return pos_payment_new (shop->store, cart);
}

static void
test_figures_follow_the_tenders (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  const char *codes[] = { "TEA", "MILK", "MILK", NULL };
  g_autoptr (PosPayment) payment = payment_for (shop, cart, codes);
  g_autoptr (GError) error = NULL;
  PosTender card = pos_test_card (300, "TERM-1");
  PosTender cash = pos_test_cash (500);
  guint covered_notes = 0;

  g_signal_connect (payment, "notify::covered", G_CALLBACK (on_notify_cb), &covered_notes);
  assert_int_equal (pos_payment_get_total (payment), 587);
  assert_int_equal (pos_payment_get_remaining (payment), 587);
  assert_false (pos_payment_get_covered (payment));

  assert_true (pos_payment_add_tender (payment, &card, &error));
  assert_int_equal (pos_payment_get_tendered (payment), 300);
  assert_int_equal (pos_payment_get_remaining (payment), 287);
  assert_int_equal (pos_payment_get_remaining_cash (payment), 287);
  assert_false (pos_payment_get_covered (payment));
  assert_int_equal (covered_notes, 0);

  assert_true (pos_payment_add_tender (payment, &cash, &error));
  assert_true (pos_payment_get_covered (payment));
  assert_int_equal (pos_payment_get_remaining (payment), 0);
  assert_int_equal (pos_payment_get_change (payment), 213);
  assert_false (pos_payment_get_needs_confirmation (payment));
  assert_int_equal (covered_notes, 1);

  /* Nothing more is taken once the sale is covered. */
  assert_false (pos_payment_add_tender (payment, &cash, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);

  pos_payment_remove_last (payment);
  assert_false (pos_payment_get_covered (payment));
  assert_int_equal (pos_payment_get_change (payment), 0);
  assert_int_equal (covered_notes, 2);
}

/* The page's "exact cash" is what checkout itself will ask for. */
static void
test_cash_rounding_is_checkouts_own (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("CHF", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  const char *codes[] = { "TEA", NULL };
  g_autoptr (PosPayment) payment = payment_for (shop, cart, codes);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender exact = pos_test_cash (0);

  assert_int_equal (pos_payment_get_remaining (payment), 349);
  assert_int_equal (pos_payment_get_remaining_cash (payment), 350);
  exact.amount = pos_payment_get_remaining_cash (payment);
  assert_true (pos_payment_add_tender (payment, &exact, &error));
  assert_true (pos_payment_get_covered (payment));
  assert_int_equal (pos_payment_get_change (payment), 0);

  result = pos_payment_commit (payment, shop->cashier, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->rounding, 1);
  assert_int_equal (result->change, pos_payment_get_change (payment));
}

static void
test_implausible_cash_is_confirmed_first (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  const char *codes[] = { "TEA", NULL };
  g_autoptr (PosPayment) payment = payment_for (shop, cart, codes);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *question = NULL;
  PosTender typo = pos_test_cash (100000);

  assert_true (pos_payment_add_tender (payment, &typo, &error));
  assert_true (pos_payment_get_needs_confirmation (payment));
  question = pos_payment_dup_confirmation (payment);
  assert_string_equal (question, "Take €1,000.00 in cash and give €996.51 change?");

  assert_null (pos_payment_commit (payment, shop->cashier, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  result = pos_payment_commit (payment, shop->cashier, TRUE, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->change, 99651);
}

static void
test_tenders_are_checked_as_they_come (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  const char *codes[] = { "TEA", NULL };
  g_autoptr (PosPayment) payment = payment_for (shop, cart, codes);
  g_autoptr (GError) error = NULL;
  PosTender points = { .method = POS_TENDER_POINTS, .points = 100 };
  PosTender huge = pos_test_cash (100000001);
  PosTender card_number = pos_test_card (349, "4111 1111 1111 1111");

  assert_false (pos_payment_get_has_customer (payment));
  assert_false (pos_payment_add_tender (payment, &points, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_false (pos_payment_add_tender (payment, &huge, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_payment_add_tender (payment, &card_number, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_payment_get_n_tenders (payment), 0);
}

static void
test_points_are_valued_by_the_shop (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosCustomer) customer = NULL;
  g_autoptr (PosPayment) payment = NULL;
  g_autoptr (GError) error = NULL;
  PosCustomer draft = { .name = (char *)"Ada", .card_code = (char *)"LC-1" };
  PosTender points = { .method = POS_TENDER_POINTS, .points = 100 };

  customer = pos_test_add_customer (shop->store, shop->cashier, &draft);
  assert_true (pos_store_set_setting (shop->store, "loyalty_point_value", "2", NULL));
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", &error));
  payment = pos_payment_new (shop->store, cart);
  assert_true (pos_payment_get_has_customer (payment));
  assert_true (pos_payment_add_tender (payment, &points, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_payment_get_tender (payment, 0)->amount, 200);
  assert_int_equal (pos_payment_get_remaining (payment), 149);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_figures_follow_the_tenders),
    cmocka_unit_test (test_cash_rounding_is_checkouts_own),
    cmocka_unit_test (test_implausible_cash_is_confirmed_first),
    cmocka_unit_test (test_tenders_are_checked_as_they_come),
    cmocka_unit_test (test_points_are_valued_by_the_shop),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
