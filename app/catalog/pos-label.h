/* pos-label.h — one shelf-edge label or barcode sticker.
 *
 * A label is made from a product as it is now: its name, its selling price
 * (per kg for a weighed product), the unit price where the product has one
 * (pos-label-unit-price.h), its SKU and one of its barcodes (the SKU as
 * Code 128 when it has none). Drawing fits the content to any label size,
 * from a 40 × 30 mm sticker to a 99 × 38 mm shelf strip.
 */
#pragma once

#include <cairo.h>

#include "pos-catalog.h"
#include "pos-label-barcode.h"
#include "pos-label-sheet.h"
#include "pos-money.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 product_id;
  char *name;
  char *sku;
  char *code; /* what the bars carry */
  PosLabelSymbology symbology;
  PosAmount price;
  char *unit;            /* the catalog's: "each", "kg", "l" or "m" */
  char *price_text;      /* "€3.49" */
  char *unit_price_text; /* (nullable) "1 kg = €12.90" */
} PosLabel;

/* A label for @product with @code (nullable: the SKU) as its barcode, prices
 * formatted in @currency. A QR label when @qr. (transfer full) */
PosLabel *pos_label_new (const PosProduct *product, const char *code, const PosCurrency *currency,
                         gboolean qr);
void pos_label_free (PosLabel *label);

/* Draws @label into @rect (millimetres) of @cr, whose user space is in
 * millimetres. Fails, drawing no bars, when the code cannot be encoded. */
gboolean pos_label_draw (const PosLabel *label, cairo_t *cr, const PosLabelRect *rect, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosLabel, pos_label_free)

G_END_DECLS
