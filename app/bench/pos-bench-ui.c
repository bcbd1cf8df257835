/* pos-bench-ui.c — the app's performance figures (see pos-bench-ui.h). */
#include "pos-bench-ui.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "pos-error.h"
#include "pos-promo-engine.h"
#include "pos-promotion.h"
#include "pos-store-private.h"
#include "pos-users.h"

#define STARTUP_RUNS 5 /* measured, per store, after one warm-up each */
#define RUN_TIMEOUT_S 600
#define BUDGET_START 1.2
#define BUDGET_MEMORY 1.3
#define BUDGET_SCAN_FRAMES 2
#define BUDGET_SCROLL 1.2
#define SCANS 100 /* scan mode: the app's default */
#define LINES 10  /* scan mode: lines in a basket, the app's default */
#define PROMO_LINES 50

typedef struct
{
  const char *mainstreet;
  char *dir;      /* copies of the stores */
  char *store[2]; /* 0: 1k, 1: 1M */
} Runner;

static void
runner_clear (Runner *r)
{
  for (guint i = 0; i < 2; i++)
    {
      if (r->store[i] != NULL)
        {
          g_autofree char *wal = g_strconcat (r->store[i], "-wal", NULL);
          g_autofree char *shm = g_strconcat (r->store[i], "-shm", NULL);
          g_unlink (wal);
          g_unlink (shm);
          g_unlink (r->store[i]);
        }
      g_clear_pointer (&r->store[i], g_free);
    }
  if (r->dir != NULL)
    g_rmdir (r->dir);
  g_clear_pointer (&r->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Runner, runner_clear)

typedef struct
{
  GMainLoop *loop;
  char *out;
  char *err;
  GError *error;
} Wait;

static void
wait_clear (Wait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_pointer (&wait->out, g_free);
  g_clear_pointer (&wait->err, g_free);
  g_clear_error (&wait->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

static void
on_communicated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &wait->out, &wait->err, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_subprocess_force_exit (G_SUBPROCESS (user_data));
  return G_SOURCE_REMOVE;
}

/* Runs the app in bench @mode on @store and parses the last line it
 * printed as a JSON object. Returns: (transfer full) (nullable) */
static JsonObject *
run_app_lines (Runner *r, const char *mode, const char *store, guint lines, GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher
      = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GSource) timeout = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Wait) wait = { 0 };
  const char *user = g_getenv ("MAINSTREET_BENCH_USER");
  const char *pin = g_getenv ("MAINSTREET_BENCH_PIN");
  const char *line;

  /* The window size and other per-machine settings of whoever runs it stay as they are. */
  g_autofree char *lines_arg = g_strdup_printf ("--lines=%u", lines);
  g_autofree char *scans_arg = g_strdup_printf ("--scans=%u", MAX (lines * 2, SCANS));

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  process = g_subprocess_launcher_spawn (launcher, error, r->mainstreet, "--mode", mode, "--user",
                                         user ? user : "casey", "--pin", pin ? pin : "1234", lines_arg,
                                         scans_arg, "--store", store, NULL);
  if (process == NULL)
    return NULL;
  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  timeout = g_timeout_source_new_seconds (RUN_TIMEOUT_S);
  g_source_set_callback (timeout, on_timeout_cb, process, NULL);
  g_source_attach (timeout, context);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated_cb, &wait);
  g_main_loop_run (wait.loop);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
  if (wait.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&wait.error));
      return NULL;
    }
  line = wait.out ? strrchr (g_strchomp (wait.out), '\n') : NULL;
  line = line ? line + 1 : wait.out;
  if (!g_subprocess_get_successful (process) || line == NULL
      || !json_parser_load_from_data (parser, line, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "error"))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "mainstreet-bench (%s on %s) gave no figures: %s%s",
                   mode, store, line ? line : "", wait.err ? g_strchomp (wait.err) : "");
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
run_app (Runner *r, const char *mode, const char *store, GError **error)
{
  return run_app_lines (r, mode, store, LINES, error);
}

/* --- figures --------------------------------------------------------------- */

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The @per_mille-th percentile of @values (sorts them), nearest rank. */
static double
percentile (GArray *values, guint per_mille)
{
  gsize i;

  g_assert (values->len > 0);
  g_array_sort (values, compare_double);
  i = ((gsize)values->len * per_mille + 999) / 1000;
  return g_array_index (values, double, i > 0 ? i - 1 : 0);
}

static JsonObject *
stats (GArray *values, const char *name)
{
  JsonObject *o = json_object_new ();

  if (name != NULL)
    json_object_set_string_member (o, "name", name);
  json_object_set_int_member (o, "samples", values->len);
  json_object_set_double_member (o, "median", percentile (values, 500));
  json_object_set_double_member (o, "p95", percentile (values, 950));
  json_object_set_double_member (o, "p99", percentile (values, 990));
  return o;
}

/* Figure @id: @value (1M) against @limit (1k), judged on the ratio of
 * medians. Returns: (transfer full) */
static JsonObject *
ratio_figure (int id, const char *name, const char *unit, GArray *value, GArray *limit,
              const char *limit_name, double budget_ratio)
{
  JsonObject *o = stats (value, NULL);
  JsonObject *budget = json_object_new ();
  double ratio = percentile (value, 500) / MAX (percentile (limit, 500), 1e-9);

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "unit", unit);
  json_object_set_object_member (o, "limit", stats (limit, limit_name));
  json_object_set_double_member (o, "ratio", ratio);
  json_object_set_double_member (budget, "ratio", budget_ratio);
  json_object_set_object_member (o, "budget", budget);
  json_object_set_boolean_member (o, "pass", ratio <= budget_ratio);
  return o;
}

static void
append (GArray *values, double value)
{
  g_array_append_val (values, value);
}

static GArray *
new_values (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

/* Values of the 1k store (0) and the 1M store (1). */
typedef struct
{
  GArray *of[2];
} Samples;

static void
samples_clear (Samples *samples)
{
  g_clear_pointer (&samples->of[0], g_array_unref);
  g_clear_pointer (&samples->of[1], g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Samples, samples_clear)

/* Figure 5: start-up and memory, the stores' runs interleaved. */
static JsonObject *
figure_startup (Runner *r, GError **error)
{
  g_auto (Samples) start = { { new_values (), new_values () } };
  g_auto (Samples) full = { { new_values (), new_values () } };
  g_auto (Samples) rss = { { new_values (), new_values () } };
  JsonObject *o, *memory;

  for (guint run = 0; run <= STARTUP_RUNS; run++)
    for (guint s = 0; s < 2; s++)
      {
        g_autoptr (JsonObject) got = run_app (r, "startup", r->store[s], error);
        double ready, signin;

        if (got == NULL)
          return NULL;
        if (run == 0)
          continue; /* warm-up: page cache, and the shift opened */
        ready = json_object_get_double_member (got, "ready_ms");
        signin = json_object_get_double_member (got, "signin_ms");
        append (start.of[s], ready - signin);
        append (full.of[s], ready);
        append (rss.of[s], (double)json_object_get_int_member (got, "rss_kb"));
      }
  o = ratio_figure (5, "start to ready-to-scan (PIN check excluded), 1M ÷ 1k products", "ms", start.of[1],
                    start.of[0], "1k products", BUDGET_START);
  json_object_set_object_member (o, "with_pin_check",
                                 ratio_figure (5, "start to ready-to-scan, PIN check included", "ms",
                                               full.of[1], full.of[0], "1k products", BUDGET_START));
  memory = ratio_figure (5, "memory (VmRSS) at ready, 1M ÷ 1k products", "kB", rss.of[1], rss.of[0],
                         "1k products", BUDGET_MEMORY);
  json_object_set_boolean_member (o, "pass",
                                  json_object_get_boolean_member (o, "pass")
                                      && json_object_get_boolean_member (memory, "pass"));
  json_object_set_object_member (o, "memory", memory);
  return o;
}

/* A scan figure from the app's run @got: Enter → frame, judged by its p95 in frames. */
static JsonObject *
scan_figure (const char *name, JsonObject *got)
{
  JsonObject *o = json_object_new ();
  JsonObject *budget = json_object_new ();
  gint64 p95 = json_object_get_int_member (got, "frames_p95");

  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "unit", "frames");
  json_object_set_int_member (o, "samples", json_object_get_int_member (got, "scans"));
  json_object_set_int_member (o, "median", json_object_get_int_member (got, "frames_p50"));
  json_object_set_int_member (o, "p95", p95);
  json_object_set_int_member (o, "max", json_object_get_int_member (got, "frames_max"));
  json_object_set_double_member (o, "ms_median", json_object_get_double_member (got, "ms_p50"));
  json_object_set_double_member (o, "ms_p95", json_object_get_double_member (got, "ms_p95"));
  json_object_set_null_member (o, "limit");
  json_object_set_null_member (o, "ratio");
  json_object_set_int_member (budget, "p95_frames", BUDGET_SCAN_FRAMES);
  json_object_set_object_member (o, "budget", budget);
  json_object_set_boolean_member (o, "pass", p95 <= BUDGET_SCAN_FRAMES);
  return o;
}

/* Figure 6: Enter → frame, on the 1M store (the 1k one beside it); its
 * run on the 1M store goes to @big_out (transfer full). */
static JsonObject *
figure_scan (Runner *r, JsonObject **big_out, GError **error)
{
  g_autoptr (JsonObject) small = run_app (r, "scan", r->store[0], error);
  g_autoptr (JsonObject) big = small ? run_app (r, "scan", r->store[1], error) : NULL;
  JsonObject *o;

  if (big == NULL)
    return NULL;
  o = scan_figure ("scan Enter → the frame showing its line, 1M products", big);
  json_object_set_int_member (o, "id", 6);
  json_object_set_object_member (o, "small_store", json_object_ref (small));
  *big_out = g_steal_pointer (&big);
  return o;
}

/* 20 promotions open all the time, each over one of the categories with
 * the most products (so the scanned lines fall under them), of the kinds
 * a shop runs most: percent off, 3 for 2, an amount off each unit. */
gboolean
pos_bench_add_promotions (PosStore *store, guint n, GError **error)
{
  static const char categories_sql[]
      = "SELECT category_id FROM product WHERE category_id IS NOT NULL GROUP BY category_id "
        "ORDER BY count (*) DESC, category_id LIMIT ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, categories_sql, error);
  g_autoptr (GArray) categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (PosUser) owner = NULL;

  if (stmt == NULL || (owner = pos_users_lookup (store, "olivia", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (categories, id);
    }
  if (categories->len == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "The store has no categories"), FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PosPromotion) p = pos_promotion_new ();
      static const PosPromoKind kinds[] = { POS_PROMO_PERCENT, POS_PROMO_MULTIBUY, POS_PROMO_AMOUNT };

      p->name = g_strdup_printf ("Benchmark promotion %u", i + 1);
      p->kind = kinds[i % G_N_ELEMENTS (kinds)];
      p->category_id = g_array_index (categories, gint64, i % categories->len);
      p->buy_qty = p->kind == POS_PROMO_MULTIBUY ? 3 : 0;
      p->pay_qty = p->kind == POS_PROMO_MULTIBUY ? 2 : 0;
      p->value = p->kind == POS_PROMO_PERCENT  ? 500 + 50 * (gint64)i
                 : p->kind == POS_PROMO_AMOUNT ? 5 + i
                                               : 0;
      if (!pos_promotion_add (store, owner, p, error))
        return FALSE;
    }
  return TRUE;
}

/* Figure 6b: figure 6 again with 20 promotions open and 50-line baskets,
 * on a copy of the 1M store; its limit is figure 6's run (@plain), the
 * ratio of their medians in ms. */
static JsonObject *
figure_scan_promotions (Runner *r, JsonObject *plain, GError **error)
{
  g_autoptr (JsonObject) got = NULL;
  JsonObject *o, *limit;

  {
    g_autoptr (PosStore) store = pos_store_open (r->store[1], POS_STORE_OPEN_NO_CHECK, error);

    if (store == NULL || !pos_bench_add_promotions (store, POS_BENCH_PROMOTIONS, error))
      return NULL;
  }
  if ((got = run_app_lines (r, "scan", r->store[1], PROMO_LINES, error)) == NULL)
    return NULL;
  o = scan_figure ("scan Enter → the frame showing its line, 20 promotions, 50-line baskets, 1M products",
                   got);
  json_object_set_string_member (o, "id", "6b");
  limit = json_object_new ();
  json_object_set_string_member (limit, "name", "figure 6: no promotions, 10-line baskets (ms)");
  json_object_set_string_member (limit, "unit", "ms");
  json_object_set_int_member (limit, "samples", json_object_get_int_member (plain, "scans"));
  json_object_set_double_member (limit, "median", json_object_get_double_member (plain, "ms_p50"));
  json_object_set_double_member (limit, "p95", json_object_get_double_member (plain, "ms_p95"));
  json_object_set_object_member (o, "limit", limit);
  json_object_set_double_member (o, "ratio",
                                 json_object_get_double_member (got, "ms_p50")
                                     / MAX (json_object_get_double_member (plain, "ms_p50"), 1e-9));
  return o;
}

/* Figure 7: frame intervals while scrolling, p90 1M ÷ 1k. */
static JsonObject *
figure_scroll (Runner *r, GError **error)
{
  g_auto (Samples) p90 = { { new_values (), new_values () } };
  g_auto (Samples) work = { { new_values (), new_values () } };
  JsonObject *o;

  for (guint run = 0; run < 3; run++)
    for (guint s = 0; s < 2; s++)
      {
        g_autoptr (JsonObject) got = run_app (r, "scroll", r->store[s], error);

        if (got == NULL)
          return NULL;
        append (p90.of[s], json_object_get_double_member (got, "interval_p90_ms"));
        append (work.of[s], json_object_get_double_member (got, "work_p90_ms"));
      }
  o = ratio_figure (7, "stock list scrolled over the whole catalog: frame interval p90, 1M ÷ 1k", "ms",
                    p90.of[1], p90.of[0], "1k products", BUDGET_SCROLL);
  json_object_set_object_member (o, "frame_work_p90",
                                 ratio_figure (7, "frame layout+paint time p90, 1M ÷ 1k", "ms", work.of[1],
                                               work.of[0], "1k products", BUDGET_SCROLL));
  return o;
}

/* Copies @path into the runner's folder as @name. */
static char *
copy_store (Runner *r, const char *path, const char *name, GError **error)
{
  g_autoptr (GFile) source = g_file_new_for_path (path);
  g_autofree char *copy = g_build_filename (r->dir, name, NULL);
  g_autoptr (GFile) dest = g_file_new_for_path (copy);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "No store at %s", path);
      return NULL;
    }
  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
pos_bench_ui (const char *bench_app_path, const char *store_1k, const char *store_1m, JsonObject *out,
              GError **error)
{
  g_auto (Runner) r = { 0 };
  g_autoptr (JsonObject) plain_scan = NULL;
  JsonObject *figures[4] = { NULL };

  g_return_val_if_fail (bench_app_path != NULL, FALSE);
  g_return_val_if_fail (store_1k != NULL && store_1m != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0')
    {
      g_set_error (
          error, POS_ERROR, POS_ERROR_INVALID,
          "The app's figures need a display: DISPLAY is not set (run under Xvfb or in a desktop session)");
      return FALSE;
    }
  r.mainstreet = bench_app_path;
  r.dir = g_dir_make_tmp ("mainstreet-bench-ui-XXXXXX", error);
  if (r.dir == NULL || (r.store[0] = copy_store (&r, store_1k, "1k.db", error)) == NULL
      || (r.store[1] = copy_store (&r, store_1m, "1m.db", error)) == NULL)
    return FALSE;
  if ((figures[0] = figure_startup (&r, error)) == NULL
      || (figures[1] = figure_scan (&r, &plain_scan, error)) == NULL
      || (figures[2] = figure_scroll (&r, error)) == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
        g_clear_pointer (&figures[i], json_object_unref);
      return FALSE;
    }
  json_object_set_object_member (out, "5", figures[0]);
  json_object_set_object_member (out, "6", figures[1]);
  json_object_set_object_member (out, "7", figures[2]);
  /* 6b last: it adds promotions to the copy of the 1M store. A run that
   * gives no figure is reported as the reason 6b is missing, and the
   * figures measured before it are kept. */
  {
    g_autoptr (GError) promo_error = NULL;

    figures[3] = figure_scan_promotions (&r, plain_scan, &promo_error);
    if (figures[3] != NULL)
      json_object_set_object_member (out, "6b", figures[3]);
    else
      json_object_set_string_member (out, "6b_error", promo_error->message);
  }
  return TRUE;
}

void
pos_bench_scan_free (PosBenchScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->code);
  g_free (scan->name);
  g_free (scan);
}

GPtrArray *
pos_bench_scan_codes (PosStore *store, guint n)
{
  static const char max_sql[] = "SELECT coalesce (max (id), 0) FROM product";
  static const char code_sql[]
      = "SELECT b.code, p.name FROM barcode b JOIN product p ON p.id = b.product_id "
        "WHERE b.product_id >= ?1 AND p.active = 1 AND p.unit = 'each' AND p.has_variants = 0 "
        "ORDER BY b.product_id LIMIT 1";
  GPtrArray *scans = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_bench_scan_free);
  g_autoptr (PosStmt) max_stmt = NULL;
  gint64 max_id = 0;

  g_return_val_if_fail (store != NULL, scans);

  max_stmt = pos_store_prepare (store, max_sql, NULL);
  if (max_stmt != NULL && sqlite3_step (max_stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (max_stmt, 0);
  for (guint i = 0; i < n && max_id > 0; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, code_sql, NULL);
      PosBenchScan *scan;

      if (stmt == NULL)
        break;
      sqlite3_bind_int64 (stmt, 1, 1 + (gint64)i * max_id / n);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        continue;
      scan = g_new0 (PosBenchScan, 1);
      scan->code = pos_stmt_dup_text (stmt, 0);
      scan->name = pos_stmt_dup_text (stmt, 1);
      g_ptr_array_add (scans, scan);
    }
  return scans;
}
