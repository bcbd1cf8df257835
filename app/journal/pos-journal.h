/* pos-journal.h — the hash-chained journal of business events.
 *
 * Every business action appends one event inside its own transaction. Each
 * till's events form a chain: till_seq is gapless from 1, and
 *   hash = SHA-256 (prev_hash ‖ canonical event)
 * where the canonical event is the canonical JSON of event_id, hlc, payload,
 * till_id, till_seq and type. Changing, removing or reordering any recorded
 * event breaks the chain at that point, and pos_journal_verify() names it.
 * Each event is also signed with its till's Ed25519 key (pos-till-key.h),
 * so an edit with the chain re-hashed after it is still found.
 * Appending first re-hashes the chain's newest event: a till whose journal
 * was tampered with stops writing with word to restore the latest backup.
 * The journal is also the outbox that sync pushes to the hub.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/* The event a restore without the replaced store's newer events appends:
 * its till_seq skips those the replaced store used, and its payload names
 * them (skipped_from, skipped_to). */
#define POS_JOURNAL_RESTORED "journal.restored"

#define POS_JOURNAL_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  gint64 id;      /* local row id */
  char *event_id; /* UUID v7: time-ordered, random below the millisecond */
  char *till_id;
  gint64 till_seq;
  char *hlc;
  char *type;    /* "sale", "refund", "stock.receive", … */
  char *payload; /* canonical JSON */
  char *prev_hash;
  char *hash;
  GBytes *signature; /* Ed25519 over hash by the till's key; NULL on older events */
} PosJournalEvent;

typedef struct
{
  gint64 events;    /* events whose chain holds */
  gint64 signed_;   /* of which signed with a key of their till */
  gint64 unsigned_; /* older than the till's keys */
  /* of the signed, those whose own signature does not verify (changed
   * after it was made) but a later signature of their till proves */
  gint64 proven_later;
} PosJournalCheck;

void pos_journal_event_free (PosJournalEvent *event);
PosJournalEvent *pos_journal_event_copy (const PosJournalEvent *event);
char *pos_journal_event_hash (const PosJournalEvent *event);

char *pos_journal_till_id (PosStore *store);
char *pos_journal_new_event_id (void);

PosJournalEvent *pos_journal_append (PosStore *store, const char *type, JsonNode *payload, GError **error);
PosJournalEvent *pos_journal_append_object (PosStore *store, const char *type, JsonObject *payload,
                                            GError **error);
PosJournalEvent *pos_journal_append_restored (PosStore *store, gint64 used_seq, JsonObject *details,
                                              GError **error);
PosJournalEvent *pos_journal_append_as (PosStore *store, const char *event_id, const char *type,
                                        JsonNode *payload, GError **error);
PosJournalEvent *pos_journal_append_object_as (PosStore *store, const char *event_id, const char *type,
                                               JsonObject *payload, GError **error);
gboolean pos_journal_insert_remote (PosStore *store, const PosJournalEvent *event, gboolean *inserted,
                                    GError **error);

/* Pulled events in bulk, inside one transaction of the caller's: each
 * is checked and stored as pos_journal_insert_remote() does, with what it
 * needs of its till (chain head, keys) read once per intake, and the
 * store's clock moved once, by pos_journal_intake_finish(), which must
 * run before the transaction commits. Free it with the transaction: it
 * holds what the transaction wrote. */
typedef struct _PosJournalIntake PosJournalIntake;

PosJournalIntake *pos_journal_intake_new (PosStore *store);
gboolean pos_journal_intake_add (PosJournalIntake *intake, const PosJournalEvent *event, gboolean *inserted,
                                 GError **error);
gboolean pos_journal_intake_add_verified (PosJournalIntake *intake, const PosJournalEvent *event,
                                          const guint8 *verified_key, gboolean *inserted, GError **error);
gboolean pos_journal_intake_finish (PosJournalIntake *intake, GError **error);
void pos_journal_intake_free (PosJournalIntake *intake);
GPtrArray *pos_journal_read (PosStore *store, gint64 after_id, gboolean unpushed_only, guint limit,
                             GError **error);
gint64 pos_journal_count_unpushed (PosStore *store);
gboolean pos_journal_verify (PosStore *store, gint64 *n_events, GError **error);
gboolean pos_journal_verify_signed (PosStore *store, PosJournalCheck *check, GError **error);
gboolean pos_journal_check_chain (PosStore *store, GError **error);
gboolean pos_journal_ensure_key (PosStore *store, GError **error);
char *pos_journal_signature_hex (const PosJournalEvent *event);
GBytes *pos_journal_signature_from_hex (const char *hex);
GBytes *pos_journal_announced_key (const PosJournalEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosJournalEvent, pos_journal_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosJournalIntake, pos_journal_intake_free)

G_END_DECLS
