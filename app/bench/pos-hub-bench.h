/* pos-hub-bench.h — the hub figures of the benchmark, for a chain of tills:
 *
 *  12 50 tills pushing at once (each its own store and connection, the
 *     real push), all their events ÷ the same rows by bare batched
 *     INSERTs from 50 connections at once: time ratio ≤ 2, i.e. an
 *     aggregate push rate ≥ 50 % of the bare one. 2,000 events a till
 *     (quick: 200).
 *  13 a new till's first pull of 1M events (quick: 20k), pulled and
 *     stored, ÷ a COPY of the same rows out of the hub             ≤ 3
 *     (events without signatures; beside it, and judged with it, a
 *     first pull of figure 12's signed events, their signatures proved
 *     once per till and key in each of the pull's transactions)
 *  14 a push of 1,000 events with 100M events on the hub (quick: 100k)
 *     ÷ the same push with 1M on it (quick: 1k)                     ≤ 1.2
 *
 * Everything happens in scratch schemas of the hub's database, dropped
 * afterwards; the events of 13 and 14 are made on the server
 * (generate_series), each till's a valid hash chain. The tills' stores of
 * figures 12 and 14 are kept in the benchmark folder for the next run.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  POS_HUB_BENCH_FULL,  /* the sizes above */
  POS_HUB_BENCH_QUICK, /* the quick sizes above */
  POS_HUB_BENCH_TINY,  /* a tenth of quick, for the tests */
} PosHubBenchScale;

/* Measures figures 12–14 against the hub at @conninfo (an admin role) and
 * appends them to @figures, shaped like pos-bench.h's figures; @dir holds
 * the kept stores. */
gboolean pos_hub_bench_figures (const char *conninfo, const char *dir, PosHubBenchScale scale,
                                JsonArray *figures, GError **error);

G_END_DECLS
