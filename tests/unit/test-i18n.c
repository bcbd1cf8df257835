/* test-i18n.c — three languages at once: receipts and reports in the
 * shop's, the screen in the signed-in user's, and LANGUAGE from the
 * environment kept from overriding both (pos-i18n.h). The catalogs are the
 * small ones in tests/data/i18n. */
#include "pos-test-shop.h"

#include <locale.h>

#include "pos-i18n.h"
#include "pos-permission.h"
#include "pos-receipt-build.h"
#include "pos-report-text.h"
#include "pos-report.h"
#include "pos-shop.h"
#include "pos-store-private.h"

/* The thread's language back to the environment's after each test. */
static int
reset_language (void **state)
{
  pos_i18n_use_language (NULL);
  return 0;
}

/* The system must have the locales the languages need (packaging/dev.sh
 * generates them); without, every assertion below would fail obscurely. */
static void
require_locale (const char *name)
{
  locale_t l = newlocale (LC_MESSAGES_MASK, name, (locale_t)0);

  if (l == (locale_t)0)
    fail_msg ("the locale %s is not generated on this machine (packaging/dev.sh test generates it)", name);
  freelocale (l);
}

static char *
ring_up_cash_sale (PosTestShop *shop)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (5000);

  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

static char *
receipt_text (PosReceipt *receipt)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    {
      const PosReceiptBlock *b = pos_receipt_get_block (receipt, i);
      if (b->kind == POS_BLOCK_COLUMNS)
        g_string_append_printf (text, "%s | %s\n", b->text, b->right);
      else if (b->kind == POS_BLOCK_TEXT)
        g_string_append_printf (text, "%s\n", b->text);
    }
  return g_string_free (text, FALSE);
}

static void
test_receipt_speaks_the_shops_language_while_the_screen_speaks_the_cashiers (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *receipt_no = NULL;
  g_autofree char *text = NULL;

  require_locale ("de_DE.UTF-8");
  require_locale ("fr_FR.UTF-8");
  assert_true (pos_store_set_setting (shop->store, "language", "de", NULL));
  receipt_no = ring_up_cash_sale (shop);
  /* A French cashier's screen. */
  assert_true (pos_i18n_use_language ("fr"));
  assert_string_equal (C_ ("tender", "Cash"), "Espèces");

  receipt = pos_receipt_build (shop->store, receipt_no, &error);
  pos_assert_no_error (error);
  text = receipt_text (receipt);
  pos_assert_contains (text, "SUMME |");
  pos_assert_contains (text, "Bar |");
  pos_assert_contains (text, "Rückgeld |");
  assert_null (strstr (text, "Espèces"));
  assert_null (strstr (text, "TOTAL"));
  /* The screen still speaks French afterwards. */
  assert_string_equal (C_ ("tender", "Cash"), "Espèces");
}

static void
test_report_speaks_the_shops_language (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *receipt_no = NULL;
  g_autofree char *text = NULL;

  require_locale ("de_DE.UTF-8");
  require_locale ("fr_FR.UTF-8");
  assert_true (pos_store_set_setting (shop->store, "language", "fr", NULL));
  receipt_no = ring_up_cash_sale (shop);
  assert_true (pos_i18n_use_language ("de"));
  report = pos_report_x (shop->store, &error);
  pos_assert_no_error (error);
  text = pos_report_text (shop->store, report);
  pos_assert_contains (text, "Ventes brutes");
  assert_null (strstr (text, "Bruttoumsatz"));
  assert_string_equal (_ ("Gross sales"), "Bruttoumsatz");
}

/* The X report of a shop in @locale selling in @currency, as printed. */
static char *
x_report_text (const char *currency, const char *locale, const char *language)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new (currency, "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *receipt_no = NULL;

  assert_true (pos_store_set_setting (shop->store, "locale", locale, NULL));
  assert_true (pos_store_set_setting (shop->store, "language", language, NULL));
  receipt_no = ring_up_cash_sale (shop);
  report = pos_report_x (shop->store, &error);
  pos_assert_no_error (error);
  return pos_report_text (shop->store, report);
}

/* Whether @text holds an ISO date ("2026-12-05"). */
static gboolean
has_iso_date (const char *text)
{
  return g_regex_match_simple ("\\b\\d{4}-\\d{2}-\\d{2}\\b", text, 0, 0);
}

/* A German shop's day report: dates as Germans write them, amounts with
 * the euro sign after the number. */
static void
test_day_report_dates_and_amounts_in_german (void **state)
{
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d.%m.%Y");

  require_locale ("de_DE.UTF-8");
  text = x_report_text ("EUR", "de_DE", "de");
  assert_false (has_iso_date (text));
  pos_assert_contains (text, today);
  pos_assert_contains (text, "\u00a0€\n");
}

static void
test_day_report_dates_and_amounts_in_polish (void **state)
{
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d.%m.%Y");

  require_locale ("pl_PL.UTF-8");
  text = x_report_text ("PLN", "pl_PL", "pl");
  assert_false (has_iso_date (text));
  pos_assert_contains (text, today);
  pos_assert_contains (text, "\u00a0zł\n");
}

static void
test_shop_without_a_language_prints_in_the_tills (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *receipt_no = ring_up_cash_sale (shop);
  g_autofree char *text = NULL;

  /* The tests run in the C locale: English. */
  assert_true (pos_i18n_use_language ("fr"));
  receipt = pos_receipt_build (shop->store, receipt_no, &error);
  pos_assert_no_error (error);
  text = receipt_text (receipt);
  pos_assert_contains (text, "TOTAL |");
  assert_null (strstr (text, "TOTAL TTC"));
}

static void
test_shop_language_is_checked (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  assert_true (pos_shop_setting_check (shop->store, "language", "de_CH", NULL));
  assert_true (pos_shop_setting_check (shop->store, "language", "", NULL));
  assert_false (pos_shop_setting_check (shop->store, "language", "Deutsch", &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
}

static void
test_user_language_is_kept_and_checked (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) reread = NULL;

  /* A cashier chooses their own screen's language. */
  assert_true (pos_users_set_language (shop->store, shop->cashier, shop->cashier->name, "pl", &error));
  pos_assert_no_error (error);
  reread = pos_users_lookup (shop->store, shop->cashier->name, &error);
  pos_assert_no_error (error);
  assert_string_equal (reread->language, "pl");
  /* … but not anyone else's. */
  assert_false (pos_users_set_language (shop->store, shop->cashier, shop->supervisor->name, "pl", &error));
  g_clear_error (&error);
  assert_false (pos_users_set_language (shop->store, shop->owner, shop->cashier->name, "polish", &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
}

/* LANGUAGE outranks every thread locale in gettext: taken in at start, it
 * becomes the environment's language and leaves the environment, so the
 * shop's language still wins on a receipt. */
static void
test_language_variable_does_not_override_the_shops_language (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *receipt_no = NULL;
  g_autofree char *text = NULL;

  require_locale ("de_DE.UTF-8");
  require_locale ("fr_FR.UTF-8");
  g_setenv ("LANGUAGE", "fr:de", TRUE);
  pos_i18n_init ();
  bindtextdomain (GETTEXT_PACKAGE, POS_TEST_LOCALEDIR);
  assert_null (g_getenv ("LANGUAGE"));
  assert_string_equal (pos_i18n_environment_language (), "fr");
  assert_string_equal (C_ ("tender", "Cash"), "Espèces");

  assert_true (pos_store_set_setting (shop->store, "language", "de", NULL));
  receipt_no = ring_up_cash_sale (shop);
  receipt = pos_receipt_build (shop->store, receipt_no, &error);
  pos_assert_no_error (error);
  text = receipt_text (receipt);
  pos_assert_contains (text, "SUMME |");

  /* Back to the C locale for the other tests. */
  setlocale (LC_MESSAGES, "C");
}

/* A refusal is one sentence a language can word as a whole, not English
 * pieces around a translated role. */
static void
test_approval_refusal_is_one_translated_sentence (void **state)
{
  PosUser cashier = { .id = 1, .name = (char *)"Anna", .role = POS_ROLE_CASHIER, .active = TRUE };
  PosUser other
      = { .id = 2, .name = (char *)"Ben", .role = POS_ROLE_CASHIER, .active = TRUE, .pin_verified = TRUE };
  g_autoptr (GError) error = NULL;

  require_locale ("de_DE.UTF-8");
  assert_true (pos_i18n_use_language ("de"));
  assert_false (pos_permission_check (&cashier, POS_ACTION_REFUND, NULL, &error));
  assert_string_equal (error->message, "Erstattungen brauchen die Freigabe einer Aufsicht");
  g_clear_error (&error);
  assert_false (pos_permission_check (&cashier, POS_ACTION_REFUND, &other, &error));
  assert_string_equal (error->message,
                       "Ben darf das nicht freigeben: Erstattungen brauchen die Freigabe einer Aufsicht");
}

/* A worker that fails with a message, as a store worker does. */
static void
failing_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_task_return_new_error (task, POS_ERROR, POS_ERROR_INVALID, "%s", C_ ("tender", "Cash"));
}

static void
on_task_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert (!g_task_propagate_boolean (G_TASK (result), error));
}

/* Worker threads come from a shared pool that speaks the environment's
 * language; an error made there must still reach the cashier in theirs. */
static void
test_worker_thread_speaks_the_callers_language (void **state)
{
  g_autoptr (GError) error = NULL;

  require_locale ("de_DE.UTF-8");
  assert_true (pos_i18n_use_language ("de"));
  {
    g_autoptr (GTask) task = g_task_new (NULL, NULL, on_task_done_cb, &error);
    pos_i18n_run_in_thread (task, failing_thread);
  }
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_string_equal (error->message, "Bar");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown (test_receipt_speaks_the_shops_language_while_the_screen_speaks_the_cashiers,
                               reset_language),
    cmocka_unit_test_teardown (test_report_speaks_the_shops_language, reset_language),
    cmocka_unit_test_teardown (test_shop_without_a_language_prints_in_the_tills, reset_language),
    cmocka_unit_test_teardown (test_day_report_dates_and_amounts_in_german, reset_language),
    cmocka_unit_test_teardown (test_day_report_dates_and_amounts_in_polish, reset_language),
    cmocka_unit_test (test_shop_language_is_checked),
    cmocka_unit_test (test_user_language_is_kept_and_checked),
    cmocka_unit_test_teardown (test_language_variable_does_not_override_the_shops_language, reset_language),
    cmocka_unit_test_teardown (test_worker_thread_speaks_the_callers_language, reset_language),
    cmocka_unit_test_teardown (test_approval_refusal_is_one_translated_sentence, reset_language),
  };

  pos_i18n_init ();
  bindtextdomain (GETTEXT_PACKAGE, POS_TEST_LOCALEDIR);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
