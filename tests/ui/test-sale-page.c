/* test-sale-page.c — the sale screen: the newest line stays in view however
 * long the cart, toasts never hide the total and stay long enough to read,
 * a long one wraps rather than being cut off, and the actions that can run
 * follow the cart's state, and rows show what a promotion takes off lines
 * scanned before it. */
#include "pos-test-util.h"

#include <adwaita.h>

#include "pos-catalog.h"
#include "pos-context.h"
#include "pos-promotion.h"
#include "pos-toast.h"
#include "sale/pos-sale-page-private.h"
#include "pos-store-private.h"

#define N_PRODUCTS 50

GResource *pos_ui_get_resource (void);

typedef struct
{
  PosTestStore *t;
  PosContext *context;
  GtkWidget *window;
  PosSalePage *page;
  gint64 ids[N_PRODUCTS];
} Fixture;

static void
add_products (Fixture *f)
{
  gint64 tax = 0;

  assert_true (pos_store_exec (f->t->store,
                               "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Std', 2000)", NULL));
  tax = pos_catalog_tax_rate_id (f->t->store, "A", NULL);
  for (int i = 0; i < N_PRODUCTS; i++)
    {
      g_autoptr (PosProduct) p = pos_product_new ();

      p->sku = g_strdup_printf ("P%d", i);
      p->name = g_strdup_printf ("Product %d", i);
      p->price = 100 + i;
      p->tax_rate_id = tax;
      assert_true (pos_catalog_save (f->t->store, p, NULL));
      f->ids[i] = p->id;
    }
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) cashier = NULL;
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  add_products (f);
  g_clear_pointer (&cashier, pos_user_free);
  cashier = pos_users_add (f->t->store, "casey", POS_ROLE_CASHIER, "1234", &error);
  pos_assert_no_error (error);
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  pos_context_set_user (f->context, cashier);
  f->page = g_object_new (POS_TYPE_SALE_PAGE, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  pos_sale_page_set_context (f->page, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

/* Lets the main loop draw for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static GtkWidget *
find_by_css_name (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_css_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_name (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a mapped label reading @text lies whole within @viewport. */
static gboolean
label_in_view (GtkWidget *root, GtkWidget *viewport, const char *text)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return gtk_widget_compute_bounds (root, viewport, &bounds) && bounds.size.height > 0
           && bounds.origin.y >= 0
           && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport) + 0.5;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_in_view (child, viewport, text))
      return TRUE;
  return FALSE;
}

/* Lets the main loop run until the label @text is whole in @viewport; a
 * busy machine may take a few frames, a line that never comes into view
 * fails after two seconds. */
static gboolean
wait_in_view (GtkWidget *viewport, const char *text)
{
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!label_in_view (viewport, viewport, text))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      run_for (20);
    }
  return TRUE;
}

/* Each scanned line is seen whole, also at the end of a 50-line basket on
 * a 1024×768 screen, where the list's height below the laid-out rows is
 * only an estimate. */
static void
test_newest_line_is_fully_visible_in_a_long_cart (void **state)
{
  Fixture *f = *state;
  PosCart *cart = pos_sale_page_get_cart (f->page);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (f->page->cart_scroller);
  GtkWidget *scroller = GTK_WIDGET (f->page->cart_scroller);

  run_for (300);
  for (int i = 0; i < N_PRODUCTS; i++)
    {
      char name[32];

      g_snprintf (name, sizeof name, "Product %d", i);
      assert_true (pos_cart_add_product (cart, f->ids[i], POS_QTY_ONE, NULL));
      if (!wait_in_view (scroller, name))
        fail_msg ("line %d is not in view after its scan", i + 1);
    }
  run_for (500);
  assert_int_equal (pos_cart_get_n_lines (cart), N_PRODUCTS);
  /* The list is longer than the screen, and the last line is whole in view. */
  assert_true (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment));
  assert_true (label_in_view (scroller, scroller, "Product 49"));
  assert_false (label_in_view (scroller, scroller, "Product 0"));
  assert_int_equal (gtk_single_selection_get_selected (f->page->selection), N_PRODUCTS - 1);
}

static void
test_toast_leaves_the_total_visible_and_stays_to_be_read (void **state)
{
  Fixture *f = *state;
  GtkWidget *toast;
  graphene_rect_t toast_bounds, total_bounds;

  assert_true (pos_cart_add_product (pos_sale_page_get_cart (f->page), f->ids[0], POS_QTY_ONE, NULL));
  run_for (300);
  pos_sale_page_add_code (f->page, "0000000000001"); /* a wrong check digit: a toast */
  run_for (500);
  toast = find_by_css_name (GTK_WIDGET (f->page), "toast");
  assert_non_null (toast);
  assert_true (gtk_widget_compute_bounds (toast, GTK_WIDGET (f->page), &toast_bounds));
  assert_true (
      gtk_widget_compute_bounds (GTK_WIDGET (f->page->total_label), GTK_WIDGET (f->page), &total_bounds));
  assert_false (graphene_rect_intersection (&toast_bounds, &total_bounds, NULL));
  /* Still there after 3.5 s: long enough to read. */
  run_for (3500);
  assert_non_null (find_by_css_name (GTK_WIDGET (f->page), "toast"));
}

static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_a_long_toast_wraps_instead_of_being_cut_off (void **state)
{
  Fixture *f = *state;
  const char *message = "No receipt printer is set up. Choose one in Settings → This till.";
  GtkWidget *toast;
  GtkWidget *label;

  pos_sale_page_toast (f->page, message);
  run_for (500);
  toast = find_by_css_name (GTK_WIDGET (f->page), "toast");
  assert_non_null (toast);
  label = find_label (toast, message);
  assert_non_null (label);
  assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  assert_int_equal (gtk_label_get_ellipsize (GTK_LABEL (label)), PANGO_ELLIPSIZE_NONE);
}

/* A message with a long word (a printer's device path) still wraps inside
 * its toast: every child of the toast, a slip's "Print again" and the close
 * button included, lies within the toast, not cut off by its edge. */
static void
test_a_toast_with_a_long_path_keeps_its_buttons_in_view (void **state)
{
  Fixture *f = *state;
  GtkWidget *toast;
  graphene_rect_t toast_bounds;

  AdwToast *slip
      = pos_toast_new_wrapped ("Slip of layaway T1-L1 not printed: Could not open printer file "
                               "/tmp/tmp.SlJm4pe7lC/usb/lp0: No such file or directory. The money is kept.");

  adw_toast_set_button_label (slip, "Print again");
  adw_toast_overlay_add_toast (f->page->toast_overlay, slip);
  run_for (500);
  toast = find_by_css_name (GTK_WIDGET (f->page), "toast");
  assert_non_null (toast);
  assert_true (gtk_widget_compute_bounds (toast, GTK_WIDGET (f->page), &toast_bounds));
  assert_true (toast_bounds.origin.x + toast_bounds.size.width
               <= gtk_widget_get_width (GTK_WIDGET (f->page)));
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      assert_true (gtk_widget_compute_bounds (child, GTK_WIDGET (f->page), &bounds));
      if (bounds.origin.x + bounds.size.width > toast_bounds.origin.x + toast_bounds.size.width + 0.5)
        fail_msg ("a %s of the toast ends at %.0f px, past the toast's edge at %.0f px",
                  gtk_widget_get_css_name (child), bounds.origin.x + bounds.size.width,
                  toast_bounds.origin.x + toast_bounds.size.width);
    }
}

static void
test_actions_follow_the_cart (void **state)
{
  Fixture *f = *state;
  GtkWidget *pay = find_button (GTK_WIDGET (f->page), "Pay F12");
  GtkWidget *void_line = find_button (GTK_WIDGET (f->page), "Void Delete");
  GtkWidget *resume = find_button (GTK_WIDGET (f->page), "Resume F9");

  run_for (200);
  assert_false (gtk_widget_get_sensitive (pay));
  assert_false (gtk_widget_get_sensitive (void_line));
  assert_true (gtk_widget_get_sensitive (resume));
  assert_true (pos_cart_add_product (pos_sale_page_get_cart (f->page), f->ids[0], POS_QTY_ONE, NULL));
  run_for (200);
  assert_true (gtk_widget_get_sensitive (pay));
  assert_true (gtk_widget_get_sensitive (void_line));
  assert_false (gtk_widget_get_sensitive (resume));
}

/* The promotions line under the cart follows the cart: nothing until the
 * third unit of a "3 for 2", then the promotion and the saving. */
static void
test_promotions_and_saving_show_as_the_cart_changes (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  g_autoptr (PosUser) owner = NULL;
  PosCart *cart = pos_sale_page_get_cart (f->page);
  g_autoptr (GError) error = NULL;

  owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  p->name = g_strdup ("Three for two");
  p->kind = POS_PROMO_MULTIBUY, p->buy_qty = 3, p->pay_qty = 2;
  g_array_append_val (p->products, f->ids[0]);
  assert_true (pos_promotion_add (f->t->store, owner, p, &error));
  pos_assert_no_error (error);

  assert_true (pos_cart_add_product (cart, f->ids[0], 2 * POS_QTY_ONE, NULL));
  run_for (100);
  assert_false (gtk_widget_get_visible (GTK_WIDGET (f->page->promotions_label)));
  assert_true (pos_cart_add_product (cart, f->ids[0], POS_QTY_ONE, NULL));
  run_for (100);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (f->page->promotions_label)));
  assert_non_null (strstr (gtk_label_get_text (f->page->promotions_label), "Three for two −"));
  assert_non_null (strstr (gtk_label_get_text (f->page->promotions_label), "You save "));
  assert_true (pos_cart_void_line (cart, pos_cart_get_n_lines (cart) - 1, owner, NULL, NULL));
  run_for (100);
  assert_false (gtk_widget_get_visible (GTK_WIDGET (f->page->promotions_label)));
}

static gboolean
label_starts (GtkWidget *root, const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_starts (child, prefix))
      return TRUE;
  return FALSE;
}

/* A "3 for 2" across three products takes money off the lines scanned
 * before its third unit too: their rows show it at once, though the cart
 * announces only the line it added; a void takes it off them again. */
static void
test_rows_scanned_earlier_show_what_a_promotion_takes_off (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  g_autoptr (PosUser) owner = NULL;
  PosCart *cart = pos_sale_page_get_cart (f->page);
  GtkWidget *view = GTK_WIDGET (f->page->cart_view);
  g_autoptr (GError) error = NULL;

  owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  p->name = g_strdup ("Mix three for two");
  p->kind = POS_PROMO_MULTIBUY, p->buy_qty = 3, p->pay_qty = 2;
  for (int i = 0; i < 3; i++)
    g_array_append_val (p->products, f->ids[i]);
  assert_true (pos_promotion_add (f->t->store, owner, p, &error));
  pos_assert_no_error (error);

  assert_true (pos_cart_add_product (cart, f->ids[0], POS_QTY_ONE, NULL));
  assert_true (pos_cart_add_product (cart, f->ids[1], POS_QTY_ONE, NULL));
  run_for (200);
  assert_true (label_starts (view, "Product 0"));
  assert_false (label_starts (view, "Product 0 ("));
  assert_true (pos_cart_add_product (cart, f->ids[2], POS_QTY_ONE, NULL));
  run_for (200);
  assert_true (pos_cart_line_get_discount (pos_cart_get_line (cart, 0)) > 0);
  assert_true (label_starts (view, "Product 0 (−"));
  assert_true (label_starts (view, "Product 1 (−"));
  assert_true (pos_cart_void_line (cart, 2, owner, NULL, NULL));
  run_for (200);
  assert_false (label_starts (view, "Product 0 ("));
  assert_false (label_starts (view, "Product 1 ("));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_newest_line_is_fully_visible_in_a_long_cart, setup, teardown),
    cmocka_unit_test_setup_teardown (test_toast_leaves_the_total_visible_and_stays_to_be_read, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_actions_follow_the_cart, setup, teardown),
    cmocka_unit_test_setup_teardown (test_promotions_and_saving_show_as_the_cart_changes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_long_toast_wraps_instead_of_being_cut_off, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_toast_with_a_long_path_keeps_its_buttons_in_view, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_rows_scanned_earlier_show_what_a_promotion_takes_off, setup,
                                     teardown),
  };

  adw_init ();
  g_resources_register (pos_ui_get_resource ());
  return cmocka_run_group_tests (tests, NULL, NULL);
}
