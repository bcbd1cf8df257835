/* pos-quick-keys.c — the sale page's quick keys: a button per product the
 * shop set (GSettings "quick-keys", SKUs), or the first products. The
 * products are read in the background (pos_catalog_quick_keys_async), so
 * the sale screen comes up without waiting for them.
 */
#include "pos-sale-page-private.h"

#define N_QUICK_KEYS 12

static void
on_quick_key_clicked_cb (GtkButton *button, PosSalePage *self)
{
  PosCatalogItem *item = g_object_get_data (G_OBJECT (button), "pos-item");

  pos_sale_page_add_product (self, pos_catalog_item_get_id (item), pos_catalog_item_get_unit (item));
  pos_sale_page_focus_search (self);
}

static GtkWidget *
quick_key_new (PosSalePage *self, PosCatalogItem *item)
{
  GtkWidget *button = gtk_button_new_with_label (pos_catalog_item_get_name (item));

  gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
  gtk_widget_add_css_class (button, "quick-key");
  gtk_widget_set_focus_on_click (button, FALSE);
  g_object_set_data_full (G_OBJECT (button), "pos-item", g_object_ref (item), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_quick_key_clicked_cb), self);
  return button;
}

static void
on_quick_keys_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) keys = pos_catalog_quick_keys_finish (result, &error);
  GtkWidget *child;

  if (keys == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the quick keys: %s", error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_keys))) != NULL)
    gtk_flow_box_remove (self->quick_keys, child);
  for (guint i = 0; i < keys->len; i++)
    gtk_flow_box_append (self->quick_keys, quick_key_new (self, g_ptr_array_index (keys, i)));
}

/* (Re)builds the quick keys; a read still running for older settings is
 * cancelled. */
void
pos_quick_keys_build (PosSalePage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  g_auto (GStrv) skus = settings ? g_settings_get_strv (settings, "quick-keys") : NULL;

  g_cancellable_cancel (self->quick_keys_cancellable);
  g_clear_object (&self->quick_keys_cancellable);
  self->quick_keys_cancellable = g_cancellable_new ();
  pos_catalog_quick_keys_async (pos_context_get_store (self->context), (const char *const *)skus,
                                N_QUICK_KEYS, self->quick_keys_cancellable, on_quick_keys_read_cb,
                                g_object_ref (self));
}
