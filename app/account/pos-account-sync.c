/* pos-account-sync.c — other tills' account moves, and accounts overdrawn by them (see pos-account.h). */
#include "pos-account.h"

#include <glib/gi18n-lib.h>

#include "pos-account-private.h"
#include "pos-json.h"
#include "pos-shop.h"
#include "pos-sync-apply.h"

static gint64
customer_by_uid (PosStore *store, const char *uid)
{
  static const char sql[] = "SELECT id FROM customer WHERE uid = ?1 "
                            "UNION ALL SELECT customer_id FROM customer_alias WHERE uid = ?1 LIMIT 1";
  g_autoptr (PosStmt) stmt = NULL;

  if (uid == NULL || (stmt = pos_store_prepare (store, sql, NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
apply_error (GError **error, const PosJournalEvent *event, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "account event %s: %s", event->event_id, what);
  return FALSE;
}

/*
 * A charge from another till that takes the account over its limit, and
 * no supervisor allowed it: two tills charged it while apart. The owner
 * is told by a sync alarm; the charge stands, as the goods are gone.
 */
static gboolean
alarm_if_overdrawn (PosStore *store, const PosJournalEvent *event, JsonObject *body, gint64 customer_id,
                    GError **error)
{
  g_autoptr (PosAccount) account = pos_account_get (store, customer_id, NULL);
  g_autofree char *subject = NULL, *over = NULL, *message = NULL;
  const char *receipt = pos_json_get_string (body, "receipt_no");

  if (account == NULL || account->balance <= account->credit_limit
      || pos_json_get_string (body, "approved_by") != NULL)
    return TRUE;
  subject = g_strdup_printf ("account:%s", pos_json_get_string (body, "customer_uid"));
  over = pos_amount_format (account->balance - account->credit_limit, pos_shop_currency (store));
  message = g_strdup_printf (
      /* TRANSLATORS: customer name, amount over the limit, receipt number, till */
      _ ("The account of %s is %s over its credit limit after sync: sale %s on till %s was charged to it "
         "while the tills were apart"),
      account->customer_name ? account->customer_name : "?", over, receipt ? receipt : "-", event->till_id);
  return pos_sync_alarm_refused (store, event, subject, message, error);
}

static gboolean
apply_moved (PosStore *store, const PosJournalEvent *event, JsonObject *body, gint64 customer_id,
             GError **error)
{
  PosAccountMoveKind kind;
  PosMoneyMove m;

  pos_money_move_from_event (&m, event, body);
  m.owner_id = customer_id;
  if (!pos_account_move_kind_parse (m.kind, &kind) || m.amount == 0 || m.created_at == NULL)
    return apply_error (error, event, "it lacks its kind, amount or time");
  if (!pos_money_move_insert (store, &pos_account_move_table, &m, error))
    return FALSE;
  return kind != POS_ACCOUNT_CHARGE || alarm_if_overdrawn (store, event, body, customer_id, error);
}

gboolean
pos_account_apply_event (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  gint64 customer_id;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  /* the customer.saved event of a customer comes before any of their accounts' */
  if ((customer_id = customer_by_uid (store, pos_json_get_string (body, "customer_uid"))) == 0)
    return apply_error (error, event, "its customer is not in this store");
  if (g_str_equal (event->type, POS_ACCOUNT_LIMIT))
    {
      const char *at = pos_json_get_string (body, "created_at");
      gint64 limit = pos_json_get_int (body, "credit_limit", -1);

      if (limit < 0 || at == NULL)
        return apply_error (error, event, "it lacks its limit or time");
      return pos_account_upsert_limit (store, customer_id, limit, event->hlc, at, error);
    }
  return apply_moved (store, event, body, customer_id, error);
}

/* Overdrawn accounts ---------------------------------------------------------------- */

static gboolean
read_charges (PosStore *store, PosAccountOverdrawn *o, GError **error)
{
  static const char sql[] = POS_ACCOUNT_MOVE_COLUMNS
      "WHERE customer_id = ?1 AND kind = 'charge' ORDER BY created_at, till_id, id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  o->charges = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_account_move_free);
  sqlite3_bind_int64 (stmt, 1, o->account->customer_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (o->charges, pos_account_move_from_row (stmt));
  return rc >= 0;
}

GPtrArray *
pos_account_overdrawn (PosStore *store, GError **error)
{
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_account_overdrawn_free);

  g_return_val_if_fail (store != NULL, NULL);

  if ((accounts = pos_account_list (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < accounts->len; i++)
    {
      PosAccount *a = g_ptr_array_index (accounts, i);
      PosAccountOverdrawn *o;

      if (a->balance <= a->credit_limit)
        continue;
      o = g_new0 (PosAccountOverdrawn, 1);
      o->account = g_ptr_array_steal_index (accounts, i--);
      g_ptr_array_add (list, o);
      if (!read_charges (store, o, error))
        return NULL;
    }
  return g_steal_pointer (&list);
}
