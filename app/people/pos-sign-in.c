/* pos-sign-in.c — PIN checks in a worker thread on their own connection. */
#include "pos-sign-in.h"

#include "pos-i18n.h"

#include <sodium.h>
#include <string.h>

typedef struct
{
  char *store_path;
  char *name;
  char *pin;
} Check;

static void
check_free (Check *check)
{
  g_free (check->store_path);
  g_free (check->name);
  if (check->pin != NULL)
    sodium_memzero (check->pin, strlen (check->pin));
  g_free (check->pin);
  g_free (check);
}

/* The check itself, on a connection opened from the store's path. */
static PosUser *
run_check (Check *check, GError **error)
{
  g_autoptr (PosStore) store = pos_store_open (check->store_path, POS_STORE_OPEN_NO_CHECK, error);

  if (store == NULL)
    return NULL;
  return pos_users_authenticate (store, check->name, check->pin, error);
}

static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PosUser *user;

  if (g_task_return_error_if_cancelled (task))
    return;
  user = run_check (task_data, &error);
  if (user == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, user, (GDestroyNotify)pos_user_free);
}

void
pos_users_authenticate_async (PosStore *store, const char *name, const char *pin, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Check *check;

  g_return_if_fail (store != NULL);
  g_return_if_fail (name != NULL && pin != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  check = g_new0 (Check, 1);
  check->store_path = g_strdup (pos_store_path (store));
  check->name = g_strdup (name);
  check->pin = g_strdup (pin);
  g_task_set_source_tag (task, pos_users_authenticate_async);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);
  pos_i18n_run_in_thread (task, check_thread);
}

PosUser *
pos_users_authenticate_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_users_authenticate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
