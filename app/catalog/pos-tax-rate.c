/* pos-tax-rate.c — reading and writing tax rates (see pos-tax-rate.h). */
#include "pos-tax-rate.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-store-private.h"

void
pos_tax_rate_free (PosTaxRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->code);
  g_free (rate->name);
  g_free (rate);
}

/* The id of the rate with @code, 0 when there is none, -1 on error. */
static gint64
id_for_code (PosStore *store, const char *code, GError **error)
{
  static const char sql[] = "SELECT id FROM tax_rate WHERE code = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

gint64
pos_tax_rate_insert (PosStore *store, const char *code, const char *name, gint64 rate_bp,
                     gboolean keep_existing, GError **error)
{
  static const char sql[] = "INSERT INTO tax_rate (code, name, rate_bp) VALUES (?1, ?2, ?3)";
  g_autoptr (PosStmt) stmt = NULL;
  gint64 existing;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (code != NULL && name != NULL, 0);

  if (keep_existing && (existing = id_for_code (store, code, error)) != 0)
    return MAX (existing, 0);
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rate_bp);
  if (!pos_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pos_store_db (store));
}

/* Runs @sql (?1 = code, ?2 = name, ?3 = rate when it has them); with
 * @must_change, POS_ERROR_NOT_FOUND when it changed no row. */
static gboolean
write_rate (PosStore *store, const char *sql, const char *code, const char *name, gint64 rate_bp,
            gboolean must_change, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    {
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, rate_bp);
    }
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  if (must_change && sqlite3_changes (pos_store_db (store)) == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no tax rate “%s” in use"), code),
           FALSE;
  return TRUE;
}

gboolean
pos_tax_rate_update (PosStore *store, const char *code, const char *name, gint64 rate_bp, GError **error)
{
  static const char sql[] = "UPDATE tax_rate SET name = ?2, rate_bp = ?3 WHERE code = ?1 AND active = 1";

  g_return_val_if_fail (store != NULL && code != NULL && name != NULL, FALSE);
  return write_rate (store, sql, code, name, rate_bp, TRUE, error);
}

gboolean
pos_tax_rate_retire (PosStore *store, const char *code, gboolean must_be_active, GError **error)
{
  static const char sql[] = "UPDATE tax_rate SET active = 0 WHERE code = ?1 AND active = 1";

  g_return_val_if_fail (store != NULL && code != NULL, FALSE);
  return write_rate (store, sql, code, NULL, 0, must_be_active, error);
}

gboolean
pos_tax_rate_put (PosStore *store, const char *code, const char *name, gint64 rate_bp, GError **error)
{
  static const char sql[] = "INSERT INTO tax_rate (code, name, rate_bp, active) VALUES (?1, ?2, ?3, 1) "
                            "ON CONFLICT (code) DO UPDATE SET name = ?2, rate_bp = ?3, active = 1";

  g_return_val_if_fail (store != NULL && code != NULL && name != NULL, FALSE);
  return write_rate (store, sql, code, name, rate_bp, FALSE, error);
}

GPtrArray *
pos_tax_rate_list (PosStore *store, gboolean include_retired, GError **error)
{
  static const char sql[]
      = "SELECT id, code, name, rate_bp, active FROM tax_rate WHERE active = 1 OR ?1 ORDER BY code";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_tax_rate_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_retired);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosTaxRate *rate = g_new0 (PosTaxRate, 1);

      rate->id = sqlite3_column_int64 (stmt, 0);
      rate->code = pos_stmt_dup_text (stmt, 1);
      rate->name = pos_stmt_dup_text (stmt, 2);
      rate->rate_bp = sqlite3_column_int64 (stmt, 3);
      rate->active = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (rates, rate);
    }
  return rc < 0 ? NULL : g_steal_pointer (&rates);
}
