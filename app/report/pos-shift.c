/* pos-shift.c — opening and closing shifts, cash moves and the drawer count.
 *
 * Everything the drawer should hold is summed from the records (sales,
 * payments, cash moves) by SQL when asked, never kept as a running figure
 * that could drift from them.
 */
#include "pos-shift.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-shop.h"
#include "pos-store-private.h"

void
pos_shift_free (PosShift *shift)
{
  if (shift == NULL)
    return;
  g_free (shift->till_id);
  g_free (shift->opened_at);
  g_free (shift->closed_at);
  g_free (shift);
}

#define SHIFT_COLUMNS "id, till_id, user_id, opened_at, opening_float, closed_at"

static PosShift *
shift_from_row (PosStmt *stmt)
{
  PosShift *shift = g_new0 (PosShift, 1);

  shift->id = sqlite3_column_int64 (stmt, 0);
  shift->till_id = pos_stmt_dup_text (stmt, 1);
  shift->user_id = sqlite3_column_int64 (stmt, 2);
  shift->opened_at = pos_stmt_dup_text (stmt, 3);
  shift->opening_float = sqlite3_column_int64 (stmt, 4);
  shift->closed_at = pos_stmt_dup_text (stmt, 5);
  return shift;
}

/* The open shift of @till_id, or NULL (with @error unset) when there is none. */
static PosShift *
find_open (PosStore *store, const char *till_id, GError **error)
{
  static const char sql[] = "SELECT " SHIFT_COLUMNS " FROM shift WHERE till_id = ?1 AND closed_at IS NULL";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  return rc == SQLITE_ROW ? shift_from_row (stmt) : NULL;
}

PosShift *
pos_shift_current (PosStore *store, GError **error)
{
  g_autofree char *till_id = NULL;
  GError *local_error = NULL;
  PosShift *shift;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  till_id = pos_journal_till_id (store);
  shift = find_open (store, till_id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (shift == NULL)
    g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("No shift is open on till %s"), till_id);
  return shift;
}

static gboolean
journal (PosStore *store, const char *type, JsonObject *payload, GError **error)
{
  g_autoptr (PosJournalEvent) event = pos_journal_append_object (store, type, payload, error);

  /* the float counted in or the cash counted out: the fiscal law's record of it */
  return event != NULL && pos_fiscal_record_money_move (store, type, event->event_id, error);
}

static gboolean
insert_shift (PosStore *store, PosShift *shift, GError **error)
{
  static const char sql[] = "INSERT INTO shift (till_id, user_id, opened_at, opening_float) "
                            "VALUES (?1, ?2, ?3, ?4)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shift->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, shift->user_id);
  sqlite3_bind_text (stmt, 3, shift->opened_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, shift->opening_float);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  shift->id = sqlite3_last_insert_rowid (pos_store_db (store));
  return TRUE;
}

/* The body of pos_shift_open(), inside its transaction. */
static gboolean
open_in_transaction (PosStore *store, PosShift *shift, GError **error)
{
  g_autoptr (PosShift) open = NULL;
  g_autoptr (JsonObject) payload = json_object_new ();
  GError *local_error = NULL;

  open = find_open (store, shift->till_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (open != NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("Shift %lld is still open on till %s; close it first"), (long long)open->id,
                   open->till_id);
      return FALSE;
    }
  if (!insert_shift (store, shift, error))
    return FALSE;

  json_object_set_int_member (payload, "shift_id", shift->id);
  json_object_set_int_member (payload, "user_id", shift->user_id);
  json_object_set_string_member (payload, "opened_at", shift->opened_at);
  json_object_set_int_member (payload, "opening_float", shift->opening_float);
  return journal (store, "shift.open", payload, error);
}

/*
 * Opens a shift. The check for an open shift and the insert share one
 * BEGIN IMMEDIATE transaction, and a unique index backs the rule up, so two
 * programs on the same till cannot both open one.
 */
PosShift *
pos_shift_open (PosStore *store, const PosUser *cashier, PosAmount opening_float, GError **error)
{
  g_autoptr (PosShift) shift = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (cashier != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (opening_float < 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("The opening float cannot be negative"));
      return NULL;
    }
  if (!pos_permission_check (cashier, POS_ACTION_SELL, NULL, error))
    return NULL;

  shift = g_new0 (PosShift, 1);
  shift->till_id = pos_journal_till_id (store);
  shift->user_id = cashier->id;
  shift->opened_at = pos_clock_iso_utc (pos_clock_now_us ());
  shift->opening_float = opening_float;

  if (!pos_store_begin (store, error))
    return NULL;
  if (!open_in_transaction (store, shift, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  if (!pos_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&shift);
}

typedef struct
{
  PosAmount opening_float;
  PosAmount cash_taken;    /* cash kept from sales: handed over less change */
  PosAmount cash_refunded; /* cash paid back on refunds, as a positive amount */
  PosAmount change_given;  /* shown for the record; already off cash_taken */
  PosAmount paid_in;
  PosAmount paid_out;
  PosAmount account_cash; /* cash paid against customers' accounts: not takings of goods */
  PosAmount layaway_cash; /* cash paid towards layaways, less cash given back: not takings until collected */
  PosAmount expected;
} CashFlows;

/* Sums the shift's cash flows in SQL (sum() fails on overflow rather than
 * wrapping) and combines them with checked arithmetic. */
static gboolean
cash_flows (PosStore *store, gint64 shift_id, CashFlows *out, GError **error)
{
  static const char sql[]
      = "SELECT s.opening_float, "
        "(SELECT ifnull (sum (p.amount), 0) FROM sale JOIN payment p ON p.sale_id = sale.id "
        "  WHERE sale.shift_id = s.id AND p.method = 'cash' AND p.amount > 0), "
        "(SELECT ifnull (sum (-p.amount), 0) FROM sale JOIN payment p ON p.sale_id = sale.id "
        "  WHERE sale.shift_id = s.id AND p.method = 'cash' AND p.amount < 0), "
        "(SELECT ifnull (sum (sale.change), 0) FROM sale WHERE sale.shift_id = s.id), "
        "(SELECT ifnull (sum (amount), 0) FROM cash_move WHERE shift_id = s.id AND kind = 'paid_in'), "
        "(SELECT ifnull (sum (amount), 0) FROM cash_move WHERE shift_id = s.id AND kind = 'paid_out'), "
        "(SELECT ifnull (sum (-amount), 0) FROM account_move WHERE shift_id = s.id AND method = 'cash'), "
        "(SELECT ifnull (sum (amount), 0) FROM layaway_move WHERE shift_id = s.id AND method = 'cash') "
        "FROM shift s WHERE s.id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  PosAmount v;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, shift_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no shift %lld"), (long long)shift_id);
      return FALSE;
    }
  out->opening_float = sqlite3_column_int64 (stmt, 0);
  out->cash_taken = sqlite3_column_int64 (stmt, 1);
  out->cash_refunded = sqlite3_column_int64 (stmt, 2);
  out->change_given = sqlite3_column_int64 (stmt, 3);
  out->paid_in = sqlite3_column_int64 (stmt, 4);
  out->paid_out = sqlite3_column_int64 (stmt, 5);
  out->account_cash = sqlite3_column_int64 (stmt, 6);
  out->layaway_cash = sqlite3_column_int64 (stmt, 7);

  return pos_amount_add (out->opening_float, out->cash_taken, &v, error)
         && pos_amount_sub (v, out->cash_refunded, &v, error) && pos_amount_add (v, out->paid_in, &v, error)
         && pos_amount_add (v, out->account_cash, &v, error)
         && pos_amount_add (v, out->layaway_cash, &v, error)
         && pos_amount_sub (v, out->paid_out, &out->expected, error);
}

PosAmount
pos_shift_expected_cash (PosStore *store, gint64 shift_id, GError **error)
{
  CashFlows flows;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!cash_flows (store, shift_id, &flows, error))
    return 0;
  return flows.expected;
}

gboolean
pos_shift_add_cash_summary (PosStore *store, gint64 shift_id, JsonObject *object, GError **error)
{
  CashFlows flows;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!cash_flows (store, shift_id, &flows, error))
    return FALSE;
  json_object_set_int_member (object, "opening_float", flows.opening_float);
  json_object_set_int_member (object, "cash_taken", flows.cash_taken);
  json_object_set_int_member (object, "cash_refunded", flows.cash_refunded);
  json_object_set_int_member (object, "change_given", flows.change_given);
  json_object_set_int_member (object, "paid_in", flows.paid_in);
  json_object_set_int_member (object, "paid_out", flows.paid_out);
  json_object_set_int_member (object, "account_cash_paid_in", flows.account_cash);
  json_object_set_int_member (object, "layaway_payments_in_cash", flows.layaway_cash);
  json_object_set_int_member (object, "expected_cash", flows.expected);
  return TRUE;
}

/* Checks a cash move's kind, amount and reason; sets the action that needs approval. */
static gboolean
check_cash_move (const char *kind, PosAmount amount, const char *reason, PosAction *action, GError **error)
{
  gboolean no_sale = g_strcmp0 (kind, "no_sale") == 0;

  if (!no_sale && g_strcmp0 (kind, "paid_in") != 0 && g_strcmp0 (kind, "paid_out") != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("“%s” is not a cash move; use paid_in, paid_out or no_sale"), kind ? kind : "");
      return FALSE;
    }
  if (no_sale && amount != 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                           _ ("Opening the drawer without a sale moves no cash"));
      return FALSE;
    }
  if (!no_sale && amount <= 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                           _ ("The amount paid in or out must be more than zero"));
      return FALSE;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                           _ ("Say why the drawer is opened: a reason is required"));
      return FALSE;
    }
  *action = no_sale ? POS_ACTION_NO_SALE : POS_ACTION_CASH_MOVE;
  return TRUE;
}

/* Refuses to pay out more than the drawer should hold. */
static gboolean
check_drawer_holds (PosStore *store, gint64 shift_id, PosAmount amount, GError **error)
{
  const PosCurrency *currency;
  g_autofree char *text = NULL;
  PosAmount expected = pos_shift_expected_cash (store, shift_id, error);

  if (error != NULL && *error != NULL)
    return FALSE;
  if (amount <= expected)
    return TRUE;
  currency = pos_shop_currency (store);
  text = pos_amount_to_string (expected, currency);
  g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The drawer should hold only %s; cannot pay out more"),
               text);
  return FALSE;
}

static gboolean
insert_cash_move (PosStore *store, JsonObject *move, GError **error)
{
  static const char sql[] = "INSERT INTO cash_move (shift_id, kind, amount, reason, user_id, approver_id, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  gint64 approver_id = pos_json_get_int (move, "approver_id", 0);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pos_json_get_int (move, "shift_id", 0));
  sqlite3_bind_text (stmt, 2, pos_json_get_string (move, "kind"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, pos_json_get_int (move, "amount", 0));
  sqlite3_bind_text (stmt, 4, pos_json_get_string (move, "reason"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, pos_json_get_int (move, "user_id", 0));
  if (approver_id > 0)
    sqlite3_bind_int64 (stmt, 6, approver_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, pos_json_get_string (move, "created_at"), -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* The body of pos_shift_cash_move(), inside its transaction. */
static gboolean
cash_move_in_transaction (PosStore *store, const PosUser *user, const PosUser *approver, PosAction action,
                          JsonObject *move, GError **error)
{
  g_autoptr (PosShift) shift = pos_shift_current (store, error);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *event_id = pos_journal_new_event_id ();

  if (shift == NULL)
    return FALSE;
  json_object_set_int_member (move, "shift_id", shift->id);
  if (action == POS_ACTION_CASH_MOVE && g_strcmp0 (pos_json_get_string (move, "kind"), "paid_out") == 0
      && !check_drawer_holds (store, shift->id, pos_json_get_int (move, "amount", 0), error))
    return FALSE;
  if (!insert_cash_move (store, move, error))
    return FALSE;

  node = json_node_init_object (json_node_alloc (), move);
  detail = pos_json_canonical (node, error);
  if (detail == NULL)
    return FALSE;
  /* cash paid in or out: the fiscal law's record of it */
  return pos_audit_record_event (store, user, approver, pos_action_to_string (action), 0, "cash.move",
                                 event_id, move, detail, error)
         && pos_fiscal_record_money_move (store, "cash.move", event_id, error);
}

/*
 * Records a paid in, paid out or no-sale drawer opening on the open shift:
 * the cash move, an audit row naming who did and who approved it, and the
 * journal event, in one transaction.
 */
gboolean
pos_shift_cash_move (PosStore *store, const PosUser *user, const PosUser *approver, const char *kind,
                     PosAmount amount, const char *reason, GError **error)
{
  g_autoptr (JsonObject) move = json_object_new ();
  g_autofree char *why = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  g_autofree char *now = NULL;
  PosAction action;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_cash_move (kind, amount, why, &action, error))
    return FALSE;
  if (!pos_permission_check (user, action, approver, error))
    return FALSE;

  now = pos_clock_iso_utc (pos_clock_now_us ());
  json_object_set_string_member (move, "kind", kind);
  json_object_set_int_member (move, "amount", amount);
  json_object_set_string_member (move, "reason", why);
  json_object_set_int_member (move, "user_id", user->id);
  if (approver != NULL)
    json_object_set_int_member (move, "approver_id", approver->id);
  json_object_set_string_member (move, "created_at", now);

  if (!pos_store_begin (store, error))
    return FALSE;
  if (!cash_move_in_transaction (store, user, approver, action, move, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

static gboolean
is_denomination (const PosCurrency *currency, PosAmount value)
{
  for (const PosAmount *d = currency->denominations; d != NULL && *d != 0; d++)
    if (*d == value)
      return TRUE;
  return FALSE;
}

/*
 * Checks a drawer count against the store currency's notes and coins and
 * builds its JSON forms: a list of { denomination, count, amount } for the
 * summary and the { "5000": 2, … } map stored in shift.counted_json.
 */
static gboolean
read_count (const PosCurrency *currency, const PosCashCount *counted, gsize n, PosAmount *total,
            JsonArray *lines, JsonObject *map, GError **error)
{
  *total = 0;
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, counted[i].denomination);
      g_autoptr (JsonObject) line = json_object_new ();
      PosAmount amount;

      if (!is_denomination (currency, counted[i].denomination))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s is not a %s note or coin"), key,
                       currency->code);
          return FALSE;
        }
      if (counted[i].count < 0 || json_object_has_member (map, key))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("Count each note or coin once, as zero or more (%s)"), key);
          return FALSE;
        }
      if (!pos_amount_mul_div (counted[i].denomination, counted[i].count, 1, &amount, error)
          || !pos_amount_add (*total, amount, total, error))
        return FALSE;
      json_object_set_int_member (map, key, counted[i].count);
      json_object_set_int_member (line, "denomination", counted[i].denomination);
      json_object_set_int_member (line, "count", counted[i].count);
      json_object_set_int_member (line, "amount", amount);
      json_array_add_object_element (lines, g_steal_pointer (&line));
    }
  return TRUE;
}

static gboolean
update_closed (PosStore *store, JsonObject *summary, const char *counted_json, GError **error)
{
  static const char sql[] = "UPDATE shift SET closed_at = ?2, closed_by = ?3, expected_cash = ?4, "
                            "counted_cash = ?5, counted_json = ?6 WHERE id = ?1 AND closed_at IS NULL";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pos_json_get_int (summary, "shift_id", 0));
  sqlite3_bind_text (stmt, 2, pos_json_get_string (summary, "closed_at"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, pos_json_get_int (summary, "closed_by_id", 0));
  sqlite3_bind_int64 (stmt, 4, pos_json_get_int (summary, "expected_cash", 0));
  sqlite3_bind_int64 (stmt, 5, pos_json_get_int (summary, "counted_cash", 0));
  sqlite3_bind_text (stmt, 6, counted_json, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (pos_store_db (store)) == 1)
    return TRUE;
  g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE, _ ("The shift was closed meanwhile"));
  return FALSE;
}

/* Fills the close summary of @shift as counted by @user. */
static gboolean
build_close_summary (PosStore *store, const PosShift *shift, const PosUser *user, PosAmount counted_cash,
                     JsonObject *summary, GError **error)
{
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  PosAmount variance;

  json_object_set_int_member (summary, "shift_id", shift->id);
  json_object_set_string_member (summary, "till_id", shift->till_id);
  json_object_set_int_member (summary, "cashier_id", shift->user_id);
  json_object_set_string_member (summary, "opened_at", shift->opened_at);
  json_object_set_string_member (summary, "closed_at", now);
  json_object_set_int_member (summary, "closed_by_id", user->id);
  json_object_set_string_member (summary, "closed_by", user->name);
  if (!pos_shift_add_cash_summary (store, shift->id, summary, error))
    return FALSE;
  if (!pos_amount_sub (counted_cash, pos_json_get_int (summary, "expected_cash", 0), &variance, error))
    return FALSE;
  json_object_set_int_member (summary, "counted_cash", counted_cash);
  json_object_set_int_member (summary, "variance", variance);
  return TRUE;
}

/* The body of pos_shift_close(), inside its transaction. */
static gboolean
close_in_transaction (PosStore *store, const PosUser *user, PosAmount counted_cash, JsonArray *lines,
                      JsonObject *map, JsonObject *summary, GError **error)
{
  g_autoptr (PosShift) shift = pos_shift_current (store, error);
  g_autoptr (JsonNode) map_node = NULL;
  g_autofree char *counted_json = NULL;

  if (shift == NULL)
    return FALSE;
  if (user->id != shift->user_id && !pos_role_may (user->role, POS_ACTION_CLOSE_DAY))
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_PERMISSION,
                           _ ("Only the shift's cashier or a supervisor may close it"));
      return FALSE;
    }
  if (!build_close_summary (store, shift, user, counted_cash, summary, error))
    return FALSE;
  json_object_set_array_member (summary, "counted", json_array_ref (lines));

  map_node = json_node_init_object (json_node_alloc (), map);
  counted_json = pos_json_canonical (map_node, error);
  return counted_json != NULL && update_closed (store, summary, counted_json, error)
         && journal (store, "shift.close", summary, error);
}

/*
 * Closes the open shift with the drawer count. The expected cash is summed
 * inside the same write transaction, so no sale can slip in between the
 * sum and the close.
 */
JsonNode *
pos_shift_close (PosStore *store, const PosUser *user, const PosCashCount *counted, gsize n, GError **error)
{
  g_autoptr (JsonArray) lines = json_array_new ();
  g_autoptr (JsonObject) map = json_object_new ();
  g_autoptr (JsonObject) summary = json_object_new ();
  const PosCurrency *currency;
  PosAmount counted_cash;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (counted != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!user->active)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION, _ ("%s is not an active user"), user->name);
      return NULL;
    }
  currency = pos_shop_currency (store);
  if (!read_count (currency, counted, n, &counted_cash, lines, map, error))
    return NULL;

  if (!pos_store_begin (store, error))
    return NULL;
  if (!close_in_transaction (store, user, counted_cash, lines, map, summary, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  if (!pos_store_commit (store, error))
    return NULL;
  return json_node_init_object (json_node_alloc (), summary);
}
