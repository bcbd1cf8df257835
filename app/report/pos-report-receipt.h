/* pos-report-receipt.h — an X or Z report as a document for the receipt
 * printer.
 *
 * The same lines as the report's text (pos-report-text.h): quantities as
 * quantities, local times, names instead of ids; each value kept whole on
 * the right edge of the paper so a sign or an amount never wraps. The
 * document prints through drivers/pos-escpos.h and renders as a picture or
 * a PDF through drivers/pos-receipt-preview.h.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-receipt.h"
#include "pos-store.h"

G_BEGIN_DECLS

/*
 * The document of @report (an X or Z report from pos-report.h), headed by
 * the shop's name, the report's kind and number and the local time it is
 * printed at, and ending in a cut.
 * Returns: (transfer full)
 */
PosReceipt *pos_report_receipt_build (PosStore *store, JsonNode *report);

/*
 * Writes @report's document as a PDF at @path, drawn as it prints on the
 * shop's printer profile (pos-printing.h).
 */
gboolean pos_report_receipt_write_pdf (PosStore *store, JsonNode *report, const char *path, GError **error);

G_END_DECLS
