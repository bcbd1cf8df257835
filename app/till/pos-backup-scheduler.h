/* pos-backup-scheduler.h — backups of the store while the till runs.
 *
 * Every "backup-interval" minutes (per-machine settings), and when asked,
 * the store is copied into "backup-folder", keeping the newest
 * "backup-keep" copies (db/pos-backup.h). The copy runs in a worker thread
 * (GTask) on its own store connection, so the till keeps selling. The
 * outcome is in the properties "busy" and "last-result" (a sentence for
 * people), "last-ok"; changes to the settings re-arm the timer.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POS_TYPE_BACKUP_SCHEDULER (pos_backup_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (PosBackupScheduler, pos_backup_scheduler, POS, BACKUP_SCHEDULER, GObject)

/* @settings (nullable): with none, backups are only taken when asked and
 * there is no folder to take them to. */
PosBackupScheduler *pos_backup_scheduler_new (const char *store_path, GSettings *settings);

/* Arms the timer from the settings (again after a change). */
void pos_backup_scheduler_start (PosBackupScheduler *self);
/* Takes a backup now, unless one is under way or no folder is set (then
 * "last-result" says so). */
void pos_backup_scheduler_run_now (PosBackupScheduler *self);

gboolean pos_backup_scheduler_get_busy (PosBackupScheduler *self);
gboolean pos_backup_scheduler_get_last_ok (PosBackupScheduler *self);
/* Returns: (transfer none) (nullable): NULL before the first backup. */
const char *pos_backup_scheduler_get_last_result (PosBackupScheduler *self);

/* A backup of the store file at @store_path into @folder, keeping the
 * newest @keep there (pos_backup_to_folder()), in a worker thread on a
 * connection of its own. Finish gives the path written.
 * Returns: (transfer full) (nullable) */
void pos_backup_to_folder_async (const char *store_path, const char *folder, guint keep,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
char *pos_backup_to_folder_finish (GAsyncResult *result, GError **error);

G_END_DECLS
