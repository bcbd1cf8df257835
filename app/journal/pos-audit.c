/* pos-audit.c — appending who did what to the audit table. */
#include "pos-audit.h"

#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-store-private.h"

/* Accepts only a JSON object, so readers of audit.detail can rely on it. */
static gboolean
check_detail (const char *detail_json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, detail_json, -1, &local_error))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The audit detail is not valid JSON: %s"),
                   local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("The audit detail must be a JSON object"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pos_audit_record (PosStore *store, const PosUser *user, const PosUser *approver, const char *action,
                  gint64 sale_id, const char *detail_json, GError **error)
{
  static const char sql[] = "INSERT INTO audit (created_at, user_id, approver_id, action, sale_id, detail) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);
  g_return_val_if_fail (action != NULL && *action != '\0', FALSE);
  g_return_val_if_fail (sale_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (detail_json != NULL && !check_detail (detail_json, error))
    return FALSE;
  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  now = pos_clock_iso_utc (pos_clock_now_us ());
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 2, user != NULL ? user->id : 0, 0);
  pos_stmt_bind_int64_or_null (stmt, 3, approver != NULL ? approver->id : 0, 0);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 5, sale_id, 0);
  if (detail_json != NULL)
    sqlite3_bind_text (stmt, 6, detail_json, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_audit_record_event (PosStore *store, const PosUser *user, const PosUser *approver, const char *action,
                        gint64 sale_id, const char *type, const char *event_id, JsonObject *payload,
                        const char *detail_json, GError **error)
{
  g_autoptr (PosJournalEvent) event = NULL;

  event = event_id != NULL ? pos_journal_append_object_as (store, event_id, type, payload, error)
                           : pos_journal_append_object (store, type, payload, error);
  return event != NULL
         && pos_audit_record (store, user, approver, action, sale_id,
                              detail_json != NULL ? detail_json : event->payload, error);
}
