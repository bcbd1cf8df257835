/* pos-receiving-async.h — a delivery's store work on a PosStoreQueue.
 *
 * The same calls as pos-receiving.h, each queued as one job on the
 * queue's own connection, so the Receiving page never waits on the store
 * and its scans are added and shown in the order they came. While jobs
 * on a delivery are queued, only the queue touches it: what a scan
 * changed comes back as a copy.
 */
#pragma once

#include "pos-receiving.h"
#include "pos-store-queue.h"

G_BEGIN_DECLS

/* pos_receiving_new(). Returns: (transfer full) (nullable) */
void pos_receiving_new_async (PosStoreQueue *queue, gint64 order_id, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
PosReceiving *pos_receiving_new_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error);

/* pos_receiving_scan() on @receiving, which must outlive the job. The
 * finish gives a copy of the line (transfer full) and the delivery's
 * number of lines and of lines over the order after this scan. */
void pos_receiving_scan_async (PosStoreQueue *queue, PosReceiving *receiving, const char *code, PosQty qty,
                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_receiving_scan_finish (PosStoreQueue *queue, GAsyncResult *result, PosReceivingLine **line,
                                    guint *n_lines, guint *n_over, GError **error);

/* pos_receiving_commit() of @receiving (taken) after the scans queued
 * before. On error the finish gives the delivery back in @back (transfer
 * full, nullable) so nothing scanned is lost. */
void pos_receiving_commit_async (PosStoreQueue *queue, PosReceiving *receiving, const PosUser *user,
                                 const char *note, GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean pos_receiving_commit_finish (PosStoreQueue *queue, GAsyncResult *result, PosReceiving **back,
                                      GError **error);

/* Frees @receiving (taken) once the jobs queued before are done. */
void pos_receiving_release (PosStoreQueue *queue, PosReceiving *receiving);

G_END_DECLS
