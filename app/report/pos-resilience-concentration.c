/* pos-resilience-concentration.c — how much the shop depends on a few
 * products, categories, suppliers or customers.
 *
 * The Herfindahl–Hirschman index is Σ (share in %)² over the keys: 10,000
 * when one key makes all sales, near 0 when sales are spread thin. Markets
 * count below 1,500 as unconcentrated and above 2,500 as highly
 * concentrated; the page uses the same lines. Sales whose product has no
 * category or supplier, and sales without a loyalty card, are many unknown
 * small parts: they count in the whole but add nothing to the index, and
 * the figure says what share of sales it could see.
 */
#include "pos-resilience-private.h"

#include <string.h>

#define HHI_WATCH 1500.0
#define HHI_HIGH 2500.0

typedef struct
{
  const char *dim;
  const char *missing; /* what the shop must record for the figure */
  /* Whole sentences per dimension, so each language can inflect them. */
  const char *hhi_label;
  const char *hhi_explains;
  const char *top5_label;
  const char *top5_explains;
} Dimension;

static const Dimension dimensions[] = {
  { "product", N_ ("Needs sales"), N_ ("Concentration by products"),
    N_ ("The Herfindahl–Hirschman index of last month's sales over products: 10,000 if one made all sales."),
    N_ ("Top 5 products' share"), N_ ("The share of last month's sales made by the five largest products.") },
  { "category", N_ ("Needs products with a category"), N_ ("Concentration by categories"),
    N_ ("The Herfindahl–Hirschman index of last month's sales over categories: 10,000 if one made all "
        "sales."),
    N_ ("Top 5 categories' share"),
    N_ ("The share of last month's sales made by the five largest categories.") },
  { "supplier", N_ ("Needs products with a supplier"), N_ ("Concentration by suppliers"),
    N_ ("The Herfindahl–Hirschman index of last month's sales over suppliers: 10,000 if one made all sales."),
    N_ ("Top 5 suppliers' share"),
    N_ ("The share of last month's sales made by the five largest suppliers.") },
  { "customer", N_ ("Needs sales with a loyalty card"), N_ ("Concentration by customers"),
    N_ ("The Herfindahl–Hirschman index of last month's sales over customers: 10,000 if one made all sales."),
    N_ ("Top 5 customers' share"),
    N_ ("The share of last month's sales made by the five largest customers.") },
};

/* Month @month of @dim: every sale's gross (@all), the part with a known
 * key (@known), Σ gross² over known keys, and the five largest keys' sum. */
static const char month_sql[]
    = "SELECT (SELECT gross FROM summary.month_dim WHERE dim = 'product' AND month = ?2),"
      " d.gross - ifnull ((SELECT gross FROM summary.month_key WHERE dim = ?1 AND month = ?2 AND key = ''), "
      "0),"
      " d.sumsq - ifnull ((SELECT 1.0 * gross * gross FROM summary.month_key"
      "  WHERE dim = ?1 AND month = ?2 AND key = ''), 0),"
      " (SELECT sum (gross) FROM (SELECT gross FROM summary.month_key WHERE dim = ?1 AND month = ?2"
      "  AND key != '' ORDER BY gross DESC LIMIT 5)) "
      "FROM summary.month_dim d WHERE d.dim = ?1 AND d.month = ?2";

typedef struct
{
  gint64 all, known, top5;
  double sumsq;
} Month;

static gboolean
read_month (PosStore *store, PosStmt *stmt, const char *dim, const char *month, Month *out, GError **error)
{
  int rc;

  memset (out, 0, sizeof *out);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, dim, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      out->all = sqlite3_column_int64 (stmt, 0);
      out->known = sqlite3_column_int64 (stmt, 1);
      out->sumsq = sqlite3_column_double (stmt, 2);
      out->top5 = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The index of @m; negative when nothing is known. */
static double
hhi_of (const Month *m)
{
  if (m->all <= 0 || m->known <= 0)
    return -1.0;
  return 10000.0 * m->sumsq / ((double)m->all * (double)m->all);
}

static const char *
status_of (double hhi)
{
  return hhi < HHI_WATCH ? "good" : hhi <= HHI_HIGH ? "watch" : "poor";
}

/* @text with how much of the sales @dim covers, a sentence per dimension. */
static char *
known_text (const char *dim, const char *text, const char *seen)
{
  if (g_str_equal (dim, "category"))
    return g_strdup_printf (_ ("%s (%s of sales known by category)"), text, seen);
  if (g_str_equal (dim, "supplier"))
    return g_strdup_printf (_ ("%s (%s of sales known by supplier)"), text, seen);
  if (g_str_equal (dim, "customer"))
    return g_strdup_printf (_ ("%s (%s of sales known by customer)"), text, seen);
  return g_strdup_printf (_ ("%s (%s of sales known by product)"), text, seen);
}

static void
hhi_figure (JsonObject *section, const Dimension *d, const Month *m, JsonArray *trend)
{
  g_autofree char *id = g_strconcat ("hhi_", d->dim, NULL);
  const char *label = _ (d->hhi_label);
  const char *explains = _ (d->hhi_explains);
  double hhi = hhi_of (m);
  g_autofree char *text = NULL;
  JsonArray *figures;

  if (hhi < 0)
    {
      pos_resilience_figure (section, id, label, NULL, _ (d->missing), "missing", explains,
                             _ ("Below 1,500 (unconcentrated); above 2,500 is highly concentrated."));
      return;
    }
  text = g_strdup_printf ("%.0f — %s", hhi,
                          hhi < HHI_WATCH   ? _ ("unconcentrated")
                          : hhi <= HHI_HIGH ? _ ("moderate")
                                            : _ ("highly concentrated"));
  if (m->known < m->all)
    {
      g_autofree char *seen = pos_resilience_percent_text ((double)m->known / (double)m->all);
      g_autofree char *more = known_text (d->dim, text, seen);
      g_free (text);
      text = g_steal_pointer (&more);
    }
  pos_resilience_figure (section, id, label, pos_resilience_real (hhi), text, status_of (hhi), explains,
                         _ ("Below 1,500 (unconcentrated); above 2,500 is highly concentrated."));
  figures = json_object_get_array_member (section, "figures");
  json_object_set_array_member (json_array_get_object_element (figures, json_array_get_length (figures) - 1),
                                "trend", json_array_ref (trend));
}

static void
top5_figure (JsonObject *section, const Dimension *d, const Month *m)
{
  g_autofree char *id = g_strconcat ("top5_", d->dim, NULL);
  const char *label = _ (d->top5_label);
  const char *explains = _ (d->top5_explains);
  double share = m->all > 0 ? (double)m->top5 / (double)m->all : 0.0;
  g_autofree char *text = pos_resilience_percent_text (share);

  if (m->known <= 0 || m->all <= 0)
    {
      pos_resilience_figure (section, id, label, NULL, _ (d->missing), "missing", explains,
                             _ ("The lower the better: no five of them carry the shop."));
      return;
    }
  pos_resilience_figure (section, id, label, pos_resilience_real (share), text,
                         share < 0.5   ? "good"
                         : share < 0.8 ? "watch"
                                       : "poor",
                         explains, _ ("The lower the better: no five of them carry the shop."));
}

/* The index of @d over the 12 months, oldest first (null: no sales). */
static JsonArray *
read_trend (PosResilienceRun *run, PosStmt *stmt, const Dimension *d, JsonObject *chart, GError **error)
{
  g_autoptr (JsonArray) trend = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (run->months); i++)
    {
      Month m;
      double hhi;

      if (!read_month (run->store, stmt, d->dim, run->months[i], &m, error))
        return NULL;
      hhi = hhi_of (&m);
      if (hhi < 0)
        json_array_add_null_element (trend);
      else
        json_array_add_double_element (trend, hhi);
      if (chart != NULL)
        pos_resilience_chart_add (chart, run->months[i] + 2, MAX (hhi, 0.0));
    }
  return g_steal_pointer (&trend);
}

gboolean
pos_resilience_concentration (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "concentration", _ ("Concentration"));
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, month_sql, error);
  JsonObject *chart;

  if (stmt == NULL)
    return FALSE;
  chart = pos_resilience_chart (
      section, "hhi_trend", "line", _ ("Concentration by product, 12 months"),
      _ ("Line chart of the Herfindahl–Hirschman index of sales by product for each of "
         "the last 12 months, with lines at 1,500 and 2,500."));
  pos_resilience_chart_mark (chart, HHI_WATCH, "1,500");
  pos_resilience_chart_mark (chart, HHI_HIGH, "2,500");
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      g_autoptr (JsonArray) trend = read_trend (run, stmt, &dimensions[i], i == 0 ? chart : NULL, error);
      Month m;

      if (trend == NULL || !read_month (run->store, stmt, dimensions[i].dim, run->month, &m, error))
        return FALSE;
      hhi_figure (section, &dimensions[i], &m, trend);
      top5_figure (section, &dimensions[i], &m);
    }
  return TRUE;
}
