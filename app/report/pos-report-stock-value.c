/* pos-report-stock-value.c — stock valued at cost at the end of a day.
 *
 * The level of each product then is the sum of its stock moves made before
 * the day ended (Invariant 4 holds at every instant, not only now); its cost
 * then is the newest value in cost_change from before that moment, or the
 * product's cost when it never changed (docs/ARCHITECTURE.md, "Cost and
 * margin"). Stock at or below zero is worth nothing. The total starts from
 * the shop's closing stock when there is one (pos-report-stock-close.c).
 */
#include "pos-report.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-json.h"
#include "pos-money.h"
#include "pos-report-private.h"
#include "pos-shop.h"

/* Each product in stock then, with its level and its unit cost then. */
#define VALUED_SQL                                                                                           \
  " SELECT p.id AS product_id, p.sku AS sku, p.name AS name, v.qty AS qty, coalesce ("                       \
  "  (SELECT c.cost FROM cost_change c WHERE c.product_id = v.product_id AND c.changed_at < ?1"              \
  "   ORDER BY c.changed_at DESC, c.id DESC LIMIT 1), p.cost) AS unit_cost"                                  \
  " FROM (SELECT product_id, sum (qty) AS qty FROM stock_move WHERE created_at < ?1"                         \
  "       AND shop_id = (SELECT shop_id FROM local_shop)"                                                    \
  "       GROUP BY product_id) v JOIN product p ON p.id = v.product_id WHERE v.qty > 0"

static const char value_sql[] = "SELECT product_id, sku, name, qty, unit_cost, (qty * unit_cost + 500) / "
                                "1000 AS value FROM (" VALUED_SQL ") ORDER BY sku";

/* The same rows summed up by SQLite, each rounded as value_sql rounds it. */
static const char total_sql[]
    = "SELECT coalesce (sum ((qty * unit_cost + 500) / 1000), 0), count (*) - count "
      "(unit_cost) FROM (" VALUED_SQL ")";

char *
pos_report_end_of_day (const char *day)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr (GDateTime) start
      = g_date_time_new (zone, (int)g_ascii_strtoll (day, NULL, 10), (int)g_ascii_strtoll (day + 5, NULL, 10),
                         (int)g_ascii_strtoll (day + 8, NULL, 10), 0, 0, 0);
  g_autoptr (GDateTime) end = g_date_time_add_days (start, 1);

  return pos_clock_iso_utc (g_date_time_to_unix (end) * G_USEC_PER_SEC);
}

/* Adds the values up; counts the products in stock with no cost. */
static gboolean
add_up (JsonArray *rows, JsonObject *report, GError **error)
{
  PosAmount total = 0;
  gint64 uncosted = 0;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (json_object_get_null_member (row, "unit_cost"))
        uncosted++;
      else if (!pos_amount_add (total, pos_json_get_int (row, "value", 0), &total, error))
        return FALSE;
    }
  json_object_set_int_member (report, "value", total);
  json_object_set_int_member (report, "uncosted", uncosted);
  return TRUE;
}

gboolean
pos_report_stock_value_total (PosStore *store, const char *day, PosAmount *value, gint64 *uncosted,
                              GError **error)
{
  g_autofree char *until = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  gint64 close_uncosted = 0;
  gboolean closed = FALSE;
  int rc;

  g_return_val_if_fail (store != NULL && day != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_report_is_day (day))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"),
                        day),
           FALSE;
  until = pos_report_end_of_day (day);
  if (!pos_report_stock_close_value (store, until, value, &close_uncosted, &closed, error))
    return FALSE;
  if (closed)
    {
      if (uncosted != NULL)
        *uncosted = close_uncosted;
      return TRUE;
    }
  /* No close yet: every move counts. */
  if ((stmt = pos_store_prepare (store, total_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, until, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return pos_store_set_error (store, rc, error, "value the stock");
  *value = sqlite3_column_int64 (stmt, 0);
  if (uncosted != NULL)
    *uncosted = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

JsonNode *
pos_report_stock_value (PosStore *store, const char *day, GError **error)
{
  g_autofree char *at = day != NULL ? g_strdup (day) : pos_report_today ();
  g_autofree char *until = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (JsonObject) report = json_object_new ();
  JsonArray *rows;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pos_report_is_day (at))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"), at);
      return NULL;
    }
  until = pos_report_end_of_day (at);
  if ((stmt = pos_store_prepare (store, value_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, until, -1, SQLITE_STATIC);
  if ((rows = pos_report_read_rows (store, stmt, error)) == NULL)
    return NULL;
  json_object_set_string_member (report, "at", at);
  json_object_set_string_member (report, "currency", pos_shop_currency (store)->code);
  json_object_set_array_member (report, "rows", rows);
  if (!add_up (rows, report, error))
    return NULL;
  return json_node_init_object (json_node_alloc (), report);
}
