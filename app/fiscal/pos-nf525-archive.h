/* pos-nf525-archive.h — France's signed archive of a period.
 *
 * `fiscal export archive --from DAY --to DAY FOLDER` writes a new folder:
 *
 *   receipts.jsonl    the period's receipts, one JSON object a line: number,
 *                     time, totals, lines, and the receipt's signed NF525 line
 *   closings.txt      the signed daily, monthly and annual closing lines
 *   grand-totals.txt  every signed NF525 line of the period in chain order,
 *                     each with the perpetual grand total after it
 *   jet.txt           the signed lines of the event log (JET)
 *   manifest.txt      what the archive is (till, days, the till's public key)
 *                     and the SHA-256 of each file above
 *   manifest.sig      the till's Ed25519 signature over the manifest
 *
 * Days are those of the lines' UTC times. The folder is built beside its
 * final name and renamed into place, so a failure leaves nothing. The
 * export is itself an event of the event log. pos_nf525_archive_verify()
 * needs no store: the public key is in the manifest, and the auditor
 * compares it with the till's.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint receipts;
  guint closings;
  guint lines; /* of grand-totals.txt */
  guint events;
  char *public_key; /* hex */
} PosNf525ArchiveSummary;

void pos_nf525_archive_summary_clear (PosNf525ArchiveSummary *summary);

gboolean pos_nf525_archive_export (PosStore *store, const char *from_day, const char *to_day,
                                   const char *path, PosNf525ArchiveSummary *summary, GError **error);
/* Checks the manifest's signature, every file's hash and every signed line
 * in it; names the first thing that was altered. */
gboolean pos_nf525_archive_verify (const char *path, PosNf525ArchiveSummary *summary, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosNf525ArchiveSummary, pos_nf525_archive_summary_clear)

G_END_DECLS
