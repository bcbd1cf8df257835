/* test-stock-page.c — the stock page's dialogs name the product they act
 * on, so a delivery or a count is never typed against the wrong row. */
#include "pos-test-shop.h"

#include <adwaita.h>

#include "pos-context.h"
#include "stock/pos-product-item.h"
#include "stock/pos-stock-page.h"

GResource *pos_ui_get_resource (void);

typedef struct
{
  PosTestShop *shop;
  PosContext *context;
  GtkWidget *window;
  PosStockPage *page;
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
  f->page = g_object_new (POS_TYPE_STOCK_PAGE, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  pos_stock_page_set_context (f->page, f->context);
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

static GtkWidget *
find_column_view (GtkWidget *root)
{
  if (GTK_IS_COLUMN_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The message dialog on screen now, or NULL. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Selects the row of @sku once the list has been read in the background. */
static void
select_sku (Fixture *f, const char *sku)
{
  GListModel *model = G_LIST_MODEL (pos_stock_page_get_model (f->page));
  GtkSelectionModel *selection
      = gtk_column_view_get_model (GTK_COLUMN_VIEW (find_column_view (GTK_WIDGET (f->page))));
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (PosProductItem) item = g_list_model_get_item (model, i);
      if (g_str_equal (pos_product_item_get_sku (item), sku))
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          return;
        }
    }
  fail_msg ("%s is not listed", sku);
}

/* Runs @action on the selected product and returns its dialog's heading. */
static char *
heading_of (Fixture *f, const char *action)
{
  AdwMessageDialog *dialog;
  char *heading;

  gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL);
  dialog = find_dialog ();
  assert_non_null (dialog);
  heading = g_strdup (adw_message_dialog_get_heading (dialog));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  return heading;
}

static void
test_receive_adjust_and_count_name_the_product (void **state)
{
  Fixture *f = *state;
  const char *actions[] = { "stock.receive", "stock.adjust", "stock.count" };

  select_sku (f, "MILK");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *heading = heading_of (f, actions[i]);

      assert_non_null (strstr (heading, "Whole milk 1l"));
      assert_non_null (strstr (heading, "(MILK)"));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_receive_adjust_and_count_name_the_product, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();
  g_resources_register (pos_ui_get_resource ());
  return cmocka_run_group_tests (tests, NULL, NULL);
}
