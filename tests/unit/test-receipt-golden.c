/* test-receipt-golden.c — one fixed sale printed in six shop locales,
 * read back from the ESC/POS bytes and compared with tests/data/receipts/.
 *
 * The bytes go through the real receipt builder and encoder; the text is
 * decoded with the code page the receipt selected (ESC t), so a wrong
 * page, a wrong byte or a wrong local format shows up as a changed line.
 *
 * When the receipt's words or layout change on purpose (a translation, a
 * new line), refresh the golden files and review the diff:
 *
 *   cmake --build --preset dev --target update-receipt-goldens
 *
 * which runs this program with --update.
 */
#include "pos-test-shop.h"

#include <string.h>

#include "pos-clock.h"
#include "pos-escpos.h"
#include "pos-i18n.h"
#include "pos-layaway.h"
#include "pos-promotion.h"
#include "pos-receipt-build.h"
#include "pos-stock.h"
#include "pos-store-private.h"
#include "pos-voucher.h"

#define ESC 0x1b
#define GS 0x1d

typedef struct
{
  const char *locale;
  const char *currency;
  const char *tax_mode;
  const char *shop_name; /* with the letters the country's receipts need */
  const char *language;  /* the shop's, which its receipts speak */
} GoldenShop;

static const GoldenShop shops[] = {
  { "de_DE", "EUR", "inclusive", "Bäckerei Müller", "de" },
  { "fr_FR", "EUR", "inclusive", "Épicerie Noël", "fr" },
  { "nl_NL", "EUR", "inclusive", "Kaas ’t Hoekje", "nl" },
  { "de_CH", "CHF", "inclusive", "Käserei Zürich", "de" },
  { "pl_PL", "PLN", "inclusive", "Żabka Łódź", "pl" },
  { "en_US", "USD", "exclusive", "Corner Grocer", "" },
};

static gboolean update_goldens;

/* The code page a profile numbers @number. */
static PosCodepage
page_for_number (const PosPrinterProfile *profile, guint8 number)
{
  for (guint i = 0; i < profile->n_codepages; i++)
    if (profile->codepages[i].number == number)
      return profile->codepages[i].page;
  fail_msg ("ESC t %u is no page of %s", number, profile->id);
  return POS_CODEPAGE_CP437;
}

/* Skips one command at @data[*i] (ESC or GS), noting what it prints. */
static void
decode_command (const PosPrinterProfile *profile, const guint8 *data, gsize len, gsize *i, PosCodepage *page,
                GString *text)
{
  guint8 kind = data[*i], op = *i + 1 < len ? data[*i + 1] : 0;

  if (kind == ESC && op == '@')
    *i += 2;
  else if (kind == ESC && op == 't')
    {
      *page = page_for_number (profile, data[*i + 2]);
      g_string_append_printf (text, "[%s]\n", pos_codepage_name (*page));
      *i += 3;
    }
  else if (kind == ESC && op == 'p')
    *i += 5;
  else if (kind == GS && op == 'k')
    {
      guint8 n = data[*i + 3];

      /* Code 128 data starts with its code set ("{B"). */
      g_string_append_printf (text, "[barcode %.*s]\n", n - 2, (const char *)data + *i + 6);
      *i += 4 + n;
    }
  else if (kind == GS && op == '(')
    {
      gsize n = data[*i + 3] | (data[*i + 4] << 8);

      if (data[*i + 6] == 81)
        g_string_append (text, "[qr]\n");
      *i += 5 + n;
    }
  else if (kind == GS && op == 'v')
    {
      gsize stride = data[*i + 4] | (data[*i + 5] << 8), rows = data[*i + 6] | (data[*i + 7] << 8);
      *i += 8 + stride * rows;
    }
  else if (kind == GS && op == 'V')
    {
      g_string_append (text, "[cut]\n");
      *i += 4;
    }
  else
    *i += 3; /* ESC M/E/-/a/d, GS !/B/H/f/h/w: one parameter byte */
}

/* The text an ESC/POS stream prints, one receipt line a line. */
static char *
decode_receipt (const PosPrinterProfile *profile, GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *text = g_string_new (NULL);
  PosCodepage page = POS_CODEPAGE_CP437;

  for (gsize i = 0; i < len;)
    {
      if (data[i] == ESC || data[i] == GS)
        decode_command (profile, data, len, &i, &page, text);
      else if (data[i] == '\n')
        g_string_append_c (text, data[i++]);
      else
        {
          gunichar c = pos_codepage_to_unichar (page, data[i++]);
          g_string_append_unichar (text, c != 0 ? c : 0xFFFD);
        }
    }
  return g_string_free (text, FALSE);
}

/* Two teas (scanned), a milk and 532 g of cheese, paid with 50.00 cash, on
 * 27 November 2026 at 10:15 in Berlin. */
static char *
sell_fixed_sale (PosTestShop *shop)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (5000);
  gint64 when = 0;

  assert_true (pos_clock_parse_iso ("2026-11-27T09:15:00.000Z", &when));
  pos_clock_set_fixed_for_testing (when);
  pos_cart_set_multiplier (cart, 2 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->cheese, 532, &error));
  pos_assert_no_error (error);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

/* Three teas on "3 for 2" and a milk at a members' price for the customer
 * whose card is attached, at the same moment as the fixed sale. */
static char *
sell_promoted_sale (PosTestShop *shop)
{
  g_autoptr (PosPromotion) three = pos_promotion_new ();
  g_autoptr (PosPromotion) members = pos_promotion_new ();
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (PosCustomer) customer = NULL;
  PosCustomer draft = { .name = "Ada", .card_code = "C-1" };
  PosTender cash = pos_test_cash (1000);
  gint64 when = 0;

  assert_true (pos_clock_parse_iso ("2026-11-27T09:15:00.000Z", &when));
  pos_clock_set_fixed_for_testing (when);
  three->name = g_strdup ("Tea 3 for 2");
  three->kind = POS_PROMO_MULTIBUY, three->buy_qty = 3, three->pay_qty = 2;
  g_array_append_val (three->products, shop->tea);
  members->name = g_strdup ("Members' milk");
  members->kind = POS_PROMO_PRICE, members->value = 99, members->members_only = TRUE;
  g_array_append_val (members->products, shop->milk);
  assert_true (pos_promotion_add (shop->store, shop->owner, three, &error));
  assert_true (pos_promotion_add (shop->store, shop->owner, members, &error));
  customer = pos_test_add_customer (shop->store, shop->owner, &draft);
  pos_cart_set_multiplier (cart, 3 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  assert_true (pos_cart_set_customer_id (cart, customer->id, &error));
  pos_assert_no_error (error);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

static char *
printed_text_of (const GoldenShop *golden, char *(*sell) (PosTestShop *))
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new (golden->currency, golden->tax_mode);
  const PosPrinterProfile *profile = pos_printer_profile_lookup ("generic-80");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *receipt_no = NULL;

  assert_true (pos_store_set_setting (shop->store, "locale", golden->locale, NULL));
  assert_true (pos_store_set_setting (shop->store, "shop_name", golden->shop_name, NULL));
  assert_true (pos_store_set_setting (shop->store, "language", golden->language, NULL));
  assert_true (pos_store_set_setting (shop->store, "receipt_footer", "Thank you for shopping local!", NULL));
  receipt_no = sell (shop);
  receipt = pos_receipt_build (shop->store, receipt_no, &error);
  pos_assert_no_error (error);
  bytes = pos_escpos_encode (receipt, profile, &error);
  pos_assert_no_error (error);
  return decode_receipt (profile, bytes);
}

static char *
printed_text (const GoldenShop *golden)
{
  return printed_text_of (golden, sell_fixed_sale);
}

static char *
golden_path_named (const GoldenShop *golden, const char *kind)
{
  g_autofree char *name = g_strdup_printf ("receipt-%s%s.txt", kind, golden->locale);
  const char *source = g_getenv ("POS_SOURCE_DIR");

  if (source == NULL)
    fail_msg ("POS_SOURCE_DIR is not set");
  return g_build_filename (source, "tests", "data", "receipts", name, NULL);
}

static char *
golden_path (const GoldenShop *golden)
{
  return golden_path_named (golden, "");
}

static void
test_receipts_match_their_golden_files (void **state)
{
  for (gsize i = 0; i < G_N_ELEMENTS (shops); i++)
    {
      g_autofree char *text = printed_text (&shops[i]);
      g_autofree char *path = golden_path (&shops[i]);
      g_autofree char *golden = NULL;
      g_autoptr (GError) error = NULL;

      if (update_goldens)
        {
          assert_true (g_file_set_contents (path, text, -1, &error));
          continue;
        }
      if (!g_file_get_contents (path, &golden, NULL, &error))
        fail_msg ("%s: %s (refresh with --update)", path, error->message);
      if (strcmp (text, golden) != 0)
        fail_msg ("%s receipt differs from %s; printed:\n%s", shops[i].locale, path, text);
    }
}

/* Each promotion is named on the line it took from, with what it took. */
static void
test_promoted_receipt_matches_its_golden_file (void **state)
{
  g_autofree char *text = printed_text_of (&shops[0], sell_promoted_sale);
  g_autofree char *path = golden_path_named (&shops[0], "promotions-");
  g_autofree char *golden = NULL;
  g_autoptr (GError) error = NULL;

  if (update_goldens)
    {
      assert_true (g_file_set_contents (path, text, -1, &error));
      return;
    }
  if (!g_file_get_contents (path, &golden, NULL, &error))
    fail_msg ("%s: %s (refresh with --update)", path, error->message);
  if (strcmp (text, golden) != 0)
    fail_msg ("the promoted receipt differs from %s; printed:\n%s", path, text);
}

/* The decoded text is the real one: the locale's amounts and the shop's
 * letters survive the code page, not just whatever the golden holds. */
static void
test_each_locale_prints_its_own_formats (void **state)
{
  const struct
  {
    gsize shop;
    const char *needle;
  } expected[] = {
    { 0, "27.11.2026 10:15" },
    { 0, "50,00 €" },
    { 1, "27/11/2026 10:15" },
    { 2, "27-11-2026 10:15" },
    { 2, "€ 50,00" },
    { 3, "CHF 50.00" },
    { 4, "50,00 zł" },
    { 4, "Żabka Łódź" },
    { 5, "11/27/2026 10:15" },
    { 5, "$50.00" },
    /* The shop's words, from the real catalogs in po/. */
    { 0, "SUMME" },
    { 0, "Rückgeld" },
    { 1, "Rendu" },
    { 2, "Wisselgeld" },
    { 4, "Reszta" },
    { 5, "TOTAL" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = printed_text (&shops[expected[i].shop]);

      if (strstr (text, expected[i].needle) == NULL)
        fail_msg ("%s: no “%s” in\n%s", shops[expected[i].shop].locale, expected[i].needle, text);
    }
}

/* A 25.00 gift card sold for cash and a tea paid with it, in a US shop: the
 * card's receipt holds its value, last day, code and QR code; the tea's
 * the tender and what is left. */
static char *
gift_card_receipts (void)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("USD", "exclusive");
  const PosPrinterProfile *profile = pos_printer_profile_lookup ("generic-80");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sold = NULL, paid = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  PosVoucherSale card = { "GC2345ABCDEF", POS_VOUCHER_MPV, 2500, NULL, "2029-11-30" };
  PosTender cash = pos_test_cash (2500);
  PosTender voucher = { POS_TENDER_VOUCHER, 0, (char *)"GC2345ABCDEF", 0 };
  gint64 when = 0;

  assert_true (pos_clock_parse_iso ("2026-11-27T09:15:00.000Z", &when));
  pos_clock_set_fixed_for_testing (when);
  assert_true (pos_store_set_setting (shop->store, "locale", "en_US", NULL));
  assert_true (pos_store_set_setting (shop->store, "shop_name", "Corner Grocer", NULL));
  assert_true (pos_voucher_add_to_cart (cart, &card, NULL, &error));
  sold = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_true (pos_cart_add_code (cart, "TEA", &error));
  voucher.amount = pos_cart_get_total (cart);
  paid = pos_checkout_commit (shop->store, cart, shop->cashier, &voucher, 1, &error);
  pos_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (PosReceipt) receipt
          = pos_receipt_build (shop->store, i ? paid->receipt_no : sold->receipt_no, &error);
      g_autoptr (GBytes) bytes = NULL;
      g_autofree char *printed = NULL;

      pos_assert_no_error (error);
      bytes = pos_escpos_encode (receipt, profile, &error);
      pos_assert_no_error (error);
      printed = decode_receipt (profile, bytes);
      g_string_append (text, printed);
    }
  pos_clock_set_fixed_for_testing (0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_gift_card_receipts_match_their_golden_file (void **state)
{
  g_autofree char *text = gift_card_receipts ();
  g_autofree char *path = NULL;
  g_autofree char *golden = NULL;
  g_autoptr (GError) error = NULL;
  const char *source = g_getenv ("POS_SOURCE_DIR");

  if (source == NULL)
    fail_msg ("POS_SOURCE_DIR is not set");
  path = g_build_filename (source, "tests", "data", "receipts", "receipt-gift-card-en_US.txt", NULL);
  if (update_goldens)
    {
      assert_true (g_file_set_contents (path, text, -1, &error));
      return;
    }
  if (!g_file_get_contents (path, &golden, NULL, &error))
    fail_msg ("%s: %s (refresh with --update)", path, error->message);
  if (strcmp (text, golden) != 0)
    fail_msg ("gift card receipts differ from %s; printed:\n%s", path, text);
}

/* What the printer makes of @receipt, appended to @text. */
static void
append_printed (GString *text, PosReceipt *receipt)
{
  const PosPrinterProfile *profile = pos_printer_profile_lookup ("generic-80");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = pos_escpos_encode (receipt, profile, &error);
  g_autofree char *printed = NULL;

  pos_assert_no_error (error);
  printed = decode_receipt (profile, bytes);
  g_string_append (text, printed);
}

static void
append_slip (GString *text, PosTestShop *shop, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) slip = pos_layaway_receipt_build (shop->store, number, &error);

  pos_assert_no_error (error);
  append_printed (text, slip);
}

/* Two teas laid away with 2.00 down in cash, the rest by card, collected;
 * a bread laid away with 1.50 down and cancelled with 1.00 given back. */
static char *
layaway_receipts (void)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("USD", "exclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosLayaway) teas = NULL, bread = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  PosStockItem items[]
      = { { shop->tea, 5 * POS_QTY_ONE, -1, NULL, NULL }, { shop->bread, 5 * POS_QTY_ONE, -1, NULL, NULL } };
  PosLayawayOpening o = { "Ada Lovelace", POS_TENDER_CASH, 200, NULL };
  gint64 when = 0;

  assert_true (pos_clock_parse_iso ("2026-11-27T09:15:00.000Z", &when));
  pos_clock_set_fixed_for_testing (when);
  assert_true (pos_store_set_setting (shop->store, "locale", "en_US", NULL));
  assert_true (pos_store_set_setting (shop->store, "shop_name", "Corner Grocer", NULL));
  assert_true (pos_stock_receive (shop->store, shop->owner, 0, "DN-1", items, 2, &error));
  pos_cart_set_multiplier (cart, 2 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "TEA", &error));
  teas = pos_layaway_open (shop->store, cart, shop->cashier, &o, &error);
  pos_assert_no_error (error);
  append_slip (text, shop, teas->number);
  assert_true (pos_layaway_pay (shop->store, shop->cashier, teas->number, POS_TENDER_CARD,
                                pos_layaway_due (teas), "TERM-1", &error));
  append_slip (text, shop, teas->number);
  sale = pos_layaway_collect (shop->store, shop->cashier, teas->number, &error);
  pos_assert_no_error (error);
  receipt = pos_receipt_build (shop->store, sale->receipt_no, &error);
  pos_assert_no_error (error);
  append_printed (text, receipt);
  o.customer_name = "Bob", o.deposit = 150;
  assert_true (pos_cart_add_code (cart, "BREAD", &error));
  bread = pos_layaway_open (shop->store, cart, shop->cashier, &o, &error);
  pos_assert_no_error (error);
  assert_true (pos_layaway_cancel (shop->store, shop->cashier, shop->supervisor, bread->number, 100,
                                   POS_TENDER_CASH, NULL, &error));
  pos_assert_no_error (error);
  append_slip (text, shop, bread->number);
  pos_clock_set_fixed_for_testing (0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_layaway_receipts_match_their_golden_file (void **state)
{
  g_autofree char *text = layaway_receipts ();
  g_autofree char *path = golden_path_named (&shops[5], "layaway-");
  g_autofree char *golden = NULL;
  g_autoptr (GError) error = NULL;

  if (update_goldens)
    {
      assert_true (g_file_set_contents (path, text, -1, &error));
      return;
    }
  if (!g_file_get_contents (path, &golden, NULL, &error))
    fail_msg ("%s: %s (refresh with --update)", path, error->message);
  if (strcmp (text, golden) != 0)
    fail_msg ("layaway receipts differ from %s; printed:\n%s", path, text);
}

int
main (int argc, char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_receipts_match_their_golden_files),
    cmocka_unit_test (test_each_locale_prints_its_own_formats),
    cmocka_unit_test (test_promoted_receipt_matches_its_golden_file),
    cmocka_unit_test (test_gift_card_receipts_match_their_golden_file),
    cmocka_unit_test (test_layaway_receipts_match_their_golden_file),
  };

  update_goldens = argc > 1 && g_str_equal (argv[1], "--update");
  /* The build's catalogs, so each shop's receipt speaks its language. */
  pos_i18n_init ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
