/* pos-column-view.c — text columns for the till's tables (see pos-column-view.h). */
#include "pos-column-view.h"

void
pos_column_view_add_column (GtkColumnView *view, const char *title, int column, gboolean expand,
                            gpointer page, GCallback setup_cb, GCallback bind_cb)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) view_column = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  g_object_set_data (G_OBJECT (factory), "pos-page", page);
  g_signal_connect (factory, "setup", setup_cb, GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", bind_cb, GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (view, view_column);
}
