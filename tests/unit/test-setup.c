/* test-setup.c — creating a shop from a setup plan, all or nothing. */
#include "pos-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pos-demo.h"
#include "pos-error.h"
#include "pos-hub.h"
#include "pos-setup-private.h"
#include "pos-setup.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-users-testing.h"
#include "pos-users.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static int
fixture_setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  f->dir = pos_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "shop", "store.db", NULL);
  *state = f;
  return 0;
}

static int
fixture_teardown (void **state)
{
  Fixture *f = *state;

  pos_test_tmpdir_free (f->dir);
  g_free (f->path);
  g_free (f);
  return 0;
}

/* What the assistant makes for a shop in Switzerland run by Anna. */
static PosSetupPlan *
swiss_plan (void)
{
  PosSetupPlan *plan = pos_setup_plan_new (POS_SETUP_NEW_SHOP);

  plan->shop_name = g_strdup ("Anna's Corner");
  plan->shop_address = g_strdup ("Marktgasse 1, Bern");
  plan->shop_tax_id = g_strdup ("CHE-123.456.789 MWST");
  assert_true (pos_setup_plan_use_country (plan, "CH"));
  plan->owner_name = g_strdup ("Anna");
  plan->owner_pin = g_strdup ("2468");
  plan->owner_pin_again = g_strdup ("2468");
  return plan;
}

static gint64
count_in (const char *path, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (path, POS_STORE_OPEN_NO_CHECK, &error);

  pos_assert_no_error (error);
  return pos_test_query_int (store, sql);
}

static void
test_setup_new_shop_owner_can_sign_in (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = NULL;
  g_autoptr (PosUser) owner = NULL;
  g_auto (PosShopRules) rules = { 0 };
  g_autofree char *name = NULL;

  assert_true (pos_setup_needed (f->path));
  assert_true (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_false (pos_setup_needed (f->path));
  store = pos_store_open (f->path, POS_STORE_OPEN_NO_CHECK, &error);
  pos_assert_no_error (error);
  owner = pos_users_authenticate (store, "Anna", "2468", &error);
  pos_assert_no_error (error);
  assert_int_equal (owner->role, POS_ROLE_OWNER);
  name = pos_shop_setting_get (store, "shop_name");
  assert_string_equal (name, "Anna's Corner");
  pos_shop_rules_load (store, &rules);
  assert_string_equal (rules.currency->code, "CHF");
  assert_int_equal (rules.cash_step, 5);
  assert_int_equal (rules.tax_mode, POS_TAX_INCLUSIVE);
  /* The Swiss presets, as the table has them. */
  assert_int_equal (pos_test_query_int (store, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 810);
  assert_int_equal (pos_test_query_int (store, "SELECT count(*) FROM tax_rate"), 3);
  {
    g_autofree char *building = g_strconcat (f->path, ".setup", NULL);
    assert_false (g_file_test (building, G_FILE_TEST_EXISTS));
  }
}

/* Rates the owner edited in the step are the ones the shop gets. */
static void
test_setup_edited_tax_rates_and_excl_prices (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;

  assert_true (pos_setup_plan_use_country (plan, "US"));
  ((PosTaxRate *)plan->tax_rates->pdata[0])->rate_bp = 887;
  pos_setup_plan_add_tax_rate (plan, "F", "Food", 225);
  assert_true (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (count_in (f->path, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 887);
  assert_int_equal (count_in (f->path, "SELECT rate_bp FROM tax_rate WHERE code = 'F'"), 225);
  assert_int_equal (count_in (f->path, "SELECT value = 'exclusive' FROM setting WHERE key = 'tax_mode'"), 1);
  assert_int_equal (count_in (f->path, "SELECT value = 'USD' FROM setting WHERE key = 'currency'"), 1);
}

/* The fiscal profile chosen at setup is the shop's; none is the default. */
static void
test_setup_keeps_the_fiscal_profile (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;

  plan->fiscal_profile = g_strdup ("FR-NF525");
  assert_true (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (count_in (f->path, "SELECT value = 'FR-NF525' FROM setting WHERE key = 'fiscal_profile'"),
                    1);
}

static void
test_setup_refuses_an_unknown_fiscal_profile (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;

  plan->fiscal_profile = g_strdup ("XX-LAW");
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* Each wrong field is named, and no store file appears. */
static void
check_refused (Fixture *f, PosSetupPlan *plan, PosSetupField expected)
{
  g_autoptr (GError) error = NULL;
  PosSetupField bad = POS_SETUP_FIELD_NONE;

  assert_false (pos_setup_check (plan, &bad, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (bad, expected);
  g_clear_error (&error);
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_setup_wrong_field_writes_nothing (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();

  g_free (plan->owner_pin_again);
  plan->owner_pin_again = g_strdup ("2469");
  check_refused (f, plan, POS_SETUP_FIELD_OWNER_PIN_AGAIN);
  g_free (plan->owner_pin);
  plan->owner_pin = g_strdup ("12");
  check_refused (f, plan, POS_SETUP_FIELD_OWNER_PIN);
  g_free (plan->owner_name);
  plan->owner_name = g_strdup ("  ");
  check_refused (f, plan, POS_SETUP_FIELD_OWNER_NAME);
  pos_setup_plan_add_tax_rate (plan, "A", "Again", 100);
  check_refused (f, plan, POS_SETUP_FIELD_TAX_RATES);
  g_free (plan->shop_name);
  plan->shop_name = g_strdup ("");
  check_refused (f, plan, POS_SETUP_FIELD_SHOP_NAME);
}

/* A products file with a bad row: nothing, not even the shop, is made. */
static void
test_setup_bad_products_file_leaves_no_store (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "products.csv", NULL);

  assert_true (g_file_set_contents (csv, "sku,name,price,tax\nP1,Bread,3.50,A\nP2,Milk,-1,A\n", -1, NULL));
  plan->products = POS_SETUP_PRODUCTS_CSV;
  plan->products_file = g_strdup (csv);
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "line 3");
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *building = g_strconcat (f->path, ".setup", NULL);
    assert_false (g_file_test (building, G_FILE_TEST_EXISTS));
  }
}

static void
on_preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PosImportReport **report = user_data;
  g_autoptr (GError) error = NULL;

  *report = pos_setup_preview_products_finish (result, &error);
  pos_assert_no_error (error);
}

/* The preview lists each row's problem with the plan's own tax codes. */
static void
test_setup_preview_products_lists_row_errors (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (PosImportReport) report = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "products.csv", NULL);

  assert_true (g_file_set_contents (csv, "sku,name,price,tax\nP1,Bread,3.50,B\nP2,Milk,1.20,Q\n", -1, NULL));
  plan->products = POS_SETUP_PRODUCTS_CSV;
  plan->products_file = g_strdup (csv);
  pos_setup_preview_products_async (plan, NULL, on_preview_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_int_equal (report->rows, 2);
  assert_int_equal (report->added, 1);
  assert_int_equal (report->row_errors->len, 1);
  pos_assert_contains (report->row_errors->pdata[0], "line 3");
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A store made by `init` without an owner is completed, not replaced. */
static void
test_setup_completes_store_without_users (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) bare = pos_setup_plan_new (POS_SETUP_NEW_SHOP);
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;

  pos_setup_plan_add_tax_rate (bare, "S", "Standard", 2000);
  assert_true (pos_setup_apply (bare, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_true (pos_setup_needed (f->path));
  assert_true (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_false (pos_setup_needed (f->path));
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM tax_rate"), 4);
  /* Once someone can sign in, setting up again is refused. */
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
}

static gboolean
fail_catalog (PosStore *store, GError **error)
{
  g_set_error_literal (error, POS_ERROR, POS_ERROR_FAILED, "the catalog could not be loaded");
  return FALSE;
}

/* Completing a store without users is all or nothing: a step failing after
 * the settings, tax rates and owner were saved leaves the store as it was. */
static void
test_setup_completing_store_fails_whole (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) bare = pos_setup_plan_new (POS_SETUP_NEW_SHOP);
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;
  g_autofree char *building = g_strconcat (f->path, ".setup", NULL);

  pos_setup_plan_add_tax_rate (bare, "S", "Standard", 2000);
  assert_true (pos_setup_apply (bare, f->path, NULL, &error));
  pos_assert_no_error (error);
  plan->products = POS_SETUP_PRODUCTS_DEMO;
  plan->add_demo_catalog = fail_catalog;
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_FAILED);
  assert_true (pos_setup_needed (f->path));
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM user"), 0);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM tax_rate"), 1);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM setting WHERE key = 'shop_name'"), 0);
  assert_false (g_file_test (building, G_FILE_TEST_EXISTS));
  /* And the same plan, fixed, still completes it. */
  g_clear_error (&error);
  plan->add_demo_catalog = pos_demo_add_catalog;
  assert_true (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM user"), 1);
  assert_true (count_in (f->path, "SELECT count(*) FROM product") >= 1500);
}

/* "Load the demo catalog": the demo shop's products, barcodes and tax
 * rates in the new shop's currency, but none of its people or sales. */
static void
test_setup_new_shop_with_demo_catalog (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;

  plan->products = POS_SETUP_PRODUCTS_DEMO;
  plan->add_demo_catalog = pos_demo_add_catalog;
  assert_true (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_no_error (error);
  assert_true (count_in (f->path, "SELECT count(*) FROM product") >= 1500);
  assert_true (count_in (f->path, "SELECT count(*) FROM barcode") > 1000);
  assert_true (count_in (f->path, "SELECT count(*) FROM category") > 5);
  /* The plan's Swiss rates stay as typed; the demo's missing codes join them. */
  assert_int_equal (count_in (f->path, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 810);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM user"), 1);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM user WHERE name = 'Anna'"), 1);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM customer"), 0);
  assert_int_equal (count_in (f->path, "SELECT count(*) FROM sale"), 0);
}

/* Without the demo library the choice is refused before anything is made. */
static void
test_setup_demo_catalog_needs_the_demo (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;

  plan->products = POS_SETUP_PRODUCTS_DEMO;
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* The app's backup folder and schedule go into its settings. */
static void
test_setup_backup_settings (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettingsSchemaSource) source = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *schema_dir = g_build_filename (g_getenv ("POS_BUILD_DIR"), "ui", "schemas", NULL);
  g_autofree char *folder = NULL;

  source = g_settings_schema_source_new_from_directory (schema_dir, NULL, FALSE, &error);
  pos_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "org.mainstreet.Mainstreet", FALSE);
  assert_non_null (schema);
  settings = g_settings_new_full (schema, NULL, NULL);
  plan->backup_folder = g_strdup (f->dir);
  plan->backup_interval_minutes = 240;
  assert_true (pos_setup_apply (plan, f->path, settings, &error));
  pos_assert_no_error (error);
  folder = g_settings_get_string (settings, "backup-folder");
  assert_string_equal (folder, f->dir);
  assert_int_equal (g_settings_get_uint (settings, "backup-interval"), 240);
}

static void
on_bool_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
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

/* Whether @text is in @data, which holds printer commands with NUL bytes. */
static gboolean
contains_bytes (const char *data, gsize len, const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* The test page names the shop being set up, and sets nothing up. */
/* A PNG image some rows of dots tall, as the receipt preview draws it. */
static gboolean
is_png (GBytes *png)
{
  gsize len = 0;
  const guchar *data = png ? g_bytes_get_data (png, &len) : NULL;
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint32 height;

  if (len < 24 || memcmp (data, signature, sizeof signature) != 0)
    return FALSE;
  /* The IHDR chunk: width at 16, height at 20, big-endian. */
  height = (guint32)data[20] << 24 | (guint32)data[21] << 16 | (guint32)data[22] << 8 | data[23];
  return height > 100;
}

static void
test_setup_test_print_names_the_shop (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "printer.bin", NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;

  g_autoptr (GBytes) png = NULL;

  plan->printer_uri = g_strconcat ("file:", out, NULL);
  pos_setup_test_print_async (plan, NULL, on_bool_done_cb, &result);
  png = pos_setup_test_print_finish (wait_for (&result), &error);
  pos_assert_no_error (error);
  assert_true (is_png (png));
  assert_true (g_file_get_contents (out, &bytes, &len, NULL));
  assert_true (contains_bytes (bytes, len, "Anna's Corner"));
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* Joining: this till's role on the hub, its password quoted. */
/* "No printer" still shows the page as a receipt printer would print it. */
static void
test_setup_test_print_without_printer_is_a_preview (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = swiss_plan ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = NULL;

  pos_setup_test_print_async (plan, NULL, on_bool_done_cb, &result);
  png = pos_setup_test_print_finish (wait_for (&result), &error);
  pos_assert_no_error (error);
  assert_true (is_png (png));
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_setup_join_connects_as_the_till (void **state)
{
  g_autoptr (PosSetupPlan) plan = pos_setup_plan_new (POS_SETUP_JOIN_SHOP);
  g_autoptr (GError) error = NULL;
  g_autofree char *conninfo = NULL;

  plan->hub_conninfo = g_strdup ("host=hub.example.com dbname=shop sslmode=verify-full");
  plan->hub_password = g_strdup ("it's secret");
  plan->till_id = g_strdup ("T2");
  conninfo = pos_setup_till_conninfo (plan, &error);
  pos_assert_no_error (error);
  pos_assert_contains (conninfo, "user=shop_till_t2");
  pos_assert_contains (conninfo, "password='it\\'s secret'");
  pos_assert_contains (conninfo, "host=hub.example.com");
  g_free (plan->hub_conninfo);
  plan->hub_conninfo = g_strdup ("host=hub.example.com");
  g_clear_pointer (&conninfo, g_free);
  assert_null (pos_setup_till_conninfo (plan, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "dbname");
}

/* A hub that does not answer is a clear error, and nothing is made. */
static void
test_setup_join_unreachable_hub_is_an_error (void **state)
{
  Fixture *f = *state;
  g_autoptr (PosSetupPlan) plan = pos_setup_plan_new (POS_SETUP_JOIN_SHOP);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  plan->hub_conninfo = g_strdup ("host=127.0.0.1 port=1 dbname=shop connect_timeout=2");
  plan->hub_password = g_strdup ("secret");
  plan->till_id = g_strdup ("T2");
  pos_setup_check_hub_async (plan, NULL, on_bool_done_cb, &result);
  assert_false (pos_setup_check_hub_finish (wait_for (&result), &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);
  assert_false (pos_setup_apply (plan, f->path, NULL, &error));
  assert_non_null (error);
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_setup_new_shop_owner_can_sign_in, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_edited_tax_rates_and_excl_prices, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_keeps_the_fiscal_profile, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_refuses_an_unknown_fiscal_profile, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_wrong_field_writes_nothing, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_bad_products_file_leaves_no_store, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_preview_products_lists_row_errors, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_completes_store_without_users, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_completing_store_fails_whole, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_new_shop_with_demo_catalog, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_demo_catalog_needs_the_demo, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_backup_settings, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_test_print_names_the_shop, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_test_print_without_printer_is_a_preview, fixture_setup,
                                     fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_join_connects_as_the_till, fixture_setup, fixture_teardown),
    cmocka_unit_test_setup_teardown (test_setup_join_unreachable_hub_is_an_error, fixture_setup,
                                     fixture_teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
