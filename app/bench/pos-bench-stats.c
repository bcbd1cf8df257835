/* pos-bench-stats.c — how every benchmark figure is timed and summed up (see pos-bench-stats.h). */
#include "pos-bench-stats.h"

#include <time.h>

gint64
pos_bench_now_ns (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return (gint64)t.tv_sec * G_GINT64_CONSTANT (1000000000) + t.tv_nsec;
}

GArray *
pos_bench_samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
pos_bench_add_sample (GArray *samples, gint64 started)
{
  gint64 ns = pos_bench_now_ns () - started;

  g_array_append_val (samples, ns);
}

static int
compare_ns (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

double
pos_bench_percentile_ms (GArray *samples, guint per_mille)
{
  gsize i;

  g_return_val_if_fail (samples != NULL && samples->len > 0, 0);

  g_array_sort (samples, compare_ns);
  i = ((gsize)samples->len * per_mille + 999) / 1000;
  i = i > 0 ? i - 1 : 0;
  return (double)g_array_index (samples, gint64, i) / 1e6;
}

double
pos_bench_median_ratio (GArray *value, GArray *limit)
{
  return pos_bench_percentile_ms (value, 500) / MAX (pos_bench_percentile_ms (limit, 500), 1e-9);
}

JsonObject *
pos_bench_stats (GArray *samples, const char *name)
{
  JsonObject *o = json_object_new ();

  if (name != NULL)
    json_object_set_string_member (o, "name", name);
  json_object_set_int_member (o, "samples", samples->len);
  json_object_set_double_member (o, "median", pos_bench_percentile_ms (samples, 500));
  json_object_set_double_member (o, "p95", pos_bench_percentile_ms (samples, 950));
  json_object_set_double_member (o, "p99", pos_bench_percentile_ms (samples, 990));
  return o;
}

JsonObject *
pos_bench_add_figure (JsonArray *figures, int id, const char *name, GArray *value, GArray *limit,
                      const char *limit_name, const PosBenchBudget *budget)
{
  JsonObject *o = pos_bench_stats (value, NULL);
  JsonObject *judged = json_object_new ();
  double median = pos_bench_percentile_ms (value, 500), p95 = pos_bench_percentile_ms (value, 950);
  gboolean pass = TRUE;

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "unit", "ms");
  if (limit != NULL)
    {
      double ratio = pos_bench_median_ratio (value, limit);

      json_object_set_object_member (o, "limit", pos_bench_stats (limit, limit_name));
      json_object_set_double_member (o, "ratio", ratio);
      if (budget->ratio > 0)
        {
          json_object_set_double_member (judged, "ratio", budget->ratio);
          pass = pass && ratio <= budget->ratio;
        }
    }
  else
    {
      json_object_set_null_member (o, "limit");
      json_object_set_null_member (o, "ratio");
    }
  if (budget->p95_ms > 0)
    {
      json_object_set_double_member (judged, "p95_ms", budget->p95_ms);
      pass = pass && p95 <= budget->p95_ms;
    }
  if (budget->median_ms > 0)
    {
      json_object_set_double_member (judged, "median_ms", budget->median_ms);
      pass = pass && median <= budget->median_ms;
    }
  json_object_set_object_member (o, "budget", judged);
  json_object_set_boolean_member (o, "pass", pass);
  json_array_add_object_element (figures, o);
  return o;
}
