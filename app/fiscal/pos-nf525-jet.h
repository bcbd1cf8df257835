/* pos-nf525-jet.h — France's event log (JET, journal des événements techniques).
 *
 * Under FR-NF525 the till records, besides its sales, what happens around
 * them: start-ups of the app and of mainstreet-admin, sign-ins and refused
 * sign-ins, exports, backups, restores, setting changes, closings and
 * archive exports. Each is one line of table fiscal_event
 *
 *   JET|<till>|<seq>|<kind>|<time>|<detail>|<hash of the line before>|<signature>
 *
 * signed like every FR-NF525 line (pos-nf525-line.h). The lines form a
 * chain of their own, apart from the grand totals: they carry no amount,
 * and a sign-in or a start-up must not be a line the totals walk over.
 * seq counts from 1 without gaps, except that a restore's line continues
 * after the highest seq the replaced store had used, so a number never
 * names two events. With any other profile nothing is recorded.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_JET_START "start"
#define POS_JET_SIGN_IN "sign_in"
#define POS_JET_SIGN_IN_FAILED "sign_in_failed"
#define POS_JET_EXPORT "export"
#define POS_JET_BACKUP "backup"
#define POS_JET_RESTORE "restore"
#define POS_JET_SETTING "setting"
#define POS_JET_CLOSING "closing"
#define POS_JET_ARCHIVE "archive"
#define POS_JET_TRAINING "training" /* training mode on or off, and each training sale */

/* Records one event of @kind with @detail (free text: who, what, which
 * file), when the shop's profile is FR-NF525. Inside the caller's
 * transaction when there is one, so the event commits with what it
 * records; in one of its own otherwise. */
gboolean pos_nf525_jet_record (PosStore *store, const char *kind, const char *detail, GError **error);
/* The restore's event, on the restored store before it takes over:
 * numbered after the highest seq the store at @replaced_path (which may
 * be missing or unreadable) had used; its closing counts are kept too, so
 * closing numbers go on after them. */
gboolean pos_nf525_jet_record_restore (PosStore *store, const char *replaced_path, const char *backup_name,
                                       GError **error);
/* Checks @line (index @index, 0-based) follows @prev_hash and @prev_seq and
 * is signed by one of @keys; on success moves both on to it. */
gboolean pos_nf525_jet_check_line (const char *line, guint index, GPtrArray *keys, char **prev_hash,
                                   gint64 *prev_seq, GError **error);
/* Checks this till's whole event log; names the first line that fails. */
gboolean pos_nf525_jet_verify (PosStore *store, guint *count, GError **error);

G_END_DECLS
