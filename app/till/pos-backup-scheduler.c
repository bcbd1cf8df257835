/* pos-backup-scheduler.c — backups of the store while the till runs. */
#include "pos-backup-scheduler.h"

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "pos-backup-create.h"
#include "pos-backup.h"
#include "pos-clock.h"
#include "pos-error.h"
#include "pos-i18n.h"
#include "pos-thread-priority.h"

struct _PosBackupScheduler
{
  GObject parent_instance;

  char *store_path;
  GSettings *settings;
  guint timer;
  gboolean busy;
  gboolean last_ok;
  char *last_result;
  char *last_error;  /* why the last backup failed, NULL after a good one */
  gboolean pending;  /* asked for while one was under way */
  gint64 started_us; /* when the timer was armed: overdue counts from here */
  gint64 last_success_us;
  char *written_folder; /* the folder backups went to: gone later means unplugged */
};

G_DEFINE_FINAL_TYPE (PosBackupScheduler, pos_backup_scheduler, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_LAST_OK,
  PROP_LAST_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *store_path;
  char *folder;
  guint keep;
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->folder);
  g_free (job);
}

static void
pos_backup_scheduler_dispose (GObject *object)
{
  PosBackupScheduler *self = POS_BACKUP_SCHEDULER (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pos_backup_scheduler_parent_class)->dispose (object);
}

static void
pos_backup_scheduler_finalize (GObject *object)
{
  PosBackupScheduler *self = POS_BACKUP_SCHEDULER (object);

  g_free (self->store_path);
  g_free (self->last_result);
  g_free (self->last_error);
  g_free (self->written_folder);
  G_OBJECT_CLASS (pos_backup_scheduler_parent_class)->finalize (object);
}

static void
pos_backup_scheduler_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosBackupScheduler *self = POS_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
      case PROP_BUSY:
        g_value_set_boolean (value, self->busy);
        break;
      case PROP_LAST_OK:
        g_value_set_boolean (value, self->last_ok);
        break;
      case PROP_LAST_RESULT:
        g_value_set_string (value, self->last_result);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pos_backup_scheduler_class_init (PosBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = pos_backup_scheduler_dispose;
  object_class->finalize = pos_backup_scheduler_finalize;
  object_class->get_property = pos_backup_scheduler_get_property;
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_OK] = g_param_spec_boolean ("last-ok", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_RESULT] = g_param_spec_string ("last-result", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pos_backup_scheduler_init (PosBackupScheduler *self)
{
  self->started_us = pos_clock_now_us ();
}

static void
set_busy (PosBackupScheduler *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Records the outcome of a backup for people: @ok, and what to say. */
static void
set_result (PosBackupScheduler *self, gboolean ok, const char *message)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%H:%M");

  g_free (self->last_result);
  self->last_result = g_strdup_printf ("%s %s", when, message);
  self->last_ok = ok;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_OK]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RESULT]);
}

/* Copying and checking a big store takes many seconds of CPU and disk
 * while the till sells: the backup runs on a thread of its own at the
 * lowest priority (pos_thread_lower_priority ()), so sales and drawing go
 * first. The thread owns a reference to @data, the task. */
static gpointer
backup_thread (gpointer data)
{
  g_autoptr (GTask) task = data;
  Job *job = g_task_get_task_data (task);
  g_autoptr (PosStore) store = NULL;
  g_autofree char *written = NULL;
  GError *error = NULL;

  pos_thread_lower_priority ();
  store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  /* With its manifest, so that a restore can prove the copy whole. */
  if (store == NULL || !pos_backup_create (store, job->folder, job->keep, NULL, &written, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&written), g_free);
  return NULL;
}

void
pos_backup_to_folder_async (const char *store_path, const char *folder, guint keep, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (store_path != NULL);
  g_return_if_fail (folder != NULL);

  job = g_new0 (Job, 1);
  job->store_path = g_strdup (store_path);
  job->folder = g_strdup (folder);
  job->keep = keep;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_backup_to_folder_async);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_thread_unref (pos_i18n_thread_new ("store-backup", backup_thread, g_object_ref (task)));
}

char *
pos_backup_to_folder_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_backup_to_folder_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_backup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosBackupScheduler) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *written = pos_backup_to_folder_finish (result, &error);
  g_autofree char *message = NULL;

  g_clear_pointer (&self->last_error, g_free);
  if (written == NULL)
    {
      message = g_strdup_printf (_ ("Backup failed: %s"), error->message);
      self->last_error = g_strdup (error->message);
    }
  else
    {
      message = g_strdup_printf (_ ("Backed up to %s"), written);
      self->last_success_us = pos_clock_now_us ();
      g_free (self->written_folder);
      self->written_folder = g_path_get_dirname (written);
    }
  set_result (self, written != NULL, message);
  set_busy (self, FALSE);
  if (self->pending)
    {
      self->pending = FALSE;
      pos_backup_scheduler_run_now (self);
    }
}

/* The folder, stripped; NULL when none is set. (transfer full) */
static char *
dup_folder (PosBackupScheduler *self)
{
  g_autofree char *folder = NULL;

  if (self->settings == NULL)
    return NULL;
  folder = g_strstrip (g_settings_get_string (self->settings, "backup-folder"));
  return *folder != '\0' ? g_steal_pointer (&folder) : NULL;
}

/* A folder that is not there where its parent is not either (a USB stick's
 * mount point), or that backups went to before, is a medium gone missing:
 * making it would put the backups on the till's own disk. */
static gboolean
folder_missing (PosBackupScheduler *self, const char *folder)
{
  g_autofree char *parent = NULL;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return FALSE;
  parent = g_path_get_dirname (folder);
  return !g_file_test (parent, G_FILE_TEST_IS_DIR) || g_strcmp0 (self->written_folder, folder) == 0;
}

static char *
missing_message (const char *folder)
{
  return g_strdup_printf (
      _ ("The backup folder %s is missing: plug in the USB stick or choose another folder"), folder);
}

void
pos_backup_scheduler_run_now (PosBackupScheduler *self)
{
  g_autofree char *folder = NULL;

  g_return_if_fail (POS_IS_BACKUP_SCHEDULER (self));

  if (self->busy)
    {
      self->pending = TRUE;
      return;
    }
  folder = dup_folder (self);
  if (folder == NULL)
    {
      set_result (self, FALSE, "No backup: choose a backup folder first");
      return;
    }
  if (folder_missing (self, folder))
    {
      g_autofree char *message = missing_message (folder);

      g_free (self->last_error);
      self->last_error = g_strdup (message);
      set_result (self, FALSE, message);
      return;
    }
  set_busy (self, TRUE);
  pos_backup_to_folder_async (self->store_path, folder, g_settings_get_uint (self->settings, "backup-keep"),
                              NULL, on_backup_done_cb, g_object_ref (self));
}

static gboolean
on_timer_cb (gpointer user_data)
{
  PosBackupScheduler *self = user_data;
  g_autofree char *folder = dup_folder (self);

  /* No folder: nothing is due, and nothing to complain about every time. */
  if (folder != NULL)
    pos_backup_scheduler_run_now (self);
  return G_SOURCE_CONTINUE;
}

static gint64
interval_us (PosBackupScheduler *self)
{
  guint minutes = self->settings ? g_settings_get_uint (self->settings, "backup-interval") : 60;

  return (gint64)MAX (minutes, 1) * 60 * G_USEC_PER_SEC;
}

/* When the newest backup in @folder was written, 0 when it holds none. */
static gint64
newest_backup_us (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  gint64 newest = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, "store-") || g_str_has_suffix (name, POS_BACKUP_MANIFEST_SUFFIX))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) == 0)
        newest = MAX (newest, (gint64)st.st_mtime * G_USEC_PER_SEC);
    }
  return newest;
}

void
pos_backup_scheduler_start (PosBackupScheduler *self)
{
  g_autofree char *folder = NULL;

  g_return_if_fail (POS_IS_BACKUP_SCHEDULER (self));

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->settings == NULL)
    return;
  self->started_us = pos_clock_now_us ();
  self->timer = g_timeout_add_seconds ((guint)(interval_us (self) / G_USEC_PER_SEC), on_timer_cb, self);
  /* A till that was off past its backup time backs up as it starts. */
  folder = dup_folder (self);
  if (folder == NULL)
    return;
  self->last_success_us = MAX (self->last_success_us, newest_backup_us (folder));
  if (self->last_success_us > 0)
    {
      g_free (self->written_folder);
      self->written_folder = g_strdup (folder);
    }
  if (pos_clock_now_us () - self->last_success_us >= interval_us (self))
    pos_backup_scheduler_run_now (self);
}

static void
on_settings_changed_cb (GSettings *settings, const char *key, PosBackupScheduler *self)
{
  if (g_str_equal (key, "backup-folder"))
    {
      /* Another folder: its own backups count, and nothing went missing. */
      g_autofree char *folder = dup_folder (self);

      g_clear_pointer (&self->written_folder, g_free);
      g_clear_pointer (&self->last_error, g_free);
      self->last_success_us = folder != NULL ? newest_backup_us (folder) : 0;
      self->started_us = pos_clock_now_us ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RESULT]);
    }
  if (self->timer != 0 && g_str_equal (key, "backup-interval"))
    pos_backup_scheduler_start (self);
}

PosBackupScheduler *
pos_backup_scheduler_new (const char *store_path, GSettings *settings)
{
  PosBackupScheduler *self;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (POS_TYPE_BACKUP_SCHEDULER, NULL);
  self->store_path = g_strdup (store_path);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect (settings, "changed", G_CALLBACK (on_settings_changed_cb), self);
    }
  return self;
}

gboolean
pos_backup_scheduler_get_busy (PosBackupScheduler *self)
{
  g_return_val_if_fail (POS_IS_BACKUP_SCHEDULER (self), FALSE);
  return self->busy;
}

gboolean
pos_backup_scheduler_get_last_ok (PosBackupScheduler *self)
{
  g_return_val_if_fail (POS_IS_BACKUP_SCHEDULER (self), FALSE);
  return self->last_ok;
}

const char *
pos_backup_scheduler_get_last_result (PosBackupScheduler *self)
{
  g_return_val_if_fail (POS_IS_BACKUP_SCHEDULER (self), NULL);
  return self->last_result;
}

PosBackupStatus
pos_backup_scheduler_get_status (PosBackupScheduler *self)
{
  g_autofree char *folder = NULL;
  gint64 since;

  g_return_val_if_fail (POS_IS_BACKUP_SCHEDULER (self), POS_BACKUP_STATUS_OFF);

  folder = dup_folder (self);
  if (folder == NULL)
    return POS_BACKUP_STATUS_OFF;
  if (self->last_error != NULL || folder_missing (self, folder))
    return POS_BACKUP_STATUS_FAILED;
  since = self->last_success_us > 0 ? self->last_success_us : self->started_us;
  if (pos_clock_now_us () - since > 2 * interval_us (self))
    return POS_BACKUP_STATUS_OVERDUE;
  return POS_BACKUP_STATUS_OK;
}

gint64
pos_backup_scheduler_get_last_success_us (PosBackupScheduler *self)
{
  g_return_val_if_fail (POS_IS_BACKUP_SCHEDULER (self), 0);
  return self->last_success_us;
}

/* "5 min", "3 h", "2 days". (transfer full) */
static char *
format_age (gint64 us)
{
  gint64 minutes = MAX (us, 0) / (60 * G_USEC_PER_SEC);

  if (minutes < 1)
    return g_strdup (_ ("less than a minute"));
  if (minutes < 60)
    return g_strdup_printf (_ ("%lld min"), (long long)minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (_ ("%lld h"), (long long)(minutes / 60));
  return g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%lld day", "%lld days", (gulong)(minutes / (24 * 60))),
                          (long long)(minutes / (24 * 60)));
}

char *
pos_backup_scheduler_describe (PosBackupScheduler *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *age = NULL;

  g_return_val_if_fail (POS_IS_BACKUP_SCHEDULER (self), NULL);

  folder = dup_folder (self);
  if (self->last_success_us > 0)
    age = format_age (pos_clock_now_us () - self->last_success_us);
  switch (pos_backup_scheduler_get_status (self))
    {
      case POS_BACKUP_STATUS_OFF:
        return g_strdup (_ ("No automatic backups: choose a backup folder in Settings"));
      case POS_BACKUP_STATUS_FAILED:
        if (self->last_error == NULL)
          return missing_message (folder);
        return g_strdup_printf (_ ("Backup failed: %s"), self->last_error);
      case POS_BACKUP_STATUS_OVERDUE:
        if (age == NULL)
          return g_strdup (_ ("Backup overdue: none taken yet"));
        return g_strdup_printf (_ ("Backup overdue: the last one is %s old"), age);
      case POS_BACKUP_STATUS_OK:
      default:
        if (age == NULL)
          return g_strdup (self->busy ? "Backing up…" : "No backup yet");
        return g_strdup_printf (_ ("Backed up %s ago"), age);
    }
}
