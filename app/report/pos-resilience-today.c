/* pos-resilience-today.c — how the shop is doing: today against the same
 * weekday last week and the last four, sales by hour, and last month's top
 * and bottom products and categories.
 *
 * Takings and receipts come from sale_day (a row per day and till); the
 * margin by day, the products and categories from the summary beside the
 * store (pos-resilience-summary.c).
 */
#include "pos-resilience-private.h"

#include <string.h>

typedef struct
{
  gint64 takings, receipts, costed_net, cost, recorded_net;
} Day;

static const char day_totals_sql[] = "SELECT sum (total), sum (sales) FROM sale_day WHERE business_day = ?1";

static const char day_margin_sql[]
    = "SELECT costed_net, cost, recorded_net FROM summary.day_margin WHERE day = ?1";

static const char by_hour_sql[]
    = "SELECT CAST (strftime ('%H', created_at, 'localtime') AS INTEGER) AS hour, sum (total) "
      "FROM sale WHERE business_day = ?1 GROUP BY hour ORDER BY hour";

/* Last month's keys of @dim, largest (or smallest) first, with names: in
 * the order of the summary's index, so only five rows are read. */
#define TOP_SQL(order)                                                                                       \
  "SELECT k.key, k.gross, CASE ?2"                                                                           \
  " WHEN 'product' THEN (SELECT name FROM product WHERE sku = k.key)"                                        \
  " WHEN 'category' THEN ifnull ((SELECT name FROM category WHERE id = k.key), 'No category') END "          \
  "FROM summary.month_key k WHERE k.dim = ?2 AND k.month = ?1 ORDER BY k.gross " order " LIMIT 5"

static const char largest_sql[] = TOP_SQL ("DESC");
static const char smallest_sql[] = TOP_SQL ("ASC");

static gboolean
read_day (PosStore *store, const char *day, Day *out, GError **error)
{
  g_autoptr (PosStmt) totals = pos_store_prepare (store, day_totals_sql, error);
  g_autoptr (PosStmt) margin = totals != NULL ? pos_store_prepare (store, day_margin_sql, error) : NULL;
  gint64 row[3];

  if (margin == NULL)
    return FALSE;
  sqlite3_bind_text (totals, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (margin, 1, day, -1, SQLITE_TRANSIENT);
  if (!pos_resilience_query_ints (store, totals, row, 2, 0, error))
    return FALSE;
  out->takings = row[0], out->receipts = row[1];
  if (!pos_resilience_query_ints (store, margin, row, 3, 0, error))
    return FALSE;
  out->costed_net = row[0], out->cost = row[1], out->recorded_net = row[2];
  return TRUE;
}

/* Today (0), the same weekday last week (1) and the four weeks' sum (2). */
static gboolean
read_days (PosResilienceRun *run, Day days[3], GError **error)
{
  memset (days, 0, 3 * sizeof (Day));
  if (!read_day (run->store, run->today, &days[0], error))
    return FALSE;
  for (int week = 1; week <= 4; week++)
    {
      g_autofree char *day = pos_resilience_day_offset (run->today, 7 * week);
      Day d;

      if (!read_day (run->store, day, &d, error))
        return FALSE;
      if (week == 1)
        days[1] = d;
      days[2].takings += d.takings, days[2].receipts += d.receipts;
      days[2].costed_net += d.costed_net, days[2].cost += d.cost, days[2].recorded_net += d.recorded_net;
    }
  return TRUE;
}

static void
money_figure (PosResilienceRun *run, JsonObject *section, const char *id, const char *label, gint64 now,
              gint64 week, gint64 four, const char *explains, const char *good)
{
  g_autofree char *a = pos_amount_format (now, run->currency);
  g_autofree char *b = pos_amount_format (week, run->currency);
  g_autofree char *c = pos_amount_format (four, run->currency);
  g_autofree char *text = g_strdup_printf (_ ("%s (same day last week %s, 4-week average %s)"), a, b, c);

  pos_resilience_figure (section, id, label, pos_resilience_int (now), text, "info", explains, good);
}

static void
receipts_figure (JsonObject *section, const Day days[3])
{
  g_autofree char *text = g_strdup_printf (_ ("%lld (same day last week %lld, 4-week average %lld)"),
                                           (long long)days[0].receipts, (long long)days[1].receipts,
                                           (long long)days[2].receipts / 4);

  pos_resilience_figure (section, "receipts", _ ("Receipts today"), pos_resilience_int (days[0].receipts),
                         text, "info", _ ("How many sales were rung up today."),
                         _ ("At or above the same weekday in earlier weeks."));
}

static gint64
basket (gint64 takings, gint64 receipts)
{
  return receipts > 0 ? takings / receipts : 0;
}

static double
margin_of (const Day *d)
{
  return d->costed_net > 0 ? (double)(d->costed_net - d->cost) / (double)d->costed_net : 0.0;
}

static void
margin_figure (JsonObject *section, const Day days[3])
{
  const char *explains
      = _ ("What is left of today's net sales after the cost of goods: recorded at sale, else today's cost.");
  const char *good = _ ("Steady or rising against the same day in earlier weeks.");
  g_autofree char *now = pos_resilience_percent_text (margin_of (&days[0]));
  g_autofree char *week = pos_resilience_percent_text (margin_of (&days[1]));
  g_autofree char *four = pos_resilience_percent_text (margin_of (&days[2]));
  g_autofree char *recorded = pos_resilience_percent_text (
      days[0].costed_net > 0 ? (double)days[0].recorded_net / (double)days[0].costed_net : 0.0);
  g_autofree char *text = NULL;

  if (days[0].costed_net <= 0)
    {
      pos_resilience_figure (section, "margin", _ ("Margin"), NULL,
                             _ ("Needs sales today of products that have a cost price"), "missing", explains,
                             good);
      return;
    }
  text = g_strdup_printf (_ ("%s (same day last week %s, 4-week %s; %s of today's costed sales with a cost "
                             "recorded at sale)"),
                          now, week, four, recorded);
  pos_resilience_figure (section, "margin", _ ("Margin"), pos_resilience_real (margin_of (&days[0])), text,
                         "info", explains, good);
}

static gboolean
hour_chart (PosResilienceRun *run, JsonObject *section, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, by_hour_sql, error);
  JsonObject *chart;
  int rc;

  if (stmt == NULL)
    return FALSE;
  chart = pos_resilience_chart (section, "by_hour", "bar", _ ("Sales by hour today"),
                                _ ("Bar chart of today's takings for each hour the shop sold something."));
  sqlite3_bind_text (stmt, 1, run->today, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (run->store, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *label = g_strdup_printf ("%02d", sqlite3_column_int (stmt, 0));

      pos_resilience_chart_add (chart, label,
                                pos_resilience_major (sqlite3_column_int64 (stmt, 1), run->currency));
    }
  return rc == SQLITE_DONE;
}

/* Last month's five largest (@largest) or smallest keys of @dim, as
 * chart rows and as "name (amount), …". */
static gboolean
read_top (PosResilienceRun *run, const char *dim, gboolean largest, JsonObject *chart, GString *names,
          GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, largest ? largest_sql : smallest_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->month, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dim, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (run->store, stmt, error)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 2);
      gint64 gross = sqlite3_column_int64 (stmt, 1);
      g_autofree char *amount = pos_amount_format (gross, run->currency);

      name = name != NULL ? name : (const char *)sqlite3_column_text (stmt, 0);
      if (chart != NULL)
        pos_resilience_chart_add (chart, name, pos_resilience_major (gross, run->currency));
      if (names != NULL)
        g_string_append_printf (names, "%s%s (%s)", names->len ? ", " : "", name, amount);
    }
  return rc == SQLITE_DONE;
}

static gboolean
month_products (PosResilienceRun *run, JsonObject *section, GError **error)
{
  g_autofree char *title = g_strdup_printf (_ ("Top products in %s"), run->month);
  g_autofree char *cats = g_strdup_printf (_ ("Top categories in %s"), run->month);
  g_autoptr (GString) bottom = g_string_new (NULL);
  g_autoptr (GString) top_categories = g_string_new (NULL);
  JsonObject *chart
      = pos_resilience_chart (section, "top_products", "bar", title,
                              _ ("Bar chart of last month's five best-selling products by takings."));

  if (!read_top (run, "product", TRUE, chart, NULL, error)
      || !read_top (run, "product", FALSE, NULL, bottom, error)
      || !read_top (run, "category", TRUE, NULL, top_categories, error))
    return FALSE;
  pos_resilience_figure (section, "top_categories", cats, pos_resilience_int ((gint64)top_categories->len),
                         top_categories->len ? top_categories->str : _ ("No sales last month"), "info",
                         _ ("The categories that took the most last month."),
                         _ ("Several categories carrying the shop, not one."));
  pos_resilience_figure (section, "bottom_products", _ ("Weakest sellers last month"),
                         pos_resilience_int ((gint64)bottom->len),
                         bottom->len ? bottom->str : _ ("No sales last month"), "info",
                         _ ("The products that sold least of those that sold at all last month."),
                         _ ("Few products that barely sell: each one ties up shelf space and cash."));
  return TRUE;
}

gboolean
pos_resilience_today (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "today", _ ("How the shop is doing"));
  Day days[3];

  if (!read_days (run, days, error))
    return FALSE;
  money_figure (run, section, "takings", _ ("Takings today"), days[0].takings, days[1].takings,
                days[2].takings / 4, _ ("What the tills took today, after refunds."),
                _ ("At or above the same weekday in earlier weeks."));
  receipts_figure (section, days);
  money_figure (run, section, "basket", _ ("Average basket"), basket (days[0].takings, days[0].receipts),
                basket (days[1].takings, days[1].receipts), basket (days[2].takings, days[2].receipts),
                _ ("What a customer spends on average per receipt."),
                _ ("Steady or rising: customers find more to buy."));
  margin_figure (section, days);
  return hour_chart (run, section, error) && month_products (run, section, error);
}
