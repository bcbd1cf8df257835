/* pos-training.h — training mode at the till.
 *
 * A supervisor or owner switches a till into training mode so new staff
 * can practise on the real till. While it is on, every checkout is a
 * training sale: it is never written to the sale tables but appended to
 * the journal as one "training.sale" event with its lines, taxes and
 * payments, numbered <till>-T<n> in a series of its own. Stock, takings,
 * X and Z reports, loyalty, vouchers, grand totals and the receipt numbers
 * customers get therefore stay as they were by construction, and sync
 * keeps the event in the journal without making a sale of it. The shop's
 * fiscal profile marks each one as the law asks (pos-fiscal.h), and its
 * receipt says TRAINING at the top and the bottom. Switching on and off
 * is journalled ("training.on" / "training.off") with who approved it.
 */
#pragma once

#include "pos-checkout.h"
#include "pos-receipt.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* This till's own setting, never synced: "1" while training. */
#define POS_TRAINING_SETTING "training_mode"

gboolean pos_training_is_on (PosStore *store);

/* Switches this till's training mode. @actor must be a supervisor or
 * owner, or @approver one (POS_ERROR_PERMISSION otherwise);
 * POS_ERROR_ALREADY_DONE when the mode already is @on. */
gboolean pos_training_set (PosStore *store, const PosUser *actor, const PosUser *approver, gboolean on,
                           GError **error);

/* Whether @receipt_no names a training receipt (<till>-T<n>). */
gboolean pos_training_is_receipt (const char *receipt_no);

/* The training sale of @cart paid with @tenders (cash and card only: points
 * and vouchers are real money to the customer), journalled in one
 * transaction; the cart is emptied as after a sale. */
PosSaleResult *pos_training_checkout (PosStore *store, PosCart *cart, const PosUser *cashier,
                                      const PosTender *tenders, gsize n_tenders, GError **error);

/* The printed receipt of training sale @receipt_no, marked TRAINING.
 * POS_ERROR_NOT_FOUND when there is no such training sale.
 * Returns: (transfer full) (nullable) */
PosReceipt *pos_training_receipt_build (PosStore *store, const char *receipt_no, GError **error);

G_END_DECLS
