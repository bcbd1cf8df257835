/* pos-slip.h — what the slips for money paid in share: a layaway's and an
 * account's (pos-layaway-receipt.c, pos-account-receipt.c).
 *
 * Money moved outside a sale still gets a slip the customer takes home. Its
 * head (the shop, a banner), its money lines and its dates are written the
 * same way on every such slip, in the shop's locale.
 */
#pragma once

#include "pos-money.h"
#include "pos-receipt.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* The shop's name (or the default one) and address, then @banner inverted
 * across the paper and a rule. */
void pos_slip_add_shop (PosStore *store, PosReceipt *receipt, const char *banner);

/* "@label          €12.50" in @currency. */
void pos_slip_add_money (PosReceipt *receipt, const PosCurrency *currency, PosTextStyle style,
                         const char *label, PosAmount amount);

/* "28.11.2026 09:15" (de_DE) of @iso_utc in local time and @locale, or
 * @iso_utc itself when it cannot be read. Returns: (transfer full) */
char *pos_slip_local_time (const char *iso_utc, const char *locale);

/* How money was paid, as the slip says it: "Cash", "Card (ref 4711)",
 * "Gift card …", "Points (120)". Returns: (transfer full) */
char *pos_slip_method_label (const char *method, const char *reference);

G_END_DECLS
