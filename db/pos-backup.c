/* pos-backup.c — online backups of the store and restoring one (see pos-backup.h). */
#include "pos-backup.h"
#include "pos-store-guard.h"
#include "pos-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Pages copied per step: 256 KiB at 4 KiB pages, small enough that a step
 * never holds the disk for long; between steps the copy pauses, so that
 * its writes come as a trickle the till's flushes can pass, not a flood
 * they queue behind (at most about 200 MiB/s: a 3 GB store in ~15 s). */
#define PAGES_PER_STEP 64
#define STEP_PAUSE_US 1000
#define BUSY_RETRY_MS 20
#define BUSY_RETRIES 500

/* Sidecar files SQLite may leave next to a database. */
static const char *const sidecars[] = { "", "-journal", "-wal", "-shm" };

static gboolean
errno_is_disk_full (int err)
{
  return err == ENOSPC || err == EDQUOT;
}

static gboolean
sqlite_is_disk_full (sqlite3 *db, int rc)
{
  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  return (rc & 0xff) == SQLITE_IOERR && db != NULL && errno_is_disk_full (sqlite3_system_errno (db));
}

/* An SQLite failure on a connection of our own (not a PosStore) as a
 * GError: a full disk gets its code whatever SQLite called it. */
static gboolean
set_sqlite_error (sqlite3 *db, int rc, const char *what, GError **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (sqlite_is_disk_full (db, rc))
    g_set_error (error, POS_ERROR, POS_ERROR_DISK_FULL,
                 "The disk is full: could not %s, nothing was kept. Free some space and try again", what);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED, "Could not %s: %s", what, detail);
  else if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Could not %s: %s", what, detail);
  else
    g_set_error (error, POS_ERROR, POS_ERROR_STORE, "Could not %s: %s", what, detail);
  return FALSE;
}

static gboolean
set_errno_error (int err, const char *what, const char *path, GError **error)
{
  g_set_error (error, POS_ERROR, errno_is_disk_full (err) ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED,
               "Could not %s %s: %s", what, path, g_strerror (err));
  return FALSE;
}

/* Removes a database file and whatever SQLite left beside it. */
static void
remove_with_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (path, sidecars[i], NULL);
      g_unlink (file);
    }
}

/* Makes a rename or a new file in @dir durable. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/*
 * Runs @pragma (PRAGMA quick_check or integrity_check) on @db. FALSE with
 * POS_ERROR_STORE_DAMAGED (or POS_ERROR_INVALID when the file is no
 * database at all) naming @label.
 */
static gboolean
run_check (sqlite3 *db, const char *pragma, const char *label, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      if (first == NULL)
        first = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "%s is not a store backup: %s", label,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  if (rc != SQLITE_DONE || g_strcmp0 (first, "ok") != 0)
    {
      if (sqlite_is_disk_full (db, rc))
        return set_sqlite_error (db, rc, "check the copy", error);
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED, "%s is damaged (%s)", label,
                   first ? first : sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
quick_check (sqlite3 *db, const char *label, GError **error)
{
  return run_check (db, "PRAGMA quick_check", label, error);
}

/* The full check: unlike quick_check it also proves every index holds
 * exactly the rows of its table, so a flipped bit in either shows. */
static gboolean
integrity_check (sqlite3 *db, const char *label, GError **error)
{
  return run_check (db, "PRAGMA integrity_check", label, error);
}

/* Opens @path read-write as a plain connection (no PosStore: no migration). */
static sqlite3 *
open_plain (const char *path, int flags, GError **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf ("open %s", path);
      set_sqlite_error (db, rc, what, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  return db;
}

/*
 * Copies @src into the empty database @dest with the backup API, a chunk
 * of pages per step. The caller holds a read transaction on @src, so the
 * copy is one snapshot and writers on other connections never make it
 * start over.
 */
static gboolean
copy_pages (sqlite3 *src, sqlite3 *dest, GCancellable *cancellable, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  guint busy = 0;
  int rc;

  if (backup == NULL)
    return set_sqlite_error (dest, sqlite3_extended_errcode (dest), "start the copy", error);
  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < BUSY_RETRIES)
        {
          sqlite3_sleep (BUSY_RETRY_MS);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_OK)
        g_usleep (STEP_PAUSE_US);
    }
  while (rc == SQLITE_OK && !g_cancellable_is_cancelled (cancellable));
  sqlite3_backup_finish (backup);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    return set_sqlite_error (dest, sqlite3_extended_errcode (dest) ? sqlite3_extended_errcode (dest) : rc,
                             "copy the store", error);
  return TRUE;
}

/* Copies the store into @tmp_path and checks the copy. */
static gboolean
write_copy (PosStore *store, const char *tmp_path, GCancellable *cancellable, GError **error)
{
  sqlite3 *src = pos_store_db (store);
  sqlite3 *dest;
  gboolean ok;
  int rc;

  if ((dest = open_plain (tmp_path, SQLITE_OPEN_READWRITE, error)) == NULL)
    return FALSE;
  /* The read transaction pins one snapshot for the whole copy. */
  rc = sqlite3_exec (src, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    ok = set_sqlite_error (src, rc, "read the store", error);
  else
    ok = copy_pages (src, dest, cancellable, error);
  if (!sqlite3_get_autocommit (src))
    sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  if (ok && (rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK)
    ok = set_sqlite_error (dest, rc, "finish the copy", error);
  if (ok)
    ok = quick_check (dest, "The new backup", error);
  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    ok = set_sqlite_error (NULL, rc, "close the copy", error);
  return ok;
}

/* Creates @path 0600 before SQLite touches it, so the copy of customers'
 * details is never readable by others, not even for a moment. */
static gboolean
create_private (const char *path, GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    return set_errno_error (errno, "create", path, error);
  close (fd);
  return TRUE;
}

typedef struct
{
  char *name;
  guint counter;  /* 1 for "store-STAMP.db", n for "store-STAMP-n.db" */
  char *sort_key; /* stamp then a zero-padded counter: sorts in time order */
} BackupFile;

static void
backup_file_free (gpointer data)
{
  BackupFile *file = data;

  g_free (file->name);
  g_free (file->sort_key);
  g_free (file);
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const BackupFile *x = *(BackupFile *const *)a;
  const BackupFile *y = *(BackupFile *const *)b;

  return -strcmp (x->sort_key, y->sort_key);
}

/* The backups in @folder, newest first. */
static GPtrArray *
list_backups (const char *folder, GError **error)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr (GRegex) pattern
      = g_regex_new ("^store-([0-9]{8}-[0-9]{6})(?:-([0-9]{1,9}))?\\.db(?:\\.enc)?$", 0, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (backup_file_free);
  const char *name;

  if (dir == NULL)
    return g_ptr_array_unref (files), NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *stamp = NULL;
      g_autofree char *counter = NULL;
      BackupFile *file;

      if (!g_regex_match (pattern, name, 0, &match))
        continue;
      stamp = g_match_info_fetch (match, 1);
      counter = g_match_info_fetch (match, 2);
      file = g_new0 (BackupFile, 1);
      file->name = g_strdup (name);
      file->counter = counter && *counter ? (guint)g_ascii_strtoull (counter, NULL, 10) : 1u;
      file->sort_key = g_strdup_printf ("%s-%09u", stamp, file->counter);
      g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, newest_first);
  return files;
}

/* "store-20261128-091502.db"; when backups of that second exist already,
 * "-2.db", "-3.db"… numbered after the highest, so the new one always
 * sorts as the newest (even when rotation removed the lower numbers). */
static char *
new_backup_path (const char *folder, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autoptr (GPtrArray) files = list_backups (folder, error);
  g_autofree char *name = NULL;
  guint last = 0;

  if (files == NULL)
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      BackupFile *file = g_ptr_array_index (files, i);
      if (g_str_has_prefix (file->sort_key, stamp))
        last = MAX (last, file->counter);
    }
  if (last == 0)
    name = g_strdup_printf ("store-%s.db", stamp);
  else
    name = g_strdup_printf ("store-%s-%u.db", stamp, last + 1);
  return g_build_filename (folder, name, NULL);
}

/* Keeps the newest @keep backups in @folder and removes the others. */
static gboolean
rotate (const char *folder, guint keep, GError **error)
{
  g_autoptr (GPtrArray) files = NULL;

  if (keep == 0)
    return TRUE;
  if ((files = list_backups (folder, error)) == NULL)
    return FALSE;
  for (guint i = keep; i < files->len; i++)
    {
      BackupFile *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (folder, file->name, NULL);
      g_autofree char *manifest = g_strconcat (path, POS_BACKUP_MANIFEST_SUFFIX, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        return set_errno_error (errno, "remove the old backup", path, error);
      g_unlink (manifest);
    }
  return TRUE;
}

gboolean
pos_backup_write_copy (PosStore *store, const char *path, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL && path != NULL, FALSE);
  g_return_val_if_fail (!pos_store_in_transaction (store), FALSE);

  remove_with_sidecars (path);
  if (!create_private (path, error))
    return FALSE;
  if (write_copy (store, path, cancellable, error))
    return TRUE;
  remove_with_sidecars (path);
  return FALSE;
}

gboolean
pos_backup_to_folder (PosStore *store, const char *folder, guint keep, char **written_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *tmp_name = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (!pos_store_in_transaction (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return set_errno_error (errno, "create the backup folder", folder, error);
  if ((path = new_backup_path (folder, error)) == NULL)
    return FALSE;
  tmp_name = g_strdup_printf (".%s.partial", strrchr (path, G_DIR_SEPARATOR) + 1);
  tmp_path = g_build_filename (folder, tmp_name, NULL);
  remove_with_sidecars (tmp_path);
  if (!create_private (tmp_path, error))
    return FALSE;
  if (!write_copy (store, tmp_path, NULL, error))
    {
      remove_with_sidecars (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int err = errno;
      remove_with_sidecars (tmp_path);
      return set_errno_error (err, "name the backup", path, error);
    }
  sync_dir (folder);
  if (!rotate (folder, keep, error))
    return FALSE;
  if (written_path != NULL)
    *written_path = g_steal_pointer (&path);
  return TRUE;
}

/* ---- Restore ----------------------------------------------------------- */

static gint64
query_int (sqlite3 *db, const char *sql, int *rc)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      *rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return value;
}

/* TRUE when @db is a store: our schema version and the shop's tables. */
static gboolean
check_is_store (sqlite3 *db, const char *label, GError **error)
{
  int rc;
  gint64 version = query_int (db, "PRAGMA user_version", &rc);
  gint64 tables = rc == SQLITE_OK ? query_int (db,
                                               "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                               "AND name IN ('product', 'sale', 'sale_line', 'journal')",
                                               &rc)
                                  : -1;

  if (rc != SQLITE_OK)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "%s is not a store backup: %s", label,
                   sqlite3_errmsg (db));
      return FALSE;
    }
  if (version < 1 || tables != 4)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   "%s is an SQLite file but not a store backup (no shop schema in it)", label);
      return FALSE;
    }
  return TRUE;
}

/* Opens the backup read-only and checks it is a healthy store. */
static sqlite3 *
open_checked_backup (const char *backup_path, GError **error)
{
  g_autofree char *label = g_strdup_printf ("The file %s", backup_path);
  sqlite3 *db;

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "There is no backup file %s", backup_path);
      return NULL;
    }
  if ((db = open_plain (backup_path, SQLITE_OPEN_READONLY, error)) == NULL)
    return NULL;
  if (!integrity_check (db, label, error) || !check_is_store (db, label, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Copies the checked backup to a new private file next to the store. */
static char *
copy_beside_store (sqlite3 *backup, const char *store_path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.restore-XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  sqlite3 *dest;
  gboolean ok;
  int fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    return set_errno_error (errno, "create a file in", dir, error), NULL;
  close (fd);
  if ((dest = open_plain (tmp_path, SQLITE_OPEN_READWRITE, error)) == NULL)
    {
      remove_with_sidecars (tmp_path);
      return NULL;
    }
  ok = copy_pages (backup, dest, NULL, error) && integrity_check (dest, "The restored copy", error);
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    ok = set_errno_error (EIO, "close", tmp_path, error);
  if (!ok)
    {
      remove_with_sidecars (tmp_path);
      return NULL;
    }
  return g_steal_pointer (&tmp_path);
}

/* A name for the replaced store that no earlier restore used:
 * <store>.before-restore-YYYYMMDD-HHMMSS, with -2, -3… on a clash. Every
 * replaced store is kept until the owner removes it: it may hold the only
 * copy of sales made after the backup. */
static char *
unused_keep_path (const char *store_path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *path = g_strdup_printf ("%s.before-restore-%s", store_path, stamp);

  for (int n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.before-restore-%s-%d", store_path, stamp, n);
    }
  return path;
}

/* Moves the current store (and its WAL, which may hold its latest sales)
 * aside as @before; the store file itself stays in place (hard link) so
 * there is no moment without one. */
static gboolean
keep_current_store (const char *store_path, const char *before, GError **error)
{
  g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);
  g_autofree char *before_wal = g_strconcat (before, "-wal", NULL);
  g_autofree char *shm = g_strconcat (store_path, "-shm", NULL);

  if (link (store_path, before) != 0)
    return set_errno_error (errno, "keep the current store as", before, error);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && g_rename (wal, before_wal) != 0)
    return set_errno_error (errno, "keep the current store's log as", before_wal, error);
  g_unlink (shm);
  return TRUE;
}

/* Undoes keep_current_store() when the store could not be replaced. */
static void
put_back_wal (const char *store_path, const char *before)
{
  g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);
  g_autofree char *before_wal = g_strconcat (before, "-wal", NULL);

  if (g_file_test (before_wal, G_FILE_TEST_EXISTS))
    g_rename (before_wal, wal);
}

/* How many journal rows of @db come after row @last, or -1. */
static gint64
count_events_after (sqlite3 *db, gint64 last)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM journal WHERE id > ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, last);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return count;
}

/* The store and its backup share their journal up to the backup, row ids
 * included: the store's rows past the backup's last are the newer ones. */
gint64
pos_backup_count_newer_events (const char *backup_path, const char *store_path)
{
  sqlite3 *store, *backup;
  gint64 last = -1, count = -1;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (backup_path != NULL && store_path != NULL, -1);

  if (!g_file_test (store_path, G_FILE_TEST_IS_REGULAR) || !g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    return -1;
  if ((backup = open_plain (backup_path, SQLITE_OPEN_READONLY, NULL)) != NULL)
    last = query_int (backup, "SELECT ifnull (max (id), 0) FROM journal", &rc);
  sqlite3_close (backup);
  if (rc == SQLITE_OK && (store = open_plain (store_path, SQLITE_OPEN_READONLY, NULL)) != NULL)
    {
      count = count_events_after (store, last);
      sqlite3_close (store);
    }
  return count;
}

char *
pos_backup_stage (const char *backup_path, const char *store_path, GError **error)
{
  g_autofree char *tmp_path = NULL;
  sqlite3 *backup;

  g_return_val_if_fail (backup_path != NULL, NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((backup = open_checked_backup (backup_path, error)) == NULL)
    return NULL;
  tmp_path = copy_beside_store (backup, store_path, error);
  sqlite3_close (backup);
  return g_steal_pointer (&tmp_path);
}

void
pos_backup_discard (const char *staged_path)
{
  if (staged_path != NULL)
    remove_with_sidecars (staged_path);
}

gboolean
pos_backup_install (const char *staged_path, const char *store_path, char **kept_path, GError **error)
{
  g_autofree char *staged_wal = NULL;
  g_autofree char *staged_shm = NULL;
  g_autofree char *before = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (staged_path != NULL && store_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Only the main file moves: a log left beside the staged copy would
   * hold changes the installed store never sees. */
  staged_wal = g_strconcat (staged_path, "-wal", NULL);
  if (g_file_test (staged_wal, G_FILE_TEST_EXISTS))
    {
      pos_backup_discard (staged_path);
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "The copy to restore was still open: nothing changed");
      return FALSE;
    }
  staged_shm = g_strconcat (staged_path, "-shm", NULL);
  g_unlink (staged_shm);
  if (g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      before = unused_keep_path (store_path);
      if (!keep_current_store (store_path, before, error))
        {
          pos_backup_discard (staged_path);
          return FALSE;
        }
    }
  if (g_rename (staged_path, store_path) != 0)
    {
      int err = errno;
      pos_backup_discard (staged_path);
      if (before != NULL)
        put_back_wal (store_path, before);
      return set_errno_error (err, "put the backup in place of", store_path, error);
    }
  dir = g_path_get_dirname (store_path);
  sync_dir (dir);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&before);
  return TRUE;
}

gboolean
pos_backup_restore (const char *backup_path, const char *store_path, char **kept_path, GError **error)
{
  g_autoptr (PosStoreGuard) in_use = NULL;
  g_autofree char *tmp_path = NULL;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (store_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Held to the end: no till may open the store while it is swapped. */
  if (g_file_test (store_path, G_FILE_TEST_EXISTS)
      && (in_use = pos_store_guard_exclusive (store_path, error)) == NULL)
    return FALSE;
  if ((tmp_path = pos_backup_stage (backup_path, store_path, error)) == NULL)
    return FALSE;
  return pos_backup_install (tmp_path, store_path, kept_path, error);
}
