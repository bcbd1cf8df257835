/* pos-report-period.c — the running totals of each till's Z period.
 *
 * Triggers (db/migrations/004-report-totals.sql) add every sale, tax row
 * and payment to the period of its till that is open when it is written,
 * so an X or Z reads a few rows however busy the day was. A Z that leaves
 * out sales dated after its day moves them to the next period by summing
 * the two periods again from their rows; verify proves that every period
 * equals the sum of its rows.
 */
#include "pos-report-private.h"

#include <glib/gi18n-lib.h>

#include "pos-report.h"
#include "pos-store-private.h"

/* Drops the totals of period @number of @till_id. */
static gboolean
clear_period (PosStore *store, const char *till_id, gint64 number, GError **error)
{
  /* Parts 0–2 of till_total (migration 034): the period, its taxes and its
   * payments. A day's row (part 3) counts sales by date, not by Z, so it
   * stays where it is. */
  static const char sql[] = "DELETE FROM till_total WHERE till_id = ?1 AND number = ?2 AND part < 3";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);
  return pos_store_step_done (store, stmt, error);
}

/* The rows of the till's sales with after < id <= upto, summed as the
 * triggers sum them (z_period_of_rows and its siblings in the schema). */
#define RANGE "+s.till_id = ?1 AND s.id > ?3 AND s.id <= ?4"

static gboolean
sum_period (PosStore *store, const char *till_id, gint64 number, gint64 after, gint64 upto, GError **error)
{
  static const char *const sql[] = {
    "INSERT INTO till_total (till_id, number, part, name, first_sale, last_sale, first_day, last_day, "
    "sales, refunds, gross_sales, gross_refunds, gross, tax, discounts, rounding) "
    "SELECT ?1, ?2, 0, '', min (s.id), max (s.id), min (s.business_day), "
    "max (s.business_day), sum (s.kind = 'sale'), sum (s.kind = 'refund'), "
    "sum (CASE s.kind WHEN 'sale' THEN s.total ELSE 0 END), "
    "sum (CASE s.kind WHEN 'refund' THEN s.total ELSE 0 END), sum (s.total), sum (s.tax_total), "
    "sum (s.discount_total), sum (s.rounding) FROM sale s WHERE " RANGE " HAVING count (*) > 0",
    "INSERT INTO till_total (till_id, number, part, name, rate_bp, net, tax, gross) "
    "SELECT ?1, ?2, 1, t.tax_code, t.tax_rate_bp, sum (t.net), sum (t.tax), "
    "sum (t.gross) FROM sale s JOIN sale_tax t ON t.sale_id = s.id WHERE " RANGE
    " GROUP BY t.tax_code, t.tax_rate_bp",
    "INSERT INTO till_total (till_id, number, part, name, count, amount, points) "
    "SELECT ?1, ?2, 2, p.method, count (*), sum (p.amount), sum (p.points) "
    "FROM sale s JOIN payment p ON p.sale_id = s.id WHERE " RANGE " GROUP BY p.method",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, number);
      sqlite3_bind_int64 (stmt, 3, after);
      sqlite3_bind_int64 (stmt, 4, upto);
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The newest sale counted in period @number of @till_id, 0 when it has none. */
static gboolean
period_last_sale (PosStore *store, const char *till_id, gint64 number, gint64 *out, GError **error)
{
  static const char sql[] = "SELECT last_sale FROM z_period WHERE till_id = ?1 AND number = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/*
 * Makes period @number end at sale @upto before its Z is taken: sales of
 * the period after @upto (dated after the Z's day) go to the next period.
 * Only then are the two periods summed again from their rows, which is
 * rare; usually the period already ends at @upto and nothing is written.
 */
gboolean
pos_report_period_settle (PosStore *store, const char *till_id, gint64 number, gint64 after, gint64 upto,
                          GError **error)
{
  gint64 last = 0;

  g_assert (till_id != NULL && number >= 1 && after <= upto);
  if (!period_last_sale (store, till_id, number, &last, error))
    return FALSE;
  if (last <= upto)
    return TRUE;
  return clear_period (store, till_id, number, error) && clear_period (store, till_id, number + 1, error)
         && sum_period (store, till_id, number, after, upto, error)
         && sum_period (store, till_id, number + 1, upto, G_MAXINT64, error);
}

/* Names the first period that @sql (a DIFF below) finds differing. */
static gboolean
first_difference (PosStore *store, const char *sql, const char *what, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                 _ ("The running %s of till %s for Z %lld do not equal the sum of its records (%s)"), what,
                 (const char *)sqlite3_column_text (stmt, 0),
                 (long long)(gint64)sqlite3_column_int64 (stmt, 1),
                 (const char *)sqlite3_column_text (stmt, 2));
  return rc == SQLITE_DONE;
}

/* A row that is in one of @a and @b and not in the other; @key names it. */
#define DIFF(a, b, key)                                                                                      \
  "SELECT till_id, number, " key " FROM (SELECT * FROM " a " EXCEPT SELECT * FROM " b ") UNION ALL "         \
  "SELECT till_id, number, " key " FROM (SELECT * FROM " b " EXCEPT SELECT * FROM " a ") "                   \
  "ORDER BY 1, 2 LIMIT 1"

gboolean
pos_report_verify_totals (PosStore *store, gint64 *n_periods, GError **error)
{
  static const char count_sql[] = "SELECT count(*) FROM z_period";
  g_autoptr (PosStmt) count = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!first_difference (store, DIFF ("z_period", "z_period_of_rows", "'sales'"), "totals", error)
      || !first_difference (store, DIFF ("z_period_tax", "z_period_tax_of_rows", "'tax ' || tax_code"),
                            "tax totals", error)
      || !first_difference (store,
                            DIFF ("z_period_payment", "z_period_payment_of_rows", "'payments by ' || method"),
                            "payment totals", error))
    return FALSE;
  count = pos_store_prepare (store, count_sql, error);
  if (count == NULL || pos_store_step_row (store, count, error) != SQLITE_ROW)
    return FALSE;
  if (n_periods != NULL)
    *n_periods = sqlite3_column_int64 (count, 0);
  return TRUE;
}
