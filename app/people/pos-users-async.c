/* pos-users-async.c — the slow user changes in a worker thread (see pos-users-async.h). */
#include "pos-users-async.h"

#include "pos-i18n.h"

#include <string.h>

typedef struct
{
  char *store_path;
  PosUser *actor;
  char *name;
  char *pin;
  PosRole role;
} UserJob;

static void
user_job_free (UserJob *job)
{
  g_free (job->store_path);
  g_clear_pointer (&job->actor, pos_user_free);
  g_free (job->name);
  if (job->pin != NULL)
    memset (job->pin, 0, strlen (job->pin));
  g_free (job->pin);
  g_free (job);
}

/* Starts @thread on @job (taken) under @source_tag. */
static void
user_job_start (PosStore *store, const PosUser *actor, UserJob *job, gpointer source_tag,
                GTaskThreadFunc thread, GCancellable *cancellable, GAsyncReadyCallback callback,
                gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  job->store_path = g_strdup (pos_store_path (store));
  job->actor = actor != NULL ? pos_user_copy (actor) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)user_job_free);
  pos_i18n_run_in_thread (task, thread);
}

static void
add_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  UserJob *job = task_data;
  g_autoptr (PosStore) store = NULL;
  PosUser *added = NULL;
  GError *error = NULL;

  store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (store != NULL)
    added = pos_users_add_as (store, job->actor, job->name, job->role, job->pin, &error);
  if (added == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, added, (GDestroyNotify)pos_user_free);
}

void
pos_users_add_async (PosStore *store, const PosUser *actor, const char *name, PosRole role, const char *pin,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  UserJob *job;

  g_return_if_fail (store != NULL);
  g_return_if_fail (name != NULL && pin != NULL);

  job = g_new0 (UserJob, 1);
  job->name = g_strdup (name);
  job->pin = g_strdup (pin);
  job->role = role;
  user_job_start (store, actor, job, pos_users_add_async, add_thread, cancellable, callback, user_data);
}

PosUser *
pos_users_add_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_users_add_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_pin_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  UserJob *job = task_data;
  g_autoptr (PosStore) store = NULL;
  GError *error = NULL;

  store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (store == NULL || !pos_users_set_pin (store, job->actor, job->name, job->pin, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pos_users_set_pin_async (PosStore *store, const PosUser *actor, const char *name, const char *new_pin,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  UserJob *job;

  g_return_if_fail (store != NULL);
  g_return_if_fail (name != NULL && new_pin != NULL);

  job = g_new0 (UserJob, 1);
  job->name = g_strdup (name);
  job->pin = g_strdup (new_pin);
  user_job_start (store, actor, job, pos_users_set_pin_async, set_pin_thread, cancellable, callback,
                  user_data);
}

gboolean
pos_users_set_pin_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_users_set_pin_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
