/* pos-report-stock-close.c — closing stock: the stock value at an instant,
 * kept so that a valuation at a later date recounts only the products that
 * changed since (db/migrations/032-stock-close.sql, docs/ARCHITECTURE.md,
 * "Stock valued at a date").
 *
 * Parameters shared by the statements below: ?1 the instant valued (UTC),
 * ?2 the shop, ?3 the close started from (0: none), ?4–?6 its first_move,
 * first_cost and first_edit (0: every row).
 */
#include "pos-report.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-money.h"
#include "pos-report-private.h"
#include "pos-stock-shop.h"

/* Every product that may have changed between the close and ?1 (a move or
 * cost from before ?1 that the close may not hold, or a cost edited in
 * place), with its level and cost at ?1 worked out as the full valuation
 * (pos-report-stock-value.c) does. Moves made after ?1 change nothing at ?1,
 * so a day valued while the shop sells on recounts that day's products.
 *
 * A product's level at ?1 is its level now (the stock ledger's running
 * row) less its moves made at or after ?1. This shop's moves made at or
 * after ?1 all have ids from the close's first_move on (as the moves that
 * make `touched` do), so the lowest of them bounds a search of the
 * ledger's key (product, shop, move) to the last hours' moves instead of
 * the product's whole history; stock_move has no index by product. */
#define LATER_SQL                                                                                            \
  "WITH touched (product_id) AS ("                                                                           \
  "  SELECT product_id FROM stock_move WHERE id >= ?4 AND shop_id = ?2 AND created_at < ?1"                  \
  "  UNION SELECT product_id FROM cost_change WHERE id >= ?5 AND changed_at < ?1"                            \
  "  UNION SELECT product_id FROM product_cost_edit WHERE id >= ?6),"                                        \
  " later (product_id, qty, unit_cost) AS (SELECT t.product_id, coalesce ("                                  \
  "  (SELECT n.qty FROM stock_ledger n WHERE n.product_id = t.product_id AND n.shop_id = ?2"                 \
  "   AND n.move_id = " POS_STOCK_LEVEL_KEY ") - coalesce ("                                                 \
  "  (SELECT sum (g.qty) FROM stock_ledger g JOIN stock_move m ON m.id = g.move_id"                          \
  "   WHERE g.product_id = t.product_id AND g.shop_id = ?2 AND g.move_id >= (SELECT min (x.id)"              \
  "   FROM stock_move x WHERE x.id >= ?4 AND x.created_at >= ?1 AND x.shop_id = ?2)"                         \
  "   AND g.move_id < " POS_STOCK_LEVEL_KEY " AND m.created_at >= ?1), 0), 0), coalesce ("                   \
  "  (SELECT c.cost FROM cost_change c WHERE c.product_id = t.product_id AND c.changed_at < ?1"              \
  "   ORDER BY c.changed_at DESC, c.id DESC LIMIT 1),"                                                       \
  "  (SELECT p.cost FROM product p WHERE p.id = t.product_id)) FROM touched t)"

/* The same products as the close (or an earlier one) left them. */
#define EARLIER_SQL                                                                                          \
  ", earlier (qty, unit_cost) AS (SELECT l.qty, l.unit_cost FROM touched t JOIN stock_close_line l"          \
  "  ON l.shop_id = ?2 AND l.product_id = t.product_id AND l.close_id = (SELECT max (x.close_id)"            \
  "  FROM stock_close_line x WHERE x.shop_id = ?2 AND x.product_id = t.product_id AND x.close_id <= ?3))"

/* A product's share of the value, rounded as the full valuation rounds it. */
#define WORTH "CASE WHEN qty > 0 AND unit_cost IS NOT NULL THEN (qty * unit_cost + 500) / 1000 ELSE 0 END"
#define UNCOSTED "(qty > 0 AND unit_cost IS NULL)"

/* What the changed products add to the close's value and uncosted count. */
static const char delta_sql[]
    = LATER_SQL EARLIER_SQL " SELECT coalesce (sum (v), 0), coalesce (sum (u), 0) FROM ("
                            "  SELECT " WORTH " AS v, " UNCOSTED " AS u FROM later"
                            "  UNION ALL SELECT -(" WORTH "), -" UNCOSTED " FROM earlier)";

/* A new close's lines: the changed products as they stand at ?1. */
static const char lines_sql[]
    = LATER_SQL " INSERT INTO stock_close_line (shop_id, product_id, close_id, qty, "
                "unit_cost) SELECT ?2, product_id, ?7, qty, unit_cost FROM later";

typedef struct
{
  gint64 id; /* 0: none, and the first_* are 0 too */
  gint64 first_move;
  gint64 first_cost;
  gint64 first_edit;
  PosAmount value;
  gint64 uncosted;
} Close;

/* This till's shop, whose stock the valuation counts. */
static char *
local_shop (PosStore *store, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT shop_id FROM local_shop", error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return pos_stmt_dup_text (stmt, 0);
}

/* The shop's latest close at or before @until (NULL: the latest of all);
 * @close stays zero when there is none. */
static gboolean
find_close (PosStore *store, const char *shop, const char *until, Close *close, GError **error)
{
  static const char sql[] = "SELECT id, first_move, first_cost, first_edit, value, uncosted FROM stock_close"
                            " WHERE shop_id = ?1 AND (?2 IS NULL OR until <= ?2) ORDER BY until DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shop, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_STATIC);
  *close = (Close){ 0 };
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    return rc == SQLITE_DONE;
  *close = (Close){ sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                    sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                    sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5) };
  return TRUE;
}

static void
bind_close (PosStmt *stmt, const char *until, const char *shop, const Close *close)
{
  sqlite3_bind_text (stmt, 1, until, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, shop, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, close->id);
  sqlite3_bind_int64 (stmt, 4, close->first_move);
  sqlite3_bind_int64 (stmt, 5, close->first_cost);
  sqlite3_bind_int64 (stmt, 6, close->first_edit);
}

/* The value at @until: @close's, plus what changed since. */
static gboolean
value_from (PosStore *store, const char *until, const char *shop, const Close *close, PosAmount *value,
            gint64 *uncosted, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, delta_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_close (stmt, until, shop, close);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return pos_store_set_error (store, rc, error, "value the stock");
  *uncosted = close->uncosted + sqlite3_column_int64 (stmt, 1);
  return pos_amount_add (close->value, sqlite3_column_int64 (stmt, 0), value, error);
}

gboolean
pos_report_stock_close_value (PosStore *store, const char *until, PosAmount *value, gint64 *uncosted,
                              gboolean *found, GError **error)
{
  g_autofree char *shop = local_shop (store, error);
  Close close;

  *found = FALSE;
  if (shop == NULL || !find_close (store, shop, until, &close, error))
    return FALSE;
  if (close.id == 0)
    return TRUE;
  *found = TRUE;
  return value_from (store, until, shop, &close, value, uncosted, error);
}

/* The lowest id of @table made at or after @until (by @column) from
 * @from on, or the next id when there is none yet: every row below it is
 * older than @until. */
static gint64
first_after (PosStore *store, const char *sql, gint64 from, const char *shop, const char *until,
             GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_STATIC);
  if (shop != NULL)
    sqlite3_bind_text (stmt, 3, shop, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* The next id of product_cost_edit: every edit from it on came later. */
static gint64
next_edit (PosStore *store, GError **error)
{
  g_autoptr (PosStmt) stmt
      = pos_store_prepare (store, "SELECT coalesce (max (id), 0) + 1 FROM product_cost_edit", error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Where the new close's recounts start; rows below the previous close's
 * firsts are older than it, so the search starts there. */
static gboolean
find_firsts (PosStore *store, const char *shop, const char *until, const Close *prev, Close *next,
             GError **error)
{
  static const char move_sql[]
      = "SELECT coalesce ((SELECT min (id) FROM stock_move WHERE id >= ?1 AND created_at >= ?2"
        " AND shop_id = ?3), (SELECT coalesce (max (id), 0) + 1 FROM stock_move))";
  static const char cost_sql[]
      = "SELECT coalesce ((SELECT min (id) FROM cost_change WHERE id >= ?1 AND changed_at >= ?2),"
        " (SELECT coalesce (max (id), 0) + 1 FROM cost_change))";

  if ((next->first_move = first_after (store, move_sql, prev->first_move, shop, until, error)) < 0
      || (next->first_cost = first_after (store, cost_sql, prev->first_cost, NULL, until, error)) < 0)
    return FALSE;
  return (next->first_edit = next_edit (store, error)) >= 0;
}

static gboolean
insert_close (PosStore *store, const char *shop, const char *until, const Close *close, GError **error)
{
  static const char sql[]
      = "INSERT INTO stock_close (id, shop_id, until, first_move, first_cost, first_edit, "
        "value, uncosted, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, close->id);
  sqlite3_bind_text (stmt, 2, shop, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, until, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, close->first_move);
  sqlite3_bind_int64 (stmt, 5, close->first_cost);
  sqlite3_bind_int64 (stmt, 6, close->first_edit);
  sqlite3_bind_int64 (stmt, 7, close->value);
  sqlite3_bind_int64 (stmt, 8, close->uncosted);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
insert_lines (PosStore *store, const char *shop, const char *until, const Close *prev, gint64 id,
              GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, lines_sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_close (stmt, until, shop, prev);
  sqlite3_bind_int64 (stmt, 7, id);
  return pos_store_step_done (store, stmt, error);
}

static gint64
next_close_id (PosStore *store, GError **error)
{
  g_autoptr (PosStmt) stmt
      = pos_store_prepare (store, "SELECT coalesce (max (id), 0) + 1 FROM stock_close", error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* Closes follow each other in time: one at or after @until holds it. */
static gboolean
has_later_close (PosStore *store, const char *shop, const char *until, gboolean *later, GError **error)
{
  static const char sql[] = "SELECT 1 FROM stock_close WHERE shop_id = ?1 AND until >= ?2 LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shop, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  *later = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The close at @until from the shop's latest one, inside a transaction. */
static gboolean
close_in_transaction (PosStore *store, const char *until, GError **error)
{
  g_autofree char *shop = local_shop (store, error);
  gboolean later = FALSE;
  Close prev, next = { 0 };

  if (shop == NULL || !has_later_close (store, shop, until, &later, error))
    return FALSE;
  if (later)
    return TRUE;
  if (!find_close (store, shop, NULL, &prev, error) || (next.id = next_close_id (store, error)) == 0
      || !value_from (store, until, shop, &prev, &next.value, &next.uncosted, error)
      || !find_firsts (store, shop, until, &prev, &next, error))
    return FALSE;
  return insert_close (store, shop, until, &next, error)
         && insert_lines (store, shop, until, &prev, next.id, error);
}

gboolean
pos_report_stock_close (PosStore *store, const char *day, GError **error)
{
  g_autofree char *until = NULL;
  gboolean own = FALSE;

  g_return_val_if_fail (store != NULL && day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_report_is_day (day))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"),
                        day),
           FALSE;
  until = pos_report_end_of_day (day);
  if (!pos_store_in_transaction (store))
    {
      if (!pos_store_begin (store, error))
        return FALSE;
      own = TRUE;
    }
  if (!close_in_transaction (store, until, error))
    {
      if (own)
        pos_store_rollback (store);
      return FALSE;
    }
  return !own || pos_store_commit (store, error);
}

/* The full sum at @until, as pos-report-stock-value.c sums it. */
static gboolean
full_value (PosStore *store, const char *until, const char *shop, PosAmount *value, gint64 *uncosted,
            GError **error)
{
  static const Close none = { 0 };

  return value_from (store, until, shop, &none, value, uncosted, error);
}

gboolean
pos_report_stock_close_verify (PosStore *store, gint64 *n_closes, GError **error)
{
  static const char sql[] = "SELECT id, until, count (*) OVER () FROM stock_close WHERE shop_id = ?1"
                            " ORDER BY until DESC LIMIT 1";
  g_autofree char *shop = NULL;
  g_autofree char *until = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  PosAmount kept = 0, summed = 0;
  gint64 kept_uncosted = 0, summed_uncosted = 0, n = 0;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((shop = local_shop (store, error)) == NULL || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shop, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    until = pos_stmt_dup_text (stmt, 1), n = sqlite3_column_int64 (stmt, 2);
  g_clear_pointer (&stmt, pos_stmt_release);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;
  /* The latest close, with what changed since at its own instant (nothing
   * but late moves), must give the sum of every move before it. */
  if (until != NULL
      && (!pos_report_stock_close_value (store, until, &kept, &kept_uncosted, &found, error)
          || !full_value (store, until, shop, &summed, &summed_uncosted, error)))
    return FALSE;
  if (kept != summed || kept_uncosted != summed_uncosted)
    return g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                        _ ("The closing stock at %s does not equal the stock moves before it"), until),
           FALSE;
  if (n_closes != NULL)
    *n_closes = n;
  return TRUE;
}
