/* pos-test-hub.h — a hub database on the tests' private PostgreSQL, and
 * tills registered on it, shared by the sync tests. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "pos-test-pg.h"

G_BEGIN_DECLS

typedef struct
{
  PosTestPg *pg;
  char *db;
  char *admin; /* conninfo of the hub's owner */
} PosTestHub;

/* A new database on @pg named @prefix and a counter, initialised as a hub
 * (pos_hub_init); fails the test when it cannot be made. */
PosTestHub *pos_test_hub_new (PosTestPg *pg, const char *prefix);
void pos_test_hub_free (PosTestHub *hub);
/* Runs pos_hub_init on @hub again (an upgrade, after a test took it back). */
void pos_test_hub_init (PosTestHub *hub);

/* Registers till @till_id on @hub (password "secret-<till>-pw") and
 * returns the conninfo of its own role. */
char *pos_test_hub_add_till (PosTestHub *hub, const char *till_id);

/* The first column of the one row @sql returns, run as the hub's owner;
 * any other outcome fails the test. */
char *pos_test_hub_text (PosTestHub *hub, const char *sql);
gint64 pos_test_hub_int (PosTestHub *hub, const char *sql);
/* Runs @sql as the hub's owner; an error fails the test. */
void pos_test_hub_exec (PosTestHub *hub, const char *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTestHub, pos_test_hub_free)

G_END_DECLS
