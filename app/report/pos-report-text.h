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

typedef enum
{
  POS_REPORT_LINE_VALUE,   /* a label and its value ("Gross sales", "€12.30") */
  POS_REPORT_LINE_HEADING, /* the label of a group or table below it */
  POS_REPORT_LINE_ROW,     /* a table row, columns aligned; the first is the header */
} PosReportLineKind;

/* One line of a report; @value only for POS_REPORT_LINE_VALUE; @depth the
 * nesting level (0 at the top). */
typedef void (*PosReportLineFunc) (PosReportLineKind kind, int depth, const char *text, const char *value,
                                   gpointer user_data);

/*
 * Calls @func for each line of @report as a person reads it, in order, so
 * text, the screen and the receipt printer lay out the same lines their own
 * way. @store is read for the currency, cashier names and product units.
 */
void pos_report_foreach_line (PosStore *store, JsonNode *report, PosReportLineFunc func, gpointer data);

/*
 * @store is read for the currency, cashier names and product units.
 * Returns: (transfer full): the text, each line ending in "\n".
 */
char *pos_report_text (PosStore *store, JsonNode *report);

G_END_DECLS
