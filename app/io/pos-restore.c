/* pos-restore.c — a proved restore (see pos-restore.h). */
#include "pos-restore.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pos-backup-manifest.h"
#include "pos-backup.h"
#include "pos-journal.h"
#include "pos-nf525-jet.h"
#include "pos-report.h"
#include "pos-stock.h"
#include "pos-store-guard.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"

void
pos_restore_report_clear (PosRestoreReport *report)
{
  g_clear_pointer (&report->kept_path, g_free);
}

/* What the store being replaced holds for this till, read before it is
 * moved aside: it may be the only record of numbers already given out. */
typedef struct
{
  gboolean readable;
  gint64 max_number; /* highest receipt number of the till */
  gint64 max_seq;    /* highest journal seq of the till */
  GPtrArray *newer;  /* PosJournalEvent beyond the backup, in local order */
  GArray *pushed;    /* gboolean per newer event */
} Replaced;

static void
replaced_clear (Replaced *r)
{
  g_clear_pointer (&r->newer, g_ptr_array_unref);
  g_clear_pointer (&r->pushed, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Replaced, replaced_clear)

static gint64
raw_int (sqlite3 *db, const char *sql, const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

/* The journal rows of @db after row @after_id, in local order, and
 * whether each had reached the hub: a store older than schema 37 marked
 * its rows, a newer one lists those still to push in journal_outbox. */
static gboolean
read_newer (sqlite3 *db, gint64 after_id, Replaced *r)
{
  static const char sql[] = "SELECT id, event_id, till_id, till_seq, hlc, type, payload, prev_hash, hash, "
                            "NOT EXISTS (SELECT 1 FROM journal_outbox o WHERE o.id = journal.id), signature "
                            "FROM journal WHERE id > ?1 ORDER BY id";
  static const char marked_sql[] = "SELECT id, event_id, till_id, till_seq, hlc, type, payload, prev_hash, "
                                   "hash, pushed, signature FROM journal WHERE id > ?1 ORDER BY id";
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK
      && sqlite3_prepare_v2 (db, marked_sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PosJournalEvent *e = g_new0 (PosJournalEvent, 1);
      gboolean pushed = sqlite3_column_int (stmt, 9) != 0;

      e->id = sqlite3_column_int64 (stmt, 0);
      e->event_id = pos_stmt_dup_text (stmt, 1);
      e->till_id = pos_stmt_dup_text (stmt, 2);
      e->till_seq = sqlite3_column_int64 (stmt, 3);
      e->hlc = pos_stmt_dup_text (stmt, 4);
      e->type = pos_stmt_dup_text (stmt, 5);
      e->payload = pos_stmt_dup_text (stmt, 6);
      e->prev_hash = pos_stmt_dup_text (stmt, 7);
      e->hash = pos_stmt_dup_text (stmt, 8);
      /* Signed events stay signed: the merged chain is checked as pulled ones are. */
      if (sqlite3_column_type (stmt, 10) == SQLITE_BLOB)
        e->signature = g_bytes_new (sqlite3_column_blob (stmt, 10), (gsize)sqlite3_column_bytes (stmt, 10));
      g_ptr_array_add (r->newer, e);
      g_array_append_val (r->pushed, pushed);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* Reads the replaced store at @store_path for @till_id: a store that cannot
 * be read (the reason to restore, often) leaves r->readable FALSE. */
static void
read_replaced (const char *store_path, const char *till_id, gint64 after_id, Replaced *r)
{
  sqlite3 *db = NULL;

  r->newer = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_journal_event_free);
  r->pushed = g_array_new (FALSE, FALSE, sizeof (gboolean));
  if (!g_file_test (store_path, G_FILE_TEST_IS_REGULAR)
      || sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return;
    }
  r->max_number
      = raw_int (db, "SELECT coalesce (max (till_number), 0) FROM sale WHERE till_id = ?1", till_id);
  r->max_seq = raw_int (db, "SELECT coalesce (max (till_seq), 0) FROM journal WHERE till_id = ?1", till_id);
  r->readable = r->max_number >= 0 && r->max_seq >= 0 && read_newer (db, after_id, r);
  sqlite3_close (db);
}

static gint64
store_int (PosStore *store, const char *sql, const char *text, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* What `verify` checks, on the staged copy; with a manifest, also that
 * its journal is the one the manifest was written for. */
static gboolean
verify_staged (PosStore *store, const PosBackupManifest *manifest, GError **error)
{
  gint64 events = 0, n = 0;
  g_autofree char *head = NULL;

  if (!pos_journal_verify (store, &events, error) || !pos_stock_verify (store, &n, error)
      || !pos_report_verify_totals (store, &n, error))
    return FALSE;
  if (manifest == NULL)
    return TRUE;
  {
    g_autoptr (PosStmt) stmt = pos_store_prepare (
        store, "SELECT ifnull ((SELECT hash FROM journal ORDER BY id DESC LIMIT 1), '')", error);
    if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
      return FALSE;
    head = pos_stmt_dup_text (stmt, 0);
  }
  if (events != manifest->journal_events || g_strcmp0 (head, manifest->journal_head) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                   _ ("The backup's journal is not the one its manifest names (%lld events, manifest %lld)"),
                   (long long)events, (long long)manifest->journal_events);
      return FALSE;
    }
  return TRUE;
}

static gboolean
unmark_pushed (PosStore *store, const char *event_id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (
      store, "INSERT OR IGNORE INTO journal_outbox (id) SELECT id FROM journal WHERE event_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* Replays the replaced store's newer events, each checked to continue its
 * till's chain, through the code that applies pulled events; those the
 * replaced store had not pushed yet stay unpushed. */
static gboolean
merge_newer (PosStore *store, const Replaced *r, PosRestoreReport *report, GError **error)
{
  g_autofree char *till = pos_journal_till_id (store);
  g_autoptr (JsonObject) merged = NULL;
  g_autoptr (PosJournalEvent) marker = NULL;
  gint64 from_seq = 0, to_seq = 0;

  for (guint i = 0; i < r->newer->len; i++)
    {
      const PosJournalEvent *e = g_ptr_array_index (r->newer, i);
      gboolean inserted = FALSE;

      if (!pos_journal_insert_remote (store, e, &inserted, error))
        return g_prefix_error (error, _ ("The replaced store's newer events do not continue the backup: ")),
               FALSE;
      if (!inserted)
        continue;
      if (!pos_sync_apply_event (store, e, error))
        return FALSE;
      if (!g_array_index (r->pushed, gboolean, i) && !unmark_pushed (store, e->event_id, error))
        return FALSE;
      report->merged_events++;
      if (g_strcmp0 (e->till_id, till) == 0)
        {
          from_seq = from_seq ? MIN (from_seq, e->till_seq) : e->till_seq;
          to_seq = MAX (to_seq, e->till_seq);
        }
    }
  if (to_seq == 0)
    return TRUE;
  /* The merged events' rows were rebuilt from the events (with new row
   * ids), so the row digests they carry no longer point at them; this
   * event, hashed and signed, tells verify which seqs that holds for. */
  merged = json_object_new ();
  json_object_set_int_member (merged, "from_seq", from_seq);
  json_object_set_int_member (merged, "to_seq", to_seq);
  marker = pos_journal_append_object (store, "journal.merged", merged, error);
  return marker != NULL;
}

/* Numbers this till will not give again: the next receipt number and
 * journal seq continue after the highest the replaced store used. */
static gboolean
continue_numbering (PosStore *store, const char *backup_name, const Replaced *r, PosRestoreReport *report,
                    GError **error)
{
  g_autofree char *till = pos_journal_till_id (store);
  gint64 number
      = store_int (store, "SELECT coalesce (max (till_number), 0) FROM sale WHERE till_id = ?1", till, error);
  gint64 seq = number < 0
                   ? -1
                   : store_int (store, "SELECT coalesce (max (till_seq), 0) FROM journal WHERE till_id = ?1",
                                till, error);

  if (seq < 0)
    return FALSE;
  report->receipt_floor = MAX (number, r->max_number);
  if (r->max_number > number)
    {
      g_autofree char *floor = g_strdup_printf ("%" G_GINT64_FORMAT, r->max_number);
      if (!pos_store_set_setting (store, "receipt_number_floor", floor, error))
        return FALSE;
    }
  if (r->max_seq > seq)
    {
      g_autoptr (JsonObject) details = json_object_new ();
      g_autoptr (PosJournalEvent) gap = NULL;

      json_object_set_string_member (details, "backup", backup_name);
      json_object_set_int_member (details, "receipt_number_floor", report->receipt_floor);
      if ((gap = pos_journal_append_restored (store, r->max_seq, details, error)) == NULL)
        return FALSE;
      report->skipped_from = seq + 1;
      report->skipped_to = r->max_seq;
    }
  return TRUE;
}

/* Events of @till the replaced store already pushed beyond the backup:
 * the hub holds them under their seqs, so a restore must take them back
 * (merge) rather than skip those seqs and fork the till's chain there. */
static guint
count_pushed (const Replaced *r, const char *till)
{
  guint n = 0;

  for (guint i = 0; i < r->newer->len; i++)
    {
      const PosJournalEvent *e = g_ptr_array_index (r->newer, i);
      n += g_array_index (r->pushed, gboolean, i) && g_strcmp0 (e->till_id, till) == 0;
    }
  return n;
}

/* Brings the staged copy up to what the store must continue from, in one
 * transaction. */
static gboolean
carry_over (PosStore *store, const char *backup_path, const char *store_path, gboolean merge,
            PosRestoreReport *report, GError **error)
{
  g_auto (Replaced) r = { 0 };
  g_autofree char *till = pos_journal_till_id (store);
  g_autofree char *name = g_path_get_basename (backup_path);
  gint64 last_id = store_int (store, "SELECT coalesce (max (id), 0) FROM journal", NULL, error);

  if (last_id < 0)
    return FALSE;
  read_replaced (store_path, till, last_id, &r);
  report->newer_events = r.readable ? (gint64)r.newer->len : -1;
  if (!r.readable)
    {
      if (merge && g_file_test (store_path, G_FILE_TEST_EXISTS))
        return g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                            _ ("The store to replace cannot be read, so its newer events cannot be merged")),
               FALSE;
      return TRUE;
    }
  if (!merge && count_pushed (&r, till) > 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("The store to replace already sent %u newer events of till %s to the hub; restore with "
                      "--merge-newer so that they stay in this till's journal"),
                   count_pushed (&r, till), till);
      return FALSE;
    }
  if (!pos_store_begin (store, error))
    return FALSE;
  if ((merge && !merge_newer (store, &r, report, error))
      || !continue_numbering (store, name, &r, report, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* Proves the staged copy and prepares it to take over. */
static gboolean
prepare_staged (const char *staged, const char *backup_path, const char *store_path,
                const PosBackupManifest *manifest, const PosRestoreOptions *options, PosRestoreReport *report,
                GError **error)
{
  g_autoptr (PosStore) store = pos_store_open (staged, POS_STORE_OPEN_DEFAULT, error);

  if (store == NULL)
    return FALSE;
  if (!verify_staged (store, manifest, error))
    return g_prefix_error (error, _ ("The backup fails its checks: ")), FALSE;
  return carry_over (store, backup_path, store_path, options->merge_newer, report, error)
         && pos_nf525_jet_record_restore (store, store_path, backup_path, error);
}

/* A new private file beside the store for the decrypted backup. */
static char *
decrypt_beside_store (const char *backup_path, const char *store_path, PosBackupKey *key, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *name = g_strdup_printf (".%s.decrypt-XXXXXX", base);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not create a file in %s: %s"), dir,
                        g_strerror (errno)),
           NULL;
  close (fd);
  g_unlink (path);
  if (key == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_AUTH,
                        _ ("The backup %s is encrypted: give its passphrase or key file"), backup_path),
           NULL;
  if (!pos_backup_decrypt_file (backup_path, path, key, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Checks the backup, copies it beside the store and proves the copy. */
static char *
stage (const char *backup_path, const char *store_path, const PosBackupManifest *manifest,
       const PosRestoreOptions *options, PosRestoreReport *report, GError **error)
{
  g_autofree char *plain = NULL;
  g_autofree char *staged = NULL;

  if (pos_backup_is_encrypted (backup_path)
      && (plain = decrypt_beside_store (backup_path, store_path, options->key, error)) == NULL)
    return NULL;
  staged = pos_backup_stage (plain ? plain : backup_path, store_path, error);
  if (plain != NULL)
    g_unlink (plain);
  if (staged == NULL)
    return NULL;
  if (!prepare_staged (staged, backup_path, store_path, manifest, options, report, error))
    {
      pos_backup_discard (staged);
      return NULL;
    }
  return g_steal_pointer (&staged);
}

gboolean
pos_restore_run (const char *backup_path, const char *store_path, const PosRestoreOptions *options,
                 PosRestoreReport *report, GError **error)
{
  static const PosRestoreOptions defaults = { 0 };
  g_autoptr (PosStoreGuard) in_use = NULL;
  g_autoptr (PosBackupManifest) manifest = NULL;
  g_autofree char *staged = NULL;

  g_return_val_if_fail (backup_path != NULL && store_path != NULL && report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  options = options ? options : &defaults;
  pos_restore_report_clear (report);
  memset (report, 0, sizeof *report);
  report->newer_events = -1;
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no backup file %s"), backup_path),
           FALSE;
  /* The manifest comes first: a changed file is refused before any of it
   * is read as a store. */
  if (!options->no_manifest && (manifest = pos_backup_manifest_check (backup_path, error)) == NULL)
    return FALSE;
  report->manifest_checked = manifest != NULL;
  /* Held to the end: no till may open the store while it is swapped. */
  if (g_file_test (store_path, G_FILE_TEST_EXISTS)
      && (in_use = pos_store_guard_exclusive (store_path, error)) == NULL)
    return FALSE;
  if ((staged = stage (backup_path, store_path, manifest, options, report, error)) == NULL)
    return FALSE;
  return pos_backup_install (staged, store_path, &report->kept_path, error);
}
