/* pos-picture-sync.c — product pictures through the hub (see pos-picture-sync.h). */
#include "pos-picture-sync.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-error.h"
#include "pos-product-image.h"
#include "pos-store-private.h"

#define SHA256_HEX 64

/*
 * The hub's pictures, as an upgrade step of the hub schema: every statement
 * can run again. The CHECKs are the hub's own proof that a picture is what
 * its name says and no bigger than a till takes; pictures are compressed
 * already, so PostgreSQL does not try again (STORAGE EXTERNAL).
 */
static const char hub_picture_sql_fmt[]
    = "CREATE TABLE IF NOT EXISTS picture (\n"
      "  sha256   text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),\n"
      "  bytes    bytea NOT NULL CHECK (octet_length (bytes) BETWEEN 1 AND %d),\n"
      "  added_by name NOT NULL DEFAULT current_user,\n"
      "  added_at timestamptz NOT NULL DEFAULT now (),\n"
      "  CONSTRAINT picture_matches_its_hash CHECK (encode (sha256 (bytes), 'hex') = sha256)\n"
      ");\n"
      "ALTER TABLE picture ALTER COLUMN bytes SET STORAGE EXTERNAL;\n"
      "GRANT SELECT, INSERT (sha256, bytes) ON picture TO %s;\n"
      "REVOKE ALL ON picture FROM PUBLIC;\n"
      "UPDATE hub_meta SET value = '%d' WHERE key = 'schema_version';\n";

gboolean
pos_picture_sync_hub_schema (PGconn *conn, const char *quoted_group, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (conn != NULL && quoted_group != NULL, FALSE);

  sql = g_strdup_printf (hub_picture_sql_fmt, POS_PRODUCT_IMAGE_MAX, quoted_group, POS_HUB_SCHEMA_VERSION);
  return pos_hub_exec (conn, sql, error);
}

/* An error from the hub, saying so when it has no pictures yet. */
static gboolean
hub_error (PGconn *conn, PGresult *result, const char *what, GError **error)
{
  if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "42P01") == 0) /* no such table */
    return g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                        _ ("The hub is older than this till: run “mainstreet-admin hub init” on it again")),
           FALSE;
  return pos_hub_set_error (conn, result, what, error);
}

/* The rows of @sql (no parameters) as a list of their first column. */
static GPtrArray *
store_column (PosStore *store, const char *sql, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, pos_stmt_dup_text (stmt, 0));
  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

static gboolean
mark_on_hub (PosStore *store, const char *sha256, GError **error)
{
  static const char sql[] = "UPDATE picture SET on_hub = 1 WHERE sha256 = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/* Whether the hub holds picture @sha256; -1 on error. */
static int
hub_has (PGconn *conn, const char *sha256, GError **error)
{
  static const char sql[] = "SELECT 1 FROM picture WHERE sha256 = $1";
  g_autoptr (PGresult) result = PQexecParams (conn, sql, 1, NULL, &sha256, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return hub_error (conn, result, "Cannot look for a picture on the hub", error), -1;
  return PQntuples (result) > 0;
}

/* Sends @bytes as picture @sha256; another till may have sent it since we
 * looked, which is as good. */
static gboolean
hub_insert (PGconn *conn, const char *sha256, GBytes *bytes, GError **error)
{
  static const char sql[]
      = "INSERT INTO picture (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING";
  gsize size = 0;
  const char *values[2] = { sha256, g_bytes_get_data (bytes, &size) };
  const int lengths[2] = { 0, (int)size };
  const int formats[2] = { 0, 1 };
  g_autoptr (PGresult) result = PQexecParams (conn, sql, 2, NULL, values, lengths, formats, 0);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return hub_error (conn, result, "Cannot send a picture to the hub", error);
  return TRUE;
}

/* The bytes of this till's picture @file when they still hash to @sha256;
 * NULL (and no error) for a file gone or changed on disk. */
static GBytes *
local_bytes (PosStore *store, const char *sha256, const char *file)
{
  g_autofree char *path = pos_product_image_resolve (store, file);
  g_autofree char *hash = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *data = NULL;
  gsize size = 0;

  if (path == NULL || !g_file_get_contents (path, &data, &size, NULL))
    return NULL;
  bytes = g_bytes_new_take (data, size);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return g_str_equal (hash, sha256) ? g_steal_pointer (&bytes) : NULL;
}

/* Sends one picture unless the hub has it, and marks it as on the hub. */
static gboolean
push_picture (PosStore *store, PGconn *conn, const char *file, PosSyncStats *stats, GError **error)
{
  g_autofree char *name = pos_product_image_name (file);
  g_autofree char *sha256 = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int held;

  if (name == NULL)
    return TRUE; /* the table holds only pictures named by their hash */
  sha256 = g_strndup (name, SHA256_HEX);
  if ((held = hub_has (conn, sha256, error)) < 0)
    return FALSE;
  if (!held && (bytes = local_bytes (store, sha256, file)) == NULL)
    {
      stats->pictures_refused++; /* damaged here: the hub would refuse it too */
      return TRUE;
    }
  if (!held && !hub_insert (conn, sha256, bytes, error))
    return FALSE;
  if (!held)
    stats->pictures_sent++;
  return mark_on_hub (store, sha256, error);
}

gboolean
pos_picture_sync_push (PosStore *store, PGconn *conn, PosSyncStats *stats, GError **error)
{
  static const char sql[] = "SELECT file FROM picture p WHERE on_hub = 0 AND EXISTS (SELECT 1 FROM "
                            "product WHERE image_path IS NOT NULL AND image_path = p.file) ORDER BY sha256";
  g_autoptr (GPtrArray) files = NULL;
  PosSyncStats ignored = { 0 };

  g_return_val_if_fail (store != NULL && conn != NULL, FALSE);

  stats = stats != NULL ? stats : &ignored;
  if ((files = store_column (store, sql, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    if (!push_picture (store, conn, g_ptr_array_index (files, i), stats, error))
      return FALSE;
  return TRUE;
}

/* Fetches picture @name; a hub that lacks it yet, or bytes that fail the
 * checks, leave it for a later sync. */
static gboolean
pull_picture (PosStore *store, PGconn *conn, const char *name, PosSyncStats *stats, GError **error)
{
  static const char sql[] = "SELECT bytes FROM picture WHERE sha256 = $1";
  g_autofree char *sha256 = g_strndup (name, SHA256_HEX);
  const char *values[1] = { sha256 };
  g_autoptr (PGresult) result = PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 1);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return hub_error (conn, result, "Cannot fetch a picture from the hub", error);
  if (PQntuples (result) == 0)
    return TRUE;
  bytes = g_bytes_new (PQgetvalue (result, 0, 0), (gsize)PQgetlength (result, 0, 0));
  if (pos_product_image_add_bytes (store, name, bytes, TRUE, &local))
    {
      stats->pictures_received++;
      return TRUE;
    }
  if (!g_error_matches (local, POS_ERROR, POS_ERROR_INVALID))
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  stats->pictures_refused++;
  return TRUE;
}

/* Whether this till holds the picture at @path whole: listed, and its file
 * still there (a store restored without its picture folder fetches them
 * again). */
static gboolean
held_here (PosStore *store, const char *path, gboolean listed)
{
  g_autofree char *file = listed ? pos_product_image_resolve (store, path) : NULL;

  return file != NULL && g_file_test (file, G_FILE_TEST_IS_REGULAR);
}

gboolean
pos_picture_sync_pull (PosStore *store, PGconn *conn, PosSyncStats *stats, GError **error)
{
  static const char sql[] = "SELECT DISTINCT image_path, EXISTS (SELECT 1 FROM picture "
                            "WHERE sha256 = substr (image_path, 8, 64)) FROM product "
                            "WHERE image_path IS NOT NULL AND image_path LIKE 'images/%' ORDER BY 1";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  PosSyncStats ignored = { 0 };
  int rc;

  g_return_val_if_fail (store != NULL && conn != NULL, FALSE);

  stats = stats != NULL ? stats : &ignored;
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      const char *path = (const char *)sqlite3_column_text (stmt, 0);
      char *name = pos_product_image_name (path);

      if (name != NULL && !held_here (store, path, sqlite3_column_int (stmt, 1)))
        g_ptr_array_add (wanted, name);
      else
        g_free (name);
    }
  if (rc != SQLITE_DONE)
    return FALSE;
  g_clear_pointer (&stmt, pos_stmt_release);
  for (guint i = 0; i < wanted->len; i++)
    if (!pull_picture (store, conn, g_ptr_array_index (wanted, i), stats, error))
      return FALSE;
  return TRUE;
}
