/* pos-receiving-page.h — a delivery taken in by scan: free, or against a
 * purchase order; every scan while the page is open adds one (or the
 * quantity typed first); lines with more than was ordered are flagged;
 * then the delivery is booked (pos-receiving.h). */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_RECEIVING_PAGE (pos_receiving_page_get_type ())
G_DECLARE_FINAL_TYPE (PosReceivingPage, pos_receiving_page, POS, RECEIVING_PAGE, GtkWidget)

void pos_receiving_page_set_context (PosReceivingPage *self, PosContext *context);

/* A code scanned while the page is open: added to the delivery. */
void pos_receiving_page_scan (PosReceivingPage *self, const char *code);

G_END_DECLS
