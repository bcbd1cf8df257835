/* pos-store.c — opening the shop's SQLite store and talking to it.
 *
 * Durability is the point of a till: WAL with synchronous=FULL so an
 * acknowledged sale survives a power cut, foreign keys on, a busy timeout so
 * a report running in another process never makes a sale fail, and the
 * file created 0600 because it holds customers' details.
 */
#include "pos-store-private.h"
#include "pos-store-guard.h"
#include "pos-store-vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

struct _PosStore
{
  sqlite3 *db;
  char *path;
  GHashTable *statements; /* const char *sql (by address) → sqlite3_stmt * */
  PosStoreHealth health;
  gboolean readonly;
  PosStoreGuard *guard; /* writers only */
  GError *lost;         /* set once the file was found gone: no more writes */
};

#define POS_BUSY_TIMEOUT_MS 5000

/* Creates the file ourselves so it is 0600 from its first byte: SQLite
 * would create it with the umask's default, readable by everyone. */
static gboolean
create_private_file (const char *path, GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, saved == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_STORE,
                   "Cannot create the store %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
is_empty_file (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0;
}

static PosStore *
no_store (const char *path, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND,
               "There is no store at %s (create one with “mainstreet-admin init”)", path);
  return NULL;
}

static gboolean
configure (PosStore *store, GError **error)
{
  static const char pragmas[] = "PRAGMA foreign_keys = ON;"
                                "PRAGMA synchronous = FULL;"
                                "PRAGMA temp_store = MEMORY;"
                                "PRAGMA cache_size = -16000;";

  sqlite3_busy_timeout (store->db, POS_BUSY_TIMEOUT_MS);
  if (!store->readonly && !pos_store_exec (store, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  return pos_store_exec (store, pragmas, error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Process-wide settings of SQLite, made before its first use: no count of
 * the memory it holds (nothing reads it), which would otherwise take a
 * global lock around every allocation and free of every statement. */
static void
configure_library (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* SQLITE_MISUSE when another part of the process started SQLite
       * first: it then keeps the count, which is only slower. */
      (void)sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&done, 1);
    }
}

/*
 * Opens the store at @path. With POS_STORE_OPEN_CREATE a missing file is
 * created 0600 and migrated to the current schema; an existing one is
 * always migrated forward. Unless POS_STORE_OPEN_NO_CHECK is given, the
 * store runs PRAGMA quick_check and refuses to open a damaged file; the app
 * defers the check to a worker so a big store does not delay the first scan.
 */
PosStore *
pos_store_open (const char *path, PosStoreOpenFlags flags, GError **error)
{
  g_autoptr (PosStore) store = NULL;
  int oflags = SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = g_new0 (PosStore, 1);
  store->path = g_strdup (path);
  store->readonly = (flags & POS_STORE_OPEN_READONLY) != 0;
  store->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  configure_library ();

  if (store->readonly)
    oflags |= SQLITE_OPEN_READONLY;
  else
    oflags |= SQLITE_OPEN_READWRITE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || is_empty_file (path))
    {
      /* Only init (and the app's first run) make a shop: an empty or
       * missing file elsewhere is a mistake, never a new empty shop. */
      if (!(flags & POS_STORE_OPEN_CREATE) || store->readonly)
        return no_store (path, error);
      if (!create_private_file (path, error))
        return NULL;
    }
  if (!store->readonly && (store->guard = pos_store_guard_share (path, error)) == NULL)
    return NULL;

  rc = sqlite3_open_v2 (path, &store->db, oflags, pos_store_vfs_name ());
  if (rc != SQLITE_OK)
    {
      pos_store_set_error (store, rc, error, "open the store");
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);

  if (!configure (store, error))
    return NULL;
  if (!(flags & POS_STORE_OPEN_NO_CHECK) && !pos_store_check (store, error))
    return NULL;
  if (!(flags & POS_STORE_OPEN_CREATE) && pos_store_schema_version (store) < 1)
    return no_store (path, error);
  if (!store->readonly && !pos_store_migrate (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

void
pos_store_close (PosStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->statements, g_hash_table_unref);
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  g_clear_pointer (&store->guard, pos_store_guard_release);
  g_clear_error (&store->lost);
  g_free (store->path);
  g_free (store);
}

const char *
pos_store_path (PosStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->path;
}

sqlite3 *
pos_store_db (PosStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->db;
}

/*
 * Runs PRAGMA quick_check. A damaged store is remembered so that selling
 * from it is refused (pos_store_require_healthy) with a message that says
 * to restore a backup, rather than writing more sales into a broken file.
 */
gboolean
pos_store_check (PosStore *store, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  rc = sqlite3_prepare_v2 (store->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      if (first == NULL)
        first = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE || g_strcmp0 (first, "ok") != 0)
    {
      store->health = POS_STORE_DAMAGED;
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                   "The store %s is damaged (%s); restore the latest backup with "
                   "“mainstreet-admin restore”",
                   store->path, first ? first : sqlite3_errstr (rc));
      return FALSE;
    }
  store->health = POS_STORE_HEALTHY;
  return TRUE;
}

PosStoreHealth
pos_store_health (PosStore *store)
{
  g_return_val_if_fail (store != NULL, POS_STORE_DAMAGED);
  return store->health;
}

void
pos_store_set_health (PosStore *store, PosStoreHealth health)
{
  g_return_if_fail (store != NULL);
  store->health = health;
}

/* Called before every write of a business action: runs the deferred check
 * on first use, refuses forever once the store is known to be damaged.
 * While a worker checks the file the till keeps selling: the check of a
 * big store takes many seconds. A write that meets a damaged page fails
 * on its own with SQLITE_CORRUPT and is rolled back; damage elsewhere is
 * what the check reports, and the sales taken meanwhile are whole rows
 * with their journal events, to be pushed or exported before a restore. */
gboolean
pos_store_require_healthy (PosStore *store, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);

  switch (store->health)
    {
      case POS_STORE_HEALTHY:
      case POS_STORE_CHECKING:
        return TRUE;
      case POS_STORE_UNCHECKED:
        return pos_store_check (store, error);
      case POS_STORE_DAMAGED:
      default:
        g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                     "The store %s is damaged; restore the latest backup before selling", store->path);
        return FALSE;
    }
}

/* True when the last failure was the disk filling up. SQLite reports ENOSPC
 * as SQLITE_FULL, but in WAL mode a failed write of the -wal or -shm file
 * can surface as an SQLITE_IOERR_* whose errno is the only clue. */
static gboolean
is_disk_full (PosStore *store, int rc)
{
  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  if ((rc & 0xff) == SQLITE_IOERR && store->db != NULL)
    {
      int err = sqlite3_system_errno (store->db);
      return err == ENOSPC || err == EDQUOT;
    }
  return FALSE;
}

/*
 * Turns an SQLite result code into a GError a person can act on. Always
 * returns FALSE so callers can `return pos_store_set_error (…)`.
 */
gboolean
pos_store_set_error (PosStore *store, int rc, GError **error, const char *what)
{
  const char *detail = store && store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);

  if (is_disk_full (store, rc))
    g_set_error (error, POS_ERROR, POS_ERROR_DISK_FULL,
                 "The disk is full: could not %s, nothing was saved. Free some space and try again", what);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, POS_ERROR, POS_ERROR_BUSY, "The store is busy: could not %s (%s)", what, detail);
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      if (store != NULL)
        store->health = POS_STORE_DAMAGED;
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED, "The store is damaged: could not %s (%s)", what,
                   detail);
    }
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Could not %s: %s", what, detail);
  else
    g_set_error (error, POS_ERROR, POS_ERROR_STORE, "Could not %s: %s", what, detail);
  return FALSE;
}

/*
 * Returns the cached prepared statement for @sql, preparing it once with
 * SQLITE_PREPARE_PERSISTENT. The cache is keyed by the address of @sql, so
 * pass a `static const char` statement, never a built string.
 */
PosStmt *
pos_store_prepare (PosStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (store->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf ("prepare “%.60s”", sql);
      pos_store_set_error (store, rc, error, what);
      return NULL;
    }
  g_hash_table_insert (store->statements, (gpointer)sql, stmt);
  return stmt;
}

void
pos_stmt_release (PosStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

char *
pos_stmt_dup_text (PosStmt *stmt, int column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

void
pos_stmt_bind_int64_or_null (PosStmt *stmt, int index, gint64 value, gint64 none)
{
  if (value == none)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

void
pos_stmt_bind_text_or_null (PosStmt *stmt, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Runs one or more statements that return no rows (DDL, PRAGMAs). */
gboolean
pos_store_exec (PosStore *store, const char *sql, GError **error)
{
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return pos_store_set_error (store, rc, error, "update the store");
  return TRUE;
}

gboolean
pos_store_set_cache_size (PosStore *store, gint64 size, gint64 *old, GError **error)
{
  static const char get_sql[] = "PRAGMA cache_size";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, get_sql, error);
  g_autofree char *set_sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (old != NULL)
    *old = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, pos_stmt_release);
  return pos_store_exec (store, set_sql, error);
}

/* Steps a statement that must finish without rows (INSERT, UPDATE). */
gboolean
pos_store_step_done (PosStore *store, PosStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return pos_store_set_error (store, rc, error, "save");
}

/* Steps a query: returns SQLITE_ROW, SQLITE_DONE, or -1 with @error set. */
int
pos_store_step_row (PosStore *store, PosStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  pos_store_set_error (store, rc, error, "read the store");
  return -1;
}

/* Steps one of the transaction statements, prepared once like any other:
 * a till begins and commits for every sale. */
static int
step_control (PosStore *store, const char *sql)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return sqlite3_errcode (store->db);
  return sqlite3_step (stmt);
}

/* BEGIN IMMEDIATE takes the write lock up front, so a business action
 * never fails half-way with SQLITE_BUSY after reading. */
gboolean
pos_store_begin (PosStore *store, GError **error)
{
  static const char sql[] = "BEGIN IMMEDIATE";
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (store->db), FALSE);

  if (store->lost != NULL)
    return g_propagate_error (error, g_error_copy (store->lost)), FALSE;
  rc = step_control (store, sql);
  if (rc != SQLITE_DONE)
    return pos_store_set_error (store, rc, error, "start saving");
  return TRUE;
}

gboolean
pos_store_commit (PosStore *store, GError **error)
{
  static const char sql[] = "COMMIT";
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  /* Checked before COMMIT, so what would go into a lost file is rolled
   * back and the cashier is told instead of thanked. */
  if (store->guard != NULL && store->lost == NULL)
    pos_store_guard_check (store->guard, &store->lost);
  if (store->lost != NULL)
    {
      g_propagate_error (error, g_error_copy (store->lost));
      pos_store_rollback (store);
      return FALSE;
    }
  rc = step_control (store, sql);
  if (rc != SQLITE_DONE)
    {
      pos_store_set_error (store, rc, error, "save");
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

void
pos_store_rollback (PosStore *store)
{
  g_return_if_fail (store != NULL);
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
pos_store_in_transaction (PosStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return !sqlite3_get_autocommit (store->db);
}

/* Both key/value tables (setting, sync_state) are read and written the same
 * way; @sql names the table. */
static char *
dup_value (PosStore *store, const char *sql, const char *key)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return pos_stmt_dup_text (stmt, 0);
  return NULL;
}

static gboolean
set_value (PosStore *store, const char *sql, const char *key, const char *value, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* Settings are small key/value rows (shop name, currency, tax mode…). */
char *
pos_store_dup_setting (PosStore *store, const char *key)
{
  static const char sql[] = "SELECT value FROM setting WHERE key = ?1";

  return dup_value (store, sql, key);
}

gint64
pos_store_get_setting_int (PosStore *store, const char *key, gint64 fallback)
{
  g_autofree char *text = pos_store_dup_setting (store, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

gboolean
pos_store_set_setting (PosStore *store, const char *key, const char *value, GError **error)
{
  static const char sql[] = "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

  return set_value (store, sql, key, value, error);
}

/* The state sync and the clock keep between runs (hub cursor, last HLC). */
char *
pos_store_dup_sync_state (PosStore *store, const char *key)
{
  static const char sql[] = "SELECT value FROM sync_state WHERE key = ?1";

  return dup_value (store, sql, key);
}

gboolean
pos_store_set_sync_state (PosStore *store, const char *key, const char *value, GError **error)
{
  static const char sql[] = "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

  return set_value (store, sql, key, value, error);
}
