/* pos-test-hub.c — a hub database and its tills for the sync tests. */
#include "pos-test-hub.h"

#include "pos-test-util.h"

#include "pos-hub.h"

PosTestHub *
pos_test_hub_new (PosTestPg *pg, const char *prefix)
{
  static int counter;
  PosTestHub *hub = g_new0 (PosTestHub, 1);

  hub->pg = pg;
  hub->db = g_strdup_printf ("%s%d", prefix, ++counter);
  hub->admin = pos_test_pg_create_db (pg, hub->db);
  assert_non_null (hub->admin);
  pos_test_hub_init (hub);
  return hub;
}

void
pos_test_hub_init (PosTestHub *hub)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) conn = pos_hub_connect (hub->admin, &error);

  pos_assert_no_error (error);
  assert_true (pos_hub_init (conn, &error));
  pos_assert_no_error (error);
}

void
pos_test_hub_free (PosTestHub *hub)
{
  g_free (hub->db);
  g_free (hub->admin);
  g_free (hub);
}

char *
pos_test_hub_add_till (PosTestHub *hub, const char *till_id)
{
  g_autoptr (PGconn) conn = pos_hub_connect (hub->admin, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *password = g_strdup_printf ("secret-%s-pw", till_id);

  assert_true (pos_hub_add_till (conn, till_id, password, &role, &error));
  pos_assert_no_error (error);
  return pos_test_pg_conninfo (hub->pg, hub->db, role, password, 0);
}

char *
pos_test_hub_text (PosTestHub *hub, const char *sql)
{
  g_autoptr (PGconn) conn = pos_hub_connect (hub->admin, NULL);
  g_autoptr (PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    fail_msg ("hub query failed: %s: %s", sql, PQerrorMessage (conn));
  return g_strdup (PQgetvalue (result, 0, 0));
}

gint64
pos_test_hub_int (PosTestHub *hub, const char *sql)
{
  g_autofree char *text = pos_test_hub_text (hub, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

void
pos_test_hub_exec (PosTestHub *hub, const char *sql)
{
  g_autoptr (PGconn) conn = pos_hub_connect (hub->admin, NULL);
  g_autoptr (GError) error = NULL;

  if (!pos_hub_exec (conn, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}
