/* pos-label-source.h — which labels to print.
 *
 * Three ways a shop asks for labels: for products it names (SKUs or
 * barcodes), for the products of a delivery it received, or for every
 * product whose shelf label no longer shows its price. The last needs to
 * know what the shelf shows: the table label_price keeps the price and
 * unit each product's label was last printed with (a new product counts as
 * labelled at its first price), and pos_label_source_mark_printed() brings
 * it up to date after a run.
 */
#pragma once

#include "pos-label.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* One label for each of @keys (SKU or barcode), in order; a key that is a
 * barcode is the label's code, a SKU gets the product's first barcode.
 * POS_ERROR_NOT_FOUND names the first key that is no product.
 * Returns: (transfer full) (element-type PosLabel) (nullable) */
GPtrArray *pos_label_source_products (PosStore *store, const char *const *keys, gboolean qr, GError **error);

/* One label for each of the products @ids, in order, with its first
 * barcode (its SKU when it has none). POS_ERROR_NOT_FOUND for an id that
 * is no product. Returns: (transfer full) (element-type PosLabel) (nullable) */
GPtrArray *pos_label_source_ids (PosStore *store, const gint64 *ids, guint n_ids, gboolean qr,
                                 GError **error);

/* One label for each product received in the delivery with note @delivery
 * (the reference of `stock receive --ref`, or the receiving's event id), in
 * the order received. POS_ERROR_NOT_FOUND when no receiving has it.
 * Returns: (transfer full) (element-type PosLabel) (nullable) */
GPtrArray *pos_label_source_delivery (PosStore *store, const char *delivery, gboolean qr, GError **error);

/* One label for each active product whose price or unit differs from its
 * last printed label, by name; empty when all labels are right.
 * Returns: (transfer full) (element-type PosLabel) (nullable) */
GPtrArray *pos_label_source_changed (PosStore *store, gboolean qr, GError **error);

/* Records that the shelf now shows @labels (their price and unit), in one
 * transaction. */
gboolean pos_label_source_mark_printed (PosStore *store, GPtrArray *labels, GError **error);

G_END_DECLS
