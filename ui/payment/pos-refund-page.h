/* pos-refund-page.h — giving money back: find the receipt (typed or its
 * barcode scanned), pick lines and quantities, pay back. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_REFUND_PAGE (pos_refund_page_get_type ())
G_DECLARE_FINAL_TYPE (PosRefundPage, pos_refund_page, POS, REFUND_PAGE, GtkWidget)

void pos_refund_page_set_context (PosRefundPage *self, PosContext *context);

/* Clears the page for a new refund and focuses the receipt field. */
void pos_refund_page_begin (PosRefundPage *self);

/* Shows the lines of receipt @receipt_no that can still be given back. */
void pos_refund_page_load (PosRefundPage *self, const char *receipt_no);

G_END_DECLS
