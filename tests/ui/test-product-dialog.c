/* test-product-dialog.c — the product dialog makes variants (the product
 * they belong to and their options, with the product's price when none is
 * typed) and schedules a new price; a bad option or start is marked on its
 * own row with nothing written. It shows the quick key's picture itself, a
 * placeholder when there is none or its file is missing, and takes it away.
 * With quick-key pages, the product's key goes onto the page chosen beside
 * its position, and the dialog shows where it is. */
#include "pos-test-shop.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pos-context.h"
#include "pos-product-image.h"
#include "pos-quick-key-page.h"
#include "stock/pos-product-dialog.h"

GResource *pos_ui_get_resource (void);

typedef struct
{
  PosTestShop *shop;
  PosContext *context;
  GtkWidget *window;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;

  f->shop = pos_test_shop_new ("EUR", "inclusive");
  f->context = pos_context_new (f->shop->t->path, &error);
  pos_assert_no_error (error);
  pos_context_set_user (f->context, f->shop->owner);
  f->window = gtk_window_new ();
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
  pos_test_shop_free (f->shop);
  g_free (f);
  return 0;
}

/* The first widget under @root that @match accepts, depth first. */
static GtkWidget *
find (GtkWidget *root, gboolean (*match) (GtkWidget *, const char *), const char *what)
{
  if (match (root, what))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, what);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget *widget, const char *title)
{
  return ADW_IS_ENTRY_ROW (widget)
         && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

static gboolean
is_button_labelled (GtkWidget *widget, const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
row (PosProductDialog *dialog, const char *title)
{
  GtkWidget *found = find (GTK_WIDGET (dialog), is_row_titled, title);

  if (found == NULL)
    fail_msg ("no row “%s”", title);
  return found;
}

static void
type_into (PosProductDialog *dialog, const char *title, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (dialog, title)), text);
}

static void
save (PosProductDialog *dialog)
{
  GtkWidget *button = find (GTK_WIDGET (dialog), is_button_labelled, "_Save");

  assert_non_null (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
test_a_new_variant_takes_its_products_name_and_price (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog = pos_product_dialog_present (f->window, f->context, 0, NULL);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  type_into (dialog, "SKU", "TEA-LOOSE");
  type_into (dialog, "Variant of", "4006381333931"); /* the tea, by its barcode */
  type_into (dialog, "Options", "pack = loose, size=250 g");
  save (dialog);
  assert_null (dialog); /* saved and closed */
  assert_int_equal (pos_test_query_int (f->shop->store,
                                        "SELECT parent_id = (SELECT id FROM product WHERE sku "
                                        "= 'TEA') AND price = 349 AND NOT own_price FROM "
                                        "product WHERE sku = 'TEA-LOOSE'"),
                    1);
  assert_int_equal (pos_test_query_int (f->shop->store,
                                        "SELECT count(*) FROM product WHERE sku = 'TEA-LOOSE' "
                                        "AND variant_options = 'pack=loose' || char (10) || "
                                        "'size=250 g'"),
                    1);
}

static void
test_a_bad_option_is_marked_on_its_row_and_nothing_is_written (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog = pos_product_dialog_present (f->window, f->context, 0, NULL);
  gint64 products = pos_test_query_int (f->shop->store, "SELECT count(*) FROM product");

  type_into (dialog, "SKU", "TEA-BIG");
  type_into (dialog, "Variant of", "TEA");
  type_into (dialog, "Options", "large");
  save (dialog);
  assert_true (gtk_widget_has_css_class (row (dialog, "Options"), "error"));
  assert_false (gtk_widget_has_css_class (row (dialog, "Variant of"), "error"));
  type_into (dialog, "Variant of", "NO-SUCH");
  type_into (dialog, "Options", "size=big");
  save (dialog);
  assert_true (gtk_widget_has_css_class (row (dialog, "Variant of"), "error"));
  assert_false (gtk_widget_has_css_class (row (dialog, "Options"), "error"));
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT count(*) FROM product"), products);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

#define FROM_ROW "New price from (e.g. 2026-12-24 18:00)"

static void
test_a_new_price_is_scheduled_from_the_dialog (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (g_date_time_new_now_local (), 1);
  g_autofree char *from = g_date_time_format (tomorrow, "%Y-%m-%d 06:30");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  type_into (dialog, "New price (scheduled)", "2.99");
  type_into (dialog, FROM_ROW, from);
  save (dialog);
  assert_null (dialog);
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT count(*) FROM price_change WHERE price = 299 "
                                                        "AND applied_at IS NULL"),
                    1);
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT price FROM product WHERE sku = 'TEA'"), 349);
}

static void
test_a_start_in_the_past_is_marked_and_nothing_is_written (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);
  gint64 events = pos_test_query_int (f->shop->store, "SELECT count(*) FROM journal");

  type_into (dialog, "Name", "Earl Grey tea, renamed");
  type_into (dialog, "New price (scheduled)", "2.99");
  type_into (dialog, FROM_ROW, "2020-01-01 08:00");
  save (dialog);
  assert_true (gtk_widget_has_css_class (row (dialog, FROM_ROW), "error"));
  type_into (dialog, FROM_ROW, "soon");
  save (dialog);
  assert_true (gtk_widget_has_css_class (row (dialog, FROM_ROW), "error"));
  type_into (dialog, "New price (scheduled)", "");
  type_into (dialog, FROM_ROW, "2030-01-01 08:00");
  save (dialog);
  assert_true (gtk_widget_has_css_class (row (dialog, "New price (scheduled)"), "error"));
  assert_false (gtk_widget_has_css_class (row (dialog, FROM_ROW), "error"));
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT count(*) FROM price_change"), 0);
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT count(*) FROM journal"), events);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
is_action_row_titled (GtkWidget *widget, const char *title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

static gboolean
is_stack (GtkWidget *widget, const char *unused)
{
  return GTK_IS_STACK (widget);
}

/* What the picture row shows: "picture" or "none", and its subtitle. */
static const char *
picture_shown (PosProductDialog *dialog, const char **subtitle)
{
  GtkWidget *picture_row = find (GTK_WIDGET (dialog), is_action_row_titled, "Quick-key picture");
  GtkWidget *stack;

  assert_non_null (picture_row);
  stack = find (picture_row, is_stack, NULL);
  assert_non_null (stack);
  *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (picture_row));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The tea gets a picture as `product edit --image` keeps it. */
static void
give_tea_a_picture (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autofree char *source = g_build_filename (g_get_tmp_dir (), "test-product-dialog-tea.png", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *sql = NULL;

  gdk_pixbuf_fill (pixbuf, 0x30a050ff);
  assert_true (gdk_pixbuf_save (pixbuf, source, "png", &error, NULL));
  kept = pos_product_image_import (f->shop->store, source, &error);
  pos_assert_no_error (error);
  g_unlink (source);
  sql = g_strdup_printf ("UPDATE product SET image_path = '%s' WHERE sku = 'TEA'", kept);
  pos_test_exec (f->shop->store, sql);
}

static void
test_the_picture_is_shown_and_can_be_taken_away (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog;
  const char *subtitle = NULL;
  GtkWidget *remove;

  give_tea_a_picture (f);
  dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  assert_string_equal (picture_shown (dialog, &subtitle), "picture");
  assert_non_null (find (GTK_WIDGET (dialog), is_button_labelled, "_Replace…"));
  remove = find (GTK_WIDGET (dialog), is_button_labelled, "Re_move");
  assert_non_null (remove);
  assert_true (gtk_widget_get_sensitive (remove));
  g_signal_emit_by_name (remove, "clicked");
  assert_string_equal (picture_shown (dialog, &subtitle), "none");
  assert_string_equal (subtitle, "None: the key shows the name");
  assert_false (gtk_widget_get_sensitive (remove));
  save (dialog);
  assert_null (dialog);
  assert_int_equal (
      pos_test_query_int (f->shop->store, "SELECT image_path IS NULL FROM product WHERE sku = 'TEA'"), 1);
}

static void
test_a_picture_missing_on_this_till_shows_a_placeholder (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog;
  const char *subtitle = NULL;

  pos_test_exec (f->shop->store, "UPDATE product SET image_path = 'images/' || printf ('%064d', 7) || '.png' "
                                 "WHERE sku = 'TEA'");
  dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);
  assert_string_equal (picture_shown (dialog, &subtitle), "none");
  assert_string_equal (subtitle, "Missing on this till: choose it again");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = pos_product_dialog_present (f->window, f->context, f->shop->milk, NULL);
  assert_string_equal (picture_shown (dialog, &subtitle), "none");
  assert_non_null (find (GTK_WIDGET (dialog), is_button_labelled, "C_hoose…"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
is_combo_titled (GtkWidget *widget, const char *title)
{
  return ADW_IS_COMBO_ROW (widget)
         && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title);
}

static void
test_the_key_goes_onto_the_page_chosen_beside_its_position (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  gint64 bakery = pos_quick_key_page_add (f->shop->store, f->shop->owner, "Bakery", &error);
  gint64 drinks = pos_quick_key_page_add (f->shop->store, f->shop->owner, "Drinks", &error);
  PosProductDialog *dialog;
  GtkWidget *pages;

  assert_true (bakery > 0 && drinks > 0);
  assert_true (pos_quick_key_add (f->shop->store, f->shop->owner, drinks, f->shop->milk, NULL, NULL, &error));
  pos_assert_no_error (error);
  dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  pages = find (GTK_WIDGET (dialog), is_combo_titled, "Quick-key page");
  assert_non_null (pages);
  assert_int_equal (adw_combo_row_get_selected (ADW_COMBO_ROW (pages)), 0); /* no key yet: the first page */
  adw_combo_row_set_selected (ADW_COMBO_ROW (pages), 1);
  type_into (dialog, "Quick-key position (1 is the first key)", "1");
  save (dialog);
  assert_null (dialog);
  assert_int_equal (
      pos_test_query_int (f->shop->store,
                          "SELECT count(*) FROM quick_key k JOIN product p ON p.id = k.product_id "
                          "WHERE p.sku = 'TEA' AND k.position = 0 AND k.page_id = "
                          "(SELECT id FROM quick_key_page WHERE name = 'Drinks')"),
      1);
  assert_int_equal (pos_test_query_int (f->shop->store,
                                        "SELECT position FROM quick_key WHERE product_id = (SELECT id FROM "
                                        "product WHERE sku = 'MILK')"),
                    1);
  assert_int_equal (
      pos_test_query_int (f->shop->store, "SELECT quick_key_position IS NULL FROM product WHERE sku = 'TEA'"),
      1);

  /* Opened again, it shows where the key is. */
  dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);
  pages = find (GTK_WIDGET (dialog), is_combo_titled, "Quick-key page");
  assert_int_equal (adw_combo_row_get_selected (ADW_COMBO_ROW (pages)), 1);
  assert_string_equal (
      gtk_editable_get_text (GTK_EDITABLE (row (dialog, "Quick-key position (1 is the first key)"))), "1");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_without_pages_there_is_no_page_row (void **state)
{
  Fixture *f = *state;
  PosProductDialog *dialog = pos_product_dialog_present (f->window, f->context, f->shop->tea, NULL);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  assert_null (find (GTK_WIDGET (dialog), is_combo_titled, "Quick-key page"));
  type_into (dialog, "Quick-key position (1 is the first key)", "4");
  save (dialog);
  assert_null (dialog);
  assert_int_equal (
      pos_test_query_int (f->shop->store, "SELECT quick_key_position FROM product WHERE sku = 'TEA'"), 4);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_a_new_variant_takes_its_products_name_and_price, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_bad_option_is_marked_on_its_row_and_nothing_is_written, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_a_new_price_is_scheduled_from_the_dialog, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_start_in_the_past_is_marked_and_nothing_is_written, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_the_picture_is_shown_and_can_be_taken_away, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_picture_missing_on_this_till_shows_a_placeholder, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_the_key_goes_onto_the_page_chosen_beside_its_position, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_without_pages_there_is_no_page_row, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();
  g_resources_register (pos_ui_get_resource ());
  return cmocka_run_group_tests (tests, NULL, NULL);
}
