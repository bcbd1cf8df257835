/* test-checkpointer.c — the write-ahead log is copied back by the
 * checkpointer's thread, stays bounded, and loses nothing. */
#include "pos-test-util.h"

#include <glib/gstdio.h>

#include "pos-checkpointer.h"
#include "pos-store-private.h"

#define FRAMES 20
#define COMMITS 300
/* A 4 KiB page and its 24-byte frame header, after the log's 32-byte header. */
#define FRAME_BYTES (4096 + 24)

static void
commit_rows (PosStore *store, guint n)
{
  for (guint i = 0; i < n; i++)
    pos_test_exec (store, "INSERT INTO filler (x) VALUES (randomblob (3000))");
}

static gint64
wal_size (PosTestStore *t)
{
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? (gint64)st.st_size : 0;
}

static void
test_checkpoints_run_in_the_thread_and_bound_the_log (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCheckpointer) checkpointer = NULL;
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  pos_test_exec (t->store, "CREATE TABLE filler (x BLOB)");
  checkpointer = pos_checkpointer_new (t->store, FRAMES, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_checkpointer_get_n_runs (checkpointer), 0);
  commit_rows (t->store, COMMITS);
  while (pos_checkpointer_get_n_runs (checkpointer) == 0 && g_get_monotonic_time () < until)
    g_usleep (1000);
  assert_true (pos_checkpointer_get_n_runs (checkpointer) > 0);
  /* Without checkpoints 300 rows of 3 KB would make a log of 300+ pages;
   * with them it starts over. How far the file grows before it does depends
   * on how the thread and the commits interleave on a busy machine, so what
   * is checked is the log itself: once a checkpoint has copied it back, the
   * next commits start it over, and it holds only their pages. */
  {
    /* The pause after the last commit lets the thread copy back what came
     * in while it ran, if anything did. */
    guint runs = pos_checkpointer_get_n_runs (checkpointer);
    gint64 settle = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    while (pos_checkpointer_get_n_runs (checkpointer) == runs && g_get_monotonic_time () < settle)
      g_usleep (1000);
  }
  commit_rows (t->store, 10);
  {
    int in_log = -1, copied = -1;

    assert_int_equal (sqlite3_wal_checkpoint_v2 (pos_store_db (t->store), NULL, SQLITE_CHECKPOINT_PASSIVE,
                                                 &in_log, &copied),
                      SQLITE_OK);
    if (in_log < 0 || in_log >= COMMITS)
      fail_msg ("the log holds %d pages after the checkpoints: it never started over", in_log);
  }
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM filler"), COMMITS + 10);
}

static void
test_store_goes_on_after_the_checkpointer_stops (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  PosCheckpointer *checkpointer;

  pos_test_exec (t->store, "CREATE TABLE filler (x BLOB)");
  checkpointer = pos_checkpointer_new (t->store, FRAMES, &error);
  pos_assert_no_error (error);
  commit_rows (t->store, 50);
  pos_checkpointer_free (checkpointer);
  /* Commits no longer reach the freed checkpointer (AddressSanitizer
   * would see it), and the store's own automatic checkpoint is back. */
  commit_rows (t->store, 50);
  g_clear_pointer (&t->store, pos_store_close);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM filler"), 100);
}

static void
test_checkpointer_needs_a_store_file_it_can_open (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCheckpointer) checkpointer = NULL;

  /* The store's own connection keeps working; the thread's cannot open. */
  assert_int_equal (g_unlink (t->path), 0);
  checkpointer = pos_checkpointer_new (t->store, FRAMES, &error);
  assert_null (checkpointer);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

/* Commits past the limit, the checkpoint waits until the till has
 * committed nothing for its pause (here 2 s): between customers, not under
 * the next sale's flush. */
static void
test_checkpoint_waits_for_a_pause_in_the_commits (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCheckpointer) checkpointer = NULL;
  gint64 last, until;

  pos_test_exec (t->store, "CREATE TABLE filler (x BLOB)");
  checkpointer = pos_checkpointer_new (t->store, FRAMES, &error);
  pos_assert_no_error (error);
  pos_checkpointer_set_idle_ms (checkpointer, 2000);
  pos_test_exec (t->store, "PRAGMA wal_checkpoint (TRUNCATE)");
  /* Just past the limit, far from four times it. */
  while (wal_size (t) < 32 + (gint64)(FRAMES + 2) * FRAME_BYTES)
    commit_rows (t->store, 1);
  last = g_get_monotonic_time ();
  commit_rows (t->store, 1);
  until = last + 30 * G_USEC_PER_SEC;
  while (pos_checkpointer_get_n_runs (checkpointer) == 0 && g_get_monotonic_time () < until)
    g_usleep (10000);
  assert_int_equal (pos_checkpointer_get_n_runs (checkpointer), 1);
  assert_true (g_get_monotonic_time () - last >= 2 * G_USEC_PER_SEC);
}

/* A till that never pauses still has its log copied back once it reaches
 * four times the limit, by the thread. */
static void
test_checkpoint_does_not_wait_for_ever (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCheckpointer) checkpointer = NULL;
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  pos_test_exec (t->store, "CREATE TABLE filler (x BLOB)");
  checkpointer = pos_checkpointer_new (t->store, FRAMES, &error);
  pos_assert_no_error (error);
  pos_checkpointer_set_idle_ms (checkpointer, 3600 * 1000);
  commit_rows (t->store, 5 * FRAMES);
  while (pos_checkpointer_get_n_runs (checkpointer) == 0 && g_get_monotonic_time () < until)
    g_usleep (10000);
  assert_true (pos_checkpointer_get_n_runs (checkpointer) > 0);
}

/* The sync worker's connection hands its checkpoints to the till's
 * checkpointer: its commits alone, none of the till's, get the log copied
 * back by the thread, and it starts over. */
static void
test_a_watched_connection_is_checkpointed_by_the_thread (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCheckpointer) checkpointer = NULL;
  g_autoptr (PosStore) worker = NULL;
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  int in_log = -1, copied = -1;

  pos_test_exec (t->store, "CREATE TABLE filler (x BLOB)");
  checkpointer = pos_checkpointer_new (t->store, FRAMES, &error);
  pos_assert_no_error (error);
  pos_checkpointer_set_idle_ms (checkpointer, 10);
  worker = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, &error);
  pos_assert_no_error (error);
  pos_checkpointer_watch (checkpointer, worker);
  /* Far below SQLite's own limit of a thousand pages: without the watch,
   * nothing would copy these back. */
  commit_rows (worker, 5 * FRAMES);
  while (pos_checkpointer_get_n_runs (checkpointer) == 0 && g_get_monotonic_time () < until)
    g_usleep (1000);
  assert_true (pos_checkpointer_get_n_runs (checkpointer) > 0);
  g_usleep (200 * 1000);
  commit_rows (worker, 2);
  assert_int_equal (
      sqlite3_wal_checkpoint_v2 (pos_store_db (t->store), NULL, SQLITE_CHECKPOINT_PASSIVE, &in_log, &copied),
      SQLITE_OK);
  if (in_log < 0 || in_log >= 5 * FRAMES)
    fail_msg ("the log holds %d pages: it never started over", in_log);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM filler"), 5 * FRAMES + 2);
  g_clear_pointer (&worker, pos_store_close);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_checkpoints_run_in_the_thread_and_bound_the_log),
    cmocka_unit_test (test_store_goes_on_after_the_checkpointer_stops),
    cmocka_unit_test (test_checkpointer_needs_a_store_file_it_can_open),
    cmocka_unit_test (test_checkpoint_waits_for_a_pause_in_the_commits),
    cmocka_unit_test (test_checkpoint_does_not_wait_for_ever),
    cmocka_unit_test (test_a_watched_connection_is_checkpointed_by_the_thread),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
