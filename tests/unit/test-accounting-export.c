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
#include "pos-voucher.h"
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
 * Money towards layaways is an advance, not takings nor points (8730), and
 * carries the VAT of its goods, split pro rata of their gross per tax code
 * and booked to the advances account of each rate (here A=1718, B=1711)
 * with its VAT apart. Tea 3.49 (A, 20 %) and milk 1.19 (B, 5 %), 4.68,
 * laid away with 2.00 in cash, then 2.68 by card, and collected; milk 1.19
 * laid away with 0.50 in cash, then cancelled giving back 0.30 in cash.
 * By hand (shares of 349 : 119, the remainder to the larger fraction; VAT
 * = gross × rate / (1 + rate), half away from zero):
 *   2.00: A 149.1 → 1.49 (VAT 0.25), B 50.9 → 0.51 (VAT 0.02)
 *   2.68: A 199.9 → 2.00 (VAT 0.33), B 68.1 → 0.68 (VAT 0.03)
 *   0.50: B 0.50 (VAT 0.02); cash B 0.51 + 0.50 = 1.01 (VAT 0.04)
 *   collected: what went in, A 3.49 (VAT 0.58), B 1.19 (VAT 0.05)
 *   cancelled: kept 0.20 of B's 0.50 (VAT 0.95 c → 0.01), given back 0.30
 *   (VAT 0.02 − 0.01 = 0.01), so 1718, 1711 and the advances' VAT come
 *   back to zero.
 */
static void
test_layaway_advances_carry_their_goods_vat_per_rate (void **state)
{
  Fixture *f = *state;
  const char *const both[] = { "TEA", "MILK", NULL };
  const char *const milk[] = { "MILK", NULL };
  PosStockItem items[] = { { f->shop->tea, 5 * POS_QTY_ONE, -1, NULL, NULL },
                           { f->shop->milk, 5 * POS_QTY_ONE, -1, NULL, NULL } };
  g_autoptr (PosLayaway) first = NULL, second = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  gsize length = 0;

  pos_test_exec (f->shop->store,
                 "INSERT INTO setting (key, value) VALUES ('acct_layaway', 'A=1718, B=1711')");
  assert_true (pos_stock_receive (f->shop->store, f->shop->owner, 0, "DN-1", items, 2, &error));
  pos_assert_no_error (error);
  first = lay_away (f, both, 200);
  assert_true (
      pos_layaway_pay (f->shop->store, f->shop->cashier, first->number, POS_TENDER_CARD, 268, "T-5", &error));
  pos_assert_no_error (error);
  sale = pos_layaway_collect (f->shop->store, f->shop->cashier, first->number, &error);
  pos_assert_no_error (error);
  second = lay_away (f, milk, 50);
  assert_true (pos_layaway_cancel (f->shop->store, f->shop->supervisor, NULL, second->number, 30,
                                   POS_TENDER_CASH, NULL, &error));
  pos_assert_no_error (error);

  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (
      text, ",1000,1.49,,\"Layaway payments in cash at tax 20,00 % (A)\"\n"
            "2026-06-10,4,1718,,1.24,\"Layaway payments in cash at tax 20,00 % (A)\"\n"
            "2026-06-10,4,1776,,0.25,\"Layaway payments in cash at tax 20,00 % (A)\"\n"
            "2026-06-10,5,1000,1.01,,\"Layaway payments in cash at tax 5,00 % (B)\"\n"
            "2026-06-10,5,1711,,0.97,\"Layaway payments in cash at tax 5,00 % (B)\"\n"
            "2026-06-10,5,1771,,0.04,\"Layaway payments in cash at tax 5,00 % (B)\"\n"
            "2026-06-10,6,1360,2.00,,\"Layaway payments by card at tax 20,00 % (A)\"\n"
            "2026-06-10,6,1718,,1.67,\"Layaway payments by card at tax 20,00 % (A)\"\n"
            "2026-06-10,6,1776,,0.33,\"Layaway payments by card at tax 20,00 % (A)\"\n"
            "2026-06-10,7,1360,0.68,,\"Layaway payments by card at tax 5,00 % (B)\"\n"
            "2026-06-10,7,1711,,0.65,\"Layaway payments by card at tax 5,00 % (B)\"\n"
            "2026-06-10,7,1771,,0.03,\"Layaway payments by card at tax 5,00 % (B)\"\n"
            "2026-06-10,8,1711,0.29,,\"Layaway money given back in cash at tax 5,00 % (B)\"\n"
            "2026-06-10,8,1771,0.01,,\"Layaway money given back in cash at tax 5,00 % (B)\"\n"
            "2026-06-10,8,1000,,0.30,\"Layaway money given back in cash at tax 5,00 % (B)\"\n"
            "2026-06-10,9,1711,0.19,,\"Layaway cancellation fees kept at tax 5,00 % (B)\"\n"
            "2026-06-10,9,1771,0.01,,\"Layaway cancellation fees kept at tax 5,00 % (B)\"\n"
            "2026-06-10,9,2700,,0.20,\"Layaway cancellation fees kept at tax 5,00 % (B)\"\n"
            "2026-06-10,10,1718,2.91,,\"Layaway advances set against the sale at tax 20,00 % (A)\"\n"
            "2026-06-10,10,1776,0.58,,\"Layaway advances set against the sale at tax 20,00 % (A)\"\n"
            "2026-06-10,10,1000,,3.49,\"Layaway advances set against the sale at tax 20,00 % (A)\"\n"
            "2026-06-10,11,1711,1.14,,\"Layaway advances set against the sale at tax 5,00 % (B)\"\n"
            "2026-06-10,11,1771,0.05,,\"Layaway advances set against the sale at tax 5,00 % (B)\"\n"
            "2026-06-10,11,1000,,1.19,\"Layaway advances set against the sale at tax 5,00 % (B)\"\n");
  assert_int_equal (csv_balance (text, "1718"), 0);
  assert_int_equal (csv_balance (text, "1711"), 0);
  /* the advances' VAT nets out; what is left is the sales' */
  assert_int_equal (csv_balance (text, "1776"), -(58 + 58));
  assert_int_equal (csv_balance (text, "1771"), -(23 + 6));
  /* the drawer: 5.87 + 4.68 collected, 2.00 + 0.50 towards layaways, 0.30 given back:
   * 6.98 + 6.07 − 2.50 (card) − 4.68 (advances) + 2.50 − 0.30 = 8.07 */
  assert_int_equal (csv_balance (text, "1000"), 807);
  assert_null (strstr (text, "8730"));
  raw = export(f, POS_ACCOUNTING_DATEV, &length);
  /* DATEV books the gross to the automatic advances account of its rate */
  pos_assert_contains (raw, "\r\n1,49;\"S\";\"EUR\";;;;1000;1718;;1006;\"20260610\";;;");
  pos_assert_contains (raw, "\r\n1,01;\"S\";\"EUR\";;;;1000;1711;;1006;\"20260610\";;;");
}

/* Without a setting the advances account is SKR03's of the rate: 1718 at
 * 20 % (any rate but 7 % and 0 %); one account for every rate when set so. */
static void
test_layaway_advance_accounts_default_by_rate (void **state)
{
  Fixture *f = *state;
  const char *const tea[] = { "TEA", NULL };
  g_autoptr (PosLayaway) l = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  PosStockItem item = { f->shop->tea, 5 * POS_QTY_ONE, -1, NULL, NULL };
  gsize length = 0;

  assert_true (pos_stock_receive (f->shop->store, f->shop->owner, 0, "DN-1", &item, 1, NULL));
  l = lay_away (f, tea, 100);
  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, ",1718,,0.83,\"Layaway payments in cash at tax 20,00 % (A)\"\n");
  pos_test_exec (f->shop->store, "INSERT INTO setting (key, value) VALUES ('acct_layaway', '1719')");
  again = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (again, ",1719,,0.83,\"Layaway payments in cash at tax 20,00 % (A)\"\n");
}

/* Sells voucher @code of @kind worth @amount (an spv at @tax_code) for cash. */
static void
sell_voucher (Fixture *f, const char *code, PosVoucherKind kind, PosAmount amount, const char *tax_code)
{
  g_autoptr (PosCart) cart = pos_cart_new (f->shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosVoucherSale sale = { code, kind, amount, tax_code, NULL };
  PosTender cash = pos_test_cash (amount);

  assert_true (pos_voucher_add_to_cart (cart, &sale, NULL, &error));
  result = pos_checkout_commit (f->shop->store, cart, f->shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_non_null (result);
}

/* A gift card (multi-purpose voucher) of 20.00 sold is owed to its holder:
 * cash to the voucher liability (1700), not takings at 0 % (8200); tea
 * 3.49 paid with it comes out of that liability, not the points' account
 * (8730). 16.51 is still owed at the end of the day. The accountant's own
 * account (acct_voucher) takes both sides. */
static void
test_gift_card_sold_and_spent_is_one_liability (void **state)
{
  Fixture *f = *state;
  PosTender spend = { POS_TENDER_VOUCHER, 349, (char *)"GIFT-1", 0 };
  g_autofree char *text = NULL;
  g_autofree char *own = NULL;
  gsize length = 0;

  sell_voucher (f, "GIFT-1", POS_VOUCHER_MPV, 2000, NULL);
  sell (f->shop, (const char *[]){ "TEA", NULL }, spend);
  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, ",1000,20.00,,\"Multi-purpose vouchers sold\"\n");
  pos_assert_contains (text, ",1700,,20.00,\"Multi-purpose vouchers sold\"\n");
  pos_assert_contains (text, ",1700,3.49,,\"Gift cards and vouchers redeemed\"\n");
  assert_int_equal (csv_balance (text, "1700"), -1651);
  assert_null (strstr (text, "8200"));
  assert_null (strstr (text, "8730"));
  pos_test_exec (f->shop->store, "INSERT INTO setting (key, value) VALUES ('acct_voucher', '1705')");
  own = export(f, POS_ACCOUNTING_CSV, &length);
  assert_int_equal (csv_balance (own, "1705"), -1651);
  assert_null (strstr (own, ",1700,"));
}

/* A single-purpose voucher of 10.00 at A is taxed when sold (takings at A:
 * 3.49 + 10.00 = 13.49); tea 3.49 paid with it is taken out of A's
 * takings into an SPV row, which goes to the voucher account against the
 * voucher tender, so the goods are not taken twice and 1700 nets out. */
static void
test_single_purpose_voucher_is_taken_when_sold (void **state)
{
  Fixture *f = *state;
  PosTender spend = { POS_TENDER_VOUCHER, 349, (char *)"SPV-1", 0 };
  g_autofree char *text = NULL;
  gsize length = 0;

  sell_voucher (f, "SPV-1", POS_VOUCHER_SPV, 1000, "A");
  sell (f->shop, (const char *[]){ "TEA", NULL }, spend);
  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, "2026-06-10,1,1000,13.49,,\"Takings at tax 20,00 % (A)\"\n");
  pos_assert_contains (text, ",1700,,3.49,\"Goods paid with single-purpose vouchers\"\n");
  pos_assert_contains (text, ",1700,3.49,,\"Gift cards and vouchers redeemed\"\n");
  assert_int_equal (csv_balance (text, "1700"), 0);
  assert_null (strstr (text, "8200"));
  assert_null (strstr (text, "8730"));
}

/* Corrections of Ada's account move no money: 5.00 more owed and 2.00
 * let go are booked between receivables (1400) and 2400; a day of
 * corrections alone is exported too. */
static void
test_account_corrections_are_booked (void **state)
{
  Fixture *f = *state;
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) ada = pos_test_add_customer (f->shop->store, f->shop->cashier, &draft);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gsize length = 0;

  assert_true (pos_account_set_limit (f->shop->store, f->shop->owner, NULL, ada->id, 5000, NULL));
  assert_true (
      pos_account_adjust (f->shop->store, f->shop->supervisor, NULL, ada->id, 500, "Forgotten tab", &error));
  assert_true (
      pos_account_adjust (f->shop->store, f->shop->supervisor, NULL, ada->id, -200, "Goodwill", &error));
  pos_assert_no_error (error);
  text = export(f, POS_ACCOUNTING_CSV, &length);
  pos_assert_contains (text, ",1400,5.00,,\"Customer account corrections raising what is owed\"\n");
  pos_assert_contains (text, ",2400,,5.00,\"Customer account corrections raising what is owed\"\n");
  pos_assert_contains (text, ",2400,2.00,,\"Customer account corrections lowering what is owed\"\n");
  pos_assert_contains (text, ",1400,,2.00,\"Customer account corrections lowering what is owed\"\n");
  assert_int_equal (csv_balance (text, "1400"), 300);
  pos_clock_set_fixed_for_testing (NOW_US + 24 * G_TIME_SPAN_HOUR);
  assert_true (
      pos_account_adjust (f->shop->store, f->shop->supervisor, NULL, ada->id, -100, "Goodwill", &error));
  path = pos_accounting_export (f->shop->store, "2026-06-11", POS_ACCOUNTING_DATEV, f->dir, &error);
  pos_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  assert_true (g_file_get_contents (path, &text, &length, NULL));
  pos_assert_contains (text, "\r\n1,00;\"S\";\"EUR\";;;;2400;1400;;1106;\"20260611\";;;");
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
    cmocka_unit_test_setup_teardown (test_layaway_advances_carry_their_goods_vat_per_rate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_layaway_advance_accounts_default_by_rate, setup, teardown),
    cmocka_unit_test_setup_teardown (test_gift_card_sold_and_spent_is_one_liability, setup, teardown),
    cmocka_unit_test_setup_teardown (test_single_purpose_voucher_is_taken_when_sold, setup, teardown),
    cmocka_unit_test_setup_teardown (test_account_corrections_are_booked, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
