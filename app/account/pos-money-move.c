/* pos-money-move.c — append-only money moves (see pos-money-move.h). */
#include "pos-money-move.h"

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-json.h"

gboolean
pos_money_move_insert (PosStore *store, const PosMoneyMoveTable *table, const PosMoneyMove *m, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, table->insert_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->owner_id);
  sqlite3_bind_text (stmt, 2, m->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, m->amount);
  sqlite3_bind_text (stmt, 4, m->method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, m->reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, m->receipt_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, m->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, m->till_id, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 9, m->shift_id, 0);
  sqlite3_bind_text (stmt, 10, m->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, m->event_id, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static void
set_if (JsonObject *o, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, member, value);
}

gboolean
pos_money_move_write (PosStore *store, const PosMoneyMoveTable *table, JsonObject *body, PosMoneyMove *m,
                      const PosUser *user, const PosUser *approver, const char *action, GError **error)
{
  g_autofree char *own_id = m->event_id == NULL ? pos_journal_new_event_id () : NULL;
  const char *event_id = own_id != NULL ? own_id : m->event_id;
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  g_autofree char *till_id = pos_journal_till_id (store);
  gboolean ok;

  m->created_at = now;
  m->till_id = till_id;
  m->event_id = event_id;
  json_object_set_string_member (body, "kind", m->kind);
  json_object_set_int_member (body, "amount", m->amount);
  json_object_set_string_member (body, "created_at", now);
  set_if (body, "method", m->method);
  set_if (body, "reference", m->reference);
  set_if (body, "receipt_no", m->receipt_no);
  set_if (body, "note", m->note);
  set_if (body, "approved_by", approver != NULL ? approver->name : NULL);
  if (action != NULL)
    ok = pos_audit_record_event (store, user, approver, action, 0, table->event_type, event_id, body, NULL,
                                 error);
  else
    {
      g_autoptr (PosJournalEvent) event
          = pos_journal_append_object_as (store, event_id, table->event_type, body, error);
      ok = event != NULL;
    }
  ok = ok && pos_money_move_insert (store, table, m, error);
  /* money taken or given back at this till: the fiscal law's record of it */
  ok = ok && pos_fiscal_record_money_move (store, table->event_type, event_id, error);
  /* the strings set above are freed here: @m must not point at them */
  m->created_at = m->till_id = NULL;
  if (own_id != NULL)
    m->event_id = NULL;
  return ok;
}

void
pos_money_move_from_event (PosMoneyMove *m, const PosJournalEvent *event, JsonObject *body)
{
  m->kind = pos_json_get_string (body, "kind");
  m->amount = pos_json_get_int (body, "amount", 0);
  m->method = pos_json_get_string (body, "method");
  m->reference = pos_json_get_string (body, "reference");
  m->receipt_no = pos_json_get_string (body, "receipt_no");
  m->note = pos_json_get_string (body, "note");
  m->till_id = event->till_id;
  m->created_at = pos_json_get_string (body, "created_at");
  m->event_id = event->event_id;
  m->shift_id = 0;
}
