/* pos-sync-worker.h — syncing in the background while the till sells.
 *
 * A PosSyncWorker syncs from a worker thread (GTask) with its own store
 * connection (WAL lets the till write meanwhile; pulls go in small batches
 * so its write transactions stay short), every few seconds, and after a
 * failure again with exponential backoff. It never blocks a sale. Its
 * state is GObject properties, notified on the main context that started
 * it, for the UI to bind:
 *   "online"     whether the last attempt reached the hub
 *   "last-sync"  wall-clock µs of the last successful sync, 0 = never
 *   "unsynced"   this till's events not yet on the hub
 *   "last-error" (nullable) why the last attempt failed
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POS_TYPE_SYNC_WORKER (pos_sync_worker_get_type ())
G_DECLARE_FINAL_TYPE (PosSyncWorker, pos_sync_worker, POS, SYNC_WORKER, GObject)

typedef struct _PosCheckpointer PosCheckpointer; /* db/pos-checkpointer.h */

/* @store_path: the till's store file; @conninfo: the till's hub connection. */
PosSyncWorker *pos_sync_worker_new (const char *store_path, const char *conninfo);

/* Seconds between syncs when all is well (default 30), and the longest
 * wait after failures (default 300; the first retry waits 1 s). */
void pos_sync_worker_set_intervals (PosSyncWorker *self, guint every_s, guint max_backoff_s);

/* The till's checkpointer (nullable), which takes over the checkpoints of
 * the worker's connection (pos_checkpointer_watch()); set it before
 * starting, and stop the worker before freeing it. */
void pos_sync_worker_set_checkpointer (PosSyncWorker *self, PosCheckpointer *checkpointer);

void pos_sync_worker_start (PosSyncWorker *self);
/* Asks for a sync now instead of at the next interval. */
void pos_sync_worker_sync_now (PosSyncWorker *self);
/* Stops and waits for an attempt under way to end. */
void pos_sync_worker_stop (PosSyncWorker *self);

gboolean pos_sync_worker_get_online (PosSyncWorker *self);
gint64 pos_sync_worker_get_last_sync (PosSyncWorker *self);
gint64 pos_sync_worker_get_unsynced (PosSyncWorker *self);
/* Returns: (transfer full) (nullable) */
char *pos_sync_worker_dup_last_error (PosSyncWorker *self);

G_END_DECLS
