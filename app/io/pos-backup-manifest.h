/* pos-backup-manifest.h — what a backup is, written beside it.
 *
 * Every backup gets <backup>.manifest.json at backup time: its file name,
 * size and SHA-256 (of the file as stored, so of the sealed file when it
 * is encrypted), the till, the journal's head hash and event count, when
 * it was made and the store's schema version. A restore checks the file
 * against it before anything else, so a backup changed by a single bit is
 * refused whatever part of it the bit is in.
 */
#pragma once

#include <glib.h>

#include "pos-error.h"

G_BEGIN_DECLS

typedef struct
{
  char *file; /* base name of the backup */
  gint64 size;
  char *sha256;
  gboolean encrypted;
  char *till_id;
  char *journal_head; /* hash of the newest journal row; "" when none */
  gint64 journal_events;
  char *created_at; /* ISO 8601, UTC */
  gint64 schema_version;
} PosBackupManifest;

void pos_backup_manifest_free (PosBackupManifest *manifest);

/* The manifest's path for @backup_path. Returns: (transfer full) */
char *pos_backup_manifest_path (const char *backup_path);

/*
 * Writes the manifest of @backup_path, whose store content is the plain
 * store file @plain_path (the same file unless the backup is encrypted).
 */
gboolean pos_backup_manifest_write (const char *backup_path, const char *plain_path, GError **error);

/*
 * Reads the manifest of @backup_path and checks the file against it: its
 * name, size and SHA-256. A missing manifest is POS_ERROR_NOT_FOUND, one
 * that does not match (or cannot be read) POS_ERROR_STORE_DAMAGED.
 * Returns: (transfer full) (nullable) the manifest
 */
PosBackupManifest *pos_backup_manifest_check (const char *backup_path, GError **error);

/* The journal facts of a plain store file, as a manifest holds them. */
gboolean pos_backup_manifest_read_store (const char *plain_path, PosBackupManifest *into, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosBackupManifest, pos_backup_manifest_free)

G_END_DECLS
