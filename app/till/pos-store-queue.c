/* pos-store-queue.c — store work in order off the UI thread (see pos-store-queue.h).
 *
 * Each job is a GTask the caller sees; it runs in a worker thread through
 * an inner task, and the next job starts only when the inner task is back
 * on the caller's thread, so jobs never overlap (the one connection is
 * used by one thread at a time) and their callbacks come in order. */
#include "pos-store-queue.h"

#include "pos-i18n.h"

struct _PosStoreQueue
{
  GObject parent_instance;

  char *store_path;
  PosStore *store; /* (nullable) opened by the first job, used by one job at a time */
  GQueue waiting;  /* GTask, the next first */
  gboolean running;
};

G_DEFINE_FINAL_TYPE (PosStoreQueue, pos_store_queue, G_TYPE_OBJECT)

typedef struct
{
  PosStoreJobFunc func;
  gpointer job;
  GDestroyNotify job_free;
} Job;

static void
job_free (Job *job)
{
  if (job->job_free != NULL)
    job->job_free (job->job);
  g_free (job);
}

static void
pos_store_queue_finalize (GObject *object)
{
  PosStoreQueue *self = POS_STORE_QUEUE (object);

  g_assert (g_queue_is_empty (&self->waiting) && !self->running);
  g_clear_pointer (&self->store, pos_store_close);
  g_free (self->store_path);
  G_OBJECT_CLASS (pos_store_queue_parent_class)->finalize (object);
}

static void
pos_store_queue_class_init (PosStoreQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_store_queue_finalize;
}

static void
pos_store_queue_init (PosStoreQueue *self)
{
  g_queue_init (&self->waiting);
}

PosStoreQueue *
pos_store_queue_new (const char *store_path)
{
  PosStoreQueue *self;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (POS_TYPE_STORE_QUEUE, NULL);
  self->store_path = g_strdup (store_path);
  return self;
}

/* The worker: the outer task's job on the queue's connection. */
static void
run_thread (GTask *inner, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GTask *outer = task_data;
  PosStoreQueue *self = g_task_get_source_object (outer);
  Job *job = g_task_get_task_data (outer);
  GError *error = NULL;

  if (self->store == NULL)
    self->store = pos_store_open (self->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (self->store != NULL && job->func (self->store, job->job, &error))
    g_task_return_boolean (inner, TRUE);
  else
    g_task_return_error (inner, error);
}

static void start_next (PosStoreQueue *self);

/* Back on the caller's thread: the job's result, then the next job. */
static void
on_inner_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  g_autoptr (PosStoreQueue) self = g_object_ref (g_task_get_source_object (outer));
  GError *error = NULL;

  self->running = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
  start_next (self);
}

static void
start_next (PosStoreQueue *self)
{
  GTask *outer;
  g_autoptr (GTask) inner = NULL;

  if (self->running || (outer = g_queue_pop_head (&self->waiting)) == NULL)
    return;
  if (g_task_return_error_if_cancelled (outer))
    {
      g_object_unref (outer);
      start_next (self);
      return;
    }
  self->running = TRUE;
  inner = g_task_new (NULL, NULL, on_inner_done_cb, outer);
  g_task_set_task_data (inner, outer, NULL);
  pos_i18n_run_in_thread (inner, run_thread);
}

void
pos_store_queue_run_async (PosStoreQueue *self, PosStoreJobFunc func, gpointer job,
                           GDestroyNotify job_free_func, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  Job *j;

  g_return_if_fail (POS_IS_STORE_QUEUE (self));
  g_return_if_fail (func != NULL);

  j = g_new0 (Job, 1);
  j->func = func;
  j->job = job;
  j->job_free = job_free_func;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_store_queue_run_async);
  g_task_set_task_data (task, j, (GDestroyNotify)job_free);
  g_queue_push_tail (&self->waiting, task);
  start_next (self);
}

gboolean
pos_store_queue_run_finish (PosStoreQueue *self, GAsyncResult *result, gpointer *job_out, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_store_queue_run_async, FALSE);

  if (job_out != NULL)
    *job_out = ((Job *)g_task_get_task_data (G_TASK (result)))->job;
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
pos_store_queue_get_pending (PosStoreQueue *self)
{
  g_return_val_if_fail (POS_IS_STORE_QUEUE (self), 0);
  return g_queue_get_length (&self->waiting) + (self->running ? 1 : 0);
}
