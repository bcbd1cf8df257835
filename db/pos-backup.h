/* pos-backup.h — copies of the store taken while the till sells, and
 * putting one back.
 *
 * A backup is an SQLite online backup of one read snapshot of the store,
 * copied a chunk of pages at a time, so the till goes on selling (WAL lets
 * it write while the copy reads) and the copy is a consistent store as of
 * the moment it started. A copy only counts once it passed PRAGMA
 * quick_check; until then it lives under a hidden temporary name that is
 * removed on any failure, so a backup folder never holds half a store.
 */
#pragma once

#include <gio/gio.h>

#include "pos-store.h"

G_BEGIN_DECLS

/*
 * Copies @store into @folder (created 0700 when missing) as
 * store-YYYYMMDD-HHMMSS.db (UTC; "-2", "-3"… is added when that name is
 * taken, by a plain or an encrypted backup, <name>.db.enc), mode 0600, in
 * rollback-journal mode so the copy is one self-contained file. Then keeps
 * only the newest @keep backups of that name pattern in @folder (0: keep
 * them all) and their manifests. @written_path (nullable) gets
 * the new file's path (transfer full).
 *
 * Run it on a connection of its own (a worker's PosStore), not inside a
 * transaction. A full disk is POS_ERROR_DISK_FULL, with no partial file
 * left behind; a copy that fails its check is POS_ERROR_STORE_DAMAGED.
 */
gboolean pos_backup_to_folder (PosStore *store, const char *folder, guint keep, char **written_path,
                               GError **error);

/* The copy pos_backup_to_folder() makes, into @path (replaced), stopped
 * between two steps when @cancellable (nullable) is cancelled; nothing is
 * left at @path on failure. */
gboolean pos_backup_write_copy (PosStore *store, const char *path, GCancellable *cancellable, GError **error);

/*
 * Replaces the store at @store_path with the backup at @backup_path. The
 * backup is checked first (it opens, passes PRAGMA integrity_check, and has the
 * store's schema: user_version >= 1 and the shop's tables); a damaged file
 * is POS_ERROR_STORE_DAMAGED and anything else that is no store backup
 * POS_ERROR_INVALID, and then nothing is changed. Otherwise the backup is
 * copied next to the store, the current store (with its -wal) is kept as
 * <store>.before-restore-<date>-<time>, a name no earlier restore used
 * (@kept_path, nullable, receives it; NULL when there was no store), the
 * copy is renamed over the store in one step and a stale -shm is removed.
 *
 * Nothing may have the store open for writing meanwhile: while a till or a
 * command holds it (see pos-store-guard.h) the restore is POS_ERROR_BUSY
 * and changes nothing.
 */
gboolean pos_backup_restore (const char *backup_path, const char *store_path, char **kept_path,
                             GError **error);

/*
 * The steps of pos_backup_restore(), for a restore that checks more than
 * the file (app/io/pos-restore.h): the caller holds the store's exclusive
 * guard across all of them.
 *
 * pos_backup_stage() checks the backup as pos_backup_restore() does and
 * copies it to a new private file next to the store, whose path it
 * returns (transfer full); the caller may open and change that copy, then
 * either installs it with pos_backup_install() (which keeps the current
 * store as pos_backup_restore() does) or removes it with
 * pos_backup_discard(). The copy must be closed before it is installed.
 */
char *pos_backup_stage (const char *backup_path, const char *store_path, GError **error);
gboolean pos_backup_install (const char *staged_path, const char *store_path, char **kept_path,
                             GError **error);
void pos_backup_discard (const char *staged_path);

/* What a backup's manifest is called: <backup>.manifest.json. Rotation
 * removes it with its backup. */
#define POS_BACKUP_MANIFEST_SUFFIX ".manifest.json"

/* How many journal events (sales, refunds, stock moves…) the store at
 * @store_path holds beyond the newest in the backup at @backup_path, a
 * backup of that store: what restoring would take out of the live store,
 * to be found only in the replaced store it keeps. -1 when either cannot be
 * read. */
gint64 pos_backup_count_newer_events (const char *backup_path, const char *store_path);

G_END_DECLS
