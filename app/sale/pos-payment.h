/* pos-payment.h — the payment of one cart while the customer pays: the
 * tenders handed over so far and what follows from them (still to pay,
 * cash rounding, change, whether the sale is covered), as properties a
 * page binds to. The figures come from checkout's own rules, so the page
 * never works out money itself; pos_payment_commit() records the sale.
 */
#pragma once

#include "pos-checkout.h"

G_BEGIN_DECLS

#define POS_TYPE_PAYMENT (pos_payment_get_type ())
G_DECLARE_FINAL_TYPE (PosPayment, pos_payment, POS, PAYMENT, GObject)

/* Starts paying for @cart with the shop's rules as they are now.
 * Returns: (transfer full) */
PosPayment *pos_payment_new (PosStore *store, PosCart *cart);

PosCart *pos_payment_get_cart (PosPayment *self);
const PosCurrency *pos_payment_get_currency (PosPayment *self);
PosAmount pos_payment_get_total (PosPayment *self);
/* Everything handed over so far, points at their value. */
PosAmount pos_payment_get_tendered (PosPayment *self);
/* Still to pay before rounding (0 once covered). */
PosAmount pos_payment_get_remaining (PosPayment *self);
/* Cash still to hand over to cover the rest, cash-rounded (0 once covered). */
PosAmount pos_payment_get_remaining_cash (PosPayment *self);
/* The change the customer gets back. */
PosAmount pos_payment_get_change (PosPayment *self);
/* The tenders cover the sale: it can be recorded. */
gboolean pos_payment_get_covered (PosPayment *self);
/* The cash handed over is implausible: the cashier must confirm it. */
gboolean pos_payment_get_needs_confirmation (PosPayment *self);
gboolean pos_payment_get_has_customer (PosPayment *self);

guint pos_payment_get_n_tenders (PosPayment *self);
const PosTender *pos_payment_get_tender (PosPayment *self, guint i);

/* Adds a copy of @tender (a points tender is valued here). Refused with a
 * message for the cashier when the amount is out of range, the card
 * reference looks like a card number, there is no customer for points, or
 * the sale is already covered. */
gboolean pos_payment_add_tender (PosPayment *self, const PosTender *tender, GError **error);
void pos_payment_remove_last (PosPayment *self);

/* "Take €500.00 in cash and give €496.51 change?"
 * Returns: (transfer full) */
char *pos_payment_dup_confirmation (PosPayment *self);

/* Records the sale (pos_checkout_commit_full()), @confirmed when the
 * cashier said yes to pos_payment_dup_confirmation().
 * Returns: (transfer full) (nullable) */
PosSaleResult *pos_payment_commit (PosPayment *self, const PosUser *cashier, gboolean confirmed,
                                   GError **error);

G_END_DECLS
