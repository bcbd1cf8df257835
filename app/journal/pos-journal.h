/* pos-journal.h — the hash-chained journal of business events.
 *
 * Every business action appends one event inside its own transaction. Each
 * till's events form a chain: till_seq is gapless from 1, and
 *   hash = SHA-256 (prev_hash ‖ canonical event)
 * where the canonical event is the canonical JSON of event_id, hlc, payload,
 * till_id, till_seq and type. Changing, removing or reordering any recorded
 * event breaks the chain at that point, and pos_journal_verify() names it.
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
} PosJournalEvent;

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
gboolean pos_journal_insert_remote (PosStore *store, const PosJournalEvent *event, gboolean *inserted,
                                    GError **error);
GPtrArray *pos_journal_read (PosStore *store, gint64 after_id, gboolean unpushed_only, guint limit,
                             GError **error);
gint64 pos_journal_count_unpushed (PosStore *store);
gboolean pos_journal_verify (PosStore *store, gint64 *n_events, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosJournalEvent, pos_journal_event_free)

G_END_DECLS
