/* pos-promo-report.h — what promotions cost the shop.
 *
 * Per promotion, over the business days asked for: the sales it was given
 * on and the discount it gave, less what came back with refunds (each
 * refund line carries back its share). JSON keys: from, to, promotions:
 * [ { uid, name, sales, given, refunded, cost } ], cost (their sum).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/* @from_day/@to_day: YYYY-MM-DD, NULL for today. (transfer full) */
JsonNode *pos_promo_report (PosStore *store, const char *from_day, const char *to_day, GError **error);
/* The report as lines for a terminal, in the shop's currency. */
char *pos_promo_report_text (PosStore *store, JsonNode *report);

G_END_DECLS
