/* test-context-sync.c — the till's hub state as the header shows it: no
 * hub, an unreachable hub (offline, the till keeps counting what is to
 * send) and a real PostgreSQL hub (online, last sync, nothing left). */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <libpq-fe.h>

#include "../sync/pos-test-pg.h"
#include "pos-context.h"
#include "pos-hub.h"
#include "pos-journal.h"
#include "pos-shop.h"
#include "pos-store-private.h"

typedef struct
{
  PosTestStore *t;
  PosContext *context;
} Fixture;

/* A store with an owner and one journalled shop setting (so there is
 * something to send), opened by a context. */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) added = NULL;
  g_autoptr (PosUser) owner = NULL;
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  assert_true (pos_store_set_setting (f->t->store, "till_id", "T1", NULL));
  added = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  owner = pos_users_authenticate (f->t->store, "olivia", "4321", &error);
  pos_assert_no_error (error);
  assert_true (pos_shop_setting_set (f->t->store, owner, "shop_name", "Corner shop", &error));
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  assert_non_null (pos_context_get_settings (f->context));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  g_settings_reset (pos_context_get_settings (f->context), "hub-conninfo");
  g_clear_object (&f->context);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Check) (PosContext *context);

/* Runs the main loop until @check holds or @seconds pass. */
static gboolean
wait_for (PosContext *context, Check check, guint seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout_cb, &timed_out);

  while (!check (context) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return check (context);
}

static gboolean
has_sync_error (PosContext *context)
{
  return pos_context_get_sync_error (context) != NULL;
}

static gboolean
has_synced (PosContext *context)
{
  return pos_context_get_last_sync (context) > 0 && pos_context_get_unsynced (context) == 0;
}

static void
set_hub (Fixture *f, const char *conninfo)
{
  g_settings_set_string (pos_context_get_settings (f->context), "hub-conninfo", conninfo);
  pos_context_start_sync (f->context);
}

static void
test_without_hub_only_unsynced_is_counted (void **state)
{
  Fixture *f = *state;
  gint64 expected = pos_journal_count_unpushed (f->t->store);

  set_hub (f, "   ");
  assert_false (pos_context_get_hub_configured (f->context));
  assert_false (pos_context_get_online (f->context));
  assert_true (expected > 0);
  assert_int_equal (pos_context_get_unsynced (f->context), expected);
}

static void
test_unreachable_hub_is_offline_and_keeps_the_count (void **state)
{
  Fixture *f = *state;
  gint64 expected = pos_journal_count_unpushed (f->t->store);

  /* Port 1 on loopback: refused at once, as a hub that is down. */
  set_hub (f, "host=127.0.0.1 port=1 dbname=shop user=till_t1 connect_timeout=2");
  assert_true (pos_context_get_hub_configured (f->context));
  assert_true (wait_for (f->context, has_sync_error, 20));
  assert_false (pos_context_get_online (f->context));
  assert_int_equal (pos_context_get_last_sync (f->context), 0);
  assert_int_equal (pos_context_get_unsynced (f->context), expected);

  /* Clearing the setting stops syncing. */
  set_hub (f, "");
  assert_false (pos_context_get_hub_configured (f->context));
}

static void
test_reachable_hub_goes_online_and_sends_everything (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosTestPg) pg = pos_test_pg_start ();
  g_autofree char *admin = NULL;
  g_autofree char *role = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr (GError) error = NULL;
  PGconn *conn;

  if (pg == NULL)
    skip ();
  admin = pos_test_pg_create_db (pg, "shop");
  conn = pos_hub_connect (admin, &error);
  pos_assert_no_error (error);
  assert_true (pos_hub_init (conn, &error) && pos_hub_add_till (conn, "T1", "secret-T1-pw", &role, &error));
  PQfinish (conn);
  pos_assert_no_error (error);
  conninfo = pos_test_pg_conninfo (pg, "shop", role, "secret-T1-pw", 0);
  set_hub (f, conninfo);
  assert_true (wait_for (f->context, has_synced, 60));
  assert_true (pos_context_get_online (f->context));
  assert_null (pos_context_get_sync_error (f->context));
  assert_int_equal (pos_journal_count_unpushed (f->t->store), 0);
  /* Stop the worker before the server goes. */
  set_hub (f, "");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_without_hub_only_unsynced_is_counted, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unreachable_hub_is_offline_and_keeps_the_count, setup, teardown),
    cmocka_unit_test_setup_teardown (test_reachable_hub_goes_online_and_sends_everything, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
