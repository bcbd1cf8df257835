/* pos-nf525.h — French-style (NF525) signed grand totals and closings.
 *
 * Under FR-NF525 every sale and refund adds its total to the till's
 * perpetual grand total, and every daily, monthly and annual closing
 * records its period's total beside it. Each is one line
 *
 *   NF525|<till>|<kind>|<receipt or closing id>|<time>|<amount>|<grand total>|<hash of the line before>
 *
 * followed by "|" and the till's Ed25519 signature (pos-till-key.h) over
 * the line's SHA-256: the lines chain, so none can be changed, dropped or
 * reordered without `fiscal verify` naming it. Money moved with no sale
 * (an advance towards a layaway, a payment into an account) is no
 * turnover and stays out of the grand totals (see
 * pos_fiscal_record_money_move in pos-fiscal.c for why).
 */
#pragma once

#include "pos-receipt.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

gboolean pos_nf525_record_sale (PosStore *store, gint64 sale_id, const char *kind, const char *receipt_no,
                                const char *created_at, gint64 total, GError **error);
/* A closing of @kind "day", "month" or "year", in its own transaction,
 * journalled. (transfer full) its id in *@closing_id, its period's total
 * in *@period_total. */
gboolean pos_nf525_close (PosStore *store, const PosUser *actor, const char *kind, char **closing_id,
                          gint64 *period_total, GError **error);
/* Checks chain, grand totals, closings and signatures; names the first
 * line that fails. */
gboolean pos_nf525_verify (PosStore *store, guint *count, GError **error);
gboolean pos_nf525_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                  GError **error);

G_END_DECLS
