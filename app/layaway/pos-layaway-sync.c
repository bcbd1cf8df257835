/* pos-layaway-sync.c — other tills' layaways (see pos-layaway.h). */
#include "pos-layaway.h"

#include <glib/gi18n-lib.h>

#include "pos-json.h"
#include "pos-layaway-private.h"
#include "pos-loyalty.h"
#include "pos-sync-apply.h"

static gboolean
apply_error (GError **error, const PosJournalEvent *event, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "layaway event %s: %s", event->event_id, what);
  return FALSE;
}

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

static gint64
layaway_id_of (PosStore *store, const char *number)
{
  static const char sql[] = "SELECT id FROM layaway WHERE number = ?1";
  g_autoptr (PosStmt) stmt = NULL;

  if (number == NULL || (stmt = pos_store_prepare (store, sql, NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
apply_opened (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *number = pos_json_get_string (body, "number");
  const char *name = pos_json_get_string (body, "customer_name");
  const char *expires = pos_json_get_string (body, "expires_on");
  const char *cart = pos_json_get_string (body, "cart");
  const char *at = pos_json_get_string (body, "created_at");
  JsonArray *lines
      = json_object_has_member (body, "lines") ? json_object_get_array_member (body, "lines") : NULL;
  gint64 id = 0;

  if (number == NULL || name == NULL || expires == NULL || cart == NULL || at == NULL || lines == NULL
      || pos_json_get_int (body, "total", 0) <= 0)
    return apply_error (error, event, "it lacks its number, customer, total, lines or time");
  if (layaway_id_of (store, number) != 0) /* pulled twice */
    return TRUE;
  return pos_layaway_insert (store, number, name,
                             customer_by_uid (store, pos_json_get_string (body, "customer_uid")),
                             pos_json_get_int (body, "total", 0), pos_json_get_int (body, "min_deposit", 0),
                             expires, cart, event->till_id, at, event->event_id, lines, &id, error);
}

/*
 * A second collect or cancel of one layaway: two tills closed it while
 * apart. Both stand (the goods or the money have gone); the owner is told.
 */
static gboolean
alarm_if_closed_twice (PosStore *store, const PosJournalEvent *event, gint64 layaway_id, const char *number,
                       GError **error)
{
  static const char sql[]
      = "SELECT count (*) FROM layaway_move WHERE layaway_id = ?1 AND kind IN ('collect', 'cancel')";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *subject = NULL, *message = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, layaway_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) < 2)
    return TRUE;
  subject = g_strdup_printf ("layaway:%s", number);
  message = g_strdup_printf (
      /* TRANSLATORS: layaway number, till id */
      _ ("Layaway %s was collected or cancelled twice while the tills were apart, the second time on till "
         "%s"),
      number, event->till_id);
  return pos_sync_alarm_refused (store, event, subject, message, error);
}

static gint64
customer_of (PosStore *store, gint64 layaway_id)
{
  static const char sql[] = "SELECT customer_id FROM layaway WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, layaway_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Points paid towards a layaway on another till leave the customer's
 * points here too, as that till's event says (a fact, not a request).
 * A gift card's redemption travels in its own voucher event. */
static gboolean
apply_points (PosStore *store, const PosJournalEvent *event, const PosMoneyMove *m, GError **error)
{
  gint64 customer_id = customer_of (store, m->owner_id);
  gint64 points = 0;

  if (!g_ascii_string_to_signed (m->reference ? m->reference : "", 10, 1, G_MAXINT32, &points, NULL)
      || customer_id == 0)
    return apply_error (error, event, "its points or its layaway's customer are missing");
  return pos_loyalty_insert_entry (store, customer_id, -points, "redeem", 0, m->created_at, event->event_id,
                                   error);
}

static gboolean
apply_moved (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  const char *number = pos_json_get_string (body, "number");
  PosLayawayMoveKind kind;
  PosMoneyMove m;

  pos_money_move_from_event (&m, event, body);
  /* the opening event of a layaway comes before any of its moves */
  if ((m.owner_id = layaway_id_of (store, number)) == 0)
    return apply_error (error, event, "its layaway is not in this store");
  if (!pos_layaway_move_kind_parse (m.kind, &kind) || m.created_at == NULL)
    return apply_error (error, event, "it lacks its kind or time");
  if (!pos_money_move_insert (store, &pos_layaway_move_table, &m, error))
    return FALSE;
  if (kind == POS_LAYAWAY_PAYMENT && g_strcmp0 (m.method, "points") == 0
      && !apply_points (store, event, &m, error))
    return FALSE;
  return kind == POS_LAYAWAY_PAYMENT || alarm_if_closed_twice (store, event, m.owner_id, number, error);
}

gboolean
pos_layaway_apply_event (PosStore *store, const PosJournalEvent *event, JsonObject *body, GError **error)
{
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (g_str_equal (event->type, POS_LAYAWAY_OPENED))
    return apply_opened (store, event, body, error);
  return apply_moved (store, event, body, error);
}
