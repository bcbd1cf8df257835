/* pos-payment-page.h — taking payment for a cart: cash with quick notes,
 * card with the terminal's reference, loyalty points, any mix of them, and
 * the change shown large once the sale is recorded. */
#pragma once

#include <adwaita.h>

#include "pos-cart.h"
#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_PAYMENT_PAGE (pos_payment_page_get_type ())
G_DECLARE_FINAL_TYPE (PosPaymentPage, pos_payment_page, POS, PAYMENT_PAGE, GtkWidget)

void pos_payment_page_set_context (PosPaymentPage *self, PosContext *context);

/* Starts taking payment for @cart (kept until "finished" or "cancelled"). */
void pos_payment_page_begin (PosPaymentPage *self, PosCart *cart);

/* A scan while the page is open: a gift card's code, looked up in the
 * gift-card window (opened for it when it is not yet). */
void pos_payment_page_scan (PosPaymentPage *self, const char *code);

/* The next notes above @due for quick cash buttons: each is the smallest
 * multiple of a note (or coin of at least one major unit) of @currency that
 * covers @due, distinct, ascending,
 * at most @max, none equal to @due. Returns the number written to @out. */
guint pos_payment_quick_cash (PosAmount due, const PosCurrency *currency, PosAmount *out, guint max);

G_END_DECLS
