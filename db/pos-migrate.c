/* pos-migrate.c — forward-only schema migrations.
 *
 * Migrations are numbered .sql files compiled into the binary as a
 * GResource. A store at PRAGMA user_version N gets every file numbered above
 * N, each in its own transaction together with the new user_version, so a
 * crash half-way leaves the store at a version it really has.
 */
#include "pos-store-private.h"

#include <gio/gio.h>

#define MIGRATIONS_PATH "/org/mainstreet/db/migrations"

GResource *pos_db_get_resource (void);

static PosStoreUpgradeFunc upgrade_hook;

void
pos_store_set_upgrade_hook (PosStoreUpgradeFunc func)
{
  upgrade_hook = func;
}

/* The value of a PRAGMA that answers with one integer, or -1. */
static int
pragma_int (PosStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (pos_store_db (store), sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

int
pos_store_schema_version (PosStore *store)
{
  return pragma_int (store, "PRAGMA user_version");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* Migrations run with foreign keys off, as a table rebuild needs (018):
 * dropping the old table must not cascade to the rows that point at it.
 * What they checked is checked here instead, before the migration commits. */
static gboolean
foreign_keys_hold (PosStore *store, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (pos_store_db (store), "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, "%s", sqlite3_errmsg (pos_store_db (store)));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, POS_ERROR, POS_ERROR_STORE, "a row of %s points at a missing row of %s",
                 sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
  else if (rc != SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_STORE, "%s", sqlite3_errmsg (pos_store_db (store)));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
apply (PosStore *store, const char *name, int number, GError **error)
{
  g_autofree char *path = g_build_path ("/", MIGRATIONS_PATH, name, NULL);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", number);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sql = NULL;

  bytes = g_resource_lookup_data (pos_db_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!pos_store_begin (store, error))
    return FALSE;
  if (!pos_store_exec (store, sql, error) || !foreign_keys_hold (store, error)
      || !pos_store_exec (store, set_version, error))
    {
      g_prefix_error (error, "Migration %s failed: ", name);
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* Applies the migrations above @current. A migration that drops an index
 * of a big store frees tens of thousands of pages: with secure_delete,
 * which Debian's SQLite turns on, each would be zeroed and written to the
 * log in the migration's transaction, hundreds of megabytes before the till
 * can open. What they held (index keys) is in the tables still, so they
 * are freed without being overwritten, and the log is emptied afterwards. */
static gboolean
apply_pending (PosStore *store, char **names, int current, GError **error)
{
  int secure_delete = pragma_int (store, "PRAGMA secure_delete");
  gboolean applied = FALSE, ok = TRUE;

  pos_store_exec (store, "PRAGMA secure_delete = OFF", NULL);
  pos_store_exec (store, "PRAGMA foreign_keys = OFF", NULL);
  for (guint i = 0; ok && names[i] != NULL; i++)
    {
      int number = (int)g_ascii_strtoll (names[i], NULL, 10);

      if (number <= MAX (current, 0))
        continue;
      ok = apply (store, names[i], number, error);
      applied = TRUE;
    }
  pos_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
  if (secure_delete > 0)
    pos_store_exec (store, "PRAGMA secure_delete = ON", NULL);
  if (ok && applied && current > 0)
    pos_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  return ok;
}

gboolean
pos_store_migrate (PosStore *store, GError **error)
{
  g_auto (GStrv) names = NULL;
  int current = pos_store_schema_version (store);
  int newest;

  g_return_val_if_fail (store != NULL, FALSE);

  names = g_resource_enumerate_children (pos_db_get_resource (), MIGRATIONS_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return FALSE;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  newest = names[0] != NULL ? (int)g_ascii_strtoll (names[g_strv_length (names) - 1], NULL, 10) : 0;
  if (current > newest)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE,
                   "The store was written by a newer Mainstreet (schema %d, this one knows %d)", current,
                   newest);
      return FALSE;
    }
  /* A new store has nothing to lose; an existing one is copied first, so
   * an upgrade that goes wrong can be undone with a restore. */
  if (current > 0 && current < newest && upgrade_hook != NULL
      && !upgrade_hook (store, current, newest, error))
    {
      g_prefix_error (error, "The store was not upgraded, as it could not be backed up first: ");
      return FALSE;
    }
  if (!apply_pending (store, names, current, error))
    return FALSE;
  return TRUE;
}
