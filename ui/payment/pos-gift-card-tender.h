/* pos-gift-card-tender.h — paying with a gift card, voucher or store credit.
 *
 * A small window over the payment page: the cashier scans the card (a
 * wedge scanner types into the code field) or types its code, sees what
 * is left on it and until when, and uses part or all of it. A card that
 * cannot pay (unknown, voided, expired, someone else's credit, empty,
 * over this till's offline limit) is refused there with the reason, and
 * nothing is added. The rest of the sale is paid by another tender.
 */
#pragma once

#include <adwaita.h>

#include "pos-context.h"
#include "pos-payment.h"

G_BEGIN_DECLS

#define POS_TYPE_GIFT_CARD_TENDER (pos_gift_card_tender_get_type ())
G_DECLARE_FINAL_TYPE (PosGiftCardTender, pos_gift_card_tender, POS, GIFT_CARD_TENDER, AdwWindow)

/* Opens over @parent for @payment. "chosen" (code, amount) is emitted when
 * the cashier uses the card; the window then closes. */
PosGiftCardTender *pos_gift_card_tender_new (GtkWindow *parent, PosContext *context, PosPayment *payment);

/* Looks up @code as if it had been typed (a scan). */
void pos_gift_card_tender_set_code (PosGiftCardTender *self, const char *code);

G_END_DECLS
