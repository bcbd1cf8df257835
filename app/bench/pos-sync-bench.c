/* pos-sync-bench.c — how fast push is against a bare INSERT (see pos-sync.h).
 *
 * Budget (docs/ARCHITECTURE.md): sync push ≥ 50 % of the rate of a bare batched
 * INSERT into the same PostgreSQL. Both run in one scratch schema of the
 * same database, so they meet the same disk, WAL and server settings, each
 * on a new connection of its own.
 */
#include "pos-sync.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pos-journal.h"
#include "pos-sync-batch.h"
#include "pos-till-key.h"
#include "pos-store-private.h"

#define BENCH_BATCH POS_SYNC_PUSH_BATCH

static const char *const store_files[] = { "", "-wal", "-shm", "-journal" };

/* A sale-sized payload: what a till pushes most. */
static JsonObject *
bench_payload (guint i)
{
  JsonObject *o = json_object_new ();
  JsonArray *lines = json_array_new ();

  for (guint l = 1; l <= 3; l++)
    {
      JsonObject *line = json_object_new ();
      g_autofree char *sku = g_strdup_printf ("SKU-%u", (i * 7 + l) % 1000);

      json_object_set_int_member (line, "line_no", l);
      json_object_set_string_member (line, "sku", sku);
      json_object_set_string_member (line, "name", "Bench product with a name of usual length");
      json_object_set_int_member (line, "qty", 1000 * l);
      json_object_set_int_member (line, "unit_price", 199 + l);
      json_object_set_int_member (line, "total", (199 + l) * l);
      json_array_add_object_element (lines, line);
    }
  json_object_set_int_member (o, "till_number", i + 1);
  json_object_set_string_member (o, "business_day", "2026-01-01");
  json_object_set_array_member (o, "lines", lines);
  return o;
}

/* Events of till BENCH appended to @store. */
static gboolean
append_events (PosStore *store, guint n, GError **error)
{
  for (guint i = 0; i < n; i += BENCH_BATCH)
    {
      if (!pos_store_begin (store, error))
        return FALSE;
      for (guint j = i; j < MIN (n, i + BENCH_BATCH); j++)
        {
          g_autoptr (JsonObject) payload = bench_payload (j);
          g_autoptr (PosJournalEvent) e = pos_journal_append_object (store, "bench", payload, error);

          if (e == NULL)
            return pos_store_rollback (store), FALSE;
        }
      if (!pos_store_commit (store, error))
        return FALSE;
    }
  return TRUE;
}

PosStore *
pos_sync_bench_store (const char *path, const char *till_id, guint n, GError **error)
{
  g_autoptr (PosStore) store = pos_store_open (path, POS_STORE_OPEN_CREATE, error);

  if (store == NULL || !pos_store_set_setting (store, "till_id", till_id, error)
      || !append_events (store, n, error))
    return NULL;
  return g_steal_pointer (&store);
}

static PosStore *
bench_store_at (const char *path, guint n, GError **error)
{
  return pos_sync_bench_store (path, "BENCH", n, error);
}

static PosStore *
bench_store (const char *dir, guint n, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);

  return bench_store_at (path, n, error);
}

gboolean
pos_sync_bench_schema (PGconn *conn, const char *schema, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("CREATE SCHEMA %s; SET search_path = %s", schema, schema);

  return pos_hub_exec (conn, sql, error) && pos_hub_init (conn, error)
         && pos_hub_exec (
             conn,
             "CREATE TABLE bare_event (event_id uuid, till_id text, till_seq bigint, type text, "
             "hlc text, payload text, body_hash text, prev_hash text, hash text, signature text, "
             "public_key text)",
             error);
}

/* A scratch schema with the hub's tables, owned by the admin role, and till BENCH. */
static gboolean
bench_schema (PGconn *conn, const char *schema, GError **error)
{

  return pos_sync_bench_schema (conn, schema, error)
         && pos_hub_exec (conn, "INSERT INTO till (till_id, role_name) VALUES ('BENCH', current_user)",
                          error);
}

/* The floor: the same rows, built by the push's own batch code and batched
 * the same way (one INSERT each), into a bare table. */
gboolean
pos_sync_bench_bare_insert (PGconn *conn, PosStore *store, GPtrArray *events, GError **error)
{
  static const char sql[]
      = "INSERT INTO bare_event (" POS_SYNC_BATCH_NAMES ") SELECT * FROM " POS_SYNC_BATCH_UNNEST;
  g_autoptr (GHashTable) keys = NULL;
  g_auto (PosSyncBatch) batch;

  pos_sync_batch_init (&batch);
  if ((keys = pos_till_key_load_public (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i += BENCH_BATCH)
    {
      g_autoptr (PGresult) result = NULL;

      pos_sync_batch_set (&batch, keys, events, i, MIN (BENCH_BATCH, events->len - i));
      result = PQexecParams (conn, sql, POS_SYNC_BATCH_COLUMNS, NULL, batch.params, NULL, NULL, 0);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        return pos_hub_set_error (conn, result, "Bare insert failed", error);
    }
  return TRUE;
}

PGconn *
pos_sync_bench_connect (const char *conninfo, const char *schema, GError **error)
{
  g_autoptr (PGconn) conn = pos_hub_connect (conninfo, error);
  g_autofree char *sql = g_strdup_printf ("SET search_path = %s", schema);

  if (conn == NULL || !pos_hub_exec (conn, sql, error))
    return NULL;
  return g_steal_pointer (&conn);
}

/* The push and the floor each on a connection of its own, opened before
 * its clock starts, as a till's sync opens one: neither runs in a session
 * the other has warmed. */
static gboolean
run_bench (const char *conninfo, const char *schema, PosStore *store, guint n, double *push_rate,
           double *bare_rate, GError **error)
{
  PosSyncOptions options = { BENCH_BATCH, FALSE };
  g_autoptr (GPtrArray) events = pos_journal_read (store, 0, FALSE, 0, error);
  g_autoptr (PGconn) pushing = NULL, inserting = NULL;
  gint64 start, pushed, bare;

  if (events == NULL || (pushing = pos_sync_bench_connect (conninfo, schema, error)) == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  if (!pos_sync_push (store, pushing, &options, NULL, error))
    return FALSE;
  pushed = g_get_monotonic_time () - start;
  if ((inserting = pos_sync_bench_connect (conninfo, schema, error)) == NULL)
    return FALSE;
  start = g_get_monotonic_time ();
  if (!pos_sync_bench_bare_insert (inserting, store, events, error))
    return FALSE;
  bare = g_get_monotonic_time () - start;
  *push_rate = n * 1e6 / MAX (pushed, 1);
  *bare_rate = n * 1e6 / MAX (bare, 1);
  return TRUE;
}

gboolean
pos_sync_bench_push_rate (const char *conninfo, guint n, double *push_rate, double *bare_rate, GError **error)
{
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (PosStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *schema = g_strdup_printf ("mainstreet_bench_%d_%u", getpid (), g_random_int ());
  g_autofree char *path = NULL, *drop = NULL;
  gboolean ok;

  g_return_val_if_fail (conninfo != NULL && n > 0 && push_rate != NULL && bare_rate != NULL, FALSE);

  if (!(dir = g_dir_make_tmp ("mainstreet-bench-XXXXXX", error)))
    return FALSE;
  path = g_build_filename (dir, "bench.db", NULL);
  conn = pos_hub_connect (conninfo, error);
  ok = conn != NULL && (store = bench_store (dir, n, error)) != NULL && bench_schema (conn, schema, error)
       && run_bench (conninfo, schema, store, n, push_rate, bare_rate, error);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    {
      if (PQtransactionStatus (conn) != PQTRANS_IDLE)
        PQclear (PQexec (conn, "ROLLBACK"));
      drop = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", schema);
      PQclear (PQexec (conn, drop));
    }
  g_clear_pointer (&store, pos_store_close);
  for (guint i = 0; i < G_N_ELEMENTS (store_files); i++)
    {
      g_autofree char *file = g_strconcat (path, store_files[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  return ok;
}

/* ---- a push after many pushed events --------------------------------------- */

gboolean
pos_sync_bench_wait_for_hub (PosStore *store, gint64 first_seq, gint64 last_seq, GError **error)
{
  static const char sql[] = "INSERT OR IGNORE INTO journal_outbox (id) SELECT id FROM journal "
                            "WHERE till_id = ?1 AND till_seq BETWEEN ?2 AND ?3";
  g_autofree char *till = pos_journal_till_id (store);
  g_autoptr (PosStmt) stmt = NULL;

  if (!pos_store_exec (store, "DELETE FROM journal_outbox", error)
      || (stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, first_seq);
  sqlite3_bind_int64 (stmt, 3, last_seq);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_sync_bench_push_again (PosStore *store, GError **error)
{
  return pos_sync_bench_wait_for_hub (store, 1, G_MAXINT64, error);
}

static void
remove_store (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (store_files); i++)
    {
      g_autofree char *file = g_strconcat (path, store_files[i], NULL);
      g_unlink (file);
    }
}

/* @before events of another till, already pushed (or pulled: the journal
 * holds them the same way), written in SQL, then @n of this till's own. */
static gboolean
make_pushed_store (const char *path, gint64 before, guint n, GError **error)
{
  static const char sql[]
      = "WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1) "
        "INSERT INTO journal (event_id, till_id, till_seq, hlc, type, payload, prev_hash, hash) "
        "SELECT printf ('00000000-0000-7000-8000-%012d', i), 'PULLED', i, printf ('%018d:00000:PULLED', i), "
        "'sale.completed', printf ('{\"n\":%d,\"pad\":\"%s\"}', i, hex (zeroblob (60))), "
        "printf ('%064d', i - 1), printf ('%064d', i) FROM k";
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr (PosStore) store = NULL;
  g_autoptr (PosStmt) stmt = NULL;

  remove_store (partial);
  store = pos_store_open (partial, POS_STORE_OPEN_CREATE, error);
  if (store == NULL || !pos_store_set_setting (store, "till_id", "BENCH", error)
      || !pos_store_begin (store, error))
    return FALSE;
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return pos_store_rollback (store), FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!pos_store_step_done (store, stmt, error))
    return pos_store_rollback (store), FALSE;
  g_clear_pointer (&stmt, pos_stmt_release);
  if (!pos_store_commit (store, error) || !append_events (store, n, error))
    return FALSE;
  g_clear_pointer (&store, pos_store_close);
  if (g_rename (partial, path) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Cannot rename %s", partial), FALSE;
  return TRUE;
}

/* Pushes this till's events of @store into a new scratch schema, timed,
 * then marks them unpushed again for the next run. */
static gboolean
timed_push (PGconn *conn, PosStore *store, GArray *samples, GError **error)
{
  g_autofree char *schema = g_strdup_printf ("mainstreet_bench_%d_%u", getpid (), g_random_int ());
  g_autofree char *drop
      = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE; SET search_path = public", schema);
  PosSyncOptions options = { BENCH_BATCH, FALSE };
  gint64 started, ns;
  gboolean ok;

  if (!bench_schema (conn, schema, error))
    return FALSE;
  started = g_get_monotonic_time ();
  ok = pos_sync_push (store, conn, &options, NULL, error);
  ns = (g_get_monotonic_time () - started) * 1000;
  if (PQtransactionStatus (conn) != PQTRANS_IDLE)
    PQclear (PQexec (conn, "ROLLBACK"));
  PQclear (PQexec (conn, drop));
  if (!ok)
    return FALSE;
  g_array_append_val (samples, ns);
  return pos_sync_bench_push_again (store, error);
}

gboolean
pos_sync_bench_push_after (const char *conninfo, const char *dir, gint64 pushed_before, guint n, guint runs,
                           GArray *after, GArray *fresh, GError **error)
{
  g_autofree char *name = g_strdup_printf ("bench-pushed-%" G_GINT64_FORMAT "-%u.db", pushed_before, n);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "bench-pushed-none.db", NULL);
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (PosStore) big = NULL;
  g_autoptr (PosStore) none = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (conninfo != NULL && dir != NULL && n > 0 && after != NULL && fresh != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !make_pushed_store (path, pushed_before, n, error))
    return FALSE;
  remove_store (fresh_path);
  if ((conn = pos_hub_connect (conninfo, error)) == NULL
      || (big = pos_store_open (path, POS_STORE_OPEN_NO_CHECK, error)) == NULL
      || (none = bench_store_at (fresh_path, n, error)) == NULL || !pos_sync_bench_push_again (big, error))
    ok = FALSE;
  for (guint i = 0; ok && i < runs; i++)
    ok = timed_push (conn, i % 2 ? none : big, i % 2 ? fresh : after, error)
         && timed_push (conn, i % 2 ? big : none, i % 2 ? after : fresh, error);
  g_clear_pointer (&none, pos_store_close);
  remove_store (fresh_path);
  return ok;
}

/* ---- pushes in the background ---------------------------------------------- */

#define LOOP_EVENTS 200

gboolean
pos_sync_bench_push_loop (const char *conninfo, GCancellable *stop, gint *pushes, GError **error)
{
  g_autofree char *dir = NULL, *path = NULL, *drop = NULL;
  g_autofree char *schema = g_strdup_printf ("mainstreet_bench_%d_%u", getpid (), g_random_int ());
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (PosStore) store = NULL;
  PosSyncOptions options = { BENCH_BATCH, FALSE };
  gboolean ok;

  g_return_val_if_fail (conninfo != NULL && pushes != NULL, FALSE);

  if (!(dir = g_dir_make_tmp ("mainstreet-bench-XXXXXX", error)))
    return FALSE;
  path = g_build_filename (dir, "bench.db", NULL);
  ok = (conn = pos_hub_connect (conninfo, error)) != NULL && (store = bench_store (dir, 1, error)) != NULL
       && bench_schema (conn, schema, error);
  /* A till's sync: the events sold since the last one, pushed. */
  while (ok && !g_cancellable_is_cancelled (stop))
    {
      ok = append_events (store, LOOP_EVENTS, error) && pos_sync_push (store, conn, &options, NULL, error);
      if (ok)
        g_atomic_int_inc (pushes);
    }
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    {
      if (PQtransactionStatus (conn) != PQTRANS_IDLE)
        PQclear (PQexec (conn, "ROLLBACK"));
      drop = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", schema);
      PQclear (PQexec (conn, drop));
    }
  g_clear_pointer (&store, pos_store_close);
  remove_store (path);
  g_rmdir (dir);
  return ok;
}
