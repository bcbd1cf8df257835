/* test-hub-secret.c — the hub password is kept out of the settings. */
#include "pos-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "pos-hub-secret.h"
#include "pos-setup-private.h"
#include "pos-setup.h"

/* Run by run-with-keyring.sh inside a D-Bus session with an unlocked
 * gnome-keyring: the password must then go to the keyring. Otherwise there
 * is no session bus, and it must go to the 0600 file. */
static gboolean with_keyring;
static char *config_dir;

typedef struct
{
  char *dir;
  char *keyfile;
  GSettings *settings;
} Fixture;

static int
fixture_setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autofree char *schema_dir = g_build_filename (g_getenv ("POS_BUILD_DIR"), "ui", "schemas", NULL);
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsBackend) backend = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = pos_test_tmpdir_new ();
  f->keyfile = g_build_filename (f->dir, "settings.ini", NULL);
  source = g_settings_schema_source_new_from_directory (schema_dir, NULL, FALSE, &error);
  pos_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "org.mainstreet.Mainstreet", FALSE);
  assert_non_null (schema);
  backend = g_keyfile_settings_backend_new (f->keyfile, "/", NULL);
  f->settings = g_settings_new_full (schema, backend, NULL);
  *state = f;
  return 0;
}

static int
fixture_teardown (void **state)
{
  Fixture *f = *state;

  g_clear_object (&f->settings);
  pos_test_tmpdir_free (f->dir);
  g_free (f->keyfile);
  g_free (f);
  return 0;
}

/* What the settings keep on disk, as the keyfile backend wrote it. */
static char *
keyfile_text (Fixture *f)
{
  char *text = NULL;

  g_settings_sync ();
  if (!g_file_get_contents (f->keyfile, &text, NULL, NULL))
    text = g_strdup ("");
  return text;
}

static char *
password_file_text (void)
{
  g_autofree char *path = g_build_filename (config_dir, "mainstreet", "hub-passwords", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    text = g_strdup ("");
  return text;
}

/* The password is where this run expects it, and only there. */
static void
assert_kept (const char *password, PosHubSecretPlace place)
{
  g_autofree char *file = password_file_text ();

  if (with_keyring)
    {
      assert_int_equal (place, POS_HUB_SECRET_KEYRING);
      assert_null (strstr (file, password));
    }
  else
    {
      g_autofree char *path = g_build_filename (config_dir, "mainstreet", "hub-passwords", NULL);
      GStatBuf st;

      assert_int_equal (place, POS_HUB_SECRET_FILE);
      assert_non_null (strstr (file, password));
      assert_int_equal (g_stat (path, &st), 0);
      assert_int_equal (st.st_mode & 0777, 0600);
    }
}

static void
test_split_and_join (void **state)
{
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *joined = NULL;
  g_autoptr (GError) error = NULL;

  (void)state;
  stripped
      = pos_hub_secret_split ("postgresql://shop_t2:it's%20me@hub.example.com:5433/shop?sslmode=verify-full",
                              &password, &host, &error);
  pos_assert_no_error (error);
  assert_string_equal (password, "it's me");
  assert_string_equal (host, "hub.example.com");
  assert_null (strstr (stripped, "password"));
  assert_non_null (strstr (stripped, "user='shop_t2'"));
  assert_non_null (strstr (stripped, "port='5433'"));
  joined = pos_hub_secret_join (stripped, password);
  g_clear_pointer (&password, g_free);
  g_clear_pointer (&stripped, g_free);
  stripped = pos_hub_secret_split (joined, &password, NULL, &error);
  assert_string_equal (password, "it's me");

  assert_null (pos_hub_secret_split ("host='unterminated", NULL, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

static void
test_store_lookup_clear (void **state)
{
  g_autofree char *found = NULL;
  g_autoptr (GError) error = NULL;
  PosHubSecretPlace place = 99;

  (void)state;
  assert_true (pos_hub_secret_store ("T9", "hub.example.com", "s3cret 'quoted'", &place, NULL, &error));
  pos_assert_no_error (error);
  assert_kept ("s3cret 'quoted'", place);
  found = pos_hub_secret_lookup ("T9", "hub.example.com", NULL, &error);
  pos_assert_no_error (error);
  assert_string_equal (found, "s3cret 'quoted'");
  /* Another till or hub is another password. */
  assert_null (pos_hub_secret_lookup ("T8", "hub.example.com", NULL, &error));
  assert_null (pos_hub_secret_lookup ("T9", "other.example.com", NULL, &error));
  pos_assert_no_error (error);

  assert_true (pos_hub_secret_clear ("T9", "hub.example.com", NULL, &error));
  pos_assert_no_error (error);
  assert_null (pos_hub_secret_lookup ("T9", "hub.example.com", NULL, &error));
  pos_assert_no_error (error);
}

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_store_lookup_async (void **state)
{
  g_autoptr (GAsyncResult) stored = NULL;
  g_autoptr (GAsyncResult) looked_up = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  PosHubSecretPlace place = 99;

  (void)state;
  pos_hub_secret_store_async ("T7", "10.0.0.7", "async-pw", NULL, on_done_cb, &stored);
  assert_true (pos_hub_secret_store_finish (wait_for (&stored), &place, &error));
  pos_assert_no_error (error);
  assert_kept ("async-pw", place);
  pos_hub_secret_lookup_async ("T7", "10.0.0.7", NULL, on_done_cb, &looked_up);
  found = pos_hub_secret_lookup_finish (wait_for (&looked_up), &error);
  pos_assert_no_error (error);
  assert_string_equal (found, "async-pw");
  assert_true (pos_hub_secret_clear ("T7", "10.0.0.7", NULL, &error));
}

/* Joining a shop in the assistant: the settings get the connection, the
 * keyring the password; connecting puts them together again. */
static void
test_setup_keeps_password_out_of_settings (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = pos_setup_plan_new (POS_SETUP_JOIN_SHOP);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *found = NULL;

  plan->hub_conninfo = g_strdup ("host=hub.example.com dbname=shop sslmode=verify-full");
  plan->till_id = g_strdup ("T2");
  plan->hub_password = g_strdup ("pw-of-T2");
  pos_setup_write_app_settings (plan, f->settings);

  text = keyfile_text (f);
  assert_non_null (strstr (text, "hub-conninfo"));
  assert_null (strstr (text, "pw-of-T2"));
  assert_null (strstr (text, "password"));
  saved = g_settings_get_string (f->settings, "hub-conninfo");
  assert_non_null (strstr (saved, "host='hub.example.com'"));
  found = pos_hub_secret_lookup ("T2", "hub.example.com", NULL, &error);
  pos_assert_no_error (error);
  assert_string_equal (found, "pw-of-T2");
  conninfo = pos_hub_secret_load_conninfo (f->settings, "T2", &error);
  pos_assert_no_error (error);
  assert_non_null (strstr (conninfo, "password='pw-of-T2'"));
  assert_non_null (strstr (conninfo, "dbname='shop'"));
  assert_true (pos_hub_secret_clear ("T2", "hub.example.com", NULL, &error));
}

/* The Settings page: a password typed into the connection string moves
 * out of it; an empty connection removes the hub and its password. */
static void
test_saved_connection_holds_no_password (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *found = NULL;
  g_autofree char *saved = NULL;
  PosHubSecretPlace place = 99;

  assert_true (pos_hub_secret_save_conninfo (
      f->settings, "T3", "host=hub.example.com dbname=shop user=shop_t3 password=typed-in", &place, &error));
  pos_assert_no_error (error);
  assert_kept ("typed-in", place);
  text = keyfile_text (f);
  assert_null (strstr (text, "typed-in"));
  assert_non_null (strstr (text, "shop_t3"));

  assert_true (pos_hub_secret_save_conninfo (f->settings, "T3", "  ", NULL, &error));
  pos_assert_no_error (error);
  saved = g_settings_get_string (f->settings, "hub-conninfo");
  assert_string_equal (saved, "");
  found = pos_hub_secret_lookup ("T3", "hub.example.com", NULL, &error);
  pos_assert_no_error (error);
  assert_null (found);
  assert_null (pos_hub_secret_load_conninfo (f->settings, "T3", &error));
  pos_assert_no_error (error);
}

/* A value saved by an older version, password and all, is moved on the
 * first read, and the till still connects with it. */
static void
test_old_value_is_migrated (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *text = NULL;
  g_autofree char *found = NULL;
  g_autofree char *again = NULL;

  g_settings_set_string (f->settings, "hub-conninfo",
                         "host=hub.example.com port=5432 dbname=shop user=shop_t4 password=old-secret");
  text = keyfile_text (f);
  assert_non_null (strstr (text, "old-secret"));
  g_clear_pointer (&text, g_free);

  conninfo = pos_hub_secret_load_conninfo (f->settings, "T4", &error);
  pos_assert_no_error (error);
  assert_non_null (strstr (conninfo, "password='old-secret'"));
  saved = g_settings_get_string (f->settings, "hub-conninfo");
  assert_null (strstr (saved, "old-secret"));
  assert_non_null (strstr (saved, "user='shop_t4'"));
  text = keyfile_text (f);
  assert_null (strstr (text, "old-secret"));
  found = pos_hub_secret_lookup ("T4", "hub.example.com", NULL, &error);
  assert_string_equal (found, "old-secret");
  /* Read again, now from the keyring. */
  again = pos_hub_secret_load_conninfo (f->settings, "T4", &error);
  pos_assert_no_error (error);
  assert_string_equal (again, conninfo);
  assert_true (pos_hub_secret_clear ("T4", "hub.example.com", NULL, &error));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_split_and_join),
    cmocka_unit_test (test_store_lookup_clear),
    cmocka_unit_test (test_store_lookup_async),
    cmocka_unit_test_setup_teardown (test_setup_keeps_password_out_of_settings, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_saved_connection_holds_no_password, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_old_value_is_migrated, fixture_setup, fixture_teardown),
  };
  g_autofree char *root = pos_test_tmpdir_new ();
  int failed;

  with_keyring = g_strcmp0 (g_getenv ("POS_TEST_KEYRING"), "1") == 0;
  if (!with_keyring)
    {
      /* No session bus at all: a till without a desktop session. */
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_setenv ("XDG_RUNTIME_DIR", root, TRUE);
    }
  config_dir = g_build_filename (root, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  failed = cmocka_run_group_tests (tests, NULL, NULL);
  g_free (config_dir);
  pos_test_tmpdir_free (g_steal_pointer (&root));
  return failed;
}
