/* test-reports-page.c — the reports page makes its sales report in a worker. */
#include "pos-test-util.h"

#include <adwaita.h>

#include "pos-context.h"
#include "pos-users-testing.h"
#include "reports/pos-reports-page.h"

GResource *pos_ui_get_resource (void);

typedef struct
{
  PosTestStore *t;
  PosContext *context;
  GtkWidget *window;
  PosReportsPage *page;
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
  f->window = gtk_window_new ();
  f->page = g_object_new (POS_TYPE_REPORTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  pos_reports_page_set_context (f->page, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, const char *text);

static gboolean
label_reads (GtkWidget *widget, const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
entry_hints (GtkWidget *widget, const char *text)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), text) == 0;
}

/* The first widget under @widget (itself included) that @match finds
 * for @text, or NULL. */
static GtkWidget *
find_widget (GtkWidget *widget, WidgetMatch match, const char *text)
{
  if (match (widget, text))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget *widget, const char *text)
{
  return find_widget (widget, label_reads, text);
}

/* Runs the main context for up to @seconds, until a label reads @text. */
static gboolean
wait_for_label (GtkWidget *widget, const char *text, int seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (find_label (widget, text) == NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
  return find_label (widget, text) != NULL;
}

/* The report comes from the worker onto the page; while it is made, its
 * button waits for it; after it, the next one can be asked for. */
static void
test_the_sales_report_is_made_in_a_worker (void **state)
{
  Fixture *f = *state;
  GtkWidget *page = GTK_WIDGET (f->page);
  GtkWidget *button = gtk_widget_get_ancestor (find_label (page, "Show sales"), GTK_TYPE_BUTTON);

  assert_non_null (button);
  assert_true (gtk_widget_get_sensitive (button));
  assert_null (find_label (page, "Sales by hour"));
  assert_true (gtk_widget_activate_action (page, "reports.sales", NULL));
  assert_false (gtk_widget_get_sensitive (button));
  assert_true (wait_for_label (page, "Sales by hour", 30));
  assert_true (gtk_widget_get_sensitive (button));
}

static void
on_toast_cb (PosReportsPage *page, AdwToast *toast, gpointer user_data)
{
  char **title = user_data;

  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

/* A range that ends before it starts: the worker refuses it, the page says
 * why, shows no report, and its button can be pressed again. */
static void
test_a_refused_sales_report_is_said_and_the_button_comes_back (void **state)
{
  Fixture *f = *state;
  GtkWidget *page = GTK_WIDGET (f->page);
  GtkWidget *button = gtk_widget_get_ancestor (find_label (page, "Show sales"), GTK_TYPE_BUTTON);
  g_autofree char *said = NULL;
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_signal_connect (f->page, "add-toast", G_CALLBACK (on_toast_cb), &said);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (page, entry_hints, "From (today)")), "2026-11-29");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (page, entry_hints, "To (today)")), "2026-11-28");
  assert_true (gtk_widget_activate_action (page, "reports.sales", NULL));
  assert_false (gtk_widget_get_sensitive (button));
  while (said == NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
  assert_non_null (said);
  pos_assert_contains (said, "2026-11-29");
  assert_true (gtk_widget_get_sensitive (button));
  assert_null (find_label (page, "Sales by hour"));
}

/* The page closed while its report is made: the report is dropped, and
 * nothing touches the page that is gone. */
static void
test_a_page_closed_while_its_report_is_made_drops_it (void **state)
{
  Fixture *f = *state;
  gint64 until;

  assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.sales", NULL));
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  /* The worker ends, and its result reaches this context. */
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_the_sales_report_is_made_in_a_worker, setup, teardown),
    cmocka_unit_test_setup_teardown (test_a_refused_sales_report_is_said_and_the_button_comes_back, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_a_page_closed_while_its_report_is_made_drops_it, setup, teardown),
  };

  adw_init ();
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  g_resources_register (pos_ui_get_resource ());
  return cmocka_run_group_tests (tests, NULL, NULL);
}
