/* pos-stock-bench.h — the figures of buying and counting (docs/ARCHITECTURE.md "Performance budgets").
 *
 *  15 a stock take of 10,000 scans (quick: 4,000), each timed from the
 *     scan to its counted line being back on the Stock take page's thread:
 *     pos_stock_take_count_async() on the page's PosStoreQueue, one scan
 *     after the other. Judged by figure 6's scan-to-screen budget, two
 *     frames at 60 Hz: p95 ≤ 33.3 ms. Its limit, interleaved with it and
 *     reported beside it, is the same count called directly on the
 *     benchmark's connection (what the queue adds is the difference).
 *  16 stock valued at cost at a date over the whole catalog
 *     (pos_report_stock_value_total(), summed in SQL): p95 ≤ 1 s. Its
 *     limit, interleaved and reported, is a plain scan of every product's
 *     stock level.
 *
 * The stock take is cancelled at the end, so the store's stock is as it
 * was and the next run can start one.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_STOCK_BENCH_SCAN_BUDGET_MS (2 * 1000.0 / 60)
#define POS_STOCK_BENCH_VALUE_BUDGET_MS 1000.0

/*
 * Measures figures 15 and 16 on @store and appends them to @figures.
 * @codes (element-type utf8) are barcodes to count, picked at random;
 * @scans how many to count; @valuations how many valuations to time.
 * The store needs the demo shop's owner ("olivia") to count and cancel.
 */
gboolean pos_stock_bench_figures (PosStore *store, GPtrArray *codes, guint scans, guint valuations,
                                  GRand *rand, JsonArray *figures, GError **error);

G_END_DECLS
