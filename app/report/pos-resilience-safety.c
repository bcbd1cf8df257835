/* pos-resilience-safety.c — whether the shop's data would survive a bad
 * day: the newest backup and its age, whether a restore proved it, the last
 * sync with the hub, events not yet on the hub, and the restore drill.
 *
 * The drill restores the newest backup into a scratch file exactly as a
 * real restore would (every check of pos_restore_run()), then throws the
 * file away: a backup nobody ever restored is a hope, not a backup.
 */
#include "pos-resilience-private.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pos-backup-crypt.h"
#include "pos-clock.h"
#include "pos-i18n.h"
#include "pos-journal.h"
#include "pos-restore.h"

#define DRILL_AT_KEY "restore_drill_at"
#define DRILL_FILE_KEY "restore_drill_file"
#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define DAY_US (24 * HOUR_US)

/* The newest backup in @folder by its name (store-YYYYMMDD-HHMMSS[-n].db
 * [.enc], pos-backup.h), or NULL. (transfer full) */
static char *
newest_backup (const char *folder)
{
  g_autoptr (GDir) dir = folder != NULL ? g_dir_open (folder, 0, NULL) : NULL;
  g_autoptr (GRegex) regex
      = g_regex_new ("^store-([0-9]{8}-[0-9]{6})(?:-([0-9]{1,9}))?\\.db(?:\\.enc)?$", 0, 0, NULL);
  g_autofree char *best = NULL;
  g_autofree char *best_key = NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *stamp = NULL, *counter = NULL, *key = NULL;

      if (!g_regex_match (regex, name, 0, &match))
        continue;
      stamp = g_match_info_fetch (match, 1);
      counter = g_match_info_fetch (match, 2);
      key = g_strdup_printf ("%s-%09d", stamp, counter && *counter ? atoi (counter) : 1);
      if (best_key == NULL || strcmp (key, best_key) > 0)
        {
          g_free (best_key), best_key = g_steal_pointer (&key);
          g_free (best), best = g_strdup (name);
        }
    }
  return g_steal_pointer (&best);
}

static gint64
file_mtime_us (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64)st.st_mtime * G_USEC_PER_SEC : 0;
}

static void
backup_figures (PosResilienceRun *run, JsonObject *section, gint64 now)
{
  const char *explains = _ ("When the newest backup of the store was written.");
  const char *good = _ ("Less than a day old.");
  g_autofree char *name = newest_backup (run->backup_folder);
  g_autofree char *path = name ? g_build_filename (run->backup_folder, name, NULL) : NULL;
  g_autofree char *checked = pos_store_dup_setting (run->store, DRILL_FILE_KEY);
  g_autofree char *text = NULL;
  gint64 hours;

  if (name == NULL)
    {
      pos_resilience_figure (section, "backup_age", _ ("Newest backup"), NULL,
                             run->backup_folder ? _ ("No backup in the backup folder yet")
                                                : _ ("Needs a backup folder (Settings, Backups)"),
                             "missing", explains, good);
      pos_resilience_figure (section, "backup_verified", _ ("Newest backup proved"), NULL,
                             _ ("No backup to prove"), "missing",
                             _ ("Whether a restore drill restored and checked the newest backup."),
                             _ ("Yes: the newest backup was restored and checked."));
      return;
    }
  hours = MAX (0, now - file_mtime_us (path)) / HOUR_US;
  text = g_strdup_printf (_ ("%s, %lld h old"), name, (long long)hours);
  pos_resilience_figure (section, "backup_age", _ ("Newest backup"), pos_resilience_int (hours), text,
                         hours < 24   ? "good"
                         : hours < 72 ? "watch"
                                      : "poor",
                         explains, good);
  pos_resilience_figure (section, "backup_verified", _ ("Newest backup proved"),
                         pos_resilience_int (g_strcmp0 (checked, name) == 0),
                         g_strcmp0 (checked, name) == 0 ? _ ("Yes, by the restore drill")
                                                        : _ ("Not yet: run a restore drill"),
                         g_strcmp0 (checked, name) == 0 ? "good" : "watch",
                         _ ("Whether a restore drill restored and checked the newest backup."),
                         _ ("Yes: the newest backup was restored and checked."));
}

static void
sync_figures (PosResilienceRun *run, JsonObject *section, gint64 now)
{
  g_autofree char *last = pos_store_dup_sync_state (run->store, "last_sync");
  gint64 unsynced = pos_journal_count_unpushed (run->store), at = 0;
  g_autofree char *text = NULL;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, unsynced);

  if (last == NULL || !pos_clock_parse_iso (last, &at))
    pos_resilience_figure (
        section, "last_sync", _ ("Last sync with the hub"), NULL, _ ("Never synced"), "missing",
        _ ("When this till last sent its records to the shop's hub and fetched the others'."),
        _ ("Within the last day, where the shop has a hub."));
  else
    {
      gint64 hours = MAX (0, now - at) / HOUR_US;
      text = g_strdup_printf (_ ("%lld h ago"), (long long)hours);
      pos_resilience_figure (
          section, "last_sync", _ ("Last sync with the hub"), pos_resilience_int (hours), text,
          hours < 24   ? "good"
          : hours < 72 ? "watch"
                       : "poor",
          _ ("When this till last sent its records to the shop's hub and fetched the others'."),
          _ ("Within the last day, where the shop has a hub."));
    }
  pos_resilience_figure (
      section, "unsynced", _ ("Records not on the hub"), pos_resilience_int (unsynced), count,
      last == NULL      ? "info"
      : unsynced < 1000 ? "good"
                        : "watch",
      _ ("Journal events recorded here and not yet sent to the hub: only this till holds them."),
      _ ("Few, and falling to none at each sync."));
}

static void
drill_figure (PosResilienceRun *run, JsonObject *section, gint64 now)
{
  const char *explains = _ ("Days since a backup was last restored into a scratch file and checked.");
  const char *good = _ ("A drill every month (30 days or fewer).");
  g_autofree char *at_text = pos_store_dup_setting (run->store, DRILL_AT_KEY);
  g_autofree char *text = NULL;
  gint64 at = 0, days;

  if (at_text == NULL || !pos_clock_parse_iso (at_text, &at))
    {
      pos_resilience_figure (section, "drill_days", _ ("Last restore drill"), NULL,
                             _ ("Never: run a restore drill"), "missing", explains, good);
      return;
    }
  days = MAX (0, now - at) / DAY_US;
  text = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%lld day ago", "%lld days ago", (gulong)days),
                          (long long)days);
  pos_resilience_figure (section, "drill_days", _ ("Last restore drill"), pos_resilience_int (days), text,
                         days <= 30   ? "good"
                         : days <= 90 ? "watch"
                                      : "poor",
                         explains, good);
}

gboolean
pos_resilience_safety (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "safety", _ ("Data safety"));
  gint64 now = pos_clock_now_us ();

  backup_figures (run, section, now);
  sync_figures (run, section, now);
  drill_figure (run, section, now);
  return TRUE;
}

/* ---- the drill ----------------------------------------------------------- */

static void
remove_scratch (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

gboolean
pos_resilience_restore_drill (PosStore *store, const char *backup_folder, const char *key_passphrase,
                              char **checked_file, GError **error)
{
  g_autofree char *name = NULL, *backup = NULL, *scratch = NULL, *target = NULL, *now = NULL;
  g_autoptr (PosBackupKey) key = key_passphrase ? pos_backup_key_new_passphrase (key_passphrase) : NULL;
  g_auto (PosRestoreReport) report = { 0 };
  PosRestoreOptions options = { .key = key };
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);

  name = backup_folder != NULL ? newest_backup (backup_folder) : NULL;
  if (name == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no backup to restore in %s"),
                        backup_folder ? backup_folder : _ ("(no backup folder)")),
           FALSE;
  backup = g_build_filename (backup_folder, name, NULL);
  scratch = g_dir_make_tmp ("mainstreet-drill-XXXXXX", error);
  if (scratch == NULL)
    return FALSE;
  target = g_build_filename (scratch, "store.db", NULL);
  ok = pos_restore_run (backup, target, &options, &report, error);
  remove_scratch (scratch);
  if (!ok)
    return g_prefix_error (error, _ ("The restore drill failed: ")), FALSE;
  now = pos_clock_iso_utc (pos_clock_now_us ());
  if (!pos_store_set_setting (store, DRILL_AT_KEY, now, error)
      || !pos_store_set_setting (store, DRILL_FILE_KEY, name, error))
    return FALSE;
  if (checked_file != NULL)
    *checked_file = g_steal_pointer (&name);
  return TRUE;
}

typedef struct
{
  char *store_path;
  char *backup_folder;
} DrillJob;

static void
drill_job_free (DrillJob *job)
{
  g_free (job->store_path);
  g_free (job->backup_folder);
  g_free (job);
}

static void
drill_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  DrillJob *job = task_data;
  g_autoptr (PosStore) store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, NULL);
  GError *error = NULL;
  char *name = NULL;

  if (store == NULL)
    g_set_error (&error, POS_ERROR, POS_ERROR_STORE, _ ("Cannot open the store %s"), job->store_path);
  else if (pos_resilience_restore_drill (store, job->backup_folder, NULL, &name, &error))
    {
      g_task_return_pointer (task, name, g_free);
      return;
    }
  g_task_return_error (task, error);
}

void
pos_resilience_restore_drill_async (const char *store_path, const char *backup_folder,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DrillJob *job = g_new0 (DrillJob, 1);

  job->store_path = g_strdup (store_path);
  job->backup_folder = g_strdup (backup_folder);
  g_task_set_source_tag (task, pos_resilience_restore_drill_async);
  g_task_set_task_data (task, job, (GDestroyNotify)drill_job_free);
  pos_i18n_run_in_thread (task, drill_thread);
}

char *
pos_resilience_restore_drill_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_resilience_restore_drill_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
