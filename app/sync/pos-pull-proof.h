/* pos-pull-proof.h — the signatures a pull checks when it commits: one per
 * till and key in each of its transactions.
 *
 * Each event's hash covers the one before it, and the journal's intake
 * checks every pulled event's hash and link as it takes it. The newest
 * event of a till in a transaction, its signature verified with a key the
 * pull trusts for that till, therefore proves every event of that till the
 * transaction took: an Ed25519 check (about 40 µs) per till and key, not
 * per event. Events signed by another key are proved by their own newest
 * one before the next key's events are taken.
 */
#pragma once

#include <glib.h>

#include "pos-journal.h"
#include "pos-till-key.h"

G_BEGIN_DECLS

typedef struct _PosPullProof PosPullProof;

PosPullProof *pos_pull_proof_new (void);
void pos_pull_proof_free (PosPullProof *proof);
gboolean pos_pull_proof_defer (PosPullProof *proof, const PosJournalEvent *event,
                               const guint8 key[POS_TILL_KEY_PUBLIC_BYTES], GError **error);
gboolean pos_pull_proof_settle (PosPullProof *proof, GError **error);
void pos_pull_proof_forget (PosPullProof *proof);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPullProof, pos_pull_proof_free)

G_END_DECLS
