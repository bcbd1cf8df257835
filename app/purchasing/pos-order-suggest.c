/* pos-order-suggest.c — what to order from a supplier now, by the rule in
 * pos-purchase-order.h (docs/ARCHITECTURE.md, "Purchase orders"). */
#include "pos-purchase-order.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-stock-shop.h"
#include "pos-store-private.h"

static const char candidates_sql[]
    = "SELECT p.id, p.sku, p.name, sp.order_code, coalesce (sp.cost, p.cost, -1), p.unit, "
      "coalesce (sl.qty, 0), coalesce (p.reorder_level, 0), "
      "coalesce ((SELECT sum (l.qty - l.received_qty) FROM purchase_order_line l "
      "  JOIN purchase_order o ON o.id = l.order_id WHERE l.product_id = p.id "
      "  AND o.status IN ('draft', 'sent', 'partly_received') AND l.qty > l.received_qty), 0), "
      "coalesce ((SELECT -sum (m.qty) FROM stock_ledger g JOIN stock_move m ON m.id = g.move_id "
      "  WHERE g.product_id = p.id AND g.shop_id = (SELECT shop_id FROM local_shop) "
      "  AND g.move_id < " POS_STOCK_LEVEL_KEY
      " AND m.reason IN ('sale', 'refund') AND m.created_at >= ?2), 0) "
      "FROM supplier_product sp JOIN product p ON p.id = sp.product_id "
      "LEFT JOIN stock_level sl ON sl.product_id = p.id WHERE sp.supplier_id = ?1 AND p.active = 1 "
      "ORDER BY p.sku";

/* The supplier's lead time (0 when not known) and minimum order (-1: none). */
static gboolean
read_terms (PosStore *store, gint64 supplier_id, gint64 *lead_time, PosAmount *minimum, GError **error)
{
  static const char sql[]
      = "SELECT coalesce (lead_time_days, 0), coalesce (minimum_order, -1) FROM supplier WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier with id %lld"),
                 (long long)supplier_id);
  if (rc != SQLITE_ROW)
    return FALSE;
  *lead_time = sqlite3_column_int64 (stmt, 0);
  *minimum = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* The quantity to order for @l over @cover_days, 0 when none is needed:
 * sales cover (rounded up) plus the reorder level, less stock and what is
 * on order; whole units for products sold by the piece. */
static PosQty
needed (const PosOrderLine *l, gint64 cover_days, gboolean by_piece)
{
  PosQty sold = MAX (l->sold, 0);
  PosQty demand = (sold * cover_days + POS_ORDER_SALES_DAYS - 1) / POS_ORDER_SALES_DAYS;
  PosQty need = l->reorder_level + demand - l->level - l->on_order;

  if (need <= 0)
    return 0;
  if (by_piece)
    need = (need + POS_QTY_ONE - 1) / POS_QTY_ONE * POS_QTY_ONE;
  return need;
}

static PosOrderLine *
read_candidate (PosStmt *stmt, gint64 cover_days)
{
  PosOrderLine *l = g_new0 (PosOrderLine, 1);
  gboolean by_piece = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 5), "each") == 0;

  l->product_id = sqlite3_column_int64 (stmt, 0);
  l->sku = pos_stmt_dup_text (stmt, 1);
  l->name = pos_stmt_dup_text (stmt, 2);
  l->order_code = pos_stmt_dup_text (stmt, 3);
  l->unit_cost = sqlite3_column_int64 (stmt, 4);
  l->level = sqlite3_column_int64 (stmt, 6);
  l->reorder_level = sqlite3_column_int64 (stmt, 7);
  l->on_order = sqlite3_column_int64 (stmt, 8);
  l->sold = sqlite3_column_int64 (stmt, 9);
  l->qty = needed (l, cover_days, by_piece);
  return l;
}

GPtrArray *
pos_purchase_order_suggest (PosStore *store, gint64 supplier_id, gboolean *below_minimum, GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_order_line_free);
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *since = pos_clock_iso_utc (pos_clock_now_us () - POS_ORDER_SALES_DAYS * G_TIME_SPAN_DAY);
  gint64 lead_time;
  PosAmount minimum, value = 0;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (!read_terms (store, supplier_id, &lead_time, &minimum, error)
      || (stmt = pos_store_prepare (store, candidates_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  sqlite3_bind_text (stmt, 2, since, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosOrderLine) l = read_candidate (stmt, lead_time + POS_ORDER_REVIEW_DAYS);
      PosAmount line_value = 0;

      if (l->qty == 0)
        continue;
      if (l->unit_cost >= 0
          && (!pos_amount_mul_qty (l->unit_cost, l->qty, &line_value, error)
              || !pos_amount_add (value, line_value, &value, error)))
        return NULL;
      g_ptr_array_add (lines, g_steal_pointer (&l));
    }
  if (rc != SQLITE_DONE)
    return NULL;
  if (below_minimum != NULL)
    *below_minimum = lines->len > 0 && minimum > 0 && value < minimum;
  return g_steal_pointer (&lines);
}
