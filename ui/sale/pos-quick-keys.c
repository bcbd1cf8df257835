/* pos-quick-keys.c — the sale page's quick keys: a button per product the
 * till set (GSettings "quick-keys", SKUs), else the catalog's quick keys in
 * their colours and with their pictures, else the first products. The
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

/* The style class of a quick key in @colour ("#rrggbb", checked by the
 * catalog): one provider for the display holds a rule per colour in use,
 * a colour seen first adds its own, with dark or light text to be read. */
static char *
colour_class (GtkWidget *widget, const char *colour)
{
  static GtkCssProvider *provider;
  static GString *css;
  static GHashTable *seen;
  char *name = g_strdup_printf ("quick-key-%s", colour + 1);
  guint64 rgb = g_ascii_strtoull (colour + 1, NULL, 16);
  guint luma = (guint)(((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      css = g_string_new (NULL);
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  if (g_hash_table_add (seen, g_strdup (name)))
    {
      g_string_append_printf (css, "button.%s { background: %s; color: %s; }\n", name, colour,
                              luma > 140 ? "#000000" : "#ffffff");
      gtk_css_provider_load_from_data (provider, css->str, -1);
    }
  return name;
}

/* The key's face: its picture, when it has one, above its name. */
static GtkWidget *
key_face (PosCatalogItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (pos_catalog_item_get_name (item));
  const char *image = pos_catalog_item_get_image (item);

  if (image != NULL && g_file_test (image, G_FILE_TEST_IS_REGULAR))
    {
      GtkWidget *picture = gtk_picture_new_for_filename (image);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, 48, 48);
      gtk_box_append (GTK_BOX (box), picture);
    }
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
quick_key_new (PosSalePage *self, PosCatalogItem *item)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), key_face (item));
  gtk_widget_add_css_class (button, "quick-key");
  if (pos_catalog_item_get_colour (item) != NULL)
    {
      g_autofree char *css_class = colour_class (button, pos_catalog_item_get_colour (item));
      gtk_widget_add_css_class (button, css_class);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pos_catalog_item_get_name (item), -1);
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
