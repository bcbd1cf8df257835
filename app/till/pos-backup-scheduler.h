/* pos-backup-scheduler.h — backups of the store while the till runs.
 *
 * Every "backup-interval" minutes (per-machine settings), and when asked,
 * the store is copied into "backup-folder", keeping the newest
 * "backup-keep" copies (db/pos-backup.h). The copy runs in a worker thread
 * (GTask) on its own store connection, so the till keeps selling. The
 * outcome is in the properties "busy" and "last-result" (a sentence for
 * people), "last-ok"; changes to the settings re-arm the timer.
 *
 * How fresh the newest backup is ("status", pos_backup_scheduler_describe())
 * is for the owner to see at a glance: the newest backup in the folder
 * counts, also one taken before the till started, and a folder that went
 * missing (an unplugged USB stick) is a failure, never a new empty folder
 * somewhere on the till's own disk.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POS_TYPE_BACKUP_SCHEDULER (pos_backup_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (PosBackupScheduler, pos_backup_scheduler, POS, BACKUP_SCHEDULER, GObject)

typedef enum
{
  POS_BACKUP_STATUS_OFF,     /* no backup folder chosen */
  POS_BACKUP_STATUS_OK,      /* a backup newer than two intervals */
  POS_BACKUP_STATUS_OVERDUE, /* none for more than two intervals */
  POS_BACKUP_STATUS_FAILED,  /* the last one failed, or its folder is missing */
} PosBackupStatus;

/* @settings (nullable): with none, backups are only taken when asked and
 * there is no folder to take them to. */
PosBackupScheduler *pos_backup_scheduler_new (const char *store_path, GSettings *settings);

/* Arms the timer from the settings (again after a change). */
void pos_backup_scheduler_start (PosBackupScheduler *self);
/* Takes a backup now, or right after the one under way (so one asked for
 * after a Z report is never skipped); with no folder set "last-result" says
 * so. */
void pos_backup_scheduler_run_now (PosBackupScheduler *self);

/* How backups stand now (the clock is pos_clock_now_us()). */
PosBackupStatus pos_backup_scheduler_get_status (PosBackupScheduler *self);
/* When the newest backup in the folder was written (µs); 0 when none. */
gint64 pos_backup_scheduler_get_last_success_us (PosBackupScheduler *self);
/* The status for people: "Backed up 2 h ago", "Backup failed: …".
 * Returns: (transfer full) */
char *pos_backup_scheduler_describe (PosBackupScheduler *self);

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
