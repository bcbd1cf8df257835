/* test-settings-no-schema.c — without its settings schema the till still
 * opens, and the settings sections that need it ("This till", "Backups")
 * say why they cannot keep anything instead of being empty. */
#include "pos-test-util.h"

#include <adwaita.h>

#include "pos-context.h"
#include "settings/pos-settings-page.h"

#define MISSING_TITLE "This till's settings cannot be kept"

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
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
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

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

/* How many rows under @root are titled @title. */
static guint
count_rows (GtkWidget *root, const char *title)
{
  guint n = ADW_IS_PREFERENCES_ROW (root)
                    && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0
                ? 1
                : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child, title);
  return n;
}

static void
test_till_and_backups_say_the_schema_is_missing (void **state)
{
  Fixture *f = *state;

  assert_null (pos_context_get_settings (f->context));
  assert_int_equal (count_rows (GTK_WIDGET (f->page), MISSING_TITLE), 2);
  /* Shown again, not added twice. */
  pos_settings_page_reload (f->page);
  assert_int_equal (count_rows (GTK_WIDGET (f->page), MISSING_TITLE), 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_till_and_backups_say_the_schema_is_missing, setup, teardown),
  };

  /* As a till started with no schema folder given, on a machine where
   * Mainstreet is not installed (the system's own schemas stay: libadwaita
   * needs them). */
  g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_setenv ("XDG_DATA_HOME", "/nonexistent", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
