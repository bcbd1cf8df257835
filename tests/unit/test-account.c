/* test-account.c — customer accounts: balances, limits, payments, refunds, statements. */
#include "pos-test-shop.h"

#include <stdio.h>
#include <string.h>

#include "pos-account.h"
#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-receipt-build.h"
#include "pos-refund.h"
#include "pos-shift.h"
#include "pos-store-private.h"

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

/* Ada (card LC-1) with an account the owner opened with @limit. */
static gint64
ada_with_account (PosTestShop *shop, PosAmount limit)
{
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada Lovelace" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (shop->store, shop->cashier, &draft);
  g_autoptr (GError) error = NULL;

  assert_true (pos_account_set_limit (shop->store, shop->owner, NULL, ada->id, limit, &error));
  pos_assert_no_error (error);
  return ada->id;
}

static PosTender
on_account (PosAmount amount)
{
  PosTender t = { POS_TENDER_ACCOUNT, amount, NULL, 0 };
  return t;
}

/* Rings up @skus for card LC-1 and charges @amount of it to the account,
 * the rest in cash; NULL and @error when refused. */
static PosSaleResult *
buy_on_account (PosTestShop *shop, const char *const *skus, PosAmount amount, const PosUser *approver,
                GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  PosTender t = on_account (amount);

  for (guint i = 0; skus[i] != NULL; i++)
    assert_true (pos_cart_add_code (cart, skus[i], NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", NULL));
  if (approver != NULL)
    pos_account_approve_over_limit (cart, approver);
  return pos_checkout_commit (shop->store, cart, shop->cashier, &t, 1, error);
}

static PosAmount
balance (PosTestShop *shop, gint64 customer_id)
{
  g_autoptr (PosAccount) a = pos_account_get (shop->store, customer_id, NULL);

  assert_non_null (a);
  return a->balance;
}

static void
pay (PosTestShop *shop, gint64 customer_id, PosAccountMoveKind kind, PosTenderMethod method, PosAmount amount)
{
  g_autoptr (GError) error = NULL;
  PosAccountPayment p = { customer_id, kind, method, amount, method == POS_TENDER_CARD ? "T-1" : NULL, NULL };

  assert_true (pos_account_pay (shop->store, shop->cashier, &p, &error));
  pos_assert_no_error (error);
}

static void
test_balance_is_the_sum_of_moves (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 5000);
  const char *const skus[] = { "BREAD", "TEA", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) sale = buy_on_account (shop, skus, 599, NULL, &error);

  pos_assert_no_error (error);
  /* 2.50 + 3.49 on the tab */
  assert_int_equal (balance (shop, ada), 599);
  assert_int_equal (count (shop, "SELECT amount FROM payment WHERE method = 'account'"), 599);
  pay (shop, ada, POS_ACCOUNT_PAYMENT, POS_TENDER_CASH, 200); /* 5.99 − 2.00 = 3.99 */
  assert_int_equal (balance (shop, ada), 399);
  pay (shop, ada, POS_ACCOUNT_DEPOSIT, POS_TENDER_CARD, 1000); /* 3.99 − 10.00 = −6.01: in credit */
  assert_int_equal (balance (shop, ada), -601);
  assert_int_equal (count (shop, "SELECT count(*) FROM account_move"), 3);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'account.moved'"), 3);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'account.limit'"), 1);
  /* the moves are facts: never changed, never removed */
  assert_false (exec_ok (shop, "UPDATE account_move SET amount = 1"));
  assert_false (exec_ok (shop, "DELETE FROM account_move"));
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
}

static void
test_charge_over_the_limit_needs_a_supervisor (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 500);
  const char *const bread[] = { "BREAD", NULL };
  const char *const tea[] = { "TEA", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) first = buy_on_account (shop, bread, 250, NULL, &error);
  g_autoptr (PosSaleResult) refused = NULL, approved = NULL;
  gint64 sales;

  pos_assert_no_error (error);
  sales = count (shop, "SELECT count(*) FROM sale");
  /* 2.50 + 3.49 = 5.99 > 5.00 */
  refused = buy_on_account (shop, tea, 349, NULL, &error);
  assert_null (refused);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
  pos_assert_contains (error->message, "2.50");
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), sales);
  assert_int_equal (balance (shop, ada), 250);
  g_clear_error (&error);
  /* a cashier cannot approve it */
  assert_null (buy_on_account (shop, tea, 349, shop->cashier, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
  g_clear_error (&error);
  approved = buy_on_account (shop, tea, 349, shop->supervisor, &error);
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, ada), 599);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'account_over_limit'"), 1);
}

static void
test_sale_on_account_needs_a_customer_with_an_account (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  PosCustomer draft = { .card_code = (char *)"LC-2", .name = (char *)"Bob" };
  g_autoptr (PosCustomer) bob = pos_test_add_customer (shop->store, shop->cashier, &draft);
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosTender t = on_account (250);

  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &t, 1, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  g_clear_error (&error);
  assert_true (pos_cart_set_customer (cart, "LC-2", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &t, 1, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND));
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM account_move"), 0);
}

static void
test_only_the_owner_sets_a_limit (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 1000);
  g_autoptr (GError) error = NULL;

  assert_false (pos_account_set_limit (shop->store, shop->supervisor, NULL, ada, 9000, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
  g_clear_error (&error);
  assert_false (pos_account_set_limit (shop->store, shop->owner, NULL, ada, -1, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  {
    g_autoptr (PosAccount) a = pos_account_get (shop->store, ada, NULL);
    assert_int_equal (a->credit_limit, 1000);
  }
  assert_true (pos_account_set_limit (shop->store, shop->owner, NULL, ada, 2000, NULL));
  {
    g_autoptr (PosAccount) a = pos_account_get (shop->store, ada, NULL);
    assert_int_equal (a->credit_limit, 2000);
  }
}

static void
test_refund_of_a_sale_on_account_credits_the_account (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 5000);
  const char *const skus[] = { "BREAD", "TEA", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) sale = buy_on_account (shop, skus, 599, NULL, &error);
  g_autoptr (PosSaleResult) refund = NULL;
  PosRefundLine tea = { 2, 0 };
  PosTender back = on_account (349);

  pos_assert_no_error (error);
  refund = pos_refund_commit (shop->store, sale->receipt_no, &tea, 1, shop->cashier, shop->supervisor, &back,
                              1, &error);
  pos_assert_no_error (error);
  /* 5.99 − 3.49 */
  assert_int_equal (balance (shop, ada), 250);
  assert_int_equal (count (shop, "SELECT amount FROM account_move WHERE kind = 'refund'"), -349);
  assert_int_equal (count (shop, "SELECT count(*) FROM payment WHERE method = 'cash'"), 0);
}

static void
test_cash_paid_on_account_is_in_the_drawer_not_in_takings (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 5000);
  g_autoptr (PosShift) shift = pos_shift_current (shop->store, NULL);
  g_autoptr (JsonObject) summary = json_object_new ();

  assert_non_null (shift);
  pay (shop, ada, POS_ACCOUNT_PAYMENT, POS_TENDER_CASH, 2000);
  pay (shop, ada, POS_ACCOUNT_PAYMENT, POS_TENDER_CARD, 500);
  /* float 100.00 + 20.00 paid in cash; the card payment is not in the drawer */
  assert_int_equal (pos_shift_expected_cash (shop->store, shift->id, NULL), 12000);
  assert_true (pos_shift_add_cash_summary (shop->store, shift->id, summary, NULL));
  assert_int_equal (json_object_get_int_member (summary, "account_cash_paid_in"), 2000);
  assert_int_equal (json_object_get_int_member (summary, "cash_taken"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
  assert_int_equal (balance (shop, ada), -2500);
}

static void
test_adjustment_needs_a_supervisor_and_a_reason (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 5000);
  g_autoptr (GError) error = NULL;

  assert_false (pos_account_adjust (shop->store, shop->cashier, NULL, ada, 300, "typo", &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
  g_clear_error (&error);
  assert_false (pos_account_adjust (shop->store, shop->cashier, shop->supervisor, ada, 300, "", &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  g_clear_error (&error);
  assert_true (
      pos_account_adjust (shop->store, shop->cashier, shop->supervisor, ada, -300, "goodwill", &error));
  pos_assert_no_error (error);
  assert_int_equal (balance (shop, ada), -300);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'account_adjust'"), 1);
}

static void
test_moves_of_a_period_start_from_the_balance_before_it (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 50000);
  const char *const bread[] = { "BREAD", NULL };
  const char *const tea[] = { "TEA", NULL };
  g_autoptr (GPtrArray) moves = NULL;
  PosAmount opening = -1;

  pos_clock_set_fixed_for_testing (1764590400LL * G_USEC_PER_SEC); /* 2025-12-01 12:00 UTC */
  g_autoptr (PosSaleResult) a = buy_on_account (shop, bread, 250, NULL, NULL);
  pos_clock_set_fixed_for_testing (1767268800LL * G_USEC_PER_SEC); /* 2026-01-01 */
  g_autoptr (PosSaleResult) b = buy_on_account (shop, tea, 349, NULL, NULL);
  pay (shop, ada, POS_ACCOUNT_PAYMENT, POS_TENDER_CARD, 100);
  pos_clock_set_fixed_for_testing (1769947200LL * G_USEC_PER_SEC); /* 2026-02-01 */
  pay (shop, ada, POS_ACCOUNT_PAYMENT, POS_TENDER_CARD, 200);
  pos_clock_set_fixed_for_testing (0);
  assert_non_null (a);
  assert_non_null (b);

  moves = pos_account_moves (shop->store, ada, "2026-01-01", "2026-01-31", &opening, NULL);
  assert_non_null (moves);
  assert_int_equal (opening, 250);
  assert_int_equal (moves->len, 2);
  assert_int_equal (((PosAccountMove *)g_ptr_array_index (moves, 0))->amount, 349);
  assert_int_equal (((PosAccountMove *)g_ptr_array_index (moves, 1))->amount, -100);
  /* 2.50 + 3.49 − 1.00 − 2.00 */
  assert_int_equal (balance (shop, ada), 299);
}

static void
test_pulled_moves_are_kept_once_and_limits_follow_the_later_setting (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 1000);
  g_autofree char *uid = NULL;
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (JsonObject) older = json_object_new ();
  PosJournalEvent e = { 0, (char *)"018f0000-0000-7000-8000-000000000001", (char *)"T9",
                        1, (char *)"000000000000000001:00000:T9",          (char *)"account.moved" };
  PosJournalEvent l = e;

  {
    g_autoptr (PosStmt) stmt = pos_store_prepare (shop->store, "SELECT uid FROM customer", NULL);
    assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
    uid = pos_stmt_dup_text (stmt, 0);
  }
  json_object_set_string_member (body, "customer_uid", uid);
  json_object_set_string_member (body, "kind", "charge");
  json_object_set_int_member (body, "amount", 700);
  json_object_set_string_member (body, "created_at", "2026-01-01T12:00:00Z");
  assert_true (pos_store_begin (shop->store, NULL));
  assert_true (pos_account_apply_event (shop->store, &e, body, NULL));
  assert_true (pos_account_apply_event (shop->store, &e, body, NULL));
  /* a limit set long before the owner's own is not the one that holds */
  l.event_id = (char *)"018f0000-0000-7000-8000-000000000002";
  l.type = (char *)"account.limit";
  json_object_set_string_member (older, "customer_uid", uid);
  json_object_set_int_member (older, "credit_limit", 99);
  json_object_set_string_member (older, "created_at", "2026-01-01T12:00:00Z");
  assert_true (pos_account_apply_event (shop->store, &l, older, NULL));
  assert_true (pos_store_commit (shop->store, NULL));
  assert_int_equal (balance (shop, ada), 700);
  {
    g_autoptr (PosAccount) a = pos_account_get (shop->store, ada, NULL);
    assert_int_equal (a->credit_limit, 1000);
  }
}

static void
test_statement_is_a_pdf (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 ada = ada_with_account (shop, 5000);
  const char *const bread[] = { "BREAD", NULL };
  g_autoptr (PosSaleResult) sale = buy_on_account (shop, bread, 250, NULL, NULL);
  g_autofree char *path = g_build_filename (shop->t->dir, "statement.pdf", NULL);
  g_autofree char *head = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  assert_non_null (sale);
  assert_true (pos_account_statement_pdf (shop->store, ada, NULL, NULL, path, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &head, &len, NULL));
  assert_true (len > 1000);
  assert_memory_equal (head, "%PDF", 4);
}

/* The receipt names the tender as the sale took it: on account, not cash. */
static void
test_receipt_says_on_account (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *const skus[] = { "BREAD", "TEA", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  gboolean on_account_line = FALSE;

  ada_with_account (shop, 5000);
  sale = buy_on_account (shop, skus, 599, NULL, &error);
  pos_assert_no_error (error);
  receipt = pos_receipt_build (shop->store, sale->receipt_no, &error);
  pos_assert_no_error (error);
  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    {
      const PosReceiptBlock *b = pos_receipt_get_block (receipt, i);

      if (b->kind != POS_BLOCK_COLUMNS)
        continue;
      if (g_strcmp0 (b->text, "Cash") == 0)
        fail_msg ("the receipt names the account tender “Cash”");
      on_account_line |= g_strcmp0 (b->text, "On account") == 0 && g_strcmp0 (b->right, "€5.99") == 0;
    }
  assert_true (on_account_line);
}

/* The slip's lines as "left|right" and text, one a line. */
static char *
slip_text (PosReceipt *slip)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pos_receipt_get_n_blocks (slip); i++)
    {
      const PosReceiptBlock *b = pos_receipt_get_block (slip, i);

      if (b->kind == POS_BLOCK_COLUMNS)
        g_string_append_printf (text, "%s|%s\n", b->text, b->right);
      else if (b->kind == POS_BLOCK_TEXT)
        g_string_append_printf (text, "%s\n", b->text);
      else if (b->kind == POS_BLOCK_QR)
        g_string_append (text, "QR\n");
    }
  return g_string_free (text, FALSE);
}

static char *
slip_of (PosTestShop *shop, gint64 customer_id, gint64 move_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) slip = pos_account_receipt_build (shop->store, customer_id, move_id, &error);

  pos_assert_no_error (error);
  return slip_text (slip);
}

static void
assert_has (const char *text, const char *line)
{
  if (strstr (text, line) == NULL)
    fail_msg ("the slip has no “%s”:\n%s", line, text);
}

static void
test_slip_shows_the_payment_and_what_is_still_owed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  const char *const skus[] = { "BREAD", "TEA", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (PosReceipt) none = NULL;
  g_autofree char *cash = NULL, *card = NULL, *again = NULL;
  gint64 ada = ada_with_account (shop, 5000), first;

  /* a charge alone is receipted by its sale: no slip */
  sale = buy_on_account (shop, skus, 599, NULL, &error);
  pos_assert_no_error (error);
  none = pos_account_receipt_build (shop->store, ada, 0, &error);
  assert_null (none);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND));
  pay (shop, ada, POS_ACCOUNT_PAYMENT, POS_TENDER_CASH, 200);
  first = count (shop, "SELECT max(id) FROM account_move");
  cash = slip_of (shop, ada, 0);
  assert_has (cash, "Account payment\n");
  assert_has (cash, "Customer|Ada Lovelace\n");
  assert_has (cash, "Card|LC-1\n");
  assert_has (cash, "Payment|€2.00\n");
  assert_has (cash, "Paid by|Cash\n");
  assert_has (cash, "Still owed|€3.99\n");
  assert_has (cash, "Not a sales receipt: the goods were receipted when sold on account.\n");
  /* no fiscal profile: nothing of a TSE or a code */
  assert_null (strstr (cash, "TSE"));
  assert_null (strstr (cash, "QR"));
  pay (shop, ada, POS_ACCOUNT_DEPOSIT, POS_TENDER_CARD, 1000);
  card = slip_of (shop, ada, 0);
  assert_has (card, "Account deposit\n");
  assert_has (card, "Deposit|€10.00\n");
  assert_has (card, "Paid by|Card (ref T-1)\n");
  assert_has (card, "In credit|€6.01\n");
  /* the earlier payment's slip, printed again, still says what was owed then */
  again = slip_of (shop, ada, first);
  assert_string_equal (again, cash);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_balance_is_the_sum_of_moves),
    cmocka_unit_test (test_charge_over_the_limit_needs_a_supervisor),
    cmocka_unit_test (test_sale_on_account_needs_a_customer_with_an_account),
    cmocka_unit_test (test_only_the_owner_sets_a_limit),
    cmocka_unit_test (test_refund_of_a_sale_on_account_credits_the_account),
    cmocka_unit_test (test_cash_paid_on_account_is_in_the_drawer_not_in_takings),
    cmocka_unit_test (test_adjustment_needs_a_supervisor_and_a_reason),
    cmocka_unit_test (test_moves_of_a_period_start_from_the_balance_before_it),
    cmocka_unit_test (test_pulled_moves_are_kept_once_and_limits_follow_the_later_setting),
    cmocka_unit_test (test_statement_is_a_pdf),
    cmocka_unit_test (test_receipt_says_on_account),
    cmocka_unit_test (test_slip_shows_the_payment_and_what_is_still_owed),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
