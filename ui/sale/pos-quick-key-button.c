/* pos-quick-key-button.c — a quick key's face (see pos-quick-key-button.h). */
#include "pos-quick-key-button.h"

/* The style class of a quick key in @colour (checked by the catalog): one
 * provider for the display holds a rule per colour in use, a colour seen
 * first adds its own, with dark or light text to be read. */
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

void
pos_quick_key_button_set_colour (GtkWidget *button, const char *colour)
{
  g_autofree char *css_class = colour != NULL ? colour_class (button, colour) : NULL;
  const char *old = g_object_get_data (G_OBJECT (button), "pos-colour-class");

  if (old != NULL)
    gtk_widget_remove_css_class (button, old);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  g_object_set_data_full (G_OBJECT (button), "pos-colour-class", g_steal_pointer (&css_class), g_free);
}

GtkWidget *
pos_quick_key_button_new (const char *label, const char *colour, const char *image)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *text = gtk_label_new (label);

  if (image != NULL && g_file_test (image, G_FILE_TEST_IS_REGULAR))
    {
      GtkWidget *picture = gtk_picture_new_for_filename (image);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_set_size_request (picture, 48, 48);
      gtk_box_append (GTK_BOX (box), picture);
    }
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "quick-key");
  pos_quick_key_button_set_colour (button, colour);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}
