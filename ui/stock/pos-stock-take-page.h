/* pos-stock-take-page.h — counting the shop by scan: start a stock take
 * (whole shop or a category), every scan while the page is open counts
 * one (or the quantity typed first), then the variance report and its
 * approval. The rule is pos-stock-take.h's. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_STOCK_TAKE_PAGE (pos_stock_take_page_get_type ())
G_DECLARE_FINAL_TYPE (PosStockTakePage, pos_stock_take_page, POS, STOCK_TAKE_PAGE, GtkWidget)

void pos_stock_take_page_set_context (PosStockTakePage *self, PosContext *context);

/* A code scanned while the page is open: counted in the open stock take. */
void pos_stock_take_page_scan (PosStockTakePage *self, const char *code);

G_END_DECLS
