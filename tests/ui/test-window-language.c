/* test-window-language.c — the screen speaks the signed-in cashier's
 * language: signing in as a user who reads German builds the pages anew in
 * German, keys named as German keyboards name them ("Entf", "Strg"), and
 * the next cashier, who follows the till, gets them back in its language.
 * The catalog is the small one in tests/data/i18n; key names are GTK's. */
#include "pos-test-util.h"

#include <locale.h>
#include <string.h>

#include "pos-i18n.h"
#include "pos-window.h"

/* The first label under @widget whose text is @text, or NULL. */
static GtkLabel *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The app's visible till window once one shows @text, within a minute
 * (the PIN check is slow on purpose); NULL if none does. */
static PosWindow *
wait_for_window_saying (PosApplication *app, const char *text)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (POS_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data) && find_label (l->data, text) != NULL)
          return l->data;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return NULL;
}

static void
test_cashiers_language_rebuilds_the_screen (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) casey = pos_users_add (t->store, "casey", POS_ROLE_CASHIER, "1234", &error);
  g_autoptr (PosUser) sam = pos_users_add (t->store, "sam", POS_ROLE_CASHIER, "2580", &error);
  g_autoptr (PosApplication) app = pos_application_new (g_get_monotonic_time ());
  g_autoptr (PosContext) context = NULL;
  PosWindow *window, *german, *again;

  pos_assert_no_error (error);
  assert_true (pos_users_set_language (t->store, casey, "casey", "de", &error));
  pos_assert_no_error (error);
  assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  context = pos_context_new (t->path, &error);
  pos_assert_no_error (error);
  window = pos_window_new (app, context);
  pos_window_set_default_float (window, 0);
  gtk_window_present (GTK_WINDOW (window));
  assert_true (wait_for_window_saying (app, "Pay F12") == window);

  assert_true (pos_window_sign_in (window, "casey", "1234"));
  german = wait_for_window_saying (app, "Zahlen F12");
  assert_non_null (german);
  assert_true (german != window);
  assert_non_null (find_label (GTK_WIDGET (german), "Storno Entf"));
  assert_non_null (find_label (GTK_WIDGET (german), "Lade öffnen Strg+D"));
  assert_null (find_label (GTK_WIDGET (german), "Storno Del"));
  assert_string_equal (pos_context_get_user (context)->name, "casey");

  /* Sam follows the till: English again. */
  gtk_widget_activate_action (GTK_WIDGET (german), "win.switch-user", NULL);
  assert_true (pos_window_sign_in (german, "sam", "2580"));
  again = wait_for_window_saying (app, "Pay F12");
  assert_non_null (again);
  assert_true (again != german);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cashiers_language_rebuilds_the_screen),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_disable_setlocale ();
  pos_i18n_init ();
  bindtextdomain (GETTEXT_PACKAGE, POS_TEST_LOCALEDIR);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
