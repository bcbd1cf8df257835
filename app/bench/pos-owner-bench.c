/* pos-owner-bench.c — figure 11: the owner's page (see pos-owner-bench.h). */
#include "pos-owner-bench.h"

#include "pos-resilience.h"

static int
compare_us (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The @per_mille-th percentile of sorted @samples (µs) in ms. */
static double
percentile_ms (GArray *samples, guint per_mille)
{
  gsize i = ((gsize)samples->len * per_mille + 999) / 1000;

  return (double)g_array_index (samples, gint64, i > 0 ? i - 1 : 0) / 1e3;
}

/* One run of the whole page, in µs. */
static gboolean
time_report (PosStore *store, gint64 *us, GError **error)
{
  gint64 started = g_get_monotonic_time ();
  g_autoptr (JsonNode) report = pos_resilience_report (store, NULL, error);

  *us = g_get_monotonic_time () - started;
  return report != NULL;
}

gboolean
pos_owner_bench_figure (PosStore *store, guint samples, JsonArray *figures, GError **error)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *o, *budget;
  gint64 catch_up = 0;
  double p95;

  g_return_val_if_fail (store != NULL && samples > 0 && figures != NULL, FALSE);

  if (!time_report (store, &catch_up, error))
    return FALSE;
  for (guint i = 0; i < MAX (10, samples / 10); i++)
    {
      gint64 us;

      if (!time_report (store, &us, error))
        return FALSE;
      g_array_append_val (times, us);
    }
  g_array_sort (times, compare_us);
  p95 = percentile_ms (times, 950);
  o = json_object_new ();
  budget = json_object_new ();
  json_object_set_int_member (o, "id", 11);
  json_object_set_string_member (o, "name", "the owner's page, all sections (p95 ÷ 1 s)");
  json_object_set_string_member (o, "unit", "ms");
  json_object_set_int_member (o, "samples", times->len);
  json_object_set_double_member (o, "median", percentile_ms (times, 500));
  json_object_set_double_member (o, "p95", p95);
  json_object_set_double_member (o, "p99", percentile_ms (times, 990));
  json_object_set_null_member (o, "limit");
  json_object_set_double_member (o, "ratio", p95 / POS_OWNER_BENCH_BUDGET_MS);
  json_object_set_double_member (o, "catch_up_ms", (double)catch_up / 1e3);
  json_object_set_double_member (budget, "ratio", 1.0);
  json_object_set_double_member (budget, "p95_ms", POS_OWNER_BENCH_BUDGET_MS);
  json_object_set_object_member (o, "budget", budget);
  json_object_set_boolean_member (o, "pass", p95 <= POS_OWNER_BENCH_BUDGET_MS);
  json_array_add_object_element (figures, o);
  return TRUE;
}
