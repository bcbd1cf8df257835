/* pos-backup-manifest.c — backup manifests (see pos-backup-manifest.h). */
#include "pos-backup-manifest.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "pos-backup.h"
#include "pos-backup-crypt.h"
#include "pos-clock.h"
#include "pos-store-private.h"

void
pos_backup_manifest_free (PosBackupManifest *manifest)
{
  if (manifest == NULL)
    return;
  g_free (manifest->file);
  g_free (manifest->sha256);
  g_free (manifest->till_id);
  g_free (manifest->journal_head);
  g_free (manifest->created_at);
  g_free (manifest);
}

char *
pos_backup_manifest_path (const char *backup_path)
{
  return g_strconcat (backup_path, POS_BACKUP_MANIFEST_SUFFIX, NULL);
}

/* SHA-256 of the file at @path, read in chunks, and its size. */
static char *
file_sha256 (const char *path, gint64 *size, GError **error)
{
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (64 * 1024);
  FILE *in = g_fopen (path, "rb");
  size_t n;

  *size = 0;
  if (in == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Could not read %s: %s"), path,
                   g_strerror (errno));
      return NULL;
    }
  while ((n = fread (buf, 1, 64 * 1024, in)) > 0)
    {
      g_checksum_update (sha, buf, n);
      *size += (gint64)n;
    }
  if (ferror (in))
    {
      fclose (in);
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not read %s"), path);
      return NULL;
    }
  fclose (in);
  return g_strdup (g_checksum_get_string (sha));
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW
      && sqlite3_column_text (stmt, 0) != NULL)
    text = pos_stmt_dup_text (stmt, 0);
  sqlite3_finalize (stmt);
  return text;
}

gboolean
pos_backup_manifest_read_store (const char *plain_path, PosBackupManifest *into, GError **error)
{
  sqlite3 *db = NULL;
  g_autofree char *version = NULL, *count = NULL;

  if (sqlite3_open_v2 (plain_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE, _ ("Could not open %s: %s"), plain_path,
                   sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  version = query_text (db, "PRAGMA user_version");
  count = query_text (db, "SELECT count(*) FROM journal");
  into->till_id = query_text (db, "SELECT value FROM setting WHERE key = 'till_id'");
  into->journal_head
      = query_text (db, "SELECT ifnull ((SELECT hash FROM journal ORDER BY id DESC LIMIT 1), '')");
  sqlite3_close (db);
  if (version == NULL || count == NULL || into->journal_head == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED, _ ("Could not read the journal of %s"),
                   plain_path);
      return FALSE;
    }
  into->schema_version = g_ascii_strtoll (version, NULL, 10);
  into->journal_events = g_ascii_strtoll (count, NULL, 10);
  if (into->till_id == NULL)
    into->till_id = g_strdup ("T1");
  return TRUE;
}

static JsonNode *
manifest_to_json (const PosBackupManifest *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
#define STR(name, value) (json_builder_set_member_name (b, name), json_builder_add_string_value (b, value))
#define INT(name, value) (json_builder_set_member_name (b, name), json_builder_add_int_value (b, value))
  STR ("file", m->file);
  INT ("size", m->size);
  STR ("sha256", m->sha256);
  json_builder_set_member_name (b, "encrypted");
  json_builder_add_boolean_value (b, m->encrypted);
  STR ("till_id", m->till_id);
  STR ("journal_head", m->journal_head);
  INT ("journal_events", m->journal_events);
  STR ("created_at", m->created_at);
  INT ("schema_version", m->schema_version);
#undef STR
#undef INT
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
pos_backup_manifest_write (const char *backup_path, const char *plain_path, GError **error)
{
  g_autoptr (PosBackupManifest) m = g_new0 (PosBackupManifest, 1);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = pos_backup_manifest_path (backup_path);

  g_return_val_if_fail (backup_path != NULL && plain_path != NULL, FALSE);

  if ((m->sha256 = file_sha256 (backup_path, &m->size, error)) == NULL
      || !pos_backup_manifest_read_store (plain_path, m, error))
    return FALSE;
  m->file = g_path_get_basename (backup_path);
  m->encrypted = pos_backup_is_encrypted (backup_path);
  m->created_at = pos_clock_iso_utc (pos_clock_now_us ());
  root = manifest_to_json (m);
  text = json_to_string (root, TRUE);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static PosBackupManifest *
manifest_from_json (JsonObject *o)
{
  PosBackupManifest *m = g_new0 (PosBackupManifest, 1);

  m->file = g_strdup (json_object_get_string_member_with_default (o, "file", ""));
  m->size = json_object_get_int_member_with_default (o, "size", -1);
  m->sha256 = g_strdup (json_object_get_string_member_with_default (o, "sha256", ""));
  m->encrypted = json_object_get_boolean_member_with_default (o, "encrypted", FALSE);
  m->till_id = g_strdup (json_object_get_string_member_with_default (o, "till_id", ""));
  m->journal_head = g_strdup (json_object_get_string_member_with_default (o, "journal_head", ""));
  m->journal_events = json_object_get_int_member_with_default (o, "journal_events", -1);
  m->created_at = g_strdup (json_object_get_string_member_with_default (o, "created_at", ""));
  m->schema_version = json_object_get_int_member_with_default (o, "schema_version", -1);
  return m;
}

static PosBackupManifest *
manifest_load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND,
                   _ ("The backup has no manifest (%s): it cannot be proved whole. "
                      "Restore it with --no-manifest to rely on the store checks alone"),
                   path);
      return NULL;
    }
  if (!json_parser_load_from_file (parser, path, &local) || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                   _ ("The backup's manifest %s cannot be read%s%s"), path, local ? ": " : "",
                   local ? local->message : "");
      return NULL;
    }
  return manifest_from_json (json_node_get_object (root));
}

PosBackupManifest *
pos_backup_manifest_check (const char *backup_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sha = NULL;
  g_autoptr (PosBackupManifest) m = NULL;
  gint64 size;

  g_return_val_if_fail (backup_path != NULL, NULL);

  path = pos_backup_manifest_path (backup_path);
  if ((m = manifest_load (path, error)) == NULL)
    return NULL;
  name = g_path_get_basename (backup_path);
  if (!g_str_equal (m->file, name))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                   _ ("The manifest beside %s is for another file (%s)"), backup_path, m->file);
      return NULL;
    }
  if ((sha = file_sha256 (backup_path, &size, error)) == NULL)
    return NULL;
  if (size != m->size || !g_str_equal (sha, m->sha256))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                   _ ("The backup %s is damaged: it does not match its manifest (%s differs)"), backup_path,
                   size != m->size ? "size" : "SHA-256");
      return NULL;
    }
  return g_steal_pointer (&m);
}
