/* pos-report.c — X and Z reports of this till.
 *
 * Both cover the till's sales after the last sale counted by its previous
 * Z: the till's open Z period, whose running totals the schema's triggers
 * keep (see pos-report-period.c). A report reads those few rows, however
 * many sales the day had.
 */
#include "pos-report.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-fiscal.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-money.h"
#include "pos-permission.h"
#include "pos-report-private.h"
#include "pos-shift.h"
#include "pos-shop.h"
#include "pos-store-private.h"

/* The sales a report covers: this till's open Z period, after < id ≤ upto. */
typedef struct
{
  char *till_id;
  gint64 after;
  gint64 upto;
  gint64 prev_number; /* 0 before the first Z */
  char *prev_day;     /* the day the previous Z closed, or NULL */
  PosAmount prev_grand_total;
} Range;

static void
range_clear (Range *range)
{
  g_clear_pointer (&range->till_id, g_free);
  g_clear_pointer (&range->prev_day, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Range, range_clear)

/* Where the previous Z of the till left off. An empty Z covers no sale, so
 * the boundary is the newest Z that covered some. */
static gboolean
read_previous_z (PosStore *store, Range *range, GError **error)
{
  static const char last_sql[] = "SELECT number, business_day, grand_total FROM z_report "
                                 "WHERE till_id = ?1 ORDER BY number DESC LIMIT 1";
  static const char bound_sql[]
      = "SELECT last_sale FROM z_report WHERE till_id = ?1 AND last_sale IS NOT NULL "
        "ORDER BY number DESC LIMIT 1";
  g_autoptr (PosStmt) last = pos_store_prepare (store, last_sql, error);
  g_autoptr (PosStmt) bound = last != NULL ? pos_store_prepare (store, bound_sql, error) : NULL;
  int rc;

  if (bound == NULL)
    return FALSE;
  sqlite3_bind_text (last, 1, range->till_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, last, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      range->prev_number = sqlite3_column_int64 (last, 0);
      range->prev_day = pos_stmt_dup_text (last, 1);
      range->prev_grand_total = sqlite3_column_int64 (last, 2);
    }
  sqlite3_bind_text (bound, 1, range->till_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, bound, error);
  if (rc < 0)
    return FALSE;
  range->after = rc == SQLITE_ROW ? sqlite3_column_int64 (bound, 0) : 0;
  range->upto = G_MAXINT64;
  return TRUE;
}

/* A Z covers sales dated today or earlier; a sale dated later (a clock
 * that was set back) waits for the Z of its day. Walks the sales back from
 * the newest by id (+till_id: not every sale of the till by its
 * receipt-number index), the till's newest usually being the one. */
static gboolean
read_z_upto (PosStore *store, Range *range, const char *today, GError **error)
{
  static const char sql[] = "SELECT id FROM sale WHERE +till_id = ?1 AND id > ?2 AND +business_day <= ?3 "
                            "ORDER BY id DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, range->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, range->after);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  range->upto = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : range->after;
  return TRUE;
}

/* Binds the till and its open period: the number its next Z will get. */
static PosStmt *
prepare_period (PosStore *store, const char *sql, const Range *range, GError **error)
{
  PosStmt *stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, range->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, range->prev_number + 1);
  return stmt;
}

/* Counts and sums of the sale headers, then the amounts derived from them.
 * A period without sales has no row: the outer join gives nulls and zeros. */
static gboolean
add_totals (PosStore *store, const Range *range, JsonObject *body, GError **error)
{
  static const char sql[]
      = "SELECT p.first_sale AS first_sale, p.last_sale AS last_sale, p.first_day AS first_day, "
        "p.last_day AS last_day, ifnull (p.sales, 0) AS sales, "
        "ifnull (p.refunds, 0) AS refunds, ifnull (p.gross_sales, 0) AS gross_sales, "
        "ifnull (p.gross_refunds, 0) AS gross_refunds, ifnull (p.gross, 0) AS gross, "
        "ifnull (p.tax, 0) AS tax, ifnull (p.discounts, 0) AS discounts, ifnull (p.rounding, 0) AS rounding "
        "FROM (SELECT 1) LEFT JOIN z_period p ON p.till_id = ?1 AND p.number = ?2";
  g_autoptr (PosStmt) stmt = prepare_period (store, sql, range, error);
  PosAmount gross, net, total;

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW
      || !pos_report_read_row (store, stmt, body, error))
    return FALSE;
  gross = pos_json_get_int (body, "gross", 0);
  if (!pos_amount_sub (gross, pos_json_get_int (body, "tax", 0), &net, error)
      || !pos_amount_add (gross, pos_json_get_int (body, "rounding", 0), &total, error))
    return FALSE;
  json_object_set_int_member (body, "net", net);
  json_object_set_int_member (body, "total", total);
  return TRUE;
}

/* Sets @member to the receipt number of sale @id_member, or null. */
static gboolean
add_receipt (PosStore *store, JsonObject *body, const char *id_member, const char *member, GError **error)
{
  static const char sql[] = "SELECT receipt_no FROM sale WHERE id = ?1";
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id = pos_json_get_int (body, id_member, 0);

  json_object_set_null_member (body, member);
  if (id == 0)
    return TRUE;
  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  json_object_set_string_member (body, member, (const char *)sqlite3_column_text (stmt, 0));
  return TRUE;
}

/* Tax by code and rate, from the period's totals of sale_tax. */
static gboolean
add_taxes (PosStore *store, const Range *range, JsonObject *body, GError **error)
{
  static const char sql[]
      = "SELECT tax_code AS code, tax_rate_bp AS rate_bp, net, tax, gross "
        "FROM z_period_tax WHERE till_id = ?1 AND number = ?2 ORDER BY tax_code, tax_rate_bp";
  g_autoptr (PosStmt) stmt = prepare_period (store, sql, range, error);
  JsonArray *rows = stmt != NULL ? pos_report_read_rows (store, stmt, error) : NULL;

  if (rows == NULL)
    return FALSE;
  json_object_set_array_member (body, "taxes", rows);
  return TRUE;
}

/* Payments by method; a cash payment is what stayed in the drawer, the
 * change already taken off. */
static gboolean
add_payments (PosStore *store, const Range *range, JsonObject *body, GError **error)
{
  static const char sql[] = "SELECT method, count, amount, points FROM z_period_payment "
                            "WHERE till_id = ?1 AND number = ?2 ORDER BY method";
  g_autoptr (PosStmt) stmt = prepare_period (store, sql, range, error);
  JsonArray *rows = stmt != NULL ? pos_report_read_rows (store, stmt, error) : NULL;
  gint64 points = 0;

  if (rows == NULL)
    return FALSE;
  json_object_set_array_member (body, "payments", rows);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (pos_json_get_string (row, "method"), "points") == 0)
        points = pos_json_get_int (row, "points", 0);
    }
  json_object_set_int_member (body, "points_redeemed", points);
  return TRUE;
}

/* The cash that should be in the drawer of each open shift of the till. */
static gboolean
add_open_shifts (PosStore *store, const Range *range, JsonObject *body, GError **error)
{
  static const char sql[] = "SELECT id AS shift_id, user_id AS cashier_id, opened_at FROM shift "
                            "WHERE till_id = ?1 AND closed_at IS NULL ORDER BY id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (JsonArray) shifts = NULL;
  PosAmount expected = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, range->till_id, -1, SQLITE_STATIC);
  shifts = pos_report_read_rows (store, stmt, error);
  if (shifts == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (shifts); i++)
    {
      JsonObject *shift = json_array_get_object_element (shifts, i);

      if (!pos_shift_add_cash_summary (store, pos_json_get_int (shift, "shift_id", 0), shift, error)
          || !pos_amount_add (expected, pos_json_get_int (shift, "expected_cash", 0), &expected, error))
        return FALSE;
    }
  json_object_set_array_member (body, "shifts", g_steal_pointer (&shifts));
  json_object_set_int_member (body, "expected_cash", expected);
  return TRUE;
}

/* The content X and Z share. */
static gboolean
build_body (PosStore *store, const Range *range, const char *type, JsonObject *body, GError **error)
{
  const PosCurrency *currency = pos_shop_currency (store);

  json_object_set_string_member (body, "type", type);
  json_object_set_string_member (body, "till_id", range->till_id);
  json_object_set_string_member (body, "currency", currency->code);
  return add_totals (store, range, body, error)
         && add_receipt (store, body, "first_sale", "first_receipt", error)
         && add_receipt (store, body, "last_sale", "last_receipt", error)
         && add_taxes (store, range, body, error) && add_payments (store, range, body, error)
         && add_open_shifts (store, range, body, error);
}

static JsonNode *
object_node (JsonObject *object)
{
  return json_node_init_object (json_node_alloc (), object);
}

/*
 * The X report. Its queries run in one read transaction so they all see
 * the same sales, even while the till keeps selling on another connection.
 */
JsonNode *
pos_report_x (PosStore *store, GError **error)
{
  g_auto (Range) range = { 0 };
  g_autoptr (JsonObject) body = json_object_new ();
  g_autofree char *today = pos_report_today ();
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  gboolean own_transaction, ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  own_transaction = !pos_store_in_transaction (store);
  if (own_transaction && !pos_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;
  range.till_id = pos_journal_till_id (store);
  ok = read_previous_z (store, &range, error) && build_body (store, &range, "X", body, error);
  if (own_transaction)
    pos_store_rollback (store);
  if (!ok)
    return NULL;
  json_object_set_string_member (body, "business_day", today);
  json_object_set_string_member (body, "generated_at", now);
  return object_node (body);
}

static char *
next_day (const char *day)
{
  g_autoptr (GDate) date = g_date_new ();
  char text[16];

  g_date_set_dmy (date, (GDateDay)g_ascii_strtoull (day + 8, NULL, 10),
                  (GDateMonth)g_ascii_strtoull (day + 5, NULL, 10),
                  (GDateYear)g_ascii_strtoull (day, NULL, 10));
  g_date_add_days (date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* The day a Z closes: the oldest day of its sales (today when it has none),
 * moved past the day the previous Z closed. NULL with POS_ERROR_ALREADY_DONE
 * when that is after today. */
static char *
z_business_day (const Range *range, const char *first_day, const char *today, GError **error)
{
  g_autofree char *day = g_strdup (first_day != NULL ? first_day : today);

  g_assert (range->prev_day == NULL || pos_report_is_day (range->prev_day));
  if (range->prev_day != NULL && strcmp (day, range->prev_day) <= 0)
    {
      g_free (day);
      day = next_day (range->prev_day);
    }
  if (strcmp (day, today) > 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE,
                   _ ("The business day %s is closed already (Z %lld); later sales go in the next day's Z"),
                   range->prev_day, (long long)range->prev_number);
      return NULL;
    }
  return g_steal_pointer (&day);
}

static void
bind_member_or_null (PosStmt *stmt, int index, JsonObject *body, const char *member)
{
  gint64 value = pos_json_get_int (body, member, 0);

  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_z (PosStore *store, JsonObject *body, const char *text, GError **error)
{
  static const char sql[] = "INSERT INTO z_report (till_id, number, business_day, closed_at, closed_by, "
                            "first_sale, last_sale, total, grand_total, body) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pos_json_get_string (body, "till_id"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pos_json_get_int (body, "number", 0));
  sqlite3_bind_text (stmt, 3, pos_json_get_string (body, "business_day"), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pos_json_get_string (body, "closed_at"), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, pos_json_get_int (body, "closed_by_id", 0));
  bind_member_or_null (stmt, 6, body, "first_sale");
  bind_member_or_null (stmt, 7, body, "last_sale");
  sqlite3_bind_int64 (stmt, 8, pos_json_get_int (body, "total", 0));
  sqlite3_bind_int64 (stmt, 9, pos_json_get_int (body, "grand_total", 0));
  sqlite3_bind_text (stmt, 10, text, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* Number, day, grand total and who closed it: what makes a body a Z. */
static gboolean
stamp_z (const Range *range, const PosUser *user, const PosUser *approver, const char *today,
         JsonObject *body, GError **error)
{
  g_autofree char *day = z_business_day (range, pos_json_get_string (body, "first_day"), today, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  PosAmount grand_total;

  if (day == NULL
      || !pos_amount_add (range->prev_grand_total, pos_json_get_int (body, "total", 0), &grand_total, error))
    return FALSE;
  json_object_set_int_member (body, "number", range->prev_number + 1);
  json_object_set_string_member (body, "business_day", day);
  json_object_set_int_member (body, "grand_total", grand_total);
  json_object_set_string_member (body, "closed_at", now);
  json_object_set_int_member (body, "closed_by_id", user->id);
  json_object_set_string_member (body, "closed_by", user->name);
  if (approver != NULL)
    json_object_set_string_member (body, "approved_by", approver->name);
  return TRUE;
}

/* The day close keeps the closing stock of the day before today (today may
 * still take moves), so that valuations at a date stay quick
 * (pos-report-stock-close.c). */
static gboolean
close_stock (PosStore *store, const char *today, GError **error)
{
  GDate date;
  char day[16];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay)g_ascii_strtoll (today + 8, NULL, 10),
                  (GDateMonth)g_ascii_strtoll (today + 5, NULL, 10),
                  (GDateYear)g_ascii_strtoll (today, NULL, 10));
  g_date_subtract_days (&date, 1);
  g_date_strftime (day, sizeof day, "%Y-%m-%d", &date);
  return pos_report_stock_close (store, day, error);
}

/* The body of pos_report_z(), inside its transaction. */
static gboolean
z_in_transaction (PosStore *store, const PosUser *user, const PosUser *approver, JsonObject *body,
                  GError **error)
{
  g_auto (Range) range = { 0 };
  g_autofree char *today = pos_report_today ();
  g_autoptr (JsonNode) node = object_node (body);
  g_autoptr (JsonObject) detail = json_object_new ();
  g_autoptr (JsonNode) detail_node = object_node (detail);
  g_autofree char *text = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *event_id = pos_journal_new_event_id ();

  range.till_id = pos_journal_till_id (store);
  if (!read_previous_z (store, &range, error) || !read_z_upto (store, &range, today, error)
      || !pos_report_period_settle (store, range.till_id, range.prev_number + 1, range.after, range.upto,
                                    error)
      || !build_body (store, &range, "Z", body, error)
      || !stamp_z (&range, user, approver, today, body, error))
    return FALSE;

  text = pos_json_canonical (node, error);
  if (text == NULL || !insert_z (store, body, text, error) || !close_stock (store, today, error))
    return FALSE;
  json_object_set_int_member (detail, "number", pos_json_get_int (body, "number", 0));
  json_object_set_string_member (detail, "business_day", pos_json_get_string (body, "business_day"));
  json_object_set_int_member (detail, "total", pos_json_get_int (body, "total", 0));
  detail_text = pos_json_canonical (detail_node, error);
  /* the cash of shifts still open is carried into the next closing: the
   * fiscal law's record of it */
  return detail_text != NULL
         && pos_audit_record_event (store, user, approver, pos_action_to_string (POS_ACTION_CLOSE_DAY), 0,
                                    "report.z", event_id, body, detail_text, error)
         && pos_fiscal_record_money_move (store, "report.z", event_id, error);
}

/*
 * The Z report. Reading the range, summing it and storing the Z share one
 * BEGIN IMMEDIATE transaction, so no sale can be rung up between the sum
 * and the record that says it was counted.
 */
JsonNode *
pos_report_z (PosStore *store, const PosUser *user, const PosUser *approver, GError **error)
{
  g_autoptr (JsonObject) body = json_object_new ();

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pos_permission_check (user, POS_ACTION_CLOSE_DAY, approver, error))
    return NULL;
  if (!pos_store_begin (store, error))
    return NULL;
  if (!z_in_transaction (store, user, approver, body, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  if (!pos_store_commit (store, error))
    return NULL;
  return object_node (body);
}

JsonNode *
pos_report_z_get (PosStore *store, gint64 number, GError **error)
{
  static const char sql[] = "SELECT body FROM z_report WHERE till_id = ?1 AND number = ?2";
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *till_id = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  till_id = pos_journal_till_id (store);
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Till %s has no Z report number %lld"), till_id,
                   (long long)number);
      return NULL;
    }
  return pos_json_parse ((const char *)sqlite3_column_text (stmt, 0), error);
}
