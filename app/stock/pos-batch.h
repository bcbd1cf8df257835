/* pos-batch.h — batches received with their expiry, first expiry first out.
 *
 * A delivery line scanned from a GS1 barcode that carries a batch (AI 10)
 * or an expiry date (AI 17) is recorded as a batch of the shop that
 * received it, in the same transaction as the receipt and in its
 * "stock.receive" event, so every till knows it. Sales do not say which
 * batch they took, so what remains of each batch is worked out first
 * expiry, first out: what the shop has on hand is taken to be the
 * latest-expiring of what it received, and the oldest batches the first to
 * be used up. That is what the list of what expires soon shows, and a scan
 * at the till that names a batch while an older one is still on hand gets
 * a warning.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-journal.h"
#include "pos-money.h"
#include "pos-sql-list-model.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* A batch still on hand, for the list of what expires soon. */
typedef struct
{
  gint64 id; /* the stock_batch row */
  gint64 product_id;
  char *sku;
  char *name;
  char *batch;  /* (nullable) */
  char *expiry; /* "YYYY-MM-DD" */
  PosQty remaining;
  gboolean expired; /* before today */
} PosBatchRow;

void pos_batch_row_free (PosBatchRow *row);

/* A GS1 AI 17 date "YYMMDD" as "YYYY-MM-DD" (20YY; day 00 is the month's
 * last day, as GS1 says). Returns: (transfer full) (nullable): NULL with
 * POS_ERROR_INVALID when it is no date. */
char *pos_batch_expiry_from_gs1 (const char *yymmdd, GError **error);

/* Checks a delivery line's batch (1–20 characters) and expiry
 * ("YYYY-MM-DD", a real date); both may be NULL. */
gboolean pos_batch_check (const char *batch, const char *expiry, GError **error);

/*
 * Reads a scanned or typed delivery code: the product it names (by
 * barcode or SKU), and the batch and expiry a GS1 code carries (each
 * NULL when it carries none). POS_ERROR_NOT_FOUND for an unknown product.
 */
gboolean pos_batch_read_code (PosStore *store, const char *code, gint64 *product_id, char **batch,
                              char **expiry, GError **error);

/* Records a received batch of @qty inside the caller's transaction, in the
 * shop of the event @event_id (pos_stock_shop_of_event()). */
gboolean pos_batch_record (PosStore *store, gint64 product_id, PosQty qty, const char *batch,
                           const char *expiry, const char *reference, const char *event_id, GError **error);

/* The batch members of a pulled "stock.receive" item @item, if any. */
gboolean pos_batch_apply_item (PosStore *store, const PosJournalEvent *event, gint64 product_id,
                               JsonObject *item, const char *reference, GError **error);

/*
 * This shop's batches still on hand that expire within @days days from
 * today (local), the expired first, by expiry then SKU.
 * Returns: (transfer full) (element-type PosBatchRow) (nullable)
 */
GPtrArray *pos_batch_expiring (PosStore *store, guint days, GError **error);

/*
 * The warning for selling batch @batch (expiring @expiry, nullable: as
 * received) of @product_id while a batch that expires earlier is still on
 * hand in this shop. Returns: (transfer full) (nullable): NULL when there
 * is nothing to say (no older batch, or the batch is not known).
 */
char *pos_batch_fefo_warning (PosStore *store, gint64 product_id, const char *batch, const char *expiry);

/*
 * The same warning for a code scanned at the till (a trailing "*QTY" is
 * ignored): only a GS1 element string names a batch, so any other code,
 * or one that finds no product, has nothing to say (the sale itself tells
 * what is wrong with it). The CLI's `sell` and the Sale page both ask this.
 * Returns: (transfer full) (nullable)
 */
char *pos_batch_fefo_warning_for_code (PosStore *store, const char *code);

/*
 * The list of what expires soon as a PosSqlListModel of stock_batch ids:
 * this shop's batches still on hand that expire within @days days (the
 * expired first, by expiry then SKU), sorted and filtered in SQL in the
 * model's worker. Finish with pos_sql_list_model_set_query_finish().
 */
void pos_batch_expiring_filter_async (PosSqlListModel *model, guint days, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data);

/* One row of that list, by its stock_batch id.
 * Returns: (transfer full) (nullable): NULL with POS_ERROR_NOT_FOUND */
PosBatchRow *pos_batch_row_load (PosStore *store, gint64 batch_id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosBatchRow, pos_batch_row_free)

G_END_DECLS
