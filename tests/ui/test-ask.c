/* test-ask.c — a supervisor's approval is given by picking a name from
 * those who may approve and typing a PIN, checked off the main thread (the
 * answer comes later, from the main loop); a wrong PIN asks again and is
 * counted, and a form returns what was typed. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <adwaita.h>

#include "pos-ask.h"

typedef struct
{
  PosTestStore *t;
  GtkWidget *window;
  gboolean answered;
  PosUser *approver;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (PosUser) sam = NULL;
  g_autoptr (PosUser) olivia = NULL;
  g_autoptr (PosUser) anna = NULL;

  f->t = pos_test_store_new ();
  sam = pos_users_add (f->t->store, "sam", POS_ROLE_SUPERVISOR, "2580", NULL);
  olivia = pos_users_add (f->t->store, "Olivia", POS_ROLE_OWNER, "4321", NULL);
  anna = pos_users_add (f->t->store, "Anna", POS_ROLE_CASHIER, "1234", NULL);
  assert_non_null (sam);
  assert_non_null (olivia);
  assert_non_null (anna);
  f->window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->window));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_pointer (&f->approver, pos_user_free);
  pos_test_store_free (f->t);
  g_free (f);
  return 0;
}

/* The message dialog on screen now, or NULL. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Types @texts into the dialog's entries in order and answers "ok". */
static void
answer (AdwMessageDialog *dialog, const char *const *texts)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *entry = gtk_widget_get_first_child (box);
  GtkWidget *last = NULL;

  for (guint i = 0; texts[i] != NULL; i++, entry = gtk_widget_get_next_sibling (entry))
    gtk_editable_set_text (GTK_EDITABLE (last = entry), texts[i]);
  /* As the OK button does: answer, then close (which answers nothing more). */
  g_assert (GTK_IS_ENTRY (last));
  adw_message_dialog_response (dialog, "ok");
  gtk_window_close (GTK_WINDOW (dialog));
}

/* The names the approval dialog offers, in order, joined by commas. */
static char *
offered_names (AdwMessageDialog *dialog)
{
  GtkWidget *drop_down = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    g_string_append_printf (text, "%s%s", i ? "," : "",
                            gtk_string_list_get_string (GTK_STRING_LIST (names), i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Picks @name in the approval dialog's list, types @pin and answers "ok". */
static void
approve (AdwMessageDialog *dialog, const char *name, const char *pin)
{
  GtkWidget *drop_down = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  GtkWidget *pin_entry = gtk_widget_get_next_sibling (drop_down);
  GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  guint i = 0;

  while (i < g_list_model_get_n_items (names)
         && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) != 0)
    i++;
  assert_true (i < g_list_model_get_n_items (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
  gtk_editable_set_text (GTK_EDITABLE (pin_entry), pin);
  adw_message_dialog_response (dialog, "ok");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
on_approval_cb (const PosUser *approver, gpointer user_data)
{
  Fixture *f = user_data;

  f->answered = TRUE;
  f->approver = approver ? pos_user_copy (approver) : NULL;
}

static void
wait_answered (Fixture *f)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!f->answered && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  assert_true (f->answered);
}

static void
test_approval_pin_is_checked_in_the_background (void **state)
{
  Fixture *f = *state;
  AdwMessageDialog *dialog;

  pos_ask_approval (f->window, f->t->store, "Voiding a line needs a supervisor", on_approval_cb, f);
  dialog = find_dialog ();
  assert_non_null (dialog);
  approve (dialog, "sam", "2580");
  /* Not answered yet: the check runs in a worker thread meanwhile, and
   * the page waits, insensitive. */
  assert_false (f->answered);
  assert_false (gtk_widget_get_sensitive (f->window));
  wait_answered (f);
  assert_non_null (f->approver);
  assert_string_equal (f->approver->name, "sam");
  assert_true (f->approver->pin_verified);
  assert_true (gtk_widget_get_sensitive (f->window));
}

static void
test_wrong_approval_pin_asks_again_and_is_counted (void **state)
{
  Fixture *f = *state;
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  AdwMessageDialog *first, *again = NULL;

  pos_ask_approval (f->window, f->t->store, "Voiding a line needs a supervisor", on_approval_cb, f);
  first = find_dialog ();
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *)&first);
  approve (first, "sam", "0000");
  /* The first dialog goes; a new one asks again. */
  while (((again = find_dialog ()) == NULL || again == first) && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  if (first != NULL)
    g_object_remove_weak_pointer (G_OBJECT (first), (gpointer *)&first);
  assert_non_null (again);
  assert_false (f->answered);
  assert_int_equal (pos_test_query_int (f->t->store, "SELECT failed_tries FROM user WHERE name = 'sam'"), 1);
  adw_message_dialog_response (again, "cancel");
  assert_true (f->answered);
  assert_null (f->approver);
}

/* A supervisor picks their name from those who may approve; nobody types
 * a name, and a cashier is not offered. */
static void
test_approval_offers_supervisors_and_owners_by_name (void **state)
{
  Fixture *f = *state;
  AdwMessageDialog *dialog;
  g_autofree char *names = NULL;

  pos_ask_approval (f->window, f->t->store, "Refunds need a supervisor's approval", on_approval_cb, f);
  dialog = find_dialog ();
  assert_non_null (dialog);
  names = offered_names (dialog);
  assert_string_equal (names, "Olivia,sam");
  approve (dialog, "Olivia", "4321");
  wait_answered (f);
  assert_non_null (f->approver);
  assert_string_equal (f->approver->name, "Olivia");
  assert_true (f->approver->pin_verified);
}

static void
on_form_cb (const char *const *answers, guint choice, gpointer user_data)
{
  GStrv *out = user_data;

  *out = g_strdupv ((GStrv)answers);
  g_assert (choice == 2);
}

static void
test_form_returns_each_field_and_the_choice (void **state)
{
  Fixture *f = *state;
  static const char *const fields[] = { "Name", "*PIN", NULL };
  static const char *const choices[] = { "a", "b", "c", NULL };
  g_auto (GStrv) answers = NULL;

  pos_ask_form (f->window, "Add", NULL, fields, choices, 2, on_form_cb, &answers);
  answer (find_dialog (), (const char *const[]){ "Zoë", "1234", NULL });
  assert_non_null (answers);
  assert_string_equal (answers[0], "Zoë");
  assert_string_equal (answers[1], "1234");
  assert_null (answers[2]);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_approval_pin_is_checked_in_the_background, setup, teardown),
    cmocka_unit_test_setup_teardown (test_wrong_approval_pin_asks_again_and_is_counted, setup, teardown),
    cmocka_unit_test_setup_teardown (test_approval_offers_supervisors_and_owners_by_name, setup, teardown),
    cmocka_unit_test_setup_teardown (test_form_returns_each_field_and_the_choice, setup, teardown),
  };

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
