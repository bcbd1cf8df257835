/* pos-sync-worker.c — background sync with backoff (see pos-sync-worker.h). */
#include "pos-sync-worker.h"

#include <gio/gio.h>

#include "pos-checkpointer.h"
#include "pos-i18n.h"
#include "pos-journal.h"
#include "pos-sync.h"

#define PULL_BATCH 100 /* short write transactions next to a selling till */

struct _PosSyncWorker
{
  GObject parent_instance;

  char *store_path;
  char *conninfo;
  guint every_s;
  guint max_backoff_s;
  GMainContext *context;         /* where properties are notified */
  PosCheckpointer *checkpointer; /* (nullable) (unowned) the till's */

  GMutex lock; /* guards everything below */
  GCond wake;
  gboolean running;
  gboolean stopping;
  gboolean now;
  gboolean online;
  gint64 last_sync;
  gint64 unsynced;
  char *last_error;
};

enum
{
  PROP_0,
  PROP_ONLINE,
  PROP_LAST_SYNC,
  PROP_UNSYNCED,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PosSyncWorker, pos_sync_worker, G_TYPE_OBJECT)

static void
pos_sync_worker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosSyncWorker *self = POS_SYNC_WORKER (object);

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
      case PROP_ONLINE:
        g_value_set_boolean (value, self->online);
        break;
      case PROP_LAST_SYNC:
        g_value_set_int64 (value, self->last_sync);
        break;
      case PROP_UNSYNCED:
        g_value_set_int64 (value, self->unsynced);
        break;
      case PROP_LAST_ERROR:
        g_value_set_string (value, self->last_error);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
pos_sync_worker_finalize (GObject *object)
{
  PosSyncWorker *self = POS_SYNC_WORKER (object);

  g_free (self->store_path);
  g_free (self->conninfo);
  g_free (self->last_error);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  G_OBJECT_CLASS (pos_sync_worker_parent_class)->finalize (object);
}

static void
pos_sync_worker_class_init (PosSyncWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pos_sync_worker_get_property;
  object_class->finalize = pos_sync_worker_finalize;
  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNSYNCED] = g_param_spec_int64 ("unsynced", NULL, NULL, -1, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pos_sync_worker_init (PosSyncWorker *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->every_s = 30;
  self->max_backoff_s = 300;
}

PosSyncWorker *
pos_sync_worker_new (const char *store_path, const char *conninfo)
{
  PosSyncWorker *self;

  g_return_val_if_fail (store_path != NULL && conninfo != NULL, NULL);

  self = g_object_new (POS_TYPE_SYNC_WORKER, NULL);
  self->store_path = g_strdup (store_path);
  self->conninfo = g_strdup (conninfo);
  return self;
}

void
pos_sync_worker_set_intervals (PosSyncWorker *self, guint every_s, guint max_backoff_s)
{
  g_return_if_fail (POS_IS_SYNC_WORKER (self));
  g_return_if_fail (every_s > 0 && max_backoff_s > 0);

  g_mutex_lock (&self->lock);
  self->every_s = every_s;
  self->max_backoff_s = max_backoff_s;
  g_mutex_unlock (&self->lock);
}

void
pos_sync_worker_set_checkpointer (PosSyncWorker *self, PosCheckpointer *checkpointer)
{
  g_return_if_fail (POS_IS_SYNC_WORKER (self));

  self->checkpointer = checkpointer;
}

/* Notifying ------------------------------------------------------------------ */

static gboolean
notify_all_cb (gpointer data)
{
  GObject *object = data;

  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (object, properties[i]);
  return G_SOURCE_REMOVE;
}

/* Records the outcome of one attempt (thread side) and tells the main
 * context. */
static void
publish (PosSyncWorker *self, PosStore *store, const GError *error)
{
  g_mutex_lock (&self->lock);
  self->online = error == NULL || error->domain != POS_SYNC_ERROR || error->code != POS_SYNC_ERROR_OFFLINE;
  if (error == NULL)
    self->last_sync = g_get_real_time ();
  g_free (self->last_error);
  self->last_error = error ? g_strdup (error->message) : NULL;
  self->unsynced = store ? pos_journal_count_unpushed (store) : -1;
  g_mutex_unlock (&self->lock);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, notify_all_cb, g_object_ref (self),
                              g_object_unref);
}

/* The thread ------------------------------------------------------------------ */

/* Waits @seconds, or until sync_now() or stop(). FALSE when stopping. */
static gboolean
wait_for_turn (PosSyncWorker *self, guint seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  gboolean go_on;

  g_mutex_lock (&self->lock);
  while (!self->stopping && !self->now)
    if (!g_cond_wait_until (&self->wake, &self->lock, until))
      break;
  self->now = FALSE;
  go_on = !self->stopping;
  g_mutex_unlock (&self->lock);
  return go_on;
}

/* One attempt: opens the store on first use (its own connection) and
 * keeps the hub's connection of a successful sync for the next. */
static gboolean
attempt (PosSyncWorker *self, PosStore **store, PGconn **hub, GError **error)
{
  PosSyncOptions options = { PULL_BATCH, FALSE };

  if (*store == NULL)
    {
      *store = pos_store_open (self->store_path, POS_STORE_OPEN_NO_CHECK, error);
      if (*store == NULL)
        return FALSE;
      if (self->checkpointer != NULL)
        pos_checkpointer_watch (self->checkpointer, *store);
    }
  return pos_sync_run_kept (*store, self->conninfo, hub, &options, NULL, error);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PosSyncWorker *self = source;
  g_autoptr (PosStore) store = NULL;
  g_autoptr (PGconn) hub = NULL;
  guint backoff = 0;

  do
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = attempt (self, &store, &hub, &error);

      publish (self, store, error);
      if (ok)
        backoff = 0;
      else
        backoff = backoff == 0 ? 1 : MIN (backoff * 2, self->max_backoff_s);
    }
  while (wait_for_turn (self, backoff ? backoff : self->every_s));

  g_mutex_lock (&self->lock);
  self->running = FALSE;
  g_cond_broadcast (&self->wake);
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (task, TRUE);
}

void
pos_sync_worker_start (PosSyncWorker *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (POS_IS_SYNC_WORKER (self));

  g_mutex_lock (&self->lock);
  if (self->running)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->running = TRUE;
  self->stopping = FALSE;
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, pos_sync_worker_start);
  pos_i18n_run_in_thread (task, run_in_thread);
}

void
pos_sync_worker_sync_now (PosSyncWorker *self)
{
  g_return_if_fail (POS_IS_SYNC_WORKER (self));

  g_mutex_lock (&self->lock);
  self->now = TRUE;
  g_cond_broadcast (&self->wake);
  g_mutex_unlock (&self->lock);
}

void
pos_sync_worker_stop (PosSyncWorker *self)
{
  g_return_if_fail (POS_IS_SYNC_WORKER (self));

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->wake);
  while (self->running)
    g_cond_wait (&self->wake, &self->lock);
  g_mutex_unlock (&self->lock);
}

gboolean
pos_sync_worker_get_online (PosSyncWorker *self)
{
  gboolean online;

  g_return_val_if_fail (POS_IS_SYNC_WORKER (self), FALSE);
  g_mutex_lock (&self->lock);
  online = self->online;
  g_mutex_unlock (&self->lock);
  return online;
}

gint64
pos_sync_worker_get_last_sync (PosSyncWorker *self)
{
  gint64 value;

  g_return_val_if_fail (POS_IS_SYNC_WORKER (self), 0);
  g_mutex_lock (&self->lock);
  value = self->last_sync;
  g_mutex_unlock (&self->lock);
  return value;
}

gint64
pos_sync_worker_get_unsynced (PosSyncWorker *self)
{
  gint64 value;

  g_return_val_if_fail (POS_IS_SYNC_WORKER (self), 0);
  g_mutex_lock (&self->lock);
  value = self->unsynced;
  g_mutex_unlock (&self->lock);
  return value;
}

char *
pos_sync_worker_dup_last_error (PosSyncWorker *self)
{
  char *value;

  g_return_val_if_fail (POS_IS_SYNC_WORKER (self), NULL);
  g_mutex_lock (&self->lock);
  value = g_strdup (self->last_error);
  g_mutex_unlock (&self->lock);
  return value;
}
