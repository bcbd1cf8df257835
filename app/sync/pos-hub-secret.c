/* pos-hub-secret.c — the till's hub password: keyring first, else a 0600 file. */
#include "pos-hub-secret.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-i18n.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>

static const SecretSchema *
hub_password_schema (void)
{
  static const SecretSchema schema = {
    "org.mainstreet.Mainstreet.HubPassword",
    SECRET_SCHEMA_NONE,
    {
        { "till", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };
  return &schema;
}

/* A desktop session has a session bus, announced or at its usual place.
 * Without one GDBus would spawn dbus-launch, whose private bus has no
 * keyring in it. */
static gboolean
have_session_bus (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = NULL;

  if (address != NULL && *address != '\0')
    return !g_str_has_prefix (address, "autolaunch:");
  socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS) && !g_file_test (socket, G_FILE_TEST_IS_REGULAR);
}

/* The keyring is used when the session runs a Secret Service: a desktop
 * starts it at login, unlocked with the user's password. The till never
 * starts one itself: a keyring daemon started on demand has no unlocked
 * keyring and would wait on a prompt for a new keyring password, on a till
 * where nobody may answer it. */
static gboolean
have_keyring (void)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  gboolean owned = FALSE;

  if (!have_session_bus () || (bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)) == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* A D-Bus failure means nobody answers for the Secret Service; anything
 * else (a locked keyring, a dismissed prompt) is the owner's answer. */
static gboolean
keyring_missing (const GError *error)
{
  return error->domain == G_DBUS_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static char *
file_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "mainstreet", "hub-passwords", NULL);
}

static char *
file_group (const char *till, const char *host)
{
  return g_strdup_printf ("%s@%s", till, host);
}

static GKeyFile *
file_load (GError **error)
{
  g_autofree char *path = file_path ();
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) local = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local)
      && !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot read %s: %s"), path, local->message);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

static gboolean
file_save (GKeyFile *keys, GError **error)
{
  g_autofree char *path = file_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = g_key_file_to_data (keys, NULL, NULL);
  g_autoptr (GError) local = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot create %s: %s"), dir,
                        g_strerror (errno)),
           FALSE;
  if (!g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot write %s: %s"), path, local->message),
           FALSE;
  return TRUE;
}

static gboolean
file_store (const char *till, const char *host, const char *password, GError **error)
{
  g_autoptr (GKeyFile) keys = file_load (error);
  g_autofree char *group = file_group (till, host);

  if (keys == NULL)
    return FALSE;
  g_key_file_set_string (keys, group, "password", password);
  return file_save (keys, error);
}

static char *
file_lookup (const char *till, const char *host, GError **error)
{
  g_autoptr (GKeyFile) keys = file_load (error);
  g_autofree char *group = file_group (till, host);

  return keys != NULL ? g_key_file_get_string (keys, group, "password", NULL) : NULL;
}

static gboolean
file_clear (const char *till, const char *host, GError **error)
{
  g_autoptr (GKeyFile) keys = file_load (error);
  g_autofree char *group = file_group (till, host);

  if (keys == NULL)
    return FALSE;
  if (!g_key_file_remove_group (keys, group, NULL))
    return TRUE;
  return file_save (keys, error);
}

static char *
label_for (const char *till, const char *host)
{
  return g_strdup_printf (_ ("Mainstreet till %s on the hub %s"), till, *host ? host : "(local)");
}

gboolean
pos_hub_secret_store (const char *till, const char *host, const char *password, PosHubSecretPlace *place,
                      GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (till != NULL && host != NULL && password != NULL, FALSE);

  if (have_keyring ())
    {
      label = label_for (till, host);
      if (secret_password_store_sync (hub_password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                      cancellable, &local, "till", till, "host", host, NULL))
        {
          if (place != NULL)
            *place = POS_HUB_SECRET_KEYRING;
          /* One place only: an older copy in the file must not linger. */
          return file_clear (till, host, error);
        }
      if (!keyring_missing (local))
        return g_set_error (error, POS_ERROR, POS_ERROR_FAILED,
                            _ ("The keyring did not keep the hub password: %s"), local->message),
               FALSE;
    }
  if (place != NULL)
    *place = POS_HUB_SECRET_FILE;
  return file_store (till, host, password, error);
}

char *
pos_hub_secret_lookup (const char *till, const char *host, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *password;

  g_return_val_if_fail (till != NULL && host != NULL, NULL);

  if (have_keyring ())
    {
      password = secret_password_lookup_sync (hub_password_schema (), cancellable, &local, "till", till,
                                              "host", host, NULL);
      if (password != NULL)
        {
          char *copy = g_strdup (password);
          secret_password_free (password);
          return copy;
        }
      if (local != NULL && !keyring_missing (local))
        return g_set_error (error, POS_ERROR, POS_ERROR_FAILED,
                            _ ("The keyring did not give the hub password: %s"), local->message),
               NULL;
    }
  return file_lookup (till, host, error);
}

gboolean
pos_hub_secret_clear (const char *till, const char *host, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (till != NULL && host != NULL, FALSE);

  if (have_keyring ()
      && !secret_password_clear_sync (hub_password_schema (), cancellable, &local, "till", till, "host", host,
                                      NULL)
      && local != NULL && !keyring_missing (local))
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED,
                        _ ("The keyring did not forget the hub password: %s"), local->message),
           FALSE;
  return file_clear (till, host, error);
}

typedef struct
{
  char *till;
  char *host;
  char *password;
  PosHubSecretPlace place;
} SecretTask;

static void
secret_task_free (SecretTask *data)
{
  g_free (data->till);
  g_free (data->host);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static GTask *
secret_task_new (const char *till, const char *host, const char *password, GCancellable *cancellable,
                 GAsyncReadyCallback callback, gpointer user_data, gpointer tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SecretTask *data = g_new0 (SecretTask, 1);

  data->till = g_strdup (till);
  data->host = g_strdup (host);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, (GDestroyNotify)secret_task_free);
  return task;
}

static void
store_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SecretTask *data = task_data;
  GError *error = NULL;

  if (pos_hub_secret_store (data->till, data->host, data->password, &data->place, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pos_hub_secret_store_async (const char *till, const char *host, const char *password,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (till != NULL && host != NULL && password != NULL);
  task = secret_task_new (till, host, password, cancellable, callback, user_data, pos_hub_secret_store_async);
  pos_i18n_run_in_thread (task, store_thread);
}

gboolean
pos_hub_secret_store_finish (GAsyncResult *result, PosHubSecretPlace *place, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (place != NULL)
    *place = ((SecretTask *)g_task_get_task_data (G_TASK (result)))->place;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SecretTask *data = task_data;
  GError *error = NULL;
  char *password = pos_hub_secret_lookup (data->till, data->host, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, g_free);
}

void
pos_hub_secret_lookup_async (const char *till, const char *host, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (till != NULL && host != NULL);
  task = secret_task_new (till, host, NULL, cancellable, callback, user_data, pos_hub_secret_lookup_async);
  pos_i18n_run_in_thread (task, lookup_thread);
}

char *
pos_hub_secret_lookup_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
append_value (GString *out, const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

char *
pos_hub_secret_split (const char *conninfo, char **password, char **host, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *found_host = NULL;
  g_autofree char *found_password = NULL;
  char *message = NULL;
  PQconninfoOption *options;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if ((options = PQconninfoParse (conninfo, &message)) == NULL)
    {
      /* libpq's message may quote the string, password and all. */
      PQfreemem (message);
      g_set_error_literal (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("The hub connection is not a connection string like “host=hub.example.com dbname=shop”"));
      return NULL;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL)
        continue;
      if (g_str_equal (o->keyword, "password"))
        {
          found_password = g_strdup (o->val);
          continue;
        }
      if (g_str_equal (o->keyword, "host") || (found_host == NULL && g_str_equal (o->keyword, "hostaddr")))
        {
          g_free (found_host);
          found_host = g_strdup (o->val);
        }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s=", o->keyword);
      append_value (out, o->val);
    }
  PQconninfoFree (options);
  if (password != NULL)
    *password = g_steal_pointer (&found_password);
  if (host != NULL)
    *host = found_host != NULL ? g_steal_pointer (&found_host) : g_strdup ("");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pos_hub_secret_join (const char *conninfo, const char *password)
{
  GString *out;

  g_return_val_if_fail (conninfo != NULL, NULL);
  if (password == NULL)
    return g_strdup (conninfo);
  out = g_string_new (conninfo);
  g_string_append (out, " password=");
  append_value (out, password);
  return g_string_free (out, FALSE);
}

/* The host of the connection saved now, to forget its password. */
static char *
saved_host (GSettings *settings)
{
  g_autofree char *saved = g_strstrip (g_settings_get_string (settings, "hub-conninfo"));
  g_autofree char *stripped = NULL;
  char *host = NULL;

  if (*saved == '\0' || (stripped = pos_hub_secret_split (saved, NULL, &host, NULL)) == NULL)
    return NULL;
  return host;
}

gboolean
pos_hub_secret_save_conninfo (GSettings *settings, const char *till, const char *conninfo,
                              PosHubSecretPlace *place, GError **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  g_autofree char *old_host = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings) && till != NULL && conninfo != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (conninfo));
  old_host = saved_host (settings);
  if (*trimmed == '\0')
    {
      if (old_host != NULL && !pos_hub_secret_clear (till, old_host, NULL, error))
        return FALSE;
      g_settings_set_string (settings, "hub-conninfo", "");
      return TRUE;
    }
  if ((stripped = pos_hub_secret_split (trimmed, &password, &host, error)) == NULL)
    return FALSE;
  if (password != NULL && !pos_hub_secret_store (till, host, password, place, NULL, error))
    return FALSE;
  if (old_host != NULL && !g_str_equal (old_host, host))
    pos_hub_secret_clear (till, old_host, NULL, NULL);
  g_settings_set_string (settings, "hub-conninfo", stripped);
  return TRUE;
}

char *
pos_hub_secret_load_conninfo (GSettings *settings, const char *till, GError **error)
{
  g_autofree char *saved = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings) && till != NULL, NULL);

  saved = g_strstrip (g_settings_get_string (settings, "hub-conninfo"));
  if (*saved == '\0')
    return NULL;
  /* Unparsable: libpq will say why when connecting. */
  if ((stripped = pos_hub_secret_split (saved, &password, &host, NULL)) == NULL)
    return g_steal_pointer (&saved);
  if (password != NULL)
    {
      if (pos_hub_secret_store (till, host, password, NULL, NULL, &local))
        g_settings_set_string (settings, "hub-conninfo", stripped);
      else
        g_warning ("The hub password stays in this till's settings for now: %s", local->message);
      return pos_hub_secret_join (stripped, password);
    }
  password = pos_hub_secret_lookup (till, host, NULL, error);
  if (password == NULL && error != NULL && *error != NULL)
    return NULL;
  return pos_hub_secret_join (stripped, password);
}
