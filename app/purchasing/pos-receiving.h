/* pos-receiving.h — a delivery taken in by scan.
 *
 * The Receiving page gathers what the scanner reads into a PosReceiving:
 * free (goods from no order: booked as a delivery at the products' current
 * cost) or against a purchase order (only its products, at its prices, so
 * the moving average cost follows as with `po receive`). Each scan adds one
 * (or a typed quantity) to its product's line. Receiving more than is
 * still on order is allowed and flagged on the line, on the order's line
 * once booked, and in the summary. Nothing is written until
 * pos_receiving_commit(), which books the whole delivery in one
 * transaction.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 product_id;
  char *sku;
  char *name;
  PosQty qty;     /* received in this delivery */
  PosQty ordered; /* against an order: its quantity; -1 when free */
  PosQty before;  /* against an order: received earlier */
  gboolean over;  /* more than was still on order */
  char *batch;    /* (nullable) the batch a GS1 code named (AI 10) */
  char *expiry;   /* (nullable) its expiry, "YYYY-MM-DD" (AI 17) */
} PosReceivingLine;

typedef struct _PosReceiving PosReceiving;

void pos_receiving_line_free (PosReceivingLine *line);

/* A delivery against purchase order @order_id, or free when 0.
 * POS_ERROR_NOT_FOUND for an unknown order, POS_ERROR_STATE for a closed
 * or fully received one. Returns: (transfer full) (nullable) */
PosReceiving *pos_receiving_new (PosStore *store, gint64 order_id, GError **error);
void pos_receiving_free (PosReceiving *receiving);

/* The purchase order received against; 0 when free. */
gint64 pos_receiving_order_id (const PosReceiving *receiving);

/*
 * Adds @qty of the product @code stands for. A GS1 element string
 * ("(01)…(17)…(10)…", or as scanned with its "]C1" identifier) names the
 * product by its GTIN and may name a batch and expiry: each batch of a
 * product is a line of its own, booked as a batch (pos-batch.h).
 * POS_ERROR_INVALID for a quantity not above 0 or a product not on the
 * order; POS_ERROR_NOT_FOUND for a code that finds no product.
 * Returns: (transfer none) (nullable) the line of the product (and batch).
 */
const PosReceivingLine *pos_receiving_scan (PosReceiving *receiving, PosStore *store, const char *code,
                                            PosQty qty, GError **error);

/* The lines in the order they were first scanned.
 * Returns: (transfer none) (element-type PosReceivingLine) */
GPtrArray *pos_receiving_lines (const PosReceiving *receiving);

/* How many lines bring more than was still on order. */
guint pos_receiving_n_over (const PosReceiving *receiving);

/* Books the delivery with @note (nullable, the delivery note): through
 * pos_purchase_order_receive() or pos_stock_receive(). Needs
 * POS_ACTION_ADJUST_STOCK; POS_ERROR_INVALID when nothing was scanned. */
gboolean pos_receiving_commit (PosReceiving *receiving, PosStore *store, const PosUser *user,
                               const char *note, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosReceiving, pos_receiving_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosReceivingLine, pos_receiving_line_free)

G_END_DECLS
