/* pos-ask.c — small questions the till asks. */
#include "pos-ask.h"

typedef struct
{
  GtkWidget *entry;
  GtkWidget *second; /* approval: the PIN entry */
  PosStore *store;
  char *reason;
  GtkWidget *parent;
  PosAskTextFunc text_cb;
  PosAskApprovalFunc approval_cb;
  gpointer user_data;
} Ask;

static void
ask_free (Ask *ask)
{
  g_free (ask->reason);
  g_clear_object (&ask->parent);
  g_free (ask);
}

/* An entry typed hidden. Not a GtkPasswordEntry: in a dialog that closes
 * before the answer is checked, one of its handlers ran after it was freed
 * (GTK 4.8) and the next key press crashed the till. */
static GtkWidget *
new_secret_entry (void)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
  return entry;
}

static GtkWidget *
new_dialog (GtkWidget *parent, const char *heading, const char *body, GtkWidget *extra)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel", "ok", "_OK", NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  return dialog;
}

static void
on_text_dialog_responded_cb (AdwMessageDialog *dialog, const char *response, Ask *ask)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (ask->entry));

  /* One answer per question, however the dialog then closes. */
  g_signal_handlers_disconnect_by_data (dialog, ask);
  ask->text_cb (g_str_equal (response, "ok") ? text : NULL, ask->user_data);
  ask_free (ask);
}

void
pos_ask_text (GtkWidget *parent, const char *heading, const char *body, const char *initial,
              PosAskTextFunc callback, gpointer user_data)
{
  Ask *ask;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (callback != NULL);

  ask = g_new0 (Ask, 1);
  ask->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (ask->entry), TRUE);
  if (initial != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ask->entry), initial);
  ask->text_cb = callback;
  ask->user_data = user_data;
  dialog = new_dialog (parent, heading, body, ask->entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_text_dialog_responded_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->entry);
}

typedef struct
{
  GPtrArray *entries;
  GtkWidget *drop_down; /* nullable */
  PosAskFormFunc callback;
  gpointer user_data;
} Form;

static void
on_form_dialog_responded_cb (AdwMessageDialog *dialog, const char *response, Form *form)
{
  g_signal_handlers_disconnect_by_data (dialog, form);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) answers = NULL;
  guint choice = form->drop_down ? gtk_drop_down_get_selected (GTK_DROP_DOWN (form->drop_down)) : 0;

  for (guint i = 0; i < form->entries->len; i++)
    g_strv_builder_add (builder, gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (form->entries, i))));
  answers = g_strv_builder_end (builder);
  form->callback (g_str_equal (response, "ok") ? (const char *const *)answers : NULL, choice,
                  form->user_data);
  g_ptr_array_unref (form->entries);
  g_free (form);
}

void
pos_ask_form (GtkWidget *parent, const char *heading, const char *body, const char *const *fields,
              const char *const *choices, guint initial_choice, PosAskFormFunc callback, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;
  Form *form;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (fields != NULL && fields[0] != NULL);
  g_return_if_fail (callback != NULL);

  form = g_new0 (Form, 1);
  form->entries = g_ptr_array_new ();
  form->callback = callback;
  form->user_data = user_data;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      gboolean secret = fields[i][0] == '*';
      GtkWidget *entry = secret ? new_secret_entry () : gtk_entry_new ();

      g_object_set (entry, "placeholder-text", fields[i] + (secret ? 1 : 0), "activates-default",
                    fields[i + 1] == NULL, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      fields[i] + (secret ? 1 : 0), -1);
      gtk_box_append (GTK_BOX (box), entry);
      g_ptr_array_add (form->entries, entry);
    }
  if (choices != NULL)
    {
      form->drop_down = gtk_drop_down_new_from_strings (choices);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (form->drop_down), initial_choice);
      gtk_box_append (GTK_BOX (box), form->drop_down);
    }
  dialog = new_dialog (parent, heading, body, box);
  g_signal_connect (dialog, "response", G_CALLBACK (on_form_dialog_responded_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (g_ptr_array_index (form->entries, 0));
}

static void ask_approval (Ask *ask, const char *message);

typedef struct
{
  char *store_path;
  char *name;
  char *pin;
} Check;

static void
check_free (Check *check)
{
  g_free (check->store_path);
  g_free (check->name);
  if (check->pin != NULL)
    memset (check->pin, 0, strlen (check->pin));
  g_free (check->pin);
  g_free (check);
}

/* Argon2id is slow on purpose: the PIN is checked in a worker thread, on
 * a store connection of its own (a wrong PIN is counted there). */
static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Check *check = task_data;
  g_autoptr (PosStore) store = NULL;
  GError *error = NULL;
  PosUser *user = NULL;

  store = pos_store_open (check->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (store != NULL)
    user = pos_users_authenticate (store, check->name, check->pin, &error);
  if (user == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, user, (GDestroyNotify)pos_user_free);
}

static void
on_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Ask *ask = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) approver = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (ask->parent, TRUE);
  if (approver == NULL)
    {
      ask_approval (ask, error->message);
      return;
    }
  ask->approval_cb (approver, ask->user_data);
  ask_free (ask);
}

static void
on_approval_dialog_responded_cb (AdwMessageDialog *dialog, const char *response, Ask *ask)
{
  g_autoptr (GTask) task = NULL;
  Check *check;

  g_signal_handlers_disconnect_by_data (dialog, ask);
  if (!g_str_equal (response, "ok"))
    {
      ask->approval_cb (NULL, ask->user_data);
      ask_free (ask);
      return;
    }
  check = g_new0 (Check, 1);
  check->store_path = g_strdup (pos_store_path (ask->store));
  check->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry)));
  check->pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->second)));
  /* Nothing on the page may change while the approval is checked. */
  gtk_widget_set_sensitive (ask->parent, FALSE);
  task = g_task_new (NULL, NULL, on_checked_cb, ask);
  g_task_set_task_data (task, check, (GDestroyNotify)check_free);
  g_task_run_in_thread (task, check_thread);
}

static void
ask_approval (Ask *ask, const char *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  ask->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (ask->entry), "Supervisor's name");
  ask->second = new_secret_entry ();
  g_object_set (ask->second, "placeholder-text", "PIN", "activates-default", TRUE, NULL);
  gtk_box_append (GTK_BOX (box), ask->entry);
  gtk_box_append (GTK_BOX (box), ask->second);
  body = message ? g_strdup_printf ("%s\n%s", ask->reason, message) : g_strdup (ask->reason);
  dialog = new_dialog (ask->parent, "Approval needed", body, box);
  g_signal_connect (dialog, "response", G_CALLBACK (on_approval_dialog_responded_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->entry);
}

void
pos_ask_approval (GtkWidget *parent, PosStore *store, const char *reason, PosAskApprovalFunc callback,
                  gpointer user_data)
{
  Ask *ask;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (store != NULL);
  g_return_if_fail (callback != NULL);

  ask = g_new0 (Ask, 1);
  ask->parent = g_object_ref (parent);
  ask->store = store;
  ask->reason = g_strdup (reason);
  ask->approval_cb = callback;
  ask->user_data = user_data;
  ask_approval (ask, NULL);
}
