/* pos-history-page.h — past sales: find a receipt, read it, reprint it,
 * refund from it or show it as a QR code. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_HISTORY_PAGE (pos_history_page_get_type ())
G_DECLARE_FINAL_TYPE (PosHistoryPage, pos_history_page, POS, HISTORY_PAGE, GtkWidget)

void pos_history_page_set_context (PosHistoryPage *self, PosContext *context);

/* Puts the cursor in the receipt number field: people come with one. */
void pos_history_page_focus_search (PosHistoryPage *self);

G_END_DECLS
