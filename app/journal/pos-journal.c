/* pos-journal.c — the hash-chained journal (see pos-journal.h). */
#include "pos-journal.h"

#include "pos-hlc.h"
#include "pos-json.h"
#include "pos-store-private.h"

#include <sodium.h>

void
pos_journal_event_free (PosJournalEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event_id);
  g_free (event->till_id);
  g_free (event->hlc);
  g_free (event->type);
  g_free (event->payload);
  g_free (event->prev_hash);
  g_free (event->hash);
  g_free (event);
}

PosJournalEvent *
pos_journal_event_copy (const PosJournalEvent *event)
{
  PosJournalEvent *copy = g_new0 (PosJournalEvent, 1);

  copy->id = event->id;
  copy->event_id = g_strdup (event->event_id);
  copy->till_id = g_strdup (event->till_id);
  copy->till_seq = event->till_seq;
  copy->hlc = g_strdup (event->hlc);
  copy->type = g_strdup (event->type);
  copy->payload = g_strdup (event->payload);
  copy->prev_hash = g_strdup (event->prev_hash);
  copy->hash = g_strdup (event->hash);
  return copy;
}

/* The canonical text of an event. The payload is already canonical, so it
 * is spliced in as is: members in key order, no white space. */
static char *
canonical_event (const PosJournalEvent *event)
{
  GString *out = g_string_new ("{\"event_id\":");

  pos_json_append_string (out, event->event_id);
  g_string_append (out, ",\"hlc\":");
  pos_json_append_string (out, event->hlc);
  g_string_append_printf (out, ",\"payload\":%s,\"till_id\":", event->payload);
  pos_json_append_string (out, event->till_id);
  g_string_append_printf (out, ",\"till_seq\":%" G_GINT64_FORMAT ",\"type\":", event->till_seq);
  pos_json_append_string (out, event->type);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* hash = SHA-256 (prev_hash ‖ canonical event), lower-case hex. */
char *
pos_journal_event_hash (const PosJournalEvent *event)
{
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *text = canonical_event (event);

  g_checksum_update (sha, (const guchar *)event->prev_hash, -1);
  g_checksum_update (sha, (const guchar *)text, -1);
  return g_strdup (g_checksum_get_string (sha));
}

char *
pos_journal_till_id (PosStore *store)
{
  char *till = pos_store_dup_setting (store, "till_id");

  return till != NULL ? till : g_strdup ("T1");
}

/*
 * A time-ordered (version 7, RFC 9562) UUID: 48 bits of Unix time in ms,
 * then 74 random bits from the system's CSPRNG. Ids taken one after another
 * sort next to each other, so a new entry in the journal's unique index on
 * event_id (and in the hub's primary key) lands on the page the previous one
 * did instead of on a random page of a big index. GLib's
 * g_uuid_string_random() draws from a PRNG seeded once per process, so two
 * processes forked from one parent would repeat each other's ids.
 */
char *
pos_journal_new_event_id (void)
{
  guint64 ms = (guint64)(g_get_real_time () / 1000);
  guint8 b[16];

  if (sodium_init () < 0)
    g_error ("libsodium cannot start: no source of randomness");
  randombytes_buf (b, sizeof b);
  for (int i = 0; i < 6; i++)
    b[i] = (guint8)(ms >> (40 - 8 * i));
  b[6] = (b[6] & 0x0f) | 0x70; /* version 7 */
  b[8] = (b[8] & 0x3f) | 0x80; /* RFC 9562 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                          b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                          b[15]);
}

/* The newest event of @till_id, for the next event's seq and prev_hash. */
static gboolean
chain_head (PosStore *store, const char *till_id, gint64 *seq, char **hash, GError **error)
{
  static const char sql[] = "SELECT till_seq, hash FROM journal WHERE till_id = ?1 "
                            "ORDER BY till_seq DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  *seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *hash = rc == SQLITE_ROW ? pos_stmt_dup_text (stmt, 1) : g_strdup (POS_JOURNAL_GENESIS_HASH);
  return TRUE;
}

static gboolean
insert_event (PosStore *store, PosJournalEvent *event, gboolean pushed, GError **error)
{
  static const char sql[] = "INSERT INTO journal (event_id, till_id, till_seq, hlc, type, payload, "
                            "prev_hash, hash, pushed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event->event_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, event->till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, event->till_seq);
  sqlite3_bind_text (stmt, 4, event->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, event->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, event->payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, event->prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, event->hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, pushed);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  event->id = sqlite3_last_insert_rowid (pos_store_db (store));
  return TRUE;
}

/* Whether @event may follow the event numbered @prev_seq: the next seq, or
 * a "journal.restored" event whose payload names exactly the seqs it
 * skips (those the store a restore replaced had used). The payload is
 * covered by the hash, so the gap is as checkable as the chain. */
static gboolean
follows (const PosJournalEvent *event, gint64 prev_seq)
{
  g_autoptr (JsonNode) node = NULL;
  JsonObject *o;

  if (event->till_seq == prev_seq + 1)
    return TRUE;
  if (g_strcmp0 (event->type, POS_JOURNAL_RESTORED) != 0 || event->till_seq <= prev_seq + 1
      || (node = pos_json_parse (event->payload, NULL)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  return json_object_get_int_member_with_default (o, "skipped_from", 0) == prev_seq + 1
         && json_object_get_int_member_with_default (o, "skipped_to", 0) == event->till_seq - 1;
}

/*
 * Appends a local event of @type with @payload (a JSON object) to this
 * till's chain. Must run inside the business action's transaction, so the
 * event and what it records commit together or not at all.
 */
PosJournalEvent *
pos_journal_append (PosStore *store, const char *type, JsonNode *payload, GError **error)
{
  g_autoptr (PosJournalEvent) event = g_new0 (PosJournalEvent, 1);
  gint64 last_seq;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (type != NULL && payload != NULL, NULL);
  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  event->till_id = pos_journal_till_id (store);
  if (!chain_head (store, event->till_id, &last_seq, &event->prev_hash, error))
    return NULL;
  event->payload = pos_json_canonical (payload, error);
  if (event->payload == NULL)
    return NULL;
  event->hlc = pos_hlc_next_event (store, event->till_id, error);
  if (event->hlc == NULL)
    return NULL;
  event->event_id = pos_journal_new_event_id ();
  event->till_seq = last_seq + 1;
  event->type = g_strdup (type);
  event->hash = pos_journal_event_hash (event);

  if (!insert_event (store, event, FALSE, error))
    return NULL;
  return g_steal_pointer (&event);
}

static void
copy_member (JsonObject *from, const char *name, JsonNode *node, gpointer to)
{
  (void)from;
  json_object_set_member (to, name, json_node_copy (node));
}

/*
 * Appends a POS_JOURNAL_RESTORED event to this till's chain numbered after
 * @used_seq, the highest seq another copy of this store has used: the
 * seqs between this chain's head and it are named as skipped in the
 * payload, with @details (transfer none) added. A seq never numbers two
 * different events, so the hub and the other tills keep trusting this
 * till's chain.
 */
PosJournalEvent *
pos_journal_append_restored (PosStore *store, gint64 used_seq, JsonObject *details, GError **error)
{
  g_autoptr (PosJournalEvent) event = g_new0 (PosJournalEvent, 1);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  gint64 last_seq;

  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  event->till_id = pos_journal_till_id (store);
  if (!chain_head (store, event->till_id, &last_seq, &event->prev_hash, error))
    return NULL;
  event->till_seq = MAX (last_seq, used_seq) + 1;
  json_node_take_object (node, o);
  if (details != NULL)
    json_object_foreach_member (details, copy_member, o);
  json_object_set_int_member (o, "skipped_from", last_seq + 1);
  json_object_set_int_member (o, "skipped_to", event->till_seq - 1);
  if ((event->payload = pos_json_canonical (node, error)) == NULL)
    return NULL;
  if ((event->hlc = pos_hlc_next_event (store, event->till_id, error)) == NULL)
    return NULL;
  event->event_id = pos_journal_new_event_id ();
  event->type = g_strdup (POS_JOURNAL_RESTORED);
  event->hash = pos_journal_event_hash (event);
  if (!insert_event (store, event, FALSE, error))
    return NULL;
  return g_steal_pointer (&event);
}

PosJournalEvent *
pos_journal_append_object (PosStore *store, const char *type, JsonObject *payload, GError **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, payload);
  return pos_journal_append (store, type, node, error);
}

/*
 * Stores an event pulled from the hub. It must extend its till's chain
 * exactly: the next till_seq with the head's hash as prev_hash, and a hash
 * that matches its content. An event already held (same event_id and hash)
 * is skipped with *inserted = FALSE; the same id with other content is an
 * error, never a silent overwrite.
 */
gboolean
pos_journal_insert_remote (PosStore *store, const PosJournalEvent *event, gboolean *inserted, GError **error)
{
  static const char sql_known[] = "SELECT hash FROM journal WHERE event_id = ?1";
  g_autoptr (PosJournalEvent) copy = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *expected = NULL;
  gint64 head_seq;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);
  *inserted = FALSE;

  {
    g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql_known, error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, event->event_id, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      {
        if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), event->hash) == 0)
          return TRUE;
        g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                     "Event %s arrived again with different content", event->event_id);
        return FALSE;
      }
  }

  expected = pos_journal_event_hash (event);
  if (g_strcmp0 (expected, event->hash) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                   "Event %s of till %s #%" G_GINT64_FORMAT " does not match its hash", event->event_id,
                   event->till_id, event->till_seq);
      return FALSE;
    }
  if (!chain_head (store, event->till_id, &head_seq, &head_hash, error))
    return FALSE;
  if (!follows (event, head_seq) || g_strcmp0 (event->prev_hash, head_hash) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                   "Event %s of till %s #%" G_GINT64_FORMAT " does not follow #%" G_GINT64_FORMAT
                   " held here",
                   event->event_id, event->till_id, event->till_seq, head_seq);
      return FALSE;
    }
  if (!pos_hlc_observe (store, event->hlc, error))
    return FALSE;
  copy = pos_journal_event_copy (event);
  if (!insert_event (store, copy, TRUE, error))
    return FALSE;
  *inserted = TRUE;
  return TRUE;
}

static PosJournalEvent *
event_from_row (PosStmt *stmt)
{
  PosJournalEvent *event = g_new0 (PosJournalEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->event_id = pos_stmt_dup_text (stmt, 1);
  event->till_id = pos_stmt_dup_text (stmt, 2);
  event->till_seq = sqlite3_column_int64 (stmt, 3);
  event->hlc = pos_stmt_dup_text (stmt, 4);
  event->type = pos_stmt_dup_text (stmt, 5);
  event->payload = pos_stmt_dup_text (stmt, 6);
  event->prev_hash = pos_stmt_dup_text (stmt, 7);
  event->hash = pos_stmt_dup_text (stmt, 8);
  return event;
}

#define EVENT_COLUMNS "id, event_id, till_id, till_seq, hlc, type, payload, prev_hash, hash"

/* Reads events in local order after row @after_id; the sync outbox reads
 * with @unpushed_only. Returns a GPtrArray of PosJournalEvent. */
GPtrArray *
pos_journal_read (PosStore *store, gint64 after_id, gboolean unpushed_only, guint limit, GError **error)
{
  static const char sql[] = "SELECT " EVENT_COLUMNS " FROM journal WHERE id > ?1 "
                            "AND (?2 = 0 OR pushed = 0) ORDER BY id LIMIT ?3";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_journal_event_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int (stmt, 2, unpushed_only);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? limit : G_MAXINT64);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&events);
}

gint64
pos_journal_count_unpushed (PosStore *store)
{
  static const char sql[] = "SELECT count(*) FROM journal WHERE pushed = 0";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
chain_error (GError **error, const PosJournalEvent *event, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
               "Journal broken at till %s #%" G_GINT64_FORMAT " (event %s, row %" G_GINT64_FORMAT "): %s",
               event->till_id, event->till_seq, event->event_id, event->id, what);
  return FALSE;
}

/*
 * Walks every till's chain in till_seq order and checks that seqs are
 * gapless from 1, each prev_hash is the previous hash, and each hash
 * matches its event. Fails naming the first record that does not.
 */
gboolean
pos_journal_verify (PosStore *store, gint64 *n_events, GError **error)
{
  static const char sql[] = "SELECT " EVENT_COLUMNS " FROM journal ORDER BY till_id, till_seq";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *till = NULL;
  g_autofree char *prev_hash = NULL;
  gint64 prev_seq = 0, count = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosJournalEvent) event = event_from_row (stmt);
      g_autofree char *hash = NULL;

      if (g_strcmp0 (till, event->till_id) != 0)
        {
          g_free (till);
          till = g_strdup (event->till_id);
          g_free (prev_hash);
          prev_hash = g_strdup (POS_JOURNAL_GENESIS_HASH);
          prev_seq = 0;
        }
      if (!follows (event, prev_seq))
        return chain_error (error, event, "sequence has a gap");
      if (g_strcmp0 (event->prev_hash, prev_hash) != 0)
        return chain_error (error, event, "does not link to the event before it");
      hash = pos_journal_event_hash (event);
      if (g_strcmp0 (hash, event->hash) != 0)
        return chain_error (error, event, "content does not match its hash");
      g_free (prev_hash);
      prev_hash = g_steal_pointer (&event->hash);
      prev_seq = event->till_seq;
      count++;
    }
  if (rc < 0)
    return FALSE;
  if (n_events != NULL)
    *n_events = count;
  return TRUE;
}
