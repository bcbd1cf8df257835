/* test-promotions-page.c — the owner's promotions page: a running and a
 * scheduled promotion are listed under their headings, ending one from the
 * page moves it to the ended ones, and changing one goes through a form
 * that shows it filled in. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-promotion.h"
#include "pos-window.h"

typedef struct
{
  PosTestStore *t;
  PosApplication *app;
  PosContext *context;
  PosWindow *window;
  PosUser *owner;
  gboolean ready;
} Fixture;

static void
on_ready_cb (PosWindow *window, Fixture *f)
{
  f->ready = TRUE;
}

/* One application for the whole run: its name is registered on the bus once. */
static PosApplication *app;

static int
group_setup (void **state)
{
  g_autoptr (GError) error = NULL;

  app = pos_application_new (g_get_monotonic_time ());
  assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  pos_assert_no_error (error);
  return 0;
}

static int
group_teardown (void **state)
{
  g_clear_object (&app);
  return 0;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  f->owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  f->app = g_object_ref (app);
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  f->window = pos_window_new (f->app, f->context);
  pos_window_set_default_float (f->window, 0);
  g_signal_connect (f->window, "ready", G_CALLBACK (on_ready_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->context);
  g_clear_object (&f->app);
  pos_user_free (f->owner);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

/* Lets the main loop run (layout, map, draw) for half a second. */
static void
iterate (void)
{
  gint64 until = g_get_monotonic_time () + 500 * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
add_promotion (Fixture *f, const char *name, gint64 starts_us)
{
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  g_autoptr (GError) error = NULL;

  p->name = g_strdup (name);
  p->kind = POS_PROMO_PERCENT, p->value = 1000, p->starts_us = starts_us;
  assert_true (pos_promotion_add (f->t->store, f->owner, p, &error));
  pos_assert_no_error (error);
}

/* The preferences group whose title is @title, under @widget. */
static GtkWidget *
find_group (GtkWidget *widget, const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget)
      && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row titled @title under @widget, or NULL. */
static GtkWidget *
find_row (GtkWidget *widget, const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the main loop until @group has a row titled @title (@present) or
 * has none, for up to 20 s: a button's click comes from a timeout, and a
 * loaded machine is slow, not wrong. */
static void
run_until_row (GtkWidget *group, const char *title, gboolean present)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((find_row (group, title) != NULL) != present && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_running_scheduled_and_ended_promotions_are_listed_and_one_can_be_ended (void **state)
{
  Fixture *f = *state;
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWidget *page, *running, *scheduled, *ended;

  add_promotion (f, "Spring sale", 0);
  add_promotion (f, "Summer sale", pos_clock_now_us () + (gint64)30 * 24 * 3600 * G_USEC_PER_SEC);
  assert_true (pos_window_sign_in (f->window, "olivia", "4321"));
  while (!f->ready && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_true (f->ready);
  page = pos_window_show_page (f->window, "promotions");
  assert_non_null (page);
  iterate ();
  running = find_group (page, "Running");
  scheduled = find_group (page, "Scheduled");
  ended = find_group (page, "Ended");
  run_until_row (running, "Spring sale", TRUE);
  assert_non_null (find_row (running, "Spring sale"));
  assert_non_null (find_row (scheduled, "Summer sale"));
  assert_null (find_row (ended, "Spring sale"));

  gtk_widget_activate (find_button (find_row (running, "Spring sale"), "End"));
  run_until_row (running, "Spring sale", FALSE);
  assert_null (find_row (running, "Spring sale"));
  assert_non_null (find_row (ended, "Spring sale"));
  assert_non_null (find_row (scheduled, "Summer sale"));
}

/* The form's dialog, once it is up. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* The form's row titled @title, under @widget. */
static GtkEditable *
find_entry_row (GtkWidget *widget, const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_entry_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the form of @name in @group; the dialog. */
static AdwMessageDialog *
open_change (GtkWidget *group, const char *name)
{
  AdwMessageDialog *dialog;

  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_widget_activate (find_button (find_row (group, name), "Change"));
  while ((dialog = find_dialog ()) == NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  assert_non_null (dialog);
  return dialog;
}

/* As the Save button does: the answer, then the dialog closes. */
static void
save (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_changing_a_promotion_shows_it_filled_in_and_keeps_past_sales_theirs (void **state)
{
  Fixture *f = *state;
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GtkWidget *page, *running, *scheduled, *ended;
  AdwMessageDialog *dialog;
  GtkEditable *name, *value, *brand;

  add_promotion (f, "Spring sale", 0);
  add_promotion (f, "Summer sale", pos_clock_now_us () + (gint64)30 * 24 * 3600 * G_USEC_PER_SEC);
  assert_true (pos_window_sign_in (f->window, "olivia", "4321"));
  while (!f->ready && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  page = pos_window_show_page (f->window, "promotions");
  iterate ();
  running = find_group (page, "Running");
  scheduled = find_group (page, "Scheduled");
  ended = find_group (page, "Ended");
  run_until_row (running, "Spring sale", TRUE);

  /* Running: the form says what saving does, and shows the promotion. */
  dialog = open_change (running, "Spring sale");
  assert_non_null (strstr (adw_message_dialog_get_body (dialog), "Sales already made keep"));
  name = find_entry_row (gtk_window_get_child (GTK_WINDOW (dialog)), "Name, as the receipt shows it");
  value = find_entry_row (gtk_window_get_child (GTK_WINDOW (dialog)), "Price, percent or amount off");
  brand = find_entry_row (gtk_window_get_child (GTK_WINDOW (dialog)), "Or a brand");
  assert_non_null (name);
  assert_string_equal (gtk_editable_get_text (name), "Spring sale");
  assert_string_equal (gtk_editable_get_text (value), "10.00");
  gtk_editable_set_text (name, "Spring sale, more");
  gtk_editable_set_text (value, "15");
  gtk_editable_set_text (brand, "Acme");
  save (dialog);
  run_until_row (running, "Spring sale, more", TRUE);
  assert_non_null (find_row (running, "Spring sale, more"));
  assert_null (find_row (running, "Spring sale"));
  assert_non_null (find_row (ended, "Spring sale"));
  assert_int_equal (pos_test_query_int (f->t->store, "SELECT value FROM promotion WHERE name = "
                                                     "'Spring sale, more' AND brand = 'Acme'"),
                    1500);

  /* Scheduled: the change takes its place. */
  dialog = open_change (scheduled, "Summer sale");
  name = find_entry_row (gtk_window_get_child (GTK_WINDOW (dialog)), "Name, as the receipt shows it");
  gtk_editable_set_text (name, "Summer sale, longer");
  save (dialog);
  run_until_row (scheduled, "Summer sale, longer", TRUE);
  assert_non_null (find_row (scheduled, "Summer sale, longer"));
  assert_null (find_row (scheduled, "Summer sale"));
  assert_null (find_row (ended, "Summer sale"));
  assert_int_equal (pos_test_query_int (f->t->store, "SELECT count (DISTINCT uid) FROM promotion"), 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (
        test_running_scheduled_and_ended_promotions_are_listed_and_one_can_be_ended, setup, teardown),
    cmocka_unit_test_setup_teardown (test_changing_a_promotion_shows_it_filled_in_and_keeps_past_sales_theirs,
                                     setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  return cmocka_run_group_tests (tests, group_setup, group_teardown);
}
