/* pos-sale-page.h — the cashier's screen: cart, total, search, quick keys. */
#pragma once

#include <adwaita.h>

#include "pos-cart.h"
#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_SALE_PAGE (pos_sale_page_get_type ())
G_DECLARE_FINAL_TYPE (PosSalePage, pos_sale_page, POS, SALE_PAGE, GtkWidget)

void pos_sale_page_set_context (PosSalePage *self, PosContext *context);

/* The sale being rung up. Returns: (transfer none) (nullable) */
PosCart *pos_sale_page_get_cart (PosSalePage *self);
/* Takes over @cart from another page (a window rebuilt in another
 * language), so a sale in progress carries on. */
void pos_sale_page_adopt_cart (PosSalePage *self, PosCart *cart);

/* Adds the product with barcode or SKU @code to the cart; an unknown code
 * shows a message and rings the bell, leaving the cart as it was. */
void pos_sale_page_add_code (PosSalePage *self, const char *code);

/* Starts a search with @text: keys typed with the focus outside any field. */
void pos_sale_page_type (PosSalePage *self, const char *text);

void pos_sale_page_focus_search (PosSalePage *self);

/* Starts a new, empty sale (after payment). */
void pos_sale_page_new_sale (PosSalePage *self);

G_END_DECLS
