/* test-restore.c — a restore proves its backup first: the manifest, the
 * store checks, encryption; damaged or unopenable backups change nothing. */
#include "pos-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pos-backup-create.h"
#include "pos-backup-crypt.h"
#include "pos-backup-manifest.h"
#include "pos-journal.h"
#include "pos-restore.h"
#include "pos-store-private.h"

#define FLIPS 200

/* ---- helpers ------------------------------------------------------------- */

static void
append_events (PosStore *store, guint n)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (JsonObject) o = json_object_new ();
      g_autoptr (PosJournalEvent) e = NULL;
      json_object_set_int_member (o, "n", i);
      json_object_set_string_member (o, "note", "counted the float");
      e = pos_journal_append_object (store, "note", o, &error);
      pos_assert_no_error (error);
    }
  assert_true (pos_store_commit (store, &error));
}

/* A small shop: a few products and journal events. */
static PosTestStore *
shop_new (void)
{
  PosTestStore *t = pos_test_store_new ();

  pos_test_exec (t->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 1900)");
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO product (sku, name, price, tax_rate_id) "
                                              "VALUES ('P%d', 'Product number %d', %d, 1)",
                                              i, i, 100 + i);
      pos_test_exec (t->store, sql);
    }
  append_events (t->store, 10);
  return t;
}

/* Every row of every table of the store file at @path, as text: two
 * stores hold the same data when their dumps are equal. */
static char *
dump (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal (
      sqlite3_prepare_v2 (db,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                          -1, &tables, NULL),
      SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "[%s]\n", table);
      if (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "%s|", (const char *)sqlite3_column_text (rows, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
backup_of (PosTestStore *t, PosBackupKey *key)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  char *written = NULL;

  assert_true (pos_backup_create (t->store, folder, 0, key, &written, &error));
  pos_assert_no_error (error);
  return written;
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  assert_true (g_file_get_contents (from, &data, &len, NULL));
  assert_true (g_file_set_contents (to, data, (gssize)len, NULL));
}

static void
flip_bit (const char *path, gsize offset, guint bit)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  assert_true (g_file_get_contents (path, &data, &len, NULL));
  assert_true (offset < len);
  data[offset] ^= (char)(1u << bit);
  assert_true (g_file_set_contents (path, data, (gssize)len, NULL));
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  assert_int_equal (g_stat (path, &st), 0);
  return (gsize)st.st_size;
}

/* Restores @backup into a new store file under @dir; TRUE when it was
 * installed, with @dump_out the dump of the restored store. */
static gboolean
restore_fresh (const char *backup, const char *dir, gboolean no_manifest, char **dump_out, GError **error)
{
  g_autofree char *target = g_build_filename (dir, "restored.db", NULL);
  PosRestoreOptions options = { .no_manifest = no_manifest };
  g_auto (PosRestoreReport) report = { 0 };
  gboolean ok;

  g_unlink (target);
  ok = pos_restore_run (backup, target, &options, &report, error);
  if (ok)
    *dump_out = dump (target);
  g_unlink (target);
  return ok;
}

/* ---- tests --------------------------------------------------------------- */

/* Single bits flipped at random places of a small backup: with its
 * manifest every one is refused; on the store checks alone (no manifest),
 * each is refused or restores the very same data, and the test says how
 * many of each. */
static void
test_bit_flipped_backups_are_refused_or_restore_the_same_data (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = backup_of (t, NULL);
  g_autofree char *manifest = pos_backup_manifest_path (backup);
  g_autofree char *dir = g_build_filename (t->dir, "flips", NULL);
  g_autofree char *flipped = g_build_filename (dir, "store-flipped.db", NULL);
  g_autofree char *flipped_manifest = pos_backup_manifest_path (flipped);
  g_autofree char *original = dump (backup);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261204);
  gsize size = file_size (backup);
  guint refused_by_manifest = 0, refused_by_checks = 0, same = 0, changed = 0;
  (void)state;

  assert_int_equal (g_mkdir (dir, 0700), 0);
  for (guint i = 0; i < FLIPS; i++)
    {
      gsize offset = (gsize)g_rand_int_range (rand, 0, (gint32)size);
      guint bit = (guint)g_rand_int_range (rand, 0, 8);
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) deep_error = NULL;
      g_autofree char *got = NULL;
      g_autofree char *manifest_text = NULL;
      g_autofree char *base = g_path_get_basename (backup);
      g_autoptr (GString) renamed = NULL;

      copy_file (backup, flipped);
      flip_bit (flipped, offset, bit);
      assert_true (g_file_get_contents (manifest, &manifest_text, NULL, NULL));
      renamed = g_string_new (manifest_text);
      g_string_replace (renamed, base, "store-flipped.db", 0);
      assert_true (g_file_set_contents (flipped_manifest, renamed->str, -1, NULL));

      if (restore_fresh (flipped, dir, FALSE, &got, &error))
        fail_msg ("a backup flipped at byte %zu bit %u passed its manifest", offset, bit);
      pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
      pos_assert_contains (error->message, "manifest");
      refused_by_manifest++;

      if (!restore_fresh (flipped, dir, TRUE, &got, &deep_error))
        refused_by_checks++;
      else if (g_str_equal (got, original))
        same++;
      else
        changed++;
    }
  print_message ("%u single-bit flips in a %zu-byte backup: %u refused by the manifest; on the store checks "
                 "alone %u refused, %u restored identical data, %u restored changed data\n",
                 FLIPS, size, refused_by_manifest, refused_by_checks, same, changed);
  assert_int_equal (refused_by_manifest, FLIPS);
}

/* The manifest is checked before anything else: even while a till holds
 * the store, a changed backup is named as changed, not as busy. */
static void
test_manifest_mismatch_is_refused_before_anything_else (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = backup_of (t, NULL);
  g_autofree char *before = dump (t->path);
  g_auto (PosRestoreReport) report = { 0 };
  g_autoptr (GError) error = NULL;
  (void)state;

  flip_bit (backup, 100, 0); /* the file header: integrity_check alone would still open it */
  assert_false (pos_restore_run (backup, t->path, NULL, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  pos_assert_contains (error->message, "does not match its manifest");
  g_autofree char *after = dump (t->path);
  assert_string_equal (before, after);
}

static void
test_a_backup_without_manifest_needs_no_manifest_explicitly (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = backup_of (t, NULL);
  g_autofree char *manifest = pos_backup_manifest_path (backup);
  g_autofree char *dir = g_build_filename (t->dir, "out", NULL);
  g_autofree char *got = NULL;
  g_autofree char *original = dump (backup);
  g_autoptr (GError) error = NULL;
  (void)state;

  assert_int_equal (g_mkdir (dir, 0700), 0);
  assert_int_equal (g_unlink (manifest), 0);
  assert_false (restore_fresh (backup, dir, FALSE, &got, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  pos_assert_contains (error->message, "--no-manifest");
  g_clear_error (&error);
  assert_true (restore_fresh (backup, dir, TRUE, &got, &error));
  pos_assert_no_error (error);
  assert_string_equal (got, original);
}

/* A backup whose journal was changed (and its manifest rewritten to
 * match) fails the chain check that `verify` runs: refused. */
static void
test_a_backup_with_a_changed_journal_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = backup_of (t, NULL);
  g_autofree char *dir = g_build_filename (t->dir, "out", NULL);
  g_autofree char *got = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  (void)state;

  assert_int_equal (g_mkdir (dir, 0700), 0);
  assert_int_equal (sqlite3_open (backup, &db), SQLITE_OK);
  assert_int_equal (sqlite3_exec (db,
                                  "DROP TRIGGER journal_no_update; UPDATE journal SET payload = "
                                  "replace (payload, 'float', 'floot') WHERE till_seq = 4",
                                  NULL, NULL, NULL),
                    SQLITE_OK);
  sqlite3_close (db);
  assert_true (pos_backup_manifest_write (backup, backup, &error));
  assert_false (restore_fresh (backup, dir, FALSE, &got, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  pos_assert_contains (error->message, "#4");
}

static void
test_encrypted_backup_needs_its_passphrase (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (PosBackupKey) key = pos_backup_key_new_passphrase ("correct horse battery staple");
  g_autoptr (PosBackupKey) wrong = pos_backup_key_new_passphrase ("correct horse battery stapler");
  g_autofree char *backup = backup_of (t, key);
  g_autofree char *plain = g_strndup (backup, strlen (backup) - strlen (".enc"));
  g_autofree char *original = dump (t->path);
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PosRestoreReport) report = { 0 };
  g_autoptr (PosBackupManifest) manifest = NULL;
  PosRestoreOptions options = { 0 };
  (void)state;

  assert_true (g_str_has_suffix (backup, ".db.enc"));
  assert_true (pos_backup_is_encrypted (backup));
  assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));
  assert_true (g_file_get_contents (backup, &data, NULL, NULL));
  assert_null (g_strstr_len (data, 4096, "SQLite format"));
  manifest = pos_backup_manifest_check (backup, &error);
  pos_assert_no_error (error);
  assert_true (manifest->encrypted);

  append_events (t->store, 2); /* the restore must visibly undo these */
  pos_store_close (g_steal_pointer (&t->store));
  g_autofree char *changed = dump (t->path);

  assert_false (pos_restore_run (backup, t->path, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_AUTH);
  g_clear_error (&error);
  options.key = wrong;
  assert_false (pos_restore_run (backup, t->path, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_AUTH);
  pos_assert_contains (error->message, "Wrong passphrase");
  g_clear_error (&error);
  g_autofree char *unchanged = dump (t->path);
  assert_string_equal (unchanged, changed);

  options.key = key;
  options.merge_newer = FALSE;
  assert_true (pos_restore_run (backup, t->path, &options, &report, &error));
  pos_assert_no_error (error);
  assert_int_equal (report.newer_events, 2);
  g_autofree char *restored = dump (t->path);
  assert_non_null (strstr (restored, "journal.restored"));
  assert_null (strstr (original, "journal.restored"));
}

static void
test_encrypted_backup_with_a_key_file (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *key_path = g_build_filename (t->dir, "backup.key", NULL);
  g_autofree char *short_path = g_build_filename (t->dir, "short.key", NULL);
  g_autofree char *other_path = g_build_filename (t->dir, "other.key", NULL);
  g_autofree char *dir = g_build_filename (t->dir, "out", NULL);
  g_autoptr (PosBackupKey) key = NULL;
  g_autoptr (PosBackupKey) other = NULL;
  g_autoptr (PosBackupKey) passphrase = pos_backup_key_new_passphrase ("secret");
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *target = NULL;
  g_auto (PosRestoreReport) report = { 0 };
  PosRestoreOptions options = { 0 };
  (void)state;

  assert_int_equal (g_mkdir (dir, 0700), 0);
  target = g_build_filename (dir, "restored.db", NULL);
  assert_true (g_file_set_contents (key_path, "0123456789abcdef0123456789abcdef", 32, NULL));
  assert_true (g_file_set_contents (other_path, "0123456789abcdef0123456789abcdeX", 32, NULL));
  assert_true (g_file_set_contents (short_path, "0123456789abcdef", 16, NULL));
  assert_null (pos_backup_key_new_from_file (short_path, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  key = pos_backup_key_new_from_file (key_path, &error);
  other = pos_backup_key_new_from_file (other_path, &error);
  pos_assert_no_error (error);
  backup = backup_of (t, key);

  options.key = other;
  assert_false (pos_restore_run (backup, target, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_AUTH);
  g_clear_error (&error);
  options.key = passphrase;
  assert_false (pos_restore_run (backup, target, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_AUTH);
  pos_assert_contains (error->message, "key file");
  g_clear_error (&error);
  assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  options.key = key;
  assert_true (pos_restore_run (backup, target, &options, &report, &error));
  pos_assert_no_error (error);
  g_autofree char *want = dump (t->path);
  g_autofree char *got = dump (target);
  assert_string_equal (got, want);
}

/* A sealed chunk cut off or changed is damage, never a shorter store.
 * (Without the manifest, so the stream's own check is what refuses.) */
static void
test_a_cut_encrypted_backup_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (PosBackupKey) key = pos_backup_key_new_passphrase ("secret");
  g_autofree char *backup = backup_of (t, key);
  g_autofree char *dir = g_build_filename (t->dir, "out", NULL);
  g_autofree char *target = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PosRestoreReport) report = { 0 };
  PosRestoreOptions options = { .no_manifest = TRUE, .key = key };
  gsize len = 0;
  (void)state;

  assert_int_equal (g_mkdir (dir, 0700), 0);
  target = g_build_filename (dir, "restored.db", NULL);
  assert_true (g_file_get_contents (backup, &data, &len, NULL));
  assert_true (len > 70000);
  assert_true (g_file_set_contents (backup, data, 80 + 65536 + 17, NULL)); /* header and one chunk */
  assert_false (pos_restore_run (backup, target, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  pos_assert_contains (error->message, "ends early");
  g_clear_error (&error);
  data[len - 5] ^= 1;
  assert_true (g_file_set_contents (backup, data, (gssize)len, NULL));
  assert_false (pos_restore_run (backup, target, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* The proved restore keeps the guard: while a till has the store open it
 * is refused and nothing changes. */
static void
test_restore_is_refused_while_a_till_has_the_store_open (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = backup_of (t, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PosRestoreReport) report = { 0 };
  (void)state;

  append_events (t->store, 1);
  before = dump (t->path);
  assert_false (pos_restore_run (backup, t->path, NULL, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_BUSY);
  after = dump (t->path);
  assert_string_equal (before, after);
  assert_null (report.kept_path);
}

/* Seqs the hub already holds are never skipped: a restore without the
 * replaced store's pushed events is refused, with them it goes through.
 * A replaced store of @schema 36 marked its pushed events on their rows. */
static void
check_pushed_newer_events_must_be_merged (int schema)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autofree char *backup = backup_of (t, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PosRestoreReport) report = { 0 };
  PosRestoreOptions options = { 0 };
  gint64 n = 0;

  append_events (t->store, 3);
  pos_test_exec (t->store,
                 "DELETE FROM journal_outbox WHERE id = (SELECT id FROM journal WHERE till_seq = 12)");
  if (schema < POS_TEST_SCHEMA_LATEST)
    pos_test_undo_migrations_after (t->store, schema);
  pos_store_close (g_steal_pointer (&t->store));
  before = dump (t->path);
  assert_false (pos_restore_run (backup, t->path, &options, &report, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  pos_assert_contains (error->message, "--merge-newer");
  g_clear_error (&error);
  after = dump (t->path);
  assert_string_equal (before, after);

  options.merge_newer = TRUE;
  assert_true (pos_restore_run (backup, t->path, &options, &report, &error));
  pos_assert_no_error (error);
  assert_int_equal (report.merged_events, 3);
  assert_int_equal (report.skipped_to, 0);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_true (pos_journal_verify (t->store, &n, &error));
  assert_int_equal (n, 15); /* the shop's 10, its till.key, the 3 merged back and journal.merged */
  /* What had not been pushed is still to be pushed. */
  assert_int_equal (pos_journal_count_unpushed (t->store), 14); /* all but the one pushed, and the marker */
}

static void
test_pushed_newer_events_must_be_merged (void **state)
{
  check_pushed_newer_events_must_be_merged (POS_TEST_SCHEMA_LATEST);
}

static void
test_pushed_newer_events_of_a_schema_36_store_must_be_merged (void **state)
{
  check_pushed_newer_events_must_be_merged (36);
}

/* Rotation removes a backup's manifest with it, sealed backups included. */
static void
test_rotation_removes_manifests_with_their_backups (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (PosBackupKey) key = pos_backup_key_new_passphrase ("secret");
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  guint backups = 0, manifests = 0, plain = 0;
  const char *name;
  (void)state;

  for (int i = 0; i < 4; i++)
    assert_true (pos_backup_create (t->store, folder, 2, i % 2 ? key : NULL, NULL, &error));
  pos_assert_no_error (error);
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".manifest.json"))
      manifests++;
    else
      {
        backups++;
        plain += g_str_has_suffix (name, ".db");
      }
  assert_int_equal (backups, 2);
  assert_int_equal (manifests, 2);
  assert_int_equal (plain, 1);
}

/* The seqs a restore skipped are accepted by `verify` only when the
 * journal.restored event names exactly those. */
static void
test_journal_accepts_only_the_gap_a_restored_event_names (void **state)
{
  g_autoptr (PosTestStore) t = shop_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosJournalEvent) gap = NULL;
  gint64 n = 0;
  (void)state;

  assert_true (pos_store_begin (t->store, &error));
  gap = pos_journal_append_restored (t->store, 15, NULL, &error);
  assert_true (pos_store_commit (t->store, &error));
  pos_assert_no_error (error);
  assert_int_equal (gap->till_seq, 16);
  pos_assert_contains (gap->payload, "\"skipped_from\":12"); /* after the shop's 10 events and its till.key */
  pos_assert_contains (gap->payload, "\"skipped_to\":15");
  append_events (t->store, 1);
  assert_true (pos_journal_verify (t->store, &n, &error));
  assert_int_equal (n, 13);

  /* A gap no restored event names is a broken chain. */
  pos_test_exec (t->store, "DROP TRIGGER journal_no_update");
  pos_test_exec (t->store, "UPDATE journal SET till_seq = till_seq + 1 WHERE till_seq = 17");
  assert_false (pos_journal_verify (t->store, &n, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_bit_flipped_backups_are_refused_or_restore_the_same_data),
    cmocka_unit_test (test_manifest_mismatch_is_refused_before_anything_else),
    cmocka_unit_test (test_a_backup_without_manifest_needs_no_manifest_explicitly),
    cmocka_unit_test (test_a_backup_with_a_changed_journal_is_refused),
    cmocka_unit_test (test_encrypted_backup_needs_its_passphrase),
    cmocka_unit_test (test_encrypted_backup_with_a_key_file),
    cmocka_unit_test (test_a_cut_encrypted_backup_is_refused),
    cmocka_unit_test (test_restore_is_refused_while_a_till_has_the_store_open),
    cmocka_unit_test (test_pushed_newer_events_must_be_merged),
    cmocka_unit_test (test_pushed_newer_events_of_a_schema_36_store_must_be_merged),
    cmocka_unit_test (test_rotation_removes_manifests_with_their_backups),
    cmocka_unit_test (test_journal_accepts_only_the_gap_a_restored_event_names),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
