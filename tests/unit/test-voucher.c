/* test-voucher.c — gift cards, vouchers and store credit. */
#include "pos-test-shop.h"

#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-open-item.h"
#include "pos-refund.h"
#include "pos-report.h"
#include "pos-store-private.h"
#include "pos-voucher.h"

static gint64
count (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static gboolean
exec_ok (PosTestShop *shop, const char *sql)
{
  return sqlite3_exec (pos_store_db (shop->store), sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Sells voucher @code of @kind worth @amount for cash; fails the test when refused. */
static void
sell_voucher (PosTestShop *shop, const char *code, PosVoucherKind kind, PosAmount amount,
              const char *tax_code, const char *expires_on)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosVoucherSale sale = { code, kind, amount, tax_code, expires_on };
  PosTender cash = pos_test_cash (amount);

  assert_true (pos_voucher_add_to_cart (cart, &sale, NULL, &error));
  pos_assert_no_error (error);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_non_null (result);
}

static PosTender
voucher_tender (const char *code, PosAmount amount)
{
  PosTender t = { POS_TENDER_VOUCHER, amount, (char *)code, 0 };
  return t;
}

/* Rings up @sku and pays it with @tenders; the result or NULL and @error. */
static PosSaleResult *
buy (PosTestShop *shop, const char *sku, const PosTender *tenders, gsize n, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);

  assert_true (pos_cart_add_code (cart, sku, NULL));
  return pos_checkout_commit (shop->store, cart, shop->cashier, tenders, n, error);
}

static PosAmount
balance (PosTestShop *shop, const char *code)
{
  g_autoptr (PosVoucher) v = pos_voucher_lookup (shop->store, code, NULL);

  assert_non_null (v);
  return v->balance;
}

static void
test_balance_is_the_sum_of_moves (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosSaleResult) paid = NULL;
  g_autoptr (GError) error = NULL;
  PosTender t = voucher_tender ("GIFT-1", 250);

  sell_voucher (shop, "GIFT-1", POS_VOUCHER_MPV, 5000, NULL, NULL);
  assert_int_equal (balance (shop, "GIFT-1"), 5000);
  paid = buy (shop, "BREAD", &t, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, "GIFT-1"), 4750);
  assert_int_equal (count (shop, "SELECT count(*) FROM voucher_move WHERE code = 'GIFT-1'"), 2);
  assert_int_equal (
      count (shop, "SELECT amount FROM payment WHERE method = 'voucher' AND reference = 'GIFT-1'"), 250);
  /* the moves are facts: never changed, never removed */
  assert_false (exec_ok (shop, "UPDATE voucher_move SET amount = 1"));
  assert_false (exec_ok (shop, "DELETE FROM voucher_move"));
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type LIKE 'voucher.%'"), 2);
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
  /* a voucher sold is no open item waiting for a product */
  assert_int_equal (count (shop, "SELECT count(*) FROM sale_line WHERE sku = 'GIFT-1'"), 1);
  {
    g_autoptr (GPtrArray) open_items = pos_open_items_list (shop->store, NULL);
    assert_int_equal (open_items->len, 0);
  }
}

static void
test_multi_purpose_voucher_is_sold_without_vat (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");

  sell_voucher (shop, "MPV-1", POS_VOUCHER_MPV, 5000, NULL, NULL);
  assert_int_equal (count (shop, "SELECT tax_total FROM sale ORDER BY id DESC LIMIT 1"), 0);
  assert_int_equal (count (shop, "SELECT sum(tax) FROM sale_tax"), 0);
}

static void
test_single_purpose_voucher_is_taxed_when_sold (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosVoucherSale unknown_rate = { "SPV-2", POS_VOUCHER_SPV, 6000, "Z", NULL };

  /* 60.00 incl. 20 % (rate A) → 10.00 VAT on the voucher's sale */
  sell_voucher (shop, "SPV-1", POS_VOUCHER_SPV, 6000, "A", NULL);
  assert_int_equal (count (shop, "SELECT tax_total FROM sale ORDER BY id DESC LIMIT 1"), 1000);
  assert_false (pos_voucher_add_to_cart (cart, &unknown_rate, NULL, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  assert_true (pos_cart_is_empty (cart));
}

static void
test_paying_with_a_voucher_keeps_the_vat_of_the_goods (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosSaleResult) by_voucher = NULL;
  g_autoptr (PosSaleResult) by_cash = NULL;
  PosTender t = voucher_tender ("MPV-1", 349);
  PosTender cash = pos_test_cash (349);

  sell_voucher (shop, "MPV-1", POS_VOUCHER_MPV, 5000, NULL, NULL);
  by_voucher = buy (shop, "TEA", &t, 1, NULL);
  by_cash = buy (shop, "TEA", &cash, 1, NULL);
  assert_non_null (by_voucher);
  assert_int_equal (by_voucher->tax_total, 58);
  assert_int_equal (by_voucher->tax_total, by_cash->tax_total);
}

static void
test_overdraw_is_refused_and_changes_nothing (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  PosTender t = voucher_tender ("GIFT-1", 2500);
  gint64 sales, events;

  sell_voucher (shop, "GIFT-1", POS_VOUCHER_MPV, 1000, NULL, NULL);
  sales = count (shop, "SELECT count(*) FROM sale");
  events = count (shop, "SELECT count(*) FROM journal");
  pos_cart_set_multiplier (cart, 10 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &t, 1, &error);
  assert_null (result);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  pos_assert_contains (error->message, "10.00");
  assert_false (pos_cart_is_empty (cart));
  assert_int_equal (balance (shop, "GIFT-1"), 1000);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), sales);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal"), events);
}

static void
test_unknown_code_does_not_pay (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  PosTender t = voucher_tender ("NOPE-1", 250);

  assert_null (buy (shop, "BREAD", &t, 1, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND));
}

static void
test_expired_voucher_does_not_pay (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) ok = NULL;
  PosTender t = voucher_tender ("OLD-1", 250);

  pos_clock_set_fixed_for_testing (1767268800LL * G_USEC_PER_SEC); /* 2026-01-01 12:00 UTC */
  sell_voucher (shop, "OLD-1", POS_VOUCHER_MPV, 1000, NULL, "2026-01-31");
  pos_clock_set_fixed_for_testing (1769860800LL * G_USEC_PER_SEC); /* 2026-01-31 12:00: its last day */
  ok = buy (shop, "BREAD", &t, 1, &error);
  pos_assert_no_error (error);
  pos_clock_set_fixed_for_testing (1769947200LL * G_USEC_PER_SEC); /* 2026-02-01 */
  assert_null (buy (shop, "BREAD", &t, 1, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  pos_assert_contains (error->message, "expired");
  assert_int_equal (balance (shop, "OLD-1"), 750);
  pos_clock_set_fixed_for_testing (0);
}

static void
test_default_expiry_follows_the_setting (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosVoucher) v = NULL;

  pos_clock_set_fixed_for_testing (1767268800LL * G_USEC_PER_SEC); /* 2026-01-01 */
  assert_true (pos_store_set_setting (shop->store, POS_VOUCHER_VALID_DAYS_SETTING, "30", NULL));
  sell_voucher (shop, "GIFT-9", POS_VOUCHER_MPV, 1000, NULL, NULL);
  v = pos_voucher_lookup (shop->store, "GIFT-9", NULL);
  assert_string_equal (v->expires_on, "2026-01-31");
  pos_clock_set_fixed_for_testing (0);
}

static void
test_void_needs_a_supervisor_and_is_audited (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  PosTender t = voucher_tender ("GIFT-1", 250);

  sell_voucher (shop, "GIFT-1", POS_VOUCHER_MPV, 1000, NULL, NULL);
  assert_false (pos_voucher_void (shop->store, shop->cashier, NULL, "GIFT-1", "lost", &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
  g_clear_error (&error);
  assert_int_equal (balance (shop, "GIFT-1"), 1000);

  assert_true (pos_voucher_void (shop->store, shop->cashier, shop->supervisor, "GIFT-1", "lost", &error));
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, "GIFT-1"), 0);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM audit WHERE action = 'voucher_void' AND approver_id IS NOT NULL"),
      1);
  assert_false (pos_voucher_void (shop->store, shop->supervisor, NULL, "GIFT-1", "again", &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_ALREADY_DONE));
  g_clear_error (&error);
  assert_null (buy (shop, "BREAD", &t, 1, &error));
  pos_assert_contains (error->message, "voided");
}

static void
test_offline_till_holds_at_most_its_limit_of_one_card (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) first = NULL;
  g_autoptr (PosSaleResult) after_sync = NULL;
  PosTender t = voucher_tender ("GIFT-1", 250);

  sell_voucher (shop, "GIFT-1", POS_VOUCHER_MPV, 5000, NULL, NULL);
  /* this till syncs with a hub; it may hold 4.00 of one card's redemptions */
  assert_true (pos_store_set_sync_state (shop->store, "hub_id", "hub-1", NULL));
  assert_true (pos_store_set_setting (shop->store, POS_VOUCHER_OFFLINE_LIMIT_SETTING, "400", NULL));
  first = buy (shop, "BREAD", &t, 1, &error);
  pos_assert_no_error (error);
  assert_null (buy (shop, "BREAD", &t, 1, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  pos_assert_contains (error->message, "1.50");
  g_clear_error (&error);
  /* once the hub has the redemption, the till may take more again */
  pos_test_exec (shop->store, "DELETE FROM journal_outbox");
  after_sync = buy (shop, "BREAD", &t, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, "GIFT-1"), 4500);
}

static void
test_store_credit_is_the_customers_alone (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (shop->store, shop->cashier, &draft);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) paid = NULL;
  PosTender t;

  assert_true (pos_store_begin (shop->store, NULL));
  assert_true (pos_voucher_issue_credit (shop->store, ada->id, 800, "T1-9", &code, &error));
  assert_true (pos_store_commit (shop->store, NULL));
  pos_assert_no_error (error);
  t = voucher_tender (code, 250);
  assert_null (buy (shop, "BREAD", &t, 1, &error));
  pos_assert_contains (error->message, "store credit");
  g_clear_error (&error);

  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", NULL));
  paid = pos_checkout_commit (shop->store, cart, shop->cashier, &t, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, code), 550);
}

static void
test_refund_as_store_credit_goes_on_the_customers_account (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (shop->store, shop->cashier, &draft);
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sale = NULL, refund = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  PosTender cash = pos_test_cash (250);
  PosTender credit = { POS_TENDER_VOUCHER, 250, NULL, 0 };

  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", NULL));
  sale = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  refund = pos_refund_commit (shop->store, sale->receipt_no, NULL, 0, shop->cashier, shop->supervisor,
                              &credit, 1, &error);
  pos_assert_no_error (error);
  {
    g_autoptr (PosStmt) stmt
        = pos_store_prepare (shop->store, "SELECT code FROM voucher WHERE kind = 'credit'", NULL);
    assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
    code = pos_stmt_dup_text (stmt, 0);
  }
  assert_int_equal (balance (shop, code), 250);
  assert_int_equal (count (shop, "SELECT customer_id FROM voucher WHERE kind = 'credit'"), ada->id);
  assert_int_equal (count (shop, "SELECT amount FROM payment WHERE method = 'voucher'"), -250);
  assert_int_equal (count (shop, "SELECT count(*) FROM payment WHERE method = 'cash' AND amount < 0"), 0);
}

static void
test_parked_gift_card_is_still_issued_when_sold (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosCart) resumed = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sold = NULL;
  g_autoptr (GError) error = NULL;
  PosVoucherSale sale = { "PARK-1", POS_VOUCHER_SPV, 2000, "B", NULL };
  PosTender cash = pos_test_cash (2000);
  gint64 parked = 0;

  assert_true (pos_voucher_add_to_cart (cart, &sale, NULL, &error));
  assert_true (pos_cart_park (cart, shop->cashier, NULL, &parked, &error));
  pos_assert_no_error (error);
  assert_true (pos_cart_resume (resumed, parked, &error));
  pos_assert_no_error (error);
  sold = pos_checkout_commit (shop->store, resumed, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, "PARK-1"), 2000);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM voucher WHERE code = 'PARK-1' AND kind = 'spv' AND tax_code = 'B' "
                   "AND expires_on IS NOT NULL"),
      1);
}

static void
test_pulled_moves_are_kept_once (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (JsonObject) issued = json_object_new ();
  g_autoptr (JsonObject) redeemed = json_object_new ();
  g_autoptr (GPtrArray) overdraws = NULL;
  PosVoucherOverdraw *o;

  json_object_set_string_member (issued, "code", "REMOTE-1");
  json_object_set_string_member (issued, "kind", "mpv");
  json_object_set_int_member (issued, "amount", 1000);
  json_object_set_string_member (issued, "created_at", "2026-01-01T10:00:00.000Z");
  json_object_set_string_member (redeemed, "code", "REMOTE-1");
  json_object_set_int_member (redeemed, "amount", 1200);
  json_object_set_string_member (redeemed, "receipt_no", "T2-7");
  json_object_set_string_member (redeemed, "created_at", "2026-01-01T11:00:00.000Z");

  assert_true (pos_store_begin (shop->store, NULL));
  for (int twice = 0; twice < 2; twice++)
    {
      assert_true (pos_voucher_apply_event (shop->store, "voucher.issued", "e-1", "T2", issued, NULL));
      assert_true (pos_voucher_apply_event (shop->store, "voucher.redeemed", "e-2", "T2", redeemed, NULL));
    }
  assert_true (pos_store_commit (shop->store, NULL));
  assert_int_equal (balance (shop, "REMOTE-1"), -200);
  overdraws = pos_voucher_overdraws (shop->store, NULL);
  assert_int_equal (overdraws->len, 1);
  o = g_ptr_array_index (overdraws, 0);
  assert_int_equal (o->balance, -200);
  assert_int_equal (o->redemptions->len, 1);
  assert_string_equal (((PosVoucherMove *)g_ptr_array_index (o->redemptions, 0))->receipt_no, "T2-7");
}

static void
test_tender_text_names_code_and_amount (void **state)
{
  PosTender t;
  g_autoptr (GError) error = NULL;
  const PosCurrency *eur = pos_currency_lookup ("EUR");

  assert_true (pos_tender_parse ("voucher:gc7k2m:12.50", eur, &t, &error));
  assert_int_equal (t.method, POS_TENDER_VOUCHER);
  assert_string_equal (t.reference, "GC7K2M");
  assert_int_equal (t.amount, 1250);
  pos_tender_clear (&t);
  assert_false (pos_tender_parse ("voucher:12.50", eur, &t, &error));
}

static void
test_new_codes_are_valid_and_differ (void **state)
{
  g_autofree char *a = pos_voucher_new_code ();
  g_autofree char *b = pos_voucher_new_code ();

  assert_true (pos_voucher_code_is_valid (a));
  assert_int_equal (strlen (a), 14);
  assert_string_not_equal (a, b);
  assert_false (pos_voucher_code_is_valid ("ab"));
  assert_false (pos_voucher_code_is_valid ("GC 12"));
}

/* Adds @sku at @price (gross) taxed at @tax to the test shop's catalog. */
static void
add_product (PosTestShop *shop, const char *sku, PosAmount price, const char *tax)
{
  g_autoptr (PosProduct) p = pos_product_new ();

  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (shop->store, tax, NULL);
  assert_true (pos_catalog_save (shop->store, p, NULL));
}

/* A German basket: wine 23.80 at 19 %, flour 10.70 at 7 %; a single-purpose
 * voucher of 10.00 for 19 % goods pays part of it, cash the rest. */
static PosSaleResult *
buy_german_basket (PosTestShop *shop, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  PosTender tenders[] = { voucher_tender ("SPV-DE", 1000), pos_test_cash (2450) };

  assert_true (pos_store_exec (shop->store,
                               "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('S', 'Regelsatz', 1900), "
                               "('R', 'Ermäßigt', 700)",
                               NULL));
  add_product (shop, "WINE", 2380, "S");
  add_product (shop, "FLOUR", 1070, "R");
  sell_voucher (shop, "SPV-DE", POS_VOUCHER_SPV, 1000, "S", NULL);
  assert_true (pos_cart_add_code (cart, "WINE", NULL));
  assert_true (pos_cart_add_code (cart, "FLOUR", NULL));
  return pos_checkout_commit (shop->store, cart, shop->cashier, tenders, G_N_ELEMENTS (tenders), error);
}

static void
test_goods_paid_with_a_single_purpose_voucher_are_not_taxed_again (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GError) error = NULL;
  gint64 periods = 0;

  /* The voucher's sale: 10.00 × 19/119 = 1.596… → 1.60 VAT. */
  sale = buy_german_basket (shop, &error);
  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT tax_total FROM sale WHERE id = 1"), 160);
  /* The goods: 23.80 × 19/119 = 3.80 and 10.70 × 7/107 = 0.70. The voucher's
   * 10.00 leaves 13.80 at 19 % with 3.80 − 1.60 = 2.20 VAT (net 11.60), the
   * 7 % unchanged, and 10.00 already taxed: 2.20 + 0.70 = 2.90 VAT, and
   * 1.60 + 2.90 = 4.50, the goods' VAT, across the two sales. */
  assert_int_equal (sale->tax_total, 290);
  assert_int_equal (count (shop, "SELECT gross * 1000000 + net * 1000 + tax FROM sale_tax "
                                 "WHERE sale_id = 2 AND tax_code = 'S'"),
                    1380LL * 1000000 + 1160 * 1000 + 220);
  assert_int_equal (count (shop, "SELECT gross * 1000000 + net * 1000 + tax FROM sale_tax "
                                 "WHERE sale_id = 2 AND tax_code = 'R'"),
                    1070LL * 1000000 + 1000 * 1000 + 70);
  assert_int_equal (count (shop, "SELECT gross * 1000000 + net * 1000 + tax FROM sale_tax "
                                 "WHERE sale_id = 2 AND tax_code = 'SPV' AND tax_rate_bp = 0"),
                    1000LL * 1000000 + 1000 * 1000);
  /* The rates still add up to the receipt, and the Z period to its rows. */
  assert_int_equal (count (shop, "SELECT sum (gross) FROM sale_tax WHERE sale_id = 2"), 3450);
  assert_int_equal (count (shop, "SELECT sum (tax) FROM sale_tax WHERE sale_id = 2"), 290);
  assert_int_equal (count (shop, "SELECT sum (tax) FROM z_period_tax"), 160 + 290);
  assert_true (pos_report_verify_totals (shop->store, &periods, &error));
  pos_assert_no_error (error);
}

/* The gross and tax of the refund's bucket @code, as gross × 10⁶ + tax. */
static gint64
refund_bucket (PosTestShop *shop, gint64 refund_id, const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (gross * 1000000 + tax), 0) FROM sale_tax "
                                          "WHERE sale_id = %" G_GINT64_FORMAT " AND tax_code = '%s'",
                                          refund_id, code);
  return count (shop, sql);
}

static void
test_refund_of_goods_paid_with_a_single_purpose_voucher_mirrors_the_sale (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosSaleResult) sale = NULL, refund = NULL;
  g_autoptr (GError) error = NULL;
  gint64 periods = 0;

  sale = buy_german_basket (shop, &error);
  pos_assert_no_error (error);
  refund = pos_refund_commit (shop->store, sale->receipt_no, NULL, 0, shop->cashier, shop->supervisor, NULL,
                              0, &error);
  pos_assert_no_error (error);
  /* The sale charged 2.20 at 19 % on 13.80 and 0.70 at 7 %; the voucher's
   * 10.00 were taxed when it was sold. The refund gives back the same:
   * −13.80 with −2.20 at 19 %, −10.70 with −0.70 at 7 %, −10.00 at 0 %;
   * not the −3.80 the wine's line alone would say. */
  assert_int_equal (refund->tax_total, -290);
  assert_int_equal (refund->total, -3450);
  assert_int_equal (refund_bucket (shop, 3, "S"), -1380LL * 1000000 - 220);
  assert_int_equal (refund_bucket (shop, 3, "R"), -1070LL * 1000000 - 70);
  assert_int_equal (refund_bucket (shop, 3, "SPV"), -1000LL * 1000000);
  assert_int_equal (count (shop, "SELECT sum (tax) FROM sale_tax WHERE sale_id IN (2, 3)"), 0);
  assert_int_equal (count (shop, "SELECT sum (tax) FROM z_period_tax"), 160);
  assert_true (pos_report_verify_totals (shop->store, &periods, &error));
  pos_assert_no_error (error);
}

static void
test_refund_in_pieces_of_voucher_paid_goods_nets_to_zero (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sale = NULL, first = NULL, second = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tenders[] = { voucher_tender ("SPV-2W", 1000), pos_test_cash (3760) };
  PosRefundLine one = { 1, 1000 };

  assert_true (pos_store_exec (shop->store,
                               "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('S', 'S', 1900)", NULL));
  add_product (shop, "WINE", 2380, "S");
  sell_voucher (shop, "SPV-2W", POS_VOUCHER_SPV, 1000, "S", NULL);
  assert_true (pos_cart_add_code (cart, "WINE", NULL));
  assert_true (pos_cart_add_code (cart, "WINE", NULL));
  sale = pos_checkout_commit (shop->store, cart, shop->cashier, tenders, G_N_ELEMENTS (tenders), &error);
  pos_assert_no_error (error);
  /* Two wines, 47.60 with 7.60 VAT; the voucher relieved 10.00 with 1.60:
   * the sale booked 37.60 with 6.00 at 19 %. */
  assert_int_equal (sale->tax_total, 600);
  first = pos_refund_commit (shop->store, sale->receipt_no, &one, 1, shop->cashier, shop->supervisor, NULL, 0,
                             &error);
  pos_assert_no_error (error);
  /* One wine is half the 19 % goods: half the relief, 5.00 with 0.80,
   * goes back at 0 %, so −23.80 splits into −18.80 with −3.00 and −5.00. */
  assert_int_equal (refund_bucket (shop, 3, "S"), -1880LL * 1000000 - 300);
  assert_int_equal (refund_bucket (shop, 3, "SPV"), -500LL * 1000000);
  second = pos_refund_commit (shop->store, sale->receipt_no, NULL, 0, shop->cashier, shop->supervisor, NULL,
                              0, &error);
  pos_assert_no_error (error);
  /* The last wine takes what is left of the relief. */
  assert_int_equal (refund_bucket (shop, 4, "S"), -1880LL * 1000000 - 300);
  assert_int_equal (refund_bucket (shop, 4, "SPV"), -500LL * 1000000);
  assert_int_equal (count (shop, "SELECT sum (tax) FROM sale_tax WHERE sale_id IN (2, 3, 4)"), 0);
  assert_int_equal (count (shop, "SELECT sum (gross) FROM sale_tax WHERE sale_id IN (2, 3, 4)"), 0);
}

static void
test_single_purpose_voucher_pays_only_goods_at_its_rate (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GError) error = NULL;
  PosTender t = voucher_tender ("SPV-B", 500);
  PosTender cash = pos_test_cash (100);
  PosTender tenders[] = { t, cash };

  /* A voucher for 5 % goods (rate B) cannot pay tea at 20 % (rate A). */
  sell_voucher (shop, "SPV-B", POS_VOUCHER_SPV, 2000, "B", NULL);
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  sale = pos_checkout_commit (shop->store, cart, shop->cashier, tenders, 2, &error);
  assert_null (sale);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  assert_int_equal (balance (shop, "SPV-B"), 2000);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 1);
}

static void
test_verify_catches_a_tampered_voucher_move (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosSaleResult) paid = NULL;
  g_autoptr (GError) error = NULL;
  PosTender t = voucher_tender ("GIFT-9", 250);
  gint64 moves = 0;

  sell_voucher (shop, "GIFT-9", POS_VOUCHER_MPV, 5000, NULL, NULL);
  paid = buy (shop, "BREAD", &t, 1, &error);
  pos_assert_no_error (error);
  assert_true (pos_voucher_verify (shop->store, &moves, &error));
  pos_assert_no_error (error);
  assert_int_equal (moves, 2);

  /* Someone lowers the redemption behind the till's back: the card's
   * balance, the sum of its moves, goes up by 2.40. */
  assert_true (exec_ok (shop, "DROP TRIGGER voucher_move_no_update"));
  assert_true (exec_ok (shop, "UPDATE voucher_move SET amount = -10 WHERE kind = 'redeem'"));
  assert_int_equal (balance (shop, "GIFT-9"), 4990);
  assert_false (pos_voucher_verify (shop->store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_non_null (strstr (error->message, "GIFT-9"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_balance_is_the_sum_of_moves),
    cmocka_unit_test (test_multi_purpose_voucher_is_sold_without_vat),
    cmocka_unit_test (test_single_purpose_voucher_is_taxed_when_sold),
    cmocka_unit_test (test_paying_with_a_voucher_keeps_the_vat_of_the_goods),
    cmocka_unit_test (test_goods_paid_with_a_single_purpose_voucher_are_not_taxed_again),
    cmocka_unit_test (test_refund_of_goods_paid_with_a_single_purpose_voucher_mirrors_the_sale),
    cmocka_unit_test (test_refund_in_pieces_of_voucher_paid_goods_nets_to_zero),
    cmocka_unit_test (test_single_purpose_voucher_pays_only_goods_at_its_rate),
    cmocka_unit_test (test_overdraw_is_refused_and_changes_nothing),
    cmocka_unit_test (test_unknown_code_does_not_pay),
    cmocka_unit_test (test_expired_voucher_does_not_pay),
    cmocka_unit_test (test_default_expiry_follows_the_setting),
    cmocka_unit_test (test_void_needs_a_supervisor_and_is_audited),
    cmocka_unit_test (test_offline_till_holds_at_most_its_limit_of_one_card),
    cmocka_unit_test (test_store_credit_is_the_customers_alone),
    cmocka_unit_test (test_refund_as_store_credit_goes_on_the_customers_account),
    cmocka_unit_test (test_parked_gift_card_is_still_issued_when_sold),
    cmocka_unit_test (test_pulled_moves_are_kept_once),
    cmocka_unit_test (test_tender_text_names_code_and_amount),
    cmocka_unit_test (test_new_codes_are_valid_and_differ),
    cmocka_unit_test (test_verify_catches_a_tampered_voucher_move),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
