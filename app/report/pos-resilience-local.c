/* pos-resilience-local.c — how much of what the shop sells and buys comes
 * from suppliers the owner marked local (supplier.is_local).
 *
 * By the supplier the product had when its sale was summarised; cost is
 * the one each line recorded when sold, or its product's cost price today
 * for lines that recorded none.
 */
#include "pos-resilience-private.h"

/* Month ?1: gross and cost in all, with a known supplier, and local. */
static const char month_sql[] = "SELECT sum (k.gross), sum (CASE WHEN k.key != '' THEN k.gross END),"
                                " sum (CASE WHEN s.is_local THEN k.gross END), sum (k.cost), sum (CASE WHEN "
                                "s.is_local THEN k.cost END),"
                                " (SELECT count (*) FROM supplier WHERE is_local = 1) "
                                "FROM summary.month_key k LEFT JOIN supplier s ON s.id = k.key "
                                "WHERE k.dim = 'supplier' AND k.month = ?1";

enum
{
  ALL,
  KNOWN,
  LOCAL,
  COST,
  LOCAL_COST,
  N_LOCAL_SUPPLIERS,
  N_COLUMNS
};

static gboolean
read_month (PosStore *store, PosStmt *stmt, const char *month, gint64 row[N_COLUMNS], GError **error)
{
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  return pos_resilience_query_ints (store, stmt, row, N_COLUMNS, 0, error);
}

static void
share_figure (JsonObject *section, const char *id, const char *label, gint64 part, gint64 whole,
              const char *missing, const char *explains, JsonArray *trend)
{
  const char *good = _ ("The higher the better: local suppliers keep money and deliveries close.");
  double share = whole > 0 ? (double)part / (double)whole : 0.0;
  g_autofree char *text = pos_resilience_percent_text (share);
  JsonArray *figures = json_object_get_array_member (section, "figures");

  if (missing != NULL)
    {
      pos_resilience_figure (section, id, label, NULL, missing, "missing", explains, good);
      return;
    }
  pos_resilience_figure (section, id, label, pos_resilience_real (share), text,
                         share >= 0.3   ? "good"
                         : share >= 0.1 ? "watch"
                                        : "poor",
                         explains, good);
  if (trend != NULL)
    json_object_set_array_member (
        json_array_get_object_element (figures, json_array_get_length (figures) - 1), "trend",
        json_array_ref (trend));
}

gboolean
pos_resilience_local (PosResilienceRun *run, JsonArray *sections, GError **error)
{
  JsonObject *section = pos_resilience_section (sections, "local", _ ("Local sourcing"));
  g_autoptr (PosStmt) stmt = pos_store_prepare (run->store, month_sql, error);
  g_autoptr (JsonArray) trend = json_array_new ();
  gint64 row[N_COLUMNS];
  const char *missing = NULL;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (run->months); i++)
    {
      if (!read_month (run->store, stmt, run->months[i], row, error))
        return FALSE;
      if (row[ALL] > 0)
        json_array_add_double_element (trend, (double)row[LOCAL] / (double)row[ALL]);
      else
        json_array_add_null_element (trend);
    }
  /* The last month read is run->month. */
  if (row[KNOWN] <= 0)
    missing = _ ("Needs products with a supplier");
  else if (row[N_LOCAL_SUPPLIERS] == 0)
    missing = _ ("Needs suppliers marked local");
  share_figure (section, "local_sales", _ ("Sales from local suppliers"), row[LOCAL], row[ALL], missing,
                _ ("The share of last month's sales of products from suppliers marked local."), trend);
  if (missing == NULL && row[COST] <= 0)
    missing = _ ("Needs products with a cost price");
  share_figure (section, "local_cost", _ ("Cost of goods from local suppliers"), row[LOCAL_COST], row[COST],
                missing, _ ("The share of last month's cost of goods sold bought from local suppliers."),
                NULL);
  return TRUE;
}
