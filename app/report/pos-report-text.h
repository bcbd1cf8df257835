/* pos-report-text.h — a report as a person reads it.
 *
 * Reports are JSON documents (pos-report.h) with amounts in minor units,
 * quantities in thousandths, internal ids and UTC timestamps: right for
 * scripts, wrong for a shop owner. This turns one into plain text lines:
 * amounts in the shop's currency, quantities as quantities ("223",
 * "1.532 kg"), rates as percents, times in local time, cashiers by name,
 * no ids; lists of rows as aligned tables. The JSON itself is unchanged.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/*
 * @store is read for the currency, cashier names and product units.
 * Returns: (transfer full): the text, each line ending in "\n".
 */
char *pos_report_text (PosStore *store, JsonNode *report);

G_END_DECLS
