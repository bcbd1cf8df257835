/* test-accounting-export.c — a day's bookings as a DATEV batch and a
 * double-entry CSV, checked against figures worked out by hand. */
#include "pos-test-shop.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pos-account.h"
#include "pos-accounting-export.h"
#include "pos-clock.h"
#include "pos-layaway.h"
#include "pos-stock.h"
#include "pos-store-private.h"

/* Noon on 10 June 2026, UTC. */
#define NOW_US (G_GINT64_CONSTANT (1781092800) * G_USEC_PER_SEC)

typedef struct
{
  PosTestShop *shop;
  char *dir;
} Fixture;

static void
sell (PosTestShop *shop, const char *const *codes, PosTender tender)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; codes[i] != NULL; i++)
    assert_true (pos_cart_add_code (cart, codes[i], &error));
  result = pos_checkout_commit_full (shop->store, cart, shop->cashier, &tender, 1,
                                     POS_CHECKOUT_CASH_CONFIRMED, &error);
  pos_assert_no_error (error);
  assert_non_null (result);
}

/* Tax A is 20 %, B 5 %. Sale 1: tea 3.49 (A, cost 1.50) and two milk at
 * 1.19 (B, cost 0.60), cash 10.00. Sale 2: bread 2.50 (B, no cost), card.
 *   A: gross 3.49, tax 3.49 × 20/120 = 0.58, net 2.91
 *   B: 2.38 (tax 0.11) + 2.50 (tax 0.12): gross 4.88, tax 0.23, net 4.65
 *   cash 5.87 (10.00 less 4.13 change), card 2.50
 *   cost of goods: 1.50 + 2 × 0.60 = 2.70 (bread has no cost) */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  const char *first[] = { "TEA", "MILK", "MILK", NULL };
  const char *second[] = { "BREAD", NULL };

  g_setenv ("TZ", "UTC", TRUE);
  pos_clock_set_fixed_for_testing (NOW_US);
  f->shop = pos_test_shop_new ("EUR", "inclusive");
  f->dir = g_dir_make_tmp ("accounting-XXXXXX", NULL);
  pos_test_exec (f->shop->store,
                 "UPDATE product SET cost = 150 WHERE sku = 'TEA';"
                 "UPDATE product SET cost = 60 WHERE sku = 'MILK';"
                 "INSERT INTO setting (key, value) VALUES ('acct_revenue', 'A=8400/1776, B=8300/1771'),"
                 " ('datev_advisor', '1234567'), ('datev_client', '42')");
  sell (f->shop, first, pos_test_cash (1000));
  sell (f->shop, second, pos_test_card (250, "T-1"));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  pos_test_shop_free (f->shop);
  pos_clock_set_fixed_for_testing (0);
  g_free (f);
  return 0;
}

static char *export(Fixture *f, PosAccountingFormat format, gsize *length)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pos_accounting_export (f->shop->store, "2026-06-10", format, f->dir, &error);
  char *content = NULL;

  pos_assert_no_error (error);
  assert_non_null (path);
  assert_true (g_file_get_contents (path, &content, length, NULL));
  return content;
}

static void
test_datev_batch_has_its_header_and_the_days_bookings (void **state)
{
  Fixture *f = *state;
  gsize length = 0;
  g_autofree char *raw = export(f, POS_ACCOUNTING_DATEV, &length);
  g_autofree char *text = g_convert (raw, (gssize)length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);

  assert_non_null (g_strstr_len (raw, (gssize)length, "Erl\xf6se")); /* Windows-1252, not UTF-8 */
  assert_true (g_str_has_prefix (lines[0], "\"EXTF\";700;21;\"Buchungsstapel\";13;"));
  pos_assert_contains (lines[0], ";1234567;42;20260101;4;20260610;20260610;\"Kasse 2026-06-10\";");
  assert_true (g_str_has_prefix (lines[1], "Umsatz (ohne Soll/Haben-Kz);Soll/Haben-Kennzeichen;WKZ Umsatz;"));
  assert_string_equal (lines[2],
                       "3,49;\"S\";\"EUR\";;;;1000;8400;;1006;\"20260610\";;;\"Erlöse 20,00 % (A)\"");
  assert_string_equal (lines[3],
                       "4,88;\"S\";\"EUR\";;;;1000;8300;;1006;\"20260610\";;;\"Erlöse 5,00 % (B)\"");
  assert_string_equal (lines[4], "2,50;\"S\";\"EUR\";;;;1360;1000;;1006;\"20260610\";;;\"Kartenzahlungen\"");
  assert_string_equal (lines[5], "2,70;\"S\";\"EUR\";;;;3200;3980;;1006;\"20260610\";;;\"Wareneinsatz\"");
  assert_string_equal (lines[6], "");
  assert_null (lines[7]);
}

static void
test_csv_entries_balance_and_book_tax_apart (void **state)
{
  Fixture *f = *state;
  gsize length = 0;
  g_autofree char *text = export(f, POS_ACCOUNTING_CSV, &length);
  const char *expected = "date,entry,account,debit,credit,text\n"
                         "2026-06-10,1,1000,3.49,,\"Takings at tax 20,00 % (A)\"\n"
                         "2026-06-10,1,8400,,2.91,\"Takings at tax 20,00 % (A)\"\n"
                         "2026-06-10,1,1776,,0.58,\"Takings at tax 20,00 % (A)\"\n"
                         "2026-06-10,2,1000,4.88,,\"Takings at tax 5,00 % (B)\"\n"
                         "2026-06-10,2,8300,,4.65,\"Takings at tax 5,00 % (B)\"\n"
                         "2026-06-10,2,1771,,0.23,\"Takings at tax 5,00 % (B)\"\n"
                         "2026-06-10,3,1360,2.50,,\"Card payments\"\n"
                         "2026-06-10,3,1000,,2.50,\"Card payments\"\n"
                         "2026-06-10,4,3200,2.70,,\"Cost of goods sold\"\n"
                         "2026-06-10,4,3980,,2.70,\"Cost of goods sold\"\n";

  assert_string_equal (text, expected);
}

/* Bread 2.50 on Ada's account: owed by her (1400, receivables), not cash,
 * and not the loyalty points' account. */
static void
test_sale_on_account_is_a_receivable (void **state)
{
  Fixture *f = *state;
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (f->shop->store, f->shop->cashier, &draft);
  g_autoptr (PosCart) cart = pos_cart_new (f->shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PosTender tab = { POS_TENDER_ACCOUNT, 250, NULL, 0 };
  gsize length = 0;

  assert_true (pos_account_set_limit (f->shop->store, f->shop->owner, NULL, ada->id, 5000, NULL));
  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", NULL));
  result = pos_checkout_commit (f->shop->store, cart, f->shop->cashier, &tab, 1, &error);
  pos_assert_no_error (error);
  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, ",1400,2.50,,\"Sales on account\"\n");
  pos_assert_contains (text, ",1000,,2.50,\"Sales on account\"\n");
  assert_null (strstr (text, "8730"));
}

/* Ada pays 20.00 in cash and leaves 5.00 by card against her account, and
 * Bob pays 3.10 in cash: the money comes in (1000 cash 23.10, 1360 card
 * 5.00) and lowers what they owe (1400, receivables, credited). A day of
 * such payments alone is still exported. */
static void
test_payments_on_account_book_down_the_receivable (void **state)
{
  Fixture *f = *state;
  PosCustomer ada_draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada" };
  PosCustomer bob_draft = { .card_code = (char *)"LC-2", .name = (char *)"Bob" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (f->shop->store, f->shop->cashier, &ada_draft);
  g_autoptr (PosCustomer) bob = pos_test_add_customer (f->shop->store, f->shop->cashier, &bob_draft);
  PosAccountPayment pays[] = {
    { ada->id, POS_ACCOUNT_PAYMENT, POS_TENDER_CASH, 2000, NULL, NULL },
    { ada->id, POS_ACCOUNT_DEPOSIT, POS_TENDER_CARD, 500, "T-9", NULL },
    { bob->id, POS_ACCOUNT_PAYMENT, POS_TENDER_CASH, 310, NULL, NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;

  assert_true (pos_account_set_limit (f->shop->store, f->shop->owner, NULL, ada->id, 5000, NULL));
  assert_true (pos_account_set_limit (f->shop->store, f->shop->owner, NULL, bob->id, 5000, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (pays); i++)
    {
      assert_true (pos_account_pay (f->shop->store, f->shop->cashier, &pays[i], &error));
      pos_assert_no_error (error);
    }
  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, "2026-06-10,4,1000,23.10,,\"Account payments in cash\"\n"
                             "2026-06-10,4,1400,,23.10,\"Account payments in cash\"\n"
                             "2026-06-10,5,1360,5.00,,\"Account payments by card\"\n"
                             "2026-06-10,5,1400,,5.00,\"Account payments by card\"\n");
  /* The next day has no sales, only a payment: it is exported too. */
  pos_clock_set_fixed_for_testing (NOW_US + 24 * G_TIME_SPAN_HOUR);
  assert_true (pos_account_pay (f->shop->store, f->shop->cashier, &pays[1], &error));
  path = pos_accounting_export (f->shop->store, "2026-06-11", POS_ACCOUNTING_DATEV, f->dir, &error);
  pos_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  assert_true (g_file_get_contents (path, &text, &length, NULL));
  pos_assert_contains (text, "\r\n5,00;\"S\";\"EUR\";;;;1360;1400;;1106;\"20260611\";;;"
                             "\"Zahlungen auf Kundenkonten mit Karte\"\r\n");
}

/* Layaway @number towards @codes for Ada with @deposit in cash. */
static PosLayaway *
lay_away (Fixture *f, const char *const *codes, PosAmount deposit)
{
  g_autoptr (PosCart) cart = pos_cart_new (f->shop->store);
  g_autoptr (GError) error = NULL;
  PosLayawayOpening o = { "Ada", POS_TENDER_CASH, deposit, NULL };
  PosLayaway *l;

  for (guint i = 0; codes[i] != NULL; i++)
    assert_true (pos_cart_add_code (cart, codes[i], NULL));
  l = pos_layaway_open (f->shop->store, cart, f->shop->cashier, &o, &error);
  pos_assert_no_error (error);
  return l;
}

/* The balance of @acct over the CSV's lines: debits less credits, in cents. */
static gint64
csv_balance (const char *text, const char *acct)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gint64 balance = 0;

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], ",", 6);

      if (g_strv_length (cells) < 5 || !g_str_equal (cells[2], acct))
        continue;
      balance += (gint64)(g_ascii_strtod (cells[3], NULL) * 100 + 0.5);
      balance -= (gint64)(g_ascii_strtod (cells[4], NULL) * 100 + 0.5);
    }
  return balance;
}

/*
 * Money towards layaways is an advance (1718), not takings nor points
 * (8730). Tea 3.49 laid away with 1.00 in cash, then 2.00 by card and
 * 0.49 in cash, and collected; milk 1.19 laid away with 0.50 in cash, then
 * cancelled giving back 0.30 in cash (0.20 kept). By hand:
 *   received: cash 1.00 + 0.49 + 0.50 = 1.99, card 2.00 (to 1718)
 *   collected: 3.49 from 1718, set against the sale's takings
 *   cancelled: 0.30 from 1718 back to cash, the 0.20 kept to 2700
 *   1718 ends at 3.99 − 3.49 − 0.30 − 0.20 = 0.
 */
static void
test_layaway_money_is_a_customer_advance_until_collected (void **state)
{
  Fixture *f = *state;
  const char *const tea[] = { "TEA", NULL };
  const char *const milk[] = { "MILK", NULL };
  PosStockItem items[] = { { f->shop->tea, 5 * POS_QTY_ONE, -1, NULL, NULL },
                           { f->shop->milk, 5 * POS_QTY_ONE, -1, NULL, NULL } };
  g_autoptr (PosLayaway) first = NULL, second = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  assert_true (pos_stock_receive (f->shop->store, f->shop->owner, 0, "DN-1", items, 2, &error));
  pos_assert_no_error (error);
  first = lay_away (f, tea, 100);
  assert_true (
      pos_layaway_pay (f->shop->store, f->shop->cashier, first->number, POS_TENDER_CARD, 200, "T-5", &error));
  assert_true (
      pos_layaway_pay (f->shop->store, f->shop->cashier, first->number, POS_TENDER_CASH, 49, NULL, &error));
  pos_assert_no_error (error);
  sale = pos_layaway_collect (f->shop->store, f->shop->cashier, first->number, &error);
  pos_assert_no_error (error);
  second = lay_away (f, milk, 50);
  assert_true (pos_layaway_cancel (f->shop->store, f->shop->supervisor, NULL, second->number, 30,
                                   POS_TENDER_CASH, NULL, &error));
  pos_assert_no_error (error);

  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, ",1718,3.49,,\"Layaway advances set against the sale\"\n"
                             "2026-06-10,4,1000,,3.49,\"Layaway advances set against the sale\"\n");
  pos_assert_contains (text, ",1000,1.99,,\"Layaway payments in cash\"\n"
                             "2026-06-10,5,1718,,1.99,\"Layaway payments in cash\"\n"
                             "2026-06-10,6,1360,2.00,,\"Layaway payments by card\"\n"
                             "2026-06-10,6,1718,,2.00,\"Layaway payments by card\"\n"
                             "2026-06-10,7,1718,0.30,,\"Layaway money given back in cash\"\n"
                             "2026-06-10,7,1000,,0.30,\"Layaway money given back in cash\"\n"
                             "2026-06-10,8,1718,0.20,,\"Layaway cancellation fees kept\"\n"
                             "2026-06-10,8,2700,,0.20,\"Layaway cancellation fees kept\"\n");
  /* the tea's takings are the two teas sold, one of them collected */
  pos_assert_contains (text, "2026-06-10,1,1000,6.98,,\"Takings at tax 20,00 % (A)\"\n");
  assert_int_equal (csv_balance (text, "1718"), 0);
  /* the drawer: 5.87 from the first sale, 1.99 towards layaways, 0.30 given back:
   * 6.98 + 4.88 − 2.50 (card) − 3.49 (advance) + 1.99 − 0.30 = 7.56 */
  assert_int_equal (csv_balance (text, "1000"), 756);
  assert_null (strstr (text, "8730"));
}

static void
test_bad_input_is_refused_and_writes_nothing (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nope", NULL);
  g_autoptr (GDir) dir = NULL;
  char *path;

  path = pos_accounting_export (f->shop->store, "2026-13-01", POS_ACCOUNTING_CSV, f->dir, &error);
  assert_null (path);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  path = pos_accounting_export (f->shop->store, "2026-06-09", POS_ACCOUNTING_CSV, f->dir, &error);
  assert_null (path);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND); /* no sales that day */
  g_clear_error (&error);
  path = pos_accounting_export (f->shop->store, "2026-06-10", POS_ACCOUNTING_CSV, missing, &error);
  assert_null (path);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  pos_test_exec (f->shop->store, "UPDATE setting SET value = '84x0' WHERE key = 'acct_revenue'");
  path = pos_accounting_export (f->shop->store, "2026-06-10", POS_ACCOUNTING_CSV, f->dir, &error);
  assert_null (path);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  pos_test_exec (f->shop->store, "UPDATE setting SET value = '' WHERE key = 'acct_revenue';"
                                 "DELETE FROM setting WHERE key = 'datev_advisor'");
  path = pos_accounting_export (f->shop->store, "2026-06-10", POS_ACCOUNTING_DATEV, f->dir, &error);
  assert_null (path);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);

  dir = g_dir_open (f->dir, 0, NULL);
  assert_null (g_dir_read_name (dir)); /* no file, not even a part of one */
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_datev_batch_has_its_header_and_the_days_bookings, setup, teardown),
    cmocka_unit_test_setup_teardown (test_csv_entries_balance_and_book_tax_apart, setup, teardown),
    cmocka_unit_test_setup_teardown (test_bad_input_is_refused_and_writes_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_sale_on_account_is_a_receivable, setup, teardown),
    cmocka_unit_test_setup_teardown (test_payments_on_account_book_down_the_receivable, setup, teardown),
    cmocka_unit_test_setup_teardown (test_layaway_money_is_a_customer_advance_until_collected, setup,
                                     teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
