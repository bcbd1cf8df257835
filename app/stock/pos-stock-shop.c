/* pos-stock-shop.c — which shop a till belongs to, and stock per shop (see
 * pos-stock-shop.h). */
#include "pos-stock-shop.h"

#include <glib/gi18n-lib.h>

#include "pos-journal.h"
#include "pos-json.h"
#include "pos-store-private.h"

char *
pos_stock_shop_local (PosStore *store)
{
  g_autofree char *shop = pos_store_dup_setting (store, "shop_id");

  return shop != NULL && *shop != '\0' ? g_steal_pointer (&shop) : g_strdup (POS_STOCK_SHOP_DEFAULT);
}

gboolean
pos_stock_shop_check_id (const char *shop_id, GError **error)
{
  if (shop_id != NULL && g_regex_match_simple ("^[A-Za-z0-9_-]{1,32}$", shop_id, 0, 0))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("A shop id is 1 to 32 letters, digits, “-” or “_”: “%s” is not one"),
               shop_id ? shop_id : "");
  return FALSE;
}

static gboolean
remember_till (PosStore *store, const char *till_id, const char *shop_id, GError **error)
{
  static const char sql[] = "INSERT INTO till_shop (till_id, shop_id) VALUES (?1, ?2) "
                            "ON CONFLICT (till_id) DO UPDATE SET shop_id = excluded.shop_id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, shop_id, -1, SQLITE_TRANSIENT);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
set_within (PosStore *store, const char *shop_id, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;

  json_object_set_string_member (payload, "till_id", till_id);
  json_object_set_string_member (payload, "shop", shop_id);
  if (!pos_store_set_setting (store, "shop_id", shop_id, error)
      || !remember_till (store, till_id, shop_id, error))
    return FALSE;
  event = pos_journal_append_object (store, "till.shop", payload, error);
  return event != NULL;
}

gboolean
pos_stock_shop_set (PosStore *store, const char *shop_id, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_stock_shop_check_id (shop_id, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!set_within (store, shop_id, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

char *
pos_stock_shop_of_event (PosStore *store, const char *event_id, GError **error)
{
  /* An event already in the journal while its moves are written was
   * pulled from another till; this till's own is appended after them. */
  static const char sql[]
      = "SELECT coalesce ((SELECT CASE WHEN j.till_id IS NULL THEN NULL "
        "  ELSE coalesce ((SELECT s.shop_id FROM till_shop s WHERE s.till_id = j.till_id), 'main') END "
        "  FROM journal j WHERE j.event_id = ?1), (SELECT shop_id FROM local_shop))";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  pos_stmt_bind_text_or_null (stmt, 1, event_id);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return pos_stmt_dup_text (stmt, 0);
}

gboolean
pos_stock_shop_level (PosStore *store, const char *shop_id, gint64 product_id, PosQty *level, GError **error)
{
  static const char sql[]
      = "SELECT coalesce ((SELECT qty FROM stock_ledger WHERE product_id = ?1 AND shop_id = ?2 "
        "  AND move_id = " POS_STOCK_LEVEL_KEY "), 0)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  g_return_val_if_fail (level != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_text (stmt, 2, shop_id, -1, SQLITE_TRANSIENT);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *level = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GPtrArray *
pos_stock_shop_list (PosStore *store, GError **error)
{
  static const char sql[]
      = "SELECT shop_id FROM local_shop UNION SELECT shop_id FROM till_shop "
        "UNION SELECT from_shop FROM stock_transfer UNION SELECT to_shop FROM stock_transfer "
        "ORDER BY 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) shops = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (shops, pos_stmt_dup_text (stmt, 0));
  return rc == SQLITE_DONE ? g_steal_pointer (&shops) : NULL;
}

gboolean
pos_stock_shop_apply (PosStore *store, const char *till_id, JsonObject *body, GError **error)
{
  const char *shop_id = pos_json_get_string (body, "shop");

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (!pos_stock_shop_check_id (shop_id, error))
    return FALSE;
  return remember_till (store, till_id, shop_id, error);
}
