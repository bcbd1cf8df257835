/* pos-stock.c — stock moves, levels and the actions that change them (see pos-stock.h).
 *
 * Every action validates everything it can before writing, takes its journal
 * event's id, writes the moves carrying that id, then appends the event with
 * the digests of those moves (pos-event-rows.h) and finishes with an audit
 * row. Any failure rolls the whole action back.
 */
#include "pos-stock.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-batch.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-cost.h"
#include "pos-event-rows.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-stock-shop.h"
#include "pos-store-private.h"

static const char *const reason_names[] = {
  [POS_STOCK_SALE] = "sale",         [POS_STOCK_REFUND] = "refund", [POS_STOCK_RECEIVE] = "receive",
  [POS_STOCK_ADJUST] = "adjust",     [POS_STOCK_COUNT] = "count",   [POS_STOCK_WASTE] = "waste",
  [POS_STOCK_TRANSFER] = "transfer",
};

void
pos_stock_row_free (PosStockRow *row)
{
  if (row == NULL)
    return;
  g_free (row->sku);
  g_free (row->name);
  g_free (row);
}

void
pos_stock_move_free (PosStockMove *move)
{
  if (move == NULL)
    return;
  g_free (move->reference);
  g_free (move->till_id);
  g_free (move->created_at);
  g_free (move->event_id);
  g_free (move);
}

const char *
pos_stock_reason_to_string (PosStockReason reason)
{
  g_return_val_if_fail ((guint)reason < G_N_ELEMENTS (reason_names), NULL);
  return reason_names[reason];
}

gboolean
pos_stock_reason_parse (const char *text, PosStockReason *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    if (g_strcmp0 (text, reason_names[i]) == 0)
      {
        *out = (PosStockReason)i;
        return TRUE;
      }
  return FALSE;
}

/* The level after adding @delta, or POS_ERROR_OVERFLOW: the trigger that
 * keeps the level in @shop_id would otherwise fail with an obscure type
 * error. */
static gboolean
check_new_level (PosStore *store, const char *shop_id, gint64 product_id, PosQty delta, GError **error)
{
  PosQty level = 0;
  PosQty sum;

  if (!pos_stock_shop_level (store, shop_id, product_id, &level, error))
    return FALSE;
  if (__builtin_add_overflow (level, delta, &sum))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW,
                   _ ("The stock of product %lld would leave the range a quantity can have"),
                   (long long)product_id);
      return FALSE;
    }
  return TRUE;
}

/* Refuses a move that makes no sense for its reason. Sales and refunds are
 * not checked for sign: checkout owns those rules. */
static gboolean
check_move (PosQty delta, PosStockReason reason, GError **error)
{
  if (delta == 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A stock move needs a quantity other than 0"));
      return FALSE;
    }
  if (reason == POS_STOCK_RECEIVE && delta < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A received quantity must be more than 0"));
      return FALSE;
    }
  if (reason == POS_STOCK_WASTE && delta > 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("Waste takes stock away: its quantity must be negative"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_move (PosStore *store, const char *shop_id, gint64 product_id, PosQty delta, PosStockReason reason,
             const char *reference, gint64 sale_id, gint64 user_id, const char *event_id, GError **error)
{
  static const char sql[] = "INSERT INTO stock_move (product_id, qty, reason, reference, sale_id, user_id, "
                            "till_id, created_at, event_id, shop_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 10, shop_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, delta);
  sqlite3_bind_text (stmt, 3, reason_names[reason], -1, SQLITE_STATIC);
  pos_stmt_bind_text_or_null (stmt, 4, reference);
  pos_stmt_bind_int64_or_null (stmt, 5, sale_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 6, user_id, 0);
  sqlite3_bind_text (stmt, 7, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  pos_stmt_bind_text_or_null (stmt, 9, event_id);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_stock_record_move_with_event (PosStore *store, gint64 product_id, PosQty qty_delta, PosStockReason reason,
                                  const char *reference, gint64 sale_id, gint64 user_id, const char *event_id,
                                  GError **error)
{
  g_autofree char *sku = NULL;
  g_autofree char *shop_id = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail ((guint)reason < G_N_ELEMENTS (reason_names), FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_move (qty_delta, reason, error))
    return FALSE;
  sku = pos_catalog_dup_sku (store, product_id, error);
  if (sku == NULL)
    return FALSE;
  shop_id = pos_stock_shop_of_event (store, event_id, error);
  if (shop_id == NULL || !check_new_level (store, shop_id, product_id, qty_delta, error))
    return FALSE;
  return insert_move (store, shop_id, product_id, qty_delta, reason, reference, sale_id, user_id, event_id,
                      error);
}

gboolean
pos_stock_record_move (PosStore *store, gint64 product_id, PosQty qty_delta, PosStockReason reason,
                       const char *reference, gint64 sale_id, gint64 user_id, GError **error)
{
  return pos_stock_record_move_with_event (store, product_id, qty_delta, reason, reference, sale_id, user_id,
                                           NULL, error);
}

PosQty
pos_stock_level (PosStore *store, gint64 product_id)
{
  static const char sql[] = "SELECT qty FROM stock_level WHERE product_id = ?1";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, 0);

  stmt = pos_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

/* Actions ---------------------------------------------------------------- */

/* The common head of a payload: who did it and with what reference. */
static JsonObject *
payload_new (const PosUser *user, const PosUser *approver, const char *reference)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "user", user->name);
  pos_json_set_nullable_string (payload, "approver", approver ? approver->name : NULL);
  pos_json_set_nullable_string (payload, "reference", reference);
  return payload;
}

/* Appends the action's journal event @event_id, listing the moves written
 * after @moves_after, and its audit row (whose detail is the event's
 * payload). */
static gboolean
journal_and_audit (PosStore *store, const PosUser *user, const PosUser *approver, const char *type,
                   const char *audit_action, const char *event_id, gint64 moves_after, JsonObject *payload,
                   GError **error)
{
  return pos_event_rows_add_event_rows (store, payload, event_id, moves_after, G_MAXINT64, error)
         && pos_audit_record_event (store, user, approver, audit_action, 0, type, event_id, payload, NULL,
                                    error);
}

/* Runs @body between BEGIN and COMMIT, rolling back when it fails. */
typedef gboolean (*ActionBody) (PosStore *store, gconstpointer data, GError **error);

static gboolean
run_action (PosStore *store, ActionBody body, gconstpointer data, GError **error)
{
  if (!pos_store_require_healthy (store, error))
    return FALSE;
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!body (store, data, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

typedef struct
{
  const PosUser *user;
  const PosUser *approver;
  gint64 supplier_id;
  gint64 product_id;
  PosQty delta;
  PosStockReason reason;
  const char *reference;
  const PosStockItem *items;
  gsize n_items;
} StockAction;

static char *
supplier_name (PosStore *store, gint64 supplier_id, GError **error)
{
  static const char sql[] = "SELECT name FROM supplier WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    return pos_stmt_dup_text (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier with id %lld"),
                 (long long)supplier_id);
  return NULL;
}

/* Checks the delivery's lines and describes them for the journal. */
static JsonArray *
receive_lines (PosStore *store, const StockAction *a, GError **error)
{
  g_autoptr (JsonArray) lines = json_array_new ();

  for (gsize i = 0; i < a->n_items; i++)
    {
      const PosStockItem *item = &a->items[i];
      g_autofree char *sku = NULL;
      JsonObject *line;

      if (item->qty <= 0)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("Line %zu: a received quantity must be more than 0"), i + 1);
          return NULL;
        }
      if (!pos_qty_check_sane (item->qty, "A received quantity", error))
        {
          g_prefix_error (error, _ ("Line %zu: "), i + 1);
          return NULL;
        }
      if (item->unit_cost < -1)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Line %zu: a cost cannot be negative"), i + 1);
          return NULL;
        }
      if (!pos_batch_check (item->batch, item->expiry, error))
        {
          g_prefix_error (error, "Line %" G_GSIZE_FORMAT ": ", i + 1);
          return NULL;
        }
      sku = pos_catalog_dup_sku (store, item->product_id, error);
      if (sku == NULL)
        return NULL;
      line = json_object_new ();
      json_object_set_string_member (line, "sku", sku);
      json_object_set_int_member (line, "qty", item->qty);
      if (item->unit_cost >= 0)
        json_object_set_int_member (line, "unit_cost", item->unit_cost);
      if (item->batch != NULL)
        json_object_set_string_member (line, "batch", item->batch);
      if (item->expiry != NULL)
        json_object_set_string_member (line, "expiry", item->expiry);
      json_array_add_object_element (lines, line);
    }
  return g_steal_pointer (&lines);
}

static gboolean
receive_body (PosStore *store, gconstpointer data, GError **error)
{
  const StockAction *a = data;
  g_autoptr (JsonObject) payload = payload_new (a->user, NULL, a->reference);
  g_autofree char *supplier = NULL;
  g_autofree char *event_id = pos_journal_new_event_id ();
  gint64 moves_after = pos_event_rows_last_id (store, "stock_move");
  JsonArray *lines;

  if (a->supplier_id != 0 && (supplier = supplier_name (store, a->supplier_id, error)) == NULL)
    return FALSE;
  lines = receive_lines (store, a, error);
  if (lines == NULL)
    return FALSE;
  json_object_set_array_member (payload, "items", lines);
  pos_json_set_nullable_string (payload, "supplier", supplier);

  for (gsize i = 0; i < a->n_items; i++)
    {
      const PosStockItem *item = &a->items[i];

      PosAmount average;

      /* The cost moves before the stock does: the average weighs what was
       * on hand before this delivery (pos-cost.h). */
      if (item->unit_cost >= 0)
        {
          if (!pos_cost_receive (store, item->product_id, item->qty, item->unit_cost, &average, error))
            return FALSE;
          json_object_set_int_member (json_array_get_object_element (lines, (guint)i), "avg_cost", average);
        }
      if (!pos_stock_record_move_with_event (store, item->product_id, item->qty, POS_STOCK_RECEIVE,
                                             a->reference, 0, a->user->id, event_id, error)
          || !pos_batch_record (store, item->product_id, item->qty, item->batch, item->expiry, a->reference,
                                event_id, error))
        return FALSE;
    }
  return journal_and_audit (store, a->user, NULL, "stock.receive", "stock_receive", event_id, moves_after,
                            payload, error);
}

gboolean
pos_stock_receive (PosStore *store, const PosUser *user, gint64 supplier_id, const char *reference,
                   const PosStockItem *items, gsize n_items, GError **error)
{
  StockAction a = {
    .user = user, .supplier_id = supplier_id, .reference = reference, .items = items, .n_items = n_items
  };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error))
    return FALSE;
  if (n_items == 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A delivery needs at least one line"));
      return FALSE;
    }
  return run_action (store, receive_body, &a, error);
}

gboolean
pos_stock_receive_within (PosStore *store, const PosUser *user, gint64 supplier_id, const char *reference,
                          const PosStockItem *items, gsize n_items, GError **error)
{
  StockAction a = {
    .user = user, .supplier_id = supplier_id, .reference = reference, .items = items, .n_items = n_items
  };

  g_return_val_if_fail (store != NULL && user != NULL && items != NULL && n_items > 0, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  return receive_body (store, &a, error);
}

static gboolean
adjust_body (PosStore *store, gconstpointer data, GError **error)
{
  const StockAction *a = data;
  g_autoptr (JsonObject) payload = payload_new (a->user, a->approver, a->reference);
  g_autofree char *sku = pos_catalog_dup_sku (store, a->product_id, error);
  g_autofree char *event_id = pos_journal_new_event_id ();
  gint64 moves_after = pos_event_rows_last_id (store, "stock_move");

  if (sku == NULL)
    return FALSE;
  json_object_set_string_member (payload, "sku", sku);
  json_object_set_int_member (payload, "qty", a->delta);
  json_object_set_string_member (payload, "reason", reason_names[a->reason]);

  if (!pos_stock_record_move_with_event (store, a->product_id, a->delta, a->reason, a->reference, 0,
                                         a->user->id, event_id, error))
    return FALSE;
  return journal_and_audit (store, a->user, a->approver, "stock.adjust", "stock_adjust", event_id,
                            moves_after, payload, error);
}

gboolean
pos_stock_adjust (PosStore *store, const PosUser *user, const PosUser *approver, gint64 product_id,
                  PosQty delta, PosStockReason reason, const char *note, GError **error)
{
  StockAction a = { .user = user,
                    .approver = approver,
                    .product_id = product_id,
                    .delta = delta,
                    .reason = reason,
                    .reference = note };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, approver, error))
    return FALSE;
  if (reason != POS_STOCK_ADJUST && reason != POS_STOCK_WASTE)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("A stock adjustment is either an adjustment or waste"));
      return FALSE;
    }
  if (!check_move (delta, reason, error) || !pos_qty_check_sane (delta, "An adjustment", error))
    return FALSE;
  return run_action (store, adjust_body, &a, error);
}

/* The differences a count reveals, one per counted product: counted −
 * level, checked for overflow. Also refuses a product counted twice. */
static gboolean
count_differences (PosStore *store, const StockAction *a, PosQty *deltas, JsonArray *lines, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (gsize i = 0; i < a->n_items; i++)
    {
      const PosStockItem *item = &a->items[i];
      g_autofree char *sku = NULL;
      JsonObject *line;

      if (item->qty < 0)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("Line %zu: a counted quantity cannot be negative"), i + 1);
          return FALSE;
        }
      if (!pos_qty_check_sane (item->qty, "A counted quantity", error))
        {
          g_prefix_error (error, _ ("Line %zu: "), i + 1);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer)&item->product_id))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Line %zu: product %lld was counted twice"),
                       i + 1, (long long)item->product_id);
          return FALSE;
        }
      sku = pos_catalog_dup_sku (store, item->product_id, error);
      if (sku == NULL)
        return FALSE;
      if (__builtin_sub_overflow (item->qty, pos_stock_level (store, item->product_id), &deltas[i]))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW,
                       _ ("Line %zu: the difference to the current stock is out of range"), i + 1);
          return FALSE;
        }
      line = json_object_new ();
      json_object_set_string_member (line, "sku", sku);
      json_object_set_int_member (line, "counted", item->qty);
      json_object_set_int_member (line, "delta", deltas[i]);
      json_array_add_object_element (lines, line);
    }
  return TRUE;
}

static gboolean
count_body (PosStore *store, gconstpointer data, GError **error)
{
  const StockAction *a = data;
  g_autoptr (JsonObject) payload = payload_new (a->user, NULL, a->reference);
  g_autofree PosQty *deltas = g_new0 (PosQty, a->n_items);
  g_autofree char *event_id = pos_journal_new_event_id ();
  gint64 moves_after = pos_event_rows_last_id (store, "stock_move");
  JsonArray *lines = json_array_new ();

  json_object_set_array_member (payload, "items", lines);
  if (!count_differences (store, a, deltas, lines, error))
    return FALSE;

  for (gsize i = 0; i < a->n_items; i++)
    if (deltas[i] != 0
        && !pos_stock_record_move_with_event (store, a->items[i].product_id, deltas[i], POS_STOCK_COUNT,
                                              a->reference, 0, a->user->id, event_id, error))
      return FALSE;
  return journal_and_audit (store, a->user, NULL, "stock.count", "stock_count", event_id, moves_after,
                            payload, error);
}

/* The moves of a stock take's differences, worked out by its caller. */
gboolean
pos_stock_count_within (PosStore *store, const PosUser *user, const PosStockCountLine *lines, gsize n,
                        const char *reference, GError **error)
{
  g_autoptr (JsonObject) payload = payload_new (user, NULL, reference);
  g_autofree char *event_id = pos_journal_new_event_id ();
  gint64 moves_after = pos_event_rows_last_id (store, "stock_move");
  JsonArray *items = json_array_new ();

  g_return_val_if_fail (store != NULL && user != NULL && (lines != NULL || n == 0), FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  json_object_set_array_member (payload, "items", items);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *sku = pos_catalog_dup_sku (store, lines[i].product_id, error);
      JsonObject *line;

      if (sku == NULL)
        return FALSE;
      line = json_object_new ();
      json_object_set_string_member (line, "sku", sku);
      json_object_set_int_member (line, "counted", lines[i].counted);
      json_object_set_int_member (line, "delta", lines[i].delta);
      json_array_add_object_element (items, line);
      if (lines[i].delta != 0
          && !pos_stock_record_move_with_event (store, lines[i].product_id, lines[i].delta, POS_STOCK_COUNT,
                                                reference, 0, user->id, event_id, error))
        return FALSE;
    }
  return journal_and_audit (store, user, NULL, "stock.count", "stock_count", event_id, moves_after, payload,
                            error);
}

gboolean
pos_stock_count (PosStore *store, const PosUser *user, const PosStockItem *counted, gsize n,
                 const char *reference, GError **error)
{
  StockAction a = { .user = user, .reference = reference, .items = counted, .n_items = n };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (counted != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("A stock count needs at least one counted product"));
      return FALSE;
    }
  return run_action (store, count_body, &a, error);
}

/* Reports ---------------------------------------------------------------- */

GPtrArray *
pos_stock_low_list (PosStore *store, guint limit, GError **error)
{
  static const char sql[]
      = "SELECT p.id, p.sku, p.name, coalesce (l.qty, 0) AS level, coalesce (p.reorder_level, 0) AS reorder "
        "FROM product p LEFT JOIN stock_level l ON l.product_id = p.id "
        "WHERE p.active = 1 AND (coalesce (l.qty, 0) < 0 "
        "  OR (p.reorder_level IS NOT NULL AND coalesce (l.qty, 0) <= p.reorder_level)) "
        "ORDER BY level - reorder, p.sku LIMIT ?1";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64)limit : -1);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_stock_row_free);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosStockRow *row = g_new0 (PosStockRow, 1);

      row->product_id = sqlite3_column_int64 (stmt, 0);
      row->sku = pos_stmt_dup_text (stmt, 1);
      row->name = pos_stmt_dup_text (stmt, 2);
      row->level = sqlite3_column_int64 (stmt, 3);
      row->reorder_level = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (rows, row);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

/* The first product (by id) whose level in a shop is not the sum of its
 * moves there: a level row that differs, or that is missing or left over. */
static gboolean
first_mismatch (PosStore *store, GError **error)
{
  static const char sql[]
      = "WITH m AS (SELECT product_id, shop_id, sum (qty) AS total FROM stock_move GROUP BY product_id, "
        "shop_id),"
        " l AS (SELECT product_id, shop_id, qty FROM stock_ledger WHERE move_id = " POS_STOCK_LEVEL_KEY ") "
        "SELECT coalesce (m.product_id, l.product_id) AS id, coalesce (p.sku, ''), coalesce (l.qty, 0), "
        "coalesce (m.total, 0) FROM m FULL JOIN l ON l.product_id = m.product_id AND l.shop_id = m.shop_id "
        "LEFT JOIN product p ON p.id = coalesce (m.product_id, l.product_id) "
        "WHERE coalesce (l.qty, 0) != coalesce (m.total, 0) ORDER BY id LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    g_set_error (
        error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
        _ ("Stock of product %lld (SKU %s) is %lld in the cache but its moves add up to %lld"),
        (long long)(gint64)sqlite3_column_int64 (stmt, 0), (const char *)sqlite3_column_text (stmt, 1),
        (long long)(gint64)sqlite3_column_int64 (stmt, 2), (long long)(gint64)sqlite3_column_int64 (stmt, 3));
  return rc == SQLITE_DONE;
}

/* Whether the ledger's move rows are the moves: as many, adding up to the
 * same, each under its own product and shop. The history, stock takes and
 * order suggestions read a product's moves through them. */
static gboolean
ledger_holds_the_moves (PosStore *store, GError **error)
{
  static const char sql[]
      = "SELECT (SELECT count (*) FROM stock_move) = (SELECT count (*) FROM stock_ledger WHERE move_id "
        "< " POS_STOCK_LEVEL_KEY
        ") AND NOT EXISTS (SELECT 1 FROM stock_move m WHERE NOT EXISTS (SELECT 1 FROM "
        "stock_ledger g WHERE g.product_id = m.product_id AND g.shop_id = m.shop_id AND g.move_id = m.id "
        "AND g.qty = m.qty))";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_int (stmt, 0))
    return TRUE;
  g_set_error_literal (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                       _ ("The stock ledger does not match the recorded stock moves"));
  return FALSE;
}

gboolean
pos_stock_verify (PosStore *store, gint64 *n_products, GError **error)
{
  static const char sql[] = "SELECT count(*) FROM product";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!first_mismatch (store, error) || !ledger_holds_the_moves (store, error))
    return FALSE;
  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (n_products != NULL)
    *n_products = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static PosStockMove *
move_from_row (PosStmt *stmt)
{
  PosStockMove *move = g_new0 (PosStockMove, 1);

  move->id = sqlite3_column_int64 (stmt, 0);
  move->product_id = sqlite3_column_int64 (stmt, 1);
  move->qty = sqlite3_column_int64 (stmt, 2);
  if (!pos_stock_reason_parse ((const char *)sqlite3_column_text (stmt, 3), &move->reason))
    g_assert_not_reached (); /* the schema's CHECK allows only known reasons */
  move->reference = pos_stmt_dup_text (stmt, 4);
  move->sale_id = sqlite3_column_int64 (stmt, 5);
  move->user_id = sqlite3_column_int64 (stmt, 6);
  move->till_id = pos_stmt_dup_text (stmt, 7);
  move->created_at = pos_stmt_dup_text (stmt, 8);
  move->event_id = pos_stmt_dup_text (stmt, 9);
  return move;
}

GPtrArray *
pos_stock_history (PosStore *store, gint64 product_id, guint limit, GError **error)
{
  /* Through the ledger, which holds a product's moves together. */
  static const char sql[]
      = "SELECT m.id, m.product_id, m.qty, m.reason, m.reference, m.sale_id, m.user_id, "
        "m.till_id, m.created_at, m.event_id FROM stock_ledger g "
        "JOIN stock_move m ON m.id = g.move_id WHERE g.product_id = ?1 AND g.move_id < " POS_STOCK_LEVEL_KEY
        " ORDER BY g.move_id DESC LIMIT ?2";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) moves = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);
  moves = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_stock_move_free);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (moves, move_from_row (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&moves) : NULL;
}

void
pos_stock_product_clear (PosStockProduct *product)
{
  g_clear_pointer (&product->sku, g_free);
  g_clear_pointer (&product->name, g_free);
  g_clear_pointer (&product->unit, g_free);
  *product = (PosStockProduct){ .reorder_level = -1 };
}

gboolean
pos_stock_product_read (PosStore *store, gint64 id, PosStockProduct *out, GError **error)
{
  static const char sql[] = "SELECT p.sku, p.name, p.unit, p.price, COALESCE (s.qty, 0), p.reorder_level, "
                            "p.active FROM product p LEFT JOIN stock_level s ON s.product_id = p.id "
                            "WHERE p.id = ?1";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  pos_stock_product_clear (out);
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No product %lld"), (long long)id);
      return FALSE;
    }
  out->sku = pos_stmt_dup_text (stmt, 0);
  out->name = pos_stmt_dup_text (stmt, 1);
  out->unit = pos_stmt_dup_text (stmt, 2);
  out->price = sqlite3_column_int64 (stmt, 3);
  out->stock = sqlite3_column_int64 (stmt, 4);
  out->reorder_level = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
  out->active = sqlite3_column_int (stmt, 6) != 0;
  return TRUE;
}

char *
pos_stock_fts_query (const char *text)
{
  g_auto (GStrv) words = NULL;
  g_autoptr (GString) query = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  words = g_strsplit_set (text, " \t\n\"", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      /* Each word quoted, so FTS5 syntax characters are plain text. */
      g_string_append_printf (query, "\"%s\"*", words[i]);
    }
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* The covering name index gives the whole catalog in order without
 * touching the table. */
static const char list_all_sql[] = "SELECT id FROM product ORDER BY name COLLATE NOCASE, id";
static const char list_search_sql[] = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
                                      "WHERE product_fts MATCH ?1 ORDER BY p.name COLLATE NOCASE, p.id";
static const char list_low_sql[]
    = "SELECT p.id FROM product p LEFT JOIN stock_level s ON s.product_id = p.id "
      "WHERE p.reorder_level IS NOT NULL AND COALESCE (s.qty, 0) <= p.reorder_level "
      "ORDER BY p.name COLLATE NOCASE, p.id";
static const char list_low_search_sql[]
    = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
      "LEFT JOIN stock_level s ON s.product_id = p.id "
      "WHERE product_fts MATCH ?1 AND p.reorder_level IS NOT NULL AND COALESCE (s.qty, 0) <= p.reorder_level "
      "ORDER BY p.name COLLATE NOCASE, p.id";

void
pos_stock_list_filter_async (PosSqlListModel *model, const char *search, gboolean low_only,
                             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *match = search != NULL ? pos_stock_fts_query (search) : NULL;
  const char *params[] = { match, NULL };
  const char *sql;

  g_return_if_fail (POS_IS_SQL_LIST_MODEL (model));

  if (match != NULL)
    sql = low_only ? list_low_search_sql : list_search_sql;
  else
    sql = low_only ? list_low_sql : list_all_sql;
  pos_sql_list_model_set_query_async (model, sql, params, cancellable, callback, user_data);
}
