/* pos-stock-take-async.c — the stock take on a PosStoreQueue (see pos-stock-take-async.h). */
#include "pos-stock-take-async.h"

typedef struct
{
  PosUser *user; /* (nullable) */
  gint64 id;
  char *code;
  char *text; /* the category, or the approval's reason */
  PosQty qty;
  gboolean approve;
  PosStockTakeLine *line;
  gboolean unknown;
  PosStockTakeReport *report;
} TakeJob;

static void
take_job_free (TakeJob *job)
{
  g_clear_pointer (&job->user, pos_user_free);
  g_free (job->code);
  g_free (job->text);
  g_clear_pointer (&job->line, pos_stock_take_line_free);
  g_clear_pointer (&job->report, pos_stock_take_report_free);
  g_free (job);
}

static TakeJob *
take_job_new (const PosUser *user, gint64 id)
{
  TakeJob *job = g_new0 (TakeJob, 1);

  job->user = user != NULL ? pos_user_copy (user) : NULL;
  job->id = id;
  return job;
}

static void
queue_job (PosStoreQueue *queue, PosStoreJobFunc func, TakeJob *job, GCancellable *cancellable,
           GAsyncReadyCallback callback, gpointer user_data)
{
  pos_store_queue_run_async (queue, func, job, (GDestroyNotify)take_job_free, cancellable, callback,
                             user_data);
}

static gboolean
start_job (PosStore *store, gpointer data, GError **error)
{
  TakeJob *job = data;

  job->id = pos_stock_take_start (store, job->user, job->text, error);
  return job->id != 0;
}

void
pos_stock_take_start_async (PosStoreQueue *queue, const PosUser *user, const char *category,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  TakeJob *job = take_job_new (user, 0);

  g_return_if_fail (POS_IS_STORE_QUEUE (queue) && user != NULL);

  job->text = g_strdup (category);
  queue_job (queue, start_job, job, cancellable, callback, user_data);
}

gint64
pos_stock_take_start_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error)
{
  TakeJob *job = NULL;

  return pos_store_queue_run_finish (queue, result, (gpointer *)&job, error) ? job->id : 0;
}

static gboolean
count_job (PosStore *store, gpointer data, GError **error)
{
  TakeJob *job = data;

  return pos_stock_take_count (store, job->user, job->id, job->code, job->qty, &job->line, &job->unknown,
                               error);
}

void
pos_stock_take_count_async (PosStoreQueue *queue, const PosUser *user, gint64 id, const char *code,
                            PosQty qty, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  TakeJob *job;

  g_return_if_fail (POS_IS_STORE_QUEUE (queue) && user != NULL && code != NULL);

  job = take_job_new (user, id);
  job->code = g_strdup (code);
  job->qty = qty;
  queue_job (queue, count_job, job, cancellable, callback, user_data);
}

gboolean
pos_stock_take_count_finish (PosStoreQueue *queue, GAsyncResult *result, PosStockTakeLine **out,
                             gboolean *unknown, GError **error)
{
  TakeJob *job = NULL;

  if (!pos_store_queue_run_finish (queue, result, (gpointer *)&job, error))
    return FALSE;
  if (out != NULL)
    *out = g_steal_pointer (&job->line);
  if (unknown != NULL)
    *unknown = job->unknown;
  return TRUE;
}

static gboolean
report_job (PosStore *store, gpointer data, GError **error)
{
  TakeJob *job = data;
  GError *local = NULL;

  if (job->id == 0 && (job->id = pos_stock_take_open_id (store, &local)) == 0)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return local == NULL; /* none open */
    }
  job->report = pos_stock_take_report (store, job->id, error);
  return job->report != NULL;
}

void
pos_stock_take_report_async (PosStoreQueue *queue, gint64 id, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (POS_IS_STORE_QUEUE (queue));

  queue_job (queue, report_job, take_job_new (NULL, id), cancellable, callback, user_data);
}

PosStockTakeReport *
pos_stock_take_report_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error)
{
  TakeJob *job = NULL;

  if (!pos_store_queue_run_finish (queue, result, (gpointer *)&job, error))
    return NULL;
  return g_steal_pointer (&job->report);
}

static gboolean
close_job (PosStore *store, gpointer data, GError **error)
{
  TakeJob *job = data;

  if (job->approve)
    return pos_stock_take_approve (store, job->user, job->id, job->text, error);
  return pos_stock_take_cancel (store, job->user, job->id, error);
}

void
pos_stock_take_close_async (PosStoreQueue *queue, const PosUser *user, gint64 id, gboolean approve,
                            const char *reason, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  TakeJob *job;

  g_return_if_fail (POS_IS_STORE_QUEUE (queue) && user != NULL);

  job = take_job_new (user, id);
  job->approve = approve;
  job->text = g_strdup (reason);
  queue_job (queue, close_job, job, cancellable, callback, user_data);
}

gboolean
pos_stock_take_close_finish (PosStoreQueue *queue, GAsyncResult *result, GError **error)
{
  return pos_store_queue_run_finish (queue, result, NULL, error);
}
