/* test-layaway.c — layaways: deposits, part payments, reserved stock, collecting, cancelling. */
#include "pos-test-shop.h"

#include "pos-journal.h"
#include "pos-layaway.h"
#include "pos-loyalty.h"
#include "pos-voucher.h"
#include "pos-shift.h"
#include "pos-stock.h"
#include "pos-store-private.h"

static gint64
count (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

/* @qty of @product_id delivered. */
static void
receive (PosTestShop *shop, gint64 product_id, gint64 qty)
{
  PosStockItem item = { product_id, qty * POS_QTY_ONE, -1, NULL, NULL };
  g_autoptr (GError) error = NULL;

  assert_true (pos_stock_receive (shop->store, shop->owner, 0, "DN-1", &item, 1, &error));
  pos_assert_no_error (error);
}

/* A shop with 5 TEA and 5 BREAD on the shelf. */
static PosTestShop *
stocked_shop (void)
{
  PosTestShop *shop = pos_test_shop_new ("EUR", "inclusive");

  receive (shop, shop->tea, 5);
  receive (shop, shop->bread, 5);
  return shop;
}

/* Opens a layaway for Ada of @skus with @deposit in cash; NULL and @error when refused. */
static PosLayaway *
lay_away (PosTestShop *shop, const char *const *skus, PosAmount deposit, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  PosLayawayOpening o = { "Ada Lovelace", POS_TENDER_CASH, deposit, NULL };

  for (guint i = 0; skus[i] != NULL; i++)
    assert_true (pos_cart_add_code (cart, skus[i], NULL));
  return pos_layaway_open (shop->store, cart, shop->cashier, &o, error);
}

static const char *const basket[] = { "TEA", "TEA", "BREAD", NULL }; /* 3.49 + 3.49 + 2.50 = 9.48 */

static void
test_deposit_below_the_minimum_share_is_refused (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) refused = NULL, opened = NULL, half = NULL;

  /* 20 % of 9.48 is 1.896: 1.90 at least */
  assert_int_equal (pos_layaway_min_deposit (shop->store, 948), 190);
  refused = lay_away (shop, basket, 189, &error);
  assert_null (refused);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  g_clear_error (&error);
  assert_int_equal (count (shop, "SELECT count(*) FROM layaway"), 0);
  opened = lay_away (shop, basket, 190, &error);
  pos_assert_no_error (error);
  assert_string_equal (opened->number, "T1-L1");
  assert_int_equal (opened->total, 948);
  assert_int_equal (opened->min_deposit, 190);
  assert_int_equal (opened->paid, 190);
  assert_int_equal (pos_layaway_due (opened), 758);
  /* the two teas are one line of 2 */
  assert_int_equal (opened->lines->len, 2);
  /* the share is the shop's: at 50 %, 4.74 */
  assert_true (pos_store_set_setting (shop->store, "layaway_min_deposit_pct", "50", NULL));
  assert_int_equal (pos_layaway_min_deposit (shop->store, 948), 474);
  assert_null (lay_away (shop, basket, 473, NULL));
  half = lay_away (shop, basket, 474, &error);
  pos_assert_no_error (error);
  assert_string_equal (half->number, "T1-L2");
}

static void
test_reserved_goods_are_not_laid_away_twice (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *const tea[] = { "TEA", NULL };
  g_autoptr (PosLayaway) first = NULL, second = NULL, again = NULL;
  g_autoptr (GError) error = NULL;

  receive (shop, shop->tea, 1);
  first = lay_away (shop, tea, 100, &error);
  pos_assert_no_error (error);
  /* the one tea is still on the shelf, but held */
  assert_int_equal (pos_stock_level (shop->store, shop->tea), POS_QTY_ONE);
  assert_int_equal (pos_layaway_reserved (shop->store, shop->tea), POS_QTY_ONE);
  second = lay_away (shop, tea, 100, &error);
  assert_null (second);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  g_clear_error (&error);
  /* cancelled, it is for sale again */
  assert_true (pos_layaway_cancel (shop->store, shop->cashier, shop->supervisor, first->number, 100,
                                   POS_TENDER_CASH, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_layaway_reserved (shop->store, shop->tea), 0);
  again = lay_away (shop, tea, 100, &error);
  pos_assert_no_error (error);
}

/* A layaway holds goods in the shop of the till that took it: another
 * shop's layaway holds back none of this shop's stock, and that shop's
 * stock and layaways are read from its own level row. */
static void
test_reserved_stock_is_counted_per_shop (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *const tea[] = { "TEA", "TEA", NULL };
  g_autoptr (PosLayaway) here = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  PosQty level = 0, reserved = 0;

  receive (shop, shop->tea, 2);
  /* Till T9 of shop "north" laid away 3 of its 5 teas. */
  sql = g_strdup_printf (
      "INSERT INTO till_shop (till_id, shop_id) VALUES ('T9', 'north');"
      "INSERT INTO stock_move (product_id, qty, reason, till_id, created_at, shop_id) "
      "VALUES (%" G_GINT64_FORMAT ", 5000, 'receive', 'T9', '2026-01-01T00:00:00Z', 'north');"
      "INSERT INTO layaway (id, number, customer_name, total, min_deposit, expires_on, cart_json, till_id, "
      "created_at, event_id) VALUES (90, 'T9-L1', 'Bea', 1047, 0, '2026-12-31', '{}', 'T9', "
      "'2026-01-01T00:00:00Z', 'e-north');"
      "INSERT INTO layaway_line (layaway_id, line_no, product_id, sku, name, qty, amount) "
      "VALUES (90, 1, %" G_GINT64_FORMAT ", 'TEA', 'Tea', 3000, 1047)",
      shop->tea, shop->tea);
  pos_test_exec (shop->store, sql);

  assert_int_equal (pos_layaway_reserved (shop->store, shop->tea), 0);
  assert_true (pos_layaway_stock_in (shop->store, "north", shop->tea, &level, &reserved, &error));
  pos_assert_no_error (error);
  assert_int_equal (level, 5 * POS_QTY_ONE);
  assert_int_equal (reserved, 3 * POS_QTY_ONE);
  /* both teas here are still for sale here */
  here = lay_away (shop, tea, 140, &error);
  pos_assert_no_error (error);
  assert_true (pos_layaway_stock_in (shop->store, "main", shop->tea, &level, &reserved, &error));
  assert_int_equal (level, 2 * POS_QTY_ONE);
  assert_int_equal (reserved, 2 * POS_QTY_ONE);
}

static void
test_payment_over_what_is_due_is_refused (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 200, &error);
  g_autoptr (PosLayaway) after = NULL;

  pos_assert_no_error (error);
  /* 9.48 − 2.00 = 7.48 due */
  assert_false (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CASH, 749, NULL, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  g_clear_error (&error);
  assert_false (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CARD, 100, NULL, &error));
  g_clear_error (&error);
  assert_true (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CARD, 500, "T-9", &error));
  assert_true (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CASH, 248, NULL, &error));
  pos_assert_no_error (error);
  after = pos_layaway_get (shop->store, l->number, &error);
  assert_int_equal (after->paid, 948);
  assert_int_equal (pos_layaway_due (after), 0);
  assert_false (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CASH, 1, NULL, NULL));
  assert_int_equal (count (shop, "SELECT count(*) FROM layaway_move WHERE kind = 'payment'"), 3);
}

static void
test_collect_only_when_paid_and_the_goods_leave (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 448, &error);
  g_autoptr (PosSaleResult) early = NULL, sale = NULL, twice = NULL;
  g_autoptr (PosLayaway) after = NULL;

  pos_assert_no_error (error);
  early = pos_layaway_collect (shop->store, shop->cashier, l->number, &error);
  assert_null (early);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  g_clear_error (&error);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
  assert_true (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CASH, 500, NULL, &error));
  sale = pos_layaway_collect (shop->store, shop->cashier, l->number, &error);
  pos_assert_no_error (error);
  assert_non_null (sale);
  /* an ordinary sale of 9.48, paid by the 4.48 + 5.00 paid before */
  assert_int_equal (sale->total, 948);
  assert_int_equal (sale->change, 0);
  assert_int_equal (count (shop, "SELECT sum (amount) FROM payment WHERE method = 'layaway'"), 948);
  assert_int_equal (count (shop, "SELECT count(*) FROM payment WHERE method <> 'layaway'"), 0);
  assert_int_equal (count (shop, "SELECT sum (qty) FROM sale_line"), 3 * POS_QTY_ONE);
  /* the goods left: 5 − 2 teas, 5 − 1 bread, nothing held */
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 3 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (shop->store, shop->bread), 4 * POS_QTY_ONE);
  assert_int_equal (pos_layaway_reserved (shop->store, shop->tea), 0);
  after = pos_layaway_get (shop->store, l->number, &error);
  assert_int_equal (after->state, POS_LAYAWAY_COLLECTED);
  assert_string_equal (after->receipt_no, sale->receipt_no);
  twice = pos_layaway_collect (shop->store, shop->cashier, l->number, &error);
  assert_null (twice);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
}

static void
test_a_layaway_tender_pays_only_its_own_paid_layaway (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 948, &error);
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sale = NULL;
  PosTender t = { POS_TENDER_LAYAWAY, 349, l->number, 0 };

  /* money paid towards the layaway cannot pay for other goods */
  pos_assert_no_error (error);
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  sale = pos_checkout_commit (shop->store, cart, shop->cashier, &t, 1, &error);
  assert_null (sale);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
}

static void
test_cancel_needs_a_supervisor_and_keeps_the_fee (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 200, &error);
  g_autoptr (PosLayaway) after = NULL;
  g_autoptr (PosShift) shift = pos_shift_current (shop->store, NULL);

  pos_assert_no_error (error);
  assert_false (
      pos_layaway_cancel (shop->store, shop->cashier, NULL, l->number, 150, POS_TENDER_CASH, NULL, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
  g_clear_error (&error);
  assert_false (pos_layaway_cancel (shop->store, shop->cashier, shop->supervisor, l->number, 201,
                                    POS_TENDER_CASH, NULL, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  g_clear_error (&error);
  assert_int_equal (pos_layaway_reserved (shop->store, shop->tea), 2 * POS_QTY_ONE);
  /* 1.50 of 2.00 back in cash, 0.50 kept */
  assert_true (pos_layaway_cancel (shop->store, shop->cashier, shop->supervisor, l->number, 150,
                                   POS_TENDER_CASH, NULL, &error));
  pos_assert_no_error (error);
  after = pos_layaway_get (shop->store, l->number, &error);
  assert_int_equal (after->state, POS_LAYAWAY_CANCELLED);
  assert_int_equal (after->given_back, 150);
  assert_int_equal (pos_layaway_reserved (shop->store, shop->tea), 0);
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 5 * POS_QTY_ONE);
  /* the drawer: float 100.00 + 2.00 − 1.50 */
  assert_int_equal (pos_shift_expected_cash (shop->store, shift->id, NULL), 10050);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'layaway_cancel'"), 1);
  assert_false (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CASH, 100, NULL, NULL));
}

static void
test_cash_towards_a_layaway_is_in_the_drawer_not_in_takings (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 300, &error);
  g_autoptr (PosShift) shift = pos_shift_current (shop->store, NULL);
  g_autoptr (JsonObject) before = json_object_new ();
  g_autoptr (JsonObject) after = json_object_new ();
  g_autoptr (PosSaleResult) sale = NULL;

  pos_assert_no_error (error);
  assert_true (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CARD, 600, "T-1", &error));
  assert_true (pos_layaway_pay (shop->store, shop->cashier, l->number, POS_TENDER_CASH, 48, NULL, &error));
  pos_assert_no_error (error);
  /* float 100.00 + 3.00 + 0.48 in cash; the 6.00 by card is not in the drawer */
  assert_int_equal (pos_shift_expected_cash (shop->store, shift->id, NULL), 10348);
  assert_true (pos_shift_add_cash_summary (shop->store, shift->id, before, NULL));
  assert_int_equal (json_object_get_int_member (before, "layaway_payments_in_cash"), 348);
  assert_int_equal (json_object_get_int_member (before, "cash_taken"), 0);
  /* collected: takings of 9.48, no more cash, the drawer unchanged */
  sale = pos_layaway_collect (shop->store, shop->cashier, l->number, &error);
  pos_assert_no_error (error);
  assert_true (pos_shift_add_cash_summary (shop->store, shift->id, after, NULL));
  assert_int_equal (json_object_get_int_member (after, "layaway_payments_in_cash"), 348);
  assert_int_equal (json_object_get_int_member (after, "cash_taken"), 0);
  assert_int_equal (pos_shift_expected_cash (shop->store, shift->id, NULL), 10348);
  assert_int_equal (count (shop, "SELECT sum (total) FROM sale"), 948);
}

static void
test_overdue_lists_open_layaways_past_their_day (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  const char *const tea[] = { "TEA", NULL };
  const char *const bread[] = { "BREAD", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) a = NULL, b = NULL;
  g_autoptr (GPtrArray) now = NULL, later = NULL;
  g_autofree char *day_after = NULL;
  g_autoptr (PosSaleResult) sale = NULL;

  assert_true (pos_store_set_setting (shop->store, "layaway_days", "10", NULL));
  a = lay_away (shop, tea, 349, &error);
  b = lay_away (shop, bread, 100, &error);
  pos_assert_no_error (error);
  sale = pos_layaway_collect (shop->store, shop->cashier, a->number, &error);
  pos_assert_no_error (error);
  now = pos_layaway_overdue (shop->store, NULL, &error);
  assert_int_equal (now->len, 0);
  /* the day after its expiry, only the open one is overdue */
  day_after = g_strdup_printf ("%s~", b->expires_on);
  later = pos_layaway_overdue (shop->store, day_after, &error);
  pos_assert_no_error (error);
  assert_int_equal (later->len, 1);
  assert_string_equal (((PosLayaway *)g_ptr_array_index (later, 0))->number, b->number);
}

static void
test_layaway_rows_are_append_only_and_journalled (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 200, &error);

  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'layaway.opened'"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'layaway.moved'"), 1);
  assert_int_not_equal (
      sqlite3_exec (pos_store_db (shop->store), "UPDATE layaway_move SET amount = 1", NULL, NULL, NULL),
      SQLITE_OK);
  assert_int_not_equal (
      sqlite3_exec (pos_store_db (shop->store), "DELETE FROM layaway_line", NULL, NULL, NULL), SQLITE_OK);
  assert_int_not_equal (sqlite3_exec (pos_store_db (shop->store), "DELETE FROM layaway", NULL, NULL, NULL),
                        SQLITE_OK);
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
}

/* Sells gift card @code worth @amount for cash. */
static void
sell_gift_card (PosTestShop *shop, const char *code, PosAmount amount)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) sold = NULL;
  PosVoucherSale sale = { code, POS_VOUCHER_MPV, amount, NULL, NULL };
  PosTender cash = pos_test_cash (amount);

  assert_true (pos_voucher_add_to_cart (cart, &sale, NULL, &error));
  sold = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
}

static void
test_a_gift_card_pays_towards_a_layaway_never_more_than_due (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = lay_away (shop, basket, 200, &error);
  g_autoptr (PosLayaway) after = NULL;
  g_autoptr (PosVoucher) card = NULL;
  PosTender over = { POS_TENDER_VOUCHER, 749, (char *)"GIFT-7", 0 };
  PosTender part = { POS_TENDER_VOUCHER, 500, (char *)"GIFT-7", 0 };
  PosTender unknown = { POS_TENDER_VOUCHER, 100, (char *)"GIFT-NONE", 0 };

  pos_assert_no_error (error);
  sell_gift_card (shop, "GIFT-7", 2000);
  /* 7.48 due: 7.49 is refused, and nothing is taken off the card */
  assert_false (pos_layaway_pay_tender (shop->store, shop->cashier, l->number, &over, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  g_clear_error (&error);
  assert_false (pos_layaway_pay_tender (shop->store, shop->cashier, l->number, &unknown, &error));
  g_clear_error (&error);
  assert_int_equal (count (shop, "SELECT count (*) FROM voucher_move WHERE kind = 'redeem'"), 0);
  assert_true (pos_layaway_pay_tender (shop->store, shop->cashier, l->number, &part, &error));
  pos_assert_no_error (error);
  after = pos_layaway_get (shop->store, l->number, &error);
  assert_int_equal (after->paid, 700);
  card = pos_voucher_lookup (shop->store, "GIFT-7", &error);
  assert_int_equal (card->balance, 1500);
  /* the card's move names the layaway; the layaway's names the card */
  assert_int_equal (count (shop, "SELECT count (*) FROM voucher_move WHERE kind = 'redeem' AND amount = -500 "
                                 "AND receipt_no = 'T1-L1'"),
                    1);
  assert_int_equal (count (shop, "SELECT count (*) FROM layaway_move WHERE method = 'voucher' "
                                 "AND reference = 'GIFT-7' AND amount = 500 AND shift_id IS NULL"),
                    1);
}

static void
test_points_pay_towards_a_customers_layaway (void **state)
{
  g_autoptr (PosTestShop) shop = stocked_shop ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  PosCustomer draft = { .card_code = (char *)"LC-9", .name = (char *)"Ada Lovelace" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (shop->store, shop->cashier, &draft);
  PosLayawayOpening o = { "Ada Lovelace", POS_TENDER_CASH, 200, NULL };
  g_autoptr (PosLayaway) l = NULL, nameless = NULL, after = NULL;
  PosTender too_many = { .method = POS_TENDER_POINTS, .points = 749 };
  PosTender points = { .method = POS_TENDER_POINTS, .points = 300 };

  for (guint i = 0; basket[i] != NULL; i++)
    assert_true (pos_cart_add_code (cart, basket[i], NULL));
  assert_true (pos_cart_set_customer_id (cart, ada->id, &error));
  l = pos_layaway_open (shop->store, cart, shop->cashier, &o, &error);
  pos_assert_no_error (error);
  assert_true (pos_store_begin (shop->store, NULL));
  assert_true (pos_loyalty_record (shop->store, ada->id, 1000, "adjust", 0, &error));
  assert_true (pos_store_commit (shop->store, NULL));
  /* a point is worth a cent: 749 points are 7.49, more than the 7.48 due */
  assert_false (pos_layaway_pay_tender (shop->store, shop->cashier, l->number, &too_many, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  g_clear_error (&error);
  assert_true (pos_layaway_pay_tender (shop->store, shop->cashier, l->number, &points, &error));
  pos_assert_no_error (error);
  after = pos_layaway_get (shop->store, l->number, &error);
  assert_int_equal (after->paid, 500);
  assert_int_equal (pos_loyalty_balance (shop->store, ada->id), 700);
  /* the points entry belongs to the layaway's payment event */
  assert_int_equal (count (shop, "SELECT count (*) FROM loyalty_entry e JOIN layaway_move m "
                                 "ON m.event_id = e.event_id WHERE e.points = -300 AND m.method = 'points' "
                                 "AND m.reference = '300' AND m.amount = 300"),
                    1);
  /* more points than the customer has: refused, nothing written */
  points.points = 701;
  assert_false (pos_layaway_pay_tender (shop->store, shop->cashier, l->number, &points, &error));
  g_clear_error (&error);
  assert_int_equal (pos_loyalty_balance (shop->store, ada->id), 700);
  /* a layaway for a name alone has no points to pay with */
  nameless = lay_away (shop, (const char *const[]){ "BREAD", NULL }, 100, &error);
  pos_assert_no_error (error);
  points.points = 10;
  assert_false (pos_layaway_pay_tender (shop->store, shop->cashier, nameless->number, &points, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  assert_int_equal (count (shop, "SELECT count (*) FROM layaway_move WHERE method = 'points'"), 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_deposit_below_the_minimum_share_is_refused),
    cmocka_unit_test (test_reserved_goods_are_not_laid_away_twice),
    cmocka_unit_test (test_reserved_stock_is_counted_per_shop),
    cmocka_unit_test (test_payment_over_what_is_due_is_refused),
    cmocka_unit_test (test_collect_only_when_paid_and_the_goods_leave),
    cmocka_unit_test (test_a_layaway_tender_pays_only_its_own_paid_layaway),
    cmocka_unit_test (test_cancel_needs_a_supervisor_and_keeps_the_fee),
    cmocka_unit_test (test_cash_towards_a_layaway_is_in_the_drawer_not_in_takings),
    cmocka_unit_test (test_overdue_lists_open_layaways_past_their_day),
    cmocka_unit_test (test_layaway_rows_are_append_only_and_journalled),
    cmocka_unit_test (test_a_gift_card_pays_towards_a_layaway_never_more_than_due),
    cmocka_unit_test (test_points_pay_towards_a_customers_layaway),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
