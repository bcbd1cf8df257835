/* test-window-fits.c — the till's window fits a 1024×768 screen in every
 * language: no page asks for more width than the screen has once the page
 * list is folded over it, nor the window for more height, in German (long
 * compound words) and in the pseudo locale (every message 40 % longer).
 * A page that does not fit names its widest widgets. */
#include "pos-test-util.h"

#include "pos-i18n.h"
#include "pos-window.h"

#define SCREEN_WIDTH 1024
#define SCREEN_HEIGHT 768

static const char *const pages[] = { "sale",    "stock",   "receiving", "stock-take", "customers",
                                     "reports", "history", "owner",     "settings",   "promotions" };

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Prints the widgets under @widget that ask for more than @limit, down to
 * the narrowest that still does: the one to wrap or ellipsize. */
static void
print_too_wide (GtkWidget *widget, int limit, int depth)
{
  gboolean child_too_wide = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && min_width (child) > limit)
      {
        child_too_wide = TRUE;
        print_too_wide (child, limit, depth + 1);
      }
  g_printerr ("%*s%s: %d px\n", depth * 2, "", G_OBJECT_TYPE_NAME (widget), min_width (widget));
  /* Too wide as a whole: its children side by side. */
  if (!child_too_wide)
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (gtk_widget_get_visible (child))
        g_printerr ("%*s%s: %d px %s\n", depth * 2 + 2, "", G_OBJECT_TYPE_NAME (child), min_width (child),
                    GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child))
                        ? gtk_button_get_label (GTK_BUTTON (child))
                        : "");
}

/* Every page of a window built in @language fits; returns the pages that
 * do not. */
static int
pages_too_wide (PosApplication *app, const char *language)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosContext) context = NULL;
  PosWindow *window;
  int too_wide = 0, min_height = 0;

  assert_true (pos_i18n_use_language (language));
  context = pos_context_new (t->path, &error);
  pos_assert_no_error (error);
  window = pos_window_new (app, context);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = pos_window_show_page (window, pages[i]);
      int width;

      assert_non_null (page);
      width = min_width (page);
      if (width > SCREEN_WIDTH)
        {
          g_printerr ("%s: the %s page needs %d px:\n", language, pages[i], width);
          print_too_wide (page, SCREEN_WIDTH, 1);
          too_wide++;
        }
    }
  if (min_width (GTK_WIDGET (window)) > SCREEN_WIDTH)
    {
      g_printerr ("%s: the window needs %d px:\n", language, min_width (GTK_WIDGET (window)));
      print_too_wide (GTK_WIDGET (window), SCREEN_WIDTH, 1);
      too_wide++;
    }
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, SCREEN_WIDTH, &min_height, NULL, NULL,
                      NULL);
  if (min_height > SCREEN_HEIGHT)
    {
      g_printerr ("%s: the window needs %d px of height\n", language, min_height);
      too_wide++;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  pos_i18n_use_language (NULL);
  return too_wide;
}

static void
test_every_page_fits_1024_in_german (void **state)
{
  assert_int_equal (pages_too_wide (*state, "de"), 0);
}

static void
test_every_page_fits_1024_in_the_pseudo_locale (void **state)
{
  assert_int_equal (pages_too_wide (*state, "C.UTF-8@pseudo"), 0);
}

static int
setup (void **state)
{
  PosApplication *app = pos_application_new (g_get_monotonic_time ());

  g_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  *state = app;
  return 0;
}

static int
teardown (void **state)
{
  g_object_unref (*state);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_every_page_fits_1024_in_german),
    cmocka_unit_test (test_every_page_fits_1024_in_the_pseudo_locale),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_disable_setlocale ();
  pos_i18n_init ();
  return cmocka_run_group_tests (tests, setup, teardown);
}
