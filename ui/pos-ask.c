/* pos-ask.c — small questions the till asks. */
#include "pos-ask.h"

#include <glib/gi18n-lib.h>

#include "pos-sign-in.h"

typedef struct
{
  GtkWidget *entry;  /* approval: the drop-down of who may approve */
  GtkWidget *second; /* approval: the PIN entry */
  PosStore *store;
  GPtrArray *approvers; /* approval: PosUser, in drop-down order */
  guint chosen;         /* approval: the name picked last time */
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
  g_clear_pointer (&ask->approvers, g_ptr_array_unref);
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

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "ok", _ ("_OK"),
                                    NULL);
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

static void
on_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Ask *ask = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) approver = pos_users_authenticate_finish (result, &error);

  gtk_widget_set_sensitive (ask->parent, TRUE);
  if (approver == NULL)
    {
      ask_approval (ask, error->message);
      return;
    }
  ask->approval_cb (approver, ask->user_data);
  ask_free (ask);
}

static const PosUser *
chosen_approver (Ask *ask)
{
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->entry));

  if (ask->approvers == NULL || index >= ask->approvers->len)
    return NULL;
  return g_ptr_array_index (ask->approvers, index);
}

static void
on_approval_dialog_responded_cb (AdwMessageDialog *dialog, const char *response, Ask *ask)
{
  const PosUser *approver = chosen_approver (ask);

  g_signal_handlers_disconnect_by_data (dialog, ask);
  if (!g_str_equal (response, "ok"))
    {
      ask->approval_cb (NULL, ask->user_data);
      ask_free (ask);
      return;
    }
  ask->chosen = gtk_drop_down_get_selected (GTK_DROP_DOWN (ask->entry));
  if (approver == NULL)
    {
      ask_approval (ask, _ ("Choose who approves"));
      return;
    }
  /* Nothing on the page may change while the approval is checked. */
  gtk_widget_set_sensitive (ask->parent, FALSE);
  pos_users_authenticate_async (ask->store, approver->name,
                                gtk_editable_get_text (GTK_EDITABLE (ask->second)), NULL, on_checked_cb, ask);
}

/* A drop-down of the supervisors' and owners' names. */
static GtkWidget *
new_approver_drop_down (Ask *ask)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  for (guint i = 0; ask->approvers != NULL && i < ask->approvers->len; i++)
    gtk_string_list_append (names, ((PosUser *)g_ptr_array_index (ask->approvers, i))->name);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Who approves"), -1);
  if (ask->chosen < g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), ask->chosen);
  return drop_down;
}

static void
ask_approval (Ask *ask, const char *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  ask->entry = new_approver_drop_down (ask);
  ask->second = new_secret_entry ();
  g_object_set (ask->second, "placeholder-text", "PIN", "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->second), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("PIN"), -1);
  gtk_box_append (GTK_BOX (box), ask->entry);
  gtk_box_append (GTK_BOX (box), ask->second);
  if (ask->approvers == NULL || ask->approvers->len == 0)
    message = _ ("Nobody here may approve this: an owner adds a supervisor in Settings");
  body = message ? g_strdup_printf ("%s\n%s", ask->reason, message) : g_strdup (ask->reason);
  dialog = new_dialog (ask->parent, _ ("Approval needed"), body, box);
  g_signal_connect (dialog, "response", G_CALLBACK (on_approval_dialog_responded_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The name is preselected, so the PIN is what is typed next. */
  gtk_widget_grab_focus (ask->second);
}

void
pos_ask_approval (GtkWidget *parent, PosStore *store, const char *reason, PosAskApprovalFunc callback,
                  gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  Ask *ask;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (store != NULL);
  g_return_if_fail (callback != NULL);

  ask = g_new0 (Ask, 1);
  ask->parent = g_object_ref (parent);
  ask->store = store;
  ask->reason = g_strdup (reason);
  ask->approvers = pos_users_list_approvers (store, &error);
  if (ask->approvers == NULL)
    g_warning ("Cannot list who may approve: %s", error->message);
  ask->approval_cb = callback;
  ask->user_data = user_data;
  ask_approval (ask, NULL);
}
