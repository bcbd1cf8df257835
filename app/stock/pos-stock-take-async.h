/* pos-stock-take-async.h — the stock take's store work on a PosStoreQueue.
 *
 * The same calls as pos-stock-take.h, each queued as one job on the
 * queue's own connection, so the Stock take page never waits on the store
 * and its scans are counted and shown in the order they came.
 */
#pragma once

#include "pos-stock-take.h"
#include "pos-store-queue.h"

G_BEGIN_DECLS

/* pos_stock_take_start(); the finish gives its number, 0 on error. */
void pos_stock_take_start_async (PosStoreQueue *queue, const PosUser *user, const char *category,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gint64 pos_stock_take_start_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error);

/* pos_stock_take_count(); @out (nullable) gets the line (transfer full,
 * NULL for an unknown code), @unknown (nullable) whether it was. */
void pos_stock_take_count_async (PosStoreQueue *queue, const PosUser *user, gint64 id, const char *code,
                                 PosQty qty, GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean pos_stock_take_count_finish (PosStoreQueue *queue, GAsyncResult *result, PosStockTakeLine **out,
                                      gboolean *unknown, GError **error);

/* pos_stock_take_report() of @id, or with @id 0 of the open stock take;
 * the finish gives it (transfer full), NULL with no error when none is
 * open. */
void pos_stock_take_report_async (PosStoreQueue *queue, gint64 id, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
PosStockTakeReport *pos_stock_take_report_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error);

/* pos_stock_take_approve() with @reason (nullable) when @approve, else
 * pos_stock_take_cancel(). */
void pos_stock_take_close_async (PosStoreQueue *queue, const PosUser *user, gint64 id, gboolean approve,
                                 const char *reason, GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean pos_stock_take_close_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error);

G_END_DECLS
