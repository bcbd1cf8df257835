/* test-bench.c — the benchmark runs end to end on a tiny store and
 * reports every figure with its limit and budget. */
#include "pos-test-util.h"

#include "pos-bench.h"

static const PosBenchSize tiny = { 2000, 20000, 10, 20 };
static const PosBenchOptions no_hub = { TRUE, NULL, NULL };

static JsonObject *
figure (JsonObject *result, guint i)
{
  return json_array_get_object_element (json_object_get_array_member (result, "figures"), i);
}

static void
test_bench_measures_every_figure_against_its_limit (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pos_bench_run_sized (dir, &tiny, &no_hub, &error);
  g_autofree char *text = NULL;
  JsonObject *result, *floor;

  pos_assert_no_error (error);
  result = json_node_get_object (node);
  assert_true (json_object_get_boolean_member (result, "quick"));
  assert_int_equal (json_array_get_length (json_object_get_array_member (result, "figures")), 6);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *f = figure (result, i);
      assert_true (json_object_get_double_member (f, "median") > 0);
      assert_true (json_object_get_double_member (f, "p95") >= json_object_get_double_member (f, "median"));
      assert_true (json_object_get_double_member (f, "p99") >= json_object_get_double_member (f, "p95"));
      assert_true (json_object_has_member (f, "pass"));
      assert_true (json_object_has_member (f, "budget"));
      if (i < 4)
        {
          JsonObject *limit = json_object_get_object_member (f, "limit");
          assert_true (json_object_get_double_member (limit, "median") > 0);
          assert_true (json_object_get_double_member (f, "ratio") > 0);
        }
    }
  /* Sales, scans and searches really ran: 20 sales of 5 lines. */
  assert_int_equal (json_object_get_int_member (figure (result, 0), "samples"), 20);
  assert_int_equal (
      json_object_get_int_member (json_object_get_object_member (figure (result, 0), "limit"), "samples"),
      20);
  /* Beside them, as many one-row commits into a store of the benchmark's own. */
  floor = json_object_get_object_member (figure (result, 0), "engine_floor");
  assert_int_equal (json_object_get_int_member (floor, "samples"), 20);
  assert_true (json_object_get_double_member (floor, "ratio_to_limit") > 0);
  assert_int_equal (json_object_get_int_member (figure (result, 1), "samples"), 200);
  /* The owner's page: its p95 against its 1 s budget. */
  assert_int_equal (json_object_get_int_member (figure (result, 5), "id"), 9);
  assert_true (json_object_get_double_member (figure (result, 5), "ratio") > 0);
  /* Without a hub or the app, their figures say why they were not measured. */
  assert_int_equal (json_object_get_size (json_object_get_object_member (result, "skipped")), 4);

  text = pos_bench_format (node);
  assert_non_null (strstr (text, "1 sale commit"));
  assert_non_null (strstr (text, "beside it, one-row commit"));
  assert_non_null (strstr (text, "SKIP 8 sync push (per 1,000 events): skipped: no hub"));
  assert_non_null (strstr (text, "SKIP 5 "));
  assert_true (strstr (text, "PASS") != NULL || strstr (text, "FAIL") != NULL);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_bench_reuses_a_finished_store (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) first = pos_bench_run_sized (dir, &tiny, &no_hub, &error);
  g_autoptr (JsonNode) second = NULL;
  g_autofree char *partial = g_build_filename (dir, "bench-2000-20000.db.partial", NULL);
  JsonObject *store;

  pos_assert_no_error (error);
  store = json_object_get_object_member (json_node_get_object (first), "store");
  assert_false (json_object_get_null_member (store, "generated_s"));
  assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  second = pos_bench_run_sized (dir, &tiny, &no_hub, &error);
  pos_assert_no_error (error);
  store = json_object_get_object_member (json_node_get_object (second), "store");
  assert_true (json_object_get_null_member (store, "generated_s"));
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_bench_reports_an_unwritable_folder (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pos_bench_run_sized ("/proc/mainstreet-bench", &tiny, &no_hub, &error);

  assert_null (node);
  assert_non_null (error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_bench_measures_every_figure_against_its_limit),
    cmocka_unit_test (test_bench_reuses_a_finished_store),
    cmocka_unit_test (test_bench_reports_an_unwritable_folder),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
