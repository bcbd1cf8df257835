/* test-context-print.c — the till's printing runs off the main thread:
 * the receipt reaches this till's printer, the header's printer state
 * follows ("printing", then "ready" or why not), and a page that only
 * wants to hear of failures hears of them, in words a cashier can act on
 * and whole; a no-sale opens the drawer only with a supervisor. */
#include "pos-test-shop.h"

#include <adwaita.h>

#include "pos-context.h"
#include "pos-error.h"
#include "pos-escpos.h"
#include "pos-receipt-build.h"
#include "pos-receipt-printer.h"
#include "pos-store-private.h"
#include "pos-till-printer.h"

typedef struct
{
  PosTestShop *shop;
  PosContext *context;
  char *receipt_no;
  char *printer_path;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosCart) cart = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender cash = pos_test_cash (1000);

  f->shop = pos_test_shop_new ("EUR", "inclusive");
  cart = pos_cart_new (f->shop->store);
  assert_true (pos_cart_add_product (cart, f->shop->milk, POS_QTY_ONE, &error));
  result = pos_checkout_commit (f->shop->store, cart, f->shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  f->receipt_no = g_strdup (result->receipt_no);
  f->printer_path = g_build_filename (f->shop->t->dir, "printer.bin", NULL);
  f->context = pos_context_new (f->shop->t->path, &error);
  pos_assert_no_error (error);
  pos_context_set_user (f->context, f->shop->cashier);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  g_settings_reset (pos_context_get_settings (f->context), "printer");
  g_clear_object (&f->context);
  pos_test_shop_free (f->shop);
  g_free (f->receipt_no);
  g_free (f->printer_path);
  g_free (f);
  return 0;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Printed;

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Printed *printed = user_data;

  printed->ok = pos_till_printer_print_finish (POS_CONTEXT (source), result, &printed->error);
  printed->done = TRUE;
}

static void
wait_for (gboolean *done)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!*done && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_true (*done);
}

static void
test_receipt_reaches_the_till_printer_off_the_main_thread (void **state)
{
  Fixture *f = *state;
  g_autofree char *uri = g_strdup_printf ("file:%s", f->printer_path);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  Printed printed = { 0 };
  g_autoptr (PosReceipt) receipt = pos_receipt_build (f->shop->store, f->receipt_no, NULL);
  g_autoptr (GBytes) expected = pos_escpos_encode (receipt, pos_printer_profile_lookup ("generic-80"), NULL);

  g_settings_set_string (pos_context_get_settings (f->context), "printer", uri);
  pos_till_printer_print_async (f->context, f->receipt_no, FALSE, FALSE, NULL, on_printed_cb, &printed);
  /* The call returned before the printer was reached. */
  assert_false (printed.done);
  assert_string_equal (pos_context_get_printer_state (f->context), "printing");
  wait_for (&printed.done);
  pos_assert_no_error (printed.error);
  assert_true (printed.ok);
  assert_true (g_file_get_contents (f->printer_path, &bytes, &len, NULL));
  assert_int_equal (len, g_bytes_get_size (expected));
  assert_memory_equal (bytes, g_bytes_get_data (expected, NULL), len);
  assert_string_equal (pos_context_get_printer_state (f->context), "ready");
}

static void
test_cash_sale_kicks_the_drawer_after_the_receipt (void **state)
{
  Fixture *f = *state;
  g_autofree char *uri = g_strdup_printf ("file:%s", f->printer_path);
  Printed printed = { 0 };

  g_settings_set_string (pos_context_get_settings (f->context), "printer", uri);
  pos_till_printer_print_async (f->context, f->receipt_no, FALSE, TRUE, NULL, on_printed_cb, &printed);
  wait_for (&printed.done);
  pos_assert_no_error (printed.error);
  assert_true (printed.ok);
  assert_int_equal (
      pos_test_query_int (f->shop->store, "SELECT count(*) FROM audit WHERE action = 'drawer_open'"), 1);
  assert_string_equal (pos_context_get_printer_state (f->context), "ready");
}

static void
test_no_printer_is_an_error_in_the_printer_state (void **state)
{
  Fixture *f = *state;
  Printed printed = { 0 };

  pos_till_printer_print_async (f->context, f->receipt_no, FALSE, TRUE, NULL, on_printed_cb, &printed);
  wait_for (&printed.done);
  assert_false (printed.ok);
  pos_assert_error (printed.error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (printed.error->message,
                       "No receipt printer is set up. Choose one in Settings → This till.");
  assert_string_equal (pos_context_get_printer_state (f->context), printed.error->message);
  g_error_free (printed.error);
}

static void
test_failure_toast_shows_the_whole_message_on_wrapped_lines (void **state)
{
  g_autoptr (AdwToast) toast = pos_receipt_printer_failure_toast (
      "No receipt printer is set up. Choose one in Settings → This till.");
  GtkWidget *title = adw_toast_get_custom_title (toast);

  assert_true (GTK_IS_LABEL (title));
  assert_string_equal (
      gtk_label_get_text (GTK_LABEL (title)),
      "Receipt not printed. No receipt printer is set up. Choose one in Settings → This till. "
      "The sale is saved; Ctrl+P prints it again.");
  assert_true (gtk_label_get_wrap (GTK_LABEL (title)));
  assert_int_equal (gtk_label_get_ellipsize (GTK_LABEL (title)), PANGO_ELLIPSIZE_NONE);
  assert_true (adw_toast_get_timeout (toast) >= 8);
}

static void
on_drawer_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Printed *printed = user_data;

  printed->ok = pos_till_printer_open_drawer_finish (POS_CONTEXT (source), result, &printed->error);
  printed->done = TRUE;
}

static void
test_no_sale_needs_a_supervisor_and_is_recorded_with_them (void **state)
{
  Fixture *f = *state;
  g_autofree char *uri = g_strdup_printf ("file:%s", f->printer_path);
  Printed refused = { 0 };
  Printed opened = { 0 };

  g_settings_set_string (pos_context_get_settings (f->context), "printer", uri);
  pos_till_printer_open_drawer_async (f->context, NULL, "change for the bank", NULL, on_drawer_opened_cb,
                                      &refused);
  wait_for (&refused.done);
  assert_false (refused.ok);
  pos_assert_error (refused.error, POS_ERROR, POS_ERROR_PERMISSION);
  g_error_free (refused.error);
  assert_false (g_file_test (f->printer_path, G_FILE_TEST_EXISTS));

  pos_till_printer_open_drawer_async (f->context, f->shop->supervisor, "change for the bank", NULL,
                                      on_drawer_opened_cb, &opened);
  wait_for (&opened.done);
  pos_assert_no_error (opened.error);
  assert_true (opened.ok);
  assert_true (g_file_test (f->printer_path, G_FILE_TEST_EXISTS));
  assert_int_equal (pos_test_query_int (f->shop->store,
                                        "SELECT count(*) FROM audit WHERE action = 'drawer_open' "
                                        "AND sale_id IS NULL AND approver_id = (SELECT id FROM user "
                                        "WHERE name = 'sam') AND detail LIKE '%change for the bank%'"),
                    1);
  assert_int_equal (
      pos_test_query_int (f->shop->store, "SELECT count(*) FROM journal WHERE type = 'drawer.open'"), 1);
}

typedef struct
{
  char *message;
  gboolean destroyed;
} Failure;

static void
on_print_failed_cb (const char *message, gpointer user_data)
{
  Failure *failure = user_data;

  failure->message = g_strdup (message);
}

static void
on_destroy_cb (gpointer user_data)
{
  Failure *failure = user_data;

  failure->destroyed = TRUE;
}

static void
test_page_hears_of_a_failed_print (void **state)
{
  Fixture *f = *state;
  Failure failure = { 0 };

  pos_receipt_printer_print (f->context, "T1-999", FALSE, FALSE, on_print_failed_cb, &failure, on_destroy_cb);
  wait_for (&failure.destroyed);
  assert_non_null (failure.message);
  assert_string_equal (pos_context_get_printer_state (f->context), failure.message);
  g_free (failure.message);
}

/* Whether there is a printer at all is known before a no-sale asks anyone:
 * neither the till nor the shop has one, then the till's own, then only the
 * shop's. */
static void
test_printer_check_sees_the_till_and_the_shop_printer (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("file:%s", f->printer_path);

  assert_false (pos_till_printer_check (f->context, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "No receipt printer is set up");
  g_clear_error (&error);
  g_settings_set_string (pos_context_get_settings (f->context), "printer", uri);
  assert_true (pos_till_printer_check (f->context, &error));
  pos_assert_no_error (error);
  g_settings_reset (pos_context_get_settings (f->context), "printer");
  assert_true (pos_store_set_setting (f->shop->store, "printer", uri, &error));
  pos_assert_no_error (error);
  assert_true (pos_till_printer_check (f->context, &error));
  pos_assert_no_error (error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_receipt_reaches_the_till_printer_off_the_main_thread, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_cash_sale_kicks_the_drawer_after_the_receipt, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_printer_is_an_error_in_the_printer_state, setup, teardown),
    cmocka_unit_test_setup_teardown (test_page_hears_of_a_failed_print, setup, teardown),
    cmocka_unit_test_setup_teardown (test_failure_toast_shows_the_whole_message_on_wrapped_lines, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_no_sale_needs_a_supervisor_and_is_recorded_with_them, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_printer_check_sees_the_till_and_the_shop_printer, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
