/* pos-loyalty.c — loyalty points as a ledger (see pos-loyalty.h). */
#include "pos-loyalty.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-event-rows.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-store-private.h"

#define POS_LOYALTY_NOTE_MAX 200

void
pos_loyalty_entry_free (PosLoyaltyEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->reason);
  g_free (entry->receipt_no);
  g_free (entry->created_at);
  g_free (entry->event_id);
  g_free (entry);
}

gint64
pos_loyalty_balance (PosStore *store, gint64 customer_id)
{
  static const char sql[] = "SELECT coalesce (sum (points), 0) FROM loyalty_entry WHERE customer_id = ?1";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, 0);

  stmt = pos_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

/* Whether the customer exists and whether their data was erased. */
static gboolean
customer_state (PosStore *store, gint64 customer_id, gboolean *erased, GError **error)
{
  static const char sql[] = "SELECT erased_at IS NOT NULL FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no customer with id %lld"),
                 (long long)customer_id);
  if (rc != SQLITE_ROW)
    return FALSE;
  *erased = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* Checks @points against the rules of @reason (see pos_loyalty_record):
 * returns the refusal, or NULL when the entry is fine. */
static const char *
entry_refusal (const char *reason, gint64 points, gint64 balance, gint64 *after)
{
  if (points == 0)
    return "A loyalty entry needs points other than 0";
  if (g_str_equal (reason, "earn") && points < 0)
    return "Earned points must be more than 0";
  if (g_str_equal (reason, "redeem") && points > 0)
    return "Redeemed points are taken away: they must be negative";
  if (__builtin_add_overflow (balance, points, after))
    return NULL; /* check_entry reports it */
  if (*after < 0 && (g_str_equal (reason, "redeem") || g_str_equal (reason, "adjust")))
    return "The customer does not have that many points";
  return NULL;
}

static gboolean
check_entry (const char *reason, gint64 points, gint64 balance, GError **error)
{
  gint64 after = 0;
  const char *refusal = entry_refusal (reason, points, balance, &after);

  if (points != 0 && __builtin_add_overflow (balance, points, &after))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("The points balance would leave its range"));
      return FALSE;
    }
  if (refusal == NULL)
    return TRUE;
  if (after < 0 && points < 0)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("%s: the balance is %lld points, %lld were asked for"), refusal, (long long)balance,
                 (long long)-points);
  else
    g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, refusal);
  return FALSE;
}

static gboolean
reason_is_known (const char *reason)
{
  return g_strcmp0 (reason, "earn") == 0 || g_strcmp0 (reason, "redeem") == 0
         || g_strcmp0 (reason, "refund") == 0 || g_strcmp0 (reason, "adjust") == 0;
}

gboolean
pos_loyalty_insert_entry (PosStore *store, gint64 customer_id, gint64 points, const char *reason,
                          gint64 sale_id, const char *created_at, const char *event_id, GError **error)
{
  static const char sql[] = "INSERT INTO loyalty_entry (customer_id, points, reason, sale_id, created_at, "
                            "event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, points);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  if (sale_id > 0)
    sqlite3_bind_int64 (stmt, 4, sale_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, event_id, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_loyalty_record_with_event (PosStore *store, gint64 customer_id, gint64 points, const char *reason,
                               gint64 sale_id, const char *event_id, GError **error)
{
  gboolean erased = FALSE;
  g_autofree char *now = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!reason_is_known (reason))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a loyalty entry reason"),
                   reason ? reason : "");
      return FALSE;
    }
  if (!customer_state (store, customer_id, &erased, error))
    return FALSE;
  if (erased && !g_str_equal (reason, "refund"))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("This customer's data was erased; their points are closed"));
      return FALSE;
    }
  if (!check_entry (reason, points, pos_loyalty_balance (store, customer_id), error))
    return FALSE;
  now = pos_clock_iso_utc (pos_clock_now_us ());
  return pos_loyalty_insert_entry (store, customer_id, points, reason, sale_id, now, event_id, error);
}

gboolean
pos_loyalty_record (PosStore *store, gint64 customer_id, gint64 points, const char *reason, gint64 sale_id,
                    GError **error)
{
  return pos_loyalty_record_with_event (store, customer_id, points, reason, sale_id, NULL, error);
}

/* 10^exponent of the store currency: minor units per major unit. */
static gint64
minor_per_major (PosStore *store)
{
  g_autofree char *code = pos_store_dup_setting (store, "currency");
  const PosCurrency *currency = code ? pos_currency_lookup (code) : NULL;
  int exponent = currency ? currency->exponent : 2;
  gint64 scale = 1;

  for (int i = 0; i < exponent; i++)
    scale *= 10;
  return scale;
}

gint64
pos_loyalty_points_for (PosStore *store, PosAmount amount_paid)
{
  gint64 per_unit, scale, whole, part;

  g_return_val_if_fail (store != NULL, 0);

  per_unit = pos_store_get_setting_int (store, "loyalty_points_per_unit", 1);
  if (amount_paid <= 0 || per_unit <= 0)
    return 0;
  scale = minor_per_major (store);
  /* floor (amount × per_unit / scale) without an intermediate overflow */
  if (__builtin_mul_overflow (amount_paid / scale, per_unit, &whole))
    return G_MAXINT64;
  if (__builtin_mul_overflow (amount_paid % scale, per_unit, &part))
    return G_MAXINT64;
  if (__builtin_add_overflow (whole, part / scale, &whole))
    return G_MAXINT64;
  return whole;
}

PosAmount
pos_loyalty_points_value (PosStore *store, gint64 points)
{
  gint64 per_point;
  PosAmount value;

  g_return_val_if_fail (store != NULL, 0);

  per_point = pos_store_get_setting_int (store, "loyalty_point_value", 1);
  if (per_point < 0)
    per_point = 0;
  if (__builtin_mul_overflow (points, per_point, &value) || value == G_MININT64)
    return points < 0 ? -G_MAXINT64 : G_MAXINT64;
  return value;
}

static PosLoyaltyEntry *
entry_from_row (PosStmt *stmt)
{
  PosLoyaltyEntry *entry = g_new0 (PosLoyaltyEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->customer_id = sqlite3_column_int64 (stmt, 1);
  entry->points = sqlite3_column_int64 (stmt, 2);
  entry->reason = pos_stmt_dup_text (stmt, 3);
  entry->sale_id = sqlite3_column_int64 (stmt, 4);
  entry->receipt_no = pos_stmt_dup_text (stmt, 5);
  entry->created_at = pos_stmt_dup_text (stmt, 6);
  entry->event_id = pos_stmt_dup_text (stmt, 7);
  return entry;
}

GPtrArray *
pos_loyalty_history (PosStore *store, gint64 customer_id, guint limit, GError **error)
{
  static const char sql[] = "SELECT e.id, e.customer_id, e.points, e.reason, e.sale_id, s.receipt_no, "
                            "e.created_at, e.event_id FROM loyalty_entry e "
                            "LEFT JOIN sale s ON s.id = e.sale_id WHERE e.customer_id = ?1 "
                            "ORDER BY e.id DESC LIMIT ?2";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_loyalty_entry_free);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}

/* The card code (or else phone) other tills know the customer by. */
static char *
customer_key (PosStore *store, gint64 customer_id, GError **error)
{
  static const char sql[] = "SELECT coalesce (card_code, phone) FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return pos_stmt_dup_text (stmt, 0);
  if (rc == SQLITE_ROW)
    g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                 _ ("This customer's data was erased; their points are closed"));
  else if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no customer with id %lld"),
                 (long long)customer_id);
  return NULL;
}

/* The uid every till knows the customer by, for the event's payload. */
static gboolean
set_customer_uid (PosStore *store, JsonObject *payload, gint64 customer_id, GError **error)
{
  static const char sql[] = "SELECT uid FROM customer WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    json_object_set_string_member (payload, "customer_uid", (const char *)sqlite3_column_text (stmt, 0));
  return TRUE;
}

typedef struct
{
  const PosUser *user;
  const PosUser *approver;
  gint64 customer_id;
  gint64 points;
  const char *note;
} LoyaltyAdjust;

static gboolean
adjust_in_transaction (PosStore *store, const LoyaltyAdjust *a, GError **error)
{
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *event_id = pos_journal_new_event_id ();
  gint64 entries_after = pos_event_rows_last_id (store, "loyalty_entry");

  key = customer_key (store, a->customer_id, error);
  if (key == NULL)
    return FALSE;
  json_object_set_string_member (payload, "customer", key);
  if (!set_customer_uid (store, payload, a->customer_id, error))
    return FALSE;
  json_object_set_int_member (payload, "points", a->points);
  json_object_set_string_member (payload, "note", a->note);
  json_object_set_string_member (payload, "user", a->user->name);
  pos_json_set_nullable_string (payload, "approver", a->approver ? a->approver->name : NULL);
  /* The entry first, so the event can list its digest. */
  if (!pos_loyalty_record_with_event (store, a->customer_id, a->points, "adjust", 0, event_id, error)
      || !pos_event_rows_add_event_rows (store, payload, event_id, G_MAXINT64, entries_after, error))
    return FALSE;
  detail = g_strdup_printf ("{\"customer_id\":%" G_GINT64_FORMAT ",\"points\":%" G_GINT64_FORMAT "}",
                            a->customer_id, a->points);
  return pos_audit_record_event (store, a->user, a->approver, "loyalty_adjust", 0, "loyalty.adjust", event_id,
                                 payload, detail, error);
}

gboolean
pos_loyalty_adjust (PosStore *store, const PosUser *user, const PosUser *approver, gint64 customer_id,
                    gint64 points, const char *note, GError **error)
{
  LoyaltyAdjust a = { user, approver, customer_id, points, note };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_CUSTOMER_DATA, approver, error))
    return FALSE;
  if (note == NULL || *note == '\0' || strlen (note) > POS_LOYALTY_NOTE_MAX)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("A points adjustment needs a note (up to %d bytes) "
                      "saying why"),
                   POS_LOYALTY_NOTE_MAX);
      return FALSE;
    }
  if (!pos_store_require_healthy (store, error))
    return FALSE;
  /* An import sets many opening balances in one transaction: join it. */
  if (pos_store_in_transaction (store))
    return adjust_in_transaction (store, &a, error);
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!adjust_in_transaction (store, &a, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}
