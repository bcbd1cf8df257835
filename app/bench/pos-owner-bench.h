/* pos-owner-bench.h — the owner's page figure of the benchmark:
 *
 *   9 the owner's page (pos_resilience_report(), every section) on the
 *     benchmark store, p95 ÷ its 1 s budget                    ≤ 1
 *
 * The page keeps a summary by month beside the store and adds only the
 * sales since its last run (pos-resilience.h); a till that shows the page
 * has it up to date, so the first run, which builds it from the whole
 * history, is timed apart ("catch_up_ms") and not among the samples.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_OWNER_BENCH_BUDGET_MS 1000.0

/* Measures figure 11 on @store with @samples runs and appends it to
 * @figures, shaped like pos-bench.h's figures. */
gboolean pos_owner_bench_figure (PosStore *store, guint samples, JsonArray *figures, GError **error);

G_END_DECLS
