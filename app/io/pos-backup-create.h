/* pos-backup-create.h — taking a backup the way a restore can prove it:
 * the store copy (pos-backup.h), sealed when a key is given
 * (pos-backup-crypt.h), and its manifest (pos-backup-manifest.h). */
#pragma once

#include <glib.h>

#include "pos-backup-crypt.h"
#include "pos-store.h"

G_BEGIN_DECLS

/*
 * Backs @store up into @folder as pos_backup_to_folder() does, keeping the
 * newest @keep. With @key (nullable) the backup is stored only sealed, as
 * <name>.db.enc. Either way <backup>.manifest.json is written beside it; a
 * backup whose manifest could not be written is removed, so every backup
 * in the folder can be proved whole. @written_path (nullable) receives the
 * backup's path (transfer full).
 */
gboolean pos_backup_create (PosStore *store, const char *folder, guint keep, PosBackupKey *key,
                            char **written_path, GError **error);

/*
 * Where a store is backed up before an upgrade of its schema:
 * <store>.before-upgrade/, beside the store, with every such backup kept.
 * Linking this file in makes every store opened for writing take that
 * backup (with its manifest) before it is upgraded; without a backup the
 * upgrade is refused. Returns: (transfer full)
 */
char *pos_backup_upgrade_folder (const char *store_path);

G_END_DECLS
