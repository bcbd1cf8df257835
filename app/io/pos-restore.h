/* pos-restore.h — putting a backup back, proved first.
 *
 * A restore installs a backup only after it passed everything
 * `mainstreet-admin verify` checks: first its manifest (name, size,
 * SHA-256), then PRAGMA integrity_check, the journal's hash chains, that
 * stock levels equal their moves and that report totals equal their sales
 * (and, with a manifest, that its journal is the one the manifest names).
 * Anything that fails is refused with the reason and nothing changes.
 *
 * A restore never lets a receipt number or a journal seq be used twice.
 * The store it replaces may hold events newer than the backup: with
 * merge_newer they are replayed into the restored store (their hash chain
 * must continue the backup's), so nothing is lost and numbering goes on.
 * Without it, the restored store's next receipt number continues after the
 * highest the replaced store used, and a "journal.restored" event numbered
 * after the replaced store's last seq names the seqs skipped; that is
 * refused when the replaced store had already pushed some of them to the
 * hub (the hub holds them: they must be merged). The replaced store is
 * always kept beside the store (pos-backup.h).
 *
 * Merged events go through the sync-apply path, as a pulled event would:
 * sales, refunds, stock and loyalty come back as rows, while what only the
 * journal records for another till (shift opens, cash moves, Z reports)
 * comes back in the journal alone, and merged sales belong to no shift.
 */
#pragma once

#include <glib.h>

#include "pos-backup-crypt.h"
#include "pos-error.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean no_manifest; /* restore a backup without a manifest */
  gboolean merge_newer; /* replay the replaced store's newer events */
  PosBackupKey *key;    /* (nullable) for an encrypted backup */
} PosRestoreOptions;

typedef struct
{
  char *kept_path;      /* the replaced store, kept; NULL when there was none */
  gint64 newer_events;  /* events the replaced store held beyond the backup; -1 unknown */
  gint64 merged_events; /* of those, replayed into the restored store */
  gint64 receipt_floor; /* this till's next receipt number is above it */
  gint64 skipped_from;  /* journal seqs skipped by "journal.restored"; 0 when none */
  gint64 skipped_to;
  gboolean manifest_checked;
} PosRestoreReport;

void pos_restore_report_clear (PosRestoreReport *report);

/*
 * Restores the backup at @backup_path over the store at @store_path as
 * described above. POS_ERROR_BUSY while a till holds the store; the
 * backup's problem (POS_ERROR_NOT_FOUND for a missing manifest,
 * POS_ERROR_STORE_DAMAGED, POS_ERROR_CHAIN_BROKEN, POS_ERROR_AUTH for a
 * wrong passphrase…) or POS_ERROR_STATE for pushed events not merged
 * otherwise, and then nothing changed.
 */
gboolean pos_restore_run (const char *backup_path, const char *store_path, const PosRestoreOptions *options,
                          PosRestoreReport *report, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosRestoreReport, pos_restore_report_clear)

G_END_DECLS
