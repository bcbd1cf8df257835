/* pos-cost.c — the moving average cost of receipts (see pos-cost.h). */
#include "pos-cost.h"

#include <glib/gi18n-lib.h>

#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-stock.h"
#include "pos-store-private.h"

#define POS_COST_SINCE_ALWAYS "0000-01-01T00:00:00.000Z"

PosAmount
pos_cost_moving_average (PosQty on_hand, PosAmount average, PosQty qty, PosAmount unit_cost)
{
  __int128 held = on_hand > 0 && average >= 0 ? on_hand : 0;
  __int128 den = held + qty;

  g_return_val_if_fail (qty > 0 && unit_cost >= 0, -1);

  return (PosAmount)((held * (average >= 0 ? average : 0) + (__int128)qty * unit_cost + den / 2) / den);
}

/* The product's cost now, -1 when it has none; FALSE with
 * POS_ERROR_NOT_FOUND for an unknown product. */
static gboolean
current_cost (PosStore *store, gint64 product_id, PosAmount *out, GError **error)
{
  static const char sql[] = "SELECT coalesce (cost, -1) FROM product WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no product with id %lld"),
                 (long long)product_id);
  return rc == SQLITE_ROW;
}

/* Appends one value of the product's cost, valid from @since on. */
static gboolean
record_change (PosStore *store, gint64 product_id, const char *since, PosAmount cost, GError **error)
{
  static const char sql[] = "INSERT INTO cost_change (product_id, changed_at, cost) VALUES (?1, ?2, ?3)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, cost);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
has_history (PosStore *store, gint64 product_id)
{
  static const char sql[] = "SELECT 1 FROM cost_change WHERE product_id = ?1 LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
pos_cost_set (PosStore *store, gint64 product_id, PosAmount cost, GError **error)
{
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  PosAmount before;

  g_return_val_if_fail (store != NULL && cost >= 0, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (!current_cost (store, product_id, &before, error))
    return FALSE;
  if (before == cost)
    return TRUE;
  /* The cost a product had before its first recorded change held since
   * the beginning, as far as a valuation can know. */
  if (before >= 0 && !has_history (store, product_id)
      && !record_change (store, product_id, POS_COST_SINCE_ALWAYS, before, error))
    return FALSE;
  return pos_catalog_set_cost (store, product_id, cost, error)
         && record_change (store, product_id, now, cost, error);
}

gboolean
pos_cost_receive (PosStore *store, gint64 product_id, PosQty qty, PosAmount unit_cost, PosAmount *new_cost,
                  GError **error)
{
  PosAmount average, result;

  g_return_val_if_fail (store != NULL && qty > 0 && unit_cost >= 0, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (!current_cost (store, product_id, &average, error))
    return FALSE;
  result = pos_cost_moving_average (pos_stock_level (store, product_id), average, qty, unit_cost);
  if (!pos_cost_set (store, product_id, result, error))
    return FALSE;
  if (new_cost != NULL)
    *new_cost = result;
  return TRUE;
}
