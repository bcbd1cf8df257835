/* test-hub-load.c — fifty tills selling and syncing through one hub at once.
 *
 * Each till is a process of its own (hub-load-till) with its own store and
 * its own login role on the hub, registered as `hub add-till` registers a
 * till and set up as a joining till is. They sell and sync side by side
 * for a bounded time; afterwards every till syncs once more and the test
 * checks that nothing was lost or doubled: the hub holds every till's
 * events exactly once, and every till holds everyone's.
 *
 * POS_HUB_LOAD_TILLS, POS_HUB_LOAD_SALES and POS_HUB_LOAD_SECONDS change
 * the number of tills, the most sales per till and the selling time.
 */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>

#include "pos-catalog.h"
#include "pos-hub-bench.h"
#include "pos-hub.h"
#include "pos-journal.h"
#include "pos-shop.h"
#include "pos-sync.h"
#include "pos-tax-rate.h"
#include "pos-test-hub.h"
#include "pos-test-pg.h"
#include "pos-users.h"
#include "pos-store-private.h"

static PosTestPg *pg;

static int
env_int (const char *name, int fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && atoi (value) > 0 ? atoi (value) : fallback;
}

static void
sync_ok (PosStore *store, const char *conninfo, const char *till_id)
{
  g_autoptr (GError) error = NULL;

  if (!pos_sync_run (store, conninfo, NULL, NULL, &error))
    fail_msg ("sync of %s failed: %s", till_id, error->message);
}

static void
add_product (PosStore *store, const char *sku, PosAmount price)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup (sku);
  p->name = g_strdup_printf ("Product %s", sku);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (store, "A", NULL);
  assert_true (pos_catalog_save (store, p, &error));
  pos_assert_no_error (error);
}

/* Head office: the catalog, the shop's settings and the cashier every
 * till signs in as, pushed to the hub before the tills join. */
static PosTestStore *
head_office_new (PosTestHub *hub, char **conninfo)
{
  PosTestStore *t = pos_test_store_new ();
  g_autoptr (PosUser) added = NULL, owner = NULL, cashier = NULL;
  g_autoptr (GError) error = NULL;

  assert_true (pos_shop_setting_init (t->store, "till_id", "HQ", &error));
  assert_true (pos_tax_rate_insert (t->store, "A", "Standard", 2000, TRUE, &error) != 0);
  pos_assert_no_error (error);
  added = pos_users_add (t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  owner = pos_users_authenticate (t->store, "olivia", "4321", &error);
  pos_assert_no_error (error);
  assert_true (pos_shop_setting_set (t->store, owner, "shift_required", "0", &error));
  pos_assert_no_error (error);
  cashier = pos_users_add_as (t->store, owner, "casey", POS_ROLE_CASHIER, "1234", &error);
  pos_assert_no_error (error);
  add_product (t->store, "TEA", 349);
  add_product (t->store, "MILK", 119);
  add_product (t->store, "BREAD", 250);
  *conninfo = pos_test_hub_add_till (hub, "HQ");
  sync_ok (t->store, *conninfo, "HQ");
  return t;
}

typedef struct
{
  char *till_id;
  char *path;
  char *conninfo;
  GSubprocess *process;
} LoadTill;

static void
load_till_clear (LoadTill *till)
{
  g_free (till->till_id);
  g_free (till->path);
  g_free (till->conninfo);
  g_clear_object (&till->process);
}

static void
start_till (LoadTill *till, const char *program, int seconds, int sales)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *s = g_strdup_printf ("%d", seconds);
  g_autofree char *n = g_strdup_printf ("%d", sales);

  till->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program, till->path,
                                    till->conninfo, till->till_id, s, n, NULL);
  pos_assert_no_error (error);
}

/* Waits for the till's process; returns how many sales it made. */
static int
wait_till (LoadTill *till)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int sold = -1;

  assert_true (g_subprocess_communicate_utf8 (till->process, NULL, NULL, &out, NULL, &error));
  pos_assert_no_error (error);
  if (!g_subprocess_get_successful (till->process))
    fail_msg ("till %s failed (see above)", till->till_id);
  assert_int_equal (sscanf (out, "sold %d", &sold), 1);
  return sold;
}

/* The till's store after its last sync: its own events all on the hub
 * once, everyone's events here, the chains whole. */
static gint64
check_till (PosStore *store, const char *till_id, PosTestHub *hub, gint64 hub_events, const char *sales)
{
  g_autofree char *own_sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE till_id = '%s'", till_id);
  g_autofree char *hub_sql = g_strdup_printf ("SELECT count(*) FROM event WHERE till_id = '%s'", till_id);
  g_autofree char *top_sql
      = g_strdup_printf ("SELECT coalesce (max (till_seq), 0) FROM event WHERE till_id = '%s'", till_id);
  gint64 own = pos_test_query_int (store, own_sql);
  g_autoptr (GError) error = NULL;
  g_autofree char *here = NULL;

  assert_int_equal (pos_journal_count_unpushed (store), 0);
  assert_int_equal (pos_test_hub_int (hub, hub_sql), own);
  assert_int_equal (pos_test_hub_int (hub, top_sql), own);
  assert_int_equal (pos_test_query_int (store, "SELECT count(*) FROM journal"), hub_events);
  assert_int_equal (pos_test_query_int (store, "SELECT count(DISTINCT event_id) FROM journal"), hub_events);
  assert_true (pos_journal_verify (store, NULL, &error));
  pos_assert_no_error (error);
  here
      = g_strdup_printf ("%" G_GINT64_FORMAT " sales, %" G_GINT64_FORMAT,
                         pos_test_query_int (store, "SELECT count(*) FROM sale"),
                         pos_test_query_int (store, "SELECT coalesce (sum (total + rounding), 0) FROM sale"));
  assert_string_equal (here, sales);
  return own;
}

static void
test_fifty_tills_sell_and_sync_at_once (void **state)
{
  const char *program = g_getenv ("POS_HUB_LOAD_TILL");
  int n = env_int ("POS_HUB_LOAD_TILLS", 50);
  int max_sales = env_int ("POS_HUB_LOAD_SALES", 6);
  int seconds = env_int ("POS_HUB_LOAD_SECONDS", 20);
  g_autoptr (PosTestHub) hub = NULL;
  g_autofree char *hq_conninfo = NULL;
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *sales = NULL;
  g_autoptr (PosTestStore) hq = NULL;
  g_autoptr (GError) error = NULL;
  LoadTill *tills = g_new0 (LoadTill, n);
  gint64 started, sold = 0, own_total, hub_events;

  assert_non_null (program);
  hub = pos_test_hub_new (pg, "chain");
  hq = head_office_new (hub, &hq_conninfo);

  for (int i = 0; i < n; i++)
    {
      tills[i].till_id = g_strdup_printf ("L%02d", i + 1);
      tills[i].path = g_strdup_printf ("%s/%s.db", dir, tills[i].till_id);
      tills[i].conninfo = pos_test_hub_add_till (hub, tills[i].till_id);
    }
  started = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    start_till (&tills[i], program, seconds, max_sales);
  for (int i = 0; i < n; i++)
    {
      int s = wait_till (&tills[i]);
      assert_true (s > 0);
      sold += s;
    }
  fprintf (stderr, "# %d tills sold %" G_GINT64_FORMAT " sales, syncing every few, in %.1f s\n", n, sold,
           (g_get_monotonic_time () - started) / 1e6);

  /* Tills that finished early have not seen the later ones' sales yet:
   * one more sync each, then everyone holds everything. */
  sync_ok (hq->store, hq_conninfo, "HQ");
  hub_events = pos_test_hub_int (hub, "SELECT count(*) FROM event");
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(DISTINCT event_id) FROM event"), hub_events);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(DISTINCT (till_id, till_seq)) FROM event"),
                    hub_events);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type = 'sale'"), sold);
  sales = g_strdup_printf (
      "%" G_GINT64_FORMAT " sales, %" G_GINT64_FORMAT, sold,
      pos_test_query_int (hq->store, "SELECT coalesce (sum (total + rounding), 0) FROM sale"));
  own_total = check_till (hq->store, "HQ", hub, hub_events, sales);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (PosStore) store = pos_store_open (tills[i].path, POS_STORE_OPEN_DEFAULT, &error);

      pos_assert_no_error (error);
      sync_ok (store, tills[i].conninfo, tills[i].till_id);
      own_total += check_till (store, tills[i].till_id, hub, hub_events, sales);
    }
  /* Every event on the hub is one till's own, counted once. */
  assert_int_equal (own_total, hub_events);
  fprintf (stderr, "# %" G_GINT64_FORMAT " events on the hub, each till holds all of them: %.1f s\n",
           hub_events, (g_get_monotonic_time () - started) / 1e6);

  for (int i = 0; i < n; i++)
    load_till_clear (&tills[i]);
  g_free (tills);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The benchmark's hub figures at a scale for tests: each measured, with
 * its limit and ratio, and every scratch schema gone afterwards. */
static void
test_hub_figures_are_measured (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "figures");
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autoptr (JsonArray) figures = json_array_new ();
  g_autoptr (GError) error = NULL;
  const gint64 ids[] = { 12, 13, 14 };
  JsonObject *floor, *first, *pulled;

  assert_true (pos_hub_bench_figures (hub->admin, dir, POS_HUB_BENCH_TINY, figures, &error));
  pos_assert_no_error (error);
  assert_int_equal (json_array_get_length (figures), 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *f = json_array_get_object_element (figures, i);
      JsonObject *limit = json_object_get_object_member (f, "limit");

      assert_int_equal (json_object_get_int_member (f, "id"), ids[i]);
      assert_true (json_object_get_double_member (f, "median") > 0);
      assert_true (json_object_get_double_member (limit, "median") > 0);
      assert_true (json_object_get_double_member (f, "ratio") > 0);
      fprintf (stderr, "# %s: %.1f ms ÷ %s: %.1f ms = %.2f (budget %.2f)\n",
               json_object_get_string_member (f, "name"), json_object_get_double_member (f, "median"),
               json_object_get_string_member (limit, "name"), json_object_get_double_member (limit, "median"),
               json_object_get_double_member (f, "ratio"),
               json_object_get_double_member (json_object_get_object_member (f, "budget"), "ratio"));
    }
  /* Figure 12 shows beside it what each till's first sync of its session
   * cost, the sessions its pushes then went on in. */
  first = json_object_get_object_member (json_array_get_object_element (figures, 0), "first_sync");
  assert_non_null (first);
  assert_true (json_object_get_int_member (first, "events") >= 50);
  assert_true (json_object_get_double_member (first, "median") > 0);
  assert_true (json_object_get_double_member (json_object_get_object_member (first, "bare"), "median") > 0);
  assert_true (json_object_get_double_member (first, "ratio") > 0);
  /* Figure 13 shows beside it what storing the rows alone costs. */
  floor = json_object_get_object_member (json_array_get_object_element (figures, 1), "engine_floor");
  assert_non_null (floor);
  assert_true (json_object_get_double_member (floor, "median") > 0);
  assert_true (json_object_get_double_member (floor, "ratio_to_copy") > 0);
  /* And a first pull of figure 12's signed events, their signatures proved. */
  pulled = json_object_get_object_member (json_array_get_object_element (figures, 1), "signed");
  assert_non_null (pulled);
  assert_int_equal (json_object_get_int_member (pulled, "events"), 50 * 20 + 50);
  assert_true (json_object_get_double_member (json_object_get_object_member (pulled, "copy"), "median") > 0);
  assert_true (json_object_get_double_member (pulled, "ratio") > 0);
  /* Figure 13 passes only when both of its pulls meet the budget. */
  {
    JsonObject *f = json_array_get_object_element (figures, 1);
    double budget = json_object_get_double_member (json_object_get_object_member (f, "budget"), "ratio");

    assert_true (json_object_get_boolean_member (f, "pass")
                 == (json_object_get_double_member (f, "ratio") <= budget
                     && json_object_get_double_member (pulled, "ratio") <= budget));
  }
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'mainstreet_bench%'"), 0);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static int
start_hub_server (void **state)
{
  pg = pos_test_pg_start ();
  return pg == NULL ? -1 : 0;
}

static int
stop_hub_server (void **state)
{
  g_clear_pointer (&pg, pos_test_pg_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fifty_tills_sell_and_sync_at_once),
    cmocka_unit_test (test_hub_figures_are_measured),
  };

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, start_hub_server, stop_hub_server);
}
