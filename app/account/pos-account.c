/* pos-account.c — customer accounts: balances, limits, payments (see pos-account.h). */
#include "pos-account.h"

#include <glib/gi18n-lib.h>

#include "pos-account-private.h"
#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-customer.h"
#include "pos-json.h"
#include "pos-names.h"
#include "pos-permission.h"
#include "pos-shift.h"
#include "pos-shop.h"
#include "pos-store-private.h"

static const char *const kind_names[] = { "charge", "payment", "deposit", "refund", "adjust" };

const char *
pos_account_move_kind_to_string (PosAccountMoveKind kind)
{
  return pos_names_get (kind_names, G_N_ELEMENTS (kind_names), kind);
}

gboolean
pos_account_move_kind_parse (const char *text, PosAccountMoveKind *out)
{
  guint value;

  if (!pos_names_parse (kind_names, G_N_ELEMENTS (kind_names), text, &value))
    return FALSE;
  *out = (PosAccountMoveKind)value;
  return TRUE;
}

const char *
pos_account_move_kind_label (PosAccountMoveKind kind)
{
  static const char *const labels[] = {
    N_ ("Sale on account"), N_ ("Payment"), N_ ("Deposit"), N_ ("Refund"), N_ ("Adjustment"),
  };

  g_return_val_if_fail (kind <= POS_ACCOUNT_ADJUST, NULL);
  return _ (labels[kind]);
}

void
pos_account_free (PosAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->customer_name);
  g_free (account->card_code);
  g_free (account->opened_at);
  g_free (account);
}

void
pos_account_move_free (PosAccountMove *move)
{
  if (move == NULL)
    return;
  g_free (move->method);
  g_free (move->reference);
  g_free (move->receipt_no);
  g_free (move->note);
  g_free (move->till_id);
  g_free (move->created_at);
  g_free (move);
}

void
pos_account_overdrawn_free (PosAccountOverdrawn *overdrawn)
{
  if (overdrawn == NULL)
    return;
  pos_account_free (overdrawn->account);
  g_clear_pointer (&overdrawn->charges, g_ptr_array_unref);
  g_free (overdrawn);
}

/* Reading --------------------------------------------------------------------------- */

#define ACCOUNT_COLUMNS                                                                                      \
  "SELECT a.customer_id, c.name, c.card_code, a.credit_limit, a.opened_at, "                                 \
  "(SELECT coalesce (sum (m.amount), 0) FROM account_move m WHERE m.customer_id = a.customer_id) "           \
  "FROM account a JOIN customer c ON c.id = a.customer_id "

static PosAccount *
account_from_row (PosStmt *stmt)
{
  PosAccount *a = g_new0 (PosAccount, 1);

  a->customer_id = sqlite3_column_int64 (stmt, 0);
  a->customer_name = pos_stmt_dup_text (stmt, 1);
  a->card_code = pos_stmt_dup_text (stmt, 2);
  a->credit_limit = sqlite3_column_int64 (stmt, 3);
  a->opened_at = pos_stmt_dup_text (stmt, 4);
  a->balance = sqlite3_column_int64 (stmt, 5);
  return a;
}

PosAccount *
pos_account_get (PosStore *store, gint64 customer_id, GError **error)
{
  static const char sql[] = ACCOUNT_COLUMNS "WHERE a.customer_id = ?1";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_NOT_FOUND,
                                _ ("The customer has no account: the owner opens one by setting its limit")),
           NULL;
  return account_from_row (stmt);
}

GPtrArray *
pos_account_list (PosStore *store, GError **error)
{
  static const char sql[] = ACCOUNT_COLUMNS "ORDER BY c.name COLLATE NOCASE, a.customer_id";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_account_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, account_from_row (stmt));
  return rc < 0 ? NULL : g_steal_pointer (&list);
}

PosAccountMove *
pos_account_move_from_row (PosStmt *stmt)
{
  PosAccountMove *m = g_new0 (PosAccountMove, 1);
  g_autofree char *kind = pos_stmt_dup_text (stmt, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  pos_account_move_kind_parse (kind, &m->kind);
  m->amount = sqlite3_column_int64 (stmt, 2);
  m->method = pos_stmt_dup_text (stmt, 3);
  m->reference = pos_stmt_dup_text (stmt, 4);
  m->receipt_no = pos_stmt_dup_text (stmt, 5);
  m->note = pos_stmt_dup_text (stmt, 6);
  m->till_id = pos_stmt_dup_text (stmt, 7);
  m->created_at = pos_stmt_dup_text (stmt, 8);
  return m;
}

/* The business day of an ISO UTC time, in the shop's time zone. */
static char *
business_day_of (const char *iso)
{
  gint64 us = 0;

  if (!pos_clock_parse_iso (iso, &us))
    return g_strndup (iso, 10);
  return pos_clock_business_day (us);
}

GPtrArray *
pos_account_moves (PosStore *store, gint64 customer_id, const char *from, const char *to, PosAmount *opening,
                   GError **error)
{
  static const char sql[] = POS_ACCOUNT_MOVE_COLUMNS "WHERE customer_id = ?1 ORDER BY created_at, id";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_account_move_free);
  PosAmount before = 0;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosAccountMove) m = pos_account_move_from_row (stmt);
      g_autofree char *day = business_day_of (m->created_at);

      if (from != NULL && strcmp (day, from) < 0)
        {
          if (!pos_amount_add (before, m->amount, &before, error))
            return NULL;
        }
      else if (to == NULL || strcmp (day, to) <= 0)
        g_ptr_array_add (list, g_steal_pointer (&m));
    }
  if (rc < 0)
    return NULL;
  if (opening != NULL)
    *opening = before;
  return g_steal_pointer (&list);
}

/* Writing --------------------------------------------------------------------------- */

char *
pos_account_customer_uid (PosStore *store, gint64 customer_id)
{
  static const char sql[] = "SELECT uid FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? pos_stmt_dup_text (stmt, 0) : NULL;
}

const PosMoneyMoveTable pos_account_move_table = {
  .insert_sql = POS_MONEY_MOVE_INSERT ("account_move", "customer_id"),
  .event_type = POS_ACCOUNT_MOVED,
};

/* Writes move @m with the "account.moved" event that carries it, in the
 * caller's transaction; with @action, an audit row names @user and
 * @approver. */
gboolean
pos_account_write_move (PosStore *store, PosMoneyMove *m, const PosUser *user, const PosUser *approver,
                        const char *action, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autofree char *uid = pos_account_customer_uid (store, m->owner_id);

  if (uid == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no customer %lld"),
                        (long long)m->owner_id),
           FALSE;
  json_object_set_string_member (o, "customer_uid", uid);
  return pos_money_move_write (store, &pos_account_move_table, o, m, user, approver, action, error);
}

/* Opens the account row or sets its limit, last-writer-wins by @hlc. */
gboolean
pos_account_upsert_limit (PosStore *store, gint64 customer_id, PosAmount limit, const char *hlc,
                          const char *opened_at, GError **error)
{
  static const char sql[] = "INSERT INTO account (customer_id, credit_limit, set_hlc, opened_at) "
                            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (customer_id) DO UPDATE SET "
                            "credit_limit = excluded.credit_limit, set_hlc = excluded.set_hlc "
                            "WHERE excluded.set_hlc > account.set_hlc";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_text (stmt, 3, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, opened_at, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static char *
event_hlc (PosStore *store, const char *event_id, GError **error)
{
  static const char sql[] = "SELECT hlc FROM journal WHERE event_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return pos_stmt_dup_text (stmt, 0);
}

static gboolean
set_limit_in_transaction (PosStore *store, const PosUser *user, const PosUser *approver, gint64 customer_id,
                          PosAmount limit, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autofree char *uid = pos_account_customer_uid (store, customer_id);
  g_autofree char *event_id = pos_journal_new_event_id ();
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autofree char *hlc = NULL;

  if (uid == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no customer %lld"),
                        (long long)customer_id),
           FALSE;
  json_object_set_string_member (o, "customer_uid", uid);
  json_object_set_int_member (o, "credit_limit", limit);
  json_object_set_string_member (o, "created_at", now);
  if (!pos_audit_record_event (store, user, approver, "account_limit", 0, POS_ACCOUNT_LIMIT, event_id, o,
                               NULL, error))
    return FALSE;
  /* the event's own HLC orders this limit against other tills' */
  hlc = event_hlc (store, event_id, error);
  return hlc != NULL && pos_account_upsert_limit (store, customer_id, limit, hlc, now, error);
}

gboolean
pos_account_set_limit (PosStore *store, const PosUser *user, const PosUser *approver, gint64 customer_id,
                       PosAmount limit, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_SETTINGS, approver, error))
    {
      g_prefix_error (error, _ ("Setting a credit limit: "));
      return FALSE;
    }
  if (limit < 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("A credit limit cannot be below zero")),
           FALSE;
  if (!pos_tender_check_amount (limit, pos_shop_currency (store), error) || !pos_store_begin (store, error))
    return FALSE;
  if (!set_limit_in_transaction (store, user, approver, customer_id, limit, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_payment (PosStore *store, const PosAccountPayment *p, GError **error)
{
  if (p->kind != POS_ACCOUNT_PAYMENT && p->kind != POS_ACCOUNT_DEPOSIT)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("Only a payment or a deposit is paid into an account")),
           FALSE;
  if (p->method != POS_TENDER_CASH && p->method != POS_TENDER_CARD)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("An account is paid in cash or by card")),
           FALSE;
  if (p->amount <= 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("A payment must be more than zero")),
           FALSE;
  if (p->method == POS_TENDER_CARD && !pos_card_reference_check (p->reference, error))
    return FALSE;
  return pos_tender_check_amount (p->amount, pos_shop_currency (store), error);
}

/* The open shift whose drawer takes the cash, or POS_ERROR_STATE. */
static gint64
cash_shift (PosStore *store, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (PosShift) shift = pos_shift_current (store, &local);

  if (shift != NULL)
    return shift->id;
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE,
                         _ ("Cash goes into the drawer of an open shift: open a shift first"));
  return 0;
}

static gboolean
pay_in_transaction (PosStore *store, const PosUser *user, const PosAccountPayment *p, GError **error)
{
  g_autoptr (PosAccount) account = pos_account_get (store, p->customer_id, error);
  PosMoneyMove m = { .owner_id = p->customer_id,
                     .kind = pos_account_move_kind_to_string (p->kind),
                     .amount = -p->amount };

  if (account == NULL)
    return FALSE;
  m.method = p->method == POS_TENDER_CASH ? "cash" : "card";
  m.reference = p->method == POS_TENDER_CARD ? p->reference : NULL;
  m.note = p->note;
  if (p->method == POS_TENDER_CASH && (m.shift_id = cash_shift (store, error)) == 0)
    return FALSE;
  return pos_account_write_move (store, &m, user, NULL, "account_payment", error);
}

gboolean
pos_account_pay (PosStore *store, const PosUser *user, const PosAccountPayment *payment, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL && payment != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_SELL, NULL, error) || !check_payment (store, payment, error)
      || !pos_store_begin (store, error))
    return FALSE;
  if (!pay_in_transaction (store, user, payment, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
pos_account_adjust (PosStore *store, const PosUser *user, const PosUser *approver, gint64 customer_id,
                    PosAmount amount, const char *note, GError **error)
{
  g_autoptr (PosAccount) account = NULL;
  PosMoneyMove m = { .owner_id = customer_id,
                     .kind = pos_account_move_kind_to_string (POS_ACCOUNT_ADJUST),
                     .amount = amount };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_REFUND, approver, error))
    {
      g_prefix_error (error, _ ("Adjusting an account: "));
      return FALSE;
    }
  if (amount == 0 || note == NULL || *note == '\0')
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("An adjustment needs an amount other than zero and a reason")),
           FALSE;
  if (!pos_tender_check_amount (ABS (amount), pos_shop_currency (store), error)
      || !pos_store_begin (store, error))
    return FALSE;
  m.note = note;
  if ((account = pos_account_get (store, customer_id, error)) == NULL
      || !pos_account_write_move (store, &m, user, approver, "account_adjust", error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
