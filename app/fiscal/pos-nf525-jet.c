/* pos-nf525-jet.c — France's signed event log (see pos-nf525-jet.h). */
#include "pos-nf525-jet.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-error.h"
#include "pos-fiscal-profile.h"
#include "pos-journal.h"
#include "pos-nf525-line.h"
#include "pos-store-private.h"
#include "pos-till-key.h"

/* The newest line's seq and hash, 0 and POS_NF525_NO_HASH before the first. */
static gboolean
jet_head (PosStore *store, const char *till_id, gint64 *seq, char **hash, GError **error)
{
  static const char sql[] = "SELECT seq, line FROM fiscal_event WHERE till_id = ?1 ORDER BY id DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  *seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *hash = rc == SQLITE_ROW ? pos_nf525_sha256 ((const char *)sqlite3_column_text (stmt, 1))
                           : g_strdup (POS_NF525_NO_HASH);
  return TRUE;
}

/* Free text in one field: "|" would split the line, a line break the file. */
static char *
escape_detail (const char *detail)
{
  return g_uri_escape_string (detail != NULL ? detail : "", " !\"#$&'()*+,-./:;<=>?@[]^_`{}~", TRUE);
}

/* Appends the line numbered after max(head, @seq_floor); the transaction holds. */
static gboolean
append_in (PosStore *store, const char *kind, const char *detail, gint64 seq_floor, GError **error)
{
  static const char sql[]
      = "INSERT INTO fiscal_event (till_id, seq, kind, occurred_at, line) VALUES (?1, ?2, ?3, ?4, ?5)";
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *prev = NULL, *text = NULL, *line = NULL, *field = escape_detail (detail);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autoptr (PosStmt) stmt = NULL;
  gint64 seq = 0;

  if (!jet_head (store, till_id, &seq, &prev, error))
    return FALSE;
  seq = MAX (seq, seq_floor) + 1;
  text = g_strdup_printf ("JET|%s|%lld|%s|%s|%s|%s", till_id, (long long)seq, kind, now, field, prev);
  if ((line = pos_nf525_sign (store, till_id, text, error)) == NULL
      || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, line, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_nf525_jet_record (PosStore *store, const char *kind, const char *detail, GError **error)
{
  g_return_val_if_fail (store != NULL && kind != NULL, FALSE);

  if (pos_fiscal_profile_get (store) != POS_FISCAL_FR_NF525)
    return TRUE;
  if (pos_store_in_transaction (store))
    return append_in (store, kind, detail, 0, error);
  /* The key first: announcing a new one is a transaction of its own. */
  if (!pos_journal_ensure_key (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!append_in (store, kind, detail, 0, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* The closing kinds, and the setting that keeps, after a restore, how many
 * of each the replaced store had made (see pos_nf525_close). */
static const char *const closing_kinds[] = { "day", "month", "year" };

/* One number from the replaced store @db (0 when it could not be opened,
 * or lacks the table): @sql with @till_id and @kind (if it has ?2) bound. */
static gint64
replaced_int (sqlite3 *db, const char *sql, const char *till_id, const char *kind)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (db != NULL && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

/* Closing numbers go on after the replaced store's, as receipt numbers do. */
static gboolean
keep_closing_floors (PosStore *store, sqlite3 *replaced, const char *till_id, GError **error)
{
  static const char sql[]
      = "SELECT count (*) FROM fiscal_receipt WHERE till_id = ?1 AND profile = 'FR-NF525' "
        "AND kind = ?2";

  for (guint i = 0; i < G_N_ELEMENTS (closing_kinds); i++)
    {
      gint64 used = replaced_int (replaced, sql, till_id, closing_kinds[i]);
      g_autofree char *key = g_strdup_printf ("nf525_closing_floor_%s", closing_kinds[i]);
      g_autofree char *value = g_strdup_printf ("%lld", (long long)used);

      if (used > 0 && !pos_store_set_setting (store, key, value, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pos_nf525_jet_record_restore (PosStore *store, const char *replaced_path, const char *backup_name,
                              GError **error)
{
  static const char seq_sql[] = "SELECT coalesce (max (seq), 0) FROM fiscal_event WHERE till_id = ?1";
  g_autofree char *till_id = pos_journal_till_id (store);
  sqlite3 *replaced = NULL;
  gboolean ok;

  if (pos_fiscal_profile_get (store) != POS_FISCAL_FR_NF525)
    return TRUE;
  if (replaced_path == NULL || !g_file_test (replaced_path, G_FILE_TEST_IS_REGULAR)
      || sqlite3_open_v2 (replaced_path, &replaced, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_clear_pointer (&replaced, sqlite3_close);
  if (!pos_journal_ensure_key (store, error) || !pos_store_begin (store, error))
    return sqlite3_close (replaced), FALSE;
  ok = keep_closing_floors (store, replaced, till_id, error)
       && append_in (store, POS_JET_RESTORE, backup_name, replaced_int (replaced, seq_sql, till_id, NULL),
                     error)
       && pos_store_commit (store, error);
  sqlite3_close (replaced);
  if (!ok && pos_store_in_transaction (store))
    pos_store_rollback (store);
  return ok;
}

static gboolean
jet_fails (GError **error, guint index, const char *seq, const char *problem)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("JET line %u (event %s): %s"), index + 1,
               seq != NULL ? seq : "?", problem);
  return FALSE;
}

gboolean
pos_nf525_jet_check_line (const char *line, guint index, GPtrArray *keys, char **prev_hash, gint64 *prev_seq,
                          GError **error)
{
  g_auto (GStrv) f = g_strsplit (line, "|", -1);
  g_autofree char *text = NULL;
  gint64 seq = 0;

  if (g_strv_length (f) != 8 || !g_str_equal (f[0], "JET")
      || !g_ascii_string_to_signed (f[2], 10, 1, G_MAXINT64, &seq, NULL))
    return jet_fails (error, index, NULL, _ ("it is not a JET line"));
  text = g_strjoinv ("|", (char *[]){ f[0], f[1], f[2], f[3], f[4], f[5], f[6], NULL });
  /* NULL: the first line of an extract, whose predecessor is not in it. */
  if (*prev_hash != NULL && !g_str_equal (f[6], *prev_hash))
    return jet_fails (error, index, f[2], _ ("it does not chain to the line before it"));
  if (*prev_hash != NULL && seq != *prev_seq + 1 && !(g_str_equal (f[3], POS_JET_RESTORE) && seq > *prev_seq))
    return jet_fails (error, index, f[2], _ ("its number does not follow the line before it"));
  if (!pos_nf525_signed_by (keys, text, f[7]))
    return jet_fails (error, index, f[2], _ ("the signature does not verify"));
  g_free (*prev_hash);
  *prev_hash = pos_nf525_sha256 (line);
  *prev_seq = seq;
  return TRUE;
}

gboolean
pos_nf525_jet_verify (PosStore *store, guint *count, GError **error)
{
  static const char sql[] = "SELECT line FROM fiscal_event WHERE till_id = ?1 ORDER BY id";
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autoptr (GHashTable) keys = pos_till_key_load_public (store, error);
  g_autoptr (PosStmt) stmt = keys ? pos_store_prepare (store, sql, error) : NULL;
  g_autofree char *prev = g_strdup (POS_NF525_NO_HASH);
  gint64 seq = 0;
  guint n = 0;
  int rc = SQLITE_DONE;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  while (ok && (rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    ok = pos_nf525_jet_check_line ((const char *)sqlite3_column_text (stmt, 0), n++,
                                   g_hash_table_lookup (keys, till_id), &prev, &seq, error);
  if (count != NULL)
    *count = n;
  return ok && rc == SQLITE_DONE;
}
