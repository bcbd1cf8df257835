/* pos-bench-stats.h — how every benchmark figure is timed and summed up.
 *
 * Private to app/bench/. A sample is a duration in nanoseconds (gint64) in
 * a GArray; percentiles are nearest-rank, so the median, p95 and p99 of
 * every figure, its limit and its ratio are computed the same way
 * whichever file measures it.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a figure is judged by; a member of 0 does not apply. */
typedef struct
{
  double ratio;     /* median ÷ the limit's median (0: the ratio is only reported) */
  double p95_ms;    /* the figure's own p95 */
  double median_ms; /* the figure's own median */
} PosBenchBudget;

/* The monotonic clock, in ns. */
gint64 pos_bench_now_ns (void);

/* An empty array of samples. Returns: (transfer full) */
GArray *pos_bench_samples_new (void);

/* Appends the time since @started (from pos_bench_now_ns()). */
void pos_bench_add_sample (GArray *samples, gint64 started);

/* The @per_mille-th percentile of @samples in ms, nearest rank (sorts
 * them; @samples must not be empty). */
double pos_bench_percentile_ms (GArray *samples, guint per_mille);

/* The median of @value ÷ the median of @limit (neither empty). */
double pos_bench_median_ratio (GArray *value, GArray *limit);

/* { name (when given), samples, median, p95, p99 } of @samples, in ms.
 * Returns: (transfer full) */
JsonObject *pos_bench_stats (GArray *samples, const char *name);

/*
 * Appends figure @id to @figures: { id, name, unit "ms", samples, median,
 * p95, p99, limit (stats of @limit, or null), ratio (of the medians, or
 * null), budget, pass }, judged by the members of @budget that apply.
 * Returns: (transfer none) the figure, for members of its own.
 */
JsonObject *pos_bench_add_figure (JsonArray *figures, int id, const char *name, GArray *value, GArray *limit,
                                  const char *limit_name, const PosBenchBudget *budget);

G_END_DECLS
