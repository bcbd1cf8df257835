/* test-refund.c — giving money back against a receipt. */
#include "pos-test-shop.h"

#include "pos-journal.h"
#include "pos-refund.h"
#include "pos-stock.h"

static char *
sell (PosTestShop *shop, const char *const *codes, PosAmount cash)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tender = pos_test_cash (cash);

  for (guint i = 0; codes[i]; i++)
    assert_true (pos_cart_add_code (cart, codes[i], NULL));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &tender, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

static void
test_full_refund_nets_the_sale_to_zero (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", "MILK", "MILK", NULL };
  g_autofree char *receipt = sell (shop, codes, 1000);
  g_autoptr (PosSaleResult) refund = NULL;
  g_autoptr (GError) error = NULL;

  refund = pos_refund_commit (shop->store, receipt, NULL, 0, shop->supervisor, NULL, NULL, 0, &error);
  pos_assert_no_error (error);
  assert_string_equal (refund->receipt_no, "T1-2");
  assert_int_equal (refund->total, -(349 + 238));
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(total + rounding) FROM sale"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(tax) FROM sale_tax"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(amount) FROM payment"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(qty) FROM stock_level"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT refund_of FROM sale WHERE kind = 'refund'"), 1);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM audit WHERE action = 'refund'"),
                    1);
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
}

static void
test_refund_needs_a_supervisor (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", NULL };
  g_autofree char *receipt = sell (shop, codes, 500);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) refund = NULL;

  assert_null (pos_refund_commit (shop->store, receipt, NULL, 0, shop->cashier, NULL, NULL, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  refund = pos_refund_commit (shop->store, receipt, NULL, 0, shop->cashier, shop->supervisor, NULL, 0, NULL);
  assert_non_null (refund);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM audit WHERE action = 'refund' AND "
                                                     "approver_id IS NOT NULL"),
                    1);
}

static void
test_refund_cannot_exceed_sold_qty (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "MILK", "MILK", "MILK", NULL };
  g_autofree char *receipt = sell (shop, codes, 1000);
  PosRefundLine two = { 1, 2 * POS_QTY_ONE };
  g_autoptr (PosSaleResult) first = NULL;
  g_autoptr (GError) error = NULL;

  first = pos_refund_commit (shop->store, receipt, &two, 1, shop->supervisor, NULL, NULL, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (first->total, -238);
  assert_null (pos_refund_commit (shop->store, receipt, &two, 1, shop->supervisor, NULL, NULL, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_REFUND_EXCEEDS);
  assert_non_null (strstr (error->message, "3 sold, 2 already refunded"));
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM sale"), 2);
}

static void
test_refund_in_pieces_gives_back_exactly_what_was_paid (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sale = NULL;
  PosDiscount third = { POS_DISCOUNT_AMOUNT, 100 };
  PosTender cash = pos_test_cash (1000);
  PosRefundLine one = { 1, POS_QTY_ONE };

  pos_cart_set_multiplier (cart, 3 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "MILK", NULL)); /* 3.57 − 1.00 = 2.57: not divisible by 3 */
  assert_true (pos_cart_set_line_discount (cart, 0, third, shop->supervisor, NULL, NULL));
  sale = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, NULL);
  assert_int_equal (sale->total, 257);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr (PosSaleResult) refund = NULL;
      g_autoptr (GError) error = NULL;
      refund = pos_refund_commit (shop->store, sale->receipt_no, &one, 1, shop->supervisor, NULL, NULL, 0,
                                  &error);
      pos_assert_no_error (error);
    }
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(line_total) FROM sale_line"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(tax_amount) FROM sale_line"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum(amount) FROM payment"), 0);
}

static void
test_refund_of_unknown_or_refund_receipt_is_refused (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", NULL };
  g_autofree char *receipt = sell (shop, codes, 500);
  g_autoptr (PosSaleResult) refund = NULL;
  g_autoptr (GError) error = NULL;

  assert_null (pos_refund_commit (shop->store, "T9-99", NULL, 0, shop->supervisor, NULL, NULL, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  refund = pos_refund_commit (shop->store, receipt, NULL, 0, shop->supervisor, NULL, NULL, 0, NULL);
  assert_null (
      pos_refund_commit (shop->store, refund->receipt_no, NULL, 0, shop->supervisor, NULL, NULL, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

static void
test_refund_to_card_with_cash_rest (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", "BREAD", NULL };
  g_autofree char *receipt = sell (shop, codes, 1000);
  PosTender wrong[] = { pos_test_card (300, "RF1"), pos_test_cash (100) };
  PosTender right[] = { pos_test_card (300, "RF1"), pos_test_cash (299) };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) refund = NULL;

  assert_null (pos_refund_commit (shop->store, receipt, NULL, 0, shop->supervisor, NULL, wrong, 2, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_TENDER_SHORT);
  refund = pos_refund_commit (shop->store, receipt, NULL, 0, shop->supervisor, NULL, right, 2, NULL);
  assert_non_null (refund);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT amount FROM payment WHERE method = 'card'"),
                    -300);
}

static void
test_refundable_lines_show_what_is_left (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", "MILK", "MILK", "MILK", NULL };
  g_autofree char *receipt = NULL;
  PosRefundLine two_milk = { 2, 2 * POS_QTY_ONE };
  PosRefundLine all_tea = { 1, 0 };
  g_autoptr (PosSaleResult) first = NULL;
  g_autoptr (PosSaleResult) second = NULL;
  g_autoptr (GListModel) lines = NULL;
  g_autoptr (PosRefundableLine) milk = NULL;
  g_autoptr (GError) error = NULL;

  receipt = sell (shop, codes, 1000);
  lines = pos_refund_list_lines (shop->store, receipt, &error);
  pos_assert_no_error (error);
  assert_int_equal (g_list_model_get_n_items (lines), 2);
  g_clear_object (&lines);

  first = pos_refund_commit (shop->store, receipt, &two_milk, 1, shop->supervisor, NULL, NULL, 0, &error);
  pos_assert_no_error (error);
  second = pos_refund_commit (shop->store, receipt, &all_tea, 1, shop->supervisor, NULL, NULL, 0, &error);
  pos_assert_no_error (error);

  /* The tea is all back: only the milk is left, one of three. */
  lines = pos_refund_list_lines (shop->store, receipt, &error);
  pos_assert_no_error (error);
  assert_int_equal (g_list_model_get_n_items (lines), 1);
  milk = g_list_model_get_item (lines, 0);
  assert_int_equal (pos_refundable_line_get_line_no (milk), 2);
  assert_string_equal (pos_refundable_line_get_name (milk), "Whole milk 1l");
  assert_int_equal (pos_refundable_line_get_sold_qty (milk), 3 * POS_QTY_ONE);
  assert_int_equal (pos_refundable_line_get_sold_total (milk), 3 * 119);
  assert_int_equal (pos_refundable_line_get_left_qty (milk), 1 * POS_QTY_ONE);
  assert_false (pos_refundable_line_get_weighed (milk));
}

static void
test_refundable_lines_of_unknown_or_refund_receipts (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", NULL };
  g_autofree char *receipt = sell (shop, codes, 500);
  g_autoptr (PosSaleResult) refund = NULL;
  g_autoptr (GListModel) lines = NULL;
  g_autoptr (GError) error = NULL;

  assert_null (pos_refund_list_lines (shop->store, "T1-99", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  refund = pos_refund_commit (shop->store, receipt, NULL, 0, shop->supervisor, NULL, NULL, 0, &error);
  pos_assert_no_error (error);
  assert_null (pos_refund_list_lines (shop->store, refund->receipt_no, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  lines = pos_refund_list_lines (shop->store, receipt, &error);
  pos_assert_no_error (error);
  assert_int_equal (g_list_model_get_n_items (lines), 0);
}

static void
test_refund_tender_has_an_upper_bound (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *codes[] = { "TEA", NULL };
  g_autofree char *receipt = sell (shop, codes, 500);
  PosTender huge = pos_test_card (100000001, "TERM-9");
  g_autoptr (GError) error = NULL;

  assert_null (pos_refund_commit (shop->store, receipt, NULL, 0, shop->supervisor, NULL, &huge, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (error->message, "An amount can be at most €1,000,000.00");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_refundable_lines_show_what_is_left),
    cmocka_unit_test (test_refundable_lines_of_unknown_or_refund_receipts),
    cmocka_unit_test (test_refund_tender_has_an_upper_bound),
    cmocka_unit_test (test_full_refund_nets_the_sale_to_zero),
    cmocka_unit_test (test_refund_needs_a_supervisor),
    cmocka_unit_test (test_refund_cannot_exceed_sold_qty),
    cmocka_unit_test (test_refund_in_pieces_gives_back_exactly_what_was_paid),
    cmocka_unit_test (test_refund_of_unknown_or_refund_receipt_is_refused),
    cmocka_unit_test (test_refund_to_card_with_cash_rest),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
