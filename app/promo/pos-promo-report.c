/* pos-promo-report.c — what promotions cost (see pos-promo-report.h). */
#include "pos-promo-report.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-clock.h"
#include "pos-json.h"
#include "pos-shop.h"
#include "pos-store-private.h"

static gboolean
is_day (const char *text)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *midnight = NULL;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  midnight = g_strconcat (text, "T00:00:00Z", NULL);
  dt = g_date_time_new_from_iso8601 (midnight, NULL);
  return dt != NULL;
}

static gboolean
read_days (const char *from_day, const char *to_day, char **from, char **to, GError **error)
{
  g_autofree char *today = pos_clock_business_day (pos_clock_now_us ());

  *from = g_strdup (from_day != NULL ? from_day : today);
  *to = g_strdup (to_day != NULL ? to_day : today);
  if (!is_day (*from) || !is_day (*to))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"),
                        is_day (*from) ? *to : *from),
           FALSE;
  if (strcmp (*from, *to) > 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The report starts (%s) after it ends (%s)"),
                        *from, *to),
           FALSE;
  return TRUE;
}

static JsonObject *
read_row (PosStmt *stmt)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "uid", (const char *)sqlite3_column_text (stmt, 0));
  json_object_set_string_member (o, "name", (const char *)sqlite3_column_text (stmt, 1));
  json_object_set_int_member (o, "sales", sqlite3_column_int64 (stmt, 2));
  json_object_set_int_member (o, "given", sqlite3_column_int64 (stmt, 3));
  json_object_set_int_member (o, "refunded", sqlite3_column_int64 (stmt, 4));
  json_object_set_int_member (o, "cost", sqlite3_column_int64 (stmt, 3) + sqlite3_column_int64 (stmt, 4));
  return o;
}

JsonNode *
pos_promo_report (PosStore *store, const char *from_day, const char *to_day, GError **error)
{
  /* The name is the newest one the promotion had on a sale in the range. */
  static const char sql[]
      = "SELECT a.promotion_uid, (SELECT b.name FROM sale_line_promotion b WHERE b.promotion_uid = "
        "a.promotion_uid ORDER BY b.sale_line_id DESC LIMIT 1), count (DISTINCT CASE WHEN s.kind = 'sale' "
        "THEN "
        "s.id END), sum (CASE WHEN s.kind = 'sale' THEN a.amount ELSE 0 END), sum (CASE WHEN s.kind = "
        "'refund' THEN a.amount ELSE 0 END) FROM sale s JOIN sale_line l ON l.sale_id = s.id JOIN "
        "sale_line_promotion a ON a.sale_line_id = l.id WHERE s.business_day BETWEEN ?1 AND ?2 "
        "GROUP BY a.promotion_uid ORDER BY 4 DESC, 1";
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (JsonObject) report = json_object_new ();
  JsonArray *rows = json_array_new ();
  PosAmount cost = 0;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  json_object_set_array_member (report, "promotions", rows);
  if (!read_days (from_day, to_day, &from, &to, error)
      || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      JsonObject *row = read_row (stmt);
      cost += json_object_get_int_member (row, "cost");
      json_array_add_object_element (rows, row);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  json_object_set_string_member (report, "from", from);
  json_object_set_string_member (report, "to", to);
  json_object_set_int_member (report, "cost", cost);
  return json_node_init_object (json_node_alloc (), report);
}

char *
pos_promo_report_text (PosStore *store, JsonNode *report)
{
  JsonObject *o = json_node_get_object (report);
  JsonArray *rows = json_object_get_array_member (o, "promotions");
  const PosCurrency *currency = pos_shop_currency (store);
  GString *out = g_string_new (NULL);
  g_autofree char *total = pos_amount_format (json_object_get_int_member (o, "cost"), currency);

  g_string_append_printf (out, _ ("Promotions %s to %s\n"), json_object_get_string_member (o, "from"),
                          json_object_get_string_member (o, "to"));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *cost = pos_amount_format (json_object_get_int_member (row, "cost"), currency);
      g_autofree char *sales = g_strdup_printf (
          g_dngettext (NULL, "%lld sale", "%lld sales", (gulong)json_object_get_int_member (row, "sales")),
          (long long)json_object_get_int_member (row, "sales"));

      g_string_append_printf (out, "  %-32s %12s %14s\n", json_object_get_string_member (row, "name"), sales,
                              cost);
    }
  g_string_append_printf (out, "  %-32s %12s %14s\n", _ ("Total cost"), "", total);
  return g_string_free (out, FALSE);
}
