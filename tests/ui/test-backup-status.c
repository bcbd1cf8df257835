/* test-backup-status.c — backups the owner can trust without looking: how
 * fresh the newest backup is, overdue after two intervals, a failed backup
 * or an unplugged USB stick as a failure that stays until a good backup,
 * a backup asked for while one runs taken after it, and one after each
 * Z report. */
#include "pos-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pos-backup-scheduler.h"
#include "pos-clock.h"
#include "pos-context.h"
#include "pos-store-private.h"
#include "pos-users-testing.h"
#include "reports/pos-reports-page.h"

GResource *pos_ui_get_resource (void);

typedef struct
{
  PosTestStore *t;
  PosContext *context;
  PosBackupScheduler *backups;
  char *folder;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) owner = NULL;
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  g_clear_pointer (&owner, pos_user_free);
  owner = pos_users_authenticate (pos_context_get_store (f->context), "olivia", "4321", &error);
  pos_assert_no_error (error);
  pos_context_set_user (f->context, owner);
  f->backups = pos_context_get_backups (f->context);
  f->folder = g_build_filename (f->t->dir, "backups", NULL);
  g_settings_set_uint (pos_context_get_settings (f->context), "backup-interval", 60);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  GSettings *settings = pos_context_get_settings (f->context);

  pos_clock_set_fixed_for_testing (0);
  g_settings_reset (settings, "backup-folder");
  g_settings_reset (settings, "backup-interval");
  g_clear_object (&f->context);
  pos_test_store_free (f->t);
  g_free (f->folder);
  g_free (f);
  return 0;
}

static void
set_folder (Fixture *f, const char *folder)
{
  g_settings_set_string (pos_context_get_settings (f->context), "backup-folder", folder);
}

static void
wait_until_idle (PosBackupScheduler *backups)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (pos_backup_scheduler_get_busy (backups) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_false (pos_backup_scheduler_get_busy (backups));
}

/* The backups (not manifests) in @folder. */
static guint
count_backups (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "store-") && g_str_has_suffix (name, ".db"))
      n++;
  return n;
}

static void
assert_describes (Fixture *f, const char *part)
{
  g_autofree char *text = pos_backup_scheduler_describe (f->backups);

  if (strstr (text, part) == NULL)
    fail_msg ("“%s” does not say “%s”", text, part);
}

static void
test_no_folder_is_off (void **state)
{
  Fixture *f = *state;

  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OFF);
  assert_describes (f, "choose a backup folder");
}

static void
test_fresh_then_overdue_after_two_intervals (void **state)
{
  Fixture *f = *state;
  gint64 now = g_get_real_time ();

  set_folder (f, f->folder);
  pos_backup_scheduler_run_now (f->backups);
  wait_until_idle (f->backups);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OK);
  assert_describes (f, "Backed up less than a minute ago");

  pos_clock_set_fixed_for_testing (now + (gint64)90 * 60 * G_USEC_PER_SEC);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OK);
  assert_describes (f, "Backed up 1 h ago");
  pos_clock_set_fixed_for_testing (now + (gint64)150 * 60 * G_USEC_PER_SEC);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OVERDUE);
  assert_describes (f, "Backup overdue: the last one is 2 h old");
}

static void
test_a_till_started_long_after_its_last_backup_backs_up_and_counts_the_old_one (void **state)
{
  Fixture *f = *state;
  gint64 now;

  set_folder (f, f->folder);
  pos_backup_scheduler_run_now (f->backups);
  wait_until_idle (f->backups);
  now = g_get_real_time ();
  g_clear_object (&f->context);

  /* The next morning: the newest backup in the folder is the day-old one,
   * and the till takes a new one as it starts. */
  pos_clock_set_fixed_for_testing (now + (gint64)20 * 3600 * G_USEC_PER_SEC);
  f->context = pos_context_new (f->t->path, NULL);
  f->backups = pos_context_get_backups (f->context);
  pos_backup_scheduler_start (f->backups);
  assert_true (pos_backup_scheduler_get_busy (f->backups));
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OVERDUE);
  assert_describes (f, "the last one is 20 h old");
  wait_until_idle (f->backups);
  assert_int_equal (count_backups (f->folder), 2);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OK);
}

static void
test_an_unplugged_usb_stick_is_a_failure_and_nothing_is_written (void **state)
{
  Fixture *f = *state;
  g_autofree char *stick = g_build_filename (f->t->dir, "usb", NULL);
  g_autofree char *folder = g_build_filename (stick, "backups", NULL);
  g_autofree char *unplug = g_strdup_printf ("rm -r '%s'", folder);

  set_folder (f, folder);
  pos_backup_scheduler_run_now (f->backups);
  assert_false (pos_backup_scheduler_get_busy (f->backups));
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_FAILED);
  assert_describes (f, "is missing: plug in the USB stick");
  assert_false (g_file_test (stick, G_FILE_TEST_EXISTS));

  /* Plugged in: backups go there; pulled out again: a failure at once. */
  assert_int_equal (g_mkdir (stick, 0700), 0);
  pos_backup_scheduler_run_now (f->backups);
  wait_until_idle (f->backups);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OK);
  assert_int_equal (count_backups (folder), 1);
  assert_int_equal (system (unplug), 0);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_FAILED);
  assert_describes (f, "is missing");
  pos_backup_scheduler_run_now (f->backups);
  assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_a_failed_backup_stays_failed_until_a_good_one (void **state)
{
  Fixture *f = *state;
  g_autofree char *file = g_build_filename (f->t->dir, "not-a-folder", NULL);

  assert_true (g_file_set_contents (file, "", 0, NULL));
  set_folder (f, file);
  pos_backup_scheduler_run_now (f->backups);
  wait_until_idle (f->backups);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_FAILED);
  assert_describes (f, "Backup failed:");

  set_folder (f, f->folder);
  pos_backup_scheduler_run_now (f->backups);
  wait_until_idle (f->backups);
  assert_int_equal (pos_backup_scheduler_get_status (f->backups), POS_BACKUP_STATUS_OK);
}

static void
test_a_backup_asked_for_while_one_runs_follows_it (void **state)
{
  Fixture *f = *state;

  set_folder (f, f->folder);
  pos_backup_scheduler_run_now (f->backups);
  pos_backup_scheduler_run_now (f->backups);
  wait_until_idle (f->backups);
  assert_int_equal (count_backups (f->folder), 2);
}

/* The first top-level window that is an AdwMessageDialog. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_closing_the_day_takes_a_backup (void **state)
{
  Fixture *f = *state;
  GtkWidget *window = gtk_window_new ();
  PosReportsPage *page = g_object_new (POS_TYPE_REPORTS_PAGE, NULL);
  AdwMessageDialog *dialog;

  set_folder (f, f->folder);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  pos_reports_page_set_context (page, f->context);
  gtk_window_present (GTK_WINDOW (window));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.z", NULL));
  dialog = find_dialog ();
  assert_non_null (dialog);
  adw_message_dialog_response (dialog, "close");
  assert_int_equal (pos_test_query_int (pos_context_get_store (f->context), "SELECT count(*) FROM z_report"),
                    1);
  assert_true (pos_backup_scheduler_get_busy (f->backups));
  wait_until_idle (f->backups);
  assert_int_equal (count_backups (f->folder), 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_no_folder_is_off, setup, teardown),
    cmocka_unit_test_setup_teardown (test_fresh_then_overdue_after_two_intervals, setup, teardown),
    cmocka_unit_test_setup_teardown (
        test_a_till_started_long_after_its_last_backup_backs_up_and_counts_the_old_one, setup, teardown),
    cmocka_unit_test_setup_teardown (test_an_unplugged_usb_stick_is_a_failure_and_nothing_is_written, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_a_failed_backup_stays_failed_until_a_good_one, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_backup_asked_for_while_one_runs_follows_it, setup, teardown),
    cmocka_unit_test_setup_teardown (test_closing_the_day_takes_a_backup, setup, teardown),
  };

  adw_init ();
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  g_resources_register (pos_ui_get_resource ());
  return cmocka_run_group_tests (tests, NULL, NULL);
}
