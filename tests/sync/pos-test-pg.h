/* pos-test-pg.h — a private PostgreSQL server for sync tests, and a TCP
 * proxy that can cut a connection after so many bytes.
 *
 * The server runs from a temporary folder on a free loopback port with
 * password (SCRAM) logins; as root, initdb and pg_ctl run as the
 * "postgres" user (runuser), otherwise as the current user.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *data;
  int port;
  gboolean as_postgres;
} PosTestPg;

/* Starts a server (binaries from $POS_PG_BIN or PostgreSQL 15's); NULL
 * with a message on stderr when PostgreSQL is not installed. */
PosTestPg *pos_test_pg_start (void);
void pos_test_pg_free (PosTestPg *pg); /* stops the server, removes its folder */
gboolean pos_test_pg_stop_server (PosTestPg *pg);
gboolean pos_test_pg_start_server (PosTestPg *pg);

/* Creates database @name and returns the admin's conninfo for it. */
char *pos_test_pg_create_db (PosTestPg *pg, const char *name);
/* A conninfo for @user/@password on database @db through @port (0 = the server's). */
char *pos_test_pg_conninfo (PosTestPg *pg, const char *db, const char *user, const char *password, int port);

typedef struct _PosTestProxy PosTestProxy;

/* Relays 127.0.0.1:pos_test_proxy_port() to @target_port, one connection
 * at a time. */
PosTestProxy *pos_test_proxy_new (int target_port);
int pos_test_proxy_port (PosTestProxy *proxy);
/* Cuts the next connection once it has carried @up bytes to the server or
 * @down bytes back (0 = no limit); a cut clears the limits. */
void pos_test_proxy_cut_after (PosTestProxy *proxy, gint64 up, gint64 down);
gboolean pos_test_proxy_was_cut (PosTestProxy *proxy);
/* While @stalled, relays nothing and closes nothing, as a network that died
 * without a word: what is sent waits, unanswered. */
void pos_test_proxy_stall (PosTestProxy *proxy, gboolean stalled);
void pos_test_proxy_free (PosTestProxy *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTestPg, pos_test_pg_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTestProxy, pos_test_proxy_free)

G_END_DECLS
