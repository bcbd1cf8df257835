/* pos-hub-bench.c — the hub figures for a chain of tills (see pos-hub-bench.h). */
#include "pos-hub-bench.h"

#include <glib/gstdio.h>
#include <time.h>
#include <unistd.h>

#include "pos-bench-stats.h"
#include "pos-checkpointer.h"
#include "pos-journal.h"
#include "pos-sync.h"
#include "pos-store-private.h"

#define CHAIN_TILLS 50
#define LATENCY_EVENTS 1000
#define FIRST_PULL_BUDGET 3.0 /* figure 13's ratio, of each of its pulls */

static const char *const store_files[] = { "", "-wal", "-shm", "-journal" };

static void
remove_store (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (store_files); i++)
    {
      g_autofree char *file = g_strconcat (path, store_files[i], NULL);
      g_unlink (file);
    }
}

/* ---- figures ------------------------------------------------------------ */

/* The shared clock and samples of every figure (pos-bench-stats.h). */
#define now_ns pos_bench_now_ns
#define new_samples pos_bench_samples_new

/* Figure @id: the median of @value ÷ the median of @limit, within @budget;
 * @events is how many events one sample moved. */
static void
add_figure (JsonArray *figures, int id, const char *name, GArray *value, GArray *limit,
            const char *limit_name, double budget, gint64 events)
{
  PosBenchBudget judged = { .ratio = budget };
  JsonObject *o = pos_bench_add_figure (figures, id, name, value, limit, limit_name, &judged);

  json_object_set_int_member (o, "events", events);
}

/* ---- scratch schemas ------------------------------------------------------ */

static char *
scratch_name (void)
{
  return g_strdup_printf ("mainstreet_bench_%d_%u", getpid (), g_random_int ());
}

static void
drop_schema (PGconn *conn, const char *schema)
{
  g_autofree char *sql
      = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE; SET search_path = public", schema);

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    return;
  if (PQtransactionStatus (conn) != PQTRANS_IDLE)
    PQclear (PQexec (conn, "ROLLBACK"));
  PQclear (PQexec (conn, sql));
}

/* Till @till_id in the schema, under a role name of its own that no one
 * logs in as: the benchmark pushes as the hub's owner. */
static gboolean
add_bench_till (PGconn *conn, const char *till_id, GError **error)
{
  static const char sql[] = "INSERT INTO till (till_id, role_name) VALUES ($1, 'mainstreet_bench_' || $1)";
  const char *params[] = { till_id };
  g_autoptr (PGresult) result = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return pos_hub_set_error (conn, result, "Cannot add a benchmark till", error);
  return TRUE;
}

/*
 * Events made on the server: tills G<first>…G<first + tills - 1>, each
 * @per_till events of type "bench" in a valid chain (hashed as the till
 * hashes, pos-journal.c), one INSERT per @chunk tills. The hub's checks on
 * insert are switched off while they go in: they are the hub's own rows.
 * Event #seq of every till is made at the same millisecond (bench_ms),
 * which its clock and its id both carry: the id is a UUID version 7 of it,
 * as a till makes them, so a chain's ids grow with time, not with the till.
 */
static const char generate_functions_sql[]
    = "CREATE FUNCTION bench_till (t bigint) RETURNS text LANGUAGE sql IMMUTABLE AS\n"
      "  $$ SELECT 'G' || lpad (t::text, 5, '0') $$;\n"
      "CREATE FUNCTION bench_ms (seq bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS\n"
      "  $$ SELECT 1767225600000 + seq $$;\n"
      "CREATE FUNCTION bench_id (t bigint, seq bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS\n"
      "  $$ SELECT (lpad (to_hex (bench_ms (seq)), 12, '0') || '7000' || '8000'\n"
      "             || lpad (to_hex (t * 1000000000 + seq), 12, '0'))::uuid $$;\n"
      "CREATE FUNCTION bench_hlc (t bigint, seq bigint) RETURNS text LANGUAGE sql IMMUTABLE AS\n"
      "  $$ SELECT lpad (bench_ms (seq)::text, 18, '0') || ':00000:' || bench_till (t) $$;\n"
      "CREATE FUNCTION bench_payload (seq bigint) RETURNS text LANGUAGE sql IMMUTABLE AS\n"
      "  $$ SELECT '{\"business_day\":\"2026-01-01\",\"lines\":3,\"note\":\"a sale-sized event of the "
      "benchmark\",\"sale_no\":' || seq || ',\"total\":' || (seq % 10000) || '}' $$;\n"
      "CREATE FUNCTION bench_hash (prev text, t bigint, seq bigint) RETURNS text LANGUAGE sql IMMUTABLE AS\n"
      "  $$ SELECT encode (sha256 (convert_to (prev || '{\"event_id\":' || to_json (bench_id (t, "
      "seq)::text)\n"
      "     || ',\"hlc\":' || to_json (bench_hlc (t, seq)) || ',\"payload\":' || bench_payload (seq)\n"
      "     || ',\"till_id\":' || to_json (bench_till (t)) || ',\"till_seq\":' || seq\n"
      "     || ',\"type\":\"bench\"}', 'UTF8')), 'hex') $$;\n";

static const char generate_sql[]
    = "WITH RECURSIVE c (t, seq, prev, hash) AS (\n"
      "  SELECT t, 0::bigint, ''::text, repeat ('0', 64) FROM generate_series ($1::bigint, $2::bigint) t\n"
      "  UNION ALL\n"
      "  SELECT t, seq + 1, hash, bench_hash (hash, t, seq + 1) FROM c WHERE seq < $3::bigint)\n"
      "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash)\n"
      "SELECT bench_id (t, seq), bench_till (t), seq, 'bench', bench_hlc (t, seq), bench_payload (seq),\n"
      "  encode (sha256 (convert_to (bench_payload (seq), 'UTF8')), 'hex'), prev, hash FROM c WHERE seq > 0";

static gboolean
generate_events (PGconn *conn, gint64 tills, gint64 per_till, GError **error)
{
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, per_till);
  /* Chunks of about a million events: one transaction each. */
  gint64 chunk = MAX (1, 1000000 / per_till);

  if (!pos_hub_exec (conn, generate_functions_sql, error)
      || !pos_hub_exec (conn, "ALTER TABLE event DISABLE TRIGGER USER", error))
    return FALSE;
  for (gint64 first = 1; first <= tills; first += chunk)
    {
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, first);
      g_autofree char *to = g_strdup_printf ("%" G_GINT64_FORMAT, MIN (tills, first + chunk - 1));
      g_autofree char *add = g_strdup_printf ("INSERT INTO till (till_id, role_name) SELECT bench_till (t), "
                                              "'mainstreet_bench_' || bench_till (t) FROM generate_series "
                                              "(%s, %s) t",
                                              from, to);
      const char *params[] = { from, to, n };
      g_autoptr (PGresult) result = NULL;

      if (!pos_hub_exec (conn, add, error))
        return FALSE;
      result = PQexecParams (conn, generate_sql, 3, NULL, params, NULL, NULL, 0);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        return pos_hub_set_error (conn, result, "Cannot make the benchmark's events", error);
    }
  return pos_hub_exec (conn, "ALTER TABLE event ENABLE TRIGGER USER; ANALYZE event", error);
}

/* A scratch schema holding @total events of @tills tills, made on the server. */
static gboolean
generated_schema (PGconn *conn, const char *schema, gint64 tills, gint64 total, GError **error)
{
  return pos_sync_bench_schema (conn, schema, error) && generate_events (conn, tills, total / tills, error);
}

/* ---- 12: 50 tills pushing at once ÷ bare INSERTs from 50 connections ---- */

/* Each till's first sync of its session pushes a tenth of its events;
 * its next one, over the connection the worker kept, the rest. */
#define FIRST_SYNC_SHARE 10

typedef struct
{
  GMutex lock;
  GCond cond;
  guint ready;
  gboolean go;
} Start;

typedef struct
{
  Start *start;
  const char *conninfo;
  const char *schema;
  PosStore *store;
  GPtrArray *events;
  GPtrArray *syncs[2]; /* the events of its first sync and of its next (unowned) */
  PGconn *conn;        /* opened for the first sync, kept for the next */
  guint sync;          /* which of the two */
  gboolean bare;
  gint64 done_ns;
  GError *error;
} Pusher;

/* Connects for a first sync, waits for the starting signal, then pushes
 * (or inserts bare) the events of its sync. */
static gpointer
pusher_main (gpointer data)
{
  Pusher *p = data;
  PosSyncOptions options = { 0 };

  if (p->sync == 0)
    p->conn = pos_sync_bench_connect (p->conninfo, p->schema, &p->error);
  g_mutex_lock (&p->start->lock);
  p->start->ready++;
  g_cond_broadcast (&p->start->cond);
  while (!p->start->go)
    g_cond_wait (&p->start->cond, &p->start->lock);
  g_mutex_unlock (&p->start->lock);
  if (p->conn == NULL)
    return NULL;
  if (p->bare)
    pos_sync_bench_bare_insert (p->conn, p->store, p->syncs[p->sync], &p->error);
  else
    pos_sync_push (p->store, p->conn, &options, NULL, &p->error);
  p->done_ns = now_ns ();
  return NULL;
}

/* All pushers at once, from the moment every one is connected to the
 * moment the last one is done; adds that time to @samples. */
static gboolean
race (Pusher *pushers, guint n, GArray *samples, GError **error)
{
  Start start = { 0 };
  GThread *threads[CHAIN_TILLS];
  gint64 started, last = 0;

  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);
  for (guint i = 0; i < n; i++)
    {
      pushers[i].start = &start;
      threads[i] = g_thread_new ("bench-till", pusher_main, &pushers[i]);
    }
  g_mutex_lock (&start.lock);
  while (start.ready < n)
    g_cond_wait (&start.cond, &start.lock);
  start.go = TRUE;
  started = now_ns ();
  g_cond_broadcast (&start.cond);
  g_mutex_unlock (&start.lock);
  for (guint i = 0; i < n; i++)
    {
      g_thread_join (threads[i]);
      last = MAX (last, pushers[i].done_ns);
    }
  g_mutex_clear (&start.lock);
  g_cond_clear (&start.cond);
  for (guint i = 0; i < n; i++)
    if (pushers[i].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&pushers[i].error));
        for (guint j = i + 1; j < n; j++)
          g_clear_error (&pushers[j].error);
        return FALSE;
      }
  last -= started;
  g_array_append_val (samples, last);
  return TRUE;
}

/* Till @p's events of sync @sync wait for the hub, as sold since the
 * sync before. */
static gboolean
sold_for_sync (Pusher *p, guint sync, GError **error)
{
  GPtrArray *events = p->syncs[sync];
  const PosJournalEvent *first = g_ptr_array_index (events, 0);
  const PosJournalEvent *last = g_ptr_array_index (events, events->len - 1);

  return pos_sync_bench_wait_for_hub (p->store, first->till_seq, last->till_seq, error);
}

/* Every till's session: its first sync, then its next, every till at once
 * in each; pushed, or inserted bare when @bare. */
static gboolean
sessions (Pusher *pushers, gboolean bare, GArray *first, GArray *next, GError **error)
{
  gboolean ok = TRUE;

  for (guint sync = 0; ok && sync < 2; sync++)
    {
      for (guint i = 0; ok && i < CHAIN_TILLS; i++)
        {
          pushers[i].bare = bare;
          pushers[i].sync = sync;
          ok = bare || sold_for_sync (&pushers[i], sync, error);
        }
      ok = ok && race (pushers, CHAIN_TILLS, sync == 0 ? first : next, error);
    }
  for (guint i = 0; i < CHAIN_TILLS; i++)
    g_clear_pointer (&pushers[i].conn, PQfinish);
  return ok;
}

/* Till @till's store with @n events of its own, made once and kept in @dir
 * (a new store would make the till a new signing key each run), all
 * waiting for the hub. */
static PosStore *
kept_store (const char *dir, const char *till, guint n, GError **error)
{
  g_autofree char *name = g_strdup_printf ("bench-chain-%s-%u.db", till, n);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr (PosStore) store = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      remove_store (partial);
      if ((store = pos_sync_bench_store (partial, till, n, error)) == NULL)
        return NULL;
      g_clear_pointer (&store, pos_store_close);
      if (g_rename (partial, path) != 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Cannot rename %s", partial), NULL;
    }
  store = pos_store_open (path, POS_STORE_OPEN_NO_CHECK, error);
  if (store == NULL || !pos_sync_bench_push_again (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* @full at full scale, a tenth of it when quick, a hundredth for the tests. */
static gint64
scaled (PosHubBenchScale scale, gint64 full)
{
  return scale == POS_HUB_BENCH_FULL ? full : scale == POS_HUB_BENCH_QUICK ? full / 10 : full / 100;
}

/* Till H<i + 1> of figure 12's chain: its kept store, 2,000 events at
 * full scale. */
static PosStore *
chain_store (const char *dir, PosHubBenchScale scale, guint i, GError **error)
{
  g_autofree char *till = g_strdup_printf ("H%02u", i + 1);

  return kept_store (dir, till, (guint)scaled (scale, 2000), error);
}

/* Till H<i + 1> of the chain, its events split into its two syncs. */
static gboolean
chain_till (Pusher *p, const char *dir, PosHubBenchScale scale, guint i, GError **error)
{
  guint split;

  if ((p->store = chain_store (dir, scale, i, error)) == NULL
      || (p->events = pos_journal_read (p->store, 0, FALSE, 0, error)) == NULL)
    return FALSE;
  split = MAX (1, p->events->len / FIRST_SYNC_SHARE);
  for (guint s = 0; s < 2; s++)
    {
      guint from = s == 0 ? 0 : split, to = s == 0 ? split : p->events->len;

      p->syncs[s] = g_ptr_array_sized_new (to - from);
      for (guint k = from; k < to; k++)
        g_ptr_array_add (p->syncs[s], g_ptr_array_index (p->events, k));
    }
  return TRUE;
}

static void
chain_till_clear (Pusher *p)
{
  for (guint s = 0; s < 2; s++)
    g_clear_pointer (&p->syncs[s], g_ptr_array_unref);
  g_clear_pointer (&p->events, g_ptr_array_unref);
  g_clear_pointer (&p->store, pos_store_close);
}

/* One round: a fresh schema, the real pushes and the bare INSERTs, in an
 * order that turns with @round. */
static gboolean
chain_round (const char *conninfo, Pusher *pushers, guint round, GArray **push, GArray **bare, GError **error)
{
  g_autofree char *schema = scratch_name ();
  g_autoptr (PGconn) conn = pos_hub_connect (conninfo, error);
  gboolean ok = conn != NULL && pos_sync_bench_schema (conn, schema, error);

  for (guint i = 0; ok && i < CHAIN_TILLS; i++)
    {
      g_autofree char *till = pos_journal_till_id (pushers[i].store);

      pushers[i].conninfo = conninfo;
      pushers[i].schema = schema;
      ok = add_bench_till (conn, till, error);
    }
  for (guint k = 0; ok && k < 2; k++)
    ok = (k + round) % 2 ? sessions (pushers, TRUE, bare[0], bare[1], error)
                         : sessions (pushers, FALSE, push[0], push[1], error);
  drop_schema (conn, schema);
  return ok;
}

static gboolean
figure_chain_push (const char *conninfo, const char *dir, PosHubBenchScale scale, JsonArray *figures,
                   GError **error)
{
  guint rounds = scale == POS_HUB_BENCH_FULL ? 3 : 2;
  Pusher pushers[CHAIN_TILLS] = { 0 };
  g_autoptr (GArray) push_first = new_samples (), push_next = new_samples ();
  g_autoptr (GArray) bare_first = new_samples (), bare_next = new_samples ();
  GArray *push[2] = { push_first, push_next }, *bare[2] = { bare_first, bare_next };
  g_autofree char *name = NULL;
  JsonObject *figure, *first;
  gint64 first_events = 0, next_events = 0;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < CHAIN_TILLS; i++)
    if ((ok = chain_till (&pushers[i], dir, scale, i, error)))
      {
        first_events += pushers[i].syncs[0]->len;
        next_events += pushers[i].syncs[1]->len;
      }
  for (guint r = 0; ok && r < rounds; r++)
    ok = chain_round (conninfo, pushers, r, push, bare, error);
  for (guint i = 0; i < CHAIN_TILLS; i++)
    chain_till_clear (&pushers[i]);
  if (!ok)
    return FALSE;
  name = g_strdup_printf ("%d tills pushing %" G_GINT64_FORMAT " events each at once, over the connections "
                          "of their first sync",
                          CHAIN_TILLS, next_events / CHAIN_TILLS);
  /* An aggregate rate ≥ 50 % of the bare one is ≤ 2 × its time. */
  add_figure (figures, 12, name, push_next, bare_next,
              "bare batched INSERT of the same rows from 50 connections", 2.0, next_events);
  /* Beside it, what a session's first sync costs: a till pays it once
   * after it starts, or after the hub closed its connection. */
  figure = json_array_get_object_element (figures, json_array_get_length (figures) - 1);
  first = pos_bench_stats (push_first, "the first sync of each till's session, all at once");
  json_object_set_int_member (first, "events", first_events);
  json_object_set_object_member (first, "bare", pos_bench_stats (bare_first, NULL));
  json_object_set_double_member (first, "ratio", pos_bench_median_ratio (push_first, bare_first));
  json_object_set_object_member (figure, "first_sync", first);
  return TRUE;
}

/* ---- 13: a new till's first pull ÷ COPY ----------------------------------- */

/* The rows a pull reads, in its order, as COPY sends them. */
static const char copy_sql[]
    = "COPY (SELECT e.server_seq, e.event_id, e.till_id, e.till_seq, e.hlc, e.type, e.payload, "
      "e.prev_hash, e.hash, e.signature, e.received_tx, e.public_key, t.public_key "
      "FROM event e JOIN till t ON t.till_id = e.till_id ORDER BY e.received_tx, e.server_seq) TO STDOUT";

/* Each COPY row in turn, to @row (nullable) with its fields split; returns
 * the rows read, or -1 on an error. */
typedef gboolean (*RowFunc) (char **fields, guint n, gpointer data, GError **error);

static gint64
read_copy (PGconn *conn, RowFunc row, gpointer data, GError **error)
{
  g_autoptr (PGresult) result = PQexec (conn, copy_sql);
  gint64 n = 0;
  char *line = NULL;
  int len;
  gboolean ok = TRUE;

  if (PQresultStatus (result) != PGRES_COPY_OUT)
    return pos_hub_set_error (conn, result, "Cannot copy the events", error), -1;
  while ((len = PQgetCopyData (conn, &line, 0)) > 0)
    {
      if (ok && row != NULL)
        {
          g_auto (GStrv) fields = NULL;

          line[len - 1] = '\0'; /* the row's newline */
          fields = g_strsplit (line, "\t", -1);
          ok = row (fields, g_strv_length (fields), data, error);
        }
      n++;
      PQfreemem (line);
    }
  g_clear_pointer (&result, PQclear);
  result = PQgetResult (conn);
  if (len != -1 || PQresultStatus (result) != PGRES_COMMAND_OK)
    return pos_hub_set_error (conn, result, "Cannot copy the events", error), -1;
  PQclear (PQgetResult (conn));
  return ok ? n : -1;
}

static gboolean
time_copy (PGconn *conn, GArray *samples, gint64 *rows, GError **error)
{
  gint64 started = now_ns (), n = read_copy (conn, NULL, NULL, error), ns;

  if (n < 0)
    return FALSE;
  ns = now_ns () - started;
  g_array_append_val (samples, ns);
  *rows = n;
  return TRUE;
}

/* A new till's empty store as the app holds it: the till's connection with
 * its checkpointer, and the sync worker's, whose checkpoints the
 * checkpointer takes over (pos_checkpointer_watch()). */
typedef struct
{
  char *path;
  PosStore *till;
  PosCheckpointer *checkpointer;
  PosStore *worker;
} NewTill;

static void
new_till_close (NewTill *t)
{
  g_clear_pointer (&t->worker, pos_store_close);
  g_clear_pointer (&t->checkpointer, pos_checkpointer_free);
  g_clear_pointer (&t->till, pos_store_close);
  if (t->path != NULL)
    remove_store (t->path);
  g_clear_pointer (&t->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewTill, new_till_close)

static gboolean
new_till_open (NewTill *t, const char *dir, const char *name, GError **error)
{
  t->path = g_build_filename (dir, name, NULL);
  remove_store (t->path);
  t->till = pos_store_open (t->path, POS_STORE_OPEN_CREATE, error);
  if (t->till == NULL || !pos_store_set_setting (t->till, "till_id", "FRESH", error)
      || (t->checkpointer = pos_checkpointer_new (t->till, POS_CHECKPOINT_FRAMES, error)) == NULL
      || (t->worker = pos_store_open (t->path, POS_STORE_OPEN_NO_CHECK, error)) == NULL)
    return FALSE;
  pos_checkpointer_watch (t->checkpointer, t->worker);
  return TRUE;
}

/* A new till pulling every event of the hub. */
static gboolean
time_first_pull (PGconn *conn, const char *dir, GArray *samples, gint64 *pulled, GError **error)
{
  g_auto (NewTill) t = { 0 };
  PosSyncStats stats = { 0 };
  gint64 started;

  if (!new_till_open (&t, dir, "bench-first-pull.db", error))
    return FALSE;
  started = now_ns ();
  if (!pos_sync_pull (t.worker, conn, NULL, &stats, error))
    return FALSE;
  pos_bench_add_sample (samples, started);
  *pulled = stats.pulled;
  return TRUE;
}

/* One COPY row into the journal as it came: the bench's rows hold no
 * character COPY escapes, and no signature. */
static gboolean
store_bare (char **fields, guint n, gpointer data, GError **error)
{
  static const char sql[] = "INSERT INTO journal (event_id, till_id, till_seq, hlc, type, payload, "
                            "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  PosStore *store = data;
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (n < 9)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "A COPY row has %u fields", n), FALSE;
  for (int c = 1; c <= 8; c++)
    sqlite3_bind_text (stmt, c, fields[c], -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

/*
 * The floor of a first pull: the same COPY, each row stored into a new
 * till's journal as it comes, in one transaction, with nothing checked or
 * applied: what SQLite alone costs, beside the COPY.
 */
static gboolean
time_bare_store (PGconn *conn, const char *dir, GArray *samples, GError **error)
{
  g_auto (NewTill) t = { 0 };
  gint64 started;

  if (!new_till_open (&t, dir, "bench-bare-pull.db", error))
    return FALSE;
  started = now_ns ();
  if (!pos_store_begin (t.worker, error))
    return FALSE;
  if (read_copy (conn, store_bare, t.worker, error) < 0 || !pos_store_commit (t.worker, error))
    {
      pos_store_rollback (t.worker);
      return FALSE;
    }
  pos_bench_add_sample (samples, started);
  return TRUE;
}

/*
 * The events above are made on the server by tills without keys, so their
 * pull checks no signature. A chain's tills sign every event, and a pull
 * checks each signature: figure 12's tills (their stores kept in @dir)
 * push what they sold to a hub of their own, and a new till pulls it,
 * against a COPY of the same rows. Returns the pull's ratio, or -1.
 */
static double
signed_first_pull (const char *conninfo, const char *dir, PosHubBenchScale scale, JsonObject *figure,
                   GError **error)
{
  g_autofree char *schema = scratch_name ();
  g_autoptr (PGconn) conn = pos_hub_connect (conninfo, error);
  g_autoptr (GArray) pull = new_samples ();
  g_autoptr (GArray) copy = new_samples ();
  gint64 pushed = 0, pulled = 0, copied = 0;
  gboolean ok = conn != NULL && pos_sync_bench_schema (conn, schema, error);
  JsonObject *signed_pull;
  double ratio;

  for (guint i = 0; ok && i < CHAIN_TILLS; i++)
    {
      g_autoptr (PosStore) store = chain_store (dir, scale, i, error);
      g_autofree char *till = store ? pos_journal_till_id (store) : NULL;
      PosSyncStats stats = { 0 };

      ok = store != NULL && add_bench_till (conn, till, error)
           && pos_sync_push (store, conn, NULL, &stats, error);
      pushed += stats.pushed;
    }
  ok = ok && time_first_pull (conn, dir, pull, &pulled, error) && time_copy (conn, copy, &copied, error);
  drop_schema (conn, schema);
  if (!ok)
    return -1;
  if (pulled != pushed)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED,
                        "The first pull of signed events took %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT,
                        pulled, pushed),
           -1;
  ratio = pos_bench_median_ratio (pull, copy);
  signed_pull = pos_bench_stats (pull, "a first pull of figure 12's signed events, signatures proved");
  json_object_set_int_member (signed_pull, "events", pulled);
  json_object_set_object_member (signed_pull, "copy", pos_bench_stats (copy, NULL));
  json_object_set_double_member (signed_pull, "ratio", ratio);
  json_object_set_object_member (figure, "signed", signed_pull);
  return ratio;
}

/* A new till of figure 12's chain pulls what its CHAIN_TILLS tills sold,
 * in the order the hub took it (each till's events spread between the
 * others'); judged with a first pull of signed events beside it. */
static gboolean
figure_first_pull (const char *conninfo, const char *dir, PosHubBenchScale scale, JsonArray *figures,
                   GError **error)
{
  gint64 total = scale == POS_HUB_BENCH_FULL ? 1000000 : scaled (scale, 200000);
  gint64 pulled = 0, copied = 0;
  guint runs = scale == POS_HUB_BENCH_FULL ? 2 : 3;
  g_autofree char *schema = scratch_name ();
  g_autofree char *name = NULL;
  g_autoptr (PGconn) conn = pos_hub_connect (conninfo, error);
  g_autoptr (GArray) pull = new_samples ();
  g_autoptr (GArray) copy = new_samples ();
  g_autoptr (GArray) bare = new_samples ();
  gboolean ok = conn != NULL && generated_schema (conn, schema, CHAIN_TILLS, total, error);
  JsonObject *figure, *floor;
  double signed_ratio;

  for (guint i = 0; ok && i < runs; i++)
    ok = (i % 2 ? time_copy (conn, copy, &copied, error) && time_first_pull (conn, dir, pull, &pulled, error)
                : time_first_pull (conn, dir, pull, &pulled, error) && time_copy (conn, copy, &copied, error))
         && time_bare_store (conn, dir, bare, error);
  drop_schema (conn, schema);
  if (!ok)
    return FALSE;
  if (pulled != total)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED,
                        "The first pull took %" G_GINT64_FORMAT " events of %" G_GINT64_FORMAT, pulled,
                        total),
           FALSE;
  name = g_strdup_printf ("a new till's first pull of %" G_GINT64_FORMAT " events of %d tills", total,
                          CHAIN_TILLS);
  add_figure (figures, 13, name, pull, copy, "COPY of the same rows out of the hub", FIRST_PULL_BUDGET,
              total);
  /* Beside it, how much of the budget the engine alone takes. */
  figure = json_array_get_object_element (figures, json_array_get_length (figures) - 1);
  floor = pos_bench_stats (bare, "the same COPY, each row stored bare in one transaction");
  json_object_set_double_member (floor, "ratio_to_copy", pos_bench_median_ratio (bare, copy));
  json_object_set_object_member (figure, "engine_floor", floor);
  if ((signed_ratio = signed_first_pull (conninfo, dir, scale, figure, error)) < 0)
    return FALSE;
  json_object_set_boolean_member (
      figure, "pass", json_object_get_boolean_member (figure, "pass") && signed_ratio <= FIRST_PULL_BUDGET);
  return TRUE;
}

/* ---- 14: push latency on a big hub ÷ on a small one ----------------------- */

/* The push of the store's 1,000 events into @schema, timed; then they
 * are taken off the hub and marked unpushed for the next run. */
static gboolean
time_push_into (PGconn *conn, const char *schema, PosStore *store, GArray *samples, GError **error)
{
  g_autofree char *use = g_strdup_printf ("SET search_path = %s", schema);
  PosSyncOptions options = { 0 };
  gint64 started, ns;

  if (!pos_hub_exec (conn, use, error))
    return FALSE;
  started = now_ns ();
  if (!pos_sync_push (store, conn, &options, NULL, error))
    return FALSE;
  ns = now_ns () - started;
  g_array_append_val (samples, ns);
  return pos_hub_exec (conn, "DELETE FROM event WHERE till_id = 'LATENCY'", error)
         && pos_sync_bench_push_again (store, error);
}

static gboolean
figure_push_latency (const char *conninfo, const char *dir, PosHubBenchScale scale, JsonArray *figures,
                     GError **error)
{
  gint64 small = scale == POS_HUB_BENCH_FULL ? 1000000 : scaled (scale, 10000);
  gint64 big = scale == POS_HUB_BENCH_FULL ? 100000000 : scaled (scale, 1000000);
  gint64 tills = scale == POS_HUB_BENCH_FULL ? 1000 : 10;
  guint runs = scale == POS_HUB_BENCH_FULL ? 9 : 5;
  g_autofree char *small_schema = scratch_name (), *big_schema = scratch_name ();
  g_autofree char *name = NULL, *limit_name = NULL;
  g_autoptr (PGconn) conn = pos_hub_connect (conninfo, error);
  g_autoptr (PosStore) store = NULL;
  g_autoptr (GArray) on_big = new_samples ();
  g_autoptr (GArray) on_small = new_samples ();
  gboolean ok;

  ok = conn != NULL && (store = kept_store (dir, "LATENCY", LATENCY_EVENTS, error)) != NULL
       && generated_schema (conn, small_schema, MAX (1, tills * small / big), small, error)
       && add_bench_till (conn, "LATENCY", error) && generated_schema (conn, big_schema, tills, big, error)
       && add_bench_till (conn, "LATENCY", error);
  for (guint i = 0; ok && i < runs; i++)
    ok = time_push_into (conn, i % 2 ? small_schema : big_schema, store, i % 2 ? on_small : on_big, error)
         && time_push_into (conn, i % 2 ? big_schema : small_schema, store, i % 2 ? on_big : on_small, error);
  drop_schema (conn, small_schema);
  drop_schema (conn, big_schema);
  g_clear_pointer (&store, pos_store_close);
  if (!ok)
    return FALSE;
  name = g_strdup_printf ("push of %d events with %" G_GINT64_FORMAT " events on the hub", LATENCY_EVENTS,
                          big);
  limit_name = g_strdup_printf ("the same push with %" G_GINT64_FORMAT " on the hub", small);
  add_figure (figures, 14, name, on_big, on_small, limit_name, 1.2, LATENCY_EVENTS);
  return TRUE;
}

gboolean
pos_hub_bench_figures (const char *conninfo, const char *dir, PosHubBenchScale scale, JsonArray *figures,
                       GError **error)
{
  g_return_val_if_fail (conninfo != NULL && dir != NULL && figures != NULL, FALSE);

  return figure_chain_push (conninfo, dir, scale, figures, error)
         && figure_first_pull (conninfo, dir, scale, figures, error)
         && figure_push_latency (conninfo, dir, scale, figures, error);
}
