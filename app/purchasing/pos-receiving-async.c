/* pos-receiving-async.c — a delivery on a PosStoreQueue (see pos-receiving-async.h). */
#include "pos-receiving-async.h"

typedef struct
{
  PosReceiving *receiving; /* owned only by commit and release jobs */
  gboolean owned;
  gint64 order_id;
  char *code;
  char *note;
  PosUser *user;
  PosQty qty;
  PosReceivingLine *line; /* a copy */
  guint n_lines;
  guint n_over;
} ReceivingJob;

static void
receiving_job_free (ReceivingJob *job)
{
  if (job->owned)
    g_clear_pointer (&job->receiving, pos_receiving_free);
  g_free (job->code);
  g_free (job->note);
  g_clear_pointer (&job->user, pos_user_free);
  g_clear_pointer (&job->line, pos_receiving_line_free);
  g_free (job);
}

static void
queue_job (PosStoreQueue *queue, PosStoreJobFunc func, ReceivingJob *job, GCancellable *cancellable,
           GAsyncReadyCallback callback, gpointer user_data)
{
  pos_store_queue_run_async (queue, func, job, (GDestroyNotify)receiving_job_free, cancellable, callback,
                             user_data);
}

static gboolean
new_job (PosStore *store, gpointer data, GError **error)
{
  ReceivingJob *job = data;

  job->receiving = pos_receiving_new (store, job->order_id, error);
  job->owned = TRUE;
  return job->receiving != NULL;
}

void
pos_receiving_new_async (PosStoreQueue *queue, gint64 order_id, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  ReceivingJob *job = g_new0 (ReceivingJob, 1);

  g_return_if_fail (POS_IS_STORE_QUEUE (queue));

  job->order_id = order_id;
  queue_job (queue, new_job, job, cancellable, callback, user_data);
}

PosReceiving *
pos_receiving_new_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error)
{
  ReceivingJob *job = NULL;

  if (!pos_store_queue_run_finish (queue, result, (gpointer *)&job, error))
    return NULL;
  return g_steal_pointer (&job->receiving);
}

static PosReceivingLine *
line_copy (const PosReceivingLine *line)
{
  PosReceivingLine *copy = g_memdup2 (line, sizeof *line);

  copy->sku = g_strdup (line->sku);
  copy->name = g_strdup (line->name);
  copy->batch = g_strdup (line->batch);
  copy->expiry = g_strdup (line->expiry);
  return copy;
}

static gboolean
scan_job (PosStore *store, gpointer data, GError **error)
{
  ReceivingJob *job = data;
  const PosReceivingLine *line = pos_receiving_scan (job->receiving, store, job->code, job->qty, error);

  if (line == NULL)
    return FALSE;
  job->line = line_copy (line);
  job->n_lines = pos_receiving_lines (job->receiving)->len;
  job->n_over = pos_receiving_n_over (job->receiving);
  return TRUE;
}

void
pos_receiving_scan_async (PosStoreQueue *queue, PosReceiving *receiving, const char *code, PosQty qty,
                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  ReceivingJob *job;

  g_return_if_fail (POS_IS_STORE_QUEUE (queue) && receiving != NULL && code != NULL);

  job = g_new0 (ReceivingJob, 1);
  job->receiving = receiving;
  job->code = g_strdup (code);
  job->qty = qty;
  queue_job (queue, scan_job, job, cancellable, callback, user_data);
}

gboolean
pos_receiving_scan_finish (PosStoreQueue *queue, GAsyncResult *result, PosReceivingLine **line,
                           guint *n_lines, guint *n_over, GError **error)
{
  ReceivingJob *job = NULL;

  if (!pos_store_queue_run_finish (queue, result, (gpointer *)&job, error))
    return FALSE;
  if (line != NULL)
    *line = g_steal_pointer (&job->line);
  if (n_lines != NULL)
    *n_lines = job->n_lines;
  if (n_over != NULL)
    *n_over = job->n_over;
  return TRUE;
}

static gboolean
commit_job (PosStore *store, gpointer data, GError **error)
{
  ReceivingJob *job = data;

  return pos_receiving_commit (job->receiving, store, job->user, job->note, error);
}

void
pos_receiving_commit_async (PosStoreQueue *queue, PosReceiving *receiving, const PosUser *user,
                            const char *note, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  ReceivingJob *job;

  g_return_if_fail (POS_IS_STORE_QUEUE (queue) && receiving != NULL && user != NULL);

  job = g_new0 (ReceivingJob, 1);
  job->receiving = receiving;
  job->owned = TRUE;
  job->user = pos_user_copy (user);
  job->note = g_strdup (note);
  queue_job (queue, commit_job, job, cancellable, callback, user_data);
}

gboolean
pos_receiving_commit_finish (PosStoreQueue *queue, GAsyncResult *result, PosReceiving **back, GError **error)
{
  ReceivingJob *job = NULL;
  gboolean ok = pos_store_queue_run_finish (queue, result, (gpointer *)&job, error);

  if (!ok && back != NULL && job != NULL)
    *back = g_steal_pointer (&job->receiving);
  return ok;
}

static gboolean
release_job (PosStore *store, gpointer data, GError **error)
{
  return TRUE;
}

void
pos_receiving_release (PosStoreQueue *queue, PosReceiving *receiving)
{
  ReceivingJob *job;

  g_return_if_fail (POS_IS_STORE_QUEUE (queue));

  if (receiving == NULL)
    return;
  job = g_new0 (ReceivingJob, 1);
  job->receiving = receiving;
  job->owned = TRUE;
  queue_job (queue, release_job, job, NULL, NULL, NULL);
}
