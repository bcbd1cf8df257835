/* test-window-actions.c — the window's actions follow what the till
 * shows: nobody signed in, no switching user or page; signed in, both;
 * switched away, off again. Seen the way a person sees it: a button bound
 * to the action is greyed out or not. */
#include "pos-test-util.h"

#include "pos-window.h"

#include <string.h>

typedef struct
{
  PosTestStore *t;
  PosApplication *app;
  PosContext *context;
  PosWindow *window;
  GtkWidget *switch_button;
  GtkWidget *page_button;
  gboolean ready;
} Fixture;

static void
on_ready_cb (PosWindow *window, Fixture *f)
{
  f->ready = TRUE;
}

static GtkWidget *
action_button (Fixture *f, const char *action, GVariant *target)
{
  GtkWidget *button = gtk_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  /* Hidden: the window lays out only its own children, but the button
   * still follows the action's state through its parent. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_parent (button, GTK_WIDGET (f->window));
  return button;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) cashier = NULL;
  g_autoptr (GError) error = NULL;

  f->t = pos_test_store_new ();
  cashier = pos_users_add (f->t->store, "casey", POS_ROLE_CASHIER, "1234", &error);
  pos_assert_no_error (error);
  f->app = pos_application_new (g_get_monotonic_time ());
  assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  pos_assert_no_error (error);
  f->context = pos_context_new (f->t->path, &error);
  pos_assert_no_error (error);
  f->window = pos_window_new (f->app, f->context);
  pos_window_set_default_float (f->window, 0);
  g_signal_connect (f->window, "ready", G_CALLBACK (on_ready_cb), f);
  f->switch_button = action_button (f, "win.switch-user", NULL);
  f->page_button = action_button (f, "win.show-page", g_variant_new_string ("sale"));
  gtk_window_present (GTK_WINDOW (f->window));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  gtk_widget_unparent (f->switch_button);
  gtk_widget_unparent (f->page_button);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->context);
  g_clear_object (&f->app);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

static void
iterate (void)
{
  for (int i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void assert_header_says_no_hub (Fixture *f);

static void
test_actions_follow_sign_in_and_switch_user (void **state)
{
  Fixture *f = *state;
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  iterate ();
  assert_false (gtk_widget_get_sensitive (f->switch_button));
  assert_false (gtk_widget_get_sensitive (f->page_button));

  assert_true (pos_window_sign_in (f->window, "casey", "1234"));
  while (!f->ready && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  assert_true (f->ready);
  iterate ();
  assert_true (gtk_widget_get_sensitive (f->switch_button));
  assert_true (gtk_widget_get_sensitive (f->page_button));
  assert_header_says_no_hub (f);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-user", NULL);
  iterate ();
  assert_null (pos_context_get_user (f->context));
  assert_false (gtk_widget_get_sensitive (f->switch_button));
  assert_false (gtk_widget_get_sensitive (f->page_button));
}

/* The first label under @widget whose text contains @needle, or NULL. */
static GtkLabel *
find_label (GtkWidget *widget, const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, needle);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A count of "unsynced" events means nothing to a shop that has no hub. */
static void
assert_header_says_no_hub (Fixture *f)
{
  pos_context_refresh_unsynced (f->context);
  iterate ();
  assert_null (find_label (GTK_WIDGET (f->window), "unsynced"));
  assert_non_null (find_label (GTK_WIDGET (f->window), "No hub"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_actions_follow_sign_in_and_switch_user, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
