/* pos-bench-mode.h — the till measuring itself (docs/ARCHITECTURE.md "Performance
 * budgets", the app's figures).
 *
 * Built into `mainstreet-bench` only, never into the shipped `mainstreet`:
 * `mainstreet-bench --mode startup|scan|scroll --user NAME --pin PIN
 * [--scans N] [--lines N] [--store PATH]` runs the same application and window, signs
 * in by itself (a shift is opened with no float when none is open),
 * measures, prints ONE line of JSON on stdout and quits:
 *   startup  {"ready_ms", "signin_ms", "rss_kb"}: main() to the first frame
 *            painted with the sale screen ready to take a scan, the part
 *            of it spent checking the PIN, and VmRSS then;
 *   scan     {"scans", "lines", "frames_p50", "frames_p95", "frames_max", "ms_p50",
 *            "ms_p95"}: --scans (default 100) codes fed, a new sale
 *            every --lines (default 10), so a basket grows to that size;
 *            key by key through the window's scan controller, each
 *            measured from its Enter to the frame (the frame clock's
 *            counter, at "after-paint") in which the new cart line is
 *            on screen;
 *   scroll   {"rows", "frames", "interval_p50_ms", "interval_p90_ms",
 *            "work_p50_ms", "work_p90_ms"}: the stock page's list moved
 *            over the whole catalog, one step per frame tick; intervals
 *            between frames and the time each frame took to lay out and
 *            paint.
 */
#pragma once

#include "pos-application.h"
#include "pos-window.h"

G_BEGIN_DECLS

typedef struct
{
  const char *mode; /* startup, scan or scroll */
  const char *user; /* who signs in */
  const char *pin;
  guint scans; /* scan mode: how many; 0: the default */
  guint lines; /* scan mode: lines in a basket before the next sale starts; 0: 10 */
} PosBenchModeOptions;

/* Starts the bench @options->mode on @window; @start_us is when main()
 * began. FALSE with @error for an unknown mode or no user to sign in
 * with. */
gboolean pos_bench_mode_start (PosApplication *app, PosWindow *window, const PosBenchModeOptions *options,
                               gint64 start_us, GError **error);

G_END_DECLS
