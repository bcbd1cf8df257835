/* pos-report-sales.c — sales over a range of business days, grouped.
 *
 * All tills of the store. Days come from sale_day, the daily summary kept by
 * trigger, so a month is a few dozen rows whatever the shop sold; the other
 * groupings need the sales of the range and reach them through the
 * sale_business_day index, then each sale's lines, taxes or payments
 * through their sale_id indexes.
 */
#include "pos-report.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-i18n.h"
#include "pos-json.h"
#include "pos-money.h"
#include "pos-report-private.h"
#include "pos-shop.h"
#include "pos-shift.h"
#include "pos-store-private.h"

#define IN_DAYS "s.business_day BETWEEN ?1 AND ?2"
/* A line's cost: its unit cost as sold × its quantity, rounded half away
 * from zero (a refund's cost is negative). */
#define LINE_COST "((l.cost * l.qty + CASE WHEN l.qty < 0 THEN -500 ELSE 500 END) / 1000)"
/* Margin is net − cost over the lines whose cost is known; "uncosted"
 * counts the others, so a margin is never silently flattered. */
#define COST_SUMS                                                                                            \
  "sum (" LINE_COST ") AS cost, sum (l.line_total - l.tax_amount - " LINE_COST ") AS margin, "               \
  "sum (l.cost IS NULL) AS uncosted "
#define LINE_SUMS                                                                                            \
  "sum (l.qty) AS qty, sum (l.line_total) AS gross, sum (l.tax_amount) AS tax, "                             \
  "sum (l.line_total) - sum (l.tax_amount) AS net, sum (l.discount) AS discounts, " COST_SUMS
#define SALE_SUMS                                                                                            \
  "sum (s.kind = 'sale') AS sales, sum (s.kind = 'refund') AS refunds, sum (s.total) AS gross, "             \
  "sum (s.tax_total) AS tax, sum (s.total) - sum (s.tax_total) AS net "

static const char by_day_sql[]
    = "SELECT business_day AS day, sum (sales) AS sales, sum (refunds) AS refunds, sum (total) AS total, "
      "sum (tax_total) AS tax, sum (total) - sum (tax_total) AS net FROM sale_day "
      "WHERE business_day BETWEEN ?1 AND ?2 GROUP BY business_day ORDER BY business_day";

/* Cost and margin need the lines, so they have a grouping of their own:
 * "day" stays a read of the daily summary over any range. */
static const char by_day_margin_sql[]
    = "SELECT s.business_day AS day, " LINE_SUMS "FROM sale s JOIN sale_line l ON l.sale_id = s.id "
      "WHERE " IN_DAYS " GROUP BY s.business_day ORDER BY s.business_day";

/* The name and product of the newest line of each sku: the bare columns
 * of the row where max (l.id) is found. */
static const char by_product_sql[]
    = "SELECT l.product_id AS product_id, l.sku AS sku, l.name AS name, max (l.id) AS _newest, " LINE_SUMS
      "FROM sale s JOIN sale_line l ON l.sale_id = s.id WHERE " IN_DAYS " "
      "GROUP BY l.sku ORDER BY gross DESC, l.sku";

static const char by_category_sql[]
    = "SELECT p.category_id AS category_id, c.name AS category, " LINE_SUMS
      "FROM sale s JOIN sale_line l ON l.sale_id = s.id LEFT JOIN product p ON p.id = l.product_id "
      "LEFT JOIN category c ON c.id = p.category_id WHERE " IN_DAYS " "
      "GROUP BY p.category_id ORDER BY gross DESC, c.name";

/* By the supplier each product is usually ordered from, as it is now. */
static const char by_supplier_sql[]
    = "SELECT p.supplier_id AS supplier_id, su.name AS supplier, " LINE_SUMS
      "FROM sale s JOIN sale_line l ON l.sale_id = s.id LEFT JOIN product p ON p.id = l.product_id "
      "LEFT JOIN supplier su ON su.id = p.supplier_id WHERE " IN_DAYS " "
      "GROUP BY p.supplier_id ORDER BY gross DESC, su.name";

static const char by_line_sql[]
    = "SELECT s.receipt_no AS receipt, s.business_day AS day, l.line_no AS line_no, l.sku AS sku, "
      "l.name AS name, l.qty AS qty, l.line_total AS gross, l.tax_amount AS tax, "
      "l.line_total - l.tax_amount AS net, l.cost AS unit_cost, " LINE_COST " AS cost, "
      "l.line_total - l.tax_amount - " LINE_COST " AS margin "
      "FROM sale s JOIN sale_line l ON l.sale_id = s.id WHERE " IN_DAYS " ORDER BY s.id, l.line_no";

static const char by_hour_sql[]
    = "SELECT CAST (strftime ('%H', s.created_at, 'localtime') AS INTEGER) AS hour, " SALE_SUMS
      "FROM sale s WHERE " IN_DAYS " GROUP BY hour ORDER BY hour";

static const char by_cashier_sql[] = "SELECT s.user_id AS user_id, u.name AS cashier, " SALE_SUMS
                                     "FROM sale s LEFT JOIN user u ON u.id = s.user_id WHERE " IN_DAYS " "
                                     "GROUP BY s.user_id ORDER BY gross DESC, u.name";

static const char by_tax_sql[]
    = "SELECT t.tax_code AS code, t.tax_rate_bp AS rate_bp, sum (t.net) AS net, sum (t.tax) AS tax, "
      "sum (t.gross) AS gross FROM sale s JOIN sale_tax t ON t.sale_id = s.id WHERE " IN_DAYS " "
      "GROUP BY t.tax_code, t.tax_rate_bp ORDER BY t.tax_code, t.tax_rate_bp";

/* A cash payment records what stayed in the drawer (the change is already off). */
static const char by_payment_sql[]
    = "SELECT method, sum (n) AS count, sum (amount) AS amount, sum (points) AS points FROM ("
      " SELECT p.method AS method, 1 AS n, p.amount AS amount, p.points AS points"
      " FROM sale s JOIN payment p ON p.sale_id = s.id WHERE " IN_DAYS ") "
      "GROUP BY method ORDER BY amount DESC, method";

typedef struct
{
  const char *name;
  const char *sql;
  const char *const totals[9]; /* the columns summed into totals, NULL-terminated */
} Grouping;

static const Grouping groupings[] = {
  [POS_REPORT_BY_DAY] = { "day", by_day_sql, { "sales", "refunds", "total", "tax", "net", NULL } },
  [POS_REPORT_BY_PRODUCT]
  = { "product", by_product_sql, { "gross", "tax", "net", "discounts", "cost", "margin", "uncosted", NULL } },
  [POS_REPORT_BY_CATEGORY] = { "category",
                               by_category_sql,
                               { "gross", "tax", "net", "discounts", "cost", "margin", "uncosted", NULL } },
  [POS_REPORT_BY_HOUR] = { "hour", by_hour_sql, { "sales", "refunds", "gross", "tax", "net", NULL } },
  [POS_REPORT_BY_CASHIER]
  = { "cashier", by_cashier_sql, { "sales", "refunds", "gross", "tax", "net", NULL } },
  [POS_REPORT_BY_TAX] = { "tax", by_tax_sql, { "net", "tax", "gross", NULL } },
  [POS_REPORT_BY_PAYMENT] = { "payment", by_payment_sql, { "count", "amount", "points", NULL } },
  [POS_REPORT_BY_SUPPLIER] = { "supplier",
                               by_supplier_sql,
                               { "gross", "tax", "net", "discounts", "cost", "margin", "uncosted", NULL } },
  [POS_REPORT_BY_LINE] = { "line", by_line_sql, { "gross", "tax", "net", "cost", "margin", NULL } },
  [POS_REPORT_BY_DAY_MARGIN] = { "day-margin",
                                 by_day_margin_sql,
                                 { "gross", "tax", "net", "discounts", "cost", "margin", "uncosted", NULL } },
};

gboolean
pos_report_by_parse (const char *text, PosReportBy *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (groupings); i++)
    if (g_ascii_strcasecmp (text, groupings[i].name) == 0)
      {
        *out = (PosReportBy)i;
        return TRUE;
      }
  return FALSE;
}

const char *
pos_report_by_to_string (PosReportBy by)
{
  g_return_val_if_fail ((guint)by < G_N_ELEMENTS (groupings), NULL);
  return groupings[by].name;
}

/* Sums the grouping's total columns over the (already aggregated) rows. */
static JsonObject *
sum_rows (const Grouping *grouping, JsonArray *rows, GError **error)
{
  g_autoptr (JsonObject) totals = json_object_new ();

  for (guint k = 0; grouping->totals[k] != NULL; k++)
    {
      PosAmount sum = 0;

      for (guint i = 0; i < json_array_get_length (rows); i++)
        if (!pos_amount_add (
                sum, pos_json_get_int (json_array_get_object_element (rows, i), grouping->totals[k], 0), &sum,
                error))
          return NULL;
      json_object_set_int_member (totals, grouping->totals[k], sum);
    }
  return g_steal_pointer (&totals);
}

/* Checks the days asked for; fills in today for a missing one. */
static gboolean
read_days (const char *from_day, const char *to_day, char **from, char **to, GError **error)
{
  g_autofree char *today = pos_report_today ();

  *from = g_strdup (from_day != NULL ? from_day : today);
  *to = g_strdup (to_day != NULL ? to_day : today);
  if (!pos_report_is_day (*from) || !pos_report_is_day (*to))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"),
                   pos_report_is_day (*from) ? *to : *from);
      return FALSE;
    }
  if (strcmp (*from, *to) > 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The report starts (%s) after it ends (%s)"),
                   *from, *to);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
pos_report_sales (PosStore *store, const char *from_day, const char *to_day, PosReportBy by, GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (JsonObject) report = json_object_new ();
  g_autoptr (JsonArray) rows = NULL;
  const PosCurrency *currency;
  JsonObject *totals;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail ((guint)by < G_N_ELEMENTS (groupings), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_days (from_day, to_day, &from, &to, error))
    return NULL;
  currency = pos_shop_currency (store);
  stmt = pos_store_prepare (store, groupings[by].sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  rows = pos_report_read_rows (store, stmt, error);
  totals = rows != NULL ? sum_rows (&groupings[by], rows, error) : NULL;
  if (totals == NULL)
    return NULL;

  json_object_set_string_member (report, "from", from);
  json_object_set_string_member (report, "to", to);
  json_object_set_string_member (report, "by", groupings[by].name);
  json_object_set_string_member (report, "currency", currency->code);
  json_object_set_array_member (report, "rows", g_steal_pointer (&rows));
  json_object_set_object_member (report, "totals", totals);
  return json_node_init_object (json_node_alloc (), report);
}

/* ---- in a worker --------------------------------------------------------- */

typedef struct
{
  char *store_path;
  char *from_day;
  char *to_day;
  PosReportBy by;
} SalesJob;

static void
sales_job_free (SalesJob *job)
{
  g_free (job->store_path);
  g_free (job->from_day);
  g_free (job->to_day);
  g_free (job);
}

static void
sales_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SalesJob *job = task_data;
  g_autoptr (PosStore) store = NULL;
  GError *error = NULL;
  JsonNode *report = NULL;

  store = pos_store_open (job->store_path, POS_STORE_OPEN_READONLY | POS_STORE_OPEN_NO_CHECK, &error);
  if (store != NULL)
    report = pos_report_sales (store, job->from_day, job->to_day, job->by, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify)json_node_unref);
}

void
pos_report_sales_async (const char *store_path, const char *from_day, const char *to_day, PosReportBy by,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SalesJob *job;

  g_return_if_fail (store_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  job = g_new0 (SalesJob, 1);
  job->store_path = g_strdup (store_path);
  job->from_day = g_strdup (from_day);
  job->to_day = g_strdup (to_day);
  job->by = by;
  g_task_set_source_tag (task, pos_report_sales_async);
  g_task_set_task_data (task, job, (GDestroyNotify)sales_job_free);
  pos_i18n_run_in_thread (task, sales_thread);
}

JsonNode *
pos_report_sales_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_report_sales_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
