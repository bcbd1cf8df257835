/* pos-bench.c — the performance budgets of docs/ARCHITECTURE.md, measured (see pos-bench.h).
 *
 * Every operation is timed on its own with the monotonic clock in
 * nanoseconds, and the limit it is divided by is measured in the same loop,
 * alternating with it, so that whatever else the machine is doing weighs on
 * both alike.
 */
#include "pos-bench.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pos-backup.h"
#include "pos-bench-stats.h"
#include "pos-bench-ui.h"
#include "pos-cart.h"
#include "pos-catalog.h"
#include "pos-checkout.h"
#include "pos-checkpointer.h"
#include "pos-clock.h"
#include "pos-hub-bench.h"
#include "pos-demo.h"
#include "pos-report.h"
#include "pos-sync.h"
#include "pos-owner-bench.h"
#include "pos-stock-bench.h"
#include "pos-users.h"
#include "pos-thread-priority.h"
#include "pos-store-private.h"

#define BENCH_SEED 1

void
pos_bench_size_for (gboolean quick, PosBenchSize *size)
{
  g_return_if_fail (size != NULL);

  if (quick)
    *size = (PosBenchSize){ 100000, 1000000, 90, 200 };
  else
    *size = (PosBenchSize){ 1000000, 10000000, 365, 500 };
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* ---- the benchmark ----------------------------------------------------- */

typedef struct
{
  PosStore *store;
  char *dir;
  GRand *rand;
  guint samples;
  gint64 max_product_id;
  GPtrArray *codes; /* EAN-13s of products spread over the catalog */
  PosUser *cashier;
  JsonArray *figures;
  JsonObject *skipped;
  const PosBenchOptions *options;
} Bench;

static void
bench_clear (Bench *b)
{
  g_clear_pointer (&b->store, pos_store_close);
  g_clear_pointer (&b->dir, g_free);
  g_clear_pointer (&b->rand, g_rand_free);
  g_clear_pointer (&b->codes, g_ptr_array_unref);
  g_clear_pointer (&b->cashier, pos_user_free);
  g_clear_pointer (&b->figures, json_array_unref);
  g_clear_pointer (&b->skipped, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bench, bench_clear)

/* Records figure @id: @value against @limit (nullable), with its ratio and budgets. */
static void
add_figure (Bench *b, int id, const char *name, GArray *value, GArray *limit, const char *limit_name,
            double budget_ratio, double budget_p95_ms, double budget_median_ms)
{
  PosBenchBudget budget = { budget_ratio, budget_p95_ms, budget_median_ms };

  pos_bench_add_figure (b->figures, id, name, value, limit, limit_name, &budget);
}

/* Records that figure @id was not measured, and why. */
static void
skip_figure (Bench *b, const char *key, const char *name, const char *reason)
{
  JsonObject *f = json_object_new ();

  json_object_set_string_member (f, "name", name);
  json_object_set_string_member (f, "reason", reason);
  json_object_set_object_member (b->skipped, key, f);
}

/* The first column of the first row of @sql (with @bind as ?1 when it has one). */
static gboolean
query_int (PosStore *store, const char *sql, gint64 bind, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (pos_store_db (store), sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      if (sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_int64 (stmt, 1, bind);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || pos_store_set_error (store, rc, error, "read the benchmark store");
}

/* EAN-13s of products at random ids, for scanning: variants among them,
 * never a product sold only as its variants (the till asks which). */
static gboolean
load_codes (Bench *b, GError **error)
{
  static const char sql[] = "SELECT b.code FROM barcode b JOIN product p ON p.id = b.product_id "
                            "WHERE b.product_id = ?1 AND b.code NOT LIKE '2%' AND p.has_variants = 0";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint tries = 0; b->codes->len < 2000 && tries < 20000; tries++)
    {
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (b->rand, 1, (gint32)b->max_product_id + 1));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (b->codes, pos_stmt_dup_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (b->codes->len < 5)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "The benchmark store has too few barcodes"),
           FALSE;
  return TRUE;
}

static const char *
random_code (Bench *b)
{
  return g_ptr_array_index (b->codes, g_rand_int_range (b->rand, 0, (gint32)b->codes->len));
}

static void
remove_store_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* ---- 1a–1e: sale commit ------------------------------------------------ */

/* The most a sale's log write is copied in the raw write it is judged
 * against (1a): far more than any 5-line sale. */
#define RAW_MAX_BYTES (256 * 1024)
/* The raw writes land in turn over this much of their file. */
#define RAW_FILE_BYTES (8 * 1024 * 1024)

typedef struct
{
  PosCart *cart;
  PosCheckpointer *checkpointer;
  PosStore *floor;
  int fd;
  char *block;
  gint64 frame_bytes; /* one log frame: a page and its 24-byte header */
  gint64 sale_bytes;  /* what the last sale added to the log */
  off_t offset;
  GArray *sales, *same_bytes, *raw, *engine, *pages;
  int log_fd;           /* the store's log, read for its frames' page numbers */
  GArray *page_numbers; /* guint32: the pages of every 1b sale's frames */
} CommitRun;

static void
commit_run_clear (CommitRun *r)
{
  g_clear_pointer (&r->cart, g_object_unref);
  g_clear_pointer (&r->checkpointer, pos_checkpointer_free);
  g_clear_pointer (&r->floor, pos_store_close);
  if (r->fd >= 0)
    close (r->fd);
  g_clear_pointer (&r->block, g_free);
  g_clear_pointer (&r->sales, g_array_unref);
  g_clear_pointer (&r->same_bytes, g_array_unref);
  g_clear_pointer (&r->raw, g_array_unref);
  g_clear_pointer (&r->engine, g_array_unref);
  g_clear_pointer (&r->pages, g_array_unref);
  g_clear_pointer (&r->page_numbers, g_array_unref);
  if (r->log_fd >= 0)
    close (r->log_fd);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommitRun, commit_run_clear)

static gboolean
fill_cart (Bench *b, PosCart *cart, guint lines, GError **error)
{
  while (pos_cart_get_n_lines (cart) < lines)
    if (!pos_cart_add_code (cart, random_code (b), error))
      return FALSE;
  return TRUE;
}

/* The page numbers of the last commit's frames, read from the log's frame
 * headers (a 32-byte file header, then each frame's 24-byte header, whose
 * first four bytes are its page number, big-endian, and its page). */
static void
note_sale_pages (Bench *b, CommitRun *r)
{
  guint end = pos_checkpointer_get_log_frames (r->checkpointer);
  guint n = pos_checkpointer_get_commit_frames (r->checkpointer);

  if (r->log_fd < 0)
    {
      g_autofree char *log_path = g_strconcat (pos_store_path (b->store), "-wal", NULL);
      r->log_fd = g_open (log_path, O_RDONLY | O_CLOEXEC, 0);
    }

  for (guint f = end - MIN (n, end); r->log_fd >= 0 && f < end; f++)
    {
      guint8 head[4];
      guint32 page;

      if (pread (r->log_fd, head, sizeof head, 32 + (off_t)f * r->frame_bytes) != sizeof head)
        return;
      page = (guint32)head[0] << 24 | (guint32)head[1] << 16 | (guint32)head[2] << 8 | head[3];
      g_array_append_val (r->page_numbers, page);
    }
}

/* One 5-line sale paid by card, timed from commit to its return; the
 * pages it wrote go to @pages (nullable). */
static gboolean
time_sale (Bench *b, CommitRun *r, guint i, GArray *samples, GArray *pages, GError **error)
{
  g_autoptr (PosSaleResult) result = NULL;
  g_autofree char *reference = g_strdup_printf ("BENCH%06u", i);
  PosTender card = { POS_TENDER_CARD, 0, reference, 0 };
  gint64 started;

  if (!fill_cart (b, r->cart, 5, error))
    return FALSE;
  card.amount = pos_cart_get_total (r->cart);
  started = pos_bench_now_ns ();
  result = pos_checkout_commit (b->store, r->cart, b->cashier, &card, 1, error);
  pos_bench_add_sample (samples, started);
  if (result == NULL)
    return FALSE;
  r->sale_bytes = (gint64)pos_checkpointer_get_commit_frames (r->checkpointer) * r->frame_bytes;
  if (pages != NULL)
    {
      gint64 n = pos_checkpointer_get_commit_frames (r->checkpointer);
      g_array_append_val (pages, n);
      note_sale_pages (b, r);
    }
  return TRUE;
}

/* @bytes written at the next place of the raw file, then fdatasync. */
static gboolean
time_raw_write (CommitRun *r, gint64 bytes, guint i, GArray *samples, GError **error)
{
  size_t n = (size_t)CLAMP (bytes, 4096, RAW_MAX_BYTES);
  gint64 started;

  r->block[i % 4096] = (char)i;
  if (r->offset + (off_t)n > RAW_FILE_BYTES)
    r->offset = 0;
  started = pos_bench_now_ns ();
  if (pwrite (r->fd, r->block, n, r->offset) != (ssize_t)n || fdatasync (r->fd) != 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, saved == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED,
                   "Cannot write the benchmark's sync file: %s", g_strerror (saved));
      return FALSE;
    }
  pos_bench_add_sample (samples, started);
  r->offset += (off_t)n;
  return TRUE;
}

/* The least any SQLite store can do per sale: one row in one transaction,
 * in a store opened like the till's (WAL, synchronous=FULL). Shown beside
 * figure 1a so that a reader sees how much the engine alone costs on this
 * disk. */
static gboolean
time_one_row_commit (PosStore *floor, guint i, GArray *samples, GError **error)
{
  static const char sql[] = "INSERT INTO bench_floor (n) VALUES (?1)";
  g_autoptr (PosStmt) stmt = NULL;
  gint64 started = pos_bench_now_ns ();

  if (!pos_store_begin (floor, error))
    return FALSE;
  stmt = pos_store_prepare (floor, sql, error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, i);
  if (stmt == NULL || !pos_store_step_done (floor, stmt, error) || !pos_store_commit (floor, error))
    {
      pos_store_rollback (floor);
      return FALSE;
    }
  pos_bench_add_sample (samples, started);
  return TRUE;
}

/* One round of the four, in an order that turns with @i so that none
 * always follows another's flush. The raw write of the sale's bytes
 * copies the size of the latest sale. */
static gboolean
time_commit_round (Bench *b, CommitRun *r, guint i, GError **error)
{
  for (guint k = 0; k < 4; k++)
    {
      gboolean ok;

      switch ((i + k) % 4)
        {
          case 0:
            ok = time_sale (b, r, i, r->sales, r->pages, error);
            break;
          case 1:
            ok = time_raw_write (r, r->sale_bytes, i, r->same_bytes, error);
            break;
          case 2:
            ok = time_raw_write (r, 4096, i, r->raw, error);
            break;
          default:
            ok = time_one_row_commit (r->floor, i, r->engine, error);
            break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* One-row commits made before the timed ones: more than figure 1 samples. */
#define FLOOR_WARM_UP 600

/* A fresh store beside the benchmark's, with one table of one column. */
static PosStore *
open_floor_store (const char *path, GError **error)
{
  g_autoptr (PosStore) floor = NULL;

  remove_store_files (path);
  floor = pos_store_open (path, POS_STORE_OPEN_CREATE | POS_STORE_OPEN_NO_CHECK, error);
  if (floor == NULL || !pos_store_exec (floor, "CREATE TABLE bench_floor (n INTEGER NOT NULL)", error))
    return NULL;
  /* Grow the log and start it over, so that the timed commits overwrite
   * it as a till's long-lived log is overwritten, rather than append to a
   * new file, which costs every flush an update of the file's size. */
  for (guint i = 0; i < FLOOR_WARM_UP; i++)
    if (!pos_store_exec (floor, "INSERT INTO bench_floor (n) VALUES (0)", error))
      return NULL;
  if (!pos_store_exec (floor, "PRAGMA wal_checkpoint (RESTART)", error))
    return NULL;
  return g_steal_pointer (&floor);
}

/* The raw file, written in full and flushed once, so that the timed
 * writes overwrite it as the log is overwritten. */
static gboolean
open_raw_file (CommitRun *r, const char *path, GError **error)
{
  gboolean ok = TRUE;

  r->fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (r->fd < 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Cannot create %s: %s", path, g_strerror (errno)),
           FALSE;
  r->block = g_malloc0 (RAW_MAX_BYTES);
  for (off_t at = 0; ok && at < RAW_FILE_BYTES; at += RAW_MAX_BYTES)
    ok = pwrite (r->fd, r->block, RAW_MAX_BYTES, at) == RAW_MAX_BYTES;
  if (!ok || fsync (r->fd) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Cannot write %s: %s", path, g_strerror (errno)),
           FALSE;
  return TRUE;
}

static gboolean
commit_run_init (Bench *b, CommitRun *r, const char *raw_path, const char *floor_path, GError **error)
{
  gint64 page_size = 4096;

  r->fd = -1;
  r->log_fd = -1;
  r->cart = pos_cart_new (b->store);
  r->sales = pos_bench_samples_new ();
  r->same_bytes = pos_bench_samples_new ();
  r->raw = pos_bench_samples_new ();
  r->engine = pos_bench_samples_new ();
  r->pages = pos_bench_samples_new ();
  r->page_numbers = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!query_int (b->store, "PRAGMA page_size", 0, &page_size, error))
    return FALSE;
  r->frame_bytes = page_size + 24;
  r->sale_bytes = 34 * r->frame_bytes; /* until the first sale says */
  /* As in the till, the log is copied back beside the sales, not in them. */
  return (r->checkpointer = pos_checkpointer_new (b->store, POS_CHECKPOINT_FRAMES, error)) != NULL
         && (r->floor = open_floor_store (floor_path, error)) != NULL && open_raw_file (r, raw_path, error);
}

/* Figure 1a's "engine_floor": the one-row commit and its ratio to the 4 KiB write. */
static void
add_engine_floor (Bench *b, GArray *engine, GArray *raw)
{
  JsonObject *figure = json_array_get_object_element (b->figures, json_array_get_length (b->figures) - 1);
  JsonObject *o = pos_bench_stats (engine, "one-row commit into a store opened like the till's");

  json_object_set_double_member (o, "ratio_to_4k_write", pos_bench_median_ratio (engine, raw));
  json_object_set_object_member (figure, "engine_floor", o);
}

/* The figure just added gets the string id @id ("1a"). */
static void
name_last_figure (Bench *b, const char *id)
{
  JsonObject *figure = json_array_get_object_element (b->figures, json_array_get_length (b->figures) - 1);

  json_object_set_string_member (figure, "id", id);
}

/* 1b: pages per sale, counted, not timed: median against a budget. */
static void
add_pages_figure (Bench *b, GArray *pages, double budget)
{
  JsonObject *o = json_object_new ();
  JsonObject *limit = json_object_new ();
  double sum = 0;
  gint64 median;

  g_array_sort (pages, compare_int64);
  for (guint i = 0; i < pages->len; i++)
    sum += (double)g_array_index (pages, gint64, i);
  median = g_array_index (pages, gint64, (pages->len - 1) / 2);
  json_object_set_string_member (o, "id", "1b");
  json_object_set_string_member (o, "name", "pages written per 5-line sale (log frames)");
  json_object_set_string_member (o, "unit", "pages");
  json_object_set_int_member (o, "samples", pages->len);
  json_object_set_double_member (o, "median", (double)median);
  json_object_set_double_member (o, "mean", sum / MAX (pages->len, 1));
  json_object_set_double_member (o, "p95",
                                 (double)g_array_index (pages, gint64, (pages->len * 95 + 99) / 100 - 1));
  json_object_set_double_member (o, "p99",
                                 (double)g_array_index (pages, gint64, (pages->len * 99 + 99) / 100 - 1));
  json_object_set_null_member (o, "limit");
  json_object_set_null_member (o, "ratio");
  json_object_set_double_member (limit, "median", budget);
  json_object_set_object_member (o, "budget", limit);
  json_object_set_boolean_member (o, "pass", (double)median <= budget);
  json_array_add_object_element (b->figures, o);
}

typedef struct
{
  const char *name;
  guint frames;
} TreeFrames;

static gint
compare_tree_frames (gconstpointer a, gconstpointer b)
{
  const TreeFrames *x = a, *y = b;

  return x->frames != y->frames ? (x->frames < y->frames ? 1 : -1) : g_strcmp0 (x->name, y->name);
}

/*
 * Figure 1b's "trees": the pages a sale wrote, on average, per table or
 * index, each page number of the sales' frames looked up in dbstat (one
 * pass over the store). Page 1 (the file's header) counts under
 * sqlite_schema; a page no B-tree holds now (freed since) under "(free)".
 */
static void
add_pages_by_tree (Bench *b, GArray *page_numbers, guint n_sales)
{
  static const char sql[] = "SELECT name, pageno FROM dbstat";
  g_autoptr (GHashTable) frames = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) by_tree = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) sorted = g_array_new (FALSE, FALSE, sizeof (TreeFrames));
  g_autoptr (PosStmt) stmt = NULL;
  JsonObject *figure = json_array_get_object_element (b->figures, json_array_get_length (b->figures) - 1);
  JsonObject *trees;
  GHashTableIter iter;
  gpointer key, value;
  guint found = 0;

  if (page_numbers->len == 0 || n_sales == 0)
    return;
  for (guint i = 0; i < page_numbers->len; i++)
    {
      gpointer page = GUINT_TO_POINTER (g_array_index (page_numbers, guint32, i));
      g_hash_table_insert (frames, page,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (frames, page)) + 1));
    }
  stmt = pos_store_prepare (b->store, sql, NULL);
  while (stmt != NULL && pos_store_step_row (b->store, stmt, NULL) == SQLITE_ROW)
    {
      guint n = GPOINTER_TO_UINT (
          g_hash_table_lookup (frames, GUINT_TO_POINTER (sqlite3_column_int64 (stmt, 1))));
      const char *name = (const char *)sqlite3_column_text (stmt, 0);

      if (n == 0)
        continue;
      n += GPOINTER_TO_UINT (g_hash_table_lookup (by_tree, name));
      g_hash_table_insert (by_tree, g_strdup (name), GUINT_TO_POINTER (n));
      found += GPOINTER_TO_UINT (
          g_hash_table_lookup (frames, GUINT_TO_POINTER (sqlite3_column_int64 (stmt, 1))));
    }
  g_hash_table_iter_init (&iter, by_tree);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_array_append_val (sorted, ((TreeFrames){ key, GPOINTER_TO_UINT (value) }));
  if (found < page_numbers->len)
    g_array_append_val (sorted, ((TreeFrames){ "(free)", page_numbers->len - found }));
  g_array_sort (sorted, compare_tree_frames);
  trees = json_object_new ();
  for (guint i = 0; i < sorted->len; i++)
    {
      const TreeFrames *t = &g_array_index (sorted, TreeFrames, i);
      json_object_set_double_member (trees, t->name, (double)t->frames / n_sales);
    }
  json_object_set_object_member (figure, "pages_per_sale_by_tree", trees);
}

/* A figure whose ratio is of two percentiles (1c, 1d), not of medians. */
static void
add_tail_figure (Bench *b, const char *id, const char *name, GArray *value, guint value_per_mille,
                 GArray *limit, guint limit_per_mille, const char *limit_name, double budget_ratio)
{
  JsonObject *o = pos_bench_stats (value, NULL);
  JsonObject *budget = json_object_new ();
  double ratio = pos_bench_percentile_ms (value, value_per_mille)
                 / MAX (pos_bench_percentile_ms (limit, limit_per_mille), 1e-9);

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "unit", "ms");
  json_object_set_object_member (o, "limit", pos_bench_stats (limit, limit_name));
  json_object_set_double_member (o, "ratio", ratio);
  json_object_set_double_member (budget, "ratio", budget_ratio);
  json_object_set_object_member (o, "budget", budget);
  json_object_set_boolean_member (o, "pass", ratio <= budget_ratio);
  json_array_add_object_element (b->figures, o);
}

/* Figure 1c's "disk_tail": the same ratio for the raw writes timed beside
 * the sales, the tail a commit inherits from the disk and the system. */
static void
add_disk_tail (Bench *b, GArray *raw)
{
  JsonObject *figure = json_array_get_object_element (b->figures, json_array_get_length (b->figures) - 1);
  JsonObject *o = pos_bench_stats (raw, "raw write of the sale's bytes + fdatasync, p99 ÷ its median");

  json_object_set_double_member (
      o, "ratio", pos_bench_percentile_ms (raw, 990) / MAX (pos_bench_percentile_ms (raw, 500), 1e-9));
  json_object_set_object_member (figure, "disk_tail", o);
}

/* Below this a disk does not really flush: its fdatasync only reaches a
 * cache, and 1e (commit ÷ flush) would measure the engine's CPU. */
#define FLUSHING_DISK_MS 1.0

static void
add_commit_figures (Bench *b, CommitRun *r)
{
  double flush = pos_bench_percentile_ms (r->raw, 500);

  add_figure (b, 1, "sale commit (5 lines)", r->sales, r->same_bytes,
              "raw write of the bytes the sale adds to the log + fdatasync", 2.0, 0, 0);
  name_last_figure (b, "1a");
  add_engine_floor (b, r->engine, r->raw);
  add_pages_figure (b, r->pages, 24);
  add_pages_by_tree (b, r->page_numbers, r->pages->len);
  add_tail_figure (b, "1c", "sale commit p99 ÷ its median", r->sales, 990, r->sales, 500,
                   "sale commit median", 4.0);
  add_disk_tail (b, r->same_bytes);
  if (flush >= FLUSHING_DISK_MS)
    {
      add_figure (b, 1, "sale commit where the disk flushes", r->sales, r->raw, "4 KiB write + fdatasync",
                  1.1, 0, 0);
      name_last_figure (b, "1e");
    }
  else
    {
      g_autofree char *reason
          = g_strdup_printf ("the disk does not flush: 4 KiB write + fdatasync takes %.3f ms (< %.0f ms)",
                             flush, FLUSHING_DISK_MS);
      skip_figure (b, "1e", "sale commit ÷ fdatasync where the disk flushes", reason);
    }
}

/* Sales rung up before the timed ones, as the one-row floor's commits are
 * (FLOOR_WARM_UP): a till's log is long-lived, and its store has sold
 * before the sale that is timed. */
#define SALE_WARM_UP 200

static gboolean
warm_up_sales (Bench *b, CommitRun *r, GError **error)
{
  g_autoptr (GArray) untimed = pos_bench_samples_new ();

  for (guint i = 0; i < SALE_WARM_UP; i++)
    if (!time_sale (b, r, b->samples + i, untimed, NULL, error))
      return FALSE;
  return pos_store_exec (b->store, "PRAGMA wal_checkpoint (RESTART)", error);
}

static gboolean
figure_commit (Bench *b, CommitRun *r, GError **error)
{
  if (!warm_up_sales (b, r, error))
    return FALSE;
  for (guint i = 0; i < b->samples; i++)
    if (!time_commit_round (b, r, i, error))
      return FALSE;
  add_commit_figures (b, r);
  return TRUE;
}

/* ---- 1d: sale commit while the background works ------------------------- */

/* A sync push, an online backup and a month report, each on a connection
 * and in a thread of its own, over and over until stopped. */
typedef struct
{
  char *path;        /* the store */
  char *backup_path; /* the backup's copy */
  char *from, *to;   /* the month of the report */
  const char *hub;   /* (nullable) */
  GCancellable *stop;
  GMutex lock;
  GError *error;                 /* the first failure, under lock */
  gint backups, reports, pushes; /* atomic */
  GPtrArray *threads;
} Background;

static void
background_fail (Background *bg, GError *error)
{
  g_mutex_lock (&bg->lock);
  if (bg->error == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    bg->error = g_steal_pointer (&error);
  g_mutex_unlock (&bg->lock);
  g_clear_error (&error);
}

/* At the lowest priority, as the till's scheduled backups run
 * (pos-backup-scheduler.c); the report and the push run as the till runs
 * them, at the till's own. */
static gpointer
background_backup (gpointer data)
{
  Background *bg = data;
  GError *error = NULL;
  PosStore *store;

  pos_thread_lower_priority ();
  store = pos_store_open (bg->path, POS_STORE_OPEN_NO_CHECK, &error);

  while (store != NULL && !g_cancellable_is_cancelled (bg->stop))
    {
      if (!pos_backup_write_copy (store, bg->backup_path, bg->stop, &error))
        break;
      g_atomic_int_inc (&bg->backups);
    }
  if (error != NULL)
    background_fail (bg, error);
  pos_store_close (store);
  remove_store_files (bg->backup_path);
  return NULL;
}

static gpointer
background_report (gpointer data)
{
  Background *bg = data;
  GError *error = NULL;
  PosStore *store = pos_store_open (bg->path, POS_STORE_OPEN_READONLY | POS_STORE_OPEN_NO_CHECK, &error);

  while (store != NULL && !g_cancellable_is_cancelled (bg->stop))
    {
      g_autoptr (JsonNode) report = pos_report_sales (store, bg->from, bg->to, POS_REPORT_BY_DAY, &error);

      if (report == NULL)
        break;
      g_atomic_int_inc (&bg->reports);
      g_usleep (10000); /* someone reading it, not a loop hammering one core */
    }
  if (error != NULL)
    background_fail (bg, error);
  pos_store_close (store);
  return NULL;
}

static gpointer
background_sync (gpointer data)
{
  Background *bg = data;
  GError *error = NULL;

  if (!pos_sync_bench_push_loop (bg->hub, bg->stop, &bg->pushes, &error))
    background_fail (bg, error);
  return NULL;
}

static void
background_start (Background *bg, Bench *b, const char *from, const char *to)
{
  g_mutex_init (&bg->lock);
  bg->path = g_strdup (pos_store_path (b->store));
  bg->backup_path = g_build_filename (b->dir, "bench-background-backup.db", NULL);
  bg->from = g_strdup (from);
  bg->to = g_strdup (to);
  bg->hub = b->options->hub;
  bg->stop = g_cancellable_new ();
  bg->threads = g_ptr_array_new ();
  g_ptr_array_add (bg->threads, g_thread_new ("bench-backup", background_backup, bg));
  g_ptr_array_add (bg->threads, g_thread_new ("bench-report", background_report, bg));
  if (bg->hub != NULL)
    g_ptr_array_add (bg->threads, g_thread_new ("bench-sync", background_sync, bg));
}

/* Stops the work, waits for it and returns its first failure, if any. */
static gboolean
background_stop (Background *bg, GError **error)
{
  gboolean ok;

  g_cancellable_cancel (bg->stop);
  for (guint i = 0; i < bg->threads->len; i++)
    g_thread_join (g_ptr_array_index (bg->threads, i));
  g_ptr_array_unref (bg->threads);
  g_object_unref (bg->stop);
  g_free (bg->path);
  g_free (bg->backup_path);
  g_free (bg->from);
  g_free (bg->to);
  ok = bg->error == NULL;
  if (!ok)
    g_propagate_error (error, bg->error);
  g_mutex_clear (&bg->lock);
  return ok;
}

/* The month that ends on the store's last business day, as from/to. */
static gboolean
last_month (Bench *b, char **from, char **to, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  GDate day;

  sqlite3_prepare_v2 (pos_store_db (b->store), "SELECT max (business_day) FROM sale_day", -1, &stmt, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    *to = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (*to == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "The benchmark store has no sales"), FALSE;
  g_date_clear (&day, 1);
  g_date_set_parse (&day, *to);
  g_date_subtract_days (&day, 29);
  *from = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                           g_date_get_day (&day));
  return TRUE;
}

/* Sales back to back, with nothing else running and then with the
 * background at work, the same number of each. */
static gboolean
figure_commit_background (Bench *b, CommitRun *r, GError **error)
{
  g_autoptr (GArray) idle = pos_bench_samples_new ();
  g_autoptr (GArray) busy = pos_bench_samples_new ();
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *name = NULL;
  Background bg = { 0 };
  gboolean ok = TRUE;
  JsonObject *figure, *work;

  if (!last_month (b, &from, &to, error))
    return FALSE;
  for (guint i = 0; i < b->samples; i++)
    if (!time_sale (b, r, i, idle, NULL, error))
      return FALSE;
  background_start (&bg, b, from, to);
  g_usleep (200000); /* under way before the first sale */
  for (guint i = 0; ok && i < b->samples; i++)
    ok = time_sale (b, r, i, busy, NULL, error);
  if (!background_stop (&bg, ok ? error : NULL) || !ok)
    return FALSE;
  name = g_strdup_printf ("sale commit p99 during %s an online backup and a month report ÷ p99 alone",
                          b->options->hub ? "a sync push," : "(no hub: no sync push)");
  add_tail_figure (b, "1d", name, busy, 990, idle, 990, "sale commit with nothing else running", 1.5);
  figure = json_array_get_object_element (b->figures, json_array_get_length (b->figures) - 1);
  work = json_object_new ();
  json_object_set_int_member (work, "backups_finished", g_atomic_int_get (&bg.backups));
  json_object_set_int_member (work, "month_reports", g_atomic_int_get (&bg.reports));
  json_object_set_int_member (work, "sync_pushes_of_200", g_atomic_int_get (&bg.pushes));
  json_object_set_object_member (figure, "background", work);
  return TRUE;
}

static gboolean
figures_commit (Bench *b, GError **error)
{
  g_autofree char *raw_path = g_build_filename (b->dir, "bench-fdatasync.tmp", NULL);
  g_autofree char *floor_path = g_build_filename (b->dir, "bench-floor.db", NULL);
  g_auto (CommitRun) r = { 0 };
  gboolean ok;

  ok = commit_run_init (b, &r, raw_path, floor_path, error) && figure_commit (b, &r, error)
       && figure_commit_background (b, &r, error);
  g_clear_pointer (&r.floor, pos_store_close);
  remove_store_files (floor_path);
  g_unlink (raw_path);
  return ok;
}

/* ---- 2: barcode → priced cart line ÷ SELECT by rowid ------------------- */

static gboolean
time_select_rowid (Bench *b, PosStmt *stmt, GArray *samples, GError **error)
{
  gint64 id = g_rand_int_range (b->rand, 1, (gint32)b->max_product_id + 1);
  gint64 started = pos_bench_now_ns ();
  int rc;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    (void)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  pos_bench_add_sample (samples, started);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || pos_store_set_error (b->store, rc, error, "read a product");
}

static gboolean
figure_scan (Bench *b, GError **error)
{
  static const char sql[] = "SELECT price FROM product WHERE rowid = ?1";
  g_autoptr (PosCart) cart = pos_cart_new (b->store);
  g_autoptr (GArray) scans = pos_bench_samples_new ();
  g_autoptr (GArray) selects = pos_bench_samples_new ();
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < b->samples * 10; i++)
    {
      const char *code = random_code (b);
      gint64 started;

      if (!time_select_rowid (b, stmt, selects, error))
        return FALSE;
      started = pos_bench_now_ns ();
      if (!pos_cart_add_code (cart, code, error))
        return FALSE;
      pos_bench_add_sample (scans, started);
      pos_cart_clear (cart);
    }
  add_figure (b, 2, "barcode → priced cart line", scans, selects, "prepared SELECT by rowid", 2.0, 0, 0);
  return TRUE;
}

/* ---- 3: type-ahead search ÷ LIKE scan ---------------------------------- */

/* Figure 3's budget: a search costs no more than a scan of this many products. */
#define SEARCH_BUDGET_PRODUCTS 5000.0

/* 1–4 letters of a word of a product's name: what a cashier types. */
static char *
search_term (Bench *b, guint i, GError **error)
{
  static const char sql[] = "SELECT name FROM product WHERE id >= ?1 ORDER BY id LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  g_auto (GStrv) words = NULL;
  const char *word = "a";

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, g_rand_int_range (b->rand, 1, (gint32)b->max_product_id + 1));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    words = g_strsplit ((const char *)sqlite3_column_text (stmt, 0), " ", -1);
  for (guint w = 0; words != NULL && words[w] != NULL; w++)
    if (g_ascii_isalpha (words[w][0]) && strlen (words[w]) >= 4)
      {
        word = words[w];
        if (g_rand_boolean (b->rand))
          break;
      }
  return g_ascii_strdown (word, (gssize)MIN (strlen (word), (gsize)(i % 4) + 1));
}

static gboolean
time_like (Bench *b, const char *term, GArray *samples, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE name LIKE ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (b->store, sql, error);
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", term);
  gint64 started;
  int rc;

  if (stmt == NULL)
    return FALSE;
  started = pos_bench_now_ns ();
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  pos_bench_add_sample (samples, started);
  return rc == SQLITE_DONE || pos_store_set_error (b->store, rc, error, "scan the products");
}

static gboolean
figure_search (Bench *b, GError **error)
{
  g_autoptr (GArray) searches = pos_bench_samples_new ();
  g_autoptr (GArray) likes = pos_bench_samples_new ();
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint like_every = MAX (1, b->samples / 20);

  for (guint i = 0; i < b->samples; i++)
    {
      g_autofree char *term = search_term (b, i, error);
      gint64 started;

      if (term == NULL)
        return FALSE;
      g_array_set_size (ids, 0);
      started = pos_bench_now_ns ();
      if (!pos_catalog_search_ids (b->store, term, 50, ids, error))
        return FALSE;
      pos_bench_add_sample (searches, started);
      /* A full scan takes long: every so often, with the same term. */
      if (i % like_every == 0 && !time_like (b, term, likes, error))
        return FALSE;
    }
  /* A search reads what matches, not the catalog: at most the time of a
   * scan of 5,000 products (1/200 of a million), whatever the store's size;
   * the LIKE scan it is divided by grows with the catalog. */
  add_figure (b, 3, "type-ahead search (1–4 letters, 50 rows)", searches, likes, "LIKE '%term%' scan",
              MIN (1.0, SEARCH_BUDGET_PRODUCTS / (double)MAX (pos_catalog_count (b->store), 1)), 5.0, 0);
  return TRUE;
}

/* ---- 4: reports -------------------------------------------------------- */

/* Where the sales since the last Z start: after its last sale, at the
 * first payment of those sales. */
static gboolean
last_z (Bench *b, gint64 *after, gint64 *first_payment, GError **error)
{
  return query_int (b->store, "SELECT coalesce (max (last_sale), 0) FROM z_report", 0, after, error)
         && query_int (b->store, "SELECT coalesce (min (id), 0) FROM payment WHERE sale_id > ?1", *after,
                       first_payment, error);
}

/*
 * The floor of reading the rows an X or Z report covers: each row since
 * the last Z read once by a plain scan (the sales and their tax rows by
 * key range, the payments by rowid range), summing one column.
 */
static gboolean
time_range_scan (Bench *b, gint64 after, gint64 first_payment, GArray *limit, GError **error)
{
  gint64 sum = 0, started = pos_bench_now_ns ();

  if (!query_int (b->store, "SELECT sum (total) FROM sale WHERE id > ?1", after, &sum, error)
      || !query_int (b->store, "SELECT sum (gross) FROM sale_tax WHERE sale_id > ?1", after, &sum, error)
      || !query_int (b->store, "SELECT sum (amount) FROM payment WHERE id >= ?1", first_payment, &sum, error))
    return FALSE;
  pos_bench_add_sample (limit, started);
  return TRUE;
}

static gboolean
figure_z (Bench *b, GError **error)
{
  g_autoptr (GArray) reports = pos_bench_samples_new ();
  g_autoptr (GArray) limit = pos_bench_samples_new ();
  gint64 after = 0, first_payment = 0;
  guint n = MAX (10, b->samples / 10);

  if (!last_z (b, &after, &first_payment, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JsonNode) x = NULL;
      gint64 started = pos_bench_now_ns ();

      x = pos_report_x (b->store, error);
      if (x == NULL)
        return FALSE;
      pos_bench_add_sample (reports, started);
      if (!time_range_scan (b, after, first_payment, limit, error))
        return FALSE;
    }
  add_figure (b, 4, "Z report of the busy last day (X: same queries)", reports, limit,
              "plain scan of the rows in range", 2.0, 0, 0);
  return TRUE;
}

static gboolean
figure_month (Bench *b, GError **error)
{
  g_autoptr (GArray) reports = pos_bench_samples_new ();
  g_autofree char *to = NULL, *from = NULL;

  if (!last_month (b, &from, &to, error))
    return FALSE;
  for (guint i = 0; i < MAX (10, b->samples / 5); i++)
    {
      g_autoptr (JsonNode) report = NULL;
      gint64 started = pos_bench_now_ns ();

      report = pos_report_sales (b->store, from, to, POS_REPORT_BY_DAY, error);
      if (report == NULL)
        return FALSE;
      pos_bench_add_sample (reports, started);
    }
  add_figure (b, 4, "month sales report by day", reports, NULL, NULL, 0, 100.0, 0);
  return TRUE;
}

/* ---- the store ----------------------------------------------------------- */

/* Makes the store under a temporary name and renames it once complete. */
static gboolean
generate_store (const char *path, const PosBenchSize *size, GError **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  PosDemoOptions options = { size->products, size->days, size->sale_lines, BENCH_SEED };
  PosStore *store;
  gboolean ok;

  remove_store_files (partial);
  store = pos_store_open (partial, POS_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  ok = pos_demo_populate (store, &options, error);
  pos_store_close (store);
  if (ok && g_rename (partial, path) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Cannot rename %s: %s", partial, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    remove_store_files (partial);
  return ok;
}

static char *
store_path (const char *dir, const PosBenchSize *size)
{
  g_autofree char *name
      = g_strdup_printf ("bench-%u-%" G_GINT64_FORMAT ".db", size->products, size->sale_lines);

  return g_build_filename (dir, name, NULL);
}

static JsonObject *
open_store (Bench *b, const PosBenchSize *size, GError **error)
{
  g_autofree char *path = store_path (b->dir, size);
  JsonObject *o = json_object_new ();
  gint64 started = g_get_monotonic_time ();

  json_object_set_string_member (o, "path", path);
  json_object_set_int_member (o, "products", size->products);
  json_object_set_int_member (o, "sale_lines", size->sale_lines);
  json_object_set_int_member (o, "days", size->days);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    json_object_set_null_member (o, "generated_s");
  else if (generate_store (path, size, error))
    json_object_set_double_member (o, "generated_s", (double)(g_get_monotonic_time () - started) / 1e6);
  else
    return json_object_unref (o), NULL;
  /* Checked here rather than in the first sale's time. */
  started = g_get_monotonic_time ();
  b->store = pos_store_open (path, POS_STORE_OPEN_NO_CHECK, error);
  if (b->store == NULL || !pos_store_check (b->store, error))
    return json_object_unref (o), NULL;
  json_object_set_double_member (o, "check_s", (double)(g_get_monotonic_time () - started) / 1e6);
  return o;
}

/* ---- 5–7: the app ------------------------------------------------------ */

/* The small store the app's figures are judged against: 1,000 products. */
static const PosBenchSize small_size = { 1000, 10000, 30, 0 };

/* Why figures 5–7 cannot run here, or NULL when they can. */
static const char *
ui_skip_reason (Bench *b)
{
  const char *display = g_getenv ("DISPLAY");

  if (b->options->mainstreet == NULL)
    return "no app to start (--app)";
  if (display == NULL || *display == '\0')
    return "no display";
  if (b->options->quick)
    return "the quick run has no 1M-product store";
  return NULL;
}

/* Runs the app on a 1k-product store and on this 1M one (pos-bench-ui.c).
 * The app copies the store file alone, so the WAL is folded in first. */
static gboolean
figures_ui (Bench *b, GError **error)
{
  static const struct
  {
    const char *id, *name;
  } figures[] = {
    { "5", "start to ready-to-scan and memory, 1M ÷ 1k products" },
    { "6", "scan Enter → the frame showing its line" },
    { "6b", "scan Enter → the frame showing its line, 20 promotions, 50-line baskets" },
    { "7", "stock list scrolled over the whole catalog, 1M ÷ 1k" },
  };
  const char *reason = ui_skip_reason (b);
  g_autofree char *small = store_path (b->dir, &small_size);
  g_autoptr (JsonObject) out = NULL;

  if (reason != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
        skip_figure (b, figures[i].id, figures[i].name, reason);
      return TRUE;
    }
  if (!g_file_test (small, G_FILE_TEST_EXISTS) && !generate_store (small, &small_size, error))
    return FALSE;
  if (!pos_store_exec (b->store, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;
  out = json_object_new ();
  if (!pos_bench_ui (b->options->mainstreet, small, pos_store_path (b->store), out, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    if (json_object_has_member (out, figures[i].id))
      json_array_add_object_element (b->figures,
                                     json_object_ref (json_object_get_object_member (out, figures[i].id)));
    else
      skip_figure (b, figures[i].id, figures[i].name, json_object_get_string_member (out, "6b_error"));
  return TRUE;
}

/* ---- 8: sync push ÷ bare batched INSERT -------------------------------- */

#define SYNC_EVENTS 5000

/* Rates in events/s, as time per 1,000 events in ns, one sample each. */
static void
add_rate (GArray *samples, double rate)
{
  gint64 ns = (gint64)(1e12 / MAX (rate, 1e-9));

  g_array_append_val (samples, ns);
}

static gboolean
figure_sync (Bench *b, GError **error)
{
  static const char name[] = "sync push (per 1,000 events)";
  g_autoptr (GArray) push = pos_bench_samples_new ();
  g_autoptr (GArray) bare = pos_bench_samples_new ();
  guint runs = b->options->quick ? 5 : 9;

  if (b->options->hub == NULL)
    {
      skip_figure (b, "8", name, "no hub");
      return TRUE;
    }
  for (guint i = 0; i < runs; i++)
    {
      double push_rate = 0, bare_rate = 0;

      if (!pos_sync_bench_push_rate (b->options->hub, SYNC_EVENTS, &push_rate, &bare_rate, error))
        return FALSE;
      add_rate (push, push_rate);
      add_rate (bare, bare_rate);
    }
  /* Push at ≥ 50 % of the bare rate is push taking ≤ 2 × its time. */
  add_figure (b, 8, name, push, bare, "bare batched INSERT into the same PostgreSQL", 2.0, 0, 0);
  return TRUE;
}

/* ---- 9: mainstreet-admin start, big ÷ 1k products ---------------------- */

/* One run of a one-line command on @store, timed from spawn to exit. */
static gboolean
time_admin (Bench *b, const char *store, GArray *samples, GError **error)
{
  const char *argv[] = { b->options->admin, "--store", store, "settings", "get", "currency", NULL };
  g_autofree char *out = NULL, *err = NULL;
  gint status = 0;
  gint64 started = pos_bench_now_ns ();

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return FALSE;
  pos_bench_add_sample (samples, started);
  if (!g_spawn_check_wait_status (status, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "mainstreet-admin failed on %s: %s", store, err),
           FALSE;
  return TRUE;
}

static gboolean
figure_admin_start (Bench *b, GError **error)
{
  static const char name[] = "mainstreet-admin start (settings get), this store ÷ 1k products";
  g_autofree char *small = store_path (b->dir, &small_size);
  g_autoptr (GArray) big = pos_bench_samples_new ();
  g_autoptr (GArray) tiny = pos_bench_samples_new ();
  guint runs = b->options->quick ? 10 : 20;

  if (b->options->admin == NULL)
    {
      skip_figure (b, "9", name, "no mainstreet-admin to start");
      return TRUE;
    }
  if (!g_file_test (small, G_FILE_TEST_EXISTS) && !generate_store (small, &small_size, error))
    return FALSE;
  for (guint i = 0; i < runs; i++)
    if (!time_admin (b, i % 2 ? small : pos_store_path (b->store), i % 2 ? tiny : big, error)
        || !time_admin (b, i % 2 ? pos_store_path (b->store) : small, i % 2 ? big : tiny, error))
      return FALSE;
  add_figure (b, 9, name, big, tiny, "the same on a 1k-product store", 1.2, 0, 0);
  return TRUE;
}

/* ---- 10: push after many pushed ÷ after none ---------------------------- */

static gboolean
figure_push_after (Bench *b, GError **error)
{
  gint64 before = b->options->quick ? 1000000 : 10000000;
  g_autofree char *name
      = g_strdup_printf ("sync push of 1,000 events after %" G_GINT64_FORMAT " pushed ÷ after none", before);
  g_autoptr (GArray) after = pos_bench_samples_new ();
  g_autoptr (GArray) fresh = pos_bench_samples_new ();

  if (b->options->hub == NULL)
    {
      skip_figure (b, "10", name, "no hub");
      return TRUE;
    }
  if (!pos_sync_bench_push_after (b->options->hub, b->dir, before, 1000, b->options->quick ? 5 : 9, after,
                                  fresh, error))
    return FALSE;
  add_figure (b, 10, name, after, fresh, "the same push from a store with no events pushed", 1.2, 0, 0);
  return TRUE;
}

/* ---- 12–14: the hub for a chain of tills (pos-hub-bench.h) --------------- */

static gboolean
figures_hub (Bench *b, GError **error)
{
  if (b->options->hub == NULL)
    {
      skip_figure (b, "12", "50 tills pushing at once", "no hub");
      skip_figure (b, "13", "a new till's first pull", "no hub");
      skip_figure (b, "14", "push latency on a big hub", "no hub");
      return TRUE;
    }
  return pos_hub_bench_figures (b->options->hub, b->dir,
                                b->options->quick ? POS_HUB_BENCH_QUICK : POS_HUB_BENCH_FULL, b->figures,
                                error);
}

static gboolean
measure (Bench *b, GError **error)
{
  if (!query_int (b->store, "SELECT coalesce (max (id), 0) FROM product", 0, &b->max_product_id, error))
    return FALSE;
  b->cashier = pos_users_lookup (b->store, "casey", error);
  return b->cashier != NULL && load_codes (b, error) && figures_commit (b, error) && figure_scan (b, error)
         && figure_search (b, error) && figure_z (b, error) && figure_month (b, error)
         && pos_stock_bench_figures (b->store, b->codes, b->samples * 20, MAX (10, b->samples / 10), b->rand,
                                     b->figures, error)
         && figure_admin_start (b, error) && pos_owner_bench_figure (b->store, b->samples, b->figures, error)
         && figures_ui (b, error) && figure_sync (b, error) && figure_push_after (b, error)
         && figures_hub (b, error);
}

JsonNode *
pos_bench_run_sized (const char *dir, const PosBenchSize *size, const PosBenchOptions *options,
                     GError **error)
{
  g_auto (Bench) b = { 0 };
  g_autoptr (JsonObject) result = json_object_new ();
  JsonObject *store;
  JsonNode *node;

  g_return_val_if_fail (dir != NULL && size != NULL && options != NULL, NULL);
  g_return_val_if_fail (size->products > 0 && size->sale_lines > 0 && size->samples > 0, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Cannot make %s: %s", dir, g_strerror (errno)),
           NULL;
  b.dir = g_strdup (dir);
  b.rand = g_rand_new_with_seed (BENCH_SEED);
  b.samples = size->samples;
  b.codes = g_ptr_array_new_with_free_func (g_free);
  b.figures = json_array_new ();
  b.skipped = json_object_new ();
  b.options = options;
  store = open_store (&b, size, error);
  if (store == NULL)
    return NULL;
  json_object_set_boolean_member (result, "quick", options->quick);
  json_object_set_object_member (result, "store", store);
  if (!measure (&b, error))
    return NULL;
  json_object_set_array_member (result, "figures", json_array_ref (b.figures));
  json_object_set_object_member (result, "skipped", json_object_ref (b.skipped));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, result);
  return node;
}

JsonNode *
pos_bench_run (const char *dir, const PosBenchOptions *options, GError **error)
{
  PosBenchSize size;

  g_return_val_if_fail (options != NULL, NULL);

  pos_bench_size_for (options->quick, &size);
  return pos_bench_run_sized (dir, &size, options, error);
}

/* ---- text -------------------------------------------------------------- */

static void
format_budget (GString *out, JsonObject *budget)
{
  if (json_object_has_member (budget, "ratio"))
    g_string_append_printf (out, " ratio ≤ %.3g", json_object_get_double_member (budget, "ratio"));
  if (json_object_has_member (budget, "p95_ms"))
    g_string_append_printf (out, " p95 ≤ %.3g ms", json_object_get_double_member (budget, "p95_ms"));
  if (json_object_has_member (budget, "median_ms"))
    g_string_append_printf (out, " median ≤ %.3g ms", json_object_get_double_member (budget, "median_ms"));
  if (json_object_has_member (budget, "p95_frames"))
    g_string_append_printf (out, " p95 ≤ %.3g frames", json_object_get_double_member (budget, "p95_frames"));
  if (json_object_has_member (budget, "median"))
    g_string_append_printf (out, " median ≤ %.3g", json_object_get_double_member (budget, "median"));
}

/* "median M unit, p95 P[, p99 Q]" of @o: the app's figures in frames have no p99. */
static void
format_stats (GString *out, JsonObject *o, const char *unit)
{
  g_string_append_printf (out, "median %.3f %s, p95 %.3f", json_object_get_double_member (o, "median"), unit,
                          json_object_get_double_member (o, "p95"));
  if (json_object_has_member (o, "p99"))
    g_string_append_printf (out, ", p99 %.3f", json_object_get_double_member (o, "p99"));
}

/* Figures have a number (2) or a number and a letter ("1a"). */
static char *
figure_id (JsonObject *f)
{
  JsonNode *id = json_object_get_member (f, "id");

  if (json_node_get_value_type (id) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (id));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
}

static void
format_figure (GString *out, JsonObject *f)
{
  g_autofree char *id = figure_id (f);
  const char *unit = json_object_get_string_member_with_default (f, "unit", "ms");

  g_string_append_printf (out, "%s %s %s: ", json_object_get_boolean_member (f, "pass") ? "PASS" : "FAIL", id,
                          json_object_get_string_member (f, "name"));
  format_stats (out, f, unit);
  if (!json_object_get_null_member (f, "limit"))
    {
      JsonObject *limit = json_object_get_object_member (f, "limit");
      g_string_append_printf (out, "\n       ÷ %s: ", json_object_get_string_member (limit, "name"));
      format_stats (out, limit, json_object_get_string_member_with_default (limit, "unit", unit));
      g_string_append_printf (out, " → ratio %.4g", json_object_get_double_member (f, "ratio"));
    }
  if (json_object_has_member (f, "disk_tail"))
    {
      JsonObject *tail = json_object_get_object_member (f, "disk_tail");
      g_string_append_printf (out, "\n       beside it, %s: %.4g",
                              json_object_get_string_member (tail, "name"),
                              json_object_get_double_member (tail, "ratio"));
    }
  if (json_object_has_member (f, "engine_floor"))
    {
      JsonObject *floor = json_object_get_object_member (f, "engine_floor");
      g_string_append_printf (out, "\n       beside it, %s: ", json_object_get_string_member (floor, "name"));
      format_stats (out, floor, unit);
      if (json_object_has_member (floor, "ratio_to_copy"))
        g_string_append_printf (out, " → %.4g × the COPY",
                                json_object_get_double_member (floor, "ratio_to_copy"));
      else
        g_string_append_printf (out, " → %.4g × the 4 KiB write",
                                json_object_get_double_member (floor, "ratio_to_4k_write"));
    }
  /* Figure 13 is judged with its pull of signed events too. */
  if (json_object_has_member (f, "signed"))
    {
      JsonObject *pulled = json_object_get_object_member (f, "signed");
      g_string_append_printf (out, "\n       and %s (%" G_GINT64_FORMAT " events): ",
                              json_object_get_string_member (pulled, "name"),
                              json_object_get_int_member (pulled, "events"));
      format_stats (out, pulled, unit);
      g_string_append_printf (out, " → ratio %.4g to their COPY",
                              json_object_get_double_member (pulled, "ratio"));
    }
  g_string_append (out, "\n       budget:");
  format_budget (out, json_object_get_object_member (f, "budget"));
  g_string_append_c (out, '\n');
  /* Figure 5 carries memory as a second ratio. */
  if (json_object_has_member (f, "memory"))
    format_figure (out, json_object_get_object_member (f, "memory"));
}

char *
pos_bench_format (JsonNode *result)
{
  JsonObject *o, *store, *skipped;
  JsonArray *figures;
  GList *members;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (result != NULL && JSON_NODE_HOLDS_OBJECT (result), NULL);

  o = json_node_get_object (result);
  store = json_object_get_object_member (o, "store");
  g_string_append_printf (out, "store %s: %" G_GINT64_FORMAT " products, %" G_GINT64_FORMAT " sale lines\n",
                          json_object_get_string_member (store, "path"),
                          json_object_get_int_member (store, "products"),
                          json_object_get_int_member (store, "sale_lines"));
  figures = json_object_get_array_member (o, "figures");
  for (guint i = 0; i < json_array_get_length (figures); i++)
    format_figure (out, json_array_get_object_element (figures, i));
  skipped = json_object_get_object_member (o, "skipped");
  members = json_object_get_members (skipped);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *f = json_object_get_object_member (skipped, l->data);
      g_string_append_printf (out, "SKIP %s %s: skipped: %s\n", (const char *)l->data,
                              json_object_get_string_member (f, "name"),
                              json_object_get_string_member (f, "reason"));
    }
  g_list_free (members);
  return g_string_free (out, FALSE);
}
