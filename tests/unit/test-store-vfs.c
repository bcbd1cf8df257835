/* test-store-vfs.c — a commit's log is written in one piece, and that
 * changes nothing another connection, a killed till or a long transaction
 * sees. */
#include "pos-test-util.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pos-store-private.h"

/* Rows of ~3,000 bytes: one page each in the log. */
#define ROW_SQL "INSERT INTO filler (n, x) VALUES (?1, printf ('%.*c', 3000, char (65 + ?1 % 26)))"

/* The write calls this process has made so far, from the kernel's count. */
static gint64
write_calls (void)
{
  g_autofree char *io = NULL;
  const char *line;

  assert_true (g_file_get_contents ("/proc/self/io", &io, NULL, NULL));
  line = strstr (io, "syscw: ");
  assert_non_null (line);
  return g_ascii_strtoll (line + strlen ("syscw: "), NULL, 10);
}

static void
insert_rows (PosStore *store, gint64 first, guint n)
{
  static const char sql[] = ROW_SQL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, &error);

      pos_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, first + i);
      assert_true (pos_store_step_done (store, stmt, &error));
    }
}

/* The write calls one commit of @n rows makes. */
static gint64
write_calls_of_commit (PosStore *store, gint64 first, guint n)
{
  g_autoptr (GError) error = NULL;
  gint64 before;

  assert_true (pos_store_begin (store, &error));
  insert_rows (store, first, n);
  before = write_calls ();
  assert_true (pos_store_commit (store, &error));
  pos_assert_no_error (error);
  return write_calls () - before;
}

static PosTestStore *
store_with_filler (void)
{
  PosTestStore *t = pos_test_store_new ();

  pos_test_exec (t->store, "CREATE TABLE filler (n INTEGER PRIMARY KEY, x TEXT NOT NULL)");
  return t;
}

/* Twenty pages: one write with synchronous=FULL, the store's setting; a
 * frame header and a page each, as SQLite makes them, with any other
 * setting, where a commit does not flush the log. */
static void
test_a_commit_writes_its_log_in_one_call (void **state)
{
  g_autoptr (PosTestStore) t = store_with_filler ();

  assert_int_equal (write_calls_of_commit (t->store, 1, 20), 1);
  pos_test_exec (t->store, "PRAGMA synchronous = NORMAL");
  assert_true (write_calls_of_commit (t->store, 100, 20) >= 40);
  pos_test_exec (t->store, "PRAGMA synchronous = FULL");
  assert_int_equal (write_calls_of_commit (t->store, 200, 20), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM filler"), 60);
}

/* A second connection reads every commit as soon as it returns, with the
 * log gathered (FULL) and not (NORMAL). */
static void
test_another_connection_reads_each_commit_at_once (void **state)
{
  g_autoptr (PosTestStore) t = store_with_filler ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) reader = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, &error);
  const char *settings[] = { "PRAGMA synchronous = FULL", "PRAGMA synchronous = NORMAL" };
  gint64 n = 0;

  pos_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (settings); s++)
    {
      pos_test_exec (t->store, settings[s]);
      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *last = NULL;
          g_autofree char *expected = NULL;
          guint rows = 1 + i % 3;

          assert_true (pos_store_begin (t->store, &error));
          insert_rows (t->store, n + 1, rows);
          assert_true (pos_store_commit (t->store, &error));
          n += rows;
          assert_int_equal (pos_test_query_int (reader, "SELECT count(*) FROM filler"), n);
          last = pos_test_query_text (reader, "SELECT x FROM filler ORDER BY n DESC LIMIT 1");
          expected = g_strnfill (3000, (char)('A' + n % 26));
          assert_string_equal (last, expected);
        }
    }
}

/* More pages than the gathering holds, in a cache so small that SQLite
 * writes pages to the log before the commit and reads them back: the
 * commit keeps them all, and a rolled-back one leaves nothing. */
static void
test_a_transaction_bigger_than_the_gathering (void **state)
{
  g_autoptr (PosTestStore) t = store_with_filler ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) reader = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, &error);
  g_autofree char *check = NULL;

  pos_test_exec (t->store, "PRAGMA cache_size = 10");
  assert_true (pos_store_begin (t->store, &error));
  insert_rows (t->store, 1, 600);
  pos_test_exec (t->store, "UPDATE filler SET x = upper (x) WHERE n % 7 = 0");
  assert_true (pos_store_commit (t->store, &error));
  pos_assert_no_error (error);

  assert_true (pos_store_begin (t->store, &error));
  insert_rows (t->store, 1000, 600);
  pos_test_exec (t->store, "DELETE FROM filler WHERE n < 300");
  pos_store_rollback (t->store);

  assert_int_equal (pos_test_query_int (reader, "SELECT count(*) FROM filler"), 600);
  assert_int_equal (pos_test_query_int (reader, "SELECT sum (length (x)) FROM filler"), 600 * 3000);
  assert_int_equal (pos_test_query_int (reader, "SELECT count(*) FROM filler WHERE substr (x, 1, 1) "
                                                "<> char (65 + n % 26)"),
                    0);
  check = pos_test_query_text (reader, "PRAGMA integrity_check");
  assert_string_equal (check, "ok");
}

/* A till killed the moment a commit returned: what it committed is in
 * the store, so nothing was left waiting in the process. */
static void
test_a_commit_is_on_disk_when_it_returns (void **state)
{
  g_autoptr (PosTestStore) t = store_with_filler ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) after = NULL;
  int status = 0;
  pid_t child;

  pos_store_close (g_steal_pointer (&t->store));
  fflush (NULL);
  child = fork ();
  assert_true (child >= 0);
  if (child == 0)
    {
      PosStore *store = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, NULL);

      if (store == NULL || !pos_store_begin (store, NULL))
        _exit (1);
      insert_rows (store, 1, 20);
      if (!pos_store_commit (store, NULL))
        _exit (1);
      raise (SIGKILL);
      _exit (1);
    }
  assert_int_equal (waitpid (child, &status, 0), child);
  assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  after = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (after, "SELECT count(*) FROM filler"), 20);
  assert_int_equal (pos_test_query_int (after, "SELECT sum (length (x)) FROM filler"), 20 * 3000);
}

/* Files of the system VFS offered with version 1 of the file methods, as
 * a VFS without shared memory would. */
static sqlite3_vfs *system_vfs;
static sqlite3_io_methods methods_v1;

static int
open_as_v1 (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  int rc = system_vfs->xOpen (system_vfs, name, file, flags, out_flags);

  (void)vfs;
  if (rc == SQLITE_OK)
    {
      methods_v1 = *file->pMethods;
      methods_v1.iVersion = 1;
      file->pMethods = &methods_v1;
    }
  return rc;
}

/* Under a default VFS whose files have no shared memory the store is
 * refused with an error, not opened into a crash. */
static void
test_a_vfs_without_shared_memory_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = store_with_filler ();
  g_autoptr (GError) error = NULL;
  sqlite3_vfs v1_vfs = { 0 };
  PosStore *store;

  pos_store_close (g_steal_pointer (&t->store));
  system_vfs = sqlite3_vfs_find (NULL);
  v1_vfs = *system_vfs;
  v1_vfs.zName = "test-v1";
  v1_vfs.pNext = NULL;
  v1_vfs.xOpen = open_as_v1;
  assert_int_equal (sqlite3_vfs_register (&v1_vfs, 1), SQLITE_OK);
  store = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, &error);
  assert_int_equal (sqlite3_vfs_register (system_vfs, 1), SQLITE_OK);
  sqlite3_vfs_unregister (&v1_vfs);
  assert_null (store);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE);
  g_clear_error (&error);

  store = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, &error);
  pos_assert_no_error (error);
  pos_store_close (store);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_a_commit_writes_its_log_in_one_call),
    cmocka_unit_test (test_another_connection_reads_each_commit_at_once),
    cmocka_unit_test (test_a_transaction_bigger_than_the_gathering),
    cmocka_unit_test (test_a_commit_is_on_disk_when_it_returns),
    cmocka_unit_test (test_a_vfs_without_shared_memory_is_refused),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
