/* pos-checkpointer.h — copies the store's write-ahead log back into the
 * database file from a thread of its own.
 *
 * SQLite checkpoints in whichever commit finds the log past its limit, so
 * now and then a cashier's Pay would wait while a thousand pages are copied
 * and the database file is flushed. With a checkpointer attached, the till's
 * connection only signals it, and the copy happens beside the till on a
 * connection of its own (PRAGMA wal_checkpoint(PASSIVE): it never blocks a
 * sale). Should the log outgrow the limit many times over, because the
 * thread cannot keep up, the committing connection checkpoints after all,
 * as SQLite would, so the log never grows without bound.
 *
 * The thread also waits for a pause in the till's commits (no commit for
 * POS_CHECKPOINT_IDLE_MS) before it starts, or, once the log has grown to
 * four times its limit, for any gap of 2 ms: the copy and its flush then
 * happen between customers rather than under the next sale's own flush,
 * and finish before the next commit, so the log starts over.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct _PosCheckpointer PosCheckpointer;

/* The log size, in pages, from which a checkpoint is wanted (SQLite's own default). */
#define POS_CHECKPOINT_FRAMES 1000
/* The pause in commits a checkpoint waits for: far less than the time
 * between two customers, far more than between a sale's own statements. */
#define POS_CHECKPOINT_IDLE_MS 100

/* Takes over the checkpoints of @store's connection, which must outlive
 * the checkpointer; @frames is the log size that starts one.
 * Returns: (transfer full) (nullable) */
PosCheckpointer *pos_checkpointer_new (PosStore *store, guint frames, GError **error);

/* Stops the thread and hands checkpoints back to @store's connection. */
void pos_checkpointer_free (PosCheckpointer *self);

/*
 * Takes over the checkpoints of @store, another connection to the same
 * file (the sync worker's): a commit of it that takes the log past the
 * limit asks the thread for a checkpoint instead of copying the log back
 * itself, so a pull of many events never writes the database file while
 * the cashier's sale flushes; the thread still waits for a pause in the
 * till's own commits. Call it from the thread that uses @store, and close
 * @store before the checkpointer is freed.
 */
void pos_checkpointer_watch (PosCheckpointer *self, PosStore *store);

/* Checkpoints run by the thread so far. */
guint pos_checkpointer_get_n_runs (PosCheckpointer *self);

/* Sets the pause in commits a checkpoint waits for (tests). */
void pos_checkpointer_set_idle_ms (PosCheckpointer *self, guint ms);

/* Pages (log frames) the store's connection wrote in its last commit: what
 * a sale costs the disk, counted without looking at the disk. */
guint pos_checkpointer_get_commit_frames (PosCheckpointer *self);

/* Frames in the log after the last commit: that commit's are the last
 * pos_checkpointer_get_commit_frames() of them (the benchmark reads their
 * page numbers to tell which B-trees a sale writes). */
guint pos_checkpointer_get_log_frames (PosCheckpointer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosCheckpointer, pos_checkpointer_free)

G_END_DECLS
