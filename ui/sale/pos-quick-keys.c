/* pos-quick-keys.c — the sale page's quick keys: the shop's quick-key
 * pages ("Bakery", "Drinks") as tabs above a grid of keys, each in its
 * colour with its picture. A shop without pages gets the keys of before:
 * the till's list of SKUs (GSettings "quick-keys"), else the catalog's
 * quick keys, else the first products. Everything is read in the
 * background, so the sale screen comes up without waiting for it, and
 * again each time the page is shown, so an edit made in the quick-key
 * editor or learnt from another till shows at once.
 */
#include "pos-sale-page-private.h"

#include "pos-quick-key-button.h"
#include "pos-quick-key-page.h"

#define N_QUICK_KEYS 12

/* What a key sells. */
typedef struct
{
  gint64 product_id;
  char *unit;
} KeySale;

static void
key_sale_free (KeySale *sale)
{
  g_free (sale->unit);
  g_free (sale);
}

static void
on_quick_key_clicked_cb (GtkButton *button, PosSalePage *self)
{
  KeySale *sale = g_object_get_data (G_OBJECT (button), "pos-sale");

  pos_sale_page_add_product (self, sale->product_id, sale->unit);
  pos_sale_page_focus_search (self);
}

/* A key of the sale screen: it sells @product_id as a scan would. */
static GtkWidget *
sale_key_new (PosSalePage *self, const char *label, const char *colour, const char *image, gint64 product_id,
              const char *unit)
{
  GtkWidget *button = pos_quick_key_button_new (label, colour, image);
  KeySale *sale = g_new0 (KeySale, 1);

  sale->product_id = product_id;
  sale->unit = g_strdup (unit);
  gtk_widget_set_focus_on_click (button, FALSE);
  g_object_set_data_full (G_OBJECT (button), "pos-sale", sale, (GDestroyNotify)key_sale_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_quick_key_clicked_cb), self);
  return button;
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* Page @index of the shop's pages into the grid. */
static void
show_page (PosSalePage *self, guint index)
{
  PosQuickKeyPage *page = g_ptr_array_index (self->quick_key_pages, index);

  self->quick_key_page = index;
  clear_flow_box (self->quick_keys);
  for (guint i = 0; i < page->keys->len; i++)
    {
      PosQuickKey *key = g_ptr_array_index (page->keys, i);

      gtk_flow_box_append (self->quick_keys, sale_key_new (self, pos_quick_key_shown_label (key),
                                                           pos_quick_key_shown_colour (key), key->image_path,
                                                           key->product_id, key->unit));
    }
}

static void
on_tab_toggled_cb (GtkToggleButton *tab, PosSalePage *self)
{
  if (gtk_toggle_button_get_active (tab))
    show_page (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "pos-page")));
}

/* The tabs of the pages, the one shown before (or the first) chosen. */
static void
show_pages (PosSalePage *self)
{
  GtkToggleButton *group = NULL;
  guint chosen = MIN (self->quick_key_page, self->quick_key_pages->len - 1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_key_tabs))) != NULL)
    gtk_box_remove (self->quick_key_tabs, child);
  for (guint i = 0; i < self->quick_key_pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (self->quick_key_pages, i);
      GtkWidget *tab = gtk_toggle_button_new_with_label (page->name);

      gtk_widget_add_css_class (tab, "quick-key-tab");
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (tab), group);
      group = group ? group : GTK_TOGGLE_BUTTON (tab);
      g_object_set_data (G_OBJECT (tab), "pos-page", GUINT_TO_POINTER (i));
      g_signal_connect (tab, "toggled", G_CALLBACK (on_tab_toggled_cb), self);
      gtk_box_append (self->quick_key_tabs, tab);
      if (i == chosen)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tab), TRUE);
    }
  gtk_widget_set_visible (self->quick_key_tab_row, TRUE);
  show_page (self, chosen);
}

static void
on_quick_keys_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = pos_catalog_quick_keys_finish (result, &error);

  if (keys == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the quick keys: %s", error->message);
      return;
    }
  gtk_widget_set_visible (self->quick_key_tab_row, FALSE);
  clear_flow_box (self->quick_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      PosCatalogItem *item = g_ptr_array_index (keys, i);

      gtk_flow_box_append (self->quick_keys,
                           sale_key_new (self, pos_catalog_item_get_name (item),
                                         pos_catalog_item_get_colour (item),
                                         pos_catalog_item_get_image (item), pos_catalog_item_get_id (item),
                                         pos_catalog_item_get_unit (item)));
    }
}

/* The keys of before, for a shop that has made no pages. */
static void
build_without_pages (PosSalePage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  g_auto (GStrv) skus = settings ? g_settings_get_strv (settings, "quick-keys") : NULL;

  pos_catalog_quick_keys_async (pos_context_get_store (self->context), (const char *const *)skus,
                                N_QUICK_KEYS, self->quick_keys_cancellable, on_quick_keys_read_cb,
                                g_object_ref (self));
}

static void
on_pages_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = pos_quick_key_pages_read_finish (result, &error);

  if (pages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the quick keys: %s", error->message);
      return;
    }
  g_clear_pointer (&self->quick_key_pages, g_ptr_array_unref);
  /* A page whose window has gone (the read kept it alive) shows nothing:
   * its store may be gone too. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (pages->len == 0)
    {
      build_without_pages (self);
      return;
    }
  self->quick_key_pages = g_steal_pointer (&pages);
  show_pages (self);
}

/* (Re)builds the quick keys; a read still running for older settings is
 * cancelled. */
void
pos_quick_keys_build (PosSalePage *self)
{
  if (self->context == NULL)
    return;
  g_cancellable_cancel (self->quick_keys_cancellable);
  g_clear_object (&self->quick_keys_cancellable);
  self->quick_keys_cancellable = g_cancellable_new ();
  pos_quick_key_pages_read_async (pos_context_get_store (self->context), self->quick_keys_cancellable,
                                  on_pages_read_cb, g_object_ref (self));
}
