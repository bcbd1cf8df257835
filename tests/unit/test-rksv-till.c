/* test-rksv-till.c — an Austrian till's closing receipts, checked by
 * `fiscal verify`: every month with sales ends in a monthly closing receipt
 * before the next month's first sale, and December's is the annual one.
 * The clock is fixed, so months pass in the test; the signing is real, on a
 * SoftHSM2 token made in a temporary folder (tests/integration/lib-softhsm.sh). */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include "pos-clock.h"
#include "pos-error.h"
#include "pos-rksv-till.h"
#include "pos-store-private.h"

typedef struct
{
  PosTestStore *t;
  char *hsm;
  PosUser *owner;
  guint sales;
} Fixture;

static void
make_token (const char *dir)
{
  g_autofree char *lib
      = g_build_filename (g_getenv ("POS_SOURCE_DIR"), "tests", "integration", "lib-softhsm.sh", NULL);
  g_autofree char *script = g_strdup_printf (". '%s' && softhsm_token '%s' kasse 2468 rksv-key", lib, dir);
  const char *argv[] = { "bash", "-c", script, NULL };
  g_autofree char *conf = g_build_filename (dir, "softhsm2.conf", NULL);
  int status = -1;

  assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  assert_int_equal (status, 0);
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  f->t = pos_test_store_new ();
  f->hsm = pos_test_tmpdir_new ();
  make_token (f->hsm);
  f->owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  pos_clock_set_fixed_for_testing (0);
  pos_user_free (f->owner);
  pos_test_store_free (f->t);
  pos_test_tmpdir_free (f->hsm);
  g_free (f);
  return 0;
}

static void
at (const char *iso)
{
  gint64 us = 0;

  assert_true (pos_clock_parse_iso (iso, &us));
  pos_clock_set_fixed_for_testing (us);
}

static void
start (Fixture *f, const char *when)
{
  PosRksvSetup setup = { "KASSE-1", "U:ATU12345678-K1", NULL, "kasse", "rksv-key", "2468" };
  g_autoptr (GError) error = NULL;
  g_autofree char *module = NULL;

  for (const char *const *m
       = (const char *const[]){ "/usr/lib/softhsm/libsofthsm2.so",
                                "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", NULL };
       *m != NULL && module == NULL; m++)
    if (g_file_test (*m, G_FILE_TEST_EXISTS))
      module = g_strdup (*m);
  assert_non_null (module);
  setup.module_path = module;
  at (when);
  assert_true (pos_rksv_till_setup (f->t->store, f->owner, &setup, &error));
  pos_assert_no_error (error);
}

/* A sale of 12.00 at 20 %, signed as a sale's own transaction does. */
static void
sell (Fixture *f, const char *when)
{
  g_autoptr (JsonArray) taxes = json_array_new ();
  JsonObject *tax = json_object_new ();
  g_autofree char *receipt = g_strdup_printf ("T1-%u", ++f->sales);
  g_autoptr (GError) error = NULL;

  json_object_set_int_member (tax, "rate_bp", 2000);
  json_object_set_int_member (tax, "gross", 1200);
  json_array_add_object_element (taxes, tax);
  at (when);
  assert_true (pos_store_begin (f->t->store, &error));
  assert_true (pos_rksv_till_sale (f->t->store, 0, "sale", receipt, NULL, taxes, &error));
  assert_true (pos_store_commit (f->t->store, &error));
  pos_assert_no_error (error);
}

static void
close_period (Fixture *f, const char *kind, const char *when)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *receipt = NULL;
  gboolean failed = TRUE;

  at (when);
  assert_true (pos_rksv_till_null_receipt (f->t->store, f->owner, kind, &receipt, &failed, &error));
  pos_assert_no_error (error);
  assert_false (failed);
}

static void
test_closed_months_and_year_verify (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  guint count = 0;

  start (f, "2026-11-20T09:00:00Z");
  sell (f, "2026-11-20T10:00:00Z");
  close_period (f, "month", "2026-11-30T18:00:00Z");
  sell (f, "2026-12-02T10:00:00Z");
  close_period (f, "month", "2026-12-31T17:00:00Z");
  close_period (f, "year", "2026-12-31T17:01:00Z");
  sell (f, "2027-01-04T10:00:00Z");
  assert_true (pos_rksv_till_verify (f->t->store, &count, &error));
  pos_assert_no_error (error);
  assert_int_equal (count, 7);
}

static void
test_a_month_without_its_closing_receipt_is_named (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;

  start (f, "2026-10-20T09:00:00Z");
  sell (f, "2026-10-20T10:00:00Z");
  close_period (f, "month", "2026-10-31T18:00:00Z");
  sell (f, "2026-11-03T10:00:00Z");
  sell (f, "2026-12-01T10:00:00Z");
  assert_false (pos_rksv_till_verify (f->t->store, NULL, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN));
  assert_string_equal (error->message, "AT-RKSV: no monthly closing receipt for 2026-11");
}

static void
test_december_needs_the_annual_closing_receipt (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;

  start (f, "2026-12-01T09:00:00Z");
  sell (f, "2026-12-01T10:00:00Z");
  close_period (f, "month", "2026-12-31T17:00:00Z");
  sell (f, "2027-01-04T10:00:00Z");
  assert_false (pos_rksv_till_verify (f->t->store, NULL, &error));
  assert_string_equal (error->message, "AT-RKSV: no annual closing receipt for 2026-12");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_closed_months_and_year_verify, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_month_without_its_closing_receipt_is_named, setup, teardown),
    cmocka_unit_test_setup_teardown (test_december_needs_the_annual_closing_receipt, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
