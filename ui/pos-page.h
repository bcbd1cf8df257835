/* pos-page.h — what every page of the till (a GtkWidget with a template)
 * shares. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Unparents every child left under @page. Call it from dispose after
 * gtk_widget_dispose_template(), which clears only the children the class
 * binds by name: the template's unnamed root would outlive its page, and
 * GTK warns about it when the page is finalized. */
void pos_page_unparent_children (GtkWidget *page);

G_END_DECLS
