/* pos-resilience-buffer.c — the cash buffer and its stress tests.
 *
 * The monthly margin is last three full months' net sales × the margin
 * rate of the sales with a cost, per month that had sales. A line's cost
 * is the one it recorded when sold; a line without one (sold before costs
 * were recorded) falls back to its product's cost today, an estimate, and
 * the page says from what share of sales each came. Against it stand the owner's monthly fixed
 * costs and cash on hand (shop settings "monthly_fixed_costs" and
 * "cash_on_hand", minor units). Months count as 30 days.
 *
 * Days of cash: with the margin below the fixed costs, cash on hand pays
 * the difference for cash × 30 / (fixed − margin) days; with the margin at
 * or above them the cash is not drawn down. A drop in sales of d % takes
 * d % of the margin (cost of goods falls with sales, fixed costs do not).
 * If the largest supplier stopped, the sales of its products go, with the
 * shop's average margin on them.
 */
#include "pos-resilience-private.h"

#define COVERED_DAYS 365 /* how a covered scenario is drawn */

static const char months_sql[]
    = "SELECT sum (net), sum (costed_net), sum (cost), count (*), sum (recorded_net) FROM summary.month_dim "
      "WHERE dim = 'product' AND month BETWEEN ?1 AND ?2";

static const char supplier_sql[] = "SELECT k.key, sum (k.net) AS net, (SELECT name FROM supplier WHERE id = "
                                   "k.key) FROM summary.month_key k "
                                   "WHERE k.dim = 'supplier' AND k.month BETWEEN ?1 AND ?2 AND k.key != '' "
                                   "GROUP BY k.key ORDER BY net DESC LIMIT 1";

typedef struct
{
  gint64 net, costed_net, cost, months, recorded_net;
  gint64 margin; /* a month's */
  gint64 fixed, cash;
  gint64 supplier_net;
  char *supplier;
} Buffer;

static void
buffer_clear (Buffer *b)
{
  g_free (b->supplier);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Buffer, buffer_clear)

static gboolean
read_supplier (PosResilienceRun *run, Buffer *b, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, supplier_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->months[9], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, run->month, -1, SQLITE_STATIC);
  rc = pos_store_step_row (run->store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      b->supplier_net = sqlite3_column_int64 (stmt, 1);
      b->supplier = pos_stmt_dup_text (stmt, 2);
    }
  return rc >= 0;
}

static gboolean
read_buffer (PosResilienceRun *run, Buffer *b, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, months_sql, error);
  gint64 row[5];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->months[9], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, run->month, -1, SQLITE_STATIC);
  if (!pos_resilience_query_ints (run->store, stmt, row, 5, 0, error))
    return FALSE;
  b->net = row[0], b->costed_net = row[1], b->cost = row[2], b->months = row[3], b->recorded_net = row[4];
  b->fixed = pos_store_get_setting_int (run->store, POS_RESILIENCE_FIXED_COSTS_KEY, 0);
  b->cash = pos_store_get_setting_int (run->store, POS_RESILIENCE_CASH_KEY, 0);
  if (b->costed_net > 0 && b->months > 0
      && (!pos_amount_mul_div (b->net, b->costed_net - b->cost, b->costed_net, &b->margin, error)
          || !pos_amount_mul_div (b->margin, 1, b->months, &b->margin, error)))
    return FALSE;
  return read_supplier (run, b, error);
}

/* Days the cash lasts with @margin a month; -1 when it is not drawn down. */
static gint64
days_of_cash (const Buffer *b, gint64 margin)
{
  gint64 days = 0;

  if (margin >= b->fixed)
    return -1;
  if (!pos_amount_mul_div (b->cash, 30, b->fixed - margin, &days, NULL))
    return G_MAXINT32;
  return days;
}

static const char *
days_status (gint64 days)
{
  return days < 0 || days >= 90 ? "good" : days >= 30 ? "watch" : "poor";
}

/* A scenario: @margin a month, and what it leaves. */
static void
scenario_figure (PosResilienceRun *run, JsonObject *section, JsonObject *chart, const Buffer *b,
                 const char *id, const char *label, const char *short_label, gint64 margin,
                 const char *explains)
{
  gint64 days = days_of_cash (b, margin);
  g_autofree char *m = pos_amount_format (margin, run->currency);
  g_autofree char *f = pos_amount_format (b->fixed, run->currency);
  g_autofree char *text
      = days < 0
            ? g_strdup_printf (_ ("Covered: a margin of %s a month pays the fixed costs of %s"), m, f)
            : g_strdup_printf (
                dngettext (GETTEXT_PACKAGE, "%lld day of cash (margin %s a month against fixed costs %s)",
                           "%lld days of cash (margin %s a month against fixed costs %s)", (gulong)days),
                (long long)days, m, f);

  pos_resilience_figure (section, id, label, days < 0 ? NULL : pos_resilience_int (days), text,
                         days_status (days), explains,
                         _ ("Covered, or 90 days or more: time to react to a bad season."));
  pos_resilience_chart_add (chart, short_label, days < 0 ? COVERED_DAYS : (double)MIN (days, COVERED_DAYS));
}

/* What the page says instead of figures it cannot compute. */
static const char *
missing_data (const Buffer *b)
{
  if (b->costed_net <= 0)
    return _ ("Needs sales of products with a cost price");
  if (b->fixed <= 0)
    return _ ("Needs the monthly fixed costs (shop setting monthly_fixed_costs)");
  return NULL;
}

static void
margin_figure (PosResilienceRun *run, JsonObject *section, const Buffer *b)
{
  const char *explains
      = _ ("The average monthly margin of the last three full months, from the cost each sale line recorded "
           "when it was sold, or the product's cost price today for lines that recorded none.");
  g_autofree char *m = pos_amount_format (b->margin, run->currency);
  g_autofree char *seen = pos_resilience_percent_text (b->net > 0 ? (double)b->costed_net / b->net : 0.0);
  g_autofree char *recorded
      = pos_resilience_percent_text (b->net > 0 ? (double)b->recorded_net / b->net : 0.0);
  g_autofree char *text
      = b->recorded_net == b->costed_net
            ? g_strdup_printf (_ ("%s a month (from the %s of sales with a cost, all recorded at sale)"), m,
                               seen)
            : g_strdup_printf (
                _ ("%s a month (from the %s of sales with a cost: %s recorded at sale, the rest "
                   "estimated from today's cost prices)"),
                m, seen, recorded);

  if (b->costed_net <= 0)
    pos_resilience_figure (section, "monthly_margin", _ ("Monthly margin"), NULL,
                           _ ("Needs sales of products with a cost price"), "missing", explains,
                           _ ("Above the monthly fixed costs."));
  else
    pos_resilience_figure (section, "monthly_margin", _ ("Monthly margin"), pos_resilience_int (b->margin),
                           text, b->fixed > 0 && b->margin < b->fixed ? "poor" : "good", explains,
                           _ ("Above the monthly fixed costs."));
}

static void
cash_figure (PosResilienceRun *run, JsonObject *section, const Buffer *b)
{
  const char *explains = _ ("How long the cash on hand alone would pay the fixed costs with no sales.");
  const char *good = _ ("Three months (90 days) or more.");
  g_autofree char *c = pos_amount_format (b->cash, run->currency);
  gint64 days = 0;
  g_autofree char *text = NULL;

  if (b->fixed <= 0)
    {
      pos_resilience_figure (section, "cash_days", _ ("Cash alone covers"), NULL,
                             _ ("Needs the monthly fixed costs (shop setting monthly_fixed_costs)"),
                             "missing", explains, good);
      return;
    }
  pos_amount_mul_div (b->cash, 30, b->fixed, &days, NULL);
  text = g_strdup_printf (
      dngettext (GETTEXT_PACKAGE, "%lld day (%s cash on hand)", "%lld days (%s cash on hand)", (gulong)days),
      (long long)days, c);
  pos_resilience_figure (section, "cash_days", _ ("Cash alone covers"), pos_resilience_int (days), text,
                         days_status (days), explains, good);
}

static void
scenarios (PosResilienceRun *run, JsonObject *section, const Buffer *b)
{
  g_autofree char *drop_id = g_strdup_printf ("stress_%d", run->drop_pct);
  g_autofree char *drop_label = g_strdup_printf (_ ("If sales drop %d %%"), run->drop_pct);
  g_autofree char *drop_short = g_strdup_printf ("−%d %%", run->drop_pct);
  g_autofree char *supplier_label = g_strdup_printf (_ ("If %s stopped delivering"),
                                                     b->supplier ? b->supplier : _ ("the largest supplier"));
  JsonObject *chart = pos_resilience_chart (
      section, "scenarios", "bar", _ ("Days of cash in each scenario"),
      /* xgettext:no-c-format */
      _ ("Bar chart of how many days the cash on hand lasts now, with sales 20 % lower, with the chosen drop "
         "and "
         "without the largest supplier; a full bar means the margin still pays the fixed costs."));
  gint64 m20 = 0, md = 0, lost = 0;

  pos_amount_mul_div (b->margin, 80, 100, &m20, NULL);
  pos_amount_mul_div (b->margin, 100 - run->drop_pct, 100, &md, NULL);
  if (b->net > 0)
    pos_amount_mul_div (b->margin, b->supplier_net, b->net, &lost, NULL);
  scenario_figure (run, section, chart, b, "buffer_days", _ ("Cash buffer"), _ ("now"), b->margin,
                   _ ("How long cash on hand lasts at today's margin and fixed costs."));
  scenario_figure (run, section, chart, b, "stress_20", _ ("If sales drop 20 %"), "−20 %", m20,
                   _ ("The cash buffer if sales fell by a fifth and fixed costs stayed."));
  if (run->drop_pct != 20)
    scenario_figure (run, section, chart, b, drop_id, drop_label, drop_short, md,
                     _ ("The cash buffer if sales fell by the chosen share and fixed costs stayed."));
  if (b->supplier != NULL)
    scenario_figure (run, section, chart, b, "supplier_stops", supplier_label, "supplier", b->margin - lost,
                     _ ("The cash buffer if the supplier the shop sells most from stopped, and its products' "
                        "sales with it."));
}

gboolean
pos_resilience_buffer (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "buffer", _ ("Cash buffer and stress test"));
  g_auto (Buffer) b = { 0 };
  const char *missing;

  if (!read_buffer (run, &b, error))
    return FALSE;
  margin_figure (run, section, &b);
  cash_figure (run, section, &b);
  missing = missing_data (&b);
  if (missing != NULL)
    {
      pos_resilience_figure (section, "buffer_days", _ ("Cash buffer"), NULL, missing, "missing",
                             _ ("How long cash on hand lasts at today's margin and fixed costs."),
                             _ ("Covered, or 90 days or more: time to react to a bad season."));
      return TRUE;
    }
  scenarios (run, section, &b);
  return TRUE;
}
