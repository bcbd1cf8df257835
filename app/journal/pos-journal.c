/* pos-journal.c — the hash-chained journal (see pos-journal.h). */
#include "pos-journal.h"

#include <glib/gi18n-lib.h>

#include "pos-hlc.h"
#include "pos-json.h"
#include "pos-sha256.h"
#include "pos-store-private.h"
#include "pos-till-key.h"

#include <sodium.h>
#include <string.h>

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
  g_clear_pointer (&event->signature, g_bytes_unref);
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
  copy->signature = event->signature ? g_bytes_ref (event->signature) : NULL;
  return copy;
}

/* The canonical text of an event. The payload is already canonical, so it
 * is spliced in as is: members in key order, no white space. */
static char *
canonical_event (const PosJournalEvent *event)
{
  GString *out = g_string_sized_new (strlen (event->payload) + 256);

  g_string_append (out, "{\"event_id\":");
  pos_json_append_string (out, event->event_id);
  g_string_append (out, ",\"hlc\":");
  pos_json_append_string (out, event->hlc);
  g_string_append (out, ",\"payload\":");
  g_string_append (out, event->payload);
  g_string_append (out, ",\"till_id\":");
  pos_json_append_string (out, event->till_id);
  g_string_append (out, ",\"till_seq\":");
  pos_json_append_int (out, event->till_seq);
  g_string_append (out, ",\"type\":");
  pos_json_append_string (out, event->type);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* hash = SHA-256 (prev_hash ‖ canonical event), lower-case hex. */
char *
pos_journal_event_hash (const PosJournalEvent *event)
{
  g_autoptr (PosSha256) sha = pos_sha256_new ();
  g_autofree char *text = canonical_event (event);

  pos_sha256_update (sha, event->prev_hash, -1);
  pos_sha256_update (sha, text, -1);
  return pos_sha256_end (sha);
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

static PosJournalEvent *event_from_row (PosStmt *stmt);

#define EVENT_COLUMNS "id, event_id, till_id, till_seq, hlc, type, payload, prev_hash, hash, signature"

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                       _ ("The journal is damaged: restore the latest backup"));
  return FALSE;
}

/*
 * The newest event of @till_id, for the next event's seq and prev_hash.
 * Its hash is computed again first: a chain whose head was edited must not
 * be extended, or the edit would be sealed under new events. Only the head
 * is re-hashed, so the cost stays the same however long the journal grows;
 * the whole chain is checked when the store is opened.
 */
static gboolean
chain_head (PosStore *store, const char *till_id, gint64 *seq, char **hash, GError **error)
{
  static const char sql[] = "SELECT " EVENT_COLUMNS " FROM journal WHERE till_id = ?1 "
                            "ORDER BY till_seq DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (PosJournalEvent) head = NULL;
  g_autofree char *expected = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      *seq = 0;
      *hash = g_strdup (POS_JOURNAL_GENESIS_HASH);
      return TRUE;
    }
  head = event_from_row (stmt);
  expected = pos_journal_event_hash (head);
  if (head->prev_hash == NULL || g_strcmp0 (expected, head->hash) != 0)
    return damaged (error);
  *seq = head->till_seq;
  *hash = g_steal_pointer (&head->hash);
  return TRUE;
}

/* Adds @event's id to the events that wait for the hub (037). */
static gboolean
add_to_outbox (PosStore *store, gint64 id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "INSERT INTO journal_outbox (id) VALUES (?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return pos_store_step_done (store, stmt, error);
}

/* Stores @event; one of this till's own waits in the outbox, one pulled
 * from the hub (@from_hub) is there already. */
static gboolean
insert_event (PosStore *store, PosJournalEvent *event, gboolean from_hub, GError **error)
{
  static const char sql[] = "INSERT INTO journal (event_id, till_id, till_seq, hlc, type, payload, "
                            "prev_hash, hash, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
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
  if (event->signature != NULL)
    sqlite3_bind_blob (stmt, 9, g_bytes_get_data (event->signature, NULL),
                       (int)g_bytes_get_size (event->signature), SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  event->id = sqlite3_last_insert_rowid (pos_store_db (store));
  return from_hub || add_to_outbox (store, event->id, error);
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
  return pos_json_get_int (o, "skipped_from", 0) == prev_seq + 1
         && pos_json_get_int (o, "skipped_to", 0) == event->till_seq - 1;
}

/* Appends one event to the chain of @till_id, signed with @key. */
static PosJournalEvent *
append_signed (PosStore *store, const char *till_id, const PosTillKey *key, const char *event_id,
               const char *type, JsonNode *payload, GError **error)
{
  g_autoptr (PosJournalEvent) event = g_new0 (PosJournalEvent, 1);
  gint64 last_seq;

  event->till_id = g_strdup (till_id);
  if (!chain_head (store, event->till_id, &last_seq, &event->prev_hash, error))
    return NULL;
  event->payload = pos_json_canonical (payload, error);
  if (event->payload == NULL)
    return NULL;
  event->hlc = pos_hlc_next_event (store, event->till_id, error);
  if (event->hlc == NULL)
    return NULL;
  event->event_id = event_id ? g_strdup (event_id) : pos_journal_new_event_id ();
  event->till_seq = last_seq + 1;
  event->type = g_strdup (type);
  event->hash = pos_journal_event_hash (event);
  event->signature = pos_till_key_sign (key, event->hash);

  if (!insert_event (store, event, FALSE, error))
    return NULL;
  return g_steal_pointer (&event);
}

/* The `till.key` event that tells every other till and the hub which
 * public key this till's signatures are checked with from now on. */
static gboolean
announce_key (PosStore *store, const char *till_id, const PosTillKey *key, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (PosJournalEvent) event = NULL;
  char hex[2 * POS_TILL_KEY_PUBLIC_BYTES + 1];

  sodium_bin2hex (hex, sizeof hex, pos_till_key_public (key), POS_TILL_KEY_PUBLIC_BYTES);
  json_object_set_string_member (o, "public_key", hex);
  json_node_set_object (node, o);
  event = append_signed (store, till_id, key, NULL, "till.key", node, error);
  return event != NULL;
}

/* This till's signing key, announced in the journal when it is new. */
static const PosTillKey *
signing_key (PosStore *store, const char *till_id, GError **error)
{
  gboolean announce = FALSE;
  const PosTillKey *key = pos_till_key_for_signing (store, till_id, &announce, error);

  if (key == NULL || (announce && !announce_key (store, till_id, key, error)))
    return NULL;
  return key;
}

/*
 * Appends a local event of @type with @payload (a JSON object) to this
 * till's chain, signed with the till's key. Must run inside the business
 * action's transaction, so the event and what it records commit together
 * or not at all.
 */
PosJournalEvent *
pos_journal_append (PosStore *store, const char *type, JsonNode *payload, GError **error)
{
  return pos_journal_append_as (store, NULL, type, payload, error);
}

/* pos_journal_append() with an @event_id taken beforehand (NULL: a new
 * one), for an action whose rows carry the id and are listed in the
 * payload, so they are written before their event. */
PosJournalEvent *
pos_journal_append_as (PosStore *store, const char *event_id, const char *type, JsonNode *payload,
                       GError **error)
{
  g_autofree char *till_id = NULL;
  const PosTillKey *key;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (type != NULL && payload != NULL, NULL);
  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  till_id = pos_journal_till_id (store);
  key = signing_key (store, till_id, error);
  if (key == NULL)
    return NULL;
  return append_signed (store, till_id, key, event_id, type, payload, error);
}

/* Makes sure this till has a key pair and the store knows its public key
 * (`init` calls this; any first event would do it too). */
gboolean
pos_journal_ensure_key (PosStore *store, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);

  g_return_val_if_fail (store != NULL, FALSE);

  if (!pos_store_begin (store, error))
    return FALSE;
  if (signing_key (store, till_id, error) == NULL)
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
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
  const PosTillKey *key;
  gint64 last_seq;

  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  event->till_id = pos_journal_till_id (store);
  /* The key first: announcing a new one appends an event of its own. */
  if ((key = signing_key (store, event->till_id, error)) == NULL)
    return NULL;
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
  event->signature = pos_till_key_sign (key, event->hash);
  if (!insert_event (store, event, FALSE, error))
    return NULL;
  return g_steal_pointer (&event);
}

PosJournalEvent *
pos_journal_append_object (PosStore *store, const char *type, JsonObject *payload, GError **error)
{
  return pos_journal_append_object_as (store, NULL, type, payload, error);
}

PosJournalEvent *
pos_journal_append_object_as (PosStore *store, const char *event_id, const char *type, JsonObject *payload,
                              GError **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, payload);
  return pos_journal_append_as (store, event_id, type, node, error);
}

/* The public key a `till.key` event announces, or NULL. */
GBytes *
pos_journal_announced_key (const PosJournalEvent *event)
{
  g_autoptr (JsonNode) node = NULL;
  const char *hex;
  guint8 key[POS_TILL_KEY_PUBLIC_BYTES];
  size_t len = 0;

  if (g_strcmp0 (event->type, "till.key") != 0)
    return NULL;
  node = pos_json_parse (event->payload, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  hex = pos_json_get_string (json_node_get_object (node), "public_key");
  if (hex == NULL || sodium_hex2bin (key, sizeof key, hex, strlen (hex), NULL, &len, NULL) != 0
      || len != sizeof key)
    return NULL;
  return g_bytes_new (key, sizeof key);
}

/* The public keys this store holds for @till_id. */
static GPtrArray *
keys_of_till (PosStore *store, const char *till_id, GError **error)
{
  static const char sql[] = "SELECT public_key FROM till_key WHERE till_id = ?1 ORDER BY id DESC";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    if (sqlite3_column_bytes (stmt, 0) == POS_TILL_KEY_PUBLIC_BYTES)
      g_ptr_array_add (keys, g_bytes_new (sqlite3_column_blob (stmt, 0), POS_TILL_KEY_PUBLIC_BYTES));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&keys);
}

/*
 * What a run of pulled events needs to know about the tills they come
 * from, kept between events of one transaction so that each event costs
 * one hash, one look-up and one insert: each till's chain head as the
 * last event taken left it (read and re-hashed from the store once), each
 * till's public keys (read once), and the latest clock among the events
 * (the store's clock moves past it once, at the end).
 */
struct _PosJournalIntake
{
  PosStore *store;
  GHashTable *heads; /* till id → ChainHead */
  GHashTable *keys;  /* till id → GPtrArray of GBytes */
  PosHlc latest;
  char *latest_text; /* NULL until an event was taken */
};

typedef struct
{
  gint64 seq;
  char *hash;
} ChainHead;

static void
chain_head_free (ChainHead *head)
{
  g_free (head->hash);
  g_free (head);
}

PosJournalIntake *
pos_journal_intake_new (PosStore *store)
{
  PosJournalIntake *intake = g_new0 (PosJournalIntake, 1);

  g_return_val_if_fail (store != NULL, NULL);

  intake->store = store;
  intake->heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)chain_head_free);
  intake->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  return intake;
}

void
pos_journal_intake_free (PosJournalIntake *intake)
{
  if (intake == NULL)
    return;
  g_hash_table_unref (intake->heads);
  g_hash_table_unref (intake->keys);
  g_free (intake->latest_text);
  g_free (intake);
}

/* @till_id's chain head: the last event this intake took of it, else
 * the store's (re-hashed, as before any append). */
static const ChainHead *
intake_head (PosJournalIntake *intake, const char *till_id, GError **error)
{
  ChainHead *head = g_hash_table_lookup (intake->heads, till_id);

  if (head != NULL)
    return head;
  head = g_new0 (ChainHead, 1);
  if (!chain_head (intake->store, till_id, &head->seq, &head->hash, error))
    return chain_head_free (head), NULL;
  g_hash_table_insert (intake->heads, g_strdup (till_id), head);
  return head;
}

/* The public keys this store holds for @till_id (transfer none). */
static GPtrArray *
intake_keys (PosJournalIntake *intake, const char *till_id, GError **error)
{
  GPtrArray *keys = g_hash_table_lookup (intake->keys, till_id);

  if (keys == NULL && (keys = keys_of_till (intake->store, till_id, error)) != NULL)
    g_hash_table_insert (intake->keys, g_strdup (till_id), keys);
  return keys;
}

/* Whether @event's signature verifies with @key: known without checking
 * again when the caller verified it with this very key (@verified). */
static gboolean
verifies_with (const PosJournalEvent *event, const guint8 *key, const guint8 *verified)
{
  if (verified != NULL && memcmp (key, verified, POS_TILL_KEY_PUBLIC_BYTES) == 0)
    return TRUE;
  return pos_till_key_check (key, event->hash, event->signature);
}

static gboolean
signed_by_one_of (const PosJournalEvent *event, GPtrArray *keys, GBytes *announced, const guint8 *verified)
{
  /* The caller's key first: an event signed with a till's earlier key is
   * then not checked against its later ones. */
  if ((verified != NULL && pos_till_key_among (keys, verified))
      || pos_till_key_signer (keys, event->hash, event->signature) >= 0)
    return TRUE;
  return announced != NULL && verifies_with (event, g_bytes_get_data (announced, NULL), verified);
}

/*
 * A pulled event keeps its origin's signature. Once the store knows a key
 * of the event's till, the event must be signed by one of that till's
 * keys; a `till.key` event is signed by the key it announces. Events of a
 * till whose key has not arrived yet are taken and checked by verify.
 */
static gboolean
check_remote_signature (PosJournalIntake *intake, const PosJournalEvent *event, GBytes *announced,
                        const guint8 *verified, GError **error)
{
  GPtrArray *keys = intake_keys (intake, event->till_id, error);

  if (keys == NULL)
    return FALSE;
  if ((keys->len == 0 && announced == NULL) || signed_by_one_of (event, keys, announced, verified))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("Event %s of till %s #%lld %s"), event->event_id,
               event->till_id, (long long)event->till_seq,
               event->signature ? "does not carry a valid signature of its till" : "is not signed");
  return FALSE;
}

/* A `till.key` event must announce a valid key (@announced). */
static gboolean
check_announced_key (const PosJournalEvent *event, GBytes *announced, GError **error)
{
  if (announced != NULL || g_strcmp0 (event->type, "till.key") != 0)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Event %s announces no valid key"), event->event_id);
  return FALSE;
}

/* Whether the store holds @event already: 1 with the same hash, 0 not at
 * all, -1 with other content (an error) or on a failure. */
static int
held_already (PosStore *store, const PosJournalEvent *event, GError **error)
{
  static const char sql[] = "SELECT hash FROM journal WHERE event_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, event->event_id, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) != SQLITE_ROW)
    return rc == SQLITE_DONE ? 0 : -1;
  if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), event->hash) == 0)
    return 1;
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("Event %s arrived again with different content"),
               event->event_id);
  return -1;
}

/* Whether @event is the next link of its till's chain as this intake
 * holds it (number and previous hash only); FALSE with @error set when
 * the head cannot be read. */
static gboolean
extends_head (PosJournalIntake *intake, const PosJournalEvent *event, GError **error)
{
  const ChainHead *head = intake_head (intake, event->till_id, error);

  return head != NULL && follows (event, head->seq) && g_strcmp0 (event->prev_hash, head->hash) == 0;
}

/* Whether @event extends its till's chain exactly: its hash matches its
 * content, it follows the head, and it is signed as its till signs. */
static gboolean
check_extends (PosJournalIntake *intake, const PosJournalEvent *event, GBytes *announced,
               const guint8 *verified, GError **error)
{
  g_autofree char *expected = pos_journal_event_hash (event);
  const ChainHead *head;

  if (g_strcmp0 (expected, event->hash) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                   _ ("Event %s of till %s #%lld does not match its hash"), event->event_id, event->till_id,
                   (long long)event->till_seq);
      return FALSE;
    }
  if ((head = intake_head (intake, event->till_id, error)) == NULL)
    return FALSE;
  if (!follows (event, head->seq) || g_strcmp0 (event->prev_hash, head->hash) != 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                   _ ("Event %s of till %s #%lld does not follow #%lld held here"), event->event_id,
                   event->till_id, (long long)event->till_seq, (long long)head->seq);
      return FALSE;
    }
  return check_remote_signature (intake, event, announced, verified, error);
}

/* After @event went in: its till's head, and its key when it announced one. */
static gboolean
intake_note (PosJournalIntake *intake, const PosJournalEvent *event, GBytes *announced, GError **error)
{
  ChainHead *head = g_new0 (ChainHead, 1);

  head->seq = event->till_seq;
  head->hash = g_strdup (event->hash);
  g_hash_table_insert (intake->heads, g_strdup (event->till_id), head);
  if (announced == NULL)
    return TRUE;
  g_hash_table_remove (intake->keys, event->till_id); /* read again with the new one */
  return pos_till_key_register (intake->store, event->till_id, g_bytes_get_data (announced, NULL), NULL,
                                error);
}

/*
 * Stores an event pulled from the hub. It must extend its till's chain
 * exactly: the next till_seq with the head's hash as prev_hash, and a hash
 * that matches its content. An event already held (same event_id and hash)
 * is skipped with *inserted = FALSE; the same id with other content is an
 * error, never a silent overwrite. Nothing is written for an event that is
 * refused. Call pos_journal_intake_finish() before the transaction commits.
 */
gboolean
pos_journal_intake_add (PosJournalIntake *intake, const PosJournalEvent *event, gboolean *inserted,
                        GError **error)
{
  return pos_journal_intake_add_verified (intake, event, NULL, inserted, error);
}

/* pos_journal_intake_add() for an event whose signature the caller has
 * verified with @verified_key (NULL: none), or proves with it before the
 * transaction commits (a later signature of its till, pos-pull-proof.h):
 * when that key is one the store holds for the event's till, the
 * signature is not checked here. Every other check is made as always. */
gboolean
pos_journal_intake_add_verified (PosJournalIntake *intake, const PosJournalEvent *event,
                                 const guint8 *verified_key, gboolean *inserted, GError **error)
{
  g_autoptr (GBytes) announced = NULL;
  g_autoptr (GError) local = NULL;
  PosJournalEvent row;
  PosHlc hlc;
  int held;

  g_return_val_if_fail (intake != NULL && event != NULL && inserted != NULL, FALSE);
  g_return_val_if_fail (pos_store_in_transaction (intake->store), FALSE);
  *inserted = FALSE;

  /* An event that extends its till's chain here cannot be held already
   * (the chain would be past it): only one that does not is looked up. */
  if (!extends_head (intake, event, &local))
    {
      if (local != NULL)
        return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
      if ((held = held_already (intake->store, event, error)) != 0)
        return held > 0;
    }
  announced = pos_journal_announced_key (event);
  if (!check_extends (intake, event, announced, verified_key, error)
      || !pos_hlc_check (event->hlc, &hlc, error) || !check_announced_key (event, announced, error))
    return FALSE;
  row = *event; /* the journal's row id is set on it */
  if (!insert_event (intake->store, &row, TRUE, &local))
    {
      /* Its id taken by an event of another till: the same answer as an
       * event that arrives again with other content. */
      if (held_already (intake->store, event, error) >= 0)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!intake_note (intake, event, announced, error))
    return FALSE;
  if (intake->latest_text == NULL || pos_hlc_compare (hlc, intake->latest) > 0)
    {
      intake->latest = hlc;
      g_free (intake->latest_text);
      intake->latest_text = g_strdup (event->hlc);
    }
  *inserted = TRUE;
  return TRUE;
}

/* Moves the store's clock past the latest event taken: once for all of
 * them, which leaves it past each. */
gboolean
pos_journal_intake_finish (PosJournalIntake *intake, GError **error)
{
  g_autofree char *latest = NULL;

  g_return_val_if_fail (intake != NULL, FALSE);

  latest = g_steal_pointer (&intake->latest_text);
  return latest == NULL || pos_hlc_observe (intake->store, latest, error);
}

/* One event through an intake of its own. */
gboolean
pos_journal_insert_remote (PosStore *store, const PosJournalEvent *event, gboolean *inserted, GError **error)
{
  g_autoptr (PosJournalIntake) intake = NULL;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  intake = pos_journal_intake_new (store);
  return pos_journal_intake_add (intake, event, inserted, error) && pos_journal_intake_finish (intake, error);
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
  if (sqlite3_column_type (stmt, 9) == SQLITE_BLOB)
    event->signature = g_bytes_new (sqlite3_column_blob (stmt, 9), sqlite3_column_bytes (stmt, 9));
  return event;
}

/* Reads events in local order after row @after_id; the sync outbox reads
 * with @unpushed_only. Returns a GPtrArray of PosJournalEvent.
 * The outbox's query walks journal_outbox and looks each event up: its
 * cost follows what is unpushed, not the millions of events pushed before. */
GPtrArray *
pos_journal_read (PosStore *store, gint64 after_id, gboolean unpushed_only, guint limit, GError **error)
{
  static const char all_sql[] = "SELECT " EVENT_COLUMNS " FROM journal WHERE id > ?1 ORDER BY id LIMIT ?2";
  static const char unpushed_sql[]
      = "SELECT " EVENT_COLUMNS " FROM journal_outbox CROSS JOIN journal USING (id) "
        "WHERE id > ?1 ORDER BY id LIMIT ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, unpushed_only ? unpushed_sql : all_sql, error);
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_journal_event_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : G_MAXINT64);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&events);
}

gint64
pos_journal_count_unpushed (PosStore *store)
{
  static const char sql[] = "SELECT count(*) FROM journal_outbox";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
chain_error (GError **error, const PosJournalEvent *event, const char *what)
{
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
               _ ("Journal broken at till %s #%lld (event %s, row %lld): %s"), event->till_id,
               (long long)event->till_seq, event->event_id, (long long)event->id, what);
  return FALSE;
}

typedef struct
{
  char *till;
  char *prev_hash;
  gint64 prev_seq;
  gboolean seen_signed; /* a till that signed once signs every later event */
  guint last_key;       /* the key that checked the last signature */
  /* Events since the last signature that verified whose own does not: a
   * later one proves them (each hash covers the one before it). */
  PosJournalEvent *unproven; /* the first of them */
  gint64 n_unproven;
} ChainWalk;

/* The till's events whose signature does not verify need a later one that
 * does: at the end of its chain, the first of any left is the break. */
static gboolean
walk_end_till (ChainWalk *w, GError **error)
{
  g_autoptr (PosJournalEvent) first = g_steal_pointer (&w->unproven);

  w->n_unproven = 0;
  if (first == NULL)
    return TRUE;
  return chain_error (error, first,
                      "its signature does not match any key of its till, and no later signature of its "
                      "till proves it");
}

static void
walk_next_till (ChainWalk *w, const char *till)
{
  g_free (w->till);
  w->till = g_strdup (till);
  g_free (w->prev_hash);
  w->prev_hash = g_strdup (POS_JOURNAL_GENESIS_HASH);
  w->prev_seq = 0;
  w->seen_signed = FALSE;
  w->last_key = 0;
}

/* Whether @event's signature verifies with one of its till's keys (@own),
 * the one that checked the last signature tried first. */
static gboolean
verifies_with_own (ChainWalk *w, GPtrArray *own, const PosJournalEvent *event)
{
  int signer;

  if (w->last_key < own->len
      && pos_till_key_check (g_bytes_get_data (own->pdata[w->last_key], NULL), event->hash, event->signature))
    return TRUE;
  if ((signer = pos_till_key_signer (own, event->hash, event->signature)) < 0)
    return FALSE;
  w->last_key = (guint)signer;
  return TRUE;
}

static gboolean
check_signature (ChainWalk *w, GHashTable *keys, const PosJournalEvent *event, PosJournalCheck *check,
                 GError **error)
{
  GPtrArray *own = g_hash_table_lookup (keys, event->till_id);

  if (event->signature == NULL)
    {
      if (w->seen_signed)
        return chain_error (error, event, "is not signed, though its till signed the events before it");
      check->unsigned_++;
      return TRUE;
    }
  if (own == NULL)
    return chain_error (error, event, "is signed, but the store holds no key of its till");
  w->seen_signed = TRUE;
  check->signed_++;
  if (!verifies_with_own (w, own, event))
    {
      if (w->unproven == NULL)
        w->unproven = pos_journal_event_copy (event);
      w->n_unproven++;
      return TRUE;
    }
  check->proven_later += w->n_unproven;
  w->n_unproven = 0;
  g_clear_pointer (&w->unproven, pos_journal_event_free);
  return TRUE;
}

static gboolean
check_link (ChainWalk *w, const PosJournalEvent *event, GError **error)
{
  g_autofree char *hash = NULL;

  if (g_strcmp0 (w->till, event->till_id) != 0)
    {
      if (!walk_end_till (w, error))
        return FALSE;
      walk_next_till (w, event->till_id);
    }
  if (!follows (event, w->prev_seq))
    return chain_error (error, event, "sequence has a gap");
  if (g_strcmp0 (event->prev_hash, w->prev_hash) != 0)
    return chain_error (error, event, "does not link to the event before it");
  hash = pos_journal_event_hash (event);
  if (g_strcmp0 (hash, event->hash) != 0)
    return chain_error (error, event, "content does not match its hash");
  g_free (w->prev_hash);
  w->prev_hash = g_strdup (event->hash);
  w->prev_seq = event->till_seq;
  return TRUE;
}

/* Walks every chain; with @keys, checks every signature too. */
static gboolean
walk_chains (PosStore *store, GHashTable *keys, PosJournalCheck *check, GError **error)
{
  static const char sql[] = "SELECT " EVENT_COLUMNS " FROM journal ORDER BY till_id, till_seq";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  ChainWalk w = { 0 };
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosJournalEvent) event = event_from_row (stmt);

      ok = check_link (&w, event, error) && (keys == NULL || check_signature (&w, keys, event, check, error));
      check->events += ok;
    }
  ok = ok && rc == SQLITE_DONE && walk_end_till (&w, error);
  g_clear_pointer (&w.unproven, pos_journal_event_free);
  g_free (w.till);
  g_free (w.prev_hash);
  return ok;
}

/*
 * Walks every till's chain in till_seq order and checks that seqs are
 * gapless from 1, each prev_hash is the previous hash, each hash matches
 * its event and each signature matches a public key of its till. Events
 * from before the till had a key are counted as unsigned; an unsigned
 * event after a signed one of the same till is a forgery. A signature
 * that does not verify (changed after it was made: a pull proves a till's
 * events by its newest signature, pos-pull-proof.h) is a break only when
 * no later signature of its till proves the event; otherwise it is
 * counted. Fails naming the first record that does not hold.
 */
gboolean
pos_journal_verify_signed (PosStore *store, PosJournalCheck *check, GError **error)
{
  g_autoptr (GHashTable) keys = NULL;
  PosJournalCheck local = { 0 };

  g_return_val_if_fail (store != NULL, FALSE);

  keys = pos_till_key_load_public (store, error);
  if (keys == NULL || !walk_chains (store, keys, &local, error))
    return FALSE;
  if (check != NULL)
    *check = local;
  return TRUE;
}

gboolean
pos_journal_verify (PosStore *store, gint64 *n_events, GError **error)
{
  PosJournalCheck check = { 0 };

  if (!pos_journal_verify_signed (store, &check, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = check.events;
  return TRUE;
}

/* The hashes and links of every chain, without the signatures: the check
 * a till runs in the background when it opens its store. A broken chain
 * is reported as damage to restore from a backup. */
gboolean
pos_journal_check_chain (PosStore *store, GError **error)
{
  PosJournalCheck check = { 0 };
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (walk_chains (store, NULL, &check, &local))
    return TRUE;
  if (!g_error_matches (local, POS_ERROR, POS_ERROR_CHAIN_BROKEN))
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
               _ ("The journal is damaged: restore the latest backup (%s)"), local->message);
  return FALSE;
}

char *
pos_journal_signature_hex (const PosJournalEvent *event)
{
  gsize len = 0;
  const guint8 *sig;
  char *hex;

  if (event->signature == NULL)
    return NULL;
  sig = g_bytes_get_data (event->signature, &len);
  hex = g_malloc (2 * len + 1);
  sodium_bin2hex (hex, 2 * len + 1, sig, len);
  return hex;
}

GBytes *
pos_journal_signature_from_hex (const char *hex)
{
  guint8 sig[POS_TILL_KEY_SIGNATURE_BYTES];
  size_t len = 0;

  if (hex == NULL || *hex == '\0'
      || sodium_hex2bin (sig, sizeof sig, hex, strlen (hex), NULL, &len, NULL) != 0 || len != sizeof sig)
    return NULL;
  return g_bytes_new (sig, len);
}
