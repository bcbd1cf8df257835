/* pos-promotion-form.c — the form a promotion is created and changed with
 * (see pos-promotion-form.h). */
#include "pos-promotion-form.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  GPtrArray *rows; /* AdwEntryRow, in the titles' order */
  GtkWidget *kind; /* GtkDropDown */
  PosAskFormFunc callback;
  gpointer user_data;
} Form;

static void
on_form_responded_cb (AdwMessageDialog *dialog, const char *response, Form *form)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) answers = NULL;
  guint choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (form->kind));

  /* One answer however the dialog then closes. */
  g_signal_handlers_disconnect_by_data (dialog, form);
  for (guint i = 0; i < form->rows->len; i++)
    g_strv_builder_add (builder, gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (form->rows, i))));
  answers = g_strv_builder_end (builder);
  form->callback (g_str_equal (response, "save") ? (const char *const *)answers : NULL, choice,
                  form->user_data);
  g_ptr_array_unref (form->rows);
  g_free (form);
}

static GtkWidget *
new_row (const char *title, const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

/* The kinds, then the rows, scrolled: the dialog fits a 768-pixel screen. */
static GtkWidget *
new_body (Form *form, const char *const *titles, const char *const *values, const char *const *choices,
          guint choice)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  form->kind = gtk_drop_down_new_from_strings (choices);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (form->kind), choice);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Kind of promotion"), -1);
  gtk_box_append (GTK_BOX (box), form->kind);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; titles[i] != NULL; i++)
    {
      GtkWidget *row = new_row (titles[i], values != NULL ? values[i] : NULL);

      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (form->rows, row);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 380);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

void
pos_promotion_form_present (GtkWidget *parent, const char *heading, const char *body,
                            const char *const *titles, const char *const *values, const char *const *choices,
                            guint choice, PosAskFormFunc callback, gpointer user_data)
{
  GtkWidget *dialog;
  Form *form;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (titles != NULL && titles[0] != NULL && choices != NULL);
  g_return_if_fail (callback != NULL);

  form = g_new0 (Form, 1);
  form->rows = g_ptr_array_new ();
  form->callback = callback;
  form->user_data = user_data;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), heading, body);
  /* the window's name, for window lists and screen readers */
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save", _ ("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      new_body (form, titles, values, choices, choice));
  g_signal_connect (dialog, "response", G_CALLBACK (on_form_responded_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (g_ptr_array_index (form->rows, 0));
}
