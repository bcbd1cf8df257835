/* pos-resilience-stock.c — slow movers and dead stock: products in stock
 * with no sale in the last N days (60 unless asked), and the cost tied up
 * in them (level × the product's cost, rounded as stock is valued).
 *
 * SQL only, and never the whole catalog in memory: one statement gives the
 * twenty with the most cost tied up and, beside each, the totals (window
 * sums over all of them). sale_line has no index by product (migration 006
 * dropped it: it slowed every sale), and reading the window's lines took
 * seconds on a big shop, so each product's last day with a sale comes from
 * the summary beside the store (summary.last_sale, kept up to date with
 * the other sums): one pass over the stock levels, each product and its
 * last sale looked up by id.
 */
#include "pos-resilience-private.h"

/* ?1: the last day before the window. */
static const char dead_sql[]
    = "WITH dead AS (SELECT p.sku AS sku, p.name AS name, v.qty AS qty, p.cost AS cost,"
      "  (v.qty * p.cost + 500) / 1000 AS tied FROM stock_level v JOIN product p ON p.id = v.product_id"
      "  LEFT JOIN summary.last_sale ls ON ls.product_id = v.product_id"
      "  WHERE v.qty > 0 AND (ls.day IS NULL OR ls.day <= ?1)) "
      "SELECT sku, name, qty, cost, tied, count (*) OVER (), sum (tied) OVER (), sum (cost IS NULL) OVER ()"
      " FROM dead ORDER BY tied DESC, sku LIMIT 20";

/* The list as chart bars, JSON items and "name (cost), …" of the first
 * five; @totals: how many, their cost, how many without a cost. */
static gboolean
read_dead (PosResilienceRun *run, JsonObject *section, GString *names, gint64 totals[3], GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, dead_sql, error);
  g_autofree char *before = pos_resilience_day_offset (run->today, run->dead_days);
  g_autofree char *title = g_strdup_printf (_ ("Cost tied up in stock unsold for %d days"), run->dead_days);
  JsonObject *chart;
  JsonArray *items = json_array_new ();
  guint n = 0;
  int rc;

  json_object_set_array_member (section, "items", items);
  totals[0] = totals[1] = totals[2] = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, before, -1, SQLITE_STATIC);
  chart = pos_resilience_chart (
      section, "dead_stock", "bar", title,
      _ ("Bar chart of the products in stock with no recent sale, by the cost tied up "
         "in them, largest first."));
  while ((rc = pos_store_step_row (run->store, stmt, error)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();
      const char *name = (const char *)sqlite3_column_text (stmt, 1);
      gint64 tied = sqlite3_column_int64 (stmt, 4);
      g_autofree char *amount = pos_amount_format (tied, run->currency);

      if (n == 0)
        for (int i = 0; i < 3; i++)
          totals[i] = sqlite3_column_int64 (stmt, 5 + i);
      json_object_set_string_member (item, "sku", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (item, "name", name);
      json_object_set_int_member (item, "qty", sqlite3_column_int64 (stmt, 2));
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        json_object_set_null_member (item, "cost"), json_object_set_null_member (item, "tied_up");
      else
        json_object_set_int_member (item, "cost", sqlite3_column_int64 (stmt, 3)),
            json_object_set_int_member (item, "tied_up", tied);
      json_array_add_object_element (items, item);
      pos_resilience_chart_add (chart, name, pos_resilience_major (tied, run->currency));
      if (n++ < 5)
        g_string_append_printf (names, "%s%s (%s)", names->len ? ", " : "", name, amount);
    }
  return rc == SQLITE_DONE;
}

gboolean
pos_resilience_stock (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "stock", _ ("Slow movers and dead stock"));
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *explains = g_strdup_printf (
      _ ("Products in stock that have not sold in the last %d days, and what they cost."), run->dead_days);
  g_autofree char *cost_text = NULL, *count_text = NULL;
  gint64 row[3];

  if (!read_dead (run, section, names, row, error))
    return FALSE;
  cost_text = pos_amount_format (row[1], run->currency);
  count_text
      = row[2] > 0
            ? g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%lld product (%lld of them without a cost price)",
                                          "%lld products (%lld of them without a cost price)",
                                          (gulong)row[0]),
                               (long long)row[0], (long long)row[2])
            : g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%lld product", "%lld products", (gulong)row[0]),
                               (long long)row[0]);
  pos_resilience_figure (section, "dead_stock", _ ("Products with no recent sale"),
                         pos_resilience_int (row[0]), count_text, row[0] > 0 ? "watch" : "good", explains,
                         _ ("Few: stock that sells turns back into cash."));
  pos_resilience_figure (
      section, "dead_stock_cost", _ ("Cost tied up in them"), pos_resilience_int (row[1]), cost_text,
      row[1] > 0 ? "watch" : "good",
      _ ("The stock level times the cost price of those products: cash sitting on the shelf."),
      _ ("Small against a month's margin; mark down or return what will not sell."));
  pos_resilience_figure (
      section, "dead_stock_top", _ ("Most cost tied up"),
      pos_resilience_int (json_array_get_length (json_object_get_array_member (section, "items"))),
      names->len ? names->str : _ ("None"), "info",
      _ ("The unsold products with the most cost on the shelf."), _ ("Nothing here, or little."));
  return TRUE;
}
