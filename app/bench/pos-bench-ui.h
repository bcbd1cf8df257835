/* pos-bench-ui.h — the app's performance figures (docs/ARCHITECTURE.md "Performance
 * budgets"), measured by running the real till.
 *
 * Each figure runs `mainstreet-bench` (the till built with its bench
 * driver, see ui/bench/pos-bench-mode.h) under the current DISPLAY on a 1k and a 1M
 * product store, alternating between them, and judges the 1M run against
 * the 1k one measured in the same call:
 *
 *   5 start to ready-to-scan, median 1M ÷ 1k                 ≤ 1.2
 *     with "memory": VmRSS at ready, median 1M ÷ 1k          ≤ 1.3
 *   6 Enter of a scan → the frame showing its line, 1M store:
 *     p95 in frames                                          ≤ 2
 *   6b the same with 20 promotions open and 50-line baskets, on a copy
 *     of the 1M store with them added: p95 in frames             ≤ 2;
 *     its limit is figure 6's run (ms medians, the ratio reported)
 *   7 scrolling the stock list over the whole catalog:
 *     frame interval p90, 1M ÷ 1k                            ≤ 1.2
 *
 * Start-up is judged without the PIN check (Argon2id, the same cost
 * whatever the catalog) so the catalog's share is not diluted; the full
 * time is reported beside it. The figures are objects shaped like
 * app/pos-bench.c's: { "id", "name", "unit", "samples", "median", "p95",
 * "p99", "limit": {…} or null, "ratio", "budget": {…}, "pass" }.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/*
 * Measures figures 5, 6, 6b and 7 and sets them in @out as members "5",
 * "6", "6b" and "7"; when 6b's run fails, "6b_error" says why instead. The stores must have a user to sign in
 * with: $MAINSTREET_BENCH_USER / $MAINSTREET_BENCH_PIN, else "casey" / "1234" (the demo shop's cashier). Each
 * store is copied first, so the sales rung up by the scan figure do not pile up in it.
 *
 * Errors: POS_ERROR_INVALID when there is no DISPLAY (run it under Xvfb,
 * or a desktop session) or a store is missing; POS_ERROR_FAILED when the
 * app fails or does not answer in time.
 */
gboolean pos_bench_ui (const char *bench_app_path, const char *store_1k, const char *store_1m,
                       JsonObject *out, GError **error);

#define POS_BENCH_PROMOTIONS 20

/* Adds @n promotions open all the time, by the owner ("olivia"), over the
 * categories with the most products: percent off, 3 for 2 and an amount
 * off each unit in turn (figure 6b). */
gboolean pos_bench_add_promotions (PosStore *store, guint n, GError **error);

/* A barcode to scan, and the name the cart line will show. */
typedef struct
{
  char *code;
  char *name;
} PosBenchScan;

void pos_bench_scan_free (PosBenchScan *scan);

/* Up to @n products spread over the catalog of @store, each with a
 * barcode and sold by the piece (so no weight is asked), variants among
 * them but never a product sold only as its variants (the till would ask
 * which).
 * Returns: (transfer full) (element-type PosBenchScan) */
GPtrArray *pos_bench_scan_codes (PosStore *store, guint n);

G_END_DECLS
