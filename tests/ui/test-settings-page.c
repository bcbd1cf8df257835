/* test-settings-page.c — the owner's settings beyond the shop's fields:
 * tax rates listed, roles changed from the users list (and refused when it
 * would leave no owner), backups taken in the background to the chosen
 * folder, a test page on the till's printer, and a refused value put back
 * to the stored one with the reason. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <adwaita.h>
#include <string.h>

#include "pos-context.h"
#include "pos-hub-secret.h"
#include "pos-shop.h"
#include "pos-users-async.h"
#include "pos-till-printer.h"
#include "settings/pos-settings-page.h"
#include "pos-store-private.h"

typedef struct
{
  PosTestStore *t;
  PosContext *context;
  GtkWidget *window;
  PosSettingsPage *page;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) owner = NULL;
  g_autoptr (PosUser) cashier = NULL;
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  assert_true (pos_store_exec (f->t->store,
                               "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000), "
                               "('B', 'Reduced', 550)",
                               NULL));
  owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  cashier = pos_users_add (f->t->store, "casey", POS_ROLE_CASHIER, "1234", &error);
  pos_assert_no_error (error);
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  g_clear_pointer (&owner, pos_user_free);
  owner = pos_users_authenticate (pos_context_get_store (f->context), "olivia", "4321", &error);
  pos_assert_no_error (error);
  pos_context_set_user (f->context, owner);
  f->page = g_object_new (POS_TYPE_SETTINGS_PAGE, NULL);
  f->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  pos_settings_page_set_context (f->page, f->context);
  pos_settings_page_reload (f->page);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  GSettings *settings = pos_context_get_settings (f->context);

  g_settings_reset (settings, "backup-folder");
  g_settings_reset (settings, "printer");
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

/* The first descendant of @root of @type for which @match holds. */
static GtkWidget *
find_widget (GtkWidget *root, GType type, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_user_drop_down (GtkWidget *widget, gconstpointer name)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "pos-user"), name) == 0;
}

static gboolean
has_title (GtkWidget *widget, gconstpointer title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
has_label (GtkWidget *widget, gconstpointer text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
has_key (GtkWidget *widget, gconstpointer key)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "pos-key"), key) == 0;
}

static void
on_add_toast_cb (PosSettingsPage *page, AdwToast *toast, char **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

static gint64
role_of (Fixture *f, const char *name)
{
  g_autoptr (PosUser) user = pos_users_lookup (f->t->store, name, NULL);

  assert_non_null (user);
  return user->role;
}

static void
test_tax_rates_are_listed_with_their_percent (void **state)
{
  Fixture *f = *state;
  GtkWidget *row = find_widget (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, has_title, "B · Reduced");

  assert_non_null (row);
  assert_non_null (find_widget (row, GTK_TYPE_LABEL, has_label, "5.50 %"));
}

static void
test_picking_a_role_saves_it (void **state)
{
  Fixture *f = *state;
  GtkWidget *drop_down = find_widget (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN, is_user_drop_down, "casey");

  assert_non_null (drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), POS_ROLE_SUPERVISOR);
  assert_int_equal (role_of (f, "casey"), POS_ROLE_SUPERVISOR);
}

static void
test_demoting_the_last_owner_is_refused_and_put_back (void **state)
{
  Fixture *f = *state;
  GtkWidget *drop_down = find_widget (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN, is_user_drop_down, "olivia");

  assert_non_null (drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), POS_ROLE_CASHIER);
  assert_int_equal (role_of (f, "olivia"), POS_ROLE_OWNER);
  assert_int_equal (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), POS_ROLE_OWNER);
}

static void
test_a_refused_shop_setting_shows_the_stored_value_and_why (void **state)
{
  Fixture *f = *state;
  GtkWidget *row = find_widget (GTK_WIDGET (f->page), ADW_TYPE_ENTRY_ROW, has_key, "discount_limit_bp");
  g_autofree char *told = NULL;
  g_autofree char *stored = NULL;

  assert_non_null (row);
  g_signal_connect (f->page, "add-toast", G_CALLBACK (on_add_toast_cb), &told);
  gtk_editable_set_text (GTK_EDITABLE (row), "lots");
  g_signal_emit_by_name (row, "apply");
  stored = pos_shop_setting_get (pos_context_get_store (f->context), "discount_limit_bp");
  assert_string_equal (stored, "1000");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (row)), "1000");
  assert_non_null (told);
  assert_true (g_str_has_prefix (told, "Not saved: "));
}

/* The hub's connection is saved without a password: one typed into it
 * moves to the keyring, one typed in its own row goes there and off the
 * screen, and an empty connection forgets both. */
static void
test_hub_password_is_kept_out_of_the_settings (void **state)
{
  Fixture *f = *state;
  GSettings *settings = pos_context_get_settings (f->context);
  const char *till = pos_context_get_till_id (f->context);
  GtkWidget *row = find_widget (GTK_WIDGET (f->page), ADW_TYPE_ENTRY_ROW, has_key, "hub-conninfo");
  GtkWidget *password = find_widget (GTK_WIDGET (f->page), ADW_TYPE_ENTRY_ROW, has_key, "hub-password");
  g_autoptr (GError) error = NULL;
  g_autofree char *told = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_later = NULL;
  g_autofree char *forgotten = NULL;

  assert_non_null (row);
  assert_non_null (password);
  g_signal_connect (f->page, "add-toast", G_CALLBACK (on_add_toast_cb), &told);
  gtk_editable_set_text (GTK_EDITABLE (row), "host=127.0.0.1 port=1 dbname=shop user=shop_till_t1 "
                                             "password=typed-secret connect_timeout=1");
  g_signal_emit_by_name (row, "apply");
  saved = g_settings_get_string (settings, "hub-conninfo");
  assert_null (strstr (saved, "typed-secret"));
  assert_non_null (strstr (saved, "shop_till_t1"));
  assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (row)), "typed-secret"));
  kept = pos_hub_secret_lookup (till, "127.0.0.1", NULL, &error);
  pos_assert_no_error (error);
  assert_string_equal (kept, "typed-secret");
  assert_true (pos_context_get_hub_configured (f->context));
  assert_non_null (strstr (told, "Hub saved"));

  g_clear_pointer (&told, g_free);
  gtk_editable_set_text (GTK_EDITABLE (password), "new-secret");
  g_signal_emit_by_name (password, "apply");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (password)), "");
  while (told == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_non_null (strstr (told, "hub password is"));
  kept_later = pos_hub_secret_lookup (till, "127.0.0.1", NULL, &error);
  assert_string_equal (kept_later, "new-secret");

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_signal_emit_by_name (row, "apply");
  forgotten = pos_hub_secret_lookup (till, "127.0.0.1", NULL, &error);
  pos_assert_no_error (error);
  assert_null (forgotten);
  assert_false (pos_context_get_hub_configured (f->context));
}

static void
wait_until_idle (PosBackupScheduler *backups)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pos_backup_scheduler_get_busy (backups) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (pos_backup_scheduler_get_busy (backups));
}

static void
test_backup_now_writes_a_checked_copy_to_the_folder (void **state)
{
  Fixture *f = *state;
  PosBackupScheduler *backups = pos_context_get_backups (f->context);
  g_autofree char *folder = g_build_filename (f->t->dir, "backups", NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_settings_set_string (pos_context_get_settings (f->context), "backup-folder", folder);
  pos_backup_scheduler_run_now (backups);
  assert_true (pos_backup_scheduler_get_busy (backups));
  wait_until_idle (backups);
  assert_true (pos_backup_scheduler_get_last_ok (backups));
  assert_non_null (strstr (pos_backup_scheduler_get_last_result (backups), folder));
  /* With its manifest, so a restore can prove it whole. */
  {
    g_autofree char *manifest = g_strconcat (strstr (pos_backup_scheduler_get_last_result (backups), folder),
                                             ".manifest.json", NULL);
    assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
  }
  dir = g_dir_open (folder, 0, NULL);
  assert_non_null (dir);
  name = g_dir_read_name (dir);
  assert_non_null (name);
  assert_true (g_str_has_prefix (name, "store-"));
}

static void
test_backup_without_folder_says_so_and_writes_nothing (void **state)
{
  Fixture *f = *state;
  PosBackupScheduler *backups = pos_context_get_backups (f->context);

  g_settings_set_string (pos_context_get_settings (f->context), "backup-folder", "");
  pos_backup_scheduler_run_now (backups);
  assert_false (pos_backup_scheduler_get_busy (backups));
  assert_false (pos_backup_scheduler_get_last_ok (backups));
  assert_non_null (strstr (pos_backup_scheduler_get_last_result (backups), "choose a backup folder"));
}

typedef struct
{
  gboolean done;
  char *error;
} Printed;

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Printed *printed = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_test_finish (POS_CONTEXT (source), result, &error))
    printed->error = g_strdup (error->message);
  printed->done = TRUE;
}

static void
test_test_print_reaches_the_till_printer (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = g_build_filename (f->t->dir, "printer.bin", NULL);
  g_autofree char *uri = g_strdup_printf ("file:%s", path);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  Printed printed = { 0 };

  g_settings_set_string (pos_context_get_settings (f->context), "printer", uri);
  pos_till_printer_test_async (f->context, NULL, on_printed_cb, &printed);
  while (!printed.done)
    g_main_context_iteration (NULL, TRUE);
  assert_null (printed.error);
  assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  assert_non_null (g_strstr_len (bytes, len, "Test print"));
  assert_string_equal (pos_context_get_printer_state (f->context), "ready");
}

static void
test_test_print_without_printer_tells_why (void **state)
{
  Fixture *f = *state;
  Printed printed = { 0 };

  pos_till_printer_test_async (f->context, NULL, on_printed_cb, &printed);
  while (!printed.done)
    g_main_context_iteration (NULL, TRUE);
  assert_non_null (printed.error);
  g_free (printed.error);
}

static void
test_shop_settings_read_with_their_defaults (void **state)
{
  Fixture *f = *state;
  PosStore *store = pos_context_get_store (f->context);
  g_autofree char *unset = pos_shop_setting_get (store, "printer_profile");
  g_autofree char *set = NULL;
  g_autofree char *unknown = pos_shop_setting_get (store, "no_such_setting");

  assert_string_equal (unset, pos_shop_setting_find ("printer_profile")->fallback);
  assert_true (pos_store_set_setting (store, "printer_profile", "generic-58", NULL));
  set = pos_shop_setting_get (store, "printer_profile");
  assert_string_equal (set, "generic-58");
  assert_null (unknown);
}

typedef struct
{
  gboolean done;
  PosUser *added;
  gboolean ok;
  GError *error;
} UserDone;

static void
on_user_added_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UserDone *done = user_data;

  done->added = pos_users_add_finish (result, &done->error);
  done->done = TRUE;
}

static void
on_pin_set_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UserDone *done = user_data;

  done->ok = pos_users_set_pin_finish (result, &done->error);
  done->done = TRUE;
}

static void
wait_done (UserDone *done)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done->done && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_true (done->done);
}

static void
test_users_are_added_and_pins_set_in_the_background (void **state)
{
  Fixture *f = *state;
  PosStore *store = pos_context_get_store (f->context);
  const PosUser *owner = pos_context_get_user (f->context);
  UserDone added = { 0 };
  UserDone pin = { 0 };
  g_autoptr (PosUser) dana = NULL;
  g_autoptr (PosUser) casey = NULL;
  g_autoptr (GError) error = NULL;

  pos_users_add_async (store, owner, "dana", POS_ROLE_CASHIER, "5678", NULL, on_user_added_cb, &added);
  assert_false (added.done);
  wait_done (&added);
  pos_assert_no_error (added.error);
  assert_string_equal (added.added->name, "dana");
  g_clear_pointer (&added.added, pos_user_free);
  dana = pos_users_authenticate (store, "dana", "5678", &error);
  pos_assert_no_error (error);

  pos_users_set_pin_async (store, owner, "casey", "9999", NULL, on_pin_set_cb, &pin);
  wait_done (&pin);
  pos_assert_no_error (pin.error);
  assert_true (pin.ok);
  casey = pos_users_authenticate (store, "casey", "9999", &error);
  pos_assert_no_error (error);
}

static void
test_a_cashier_cannot_add_users_in_the_background_either (void **state)
{
  Fixture *f = *state;
  PosStore *store = pos_context_get_store (f->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) casey = pos_users_authenticate (store, "casey", "1234", &error);
  g_autoptr (PosUser) eve = NULL;
  UserDone added = { 0 };

  pos_assert_no_error (error);
  pos_users_add_async (store, casey, "eve", POS_ROLE_OWNER, "1111", NULL, on_user_added_cb, &added);
  wait_done (&added);
  assert_null (added.added);
  pos_assert_error (added.error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&added.error);
  eve = pos_users_lookup (store, "eve", NULL);
  assert_null (eve);
}

static void
test_the_fiscal_profile_is_chosen_from_a_list_and_saved (void **state)
{
  Fixture *f = *state;
  GtkWidget *row = find_widget (GTK_WIDGET (f->page), ADW_TYPE_COMBO_ROW, has_key, "fiscal_profile");
  g_autofree char *stored = NULL;
  g_autofree char *toast_title = NULL;

  assert_non_null (row);
  assert_int_equal (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), 0); /* none */
  g_signal_connect (f->page, "add-toast", G_CALLBACK (on_add_toast_cb), &toast_title);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 3);
  stored = pos_shop_setting_get (pos_context_get_store (f->context), "fiscal_profile");
  assert_string_equal (stored, "FR-NF525");
  pos_assert_contains (toast_title, "Fiscal profile saved");
  pos_settings_page_reload (f->page);
  row = find_widget (GTK_WIDGET (f->page), ADW_TYPE_COMBO_ROW, has_key, "fiscal_profile");
  assert_int_equal (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_tax_rates_are_listed_with_their_percent, setup, teardown),
    cmocka_unit_test_setup_teardown (test_picking_a_role_saves_it, setup, teardown),
    cmocka_unit_test_setup_teardown (test_the_fiscal_profile_is_chosen_from_a_list_and_saved, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_demoting_the_last_owner_is_refused_and_put_back, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_refused_shop_setting_shows_the_stored_value_and_why, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_hub_password_is_kept_out_of_the_settings, setup, teardown),
    cmocka_unit_test_setup_teardown (test_backup_now_writes_a_checked_copy_to_the_folder, setup, teardown),
    cmocka_unit_test_setup_teardown (test_backup_without_folder_says_so_and_writes_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_test_print_reaches_the_till_printer, setup, teardown),
    cmocka_unit_test_setup_teardown (test_test_print_without_printer_tells_why, setup, teardown),
    cmocka_unit_test_setup_teardown (test_shop_settings_read_with_their_defaults, setup, teardown),
    cmocka_unit_test_setup_teardown (test_users_are_added_and_pins_set_in_the_background, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_cashier_cannot_add_users_in_the_background_either, setup,
                                     teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
