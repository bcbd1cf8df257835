/* test-application-help.c — F1 opens the manual on the page for the
 * screen in front: the action is there, F1 is bound to it, and each
 * screen's address names a page that the manual really has. */
#include "pos-test-util.h"

#include "pos-window.h"

/* Every screen the window can show, and the manual's page for it. */
static const struct
{
  const char *screen;
  const char *uri;
} expected[] = {
  { "login", "help:mainstreet/getting-started" }, { "sale", "help:mainstreet/selling" },
  { "payment", "help:mainstreet/selling" },       { "refund", "help:mainstreet/refunds" },
  { "stock", "help:mainstreet/stock" },           { "customers", "help:mainstreet/customers" },
  { "reports", "help:mainstreet/day-close" },     { "settings", "help:mainstreet/settings" },
  { "history", "help:mainstreet/history" },
};

static void
test_help_uri_names_the_page_for_each_screen (void **state)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *uri = pos_application_help_uri (expected[i].screen);
      assert_string_equal (uri, expected[i].uri);
    }
}

static void
test_help_uri_without_a_page_opens_the_front_page (void **state)
{
  g_autofree char *none = pos_application_help_uri (NULL);
  g_autofree char *unknown = pos_application_help_uri ("no-such-screen");

  assert_string_equal (none, "help:mainstreet");
  assert_string_equal (unknown, "help:mainstreet");
}

/* A link to a page the manual lacks would open Yelp on an error. */
static void
test_help_uri_pages_exist_in_the_manual (void **state)
{
  const char *source = g_getenv ("POS_SOURCE_DIR");

  assert_non_null (source);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *uri = pos_application_help_uri (expected[i].screen);
      g_autofree char *file = g_strconcat (uri + strlen ("help:mainstreet/"), ".page", NULL);
      g_autofree char *path = g_build_filename (source, "help", "C", file, NULL);
      assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_f1_is_bound_to_help (void **state)
{
  g_autoptr (PosApplication) app = pos_application_new (g_get_monotonic_time ());
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) accels = NULL;

  assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  pos_assert_no_error (error);
  assert_non_null (g_action_map_lookup_action (G_ACTION_MAP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  assert_true (g_strv_contains ((const char *const *)accels, "F1"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_help_uri_names_the_page_for_each_screen),
    cmocka_unit_test (test_help_uri_without_a_page_opens_the_front_page),
    cmocka_unit_test (test_help_uri_pages_exist_in_the_manual),
    cmocka_unit_test (test_f1_is_bound_to_help),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
