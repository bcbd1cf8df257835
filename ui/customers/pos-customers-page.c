/* pos-customers-page.c — loyalty customers.
 *
 * Search, the profile and the points ledger are read through app/
 * (pos-customer.h, pos-loyalty.h); edits, exports and erasure go through it
 * too, so consent, audit and the journal are never the page's business.
 */
#include "pos-customers-page.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-customer.h"
#include "pos-customers-account.h"
#include "pos-loyalty.h"
#include "pos-page.h"

#define N_RESULTS 200
#define N_HISTORY 100

struct _PosCustomersPage
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox *results_list;
  GtkLabel *name_label;
  GtkLabel *detail_label;
  GtkListBox *history_list;

  PosContext *context;
  gint64 customer_id; /* shown, 0: none */
};

G_DEFINE_FINAL_TYPE (PosCustomersPage, pos_customers_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosCustomersPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_customer (PosCustomersPage *self, gint64 id)
{
  PosStore *store = pos_context_get_store (self->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) customer = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *detail = NULL;

  self->customer_id = 0;
  clear_list (self->history_list);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), FALSE);
  gtk_label_set_text (self->name_label, "");
  gtk_label_set_text (self->detail_label, "");
  if (id == 0 || (customer = pos_customer_get (store, id, &error)) == NULL)
    return;
  self->customer_id = id;
  gtk_label_set_text (self->name_label, customer->name ? customer->name : _ ("(no name)"));
  detail = g_strdup_printf (
      /* TRANSLATORS: the last %s is empty or " · personal data erased". */
      _ ("Card %s · phone %s · email %s · %s · %lld points%s"),
      customer->card_code ? customer->card_code : "—", customer->phone ? customer->phone : "—",
      customer->email ? customer->email : "—", customer->consent ? _ ("may be contacted") : _ ("no contact"),
      (long long)pos_loyalty_balance (store, id), customer->erased_at ? _ (" · personal data erased") : "");
  {
    g_autofree char *account = pos_customers_account_summary (self->context, id);
    g_autofree char *text = account ? g_strdup_printf ("%s\n%s", detail, account) : NULL;

    gtk_label_set_text (self->detail_label, text ? text : detail);
  }
  history = pos_loyalty_history (store, id, N_HISTORY, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), history != NULL && history->len > 0);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      PosLoyaltyEntry *entry = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *points = g_strdup_printf ("%+" G_GINT64_FORMAT, entry->points);
      g_autofree char *title
          = g_markup_printf_escaped ("%s %s", entry->reason, entry->receipt_no ? entry->receipt_no : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->created_at);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (points));
      gtk_list_box_append (self->history_list, row);
    }
}

static void
search (PosCustomersPage *self)
{
  PosStore *store = pos_context_get_store (self->context);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GArray) ids = pos_customer_search (store, text, N_RESULTS, NULL);

  clear_list (self->results_list);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (PosCustomer) customer = pos_customer_get (store, id, NULL);
      GtkWidget *label;

      if (customer == NULL)
        continue;
      label = gtk_label_new (customer->name        ? customer->name
                             : customer->card_code ? customer->card_code
                                                   : "—");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      g_object_set_data (G_OBJECT (label), "pos-id", GSIZE_TO_POINTER ((gsize)id));
      gtk_list_box_append (self->results_list, label);
    }
}

static void
on_search_entry_search_changed_cb (PosCustomersPage *self)
{
  search (self);
}

static void
on_results_list_row_selected_cb (PosCustomersPage *self, GtkListBoxRow *row)
{
  GtkWidget *child = row ? gtk_list_box_row_get_child (row) : NULL;

  show_customer (self, child ? (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "pos-id")) : 0);
}

/* --- Edit and new --------------------------------------------------------- */

typedef struct
{
  PosCustomersPage *self;
  PosCustomer *customer; /* id 0: a new one */
  GtkWidget *name, *card, *phone, *email, *consent;
} Form;

static void
form_free (Form *form)
{
  g_object_unref (form->self);
  pos_customer_free (form->customer);
  g_free (form);
}

static GtkWidget *
form_entry (GtkWidget *box, const char *label, const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

/* Empty fields mean "none". */
static void
take_field (char **field, GtkWidget *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (*field);
  *field = *text ? g_strdup (text) : NULL;
}

static void
on_form_responded_cb (AdwMessageDialog *dialog, const char *response, Form *form)
{
  PosCustomersPage *self = form->self;
  PosStore *store = pos_context_get_store (self->context);
  const PosUser *user = pos_context_get_user (self->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) added = NULL;
  PosCustomer *c = form->customer;
  gboolean ok;

  if (g_str_equal (response, "save"))
    {
      take_field (&c->name, form->name);
      take_field (&c->card_code, form->card);
      take_field (&c->phone, form->phone);
      take_field (&c->email, form->email);
      c->consent = gtk_check_button_get_active (GTK_CHECK_BUTTON (form->consent));
      if (c->id == 0)
        ok = (added = pos_customer_add (store, user, c, &error)) != NULL;
      else
        ok = pos_customer_update (store, user, c, &error);
      if (!ok)
        toast (self, error->message);
      else
        show_customer (self, added ? added->id : c->id);
    }
  form_free (form);
}

static void
open_form (PosCustomersPage *self, PosCustomer *customer)
{
  Form *form = g_new0 (Form, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;

  form->self = g_object_ref (self);
  form->customer = customer;
  form->name = form_entry (box, _ ("Name"), customer->name);
  form->card = form_entry (box, _ ("Loyalty card"), customer->card_code);
  form->phone = form_entry (box, _ ("Phone"), customer->phone);
  form->email = form_entry (box, _ ("Email"), customer->email);
  form->consent = gtk_check_button_new_with_label (_ ("Agrees to be contacted"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (form->consent), customer->consent);
  gtk_box_append (GTK_BOX (box), form->consent);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   customer->id ? _ ("Edit customer") : _ ("New customer"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "save", _ ("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_form_responded_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  open_form (POS_CUSTOMERS_PAGE (widget), g_new0 (PosCustomer, 1));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosCustomersPage *self = POS_CUSTOMERS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  PosCustomer *customer;

  if (self->customer_id == 0)
    return;
  customer = pos_customer_get (pos_context_get_store (self->context), self->customer_id, &error);
  if (customer == NULL)
    toast (self, error->message);
  else
    open_form (self, customer);
}

/* --- Export and erase on request ----------------------------------------- */

/* Writes the customer's data as JSON into the user's documents folder. */
static void
export_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosCustomersPage *self = POS_CUSTOMERS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->customer_id == 0)
    return;
  data = pos_customer_export (pos_context_get_store (self->context), self->customer_id, &error);
  if (data == NULL)
    {
      toast (self, error->message);
      return;
    }
  text = json_to_string (data, TRUE);
  name = g_strdup_printf ("customer-%" G_GINT64_FORMAT ".json", self->customer_id);
  path = g_build_filename (dir ? dir : g_get_home_dir (), name, NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      toast (self, error->message);
      return;
    }
  message = g_strdup_printf (_ ("Saved to %s"), path);
  toast (self, message);
}

/* --- The customer's account --------------------------------------------- */

static void
on_account_done_cb (const char *message, gpointer user_data)
{
  PosCustomersPage *self = user_data;

  toast (self, message);
  show_customer (self, self->customer_id);
}

static void
account_pay_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosCustomersPage *self = POS_CUSTOMERS_PAGE (widget);

  if (self->customer_id != 0)
    pos_customers_account_pay (widget, self->context, self->customer_id, on_account_done_cb, self);
}

static void
statement_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosCustomersPage *self = POS_CUSTOMERS_PAGE (widget);

  if (self->customer_id != 0)
    pos_customers_account_statement (widget, self->context, self->customer_id, on_account_done_cb, self);
}

static gboolean
erase (PosCustomersPage *self, const PosUser *approver, GError **error)
{
  if (!pos_customer_erase (pos_context_get_store (self->context), pos_context_get_user (self->context),
                           approver, self->customer_id, error))
    return FALSE;
  toast (self, _ ("The customer's personal data is erased"));
  show_customer (self, self->customer_id);
  search (self);
  return TRUE;
}

static void
on_erase_approved_cb (const PosUser *approver, gpointer user_data)
{
  g_autoptr (PosCustomersPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (approver != NULL && !erase (self, approver, &error))
    toast (self, error->message);
}

static void
on_erase_confirmed_cb (AdwMessageDialog *dialog, const char *response, PosCustomersPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "erase") || erase (self, NULL, &error))
    return;
  if (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message,
                      on_erase_approved_cb, g_object_ref (self));
  else
    toast (self, error->message);
}

static void
erase_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosCustomersPage *self = POS_CUSTOMERS_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer_id == 0)
    return;
  dialog
      = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _ ("Erase this customer's data?"),
                                _ ("Name, phone, email and card are removed for good. Their sales stay, "
                                   "without the person."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "erase",
                                    _ ("_Erase"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pos_customers_page_set_context (PosCustomersPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_CUSTOMERS_PAGE (self));
  g_set_object (&self->context, context);
}

static void
pos_customers_page_dispose (GObject *object)
{
  PosCustomersPage *self = POS_CUSTOMERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_CUSTOMERS_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_customers_page_parent_class)->dispose (object);
}

static void
pos_customers_page_class_init (PosCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_customers_page_dispose;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/customers/pos-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PosCustomersPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, PosCustomersPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PosCustomersPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PosCustomersPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "customers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "customers.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customers.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "customers.erase", NULL, erase_action);
  gtk_widget_class_install_action (widget_class, "customers.account-pay", NULL, account_pay_action);
  gtk_widget_class_install_action (widget_class, "customers.statement", NULL, statement_action);
}

static void
pos_customers_page_init (PosCustomersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
