/* pos-purchase-order.c — drafting, sending, receiving and closing purchase
 * orders (see pos-purchase-order.h). Each action checks everything first
 * and writes in one transaction with its audit row. */
#include "pos-purchase-order.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-permission.h"
#include "pos-store-private.h"

void
pos_order_line_free (PosOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->sku);
  g_free (line->name);
  g_free (line->order_code);
  g_free (line);
}

void
pos_purchase_order_free (PosPurchaseOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->supplier);
  g_free (order->status);
  g_free (order->created_at);
  g_free (order->sent_at);
  g_free (order->closed_at);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_free (order);
}

/* Runs @body for @user between BEGIN and COMMIT, rolling back on failure. */
typedef gboolean (*OrderBody) (PosStore *store, const PosUser *user, gpointer data, GError **error);

static gboolean
run_action (PosStore *store, const PosUser *user, OrderBody body, gpointer data, GError **error)
{
  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error))
    return FALSE;
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!body (store, user, data, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

static gboolean
audit (PosStore *store, const PosUser *user, const char *action, gint64 id, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"order\": %" G_GINT64_FORMAT "}", id);

  return pos_audit_record (store, user, NULL, action, 0, detail, error);
}

/* Reading ------------------------------------------------------------------ */

static gboolean
read_header (PosStore *store, gint64 id, PosPurchaseOrder *order, GError **error)
{
  static const char sql[]
      = "SELECT o.id, o.supplier_id, s.name, o.status, o.created_at, o.sent_at, o.closed_at "
        "FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id WHERE o.id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no purchase order %lld"), (long long)id);
  if (rc != SQLITE_ROW)
    return FALSE;
  order->id = sqlite3_column_int64 (stmt, 0);
  order->supplier_id = sqlite3_column_int64 (stmt, 1);
  order->supplier = pos_stmt_dup_text (stmt, 2);
  order->status = pos_stmt_dup_text (stmt, 3);
  order->created_at = pos_stmt_dup_text (stmt, 4);
  order->sent_at = pos_stmt_dup_text (stmt, 5);
  order->closed_at = pos_stmt_dup_text (stmt, 6);
  return TRUE;
}

static gboolean
read_lines (PosStore *store, PosPurchaseOrder *order, GError **error)
{
  static const char sql[]
      = "SELECT l.product_id, p.sku, p.name, sp.order_code, l.qty, coalesce (l.unit_cost, -1), "
        "l.received_qty "
        "FROM purchase_order_line l JOIN product p ON p.id = l.product_id "
        "LEFT JOIN supplier_product sp ON sp.product_id = l.product_id AND sp.supplier_id = ?2 "
        "WHERE l.order_id = ?1 ORDER BY p.sku";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->id);
  sqlite3_bind_int64 (stmt, 2, order->supplier_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosOrderLine *l = g_new0 (PosOrderLine, 1);
      PosAmount value;

      l->product_id = sqlite3_column_int64 (stmt, 0);
      l->sku = pos_stmt_dup_text (stmt, 1);
      l->name = pos_stmt_dup_text (stmt, 2);
      l->order_code = pos_stmt_dup_text (stmt, 3);
      l->qty = sqlite3_column_int64 (stmt, 4);
      l->unit_cost = sqlite3_column_int64 (stmt, 5);
      l->received = sqlite3_column_int64 (stmt, 6);
      l->over_received = l->received > l->qty;
      g_ptr_array_add (order->lines, l);
      if (l->unit_cost >= 0
          && (!pos_amount_mul_qty (l->unit_cost, l->qty, &value, error)
              || !pos_amount_add (order->total, value, &order->total, error)))
        return FALSE;
    }
  return rc == SQLITE_DONE;
}

PosPurchaseOrder *
pos_purchase_order_get (PosStore *store, gint64 id, GError **error)
{
  g_autoptr (PosPurchaseOrder) order = g_new0 (PosPurchaseOrder, 1);

  g_return_val_if_fail (store != NULL, NULL);

  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_order_line_free);
  if (!read_header (store, id, order, error) || !read_lines (store, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

/* Drafting ----------------------------------------------------------------- */

typedef struct
{
  gint64 supplier_id;
  const PosStockItem *items;
  gsize n_items;
  gint64 id;
} Draft;

static gboolean
check_items (const PosStockItem *items, gsize n_items, GError **error)
{
  for (gsize i = 0; i < n_items; i++)
    {
      if (items[i].qty <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("Line %zu: an ordered quantity must be more than 0"), i + 1),
               FALSE;
      if (!pos_qty_check_sane (items[i].qty, "An ordered quantity", error))
        return FALSE;
      for (gsize j = 0; j < i; j++)
        if (items[j].product_id == items[i].product_id)
          return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                              _ ("Line %zu: the product is on line %zu already"), i + 1, j + 1),
                 FALSE;
    }
  return TRUE;
}

static gboolean
insert_header (PosStore *store, const PosUser *user, Draft *d, GError **error)
{
  static const char sql[]
      = "INSERT INTO purchase_order (supplier_id, created_at, created_by) VALUES (?1, ?2, ?3) "
        "RETURNING id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->supplier_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, user->id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    d->id = sqlite3_column_int64 (stmt, 0);
  return rc == SQLITE_ROW;
}

/* A line at its given cost, or at the supplier's price when it has none. */
static gboolean
insert_line (PosStore *store, gint64 order_id, gint64 supplier_id, const PosStockItem *item, GError **error)
{
  static const char sql[]
      = "INSERT INTO purchase_order_line (order_id, product_id, qty, unit_cost) SELECT ?1, p.id, ?3, "
        "coalesce (?4, (SELECT cost FROM supplier_product WHERE product_id = p.id AND supplier_id = ?5)) "
        "FROM product p WHERE p.id = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int64 (stmt, 2, item->product_id);
  sqlite3_bind_int64 (stmt, 3, item->qty);
  pos_stmt_bind_int64_or_null (stmt, 4, item->unit_cost, -1);
  sqlite3_bind_int64 (stmt, 5, supplier_id);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (pos_store_db (store)) == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no product with id %lld"),
                        (long long)item->product_id),
           FALSE;
  return TRUE;
}

static gboolean
supplier_exists (PosStore *store, gint64 supplier_id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT 1 FROM supplier WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, supplier_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier with id %lld"),
               (long long)supplier_id);
  return FALSE;
}

static gboolean
create_body (PosStore *store, const PosUser *user, gpointer data, GError **error)
{
  Draft *d = data;

  if (!supplier_exists (store, d->supplier_id, error) || !insert_header (store, user, d, error))
    return FALSE;
  for (gsize i = 0; i < d->n_items; i++)
    if (!insert_line (store, d->id, d->supplier_id, &d->items[i], error))
      return FALSE;
  return audit (store, user, "purchase_order_create", d->id, error);
}

gint64
pos_purchase_order_create (PosStore *store, const PosUser *user, gint64 supplier_id,
                           const PosStockItem *items, gsize n_items, GError **error)
{
  Draft d = { supplier_id, items, n_items, 0 };

  g_return_val_if_fail (store != NULL && user != NULL, 0);
  g_return_val_if_fail (items != NULL || n_items == 0, 0);

  if (n_items == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A purchase order needs at least one line")),
           0;
  if (!check_items (items, n_items, error) || !run_action (store, user, create_body, &d, error))
    return 0;
  return d.id;
}

/* Sending and closing ------------------------------------------------------ */

/* Sets order @id's status (and the time for "sent" or "closed") when it is
 * now one of @from, a comma-separated list. */
static gboolean
set_status (PosStore *store, gint64 id, const char *status, const char *from, GError **error)
{
  static const char sql[] = "UPDATE purchase_order SET status = ?2, "
                            "sent_at = CASE WHEN ?2 = 'sent' THEN coalesce (sent_at, ?3) ELSE sent_at END, "
                            "closed_at = CASE WHEN ?2 = 'closed' THEN ?3 ELSE closed_at END "
                            "WHERE id = ?1 AND instr (',' || ?4 || ',', ',' || status || ',') > 0";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, from, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* The status of order @id, NULL with POS_ERROR_NOT_FOUND. */
static char *
status_of (PosStore *store, gint64 id, GError **error)
{
  g_autoptr (PosStmt) stmt
      = pos_store_prepare (store, "SELECT status FROM purchase_order WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return pos_stmt_dup_text (stmt, 0);
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no purchase order %lld"), (long long)id);
  return NULL;
}

static gboolean
send_body (PosStore *store, const PosUser *user, gpointer data, GError **error)
{
  gint64 id = *(gint64 *)data;
  g_autofree char *status = status_of (store, id, error);

  if (status == NULL)
    return FALSE;
  if (g_str_equal (status, "closed") || g_str_equal (status, "received"))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Purchase order %lld is %s already"),
                        (long long)id, status),
           FALSE;
  return set_status (store, id, "sent", "draft", error)
         && audit (store, user, "purchase_order_send", id, error);
}

gboolean
pos_purchase_order_mark_sent (PosStore *store, const PosUser *user, gint64 id, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  return run_action (store, user, send_body, &id, error);
}

static gboolean
close_body (PosStore *store, const PosUser *user, gpointer data, GError **error)
{
  gint64 id = *(gint64 *)data;
  g_autofree char *status = status_of (store, id, error);

  if (status == NULL)
    return FALSE;
  if (g_str_equal (status, "closed"))
    return g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE, _ ("Purchase order %lld is closed already"),
                        (long long)id),
           FALSE;
  return set_status (store, id, "closed", status, error)
         && audit (store, user, "purchase_order_close", id, error);
}

gboolean
pos_purchase_order_close (PosStore *store, const PosUser *user, gint64 id, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  return run_action (store, user, close_body, &id, error);
}

/* Receiving ---------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  const PosStockItem *items;
  gsize n_items;
  const char *note;
} Receipt;

static PosOrderLine *
line_of (PosPurchaseOrder *order, gint64 product_id)
{
  for (guint i = 0; i < order->lines->len; i++)
    if (((PosOrderLine *)g_ptr_array_index (order->lines, i))->product_id == product_id)
      return g_ptr_array_index (order->lines, i);
  return NULL;
}

/* The delivery's lines at the order's prices: what was given, each checked
 * against what is still on order, or everything still on order. */
static GArray *
delivery (PosPurchaseOrder *order, const Receipt *r, GError **error)
{
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (PosStockItem));

  for (guint i = 0; r->n_items == 0 && i < order->lines->len; i++)
    {
      PosOrderLine *l = g_ptr_array_index (order->lines, i);
      PosStockItem item = { l->product_id, l->qty - l->received, l->unit_cost };

      if (item.qty > 0)
        g_array_append_val (items, item);
    }
  for (gsize i = 0; i < r->n_items; i++)
    {
      PosOrderLine *l = line_of (order, r->items[i].product_id);
      PosStockItem item = { r->items[i].product_id, r->items[i].qty, l ? l->unit_cost : -1, r->items[i].batch,
                            r->items[i].expiry };

      if (l == NULL)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("Line %zu: that product is not on purchase order %lld"), i + 1,
                            (long long)order->id),
               NULL;
      if (item.qty <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("%s: a received quantity must be more than 0"), l->sku),
               NULL;
      /* More than ordered is taken in (the goods are here) and flagged on
       * the line: received above ordered. */
      if (__builtin_add_overflow (l->received, item.qty, &l->received))
        return g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW,
                            _ ("%s: the received quantity is out of range"), l->sku),
               NULL;
      g_array_append_val (items, item);
    }
  if (items->len == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Nothing is still on order")), NULL;
  return g_steal_pointer (&items);
}

static gboolean
book_lines (PosStore *store, gint64 id, GArray *items, GError **error)
{
  static const char sql[] = "UPDATE purchase_order_line SET received_qty = received_qty + ?3 "
                            "WHERE order_id = ?1 AND product_id = ?2";

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
      PosStockItem *item = &g_array_index (items, PosStockItem, i);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, item->product_id);
      sqlite3_bind_int64 (stmt, 3, item->qty);
      if (!pos_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* "received" when every line has come, else "partly_received". */
static gboolean
update_received_status (PosStore *store, gint64 id, GError **error)
{
  static const char sql[]
      = "UPDATE purchase_order SET status = CASE WHEN EXISTS (SELECT 1 FROM purchase_order_line "
        "WHERE order_id = ?1 AND received_qty < qty) THEN 'partly_received' ELSE 'received' END WHERE id = "
        "?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
receive_body (PosStore *store, const PosUser *user, gpointer data, GError **error)
{
  const Receipt *r = data;
  g_autoptr (PosPurchaseOrder) order = pos_purchase_order_get (store, r->id, error);
  g_autoptr (GArray) items = NULL;
  g_autofree char *reference = NULL;

  if (order == NULL)
    return FALSE;
  if (g_str_equal (order->status, "closed") || g_str_equal (order->status, "received"))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Purchase order %lld is %s already"),
                        (long long)r->id, order->status),
           FALSE;
  if ((items = delivery (order, r, error)) == NULL)
    return FALSE;
  reference = r->note != NULL ? g_strdup_printf ("PO-%" G_GINT64_FORMAT " %s", r->id, r->note)
                              : g_strdup_printf ("PO-%" G_GINT64_FORMAT, r->id);
  return pos_stock_receive_within (store, user, order->supplier_id, reference, (PosStockItem *)items->data,
                                   items->len, error)
         && book_lines (store, r->id, items, error) && update_received_status (store, r->id, error)
         && audit (store, user, "purchase_order_receive", r->id, error);
}

gboolean
pos_purchase_order_receive (PosStore *store, const PosUser *user, gint64 id, const PosStockItem *items,
                            gsize n_items, const char *note, GError **error)
{
  Receipt r = { id, items, n_items, note };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  return run_action (store, user, receive_body, &r, error);
}
