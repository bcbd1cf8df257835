/* pos-checkpointer.c — the store's checkpoints in a thread of their own (see pos-checkpointer.h). */
#include "pos-checkpointer.h"
#include "pos-store-private.h"

/* Past this many times the limit the committing connection checkpoints itself. */
#define FALLBACK_FACTOR 8
/* Past this many times the limit the thread waits only for a gap of
 * URGENT_IDLE_US between two commits, so the commits rarely reach the
 * fallback. A checkpoint that starts while commits go on cannot copy the
 * frames they add, so the log does not start over and the next commit
 * asks for another: it waits for a gap, however short, rather than chase
 * the commits. */
#define URGENT_FACTOR 4
#define URGENT_IDLE_US 2000

struct _PosCheckpointer
{
  PosStore *store; /* (unowned) the till's connection */
  PosStore *own;   /* the thread's connection */
  guint frames;
  GThread *thread;
  GMutex lock;
  GCond wake;
  gboolean wanted;    /* under lock */
  gboolean stopping;  /* under lock */
  gint runs;          /* atomic */
  gint log_frames;    /* atomic: frames in the log after the last commit of either connection */
  gint commit_frames; /* atomic: frames the till's last commit wrote */
  gint64 idle_us;     /* the pause in commits a checkpoint waits for */
  gint64 last_commit; /* under lock: monotonic time of the last commit */
};

/* Asks the thread for a checkpoint once the log of @n_frames (@before
 * until this commit) is past the limit, or runs one on @db, as SQLite
 * would, far past it. */
static void
want_checkpoint (PosCheckpointer *self, sqlite3 *db, const char *schema, int before, int n_frames)
{
  guint urgent = self->frames * URGENT_FACTOR;

  if (n_frames < 0 || (guint)n_frames < self->frames)
    return;
  if ((guint)n_frames >= self->frames * FALLBACK_FACTOR)
    {
      sqlite3_wal_checkpoint_v2 (db, schema, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      return;
    }
  /* The thread is woken when the log first passes the limit, and again
   * when it first passes the urgent mark, which shortens the pause it
   * waits for. In between it waits by the clock: a signal on every commit
   * would cost each a system call and the thread a wake-up. */
  g_mutex_lock (&self->lock);
  if (!self->wanted || (before >= 0 && (guint)before < urgent && (guint)n_frames >= urgent))
    {
      self->wanted = TRUE;
      g_cond_signal (&self->wake);
    }
  g_mutex_unlock (&self->lock);
}

/* SQLite's commit hook for WAL databases, run in the committing thread. */
static int
on_wal_commit (void *data, sqlite3 *db, const char *schema, int n_frames)
{
  PosCheckpointer *self = data;
  int before = g_atomic_int_exchange (&self->log_frames, n_frames);

  /* The log grew by the commit's frames, or started over with them after
   * a checkpoint. */
  g_atomic_int_set (&self->commit_frames, n_frames > before ? n_frames - before : n_frames);
  g_mutex_lock (&self->lock);
  self->last_commit = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);
  want_checkpoint (self, db, schema, before, n_frames);
  return SQLITE_OK;
}

/* The hook of a watched connection: its commits grow the log, but they
 * are not the till's, so the pause a checkpoint waits for goes on. */
static int
on_watched_commit (void *data, sqlite3 *db, const char *schema, int n_frames)
{
  PosCheckpointer *self = data;
  int before = g_atomic_int_exchange (&self->log_frames, n_frames);

  want_checkpoint (self, db, schema, before, n_frames);
  return SQLITE_OK;
}

/*
 * Waits, under the lock, until the till's connection has committed nothing
 * for idle_us (URGENT_IDLE_US once the log is past URGENT_FACTOR × the
 * limit): a
 * checkpoint copies a thousand pages to random places of the database file
 * and flushes it, and on a real disk a sale that commits meanwhile waits
 * behind that I/O. Between customers the till is idle for seconds.
 */
static void
wait_for_a_pause (PosCheckpointer *self)
{
  while (!self->stopping)
    {
      gboolean urgent = (guint)g_atomic_int_get (&self->log_frames) >= self->frames * URGENT_FACTOR;
      gint64 quiet_at = self->last_commit + (urgent ? MIN (self->idle_us, URGENT_IDLE_US) : self->idle_us);

      if (g_get_monotonic_time () >= quiet_at)
        return;
      g_cond_wait_until (&self->wake, &self->lock, quiet_at);
    }
}

static gpointer
checkpoint_thread (gpointer data)
{
  PosCheckpointer *self = data;

  for (;;)
    {
      g_mutex_lock (&self->lock);
      while (!self->wanted && !self->stopping)
        g_cond_wait (&self->wake, &self->lock);
      wait_for_a_pause (self);
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          return NULL;
        }
      self->wanted = FALSE;
      g_mutex_unlock (&self->lock);
      /* PASSIVE copies what no reader still needs and never waits for a
       * writer; the next commit then starts the log from its beginning. */
      sqlite3_wal_checkpoint_v2 (pos_store_db (self->own), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      g_atomic_int_inc (&self->runs);
    }
}

PosCheckpointer *
pos_checkpointer_new (PosStore *store, guint frames, GError **error)
{
  PosCheckpointer *self;
  PosStore *own;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (frames > 0, NULL);

  own = pos_store_open (pos_store_path (store), POS_STORE_OPEN_NO_CHECK, error);
  if (own == NULL)
    return NULL;
  self = g_new0 (PosCheckpointer, 1);
  self->store = store;
  self->own = own;
  self->frames = frames;
  self->idle_us = POS_CHECKPOINT_IDLE_MS * 1000;
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->thread = g_thread_new ("store-checkpoint", checkpoint_thread, self);
  /* Replaces SQLite's automatic checkpoint, which is a hook of the same kind. */
  sqlite3_wal_hook (pos_store_db (store), on_wal_commit, self);
  return self;
}

void
pos_checkpointer_free (PosCheckpointer *self)
{
  if (self == NULL)
    return;
  sqlite3_wal_autocheckpoint (pos_store_db (self->store), POS_CHECKPOINT_FRAMES);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  pos_store_close (self->own);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_free (self);
}

void
pos_checkpointer_watch (PosCheckpointer *self, PosStore *store)
{
  g_return_if_fail (self != NULL && store != NULL);

  sqlite3_wal_hook (pos_store_db (store), on_watched_commit, self);
}

guint
pos_checkpointer_get_n_runs (PosCheckpointer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (guint)g_atomic_int_get (&self->runs);
}

void
pos_checkpointer_set_idle_ms (PosCheckpointer *self, guint ms)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  self->idle_us = (gint64)ms * 1000;
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

guint
pos_checkpointer_get_commit_frames (PosCheckpointer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (guint)g_atomic_int_get (&self->commit_frames);
}

guint
pos_checkpointer_get_log_frames (PosCheckpointer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (guint)MAX (g_atomic_int_get (&self->log_frames), 0);
}
