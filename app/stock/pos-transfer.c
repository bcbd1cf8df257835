/* pos-transfer.c — stock sent from one shop to another (see pos-transfer.h).
 *
 * Each side is one action in one transaction: check everything, take the
 * event's id, write the moves carrying it, then the event (listing the
 * moves' digests) and its audit row, as the other stock actions do.
 */
#include "pos-transfer.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-event-rows.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-stock-shop.h"
#include "pos-store-private.h"

void
pos_transfer_free (PosTransfer *transfer)
{
  if (transfer == NULL)
    return;
  g_free (transfer->id);
  g_free (transfer->from_shop);
  g_free (transfer->to_shop);
  g_free (transfer->created_at);
  g_free (transfer->note);
  g_free (transfer);
}

static gboolean
run_in_transaction (PosStore *store, gboolean (*body) (PosStore *, gpointer, GError **), gpointer data,
                    GError **error)
{
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!body (store, data, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* The next id of a transfer this till sends: its own sequence. */
static char *
next_id (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT count(*) FROM stock_transfer WHERE id GLOB 'TR-' || ?1 || '-*'";
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_TRANSIENT);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return g_strdup_printf ("TR-%s-%lld", till_id, (long long)sqlite3_column_int64 (stmt, 0) + 1);
}

static gboolean
insert_transfer (PosStore *store, const char *id, const char *from, const char *to, const char *note,
                 GError **error)
{
  static const char sql[] = "INSERT INTO stock_transfer (id, from_shop, to_shop, created_at, note) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  pos_stmt_bind_text_or_null (stmt, 5, note);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
insert_line (PosStore *store, const char *id, gint64 product_id, PosQty qty, GError **error)
{
  static const char sql[]
      = "INSERT INTO stock_transfer_line (transfer_id, product_id, qty) VALUES (?1, ?2, ?3)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, product_id);
  sqlite3_bind_int64 (stmt, 3, qty);
  return pos_store_step_done (store, stmt, error);
}

/* Refuses a line before anything is written: the whole transfer or nothing. */
static gboolean
check_items (const PosStockItem *items, gsize n_items, GError **error)
{
  if (n_items == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A transfer needs at least one line")), FALSE;
  for (gsize i = 0; i < n_items; i++)
    {
      if (items[i].qty <= 0 || !pos_qty_check_sane (items[i].qty, _ ("A transferred quantity"), NULL))
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("Line %u: a transferred quantity must be more than 0"), (guint)(i + 1)),
               FALSE;
      for (gsize j = 0; j < i; j++)
        if (items[j].product_id == items[i].product_id)
          return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                              _ ("Line %u: the product is already on line %u"), (guint)(i + 1),
                              (guint)(j + 1)),
                 FALSE;
    }
  return TRUE;
}

typedef struct
{
  const PosUser *user;
  const char *to_shop;
  const PosStockItem *items;
  gsize n_items;
  const char *note;
  const char *id; /* receive */
  char *sent_id;  /* send: out */
} TransferAction;

static JsonObject *
payload_new (const PosUser *user, const char *id)
{
  JsonObject *payload = json_object_new ();

  json_object_set_string_member (payload, "user", user->name);
  json_object_set_string_member (payload, "reference", id);
  return payload;
}

static gboolean
add_item (PosStore *store, JsonArray *items, gint64 product_id, PosQty qty, GError **error)
{
  g_autofree char *sku = pos_catalog_dup_sku (store, product_id, error);
  JsonObject *item;

  if (sku == NULL)
    return FALSE;
  item = json_object_new ();
  json_object_set_string_member (item, "sku", sku);
  json_object_set_int_member (item, "qty", qty);
  json_array_add_object_element (items, item);
  return TRUE;
}

/* The event @type with @payload as @event_id, covering the moves after
 * @moves_after, and its audit row. */
static gboolean
journal_and_audit (PosStore *store, const PosUser *user, const char *type, const char *event_id,
                   gint64 moves_after, JsonObject *payload, GError **error)
{
  return pos_event_rows_add_event_rows (store, payload, event_id, moves_after, G_MAXINT64, error)
         && pos_audit_record_event (store, user, NULL, type, 0, type, event_id, payload, NULL, error);
}

static gboolean
send_body (PosStore *store, gpointer data, GError **error)
{
  TransferAction *a = data;
  g_autofree char *from = pos_stock_shop_local (store);
  g_autofree char *id = next_id (store, error);
  g_autofree char *event_id = pos_journal_new_event_id ();
  g_autoptr (JsonObject) payload = NULL;
  JsonArray *items = json_array_new ();
  gint64 moves_after = pos_event_rows_last_id (store, "stock_move");

  payload = payload_new (a->user, id);
  json_object_set_array_member (payload, "items", items);
  if (id == NULL)
    return FALSE;
  if (g_str_equal (from, a->to_shop))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("This till is in shop %s already: a transfer goes to another shop"), from),
           FALSE;
  json_object_set_string_member (payload, "from_shop", from);
  json_object_set_string_member (payload, "to_shop", a->to_shop);
  pos_json_set_nullable_string (payload, "note", a->note);
  if (!insert_transfer (store, id, from, a->to_shop, a->note, error))
    return FALSE;
  for (gsize i = 0; i < a->n_items; i++)
    {
      const PosStockItem *item = &a->items[i];

      if (!add_item (store, items, item->product_id, item->qty, error)
          || !insert_line (store, id, item->product_id, item->qty, error)
          || !pos_stock_record_move_with_event (store, item->product_id, -item->qty, POS_STOCK_TRANSFER, id,
                                                0, a->user->id, event_id, error))
        return FALSE;
    }
  if (!journal_and_audit (store, a->user, "stock.transfer.sent", event_id, moves_after, payload, error))
    return FALSE;
  a->sent_id = g_steal_pointer (&id);
  return TRUE;
}

char *
pos_transfer_send (PosStore *store, const PosUser *user, const char *to_shop, const PosStockItem *items,
                   gsize n_items, const char *note, GError **error)
{
  TransferAction a = { .user = user, .to_shop = to_shop, .items = items, .n_items = n_items, .note = note };

  g_return_val_if_fail (store != NULL && user != NULL, NULL);
  g_return_val_if_fail (items != NULL || n_items == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error)
      || !pos_stock_shop_check_id (to_shop, error) || !check_items (items, n_items, error))
    return NULL;
  if (!run_in_transaction (store, send_body, &a, error))
    return NULL;
  return a.sent_id;
}

int
pos_transfer_was_received (PosStore *store, const char *id, GError **error)
{
  static const char sql[]
      = "SELECT EXISTS (SELECT 1 FROM stock_move WHERE reason = 'transfer' AND reference = ?1 AND qty > 0)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

/* The destination of transfer @id, or NULL with POS_ERROR_NOT_FOUND. */
static char *
destination (PosStore *store, const char *id, GError **error)
{
  static const char sql[] = "SELECT to_shop FROM stock_transfer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    return pos_stmt_dup_text (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND,
                 _ ("Transfer %s has not reached this till: sync, then receive it"), id);
  return NULL;
}

static gboolean
receive_lines (PosStore *store, TransferAction *a, JsonArray *items, const char *event_id, GError **error)
{
  static const char sql[] = "SELECT product_id, qty FROM stock_transfer_line WHERE transfer_id = ?1 "
                            "ORDER BY product_id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (PosStockItem));
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* Read all lines first: the moves below use the statement cache too. */
  sqlite3_bind_text (stmt, 1, a->id, -1, SQLITE_TRANSIENT);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosStockItem item = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), -1 };
      g_array_append_val (lines, item);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, pos_stmt_release);
  for (guint i = 0; i < lines->len; i++)
    {
      const PosStockItem *item = &g_array_index (lines, PosStockItem, i);

      if (!add_item (store, items, item->product_id, item->qty, error)
          || !pos_stock_record_move_with_event (store, item->product_id, item->qty, POS_STOCK_TRANSFER, a->id,
                                                0, a->user->id, event_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
receive_body (PosStore *store, gpointer data, GError **error)
{
  TransferAction *a = data;
  g_autofree char *here = pos_stock_shop_local (store);
  g_autofree char *to = destination (store, a->id, error);
  g_autofree char *event_id = pos_journal_new_event_id ();
  g_autoptr (JsonObject) payload = payload_new (a->user, a->id);
  JsonArray *items = json_array_new ();
  gint64 moves_after = pos_event_rows_last_id (store, "stock_move");
  int received;

  json_object_set_array_member (payload, "items", items);
  if (to == NULL)
    return FALSE;
  if (!g_str_equal (to, here))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("Transfer %s goes to shop %s; this till is in shop %s"), a->id, to, here),
           FALSE;
  if ((received = pos_transfer_was_received (store, a->id, error)) != 0)
    {
      if (received > 0)
        g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE, _ ("Transfer %s was received already"), a->id);
      return FALSE;
    }
  return receive_lines (store, a, items, event_id, error)
         && journal_and_audit (store, a->user, "stock.transfer.received", event_id, moves_after, payload,
                               error);
}

gboolean
pos_transfer_receive (PosStore *store, const PosUser *user, const char *id, GError **error)
{
  TransferAction a = { .user = user, .id = id };

  g_return_val_if_fail (store != NULL && user != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error))
    return FALSE;
  return run_in_transaction (store, receive_body, &a, error);
}

GPtrArray *
pos_transfer_list (PosStore *store, gboolean open_only, GError **error)
{
  static const char sql[]
      = "SELECT t.id, t.from_shop, t.to_shop, t.created_at, t.note, "
        "  (SELECT count(*) FROM stock_transfer_line l WHERE l.transfer_id = t.id), "
        "  (SELECT coalesce (sum (qty), 0) FROM stock_transfer_line l WHERE l.transfer_id = t.id), "
        "  EXISTS (SELECT 1 FROM stock_move m WHERE m.reason = 'transfer' AND m.reference = t.id AND m.qty > "
        "0) "
        "    AS received "
        "FROM stock_transfer t WHERE NOT ?1 OR NOT received ORDER BY t.created_at DESC, t.id DESC";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_transfer_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, open_only);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosTransfer *t = g_new0 (PosTransfer, 1);

      t->id = pos_stmt_dup_text (stmt, 0);
      t->from_shop = pos_stmt_dup_text (stmt, 1);
      t->to_shop = pos_stmt_dup_text (stmt, 2);
      t->created_at = pos_stmt_dup_text (stmt, 3);
      t->note = pos_stmt_dup_text (stmt, 4);
      t->n_lines = sqlite3_column_int64 (stmt, 5);
      t->qty = sqlite3_column_int64 (stmt, 6);
      t->received = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (list, t);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/* Sync ------------------------------------------------------------------------- */

static gint64
product_by_sku (PosStore *store, const char *sku, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE sku = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
  rc = pos_store_step_row (store, stmt, error);
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : rc == SQLITE_DONE ? 0 : -1;
}

/* The moves of a pulled transfer event, in the shop of the till that
 * wrote it (pos_stock_shop_of_event()); with @lines, the transfer too. */
static gboolean
apply_items (PosStore *store, const PosJournalEvent *event, JsonObject *body, int sign, gboolean lines,
             GError **error)
{
  JsonNode *node = json_object_get_member (body, "items");
  JsonArray *items = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const char *id = pos_json_get_string (body, "reference");

  if (items == NULL || id == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "The transfer lacks its id or items"), FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = pos_json_array_get_object (items, i);
      const char *sku = o ? pos_json_get_string (o, "sku") : NULL;
      PosQty qty = o ? pos_json_get_int (o, "qty", 0) : 0;
      gint64 product_id;

      if (sku == NULL || qty <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "A transfer line lacks its SKU or quantity"),
               FALSE;
      if ((product_id = product_by_sku (store, sku, error)) < 0)
        return FALSE;
      if (product_id == 0)
        continue; /* a product this till never had: nothing to count here */
      if (lines && !insert_line (store, id, product_id, qty, error))
        return FALSE;
      if (!pos_stock_record_move_with_event (store, product_id, sign * qty, POS_STOCK_TRANSFER, id, 0, 0,
                                             event->event_id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pos_transfer_apply_sent (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *id = pos_json_get_string (body, "reference");
  const char *from = pos_json_get_string (body, "from_shop");
  const char *to = pos_json_get_string (body, "to_shop");

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (id == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "The transfer lacks its id"), FALSE;
  if (!pos_stock_shop_check_id (from, error) || !pos_stock_shop_check_id (to, error))
    return FALSE;
  return insert_transfer (store, id, from, to, pos_json_get_string (body, "note"), error)
         && apply_items (store, event, body, -1, TRUE, error);
}

gboolean
pos_transfer_apply_received (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  return apply_items (store, event, body, 1, FALSE, error);
}
