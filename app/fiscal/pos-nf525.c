/* pos-nf525.c — signed perpetual grand totals and closings (see pos-nf525.h). */
#include "pos-nf525.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-error.h"
#include "pos-journal.h"
#include "pos-money.h"
#include "pos-nf525-jet.h"
#include "pos-nf525-line.h"
#include "pos-permission.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-till-key.h"

#define PROFILE "FR-NF525"

/* The hash the next line chains to, and the grand total so far. */
static gboolean
last_line (PosStore *store, const char *till_id, char **hash, gint64 *grand_total, GError **error)
{
  static const char sql[]
      = "SELECT fiscal_data, turnover FROM fiscal_receipt WHERE till_id = ?1 AND profile = "
        "?2 ORDER BY id DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  *hash = rc == SQLITE_ROW ? pos_nf525_sha256 ((const char *)sqlite3_column_text (stmt, 0))
                           : g_strdup (POS_NF525_NO_HASH);
  *grand_total = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  return TRUE;
}

typedef struct
{
  const char *kind;
  const char *id;
  const char *time;
  gint64 amount;
  gint64 sale_id;
} Line;

/* Signs and appends @line; the caller's transaction holds. */
static gboolean
append_line (PosStore *store, const char *till_id, const Line *line, gint64 grand_total, const char *prev,
             GError **error)
{
  static const char sql[]
      = "INSERT INTO fiscal_receipt (till_id, profile, kind, receipt_id, sale_id, issued_at, fiscal_data, "
        "turnover) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  g_autofree char *text
      = g_strdup_printf ("NF525|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s", till_id,
                         line->kind, line->id, line->time, line->amount, grand_total, prev);
  g_autofree char *signed_line = NULL;
  g_autoptr (PosStmt) stmt = NULL;

  if ((signed_line = pos_nf525_sign (store, till_id, text, error)) == NULL
      || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, line->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, line->id, -1, SQLITE_STATIC);
  if (line->sale_id > 0)
    sqlite3_bind_int64 (stmt, 5, line->sale_id);
  sqlite3_bind_text (stmt, 6, line->time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, signed_line, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, grand_total);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_nf525_record_sale (PosStore *store, gint64 sale_id, const char *kind, const char *receipt_no,
                       const char *created_at, gint64 total, GError **error)
{
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autofree char *prev = NULL;
  gint64 grand_total = 0;
  Line line = { g_strcmp0 (kind, "refund") == 0 ? "refund" : "sale", receipt_no, created_at, total, sale_id };

  if (!last_line (store, till_id, &prev, &grand_total, error))
    return FALSE;
  if (!pos_amount_add (grand_total, total, &grand_total, error))
    return FALSE;
  return append_line (store, till_id, &line, grand_total, prev, error);
}

/* How many closings of @kind this till has made, and the grand total at the
 * last one (0 before the first). */
static gboolean
last_closing (PosStore *store, const char *till_id, const char *kind, gint64 *count, gint64 *total,
              GError **error)
{
  static const char sql[]
      = "SELECT count(*), (SELECT turnover FROM fiscal_receipt WHERE till_id = ?1 AND profile = ?2 AND kind "
        "= ?3 "
        "ORDER BY id DESC LIMIT 1) FROM fiscal_receipt WHERE till_id = ?1 AND profile = ?2 AND kind = ?3";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *count = sqlite3_column_int64 (stmt, 0);
  *total = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* How many closings of @kind the store a restore replaced had made (set by
 * pos_nf525_jet_record_restore), so none of their numbers is given again. */
static gint64
closing_floor (PosStore *store, const char *kind)
{
  g_autofree char *key = g_strdup_printf ("nf525_closing_floor_%s", kind);
  g_autofree char *value = pos_store_dup_setting (store, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

/* A closing's id is the till, the kind's letter and its number among this
 * till's closings of that kind, so two closings in one second stay apart. */
static gboolean
close_in (PosStore *store, const char *till_id, const char *kind, char **closing_id, gint64 *period_total,
          GError **error)
{
  g_autofree char *prev = NULL, *id = NULL;
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  gint64 grand_total = 0, before = 0, count = 0;
  Line line = { kind, NULL, now, 0, 0 };

  if (!last_line (store, till_id, &prev, &grand_total, error)
      || !last_closing (store, till_id, kind, &count, &before, error))
    return FALSE;
  id = g_strdup_printf ("%s-%c%06" G_GINT64_FORMAT, till_id, g_ascii_toupper (kind[0]),
                        MAX (count, closing_floor (store, kind)) + 1);
  line.id = id;
  line.amount = grand_total - before;
  if (!append_line (store, till_id, &line, grand_total, prev, error))
    return FALSE;
  if (period_total != NULL)
    *period_total = line.amount;
  if (closing_id != NULL)
    *closing_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
pos_nf525_close (PosStore *store, const PosUser *actor, const char *kind, char **closing_id,
                 gint64 *period_total, GError **error)
{
  g_autofree char *till_id = NULL, *id = NULL;

  g_return_val_if_fail (store != NULL && kind != NULL, FALSE);
  if (!g_str_equal (kind, "day") && !g_str_equal (kind, "month") && !g_str_equal (kind, "year"))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A closing is day, month or year")), FALSE;
  if (!pos_permission_check (actor, POS_ACTION_CLOSE_DAY, NULL, error)
      || !pos_journal_ensure_key (store, error) || !pos_store_begin (store, error))
    return FALSE;
  till_id = pos_shop_setting_get (store, "till_id");
  if (!close_in (store, till_id, kind, &id, period_total, error)
      || !pos_nf525_jet_record (store, POS_JET_CLOSING, id, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  if (closing_id != NULL)
    *closing_id = g_steal_pointer (&id);
  return TRUE;
}

typedef struct
{
  GPtrArray *keys; /* this till's public keys (GBytes) */
  char *prev_hash;
  gint64 grand_total;
  gint64 at_closing[3]; /* the grand total at the last day, month, year closing */
} Walk;

static gboolean
line_fails (GError **error, guint index, const char *id, const char *problem)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("FR-NF525 line %u (%s): %s"), index + 1,
               id ? id : "?", problem);
  return FALSE;
}

static int
closing_slot (const char *kind)
{
  return g_str_equal (kind, "day")     ? 0
         : g_str_equal (kind, "month") ? 1
         : g_str_equal (kind, "year")  ? 2
                                       : -1;
}

static gboolean
check_line (Walk *walk, const char *data, guint index, GError **error)
{
  g_auto (GStrv) f = g_strsplit (data, "|", -1);
  g_autofree char *text = NULL;
  gint64 amount = 0, grand_total = 0;
  int slot;

  if (g_strv_length (f) != 9 || !g_str_equal (f[0], "NF525")
      || !g_ascii_string_to_signed (f[5], 10, G_MININT64, G_MAXINT64, &amount, NULL)
      || !g_ascii_string_to_signed (f[6], 10, G_MININT64, G_MAXINT64, &grand_total, NULL))
    return line_fails (error, index, NULL, "malformed");
  text = g_strjoinv ("|", (char *[]){ f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], NULL });
  if (!g_str_equal (f[7], walk->prev_hash))
    return line_fails (error, index, f[3], "it does not chain to the line before it");
  if (!pos_nf525_signed_by (walk->keys, text, f[8]))
    return line_fails (error, index, f[3], "the signature does not verify");
  slot = closing_slot (f[2]);
  if (slot < 0 && grand_total != walk->grand_total + amount)
    return line_fails (error, index, f[3], "the grand total does not add up");
  if (slot >= 0 && (grand_total != walk->grand_total || amount != grand_total - walk->at_closing[slot]))
    return line_fails (error, index, f[3], "the closing's totals do not add up");
  if (slot >= 0)
    walk->at_closing[slot] = grand_total;
  walk->grand_total = grand_total;
  g_free (walk->prev_hash);
  walk->prev_hash = pos_nf525_sha256 (data);
  return TRUE;
}

gboolean
pos_nf525_verify (PosStore *store, guint *count, GError **error)
{
  static const char sql[]
      = "SELECT fiscal_data FROM fiscal_receipt WHERE till_id = ?1 AND profile = ?2 ORDER "
        "BY id";
  g_autofree char *till_id = pos_shop_setting_get (store, "till_id");
  g_autoptr (GHashTable) keys = pos_till_key_load_public (store, error);
  g_autoptr (PosStmt) stmt = keys ? pos_store_prepare (store, sql, error) : NULL;
  Walk walk = { 0 };
  guint n = 0;
  int rc = SQLITE_DONE;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  walk.keys = g_hash_table_lookup (keys, till_id);
  walk.prev_hash = g_strdup (POS_NF525_NO_HASH);
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  while (ok && (rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    ok = check_line (&walk, (const char *)sqlite3_column_text (stmt, 0), n++, error);
  g_free (walk.prev_hash);
  if (count != NULL)
    *count = n;
  return ok && rc == SQLITE_DONE;
}

gboolean
pos_nf525_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt, GError **error)
{
  static const char sql[] = "SELECT f.turnover FROM fiscal_receipt f JOIN sale s ON s.id = f.sale_id WHERE "
                            "s.receipt_no = ?1 AND f.profile = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, PROFILE, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *total = pos_amount_format (sqlite3_column_int64 (stmt, 0), pos_shop_currency (store));
      pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Grand total perpétuel", total);
    }
  return rc >= 0;
}
