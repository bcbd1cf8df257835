/* pos-page.c — what every page of the till shares (see pos-page.h). */
#include "pos-page.h"

void
pos_page_unparent_children (GtkWidget *page)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (page));

  while ((child = gtk_widget_get_first_child (page)) != NULL)
    gtk_widget_unparent (child);
}
