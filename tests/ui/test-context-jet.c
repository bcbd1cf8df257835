/* test-context-jet.c — under FR-NF525 the till's start-up is a line of
 * France's event log (JET); with no fiscal profile it writes none. */
#include "pos-test-util.h"

#include "pos-context.h"
#include "pos-store-private.h"

static gint64
app_starts (PosStore *store)
{
  return pos_test_query_int (store, "SELECT count(*) FROM fiscal_event WHERE kind = 'start' AND line LIKE "
                                    "'JET|%|start|%|app|%'");
}

static void
test_start_up_is_logged_under_fr_nf525 (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosContext) context = NULL;

  assert_true (pos_store_set_setting (t->store, "fiscal_profile", "FR-NF525", &error));
  pos_assert_no_error (error);
  context = pos_context_new (t->path, &error);
  pos_assert_no_error (error);
  assert_int_equal (app_starts (t->store), 1);
}

static void
test_no_profile_no_log (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosContext) context = pos_context_new (t->path, &error);

  pos_assert_no_error (error);
  assert_int_equal (app_starts (t->store), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_start_up_is_logged_under_fr_nf525),
    cmocka_unit_test (test_no_profile_no_log),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
