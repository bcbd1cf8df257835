/* pos-store-queue.h — a page's store work, in order, off the UI thread.
 *
 * A page fed by the scanner (receiving, stock take) must never wait on
 * the store, and must never lose or reorder a scan. A PosStoreQueue runs
 * the jobs given to it one at a time, in the order given, each in a worker
 * thread on the queue's own store connection (opened by the first job and
 * kept), and calls back in that order on the thread that queued them. WAL
 * lets these writes run beside the till's own connection.
 */
#pragma once

#include <gio/gio.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_TYPE_STORE_QUEUE (pos_store_queue_get_type ())
G_DECLARE_FINAL_TYPE (PosStoreQueue, pos_store_queue, POS, STORE_QUEUE, GObject)

/* A job: does its work on @store, keeping what it found in @job. */
typedef gboolean (*PosStoreJobFunc) (PosStore *store, gpointer job, GError **error);

/* A queue on the store file at @store_path. Returns: (transfer full) */
PosStoreQueue *pos_store_queue_new (const char *store_path);

/* Queues @func on @job (taken; freed with @job_free once the result is
 * gone). @callback runs after every earlier job's callback. */
void pos_store_queue_run_async (PosStoreQueue *self, PosStoreJobFunc func, gpointer job,
                                GDestroyNotify job_free, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);

/* Whether the job succeeded; @job_out (nullable) gets the job back
 * (transfer none: it lives as long as @result). */
gboolean pos_store_queue_run_finish (PosStoreQueue *self, GAsyncResult *result, gpointer *job_out,
                                     GError **error);

/* Jobs queued or running. */
guint pos_store_queue_get_pending (PosStoreQueue *self);

G_END_DECLS
