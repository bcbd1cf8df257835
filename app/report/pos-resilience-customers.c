/* pos-resilience-customers.c — whether customers come back.
 *
 * Only loyalty-card sales name their customer. A returning customer's sale
 * is one by a card customer who had bought before the month began; "came
 * back" follows the customers whose first purchase was between a year and
 * 90 days ago, so both windows are over for all of them.
 */
#include "pos-resilience-private.h"

static const char month_sql[]
    = "SELECT (SELECT gross FROM summary.month_dim WHERE dim = 'product' AND month = ?1),"
      " (SELECT gross FROM summary.month_dim WHERE dim = 'customer' AND month = ?1),"
      " (SELECT sum (k.gross) FROM summary.month_key k WHERE k.dim = 'customer' AND k.month = ?1"
      "  AND EXISTS (SELECT 1 FROM summary.month_key e WHERE e.dim = 'customer' AND e.key = k.key"
      "  AND e.month < ?1))";

static const char came_back_sql[]
    = "SELECT count (*), sum (second <= date (first, '+30 days')), sum (second <= date (first, '+90 days')) "
      "FROM summary.customer_visit WHERE first BETWEEN ?1 AND ?2";

static const char new_sql[] = "SELECT count (*) FROM customer WHERE created_at >= ?1 || '-01' "
                              "AND created_at < date (?1 || '-01', '+1 month')";

static void
share_figure (JsonObject *section, const char *id, const char *label, gint64 part, gint64 whole,
              const char *missing, double good_at, const char *explains, const char *good)
{
  double share = whole > 0 ? (double)part / (double)whole : 0.0;
  g_autofree char *text = pos_resilience_percent_text (share);

  if (whole <= 0 || missing != NULL)
    {
      pos_resilience_figure (section, id, label, NULL, missing ? missing : _ ("Needs sales last month"),
                             "missing", explains, good);
      return;
    }
  pos_resilience_figure (section, id, label, pos_resilience_real (share), text,
                         share >= good_at       ? "good"
                         : share >= good_at / 2 ? "watch"
                                                : "poor",
                         explains, good);
}

static gboolean
month_shares (PosResilienceRun *run, JsonObject *section, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, month_sql, error);
  gint64 row[3];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->month, -1, SQLITE_STATIC);
  if (!pos_resilience_query_ints (run->store, stmt, row, 3, 0, error))
    return FALSE;
  share_figure (section, "card_share", _ ("Sales with a loyalty card"), row[1], row[0], NULL, 0.3,
                _ ("The share of last month's sales where the customer showed a loyalty card."),
                _ ("A third or more: the shop knows who its customers are."));
  share_figure (section, "returning_share", _ ("Sales from returning customers"), row[2], row[0],
                row[1] > 0 ? NULL : _ ("Needs sales with a loyalty card"), 0.25,
                _ ("The share of last month's sales made by card customers who had bought before."),
                _ ("A quarter or more: regulars carry the shop through quiet weeks."));
  return TRUE;
}

static void
came_back_figure (JsonObject *section, const char *id, int days, gint64 back, gint64 cohort)
{
  g_autofree char *label = g_strdup_printf (_ ("Came back within %d days"), days);
  g_autofree char *explains
      = g_strdup_printf (_ ("Of the card customers who first bought between a year and 90 days ago, those "
                            "who bought again within %d days."),
                         days);
  g_autofree char *share = pos_resilience_percent_text (cohort > 0 ? (double)back / (double)cohort : 0.0);
  g_autofree char *text
      = g_strdup_printf (_ ("%lld of %lld (%s)"), (long long)back, (long long)cohort, share);
  double ratio = cohort > 0 ? (double)back / (double)cohort : 0.0;
  double good_at = days == 30 ? 0.3 : 0.5;
  const char *good = days == 30 ? _ ("A third or more come back within a month.")
                                : _ ("Half or more come back within 90 days.");

  if (cohort <= 0)
    {
      pos_resilience_figure (section, id, label, NULL,
                             _ ("Needs card customers who first bought 90+ days ago"), "missing", explains,
                             good);
      return;
    }
  pos_resilience_figure (section, id, label, pos_resilience_int (back), text,
                         ratio >= good_at       ? "good"
                         : ratio >= good_at / 2 ? "watch"
                                                : "poor",
                         explains, good);
}

static gboolean
came_back (PosResilienceRun *run, JsonObject *section, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, came_back_sql, error);
  g_autofree char *from = pos_resilience_day_offset (run->today, 365);
  g_autofree char *to = pos_resilience_day_offset (run->today, 90);
  gint64 row[3];

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  if (!pos_resilience_query_ints (run->store, stmt, row, 3, 0, error))
    return FALSE;
  came_back_figure (section, "back_30", 30, row[1], row[0]);
  came_back_figure (section, "back_90", 90, row[2], row[0]);
  return TRUE;
}

static gboolean
new_per_month (PosResilienceRun *run, JsonObject *section, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, new_sql, error);
  JsonObject *chart;
  gint64 count = 0, total = 0;

  if (stmt == NULL)
    return FALSE;
  chart = pos_resilience_chart (
      section, "new_customers", "bar", _ ("New card customers per month"),
      _ ("Bar chart of how many loyalty-card customers signed up in each of the last 12 "
         "months."));
  for (guint i = 0; i < G_N_ELEMENTS (run->months); i++)
    {
      sqlite3_bind_text (stmt, 1, run->months[i], -1, SQLITE_STATIC);
      if (!pos_resilience_query_ints (run->store, stmt, &count, 1, 0, error))
        return FALSE;
      pos_resilience_chart_add (chart, run->months[i] + 2, (double)count);
      total += count;
    }
  {
    g_autofree char *text
        = g_strdup_printf (_ ("%lld last month, %lld in 12 months"), (long long)count, (long long)total);
    pos_resilience_figure (section, "new_customers", _ ("New card customers"), pos_resilience_int (count),
                           text, "info", _ ("Customers who took a loyalty card last month."),
                           _ ("A steady trickle: new regulars replace those who move away."));
  }
  return TRUE;
}

gboolean
pos_resilience_customers (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "customers", _ ("Customers"));

  return month_shares (run, section, error) && came_back (run, section, error)
         && new_per_month (run, section, error);
}
