/* pos-backup-create.c — a backup with its manifest (see pos-backup-create.h). */
#include "pos-backup-create.h"

#include <glib/gstdio.h>

#include "pos-backup-manifest.h"
#include "pos-backup.h"
#include "pos-nf525-jet.h"
#include "pos-store-private.h"

static gboolean
create (PosStore *store, const char *folder, guint keep, PosBackupKey *key, char **written_path,
        GError **error)
{
  g_autofree char *plain = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *manifest = NULL;
  const char *written;

  g_return_val_if_fail (store != NULL && folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_backup_to_folder (store, folder, keep, &plain, error))
    return FALSE;
  written = plain;
  if (key != NULL)
    {
      sealed = g_strconcat (plain, ".enc", NULL);
      if (!pos_backup_encrypt_file (plain, sealed, key, error))
        {
          g_unlink (plain);
          return FALSE;
        }
      written = sealed;
    }
  if (!pos_backup_manifest_write (written, plain, error))
    {
      manifest = pos_backup_manifest_path (written);
      g_unlink (manifest);
      g_unlink (written);
      if (sealed != NULL)
        g_unlink (plain);
      return FALSE;
    }
  /* Sealed, the plain copy must not stay on the backup disk. */
  if (sealed != NULL)
    g_unlink (plain);
  if (written_path != NULL)
    *written_path = g_strdup (written);
  return TRUE;
}

gboolean
pos_backup_create (PosStore *store, const char *folder, guint keep, PosBackupKey *key, char **written_path,
                   GError **error)
{
  g_autofree char *written = NULL;

  if (!create (store, folder, keep, key, &written, error)
      || !pos_nf525_jet_record (store, POS_JET_BACKUP, written, error))
    return FALSE;
  if (written_path != NULL)
    *written_path = g_steal_pointer (&written);
  return TRUE;
}

char *
pos_backup_upgrade_folder (const char *store_path)
{
  g_return_val_if_fail (store_path != NULL, NULL);
  return g_strconcat (store_path, ".before-upgrade", NULL);
}

static gboolean
backup_before_upgrade (PosStore *store, int from_version, int to_version, GError **error)
{
  g_autofree char *folder = pos_backup_upgrade_folder (pos_store_path (store));
  g_autofree char *base = g_path_get_basename (pos_store_path (store));
  g_autofree char *written = NULL;

  /* A hidden file is a restore's working copy of a backup (pos_backup_stage):
   * the backup it came from is its copy, and nothing may stay beside it. */
  if (base[0] == '.')
    return TRUE;
  /* Not an event of the event log: the store is between two schemas. */
  if (!create (store, folder, 0, NULL, &written, error))
    return FALSE;
  g_debug ("Store at schema %d backed up to %s before its upgrade to %d", from_version, written, to_version);
  return TRUE;
}

/* Every program that can take a backup (the till, mainstreet-admin) links
 * this file, so none of them upgrades a store without one. */
__attribute__ ((constructor)) static void
install_upgrade_hook (void)
{
  pos_store_set_upgrade_hook (backup_before_upgrade);
}
