/* pos-page-list.h — the till's pages as a sidebar list: one row per page of
 * an AdwViewStack, built from its pages, so a page added to the stack gets
 * its row without more code, and a page hidden for the signed-in role
 * hides its row. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Fills @list with a row per page of @stack, grouped under headings (Till,
 * Stock, Office), keeps the open page's row selected and opens the page of
 * an activated row. Call gtk_list_box_invalidate_headers() after changing
 * which pages are visible. */
void pos_page_list_bind (GtkListBox *list, AdwViewStack *stack);

/* The group heading of the page named @name ("sale" is in the Till group);
 * pages of no known group go with the office's. Returns: (transfer none) a
 * translated heading. */
const char *pos_page_list_group_title (const char *name);

G_END_DECLS
