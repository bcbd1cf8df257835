/* pos-label-barcode.h — a product's barcode drawn on a label.
 *
 * Drawn with libzint's vector output onto any cairo surface, so a PDF label
 * stays sharp at any printer resolution and a PNG preview shows the very
 * same bars. The symbology follows the code: a GTIN with a valid check
 * digit is drawn as EAN-13, EAN-8 or UPC-A (a stored 13-digit code starting
 * with 0 is a UPC-A), a GTIN-14 (an outer case or multipack, indicator
 * digit 1–9) as GS1 DataBar Omnidirectional, which carries it in the
 * least width, anything else as Code 128; QR on request.
 *
 * DataBar Expanded is left out on purpose: what it adds over
 * Omnidirectional is a weight or price of one pack (AI 310n, 392n), which
 * belongs on the pack the scale prints, not on a shelf label that serves
 * every pack.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POS_LABEL_SYMBOLOGY_EAN13,
  POS_LABEL_SYMBOLOGY_EAN8,
  POS_LABEL_SYMBOLOGY_UPCA,
  POS_LABEL_SYMBOLOGY_CODE128,
  POS_LABEL_SYMBOLOGY_QR,
  POS_LABEL_SYMBOLOGY_DATABAR, /* GS1 DataBar Omnidirectional of a GTIN-14 */
} PosLabelSymbology;

/* The linear symbology for @code (never QR). */
PosLabelSymbology pos_label_symbology_for_code (const char *code);

const char *pos_label_symbology_name (PosLabelSymbology symbology);

/* Draws @code as @symbology, human-readable text included, centred in the
 * box (x, y, width, height) of the current user space of @cr. Linear codes
 * fill the height and take at most the width; QR is square. Fails with
 * POS_ERROR_INVALID carrying libzint's reason when the code cannot be
 * encoded; nothing is drawn then. */
gboolean pos_label_barcode_draw (cairo_t *cr, const char *code, PosLabelSymbology symbology, double x,
                                 double y, double width, double height, GError **error);

G_END_DECLS
