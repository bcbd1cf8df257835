/* pos-column-view.h — text columns for the till's tables (cart, catalog). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Appends a column whose cells are made by @setup_cb and filled by
 * @bind_cb (GtkSignalListItemFactory signatures). @column reaches both as
 * their user data; @page is kept on the factory as "pos-page" for them. */
void pos_column_view_add_column (GtkColumnView *view, const char *title, int column, gboolean expand,
                                 gpointer page, GCallback setup_cb, GCallback bind_cb);

G_END_DECLS
