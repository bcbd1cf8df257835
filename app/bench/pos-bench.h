/* pos-bench.h — the performance budgets of docs/ARCHITECTURE.md, measured.
 *
 * Each figure is measured against the physical or SQL limit it is judged
 * by, in the same run and interleaved with it, so the ratio holds on any
 * machine: a slow disk or a busy processor slows both. Ratios are of
 * medians; the millisecond budgets are of the p95 (search, month).
 *
 *   1a sale commit (a 5-line sale through pos_checkout_commit)
 *       ÷ a raw write of the bytes it added to the log + fdatasync,
 *         interleaved with it                                    ≤ 2
 *   1b pages (log frames) written per 5-line sale, median        ≤ 24
 *   1c sale commit p99 ÷ its median                              ≤ 4
 *   1d sale commit p99 while an online backup, a month report and
 *       (with a hub) a sync push run ÷ its p99 alone             ≤ 1.5
 *   1e sale commit ÷ a raw 4 KiB write + fdatasync, only where that
 *       takes ≥ 1 ms (a disk that really flushes); else skipped  ≤ 1.1
 *   2 barcode → priced cart line (pos_cart_add_code)
 *       ÷ a bare prepared SELECT … WHERE rowid = ?              ≤ 2
 *   3 type-ahead search (pos_catalog_search_ids, 1–4 letters, 50 rows)
 *       p95 ≤ 5 ms, and ÷ a LIKE '%term%' scan of product       ≤ 1/200
 *   4 X/Z report of the busy last day (pos_report_x: the Z's queries)
 *       ÷ rows in range × per-row cost of a scan, measured as a
 *         plain scan of those rows (sales, tax rows, payments)  ≤ 2
 *     month sales report by day (pos_report_sales)              ≤ 100 ms
 *   5–7 the app's figures (pos-bench-ui.h): start-up and memory, scan
 *       Enter → frame (6b: 20 promotions, 50-line baskets), scrolling the
 *       stock list; on a 1k-product store
 *       and this one, when there is a display and the app's executable
 *       (not in the quick run, which has no 1M-product store)
 *   9 the owner's page, all sections: p95 ÷ 1 s ≤ 1 (pos-owner-bench.h)
 *  15 a stock take of 10,000 scans (quick: 4,000) through the page's
 *       queue, each scan → its line back: p95 ≤ 2 frames (33.3 ms); its
 *       limit the same count called directly (pos-stock-bench.h)
 *  16 stock valued at cost at a date over the whole catalog, summed in
 *       SQL: p95 ≤ 1 s; its limit a plain scan of every stock level
 *   8 sync push of 5,000 events (pos_sync_bench_push_rate), time per
 *       1,000 events ÷ a bare batched INSERT of the same rows into the
 *       same PostgreSQL: ratio ≤ 2, i.e. push ≥ 50 % of the bare rate;
 *       measured when a hub is given
 *   9 mainstreet-admin start (settings get), spawn to exit, on this
 *       store ÷ on a 1k-product one; when options->admin is given ≤ 1.2
 *  10 sync push of 1,000 events from a store holding 10M (quick: 1M)
 *       pushed events ÷ from one holding none; with a hub         ≤ 1.2
 *  12–14 the hub for a chain of tills, with a hub (pos-hub-bench.h): 50
 *       tills pushing at once ÷ bare INSERTs from 50 connections ≤ 2; a
 *       new till's first pull ÷ COPY of the same rows ≤ 3; push latency
 *       on a hub of 100M events ÷ on one of 1M ≤ 1.2
 *
 * The result is a JSON object:
 *   { "quick", "store": { "path", "products", "sale_lines", "days",
 *     "generated_s" (null when reused) },
 *     "figures": [ { "id" (a number, or "1a"…"1e"), "name", "unit": "ms"
 *       (1b: "pages"), "samples", "median",
 *       "p95", "p99", "limit": { "name", "median", "p95", "p99" } or null,
 *       "ratio" (median ÷ limit median; reported, and judged when the
 *       budget has a ratio) or null, "budget": { "ratio",
 *       "p95_ms", "median_ms" (those that apply) }, "pass" } … ],
 *     "skipped": { "<id>": { "name", "reason" } … } (figures not measured) }
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

typedef struct
{
  gboolean quick;         /* recorded in the result; pos_bench_run() also picks the size by it */
  const char *hub;        /* (nullable) conninfo of a PostgreSQL admin role, for figure 8 */
  const char *mainstreet; /* (nullable) the app's executable, for figures 5–7 under $DISPLAY */
  const char *admin;      /* (nullable) mainstreet-admin, for figure 9 (its start-up) */
} PosBenchOptions;

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
JsonNode *pos_bench_run (const char *dir, const PosBenchOptions *options, GError **error);

/* pos_bench_run() for any size (tests use a tiny one). */
JsonNode *pos_bench_run_sized (const char *dir, const PosBenchSize *size, const PosBenchOptions *options,
                               GError **error);

/* One line per figure, "PASS"/"FAIL" and the numbers, for people. (transfer full) */
char *pos_bench_format (JsonNode *result);

G_END_DECLS
