/* pos-purchase-order.h — ordering from suppliers.
 *
 * A purchase order is drafted for one supplier (by hand, or from the
 * suggestion below), sent (as a PDF and a CSV the owner mails), received
 * in full or in part, and closed. Receiving books the goods in as a
 * delivery (pos_stock_receive_within()), at the order's prices, so the
 * moving average cost follows (pos-cost.h); a line may receive more than
 * is still on order (the goods are there), and is then flagged as over
 * received. Orders belong to the till that drafts them; what they
 * receive syncs as stock moves.
 *
 * The suggestion (docs/ARCHITECTURE.md, "Purchase orders"): for each active
 * product the supplier delivers, the daily sales over the last 28 days
 * (sales less refunds, ÷ 28) cover the supplier's lead time plus a week
 * until the next order; the target is that cover plus the reorder level,
 * and the suggestion is target − stock − what is already on order, rounded
 * up to whole units for products sold by the piece. Products that need
 * nothing are left out. A suggestion below the supplier's minimum order is
 * flagged, never inflated.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-stock.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* Days of sales the suggestion looks back over, and the days an order
 * covers beyond the lead time. */
#define POS_ORDER_SALES_DAYS 28
#define POS_ORDER_REVIEW_DAYS 7

typedef struct
{
  gint64 product_id;
  char *sku;
  char *name;
  char *order_code;       /* (nullable) */
  PosQty qty;             /* ordered, or suggested */
  PosAmount unit_cost;    /* -1: not known */
  PosQty received;        /* orders only */
  gboolean over_received; /* orders only: more was received than ordered */
  /* suggestions only: what the figure came from */
  PosQty level;
  PosQty reorder_level; /* 0 when none */
  PosQty on_order;
  PosQty sold; /* over POS_ORDER_SALES_DAYS */
} PosOrderLine;

typedef struct
{
  gint64 id;
  gint64 supplier_id;
  char *supplier;
  char *status; /* "draft", "sent", "partly_received", "received", "closed" */
  char *created_at;
  char *sent_at;    /* (nullable) */
  char *closed_at;  /* (nullable) */
  GPtrArray *lines; /* PosOrderLine, by SKU */
  PosAmount total;  /* Σ qty × unit cost over the lines with a cost */
} PosPurchaseOrder;

void pos_order_line_free (PosOrderLine *line);
void pos_purchase_order_free (PosPurchaseOrder *order);

/*
 * What to order from @supplier_id now, by the rule above. Sets
 * @below_minimum (nullable) when the suggestion's value is under the
 * supplier's minimum order. POS_ERROR_NOT_FOUND for an unknown supplier.
 * Returns: (transfer full) (element-type PosOrderLine) (nullable)
 */
GPtrArray *pos_purchase_order_suggest (PosStore *store, gint64 supplier_id, gboolean *below_minimum,
                                       GError **error);

/*
 * Drafts an order to @supplier_id of @items (qty > 0, each product once;
 * unit_cost -1 takes the supplier's price for it). Returns its number, 0 on
 * error: POS_ERROR_NOT_FOUND for an unknown supplier or product,
 * POS_ERROR_INVALID for no lines, a quantity not above 0 or a product twice.
 * Needs POS_ACTION_ADJUST_STOCK.
 */
gint64 pos_purchase_order_create (PosStore *store, const PosUser *user, gint64 supplier_id,
                                  const PosStockItem *items, gsize n_items, GError **error);

/* Order @id with its lines; POS_ERROR_NOT_FOUND when there is none.
 * Returns: (transfer full) (nullable) */
PosPurchaseOrder *pos_purchase_order_get (PosStore *store, gint64 id, GError **error);

/* Marks a draft as sent (a sent order stays so). POS_ERROR_STATE for a
 * closed or received one. */
gboolean pos_purchase_order_mark_sent (PosStore *store, const PosUser *user, gint64 id, GError **error);

/*
 * Receives against order @id: @items (NULL and 0: everything still on
 * order) with @note (nullable, the delivery note), as one delivery at the
 * order's prices. POS_ERROR_INVALID for a product not on the order or a
 * quantity not above 0 (nothing is written); POS_ERROR_STATE for a closed
 * or fully received order. More than is still on order is received and
 * flagged (PosOrderLine.over_received).
 */
gboolean pos_purchase_order_receive (PosStore *store, const PosUser *user, gint64 id,
                                     const PosStockItem *items, gsize n_items, const char *note,
                                     GError **error);

/* Closes order @id: what was not delivered will not come.
 * POS_ERROR_ALREADY_DONE when it is closed already. */
gboolean pos_purchase_order_close (PosStore *store, const PosUser *user, gint64 id, GError **error);

/* The order as a CSV for the supplier's system (sku, order code, name,
 * quantity, unit cost, line total), and as a one-page PDF. */
gboolean pos_purchase_order_write_csv (PosStore *store, const PosPurchaseOrder *order, const char *path,
                                       GError **error);
gboolean pos_purchase_order_write_pdf (PosStore *store, const PosPurchaseOrder *order, const char *path,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosOrderLine, pos_order_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPurchaseOrder, pos_purchase_order_free)

G_END_DECLS
