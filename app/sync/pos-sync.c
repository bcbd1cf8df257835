/* pos-sync.c — push and pull between a till and the hub (see pos-sync.h). */
#include "pos-sync.h"

#include <glib/gi18n-lib.h>

#include <sodium.h>
#include <string.h>

#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-pepper.h"
#include "pos-sha256.h"
#include "pos-picture-sync.h"
#include "pos-pull-proof.h"
#include "pos-sync-apply.h"
#include "pos-sync-batch.h"
#include "pos-till-key.h"
#include "pos-store-private.h"

#define PULL_PAGE 500
#define CURSOR_KEY "hub_cursor"
#define CURSOR_TX_KEY "hub_cursor_tx"
#define HUB_ID_KEY "hub_id"
#define LAST_SYNC_KEY "last_sync"
#define VERIFIED_KEY "hub_verified_seq"
#define ROLLING_KEY "hub_rolling_seq"
#define ROLLING_SPAN 200

/* Sets one key in a transaction of its own. */
static gboolean
state_save (PosStore *store, const char *key, const char *value, GError **error)
{
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!pos_store_set_sync_state (store, key, value, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

gint64
pos_sync_cursor (PosStore *store)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (store != NULL, 0);

  text = pos_store_dup_sync_state (store, CURSOR_KEY);
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* The hash of the payload the hub holds, as body_hash () makes it: its
 * body_hash column is what the till sent, and could be left standing
 * beside a payload changed on the hub. */
#define HUB_PAYLOAD_HASH "encode (sha256 (convert_to (payload, 'UTF8')), 'hex')"

static char *
body_hash (const char *payload)
{
  return pos_sha256_hex (payload);
}

static gboolean
hub_command (PGconn *conn, const char *sql, int n, const char *const *params, const char *what,
             GError **error)
{
  g_autoptr (PGresult) result = PQexecParams (conn, sql, n, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK)
    return TRUE;
  return pos_hub_set_error (conn, result, what, error);
}

static void
hub_rollback (PGconn *conn)
{
  if (PQstatus (conn) == CONNECTION_OK)
    PQclear (PQexec (conn, "ROLLBACK"));
}

/* Push ------------------------------------------------------------------------- */

/* The hub's copy of one pushed event must be ours, bit for bit. */
static gboolean
check_copy (const PosJournalEvent *e, PGresult *rows, int row, GError **error)
{
  g_autofree char *hash = body_hash (e->payload);

  if (g_str_equal (PQgetvalue (rows, row, 1), e->till_id)
      && g_ascii_strtoll (PQgetvalue (rows, row, 2), NULL, 10) == e->till_seq
      && g_str_equal (PQgetvalue (rows, row, 3), e->hash) && g_str_equal (PQgetvalue (rows, row, 4), hash))
    return TRUE;
  g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM,
               _ ("ALARM: event %s (till %s #%lld) is on the hub with different content (hub: till "
                  "%s #%s, hash %.12s…): nothing more is pushed until this is investigated"),
               e->event_id, e->till_id, (long long)e->till_seq, PQgetvalue (rows, row, 1),
               PQgetvalue (rows, row, 2), PQgetvalue (rows, row, 3));
  return FALSE;
}

static gboolean
forked_error (PGresult *rows, int row, GError **error)
{
  g_set_error (
      error, POS_SYNC_ERROR, POS_SYNC_ERROR_FORKED,
      _ ("Till %s #%s is already on the hub as another event (%s): this store was restored from an "
         "old backup and has recorded new events since. Nothing more is pushed. Keep this store file, "
         "set the till up again under a new till id and sync that"),
      PQgetvalue (rows, row, 1), PQgetvalue (rows, row, 2), PQgetvalue (rows, row, 0));
  return FALSE;
}

/* Reads back every pushed event by id, and any other event holding one of
 * their sequence numbers. */
static gboolean
verify_batch (PGconn *conn, GPtrArray *events, const char *const *params, GError **error)
{
  static const char sql[]
      = "SELECT event_id::text, till_id, till_seq, hash, " HUB_PAYLOAD_HASH ", event_id = ANY ($1::uuid[]) "
        "FROM event WHERE event_id = ANY ($1::uuid[]) OR (till_id = ANY ($2::text[]) AND till_seq = ANY "
        "($3::bigint[]))";
  g_autoptr (PGresult) rows = PQexecParams (conn, sql, 3, NULL, params, NULL, NULL, 0);
  g_autoptr (GHashTable) mine = g_hash_table_new (g_str_hash, g_str_equal);
  guint found = 0;

  if (PQresultStatus (rows) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, rows, "Cannot read back the pushed events", error);
  for (guint i = 0; i < events->len; i++)
    {
      const PosJournalEvent *e = g_ptr_array_index (events, i);
      g_hash_table_insert (mine, e->event_id, (gpointer)e);
    }
  for (int row = 0; row < PQntuples (rows); row++)
    {
      const PosJournalEvent *e = g_hash_table_lookup (mine, PQgetvalue (rows, row, 0));

      if (e == NULL)
        return forked_error (rows, row, error);
      if (!check_copy (e, rows, row, error))
        return FALSE;
      found++;
    }
  if (found != events->len)
    return g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB, _ ("The hub lost %u pushed events"),
                        events->len - found),
           FALSE;
  return TRUE;
}

#define INSERT_BATCH_SQL "INSERT INTO event (" POS_SYNC_BATCH_NAMES ") SELECT * FROM " POS_SYNC_BATCH_UNNEST

/*
 * A batch some of whose events the hub holds already (a push whose answer
 * was lost, an event taken): the others go in, and the hub's copies of the
 * held ones are read back and compared, in one transaction.
 */
static gboolean
push_held_batch (PGconn *conn, GPtrArray *events, const char *const *params, GError **error)
{
  static const char sql[] = INSERT_BATCH_SQL " ON CONFLICT DO NOTHING";
  g_autoptr (PGresult) result = NULL;
  gboolean ok;

  if (!hub_command (conn, "BEGIN", 0, NULL, "Cannot push to the hub", error))
    return FALSE;
  result = PQexecParams (conn, sql, POS_SYNC_BATCH_COLUMNS, NULL, params, NULL, NULL, 0);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK
           ? g_ascii_strtoull (PQcmdTuples (result), NULL, 10) == events->len
                 || verify_batch (conn, events, params, error)
           : pos_hub_set_error (conn, result, "The hub refused the pushed events", error);
  if (ok && hub_command (conn, "COMMIT", 0, NULL, "The hub did not confirm the push", error))
    return TRUE;
  hub_rollback (conn);
  return FALSE;
}

/*
 * Sends @batch as one INSERT, so one transaction: every row of it goes in,
 * each the till's own as sent and checked by the hub, or none does. Its
 * answer is batch_pushed ()'s to wait for.
 */
static gboolean
send_batch (PGconn *conn, const PosSyncBatch *batch, GError **error)
{
  if (PQsendQueryParams (conn, INSERT_BATCH_SQL, POS_SYNC_BATCH_COLUMNS, NULL, batch->params, NULL, NULL, 0))
    return TRUE;
  return pos_hub_set_error (conn, NULL, "Cannot push to the hub", error);
}

/*
 * Waits for the hub's answer to send_batch (). Only when the batch met an
 * event the hub holds is it sent again with ON CONFLICT DO NOTHING: that
 * careful insert costs every row of every push (a tenth of a push) to
 * serve a rare case.
 */
static gboolean
batch_pushed (PGconn *conn, const PosSyncBatch *batch, GPtrArray *events, GError **error)
{
  g_autoptr (PGresult) result = PQgetResult (conn);
  PGresult *more;

  while ((more = PQgetResult (conn)) != NULL)
    PQclear (more);
  if (PQresultStatus (result) == PGRES_COMMAND_OK)
    return TRUE;
  if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "23505") == 0) /* unique_violation */
    return push_held_batch (conn, events, batch->params, error);
  return pos_hub_set_error (conn, result, "The hub refused the pushed events", error);
}

/* After the hub committed: the outbox's ids first..last are all the batch
 * (it is read in id order, and new events only get larger ids). */
static gboolean
mark_pushed (PosStore *store, gint64 first, gint64 last, GError **error)
{
  static const char sql[] = "DELETE FROM journal_outbox WHERE id BETWEEN ?1 AND ?2";
  g_autoptr (PosStmt) stmt = NULL;

  if (!pos_store_begin (store, error))
    return FALSE;
  stmt = pos_store_prepare (store, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, first);
      sqlite3_bind_int64 (stmt, 2, last);
    }
  if (stmt == NULL || !pos_store_step_done (store, stmt, error))
    {
      g_clear_pointer (&stmt, pos_stmt_release);
      pos_store_rollback (store);
      return FALSE;
    }
  g_clear_pointer (&stmt, pos_stmt_release);
  return pos_store_commit (store, error);
}

/* This till's newest event in the store. */
static gint64
local_head (PosStore *store, const char *till_id)
{
  static const char sql[] = "SELECT coalesce (max (till_seq), 0) FROM journal WHERE till_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* A hub ahead of the store on this till's own chain means the store came
 * back from an older backup: it must take those events back before it
 * records anything under numbers the hub already holds. */
static gboolean
check_not_behind (PosStore *store, PGconn *conn, const PosSyncOptions *options, GError **error)
{
  static const char sql[] = "SELECT coalesce (max (till_seq), 0) FROM event WHERE till_id = $1";
  g_autofree char *till_id = pos_journal_till_id (store);
  const char *params[] = { till_id };
  g_autoptr (PGresult) result = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
  gint64 hub, here;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, result, "Cannot read this till's chain on the hub", error);
  hub = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  here = local_head (store, till_id);
  if (hub <= here || options->adopt_hub_chain)
    return TRUE;
  g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_BEHIND,
               _ ("The hub holds events #%lld–#%lld of till %s that this store lacks: it was "
                  "restored from an older backup. Before selling, sync with --adopt-hub-chain to "
                  "take them back"),
               (long long)here + 1, (long long)hub, till_id);
  return FALSE;
}

/* The next @size unpushed events after @after_id, made @batch. */
static GPtrArray *
read_batch (PosStore *store, GHashTable *keys, gint64 after_id, guint size, PosSyncBatch *batch,
            GError **error)
{
  GPtrArray *events = pos_journal_read (store, after_id, TRUE, size, error);

  if (events != NULL && events->len > 0)
    pos_sync_batch_set (batch, keys, events, 0, events->len);
  return events;
}

/*
 * Every unpushed event, a batch at a time, each marked pushed once the hub
 * committed it. While the hub checks one batch, the next is read and
 * built, and the one before is marked: the till's work hides behind the
 * hub's. A mark that fails leaves the batch after it sent; the caller
 * drops the connection, and the next sync pushes both again, which the
 * hub, holding them, compares instead.
 */
static gboolean
push_batches (PosStore *store, PGconn *conn, GHashTable *keys, guint batch_size, PosSyncStats *stats,
              GError **error)
{
  g_auto (PosSyncBatch) one;
  g_auto (PosSyncBatch) other;
  PosSyncBatch *sending = &one, *reading = &other, *built;
  g_autoptr (GPtrArray) events = NULL;

  pos_sync_batch_init (&one);
  pos_sync_batch_init (&other);
  if ((events = read_batch (store, keys, 0, batch_size, sending, error)) == NULL)
    return FALSE;
  if (events->len > 0 && !send_batch (conn, sending, error))
    return FALSE;
  while (events->len > 0)
    {
      const PosJournalEvent *first = g_ptr_array_index (events, 0);
      const PosJournalEvent *last = g_ptr_array_index (events, events->len - 1);
      g_autoptr (GPtrArray) next = NULL;
      g_autoptr (GError) unread = NULL;

      next = events->len < batch_size ? g_ptr_array_new ()
                                      : read_batch (store, keys, last->id, batch_size, reading, &unread);
      if (!batch_pushed (conn, sending, events, error))
        return FALSE;
      if (next != NULL && next->len > 0 && !send_batch (conn, reading, error))
        return FALSE;
      if (!mark_pushed (store, first->id, last->id, error))
        return FALSE;
      if (stats != NULL)
        stats->pushed += events->len;
      if (next == NULL)
        return g_propagate_error (error, g_steal_pointer (&unread)), FALSE;
      g_ptr_array_unref (events);
      events = g_steal_pointer (&next);
      built = reading;
      reading = sending;
      sending = built;
    }
  return TRUE;
}

/*
 * The marks are committed with synchronous = NORMAL (back to FULL after),
 * as the pull's pages are: a mark is a hint the hub can give again, not a
 * record. A power cut may undo the last of them; the next sync pushes
 * those events again and the hub, holding them, compares them instead
 * (test_push_again_after_a_lost_answer_doubles_nothing); a sale committed
 * later flushes the marks with it. Each flush saved is one a sale waits
 * behind.
 */
gboolean
pos_sync_push (PosStore *store, PGconn *conn, const PosSyncOptions *options, PosSyncStats *stats,
               GError **error)
{
  PosSyncOptions defaults = { 0 };
  g_autoptr (GHashTable) keys = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL && conn != NULL, FALSE);

  options = options ? options : &defaults;
  if (!check_not_behind (store, conn, options, error))
    return FALSE;
  keys = pos_till_key_load_public (store, error);
  if (keys == NULL || !pos_store_exec (store, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  ok = push_batches (store, conn, keys, options->batch_size ? options->batch_size : POS_SYNC_PUSH_BATCH,
                     stats, error);
  if (!pos_store_exec (store, "PRAGMA synchronous = FULL", ok ? error : NULL))
    return FALSE;
  return ok;
}

/* Read-back of this till's own events ------------------------------------------- */

/* One till_seq range (lo, hi] of this till's pushed events. */
typedef struct
{
  gint64 lo, hi;
} SeqRange;

static gint64
state_int (PosStore *store, const char *key)
{
  g_autofree char *text = pos_store_dup_sync_state (store, key);

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gint64
pushed_head (PosStore *store, const char *till_id)
{
  /* Its newest event on the hub: read from the newest back, to the first not waiting. */
  static const char sql[] = "SELECT coalesce ((SELECT till_seq FROM journal j WHERE till_id = ?1 "
                            "AND NOT EXISTS (SELECT 1 FROM journal_outbox o WHERE o.id = j.id) "
                            "ORDER BY till_seq DESC LIMIT 1), 0)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
copy_differs (GError **error, const char *event_id, const char *till_id, gint64 seq, const char *how)
{
  g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM,
               _ ("ALARM: the hub's copy of event %s (till %s #%lld) %s this till's journal: it "
                  "was changed on the hub. Nothing more is synced until this is investigated"),
               event_id, till_id, (long long)seq, how);
  return FALSE;
}

/* Compares the hub's copy of this till's events in @r with the journal's
 * (hash, payload and signature), in till_seq order, and names the first
 * that differs. A signature changed alone is named here: a till pulling
 * the event takes it on a later signature of this till (pos-pull-proof.h). */
static gboolean
compare_range (PosStore *store, PGconn *conn, const char *till_id, SeqRange r, GError **error)
{
  static const char hub_sql[] = "SELECT till_seq, hash, " HUB_PAYLOAD_HASH ", coalesce (signature, '') "
                                "FROM event WHERE till_id = $1 AND till_seq > $2 AND till_seq <= $3 "
                                "ORDER BY till_seq";
  static const char local_sql[] = "SELECT till_seq, event_id, hash, payload, lower (hex (signature)) "
                                  "FROM journal WHERE till_id = ?1 AND till_seq > ?2 AND till_seq <= ?3 "
                                  "ORDER BY till_seq";
  g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, r.lo);
  g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, r.hi);
  const char *params[] = { till_id, lo, hi };
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  int row = 0;

  if (r.hi <= r.lo)
    return TRUE;
  rows = PQexecParams (conn, hub_sql, 3, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (rows) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, rows, "Cannot read this till's events on the hub", error);
  if (!(stmt = pos_store_prepare (store, local_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, r.lo);
  sqlite3_bind_int64 (stmt, 3, r.hi);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *event_id = (const char *)sqlite3_column_text (stmt, 1);
      g_autofree char *hash = body_hash ((const char *)sqlite3_column_text (stmt, 3));

      if (row >= PQntuples (rows) || g_ascii_strtoll (PQgetvalue (rows, row, 0), NULL, 10) != seq)
        return copy_differs (error, event_id, till_id, seq, "is missing from");
      if (!g_str_equal (PQgetvalue (rows, row, 1), (const char *)sqlite3_column_text (stmt, 2))
          || !g_str_equal (PQgetvalue (rows, row, 2), hash)
          || !g_str_equal (PQgetvalue (rows, row, 3), (const char *)sqlite3_column_text (stmt, 4)))
        return copy_differs (error, event_id, till_id, seq, "differs from");
      row++;
    }
  return TRUE;
}

/*
 * A hub administrator could change an event and re-hash it and every later
 * one of its till: the chain would hold, only the till that wrote it can
 * tell. At each sync the till compares the events pushed since the last
 * comparison, and a rolling window of older ones, with its journal.
 */
static gboolean
compare_own_events (PosStore *store, PGconn *conn, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autofree char *verified_text = NULL, *rolling_text = NULL;
  gint64 head = pushed_head (store, till_id);
  gint64 verified = MIN (state_int (store, VERIFIED_KEY), head);
  gint64 rolling = state_int (store, ROLLING_KEY);
  SeqRange fresh = { verified, head };
  SeqRange older = { rolling, MIN (rolling + ROLLING_SPAN, verified) };

  if (!compare_range (store, conn, till_id, fresh, error)
      || !compare_range (store, conn, till_id, older, error))
    return FALSE;
  verified_text = g_strdup_printf ("%" G_GINT64_FORMAT, head);
  rolling_text = g_strdup_printf ("%" G_GINT64_FORMAT, older.hi >= verified ? 0 : older.hi);
  return state_save (store, VERIFIED_KEY, verified_text, error)
         && state_save (store, ROLLING_KEY, rolling_text, error);
}

/* Pull ------------------------------------------------------------------------- */

/* The columns of PULL_SQL, in its order. */
#define PULL_COLUMNS 13

/* One row of the pull as COPY sent it: its line, decoded in place, and
 * where each field starts in it (NULL for an SQL NULL). */
typedef struct
{
  char *line; /* from PQgetCopyData () */
  const char *field[PULL_COLUMNS];
} PulledRow;

static void
pulled_row_free (PulledRow *r)
{
  PQfreemem (r->line);
  g_free (r);
}

/* A page of pulled rows (GPtrArray of PulledRow). */
typedef GPtrArray Page;

static Page *
page_new (guint size)
{
  return g_ptr_array_new_full (size, (GDestroyNotify)pulled_row_free);
}

static const char *
page_value (Page *rows, int row, int column)
{
  const char *value = ((PulledRow *)g_ptr_array_index (rows, row))->field[column];

  return value ? value : "";
}

static gboolean
page_is_null (Page *rows, int row, int column)
{
  return ((PulledRow *)g_ptr_array_index (rows, row))->field[column] == NULL;
}

/* The byte a COPY text escape "\c…" stands for; *@p is past it after. */
static char
unescape (const char **p, const char *end)
{
  char c = *(*p)++;
  int value = 0, digits = 0;

  switch (c)
    {
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return '\v';
      case 'x':
        while (digits < 2 && *p < end && g_ascii_isxdigit (**p))
          value = value * 16 + g_ascii_xdigit_value (*(*p)++), digits++;
        return digits ? (char)value : 'x';
      default:
        if (c < '0' || c > '7')
          return c;
        value = c - '0';
        while (++digits < 3 && *p < end && **p >= '0' && **p <= '7')
          value = value * 8 + (*(*p)++ - '0');
        return (char)value;
    }
}

/*
 * Splits a COPY text line (@len bytes, "\n"-ended, NUL after it) into its
 * fields, undoing COPY's escapes in place: each field ends where its tab
 * was. NULL when the line does not hold PULL_COLUMNS fields.
 */
static PulledRow *
pulled_row_new (char *line, int len)
{
  g_autofree PulledRow *r = g_new0 (PulledRow, 1);
  const char *in = line, *end = line + len;
  guint n = 0;

  if (len > 0 && end[-1] == '\n')
    end--;
  for (;;)
    {
      char *out = (char *)in;
      gboolean last;

      if (n == PULL_COLUMNS)
        return NULL;
      if (end - in >= 2 && in[0] == '\\' && in[1] == 'N' && (end - in == 2 || in[2] == '\t'))
        in += 2; /* NULL: field[n] stays NULL */
      else
        {
          r->field[n] = out;
          while (in < end && *in != '\t')
            *out++ = *in == '\\' && in + 1 < end ? (in++, unescape (&in, end)) : *in++;
        }
      last = in >= end;
      *out = '\0';
      n++;
      if (last)
        break;
      in++; /* the tab */
    }
  if (n != PULL_COLUMNS)
    return NULL;
  r->line = line;
  return g_steal_pointer (&r);
}

static PosJournalEvent *
event_from_hub (Page *rows, int row)
{
  PosJournalEvent *e = g_new0 (PosJournalEvent, 1);

  e->event_id = g_strdup (page_value (rows, row, 1));
  e->till_id = g_strdup (page_value (rows, row, 2));
  e->till_seq = g_ascii_strtoll (page_value (rows, row, 3), NULL, 10);
  e->hlc = g_strdup (page_value (rows, row, 4));
  e->type = g_strdup (page_value (rows, row, 5));
  e->payload = g_strdup (page_value (rows, row, 6));
  e->prev_hash = g_strdup (page_value (rows, row, 7));
  e->hash = g_strdup (page_value (rows, row, 8));
  e->signature = pos_journal_signature_from_hex (page_value (rows, row, 9));
  return e;
}

/* Whether this store holds event @event_id: 1 yes, 0 no, -1 on error. */
static int
held_here (PosStore *store, const char *event_id, GError **error)
{
  static const char sql[] = "SELECT 1 FROM journal WHERE event_id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  return rc < 0 ? -1 : rc == SQLITE_ROW;
}

/* A refusal of the journal's checks, which writes nothing (pos-journal.h). */
static gboolean
is_refusal (const GError *error)
{
  return error->domain == POS_ERROR
         && (error->code == POS_ERROR_CHAIN_BROKEN || error->code == POS_ERROR_INVALID);
}

/* Stores and applies one pulled event; this till's own events only when
 * adopting them after a restore. *@refused says the journal refused it
 * and nothing of it was written. */
static gboolean
take_event (PosStore *store, PosJournalIntake *intake, const PosJournalEvent *e, const guint8 *verified_key,
            gboolean own, const PosSyncOptions *options, PosSyncStats *stats, gboolean *refused,
            GError **error)
{
  g_autoptr (GError) local = NULL;
  gboolean inserted = FALSE;
  int held = own ? held_here (store, e->event_id, error) : 0;

  if (held < 0)
    return FALSE;
  if (own && !held && !options->adopt_hub_chain)
    return g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_BEHIND,
                        _ ("The hub holds event #%lld of this till (%s) that this store lacks: it was "
                           "restored from an older backup. Sync with --adopt-hub-chain to take it back"),
                        (long long)e->till_seq, e->till_id),
           FALSE;
  if (!pos_journal_intake_add_verified (intake, e, verified_key, &inserted, &local))
    {
      *refused = is_refusal (local);
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM, _ ("ALARM: %s"), local->message);
      return FALSE;
    }
  if (!inserted)
    return TRUE; /* held already, with the same content */
  if (!pos_sync_apply_event (store, e, error))
    return FALSE;
  if (stats != NULL)
    own ? stats->adopted++ : stats->pulled++;
  return TRUE;
}

/* What one pull has found so far: tills whose events wait because one was
 * refused, and whether the saved cursor stays before that event. A pull
 * proves its events' signatures when it commits (pos-pull-proof.h) until
 * one fails: then it is undone and taken again checking each (@check_each)
 * to hold back the very event that fails. */
typedef struct
{
  GHashTable *held; /* till id → the refused event's id */
  gboolean frozen;
  PosJournalIntake *intake; /* of the open SQLite transaction, or NULL */
  gint64 begun;             /* when it began (monotonic µs) */
  PosPullProof *proof;      /* of the open transaction */
  gboolean check_each;
  gboolean proof_failed;
  PosSyncStats *stats;  /* the caller's, or NULL */
  PosSyncStats counted; /* what they were when the transaction began */
} PullState;

/* Whether @e is its till's first till.key event as this store sees it:
 * it announces @key, the key it is signed with, and the store holds no
 * key of the till (@mine) yet. */
static gboolean
announces_first_key (const PosJournalEvent *e, const guint8 *key, GPtrArray *mine)
{
  g_autoptr (GBytes) announced = NULL;

  if ((mine != NULL && mine->len > 0) || (announced = pos_journal_announced_key (e)) == NULL)
    return FALSE;
  return memcmp (g_bytes_get_data (announced, NULL), key, POS_TILL_KEY_PUBLIC_BYTES) == 0;
}

/* The key (hex) @e must verify with: the one it was pushed with, which the
 * hub holds for its till (column 12) or held when @e arrived, in which
 * case this store took it from the till's earlier till.key event. A
 * till's first till.key event, signed by the key it announces, is
 * trusted as the hub trusted it when it took it: a till that joins after
 * another changed its key (a lost key file, cleared on the hub) learns
 * that till's first key from it, as the tills that held it did. */
static gboolean
trusted_key (PosStore *store, Page *rows, int row, const PosJournalEvent *e, guint8 *key)
{
  const char *signer = page_value (rows, row, 11);
  const char *registered = page_value (rows, row, 12);
  const char *hex = *signer ? signer : registered;
  g_autoptr (GHashTable) known = NULL;
  GPtrArray *mine;
  size_t len = 0;

  if (sodium_hex2bin (key, POS_TILL_KEY_PUBLIC_BYTES, hex, strlen (hex), NULL, &len, NULL) != 0
      || len != POS_TILL_KEY_PUBLIC_BYTES)
    return FALSE;
  if (g_str_equal (hex, registered))
    return TRUE;
  known = pos_till_key_load_public (store, NULL);
  mine = known ? g_hash_table_lookup (known, e->till_id) : NULL;
  if (mine != NULL && pos_till_key_among (mine, key))
    return TRUE;
  return known != NULL && announces_first_key (e, key, mine);
}

/* Why pulled @e is not its till's own event, judged by its signature and
 * the till's key on the hub; NULL when it is. The hub cannot check Ed25519
 * itself: it checks that each event names the till's key, and every
 * pulling till checks the signature, at once when @now, else through the
 * pull's proof. *@verified says whether @key is the key the signature
 * verified with, or is proved with (the journal need not check it). */
static char *
signature_problem (PosStore *store, Page *rows, int row, const PosJournalEvent *e, gboolean now,
                   guint8 key[POS_TILL_KEY_PUBLIC_BYTES], gboolean *verified)
{
  *verified = FALSE;
  if (page_is_null (rows, row, 12))
    return NULL; /* its till has no key on the hub: an event older than keys */
  if (e->signature == NULL)
    return g_strdup_printf (_ ("it is not signed, though till %s has a key on the hub"), e->till_id);
  if (!trusted_key (store, rows, row, e, key))
    return g_strdup_printf (_ ("it names key %.16s…, which is not the key of till %s on the hub (%.16s…)"),
                            page_value (rows, row, 11), e->till_id, page_value (rows, row, 12));
  if (now && !pos_till_key_check (key, e->hash, e->signature))
    return g_strdup_printf (_ ("its signature does not verify with the key of till %s on the hub (%.16s…)"),
                            e->till_id, page_value (rows, row, 11));
  *verified = TRUE;
  return NULL;
}

/* Saves the cursor at row @row of @rows (before the page when -1). */
static gboolean
save_cursor (PosStore *store, Page *rows, int row, GError **error)
{
  if (row < 0)
    return TRUE;
  return pos_store_set_sync_state (store, CURSOR_KEY, page_value (rows, row, 0), error)
         && pos_store_set_sync_state (store, CURSOR_TX_KEY, page_value (rows, row, 10), error);
}

/* Refuses pulled @e: an alarm names it, and its till's later events wait
 * (they build on it) while other tills' events go on. The cursor stays
 * before it, so that each sync tries it again and the alarm stays in view
 * until the hub's copy is put right. */
static gboolean
hold_back (PosStore *store, Page *rows, int row, const PosJournalEvent *e, const char *problem,
           PullState *pull, GError **error)
{
  g_autofree char *subject = g_strdup_printf ("signature:%s", e->till_id);
  g_autofree char *message
      = g_strdup_printf (_ ("Event %s of till %s #%lld (%s) was refused: %s. Till %s's later events wait "
                            "until the hub's copy is put right"),
                         e->event_id, e->till_id, (long long)e->till_seq, e->type, problem, e->till_id);

  if (!pos_sync_alarm_refused (store, e, subject, message, error))
    return FALSE;
  g_hash_table_insert (pull->held, g_strdup (e->till_id), g_strdup (e->event_id));
  if (!pull->frozen && !save_cursor (store, rows, row - 1, error))
    return FALSE;
  pull->frozen = TRUE;
  return TRUE;
}

/* Takes row @row of @rows unless its till's events wait or it is refused. */
static gboolean
take_row (PosStore *store, PosJournalIntake *intake, Page *rows, int row, const char *till_id,
          const PosSyncOptions *options, PullState *pull, gboolean *refused, GError **error)
{
  g_autoptr (PosJournalEvent) e = event_from_hub (rows, row);
  gboolean own = g_str_equal (e->till_id, till_id);
  g_autofree char *problem = NULL;
  guint8 key[POS_TILL_KEY_PUBLIC_BYTES];
  gboolean verified = FALSE;
  /* A till.key event brings a key the events after it are checked with. */
  gboolean now = pull->check_each || g_strcmp0 (e->type, "till.key") == 0;

  if (!own && g_hash_table_contains (pull->held, e->till_id))
    return TRUE;
  if (!own && (problem = signature_problem (store, rows, row, e, now, key, &verified)) != NULL)
    return hold_back (store, rows, row, e, problem, pull, error);
  if (verified && !now && !pos_pull_proof_defer (pull->proof, e, key, error))
    return pull->proof_failed = TRUE, FALSE;
  return take_event (store, intake, e, verified ? key : NULL, own, options, pull->stats, refused, error);
}

/* Pages go into one SQLite transaction until it has been open this long:
 * a first pull of many events commits a few times a second instead of
 * after every page, and a sale that waits for the store meanwhile waits
 * no longer than this and one page. */
#define PULL_COMMIT_US (250 * 1000)

/* The page cache of a pull's connection while it pulls (KiB, as PRAGMA
 * cache_size takes it). The hub sends its tills' events interleaved, so
 * each page of them goes into the journal's indexes at as many places as
 * there are tills: a new till's first pull of a chain's million events
 * touches far more index pages than the till's usual cache holds, and
 * without them it reads them back from the log over and over. */
#define PULL_CACHE_KIB (128 * 1024)

/* Undoes the open transaction: nothing of it is kept, the cursor and the
 * events counted included. */
static void
abandon_pull (PosStore *store, PullState *pull)
{
  g_clear_pointer (&pull->intake, pos_journal_intake_free);
  pos_pull_proof_forget (pull->proof);
  if (pull->stats != NULL)
    *pull->stats = pull->counted;
  pos_store_rollback (store);
}

/* Ends the open transaction with what it took: its signatures proved, the
 * store's clock moved past it, then commit. */
static gboolean
commit_pull (PosStore *store, PullState *pull, GError **error)
{
  if (pull->intake == NULL)
    return TRUE;
  if (!pos_pull_proof_settle (pull->proof, error))
    {
      pull->proof_failed = TRUE;
      abandon_pull (store, pull);
      return FALSE;
    }
  if (!pos_journal_intake_finish (pull->intake, error))
    {
      abandon_pull (store, pull);
      return FALSE;
    }
  g_clear_pointer (&pull->intake, pos_journal_intake_free);
  return pos_store_commit (store, error);
}

/*
 * Applies one page of pulled rows and moves the cursor in the pull's
 * SQLite transaction (begun when none is open), the events through its
 * journal intake. An event the journal refuses (a broken chain or hash)
 * stops the pull: the events before it are kept and the cursor stays
 * before it, so it is refused again, with the same alarm, at each sync
 * until the hub's copy is put right. Any other failure keeps nothing of
 * the open transaction.
 */
static gboolean
apply_page (PosStore *store, Page *rows, const PosSyncOptions *options, PullState *pull, GError **error)
{
  g_autofree char *till_id = pos_journal_till_id (store);
  g_autoptr (GError) stop = NULL;
  gboolean refused = FALSE;
  int n = (int)rows->len, row = 0;

  if (pull->intake == NULL)
    {
      if (!pos_store_begin (store, error))
        return FALSE;
      pull->intake = pos_journal_intake_new (store);
      pull->begun = g_get_monotonic_time ();
      if (pull->stats != NULL)
        pull->counted = *pull->stats;
    }
  while (row < n && take_row (store, pull->intake, rows, row, till_id, options, pull, &refused, &stop))
    row++;
  if (row < n && !refused)
    {
      abandon_pull (store, pull);
      return g_propagate_error (error, g_steal_pointer (&stop)), FALSE;
    }
  if (!pull->frozen && !save_cursor (store, rows, row - 1, error))
    {
      abandon_pull (store, pull);
      return FALSE;
    }
  if (stop == NULL)
    return TRUE;
  if (!commit_pull (store, pull, error))
    return FALSE;
  return g_propagate_error (error, g_steal_pointer (&stop)), FALSE;
}

/* Ends a COPY the pull stops reading: the server is asked to cancel it
 * and what it sent meanwhile is read and dropped, so that the connection
 * can roll back. */
static void
stop_copy (PGconn *conn)
{
  PGcancel *cancel = PQgetCancel (conn);
  char message[256];
  char *line = NULL;
  PGresult *result;

  if (cancel != NULL)
    {
      PQcancel (cancel, message, sizeof message);
      PQfreeCancel (cancel);
    }
  while (PQgetCopyData (conn, &line, 0) > 0)
    PQfreemem (line);
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);
}

/* The end of the COPY (PQgetCopyData () gave @len < 0): whether it ended
 * well; the connection is free afterwards. */
static gboolean
copy_ended (PGconn *conn, int len, GError **error)
{
  g_autoptr (PGresult) result = len == -1 ? PQgetResult (conn) : NULL;
  gboolean ok = result != NULL && PQresultStatus (result) == PGRES_COMMAND_OK;
  PGresult *more;

  if (!ok)
    pos_hub_set_error (conn, result, "Cannot pull from the hub", error);
  while ((more = PQgetResult (conn)) != NULL)
    PQclear (more);
  return ok;
}

/*
 * Reads the pull's COPY a row at a time and applies the rows a page at a
 * time. The server sends rows as fast as it reads them, so it reads and
 * sends the next rows while the till stores these (the socket's buffers
 * hold it back when the till is slower).
 */
static gboolean
pull_pages (PosStore *store, PGconn *conn, const PosSyncOptions *options, PullState *pull, GError **error)
{
  guint batch_size = options->batch_size ? options->batch_size : PULL_PAGE;
  g_autoptr (GPtrArray) rows = page_new (batch_size);

  for (;;)
    {
      char *line = NULL;
      int len = PQgetCopyData (conn, &line, 0);
      PulledRow *r;

      if (len > 0 && (r = pulled_row_new (line, len)) == NULL)
        {
          PQfreemem (line);
          g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB, _ ("The hub sent a malformed event row"));
          commit_pull (store, pull, NULL);
          pull->proof_failed = FALSE; /* this error, not the proof's, is the answer */
          return stop_copy (conn), FALSE;
        }
      if (len > 0)
        {
          g_ptr_array_add (rows, r);
          if (rows->len < batch_size)
            continue;
        }
      else if (!copy_ended (conn, len, error))
        {
          /* The pages applied so far are whole: keep them. */
          commit_pull (store, pull, NULL);
          pull->proof_failed = FALSE;
          return FALSE;
        }
      if (rows->len > 0 && !apply_page (store, rows, options, pull, error))
        return len > 0 ? (stop_copy (conn), FALSE) : FALSE;
      g_ptr_array_set_size (rows, 0);
      if (len < 0)
        return commit_pull (store, pull, error);
      if (g_get_monotonic_time () - pull->begun >= PULL_COMMIT_US && !commit_pull (store, pull, error))
        return stop_copy (conn), FALSE;
    }
}

/* The transaction of the cursor's event. Stores that pulled before the
 * cursor had one look it up, once (a scan since hub schema 12): back then
 * pushes were serialised, so server_seq order was transaction order. */
static char *
cursor_tx (PosStore *store, PGconn *conn, gint64 cursor, GError **error)
{
  static const char sql[] = "SELECT received_tx::text FROM event WHERE server_seq = $1";
  g_autofree char *known = pos_store_dup_sync_state (store, CURSOR_TX_KEY);
  g_autofree char *seq = NULL;
  g_autoptr (PGresult) result = NULL;

  if (known != NULL || cursor == 0)
    return known ? g_steal_pointer (&known) : g_strdup ("0");
  seq = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  result = PQexecParams (conn, sql, 1, NULL, (const char *const[]){ seq }, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, result, "Cannot pull from the hub", error), NULL;
  return g_strdup (PQntuples (result) == 1 ? PQgetvalue (result, 0, 0) : "0");
}

/* This till's changes after the mark were made since this pull: a pulled
 * change of the same setting or tax rate is then a conflict (an alarm). */
static gboolean
mark_pulled (PosStore *store, GError **error)
{
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!pos_sync_apply_mark_pulled (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* The rows after the cursor, in (received_tx, server_seq) order, and only
 * from transactions older than every one still running: no row can later
 * commit before the cursor, however pushes of different tills
 * interleave. COPY takes no parameters: the cursor's two numbers are
 * written in, as numbers checked by pull_query (). */
#define PULL_SQL                                                                                             \
  "COPY (SELECT e.server_seq, e.event_id, e.till_id, e.till_seq, e.hlc, e.type, e.payload, "                 \
  "e.prev_hash, e.hash, e.signature, e.received_tx, e.public_key, t.public_key "                             \
  "FROM event e JOIN till t ON t.till_id = e.till_id "                                                       \
  "WHERE (e.received_tx, e.server_seq) > ('%" G_GUINT64_FORMAT "'::xid8, %" G_GINT64_FORMAT "::bigint) "     \
  "AND e.received_tx < pg_snapshot_xmin (pg_current_snapshot ()) "                                           \
  "ORDER BY e.received_tx, e.server_seq) TO STDOUT"

/* PULL_SQL after transaction @tx and event @cursor. */
static char *
pull_query (const char *tx, gint64 cursor, GError **error)
{
  guint64 xid = 0;

  if (!g_ascii_string_to_unsigned (tx, 10, 0, G_MAXUINT64, &xid, NULL))
    return g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                        _ ("The pull cursor names no valid hub transaction (%s)"), tx),
           NULL;
  return g_strdup_printf (PULL_SQL, xid, cursor);
}

/* Starts the COPY of @sql; the rows follow through PQgetCopyData (). */
static gboolean
start_copy (PGconn *conn, const char *sql, GError **error)
{
  g_autoptr (PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) == PGRES_COPY_OUT)
    return TRUE;
  return pos_hub_set_error (conn, result, "Cannot pull from the hub", error);
}

/*
 * Everything after the store's cursor in one read-only hub transaction,
 * each signature checked as it is taken when @check_each. *@proof_failed
 * says that it stopped because a signature that was to prove its till's
 * events did not (what it took since its last commit is undone).
 */
static gboolean
pull_after_cursor (PosStore *store, PGconn *conn, const PosSyncOptions *options, PosSyncStats *stats,
                   gboolean check_each, gboolean *proof_failed, GError **error)
{
  g_autoptr (GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (PosPullProof) proof = pos_pull_proof_new ();
  g_autofree char *tx = NULL, *sql = NULL;
  PullState pull = { .held = held, .proof = proof, .check_each = check_each, .stats = stats };

  tx = cursor_tx (store, conn, pos_sync_cursor (store), error);
  if (tx == NULL || (sql = pull_query (tx, pos_sync_cursor (store), error)) == NULL)
    return FALSE;
  if (!hub_command (conn, "BEGIN READ ONLY", 0, NULL, "Cannot pull from the hub", error))
    return FALSE;
  if (start_copy (conn, sql, error) && pull_pages (store, conn, options, &pull, error)
      && hub_command (conn, "COMMIT", 0, NULL, "Cannot pull from the hub", error))
    return TRUE;
  *proof_failed = pull.proof_failed;
  hub_rollback (conn);
  return FALSE;
}

/*
 * Everything after this till's cursor as one COPY: planned and sorted
 * once, sent as fast as the server reads it (a cursor's FETCH waits for
 * the till between pages and costs a round trip and a result set each),
 * and in COPY's plain text rows. When a signature that was to prove its
 * till's events fails, the pull goes on from its last commit checking
 * each, and holds back the very event that fails.
 */
gboolean
pos_sync_pull (PosStore *store, PGconn *conn, const PosSyncOptions *options, PosSyncStats *stats,
               GError **error)
{
  PosSyncOptions defaults = { 0 };
  g_autoptr (GError) first = NULL;
  gint64 cache_size = 0; /* the connection's own, while the pull's is set */
  gboolean proof_failed = FALSE, ok;

  g_return_val_if_fail (store != NULL && conn != NULL, FALSE);

  options = options ? options : &defaults;
  if (!pos_store_exec (store, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  ok = pos_store_set_cache_size (store, -PULL_CACHE_KIB, &cache_size, error);
  if (ok && !pull_after_cursor (store, conn, options, stats, FALSE, &proof_failed, &first))
    ok = proof_failed ? pull_after_cursor (store, conn, options, stats, TRUE, &proof_failed, error)
                      : (g_propagate_error (error, g_steal_pointer (&first)), FALSE);
  if (cache_size != 0 && !pos_store_set_cache_size (store, cache_size, NULL, ok ? error : NULL))
    ok = FALSE;
  if (!pos_store_exec (store, "PRAGMA synchronous = FULL", ok ? error : NULL))
    return FALSE;
  return ok && mark_pulled (store, error);
}

/* One sync --------------------------------------------------------------------- */

/* A store syncs with one hub: pointing a till at another shop's hub by
 * mistake must not mix two shops' books. */
static gboolean
check_hub (PosStore *store, PGconn *conn, GError **error)
{
  g_autoptr (PGresult) result = PQexec (conn, "SELECT value FROM hub_meta WHERE key = 'hub_id'");
  g_autofree char *known = NULL;
  const char *hub_id;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    {
      if (PQresultStatus (result) == PGRES_TUPLES_OK || PQstatus (conn) == CONNECTION_OK)
        return g_set_error (
                   error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                   _ ("This database is not a Mainstreet hub (run “mainstreet-admin hub init” first)")),
               FALSE;
      return pos_hub_set_error (conn, result, "Cannot read the hub", error);
    }
  hub_id = PQgetvalue (result, 0, 0);
  known = pos_store_dup_sync_state (store, HUB_ID_KEY);
  if (known == NULL)
    return state_save (store, HUB_ID_KEY, hub_id, error);
  if (g_str_equal (known, hub_id))
    return TRUE;
  g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
               _ ("This store syncs with hub %s, not with this one (%s): check the connection string"), known,
               hub_id);
  return FALSE;
}

/* The shop's PIN pepper (hex) as the hub holds it; NULL with @error unset
 * when it holds none yet. */
static char *
hub_pepper (PGconn *conn, GError **error)
{
  g_autoptr (PGresult) result = PQexec (conn, "SELECT value FROM shop_secret WHERE name = 'pin_pepper'");

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "42P01") == 0) /* no such table */
        g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                     _ ("The hub is older than this till: run “mainstreet-admin hub init” on it again"));
      else
        pos_hub_set_error (conn, result, "Cannot read the shop's PIN key from the hub", error);
      return NULL;
    }
  return PQntuples (result) == 1 ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
}

/* Offers this till's pepper (made now if it has none) as the shop's; the
 * first till to offer one wins, and it is never replaced. */
static gboolean
offer_pepper (PGconn *conn, GError **error)
{
  static const char sql[]
      = "INSERT INTO shop_secret (name, value) VALUES ('pin_pepper', $1) ON CONFLICT (name) DO NOTHING";
  guint8 own[POS_PEPPER_BYTES];
  char hex[2 * POS_PEPPER_BYTES + 1];
  const char *params[1] = { hex };
  g_autoptr (PGresult) result = NULL;

  if (!pos_pepper_get (own, error))
    return FALSE;
  sodium_bin2hex (hex, sizeof hex, own, sizeof own);
  sodium_memzero (own, sizeof own);
  result = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
  sodium_memzero (hex, sizeof hex);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return pos_hub_set_error (conn, result, "Cannot hand the shop's PIN key to the hub", error);
  return TRUE;
}

/*
 * Users travel between tills with their PIN hashes, which are keyed with
 * the shop's pepper (pos-pepper.h): every till must hold the same one. The
 * hub keeps it for the tills (never in a store, backup or event); a till
 * takes it before it pulls the users who need it. A till that already has
 * another one stops: its PINs and the shop's could not both work.
 */
static gboolean
share_pepper (PGconn *conn, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *hex = hub_pepper (conn, &local);
  guint8 shop[POS_PEPPER_BYTES];
  size_t length = 0;
  gboolean ok;

  if (hex == NULL && local == NULL && offer_pepper (conn, &local))
    hex = hub_pepper (conn, &local);
  if (hex == NULL && local == NULL)
    g_set_error (&local, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB, _ ("The hub did not keep the shop's PIN key"));
  if (hex == NULL)
    return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
  if (sodium_hex2bin (shop, sizeof shop, hex, strlen (hex), NULL, &length, NULL) != 0
      || length != sizeof shop)
    return g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                        _ ("The shop's PIN key on the hub is damaged")),
           FALSE;
  ok = pos_pepper_adopt (shop, &local);
  sodium_memzero (shop, sizeof shop);
  sodium_memzero (hex, strlen (hex));
  if (ok)
    return TRUE;
  if (g_error_matches (local, POS_ERROR, POS_ERROR_STATE))
    return g_set_error_literal (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM, local->message), FALSE;
  return g_propagate_error (error, g_steal_pointer (&local)), FALSE;
}

/* The owner's opt-out of checked TLS, for this run or for this store. */
static gboolean
insecure_allowed (PosStore *store, const PosSyncOptions *options)
{
  g_autofree char *setting = pos_store_dup_setting (store, "hub_allow_insecure");

  return (options != NULL && options->allow_insecure) || g_strcmp0 (setting, "1") == 0;
}

/* One sync over @conn. */
static gboolean
sync_over (PosStore *store, PGconn *conn, const PosSyncOptions *options, PosSyncStats *stats, GError **error)
{
  g_autofree char *now = NULL;

  if (!check_hub (store, conn, error) || !share_pepper (conn, error)
      || !pos_picture_sync_push (store, conn, stats, error)
      || !pos_sync_push (store, conn, options, stats, error) || !compare_own_events (store, conn, error)
      || !pos_sync_pull (store, conn, options, stats, error)
      || !pos_picture_sync_pull (store, conn, stats, error))
    return FALSE;
  if (stats != NULL)
    stats->unsynced = pos_journal_count_unpushed (store);
  now = pos_clock_iso_utc (g_get_real_time ());
  return state_save (store, LAST_SYNC_KEY, now, error);
}

/* A kept connection serves when it still answers (pos_hub_answers()): the
 * hub may have closed it meanwhile (a restart, an idle timeout), or the
 * network died under it. Any failure closes it, so that the next sync
 * starts in a clean session. */
gboolean
pos_sync_run_kept (PosStore *store, const char *conninfo, PGconn **kept, const PosSyncOptions *options,
                   PosSyncStats *stats, GError **error)
{
  g_return_val_if_fail (store != NULL && conninfo != NULL && kept != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*kept != NULL && !pos_hub_answers (*kept))
    g_clear_pointer (kept, PQfinish);
  if (!pos_hub_check_tls (conninfo, insecure_allowed (store, options), error)
      || (*kept == NULL && (*kept = pos_hub_connect (conninfo, error)) == NULL)
      || !sync_over (store, *kept, options, stats, error))
    {
      g_clear_pointer (kept, PQfinish);
      return FALSE;
    }
  return TRUE;
}

gboolean
pos_sync_run (PosStore *store, const char *conninfo, const PosSyncOptions *options, PosSyncStats *stats,
              GError **error)
{
  g_autoptr (PGconn) conn = NULL;

  return pos_sync_run_kept (store, conninfo, &conn, options, stats, error);
}
