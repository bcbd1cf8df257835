/* pos-stock-page.h — the owner's catalog and stock: the whole catalog in
 * one list, search, low-stock filter, and the stock actions. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"
#include "pos-sql-list-model.h"

G_BEGIN_DECLS

#define POS_TYPE_STOCK_PAGE (pos_stock_page_get_type ())
G_DECLARE_FINAL_TYPE (PosStockPage, pos_stock_page, POS, STOCK_PAGE, GtkWidget)

void pos_stock_page_set_context (PosStockPage *self, PosContext *context);

/* A barcode scanned while the page is open: the list shows the product
 * it names (by its SKU), or a toast says no product has it. */
void pos_stock_page_scan (PosStockPage *self, const char *code);

/* The list's model (for tests). Returns: (transfer none) (nullable) */
PosSqlListModel *pos_stock_page_get_model (PosStockPage *self);

G_END_DECLS
