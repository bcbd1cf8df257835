/* pos-stock-bench.c — figures 15 and 16: a stock take by scan and the stock valuation (see
 * pos-stock-bench.h). */
#include "pos-stock-bench.h"

#include "pos-bench-stats.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-report.h"
#include "pos-stock-take-async.h"
#include "pos-store-private.h"
#include "pos-users.h"

/* ---- 15: a stock take by scan ---------------------------------------------- */

typedef struct
{
  PosStoreQueue *queue;
  GError *error;
  gboolean done;
  gboolean counted;
} Scan;

static void
counted_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Scan *scan = data;
  g_autoptr (PosStockTakeLine) line = NULL;

  scan->counted
      = pos_stock_take_count_finish (scan->queue, result, &line, NULL, &scan->error) && line != NULL;
  if (scan->error == NULL && line == NULL)
    g_set_error (&scan->error, POS_ERROR, POS_ERROR_NOT_FOUND, "A benchmark code found no product");
  scan->done = TRUE;
}

/* One scan through the page's queue, timed until its line is back. */
static gboolean
time_queued_scan (PosStoreQueue *queue, const PosUser *user, gint64 id, const char *code, GArray *samples,
                  GError **error)
{
  Scan scan = { .queue = queue };
  gint64 started = pos_bench_now_ns ();

  pos_stock_take_count_async (queue, user, id, code, POS_QTY_ONE, NULL, counted_cb, &scan);
  while (!scan.done)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  pos_bench_add_sample (samples, started);
  if (scan.error != NULL)
    return g_propagate_error (error, scan.error), FALSE;
  return TRUE;
}

/* The same count on the caller's own connection, without the queue. */
static gboolean
time_direct_scan (PosStore *store, const PosUser *user, gint64 id, const char *code, GArray *samples,
                  GError **error)
{
  g_autoptr (PosStockTakeLine) line = NULL;
  gint64 started = pos_bench_now_ns ();

  if (!pos_stock_take_count (store, user, id, code, POS_QTY_ONE, &line, NULL, error))
    return FALSE;
  pos_bench_add_sample (samples, started);
  return TRUE;
}

/* A stock take left open by an interrupted run would refuse a new one. */
static gint64
start_stock_take (PosStore *store, const PosUser *owner, GError **error)
{
  gint64 open = pos_stock_take_open_id (store, error);

  if (open != 0 && !pos_stock_take_cancel (store, owner, open, error))
    return 0;
  return pos_stock_take_start (store, owner, NULL, error);
}

static gboolean
count_scans (PosStore *store, const PosUser *owner, gint64 id, GPtrArray *codes, guint scans, GRand *rand,
             GArray *queued, GArray *direct, GError **error)
{
  g_autoptr (PosStoreQueue) queue = pos_store_queue_new (pos_store_path (store));

  for (guint i = 0; i < scans; i++)
    {
      const char *code = g_ptr_array_index (codes, g_rand_int_range (rand, 0, (gint32)codes->len));

      if (!time_queued_scan (queue, owner, id, code, queued, error))
        return FALSE;
      /* The direct count every tenth scan: it is the limit, not the figure. */
      if (i % 10 == 0 && !time_direct_scan (store, owner, id, code, direct, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
figure_stock_take (PosStore *store, const PosUser *owner, GPtrArray *codes, guint scans, GRand *rand,
                   JsonArray *figures, GError **error)
{
  static const PosBenchBudget budget = { .p95_ms = POS_STOCK_BENCH_SCAN_BUDGET_MS };
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GArray) queued = pos_bench_samples_new ();
  g_autoptr (GArray) direct = pos_bench_samples_new ();
  g_autofree char *name = NULL;
  gint64 id;
  gboolean ok;

  if ((id = start_stock_take (store, owner, error)) == 0)
    return FALSE;
  g_main_context_push_thread_default (context);
  ok = count_scans (store, owner, id, codes, scans, rand, queued, direct, error);
  g_main_context_pop_thread_default (context);
  /* Nothing counted becomes stock: the store stays as it was. */
  if (!pos_stock_take_cancel (store, owner, id, ok ? error : NULL) || !ok)
    return FALSE;
  name = g_strdup_printf ("stock take of %u scans: scan → its counted line back on the page", scans);
  pos_bench_add_figure (figures, 15, name, queued, direct, "the same count on the caller's connection",
                        &budget);
  return TRUE;
}

/* ---- 16: stock valued at a date -------------------------------------------- */

/* The floor of reading every product's stock once. */
static gboolean
time_level_scan (PosStore *store, GArray *samples, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT sum (qty) FROM stock_level", error);
  gint64 started = pos_bench_now_ns ();
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  pos_bench_add_sample (samples, started);
  return rc == SQLITE_ROW || pos_store_set_error (store, rc, error, "scan the stock levels");
}

static gboolean
figure_stock_value (PosStore *store, guint runs, JsonArray *figures, GError **error)
{
  static const PosBenchBudget budget = { .p95_ms = POS_STOCK_BENCH_VALUE_BUDGET_MS };
  g_autoptr (GArray) values = pos_bench_samples_new ();
  g_autoptr (GArray) scans = pos_bench_samples_new ();
  /* The end of yesterday: every move of the history is before it. */
  g_autofree char *day = pos_clock_business_day (pos_clock_now_us () - (gint64)G_USEC_PER_SEC * 24 * 3600);
  /* Last night's day close kept the stock as the day before ended, so the
   * valuation recounts what changed yesterday and since (no-op when the
   * history's own day closes already went further). */
  g_autofree char *closed = pos_clock_business_day (pos_clock_now_us () - (gint64)G_USEC_PER_SEC * 48 * 3600);
  g_autofree char *name = NULL;
  gint64 products = 0;

  if (!pos_report_stock_close (store, closed, error))
    return FALSE;
  for (guint i = 0; i < runs; i++)
    {
      PosAmount value = 0;
      gint64 started = pos_bench_now_ns ();

      if (!pos_report_stock_value_total (store, day, &value, NULL, error))
        return FALSE;
      pos_bench_add_sample (values, started);
      if (!time_level_scan (store, scans, error))
        return FALSE;
    }
  products = pos_catalog_count (store);
  name = g_strdup_printf ("stock valued at cost at a date, %" G_GINT64_FORMAT " products", products);
  pos_bench_add_figure (figures, 16, name, values, scans, "plain scan of every stock level", &budget);
  return TRUE;
}

gboolean
pos_stock_bench_figures (PosStore *store, GPtrArray *codes, guint scans, guint valuations, GRand *rand,
                         JsonArray *figures, GError **error)
{
  g_autoptr (PosUser) owner = NULL;

  g_return_val_if_fail (store != NULL && codes != NULL && codes->len > 0 && rand != NULL, FALSE);
  g_return_val_if_fail (scans > 0 && valuations > 0 && figures != NULL, FALSE);

  owner = pos_users_lookup (store, "olivia", error);
  return owner != NULL && figure_stock_take (store, owner, codes, scans, rand, figures, error)
         && figure_stock_value (store, valuations, figures, error);
}
