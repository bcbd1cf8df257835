/* pos-sync.h — pushing this till's journal to the hub and pulling the others'.
 *
 * Push: unpushed journal events go up in batches with INSERT … ON CONFLICT
 * DO NOTHING, then are read back in the same hub transaction: an event the
 * hub holds with other content is an alarm (POS_SYNC_ERROR_ALARM); a
 * sequence number of this till that the hub holds as another event means
 * the store was restored from an old backup and sold since
 * (POS_SYNC_ERROR_FORKED): nothing more is pushed. Events are marked pushed
 * only after the hub committed; a lost answer just pushes them again.
 *
 * Pull: events after the cursor that every hub transaction still running
 * cannot precede (received_tx below the snapshot's xmin), in
 * (received_tx, server_seq) order, read through one hub cursor a page at a
 * time; each is stored through a journal intake (pos-journal.h, which
 * verifies its till's chain) and applied (pos-sync-apply.h); the cursor
 * advances in the same SQLite transaction, which takes pages for up to a
 * quarter of a second. An event the journal refuses stops the pull after
 * the events before it.
 *
 * Read-back: after each push the till compares the hub's hashes of its own
 * events pushed since the last comparison, and a rolling window of older
 * ones, with its journal; an event changed on the hub (even re-hashed with
 * every later one) is named in a POS_SYNC_ERROR_ALARM.
 *
 * Recovery from an old backup: when the hub holds events of this till that
 * the store lacks, sync stops with POS_SYNC_ERROR_BEHIND. If the till has
 * not sold since the restore, sync with adopt_hub_chain (`mainstreet-admin
 * sync --hub … --adopt-hub-chain`) takes those events back into the store
 * (its lost sales, stock moves, …) and the till carries on after them. If
 * it has sold since (POS_SYNC_ERROR_FORKED), those sales cannot join the
 * hub under this till id: keep the store file for the owner, set up the
 * till afresh under a new till id (`init --till NEW`, `hub add-till`) and
 * sync it.
 */
#pragma once

#include <gio/gio.h>

#include "pos-hub.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* The events a push sends in one statement unless told otherwise. The
 * hub's check of an insert costs a part of its own besides its events'
 * (docs/BENCHMARKS.md, 2026-12-07): a thousand made a chain's pushes 4 %
 * faster than five hundred, and two thousand no faster still. */
#define POS_SYNC_PUSH_BATCH 1000

typedef struct
{
  guint batch_size;         /* events per hub round trip: a push's statement (0 = POS_SYNC_PUSH_BATCH)
                               and a pull's page (0 = 500) */
  gboolean adopt_hub_chain; /* take back this till's events the store lacks */
  gboolean allow_insecure;  /* talk to a remote hub without checked TLS (pos_hub_check_tls()) */
} PosSyncOptions;

typedef struct
{
  gint64 pushed;   /* events sent that the hub now holds (again, after a lost answer) */
  gint64 pulled;   /* events of other tills stored and applied */
  gint64 adopted;  /* events of this till taken back from the hub */
  gint64 unsynced; /* this till's events not yet on the hub, after the run */
  /* Product pictures (pos-picture-sync.h): sent because the hub lacked them,
   * fetched and kept, and refused as not what their name says. */
  gint64 pictures_sent;
  gint64 pictures_received;
  gint64 pictures_refused;
} PosSyncStats;

/* Pushes every unpushed event of this store. Stats are added to. After a
 * failure @conn may still be busy with a batch: close it. */
gboolean pos_sync_push (PosStore *store, PGconn *conn, const PosSyncOptions *options, PosSyncStats *stats,
                        GError **error);

/* Pulls and applies what other tills pushed. Stats are added to. */
gboolean pos_sync_pull (PosStore *store, PGconn *conn, const PosSyncOptions *options, PosSyncStats *stats,
                        GError **error);

/*
 * One sync: checks the connection is safe (pos_hub_check_tls(): opted out
 * by @options or the store's setting "hub_allow_insecure" = 1), connects
 * to @conninfo, checks this store belongs to this hub
 * (the first sync records the hub's id), pushes, then pulls; product
 * pictures go up before the events and come down after them
 * (pos-picture-sync.h). Records the
 * time of a successful sync in sync_state ("last_sync").
 */
gboolean pos_sync_run (PosStore *store, const char *conninfo, const PosSyncOptions *options,
                       PosSyncStats *stats, GError **error);

/*
 * The same over *@kept, a connection an earlier sync left there, or over a
 * new one when *@kept is NULL or no longer answers (pos_hub_answers(): the
 * hub closed it, or the network died under it); a sync that succeeds
 * leaves its connection in *@kept for the next, one that fails closes it.
 * The sync worker keeps one this way: a hub then pays for a till's session
 * (a login, the first plans of its checks) once, not at every sync. Close
 * it with PQfinish().
 */
gboolean pos_sync_run_kept (PosStore *store, const char *conninfo, PGconn **kept,
                            const PosSyncOptions *options, PosSyncStats *stats, GError **error);

/* The cursor: the last hub server_seq applied here (0 before any pull). */
gint64 pos_sync_cursor (PosStore *store);

/*
 * Benchmark for `mainstreet-admin bench`: in a scratch schema of the hub at
 * @conninfo (an admin role; dropped afterwards), pushes @n events from a
 * scratch store with the real push, and inserts the same rows with bare
 * batched INSERTs into a table without constraints or indexes. Rates in events/s.
 */
gboolean pos_sync_bench_push_rate (const char *conninfo, guint n, double *push_rate, double *bare_rate,
                                   GError **error);

/*
 * Benchmark: the push of @n new events from a store whose journal holds
 * @pushed_before events pushed already (made in SQL once, kept in @dir as
 * bench-pushed-<before>-<n>.db) and from a store that holds none, each
 * into a scratch schema of the hub, @runs times each, alternating. Adds
 * one time in ns per push to @after and to @fresh.
 */
/* Benchmark: a till's syncs over and over until @stop: 200 new events of a
 * scratch store pushed into a scratch schema each time, counted in
 * @pushes (atomic). */
gboolean pos_sync_bench_push_loop (const char *conninfo, GCancellable *stop, gint *pushes, GError **error);

/* Benchmark helpers (pos-hub-bench.c): a scratch store of till @till_id
 * holding @n sale-sized events of its own, unpushed; a scratch schema
 * @schema with the hub's tables and a bare table bare_event, made the
 * connection's search path; the bare batched INSERT of @events of @store
 * into bare_event, every column a push sends. */
PosStore *pos_sync_bench_store (const char *path, const char *till_id, guint n, GError **error);
gboolean pos_sync_bench_schema (PGconn *conn, const char *schema, GError **error);
/* A new connection to @conninfo working in @schema. */
PGconn *pos_sync_bench_connect (const char *conninfo, const char *schema, GError **error);
gboolean pos_sync_bench_bare_insert (PGconn *conn, PosStore *store, GPtrArray *events, GError **error);
/* Benchmark helpers: this till's events of @store wait for the hub again,
 * for the next timed push: all of them, or exactly those numbered
 * @first_seq to @last_seq (the rest count as pushed). */
gboolean pos_sync_bench_push_again (PosStore *store, GError **error);
gboolean pos_sync_bench_wait_for_hub (PosStore *store, gint64 first_seq, gint64 last_seq, GError **error);

gboolean pos_sync_bench_push_after (const char *conninfo, const char *dir, gint64 pushed_before, guint n,
                                    guint runs, GArray *after, GArray *fresh, GError **error);

G_END_DECLS
