/* test-window-scan.c — a scan goes to the page that is open, never to the
 * sale behind it: the Stock page finds the product, a page with no use for
 * a scan refuses it, the Sale page sells it. The scanner is fed with the
 * timing of a real one, so nothing depends on the machine's load. */
#include "pos-test-util.h"

#include "pos-scan-controller.h"
#include "pos-window.h"
#include "sale/pos-sale-page.h"

typedef struct
{
  PosTestStore *t;
  PosApplication *app;
  PosContext *context;
  PosWindow *window;
  gboolean ready;
} Fixture;

static void
on_ready_cb (PosWindow *window, Fixture *f)
{
  f->ready = TRUE;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) owner = NULL;
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  pos_test_exec (f->t->store,
                 "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000);"
                 "INSERT INTO product (sku, name, price, tax_rate_id) VALUES ('FAB-1', 'Pencil', 120, 1);"
                 "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1);");
  f->app = pos_application_new (g_get_monotonic_time ());
  assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  pos_assert_no_error (error);
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  f->window = pos_window_new (f->app, f->context);
  pos_window_set_default_float (f->window, 0);
  g_signal_connect (f->window, "ready", G_CALLBACK (on_ready_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->context);
  g_clear_object (&f->app);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

static void
iterate (void)
{
  for (int i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* A wedge scanner: the code a millisecond a key, then Enter. */
static void
scan (Fixture *f, const char *code, guint32 *time_ms)
{
  PosScanController *scanner = pos_window_get_scan_controller (f->window);

  for (const char *p = code; *p != '\0'; p++)
    assert_true (pos_scan_controller_feed (scanner, gdk_unicode_to_keyval ((guchar)*p), 0, ++*time_ms));
  assert_true (pos_scan_controller_feed (scanner, GDK_KEY_Return, 0, ++*time_ms));
  *time_ms += 1000;
  iterate ();
}

static GtkEditable *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_search_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
sign_in (Fixture *f, const char *name, const char *pin)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  assert_true (pos_window_sign_in (f->window, name, pin));
  while (!f->ready && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_true (f->ready);
  iterate ();
}

static void
test_a_scan_goes_to_the_page_that_is_open (void **state)
{
  Fixture *f = *state;
  GtkWidget *stock, *sale;
  PosCart *cart;
  guint32 time_ms = 1000;

  sign_in (f, "olivia", "4321");
  sale = pos_window_show_page (f->window, "sale");
  cart = pos_sale_page_get_cart (POS_SALE_PAGE (sale));
  stock = pos_window_show_page (f->window, "stock");
  assert_non_null (stock);
  iterate ();

  /* On the Stock page the scan finds its product in the list. */
  scan (f, "4006381333931", &time_ms);
  assert_string_equal (pos_window_get_screen (f->window), "stock");
  assert_string_equal (gtk_editable_get_text (find_search_entry (stock)), "FAB-1");
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (cart)), 0);

  /* A page with no use for a scan refuses it; the sale stays empty. */
  pos_window_show_page (f->window, "customers");
  iterate ();
  scan (f, "4006381333931", &time_ms);
  assert_string_equal (pos_window_get_screen (f->window), "customers");
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (cart)), 0);

  /* On the Sale page it sells. */
  pos_window_show_page (f->window, "sale");
  iterate ();
  scan (f, "4006381333931", &time_ms);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (cart)), 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_a_scan_goes_to_the_page_that_is_open, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
