/* pos-bench.h — the performance budgets of DESIGN.md, measured.
 *
 * Each figure is measured against the physical or SQL limit it is judged
 * by, in the same run and interleaved with it, so the ratio holds on any
 * machine: a slow disk or a busy processor slows both. Ratios are of
 * medians; the millisecond budgets are of the p95 (search, month).
 *
 *   1 sale commit (a 5-line sale through pos_checkout_commit)
 *       ÷ a raw 4 KiB write + fdatasync on the same disk        ≤ 1.1
 *   2 barcode → priced cart line (pos_cart_add_code)
 *       ÷ a bare prepared SELECT … WHERE rowid = ?              ≤ 2
 *   3 type-ahead search (pos_catalog_search_ids, 1–4 letters, 50 rows)
 *       p95 ≤ 5 ms, and ÷ a LIKE '%term%' scan of product       ≤ 1/200
 *   4 X/Z report of the busy last day (pos_report_x: the Z's queries)
 *       ÷ rows in range × per-row cost of a scan, measured as a
 *         plain scan of those rows (sales, tax rows, payments)  ≤ 2
 *     month sales report by day (pos_report_sales)              ≤ 100 ms
 *   5–7 start-up, memory and scan-to-frame are the app's (GUI) figures,
 *   8 sync push is the hub's: the JSON has a place for each, null here.
 *
 * The result is a JSON object:
 *   { "quick", "store": { "path", "products", "sale_lines", "days",
 *     "generated_s" (null when reused) },
 *     "figures": [ { "id", "name", "unit": "ms", "samples", "median",
 *       "p95", "p99", "limit": { "name", "median", "p95", "p99" } or null,
 *       "ratio" (median ÷ limit median) or null, "budget": { "ratio",
 *       "p95_ms", "median_ms" (those that apply) }, "pass" } … ],
 *     "pending": { "5": …, "6": …, "7": …, "8": … } }
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint products;    /* catalog size */
  gint64 sale_lines; /* sale history */
  guint days;        /* over this many days ending yesterday */
  guint samples;     /* measurements per figure */
} PosBenchSize;

/* quick: 100,000 products, 1,000,000 lines; full: 1,000,000 and 10,000,000. */
void pos_bench_size_for (gboolean quick, PosBenchSize *size);

/*
 * Makes (or reuses, when a finished one of the same size is there) a
 * benchmark store in @dir, measures the figures above and returns them.
 * The store's file is "bench-<products>-<lines>.db"; it is written under a
 * temporary name and renamed when complete, so an interrupted run is never
 * reused. Sales made by the benchmark stay in it.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_bench_run (const char *dir, gboolean quick, GError **error);

/* pos_bench_run() for any size (tests use a tiny one). */
JsonNode *pos_bench_run_sized (const char *dir, const PosBenchSize *size, gboolean quick, GError **error);

/* One line per figure, "PASS"/"FAIL" and the numbers, for people. (transfer full) */
char *pos_bench_format (JsonNode *result);

G_END_DECLS
