/* test-promotions-page.c — the owner's promotions page: a running and a
 * scheduled promotion are listed under their headings, and ending one
 * from the page moves it to the ended ones. */
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

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  f->owner = pos_users_add (f->t->store, "olivia", POS_ROLE_OWNER, "4321", &error);
  pos_assert_no_error (error);
  f->app = pos_application_new (g_get_monotonic_time ());
  assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  pos_assert_no_error (error);
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
  assert_non_null (find_row (running, "Spring sale"));
  assert_non_null (find_row (scheduled, "Summer sale"));
  assert_null (find_row (ended, "Spring sale"));

  gtk_widget_activate (find_button (find_row (running, "Spring sale"), "End"));
  iterate ();
  assert_null (find_row (running, "Spring sale"));
  assert_non_null (find_row (ended, "Spring sale"));
  assert_non_null (find_row (scheduled, "Summer sale"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (
        test_running_scheduled_and_ended_promotions_are_listed_and_one_can_be_ended, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
