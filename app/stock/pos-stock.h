/* pos-stock.h — stock moves, levels and the actions that change them.
 *
 * The stock level of a product is the sum of its stock moves (Invariant 4).
 * Moves are append-only facts: a sale, a refund, a delivery received, an
 * adjustment, a stock count's difference, waste. The level is a cache the
 * schema keeps by trigger, in the same B-tree as the product's moves
 * (stock_ledger, pos-stock-shop.h); pos_stock_verify() proves it equals
 * the sum.
 * Stock may go negative (a sale is never refused for it); the low-stock list
 * shows such products first.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-sql-list-model.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef enum
{
  POS_STOCK_SALE,
  POS_STOCK_REFUND,
  POS_STOCK_RECEIVE,
  POS_STOCK_ADJUST,
  POS_STOCK_COUNT,
  POS_STOCK_WASTE,
  POS_STOCK_TRANSFER, /* between shops: sent (< 0) at the source, received (> 0) at the destination */
} PosStockReason;

/* One line of a delivery or of a stock count. */
typedef struct
{
  gint64 product_id;
  PosQty qty;          /* received (> 0), or counted (>= 0) */
  PosAmount unit_cost; /* receive only: new product cost, or -1 to keep the current one */
  const char *batch;   /* receive only: (nullable) the batch or lot (GS1 AI 10) */
  const char *expiry;  /* receive only: (nullable) its expiry, "YYYY-MM-DD" (pos-batch.h) */
} PosStockItem;

/* A row of the low-stock list. */
typedef struct
{
  gint64 product_id;
  char *sku;
  char *name;
  PosQty level;
  PosQty reorder_level; /* 0 when the product has none */
} PosStockRow;

/* One recorded stock move, for a product's history. */
typedef struct
{
  gint64 id;
  gint64 product_id;
  PosQty qty;
  PosStockReason reason;
  char *reference; /* (nullable) */
  gint64 sale_id;  /* 0 when none */
  gint64 user_id;  /* 0 when none */
  char *till_id;   /* (nullable) */
  char *created_at;
  char *event_id; /* (nullable) */
} PosStockMove;

void pos_stock_row_free (PosStockRow *row);
void pos_stock_move_free (PosStockMove *move);

/* "sale", "refund", "receive", "adjust", "count", "waste", "transfer": the schema's values. */
const char *pos_stock_reason_to_string (PosStockReason reason);
gboolean pos_stock_reason_parse (const char *text, PosStockReason *out);

/*
 * Records one stock move inside the caller's transaction (checkout calls it
 * for each sale line). @qty_delta must not be 0; a receipt must be positive
 * and waste negative. @sale_id and @user_id may be 0. POS_ERROR_NOT_FOUND
 * for an unknown product, POS_ERROR_OVERFLOW when the level would leave the
 * int64 range.
 */
gboolean pos_stock_record_move (PosStore *store, gint64 product_id, PosQty qty_delta, PosStockReason reason,
                                const char *reference, gint64 sale_id, gint64 user_id, GError **error);

/* pos_stock_record_move() for a move that belongs to the journal event
 * @event_id (nullable) appended earlier in the same transaction. */
gboolean pos_stock_record_move_with_event (PosStore *store, gint64 product_id, PosQty qty_delta,
                                           PosStockReason reason, const char *reference, gint64 sale_id,
                                           gint64 user_id, const char *event_id, GError **error);

/* The cached level of @product_id; 0 when it never moved or on a read error. */
PosQty pos_stock_level (PosStore *store, gint64 product_id);

/*
 * Receives a delivery from @supplier_id (0 = none) with @reference (the
 * delivery note, nullable): one RECEIVE move per item, product costs set
 * where unit_cost >= 0, one "stock.receive" journal event and an audit row,
 * all in one transaction. Needs POS_ACTION_ADJUST_STOCK.
 */
gboolean pos_stock_receive (PosStore *store, const PosUser *user, gint64 supplier_id, const char *reference,
                            const PosStockItem *items, gsize n_items, GError **error);

/* pos_stock_receive() inside the caller's transaction, for an action that
 * receives as part of more (a purchase order's delivery); the caller
 * checks the permission and that there are lines. */
gboolean pos_stock_receive_within (PosStore *store, const PosUser *user, gint64 supplier_id,
                                   const char *reference, const PosStockItem *items, gsize n_items,
                                   GError **error);

/*
 * Adjusts one product's stock by @delta for @reason (POS_STOCK_ADJUST, or
 * POS_STOCK_WASTE with a negative @delta), with a "stock.adjust" event and
 * an audit row, in one transaction. Needs POS_ACTION_ADJUST_STOCK of @user
 * or of @approver (nullable).
 */
gboolean pos_stock_adjust (PosStore *store, const PosUser *user, const PosUser *approver, gint64 product_id,
                           PosQty delta, PosStockReason reason, const char *note, GError **error);

/*
 * Records a stock count: for each counted product, a COUNT move of
 * (counted − current level); products whose level is already right get no
 * move. One "stock.count" event and an audit row, in one transaction. A
 * product may be listed once; counts are >= 0. Needs POS_ACTION_ADJUST_STOCK.
 */
gboolean pos_stock_count (PosStore *store, const PosUser *user, const PosStockItem *counted, gsize n,
                          const char *reference, GError **error);

/* One product's line of a stock take's approval: what was counted and the
 * difference to what was expected (pos-stock-take.h). */
typedef struct
{
  gint64 product_id;
  PosQty counted;
  PosQty delta; /* counted − expected; 0 writes no move */
} PosStockCountLine;

/* Writes a COUNT move of each line's delta, one "stock.count" event and an
 * audit row inside the caller's transaction; the caller checks the
 * permission. Lines with a delta of 0 are listed in the event only. */
gboolean pos_stock_count_within (PosStore *store, const PosUser *user, const PosStockCountLine *lines,
                                 gsize n, const char *reference, GError **error);

/*
 * Active products at or below their reorder level, and any with negative
 * stock, the furthest below first (level − reorder level, then SKU).
 * @limit 0 means no limit.
 * Returns: (transfer full) (element-type PosStockRow) (nullable)
 */
GPtrArray *pos_stock_low_list (PosStore *store, guint limit, GError **error);

/*
 * Proves that the cached level of every product in every shop equals the
 * sum of its moves there (pos-stock-shop.h), and that the ledger's move
 * rows are the moves. @n_products (nullable) gets the number of products
 * checked. On a mismatch returns FALSE with POS_ERROR_STORE_DAMAGED naming
 * the first product (lowest id) that differs.
 */
gboolean pos_stock_verify (PosStore *store, gint64 *n_products, GError **error);

/* A product's moves, newest first; @limit 0 means all.
 * Returns: (transfer full) (element-type PosStockMove) (nullable) */
GPtrArray *pos_stock_history (PosStore *store, gint64 product_id, guint limit, GError **error);

/* One product as the stock list shows it. */
typedef struct
{
  char *sku;
  char *name;
  char *unit; /* "each" or "kg" */
  gint64 price;
  PosQty stock;
  PosQty reorder_level; /* -1: none */
  gboolean active;
} PosStockProduct;

void pos_stock_product_clear (PosStockProduct *product);

/* Reads product @id into @out (cleared first). POS_ERROR_NOT_FOUND when
 * there is no such product. */
gboolean pos_stock_product_read (PosStore *store, gint64 id, PosStockProduct *out, GError **error);

/* Builds the FTS5 query "word"* "word"* … from what a person typed, or NULL
 * when @text has no words. (transfer full) (nullable) */
char *pos_stock_fts_query (const char *text);

/* Shows in @model (of product ids) the catalog by name, only the products
 * matching @search (nullable: all) and, when @low_only, only those at or
 * below their reorder level. Runs in a worker thread on its own
 * connection; finish with pos_sql_list_model_set_query_finish(). */
void pos_stock_list_filter_async (PosSqlListModel *model, const char *search, gboolean low_only,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosStockProduct, pos_stock_product_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStockRow, pos_stock_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStockMove, pos_stock_move_free)

G_END_DECLS
