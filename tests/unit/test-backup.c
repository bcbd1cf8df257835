/* test-backup.c — online backups while the till sells, rotation, restoring
 * a good copy and refusing a bad one. */
#include "pos-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pos-backup-create.h"
#include "pos-backup-manifest.h"
#include "pos-backup.h"
#include "pos-journal.h"
#include "pos-store-private.h"

/* ---- helpers ------------------------------------------------------------- */

static void
add_product (PosStore *store, const char *sku)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO product (sku, name, price, tax_rate_id) "
                                          "VALUES ('%s', 'Product %s', 100, 1)",
                                          sku, sku);
  pos_test_exec (store, sql);
}

static PosTestStore *
shop_new (void)
{
  PosTestStore *t = pos_test_store_new ();

  pos_test_exec (t->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 1900)");
  add_product (t->store, "P1");
  return t;
}

/* Makes the store a few megabytes, so a backup takes many steps. */
static void
grow (PosStore *store, guint megabytes)
{
  pos_test_exec (store, "BEGIN");
  for (guint i = 0; i < megabytes * 128; i++)
    pos_test_exec (store, "INSERT INTO audit (created_at, action, detail) "
                          "VALUES ('2026-11-28T09:00:00.000Z', 'filler', hex (randomblob (4096)))");
  pos_test_exec (store, "COMMIT");
}

/* Runs a one-value query on a plain connection to @path. */
static gint64
query_file (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_file_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The names in @dir, sorted, hidden ones included. */
static GPtrArray *
list_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  return names;
}

static char *
backup_once (PosStore *store, const char *folder, guint keep)
{
  g_autoptr (GError) error = NULL;
  char *written = NULL;

  assert_true (pos_backup_to_folder (store, folder, keep, &written, &error));
  pos_assert_no_error (error);
  assert_non_null (written);
  return written;
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  pos_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

/* Turns the test's store back into one as schema 7 left it and closes it. */
static void
make_version_7 (PosTestStore *t)
{
  pos_test_make_schema_7 (t->store);
  g_clear_pointer (&t->store, pos_store_close);
}

/* ---- backup --------------------------------------------------------------- */

static void
test_backup_is_a_private_checked_single_file (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", "daily", NULL);
  g_autofree char *written = NULL;
  g_autofree char *base = NULL;
  g_autofree char *mode = NULL;
  g_autoptr (GPtrArray) names = NULL;
  GStatBuf st;

  written = backup_once (t->store, folder, 7);
  base = g_path_get_basename (written);
  assert_true (g_regex_match_simple ("^store-[0-9]{8}-[0-9]{6}\\.db$", base, 0, 0));
  assert_int_equal (g_stat (written, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);
  assert_int_equal (g_stat (folder, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0700);

  names = list_dir (folder);
  assert_int_equal (names->len, 1); /* no journal, WAL or temporary file beside it */
  assert_int_equal (query_file (written, "SELECT count(*) FROM product WHERE sku = 'P1'"), 1);
  assert_int_equal (query_file (written, "PRAGMA user_version"), pos_store_schema_version (t->store));
  mode = query_file_text (written, "PRAGMA journal_mode");
  assert_string_equal (mode, "delete");
  /* the store itself is untouched and still takes sales */
  add_product (t->store, "P2");
  assert_int_equal (query_file (written, "SELECT count(*) FROM product"), 1);
}

static void
test_rotation_keeps_the_newest_copies (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GError) error = NULL;

  g_mkdir (folder, 0700);
  g_file_set_contents (notes, "the shop's own file", -1, &error);
  /* several in the same second: numbered, and still rotated in order */
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (written, backup_once (t->store, folder, 3));

  names = list_dir (folder);
  assert_int_equal (names->len, 4); /* three copies and the notes */
  for (guint i = 0; i < 5; i++)
    assert_int_equal (g_file_test (g_ptr_array_index (written, i), G_FILE_TEST_EXISTS), i >= 2);
  assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));

  /* keep 0: nothing is removed */
  g_ptr_array_add (written, backup_once (t->store, folder, 0));
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_dir (folder);
  assert_int_equal (names->len, 5);
}

typedef struct
{
  char *path;
  GMutex lock;
  GCond cond;
  gboolean hold_open; /* phase 1: keep a write transaction open */
  gboolean held;      /* the writer holds it */
  gboolean release;   /* main: commit it now */
  gint stop;
  guint commits;
  char *failure;
} Writer;

static void
writer_fail (Writer *w, const char *what, GError *error)
{
  g_mutex_lock (&w->lock);
  if (w->failure == NULL)
    w->failure = g_strdup_printf ("%s: %s", what, error ? error->message : "?");
  w->held = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

/* A till on its own connection: first holds a sale open across the
 * backup, then sells as fast as it can until told to stop. */
static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (w->path, POS_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    return writer_fail (w, "open", error), NULL;
  if (!pos_store_begin (store, &error)
      || !pos_store_exec (store,
                          "INSERT INTO audit (created_at, action) "
                          "VALUES ('2026-11-28T09:00:00.000Z', 'open sale')",
                          &error))
    return writer_fail (w, "hold", error), NULL;
  g_mutex_lock (&w->lock);
  w->held = TRUE;
  g_cond_broadcast (&w->cond);
  while (!w->release)
    g_cond_wait (&w->cond, &w->lock);
  g_mutex_unlock (&w->lock);
  if (!pos_store_commit (store, &error))
    return writer_fail (w, "commit the held sale", error), NULL;

  while (!g_atomic_int_get (&w->stop))
    {
      if (!pos_store_begin (store, &error)
          || !pos_store_exec (
              store, "INSERT INTO audit (created_at, action) VALUES ('2026-11-28T09:00:01.000Z', 'sale')",
              &error)
          || !pos_store_commit (store, &error))
        return writer_fail (w, "sell", error), NULL;
      g_atomic_int_inc (&w->commits);
    }
  return NULL;
}

static void
test_backup_runs_while_another_connection_writes (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  Writer w = { .path = t->path };
  GThread *thread;
  gint64 before, copied, after;

  grow (t->store, 6);
  before = pos_test_query_int (t->store, "SELECT count(*) FROM audit");
  g_mutex_init (&w.lock);
  g_cond_init (&w.cond);
  thread = g_thread_new ("till", writer_thread, &w);

  /* Phase 1: a sale is half-written on the other connection; the backup
   * neither waits for it nor copies it. */
  g_mutex_lock (&w.lock);
  while (!w.held)
    g_cond_wait (&w.cond, &w.lock);
  g_mutex_unlock (&w.lock);
  if (w.failure != NULL)
    fail_msg ("%s", w.failure);
  first = backup_once (t->store, folder, 0);
  assert_int_equal (query_file (first, "SELECT count(*) FROM audit"), before);
  g_mutex_lock (&w.lock);
  w.release = TRUE;
  g_cond_broadcast (&w.cond);
  g_mutex_unlock (&w.lock);

  /* Phase 2: the till commits sale after sale during the copy. */
  while (g_atomic_int_get (&w.commits) < 3 && w.failure == NULL)
    g_usleep (1000);
  second = backup_once (t->store, folder, 0);
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  if (w.failure != NULL)
    fail_msg ("the till could not sell during the backup: %s", w.failure);

  after = pos_test_query_int (t->store, "SELECT count(*) FROM audit");
  copied = query_file (second, "SELECT count(*) FROM audit");
  print_message ("%u sales during the second backup; %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                 " rows copied\n",
                 w.commits, copied, after);
  assert_true (copied >= before + 1 + 3);
  assert_true (copied <= after);
  assert_int_equal (query_file (second, "SELECT count(*) FROM product"), 1);
  g_mutex_clear (&w.lock);
  g_cond_clear (&w.cond);
  g_free (w.failure);
}

/* Mounts a tiny tmpfs where nothing fits; needs root (as in CI). */
static void
test_full_disk_leaves_no_partial_backup (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *mount_point = g_build_filename (t->dir, "small-disk", NULL);
  g_autofree char *folder = g_build_filename (mount_point, "backups", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autofree char *written = NULL;
  gboolean ok;

  if (geteuid () != 0)
    {
      print_message ("skipped: mounting a tiny tmpfs to fill the disk needs root\n");
      skip ();
    }
  grow (t->store, 1);
  g_mkdir (mount_point, 0700);
  if (mount ("tmpfs", mount_point, "tmpfs", 0, "size=256k,mode=0700") != 0)
    {
      print_message ("skipped: cannot mount a tmpfs here (%s)\n", g_strerror (errno));
      skip ();
    }
  ok = pos_backup_to_folder (t->store, folder, 3, &written, &error);
  names = list_dir (folder);
  umount (mount_point);

  assert_false (ok);
  assert_null (written);
  pos_assert_error (error, POS_ERROR, POS_ERROR_DISK_FULL);
  assert_int_equal (names->len, 0);
}

/* ---- restore -------------------------------------------------------------- */

/* A store with P1 in a backup, then P2 sold into its WAL and left there
 * (as after a power cut), the store closed. Returns the backup path. */
static char *
store_newer_than_backup (PosTestStore *t)
{
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *shm = g_strconcat (t->path, "-shm", NULL);
  char *backup = backup_once (t->store, folder, 0);
  sqlite3 *db = NULL;
  int off = 0;

  g_clear_pointer (&t->store, pos_store_close);
  assert_int_equal (sqlite3_open_v2 (t->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &off);
  assert_int_equal (
      sqlite3_exec (db,
                    "PRAGMA journal_mode = WAL; INSERT INTO product (sku, name, price, tax_rate_id) "
                    "VALUES ('P2', 'Product P2', 100, 1)",
                    NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close (db);
  g_file_set_contents (shm, "stale", -1, NULL);
  return backup;
}

static void
test_restore_puts_a_good_copy_back_and_keeps_the_current_store (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = store_newer_than_backup (t);
  g_autofree char *before = NULL;
  g_autofree char *shm = g_strconcat (t->path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (t->path, "-wal", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) restored = NULL;
  g_autoptr (GPtrArray) names = NULL;
  GStatBuf st;

  assert_true (pos_backup_restore (backup, t->path, &before, &error));
  pos_assert_no_error (error);
  assert_true (g_str_has_prefix (before, t->path));
  assert_non_null (strstr (before, ".before-restore-"));
  assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  names = list_dir (t->dir);
  for (guint i = 0; i < names->len; i++)
    if (*(char *)g_ptr_array_index (names, i) == '.')
      fail_msg ("temporary file left behind: %s", (char *)g_ptr_array_index (names, i));
  assert_int_equal (g_stat (t->path, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);

  /* the store is the backup again… */
  restored = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (restored, "SELECT count(*) FROM product WHERE sku = 'P1'"), 1);
  assert_int_equal (pos_test_query_int (restored, "SELECT count(*) FROM product WHERE sku = 'P2'"), 0);
  /* …and what it replaced, WAL included, is kept beside it */
  assert_int_equal (query_file (before, "SELECT count(*) FROM product WHERE sku = 'P2'"), 1);
}

static void
test_restore_into_a_new_place (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *backup = backup_once (t->store, folder, 0);
  g_autofree char *target = g_build_filename (t->dir, "new-till.db", NULL);
  g_autofree char *before = NULL;
  g_autoptr (GError) error = NULL;

  assert_true (pos_backup_restore (backup, target, &before, &error));
  pos_assert_no_error (error);
  assert_int_equal (query_file (target, "SELECT count(*) FROM product"), 1);
  assert_null (before);
}

static void
append_events (PosStore *store, guint n)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JsonObject) payload = json_object_new ();
      g_autoptr (PosJournalEvent) event = NULL;

      json_object_set_int_member (payload, "n", i);
      event = pos_journal_append_object (store, "test.event", payload, &error);
      pos_assert_no_error (error);
    }
  assert_true (pos_store_commit (store, &error));
}

/* A restore names the events the replaced store held beyond the backup:
 * they live on only in <store>.before-restore. */
static void
test_restore_counts_the_events_it_leaves_behind (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *missing = g_build_filename (t->dir, "no-such.db", NULL);
  g_autoptr (GError) error = NULL;

  append_events (t->store, 2);
  backup = backup_once (t->store, folder, 0);
  assert_int_equal (pos_backup_count_newer_events (backup, t->path), 0);
  append_events (t->store, 3);
  assert_int_equal (pos_backup_count_newer_events (backup, t->path), 3);
  g_clear_pointer (&t->store, pos_store_close);

  assert_true (pos_backup_restore (backup, t->path, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_backup_count_newer_events (backup, t->path), 0);
  /* Nothing to compare with: unknown, not zero. */
  assert_int_equal (pos_backup_count_newer_events (backup, missing), -1);
  assert_int_equal (pos_backup_count_newer_events (missing, t->path), -1);
}

/* Each restore keeps what it replaced under a name of its own: the first
 * kept store may hold the only copy of later sales. */
static void
test_a_second_restore_keeps_the_first_replaced_store (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr (GError) error = NULL;

  backup = backup_once (t->store, folder, 0);
  append_events (t->store, 3);
  g_clear_pointer (&t->store, pos_store_close);

  assert_true (pos_backup_restore (backup, t->path, &first, &error));
  assert_true (pos_backup_restore (backup, t->path, &second, &error));
  pos_assert_no_error (error);
  assert_string_not_equal (first, second);
  assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  assert_int_equal (query_file (first, "SELECT count(*) FROM journal WHERE type = 'test.event'"), 3);
  assert_int_equal (query_file (second, "SELECT count(*) FROM journal WHERE type = 'test.event'"), 0);
}

/* A running till holds the store: a restore would divert its sales into
 * the file moved aside, so it is refused and nothing changes. */
static void
test_restore_is_refused_while_a_till_has_the_store_open (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *backup = backup_once (t->store, folder, 0);
  g_autoptr (GBytes) store_before = NULL;
  g_autoptr (GBytes) store_after = NULL;
  g_autoptr (GPtrArray) names_before = NULL;
  g_autoptr (GPtrArray) names_after = NULL;
  g_autoptr (GError) error = NULL;

  append_events (t->store, 1);
  store_before = file_bytes (t->path);
  names_before = list_dir (t->dir);
  assert_false (pos_backup_restore (backup, t->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_BUSY);
  store_after = file_bytes (t->path);
  assert_true (g_bytes_equal (store_before, store_after));
  names_after = list_dir (t->dir);
  assert_int_equal (names_after->len, names_before->len);
  append_events (t->store, 1); /* the till goes on in the same file */

  g_clear_pointer (&t->store, pos_store_close);
  g_clear_error (&error);
  assert_true (pos_backup_restore (backup, t->path, NULL, &error));
  pos_assert_no_error (error);
}

/* What a refused restore must leave: the store exactly as it was. */
static void
assert_restore_refused (PosTestStore *t, const char *backup, PosErrorCode code, const char *message)
{
  g_autoptr (GBytes) store_before = file_bytes (t->path);
  g_autoptr (GBytes) store_after = NULL;
  g_autoptr (GPtrArray) names_before = list_dir (t->dir);
  g_autoptr (GPtrArray) names_after = NULL;
  g_autoptr (GError) error = NULL;

  assert_false (pos_backup_restore (backup, t->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, code);
  if (strstr (error->message, message) == NULL)
    fail_msg ("expected “%s” in “%s”", message, error->message);
  store_after = file_bytes (t->path);
  assert_true (g_bytes_equal (store_before, store_after));
  names_after = list_dir (t->dir);
  assert_int_equal (names_after->len, names_before->len);
}

static void
test_restore_refuses_a_damaged_copy (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length;
  FILE *f;

  grow (t->store, 1);
  backup = store_newer_than_backup (t);
  /* scribble over pages 2 to 5: table roots and their data */
  g_file_get_contents (backup, &bytes, &length, &error);
  pos_assert_no_error (error);
  assert_true (length > 6 * 4096);
  f = fopen (backup, "r+b");
  assert_non_null (f);
  fseek (f, 4096, SEEK_SET);
  for (guint i = 0; i < 4 * 4096; i++)
    fputc (0x5a ^ (int)(i & 0xff), f);
  fclose (f);

  assert_restore_refused (t, backup, POS_ERROR_STORE_DAMAGED, "is damaged");
}

static void
test_restore_refuses_a_text_file (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *text = g_build_filename (t->dir, "store-20261128-090000.db", NULL);

  g_clear_pointer (&t->store, pos_store_close);
  g_file_set_contents (text, "sku,name,price\nP1,Product,1.00\n", -1, NULL);
  assert_restore_refused (t, text, POS_ERROR_INVALID, "is not a store backup");
}

static void
test_restore_refuses_an_sqlite_file_of_another_program (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *other = g_build_filename (t->dir, "other.db", NULL);
  sqlite3 *db = NULL;

  g_clear_pointer (&t->store, pos_store_close);
  assert_int_equal (sqlite3_open (other, &db), SQLITE_OK);
  assert_int_equal (
      sqlite3_exec (db, "CREATE TABLE product (id INTEGER); PRAGMA user_version = 3", NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close (db);
  assert_restore_refused (t, other, POS_ERROR_INVALID, "not a store backup");
}

static void
test_restore_of_a_missing_file_changes_nothing (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *missing = g_build_filename (t->dir, "nowhere.db", NULL);

  g_clear_pointer (&t->store, pos_store_close);
  assert_restore_refused (t, missing, POS_ERROR_NOT_FOUND, "no backup file");
}

/* ---- before an upgrade ---------------------------------------------------- */

static void
test_upgrade_backs_the_old_store_up_first (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = pos_backup_upgrade_folder (t->path);
  g_autofree char *backup = NULL;
  g_autoptr (GPtrArray) names = NULL;
  PosBackupManifest *manifest;

  make_version_7 (t);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_store_schema_version (t->store), POS_TEST_SCHEMA_LATEST);

  /* The backup beside the store is the store as it was, with its manifest. */
  names = list_dir (folder);
  assert_int_equal (names->len, 2);
  for (guint i = 0; i < names->len; i++)
    if (!g_str_has_suffix (g_ptr_array_index (names, i), POS_BACKUP_MANIFEST_SUFFIX))
      backup = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
  assert_non_null (backup);
  {
    g_autofree char *base = g_path_get_basename (backup);
    g_autofree char *manifest_path = pos_backup_manifest_path (backup);

    assert_true (g_regex_match_simple ("^store-[0-9]{8}-[0-9]{6}\\.db$", base, 0, 0));
    assert_true (g_file_test (manifest_path, G_FILE_TEST_IS_REGULAR));
  }
  manifest = pos_backup_manifest_check (backup, &error);
  pos_assert_no_error (error);
  assert_int_equal (manifest->schema_version, 7);
  pos_backup_manifest_free (manifest);
  assert_int_equal (query_file (backup, "PRAGMA user_version"), 7);
  assert_int_equal (query_file (backup, "SELECT count(*) FROM product WHERE sku = 'P1'"), 1);

  /* An up-to-date store is not copied again. */
  g_clear_pointer (&t->store, pos_store_close);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_dir (folder);
  assert_int_equal (names->len, 2);
}

static void
test_upgrade_without_a_backup_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = pos_backup_upgrade_folder (t->path);

  make_version_7 (t);
  /* A file where the backup folder should be: no backup can be written. */
  assert_true (g_file_set_contents (folder, "", 0, NULL));
  assert_null (pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, "not upgraded"));
  assert_int_equal (query_file (t->path, "PRAGMA user_version"), 7);
}

static void
test_a_restore_working_copy_is_upgraded_without_a_backup (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *staged = g_build_filename (t->dir, ".store.db.restore-AbC123", NULL);
  g_autofree char *folder = pos_backup_upgrade_folder (staged);
  PosStore *store;

  make_version_7 (t);
  assert_int_equal (g_rename (t->path, staged), 0);
  store = pos_store_open (staged, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_store_schema_version (store), POS_TEST_SCHEMA_LATEST);
  pos_store_close (store);
  assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_backup_is_a_private_checked_single_file),
    cmocka_unit_test (test_rotation_keeps_the_newest_copies),
    cmocka_unit_test (test_backup_runs_while_another_connection_writes),
    cmocka_unit_test (test_full_disk_leaves_no_partial_backup),
    cmocka_unit_test (test_restore_puts_a_good_copy_back_and_keeps_the_current_store),
    cmocka_unit_test (test_restore_into_a_new_place),
    cmocka_unit_test (test_restore_counts_the_events_it_leaves_behind),
    cmocka_unit_test (test_a_second_restore_keeps_the_first_replaced_store),
    cmocka_unit_test (test_restore_is_refused_while_a_till_has_the_store_open),
    cmocka_unit_test (test_restore_refuses_a_damaged_copy),
    cmocka_unit_test (test_restore_refuses_a_text_file),
    cmocka_unit_test (test_restore_refuses_an_sqlite_file_of_another_program),
    cmocka_unit_test (test_restore_of_a_missing_file_changes_nothing),
    cmocka_unit_test (test_upgrade_backs_the_old_store_up_first),
    cmocka_unit_test (test_upgrade_without_a_backup_is_refused),
    cmocka_unit_test (test_a_restore_working_copy_is_upgraded_without_a_backup),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
