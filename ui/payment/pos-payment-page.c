/* pos-payment-page.c — taking payment for a cart.
 *
 * The page hands tenders to a PosPayment and binds its labels and actions
 * to the payment's properties; as soon as the tenders cover the amount due
 * the payment records the sale (one transaction) and the page shows the
 * change. Rounding, tender rules, points and what counts as a plausible
 * amount of cash are app/'s; a refusal is shown and the tenders stay for
 * the cashier to correct.
 */
#include "pos-payment-page.h"

#include <glib/gi18n-lib.h>

#include "pos-account-tender.h"
#include "pos-ask.h"
#include "pos-key-hint.h"
#include "pos-format.h"
#include "pos-gift-card-tender.h"
#include "pos-payment.h"
#include "pos-receipt-printer.h"
#include "pos-voucher.h"
#include "pos-page.h"

#define N_QUICK_CASH 4

struct _PosPaymentPage
{
  GtkWidget parent_instance;

  GtkStack *state_stack;
  GtkLabel *due_label;
  GtkLabel *remaining_label;
  GtkListBox *tenders_list;
  GtkEntry *amount_entry;
  GtkFlowBox *quick_cash;
  GtkLabel *change_label;
  GtkLabel *receipt_label;
  GtkButton *new_sale_button;
  GtkPicture *receipt_picture;

  PosContext *context;
  PosPayment *payment; /* while a cart is being paid for */
  GBinding *due_binding;
  GBinding *remaining_binding;
  gboolean done;                /* the sale is recorded: the change is showing */
  char *receipt_no;             /* the sale just recorded, for a reprint */
  PosGiftCardTender *gift_card; /* while it is open */
};

G_DEFINE_FINAL_TYPE (PosPaymentPage, pos_payment_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  SIGNAL_COMPLETED,
  SIGNAL_FINISHED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosPaymentPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

guint
pos_payment_quick_cash (PosAmount due, const PosCurrency *currency, PosAmount *out, guint max)
{
  guint n = 0;
  PosAmount major = 1;

  g_return_val_if_fail (currency != NULL, 0);
  g_return_val_if_fail (out != NULL || max == 0, 0);

  if (due <= 0 || currency->denominations == NULL)
    return 0;
  for (int e = 0; e < currency->exponent; e++)
    major *= 10;
  for (gssize i = 0; currency->denominations[i] != 0; i++)
    {
      PosAmount note = currency->denominations[i];
      PosAmount cover;
      guint j;

      /* Notes and the larger coins only: nobody hands over 2.60 for 2.58. */
      if (note > G_MAXINT64 - due || note < major)
        continue;
      cover = (due + note - 1) / note * note;
      if (cover == due)
        continue;
      for (j = 0; j < n && out[j] != cover; j++)
        ;
      if (j < n)
        continue;
      /* Insert keeping ascending order; keep the smallest @max. */
      for (j = n; j > 0 && out[j - 1] > cover; j--)
        if (j < max)
          out[j] = out[j - 1];
      if (j < max)
        {
          out[j] = cover;
          n = MIN (n + 1, max);
        }
    }
  return n;
}

static void
on_quick_cash_clicked_cb (GtkButton *button, PosPaymentPage *self)
{
  const char *text = g_object_get_data (G_OBJECT (button), "pos-amount");

  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), text);
  gtk_widget_activate_action (GTK_WIDGET (self), "payment.cash", NULL);
}

static void
add_quick_cash_button (PosPaymentPage *self, const char *label, PosAmount amount)
{
  const PosCurrency *currency = pos_context_get_currency (self->context);
  GtkWidget *button = gtk_button_new_with_label (label);

  g_object_set_data_full (G_OBJECT (button), "pos-amount", pos_amount_format_plain (amount, currency),
                          g_free);
  gtk_widget_add_css_class (button, "quick-key");
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect (button, "clicked", G_CALLBACK (on_quick_cash_clicked_cb), self);
  gtk_flow_box_append (self->quick_cash, button);
}

/* "Exact" (the remainder, cash-rounded) and the next notes above it. */
static void
update_quick_cash (PosPaymentPage *self)
{
  PosAmount exact = self->payment ? pos_payment_get_remaining_cash (self->payment) : 0;
  PosAmount notes[N_QUICK_CASH];
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_cash))) != NULL)
    gtk_flow_box_remove (self->quick_cash, child);
  if (exact <= 0)
    return;
  add_quick_cash_button (self, _ ("Exact"), exact);
  n = pos_payment_quick_cash (exact, pos_context_get_currency (self->context), notes, N_QUICK_CASH);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = pos_context_format_amount (self->context, notes[i]);
      add_quick_cash_button (self, label, notes[i]);
    }
}

/* Actions follow the state: tenders while the sale is open and not yet
 * covered, points only with a customer attached, a reprint once done. */
static void
update_actions (PosPaymentPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->payment != NULL && !self->done && !pos_payment_get_covered (self->payment);

  gtk_widget_action_set_enabled (widget, "payment.cash", open);
  gtk_widget_action_set_enabled (widget, "payment.card", open);
  gtk_widget_action_set_enabled (widget, "payment.gift-card", open);
  gtk_widget_action_set_enabled (widget, "payment.points",
                                 open && pos_payment_get_has_customer (self->payment));
  gtk_widget_action_set_enabled (widget, "payment.account",
                                 open && pos_payment_get_has_customer (self->payment));
  gtk_widget_action_set_enabled (widget, "payment.reprint", self->done && self->receipt_no != NULL);
}

/* The tenders taken so far, one row each. */
static void
update_tenders (PosPaymentPage *self)
{
  guint n = self->payment ? pos_payment_get_n_tenders (self->payment) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tenders_list))) != NULL)
    gtk_list_box_remove (self->tenders_list, child);
  for (guint i = 0; i < n; i++)
    {
      const PosTender *t = pos_payment_get_tender (self->payment, i);
      g_autofree char *amount = pos_context_format_amount (self->context, t->amount);
      g_autofree char *reference = g_markup_escape_text (t->reference ? t->reference : "", -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pos_tender_method_to_string (t->method));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reference);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (amount));
      gtk_list_box_append (self->tenders_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tenders_list), n > 0);
  update_quick_cash (self);
}

static void
on_payment_changed_cb (PosPayment *payment, GParamSpec *pspec, PosPaymentPage *self)
{
  if (g_str_equal (pspec->name, "n-tenders"))
    update_tenders (self);
  update_actions (self);
}

static gboolean
format_amount_cb (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  PosPaymentPage *self = user_data;

  g_value_take_string (to, pos_context_format_amount (self->context, g_value_get_int64 (from)));
  return TRUE;
}

/* "Still to pay: …" once something was handed over. */
static gboolean
format_remaining_cb (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  PosPaymentPage *self = user_data;
  g_autofree char *left = NULL;

  if (self->payment == NULL || pos_payment_get_n_tenders (self->payment) == 0)
    {
      g_value_set_string (to, "");
      return TRUE;
    }
  left = pos_context_format_amount (self->context, g_value_get_int64 (from));
  g_value_take_string (to, g_strdup_printf (_ ("Still to pay: %s"), left));
  return TRUE;
}

/* Lets go of the payment and everything bound to it. */
static void
drop_payment (PosPaymentPage *self)
{
  if (self->payment == NULL)
    return;
  g_clear_pointer (&self->due_binding, g_binding_unbind);
  g_clear_pointer (&self->remaining_binding, g_binding_unbind);
  g_signal_handlers_disconnect_by_data (self->payment, self);
  g_clear_object (&self->payment);
}

static void
bind_payment (PosPaymentPage *self, PosPayment *payment)
{
  drop_payment (self);
  self->payment = payment;
  self->due_binding = g_object_bind_property_full (payment, "total", self->due_label, "label",
                                                   G_BINDING_SYNC_CREATE, format_amount_cb, NULL, self, NULL);
  /* Bound to what still counts as due, refreshed with every tender. */
  self->remaining_binding
      = g_object_bind_property_full (payment, "remaining", self->remaining_label, "label",
                                     G_BINDING_SYNC_CREATE, format_remaining_cb, NULL, self, NULL);
  g_signal_connect (payment, "notify", G_CALLBACK (on_payment_changed_cb), self);
  update_tenders (self);
}

static gboolean
focus_new_sale_cb (gpointer user_data)
{
  PosPaymentPage *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->new_sale_button));
  return G_SOURCE_REMOVE;
}

static void
on_print_failed_cb (const char *message, gpointer user_data)
{
  PosPaymentPage *self = user_data;
  g_autoptr (AdwToast) toast = pos_receipt_printer_failure_toast (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

/* Prints in the background, opens the drawer when cash was taken, and
 * shows the receipt as it prints. */
static void
print_receipt (PosPaymentPage *self, gboolean copy, gboolean open_drawer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) preview = pos_receipt_printer_preview (self->context, self->receipt_no, &error);

  gtk_picture_set_paintable (self->receipt_picture, GDK_PAINTABLE (preview));
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_picture), preview != NULL);
  pos_receipt_printer_print (self->context, self->receipt_no, copy, open_drawer, on_print_failed_cb,
                             g_object_ref (self), g_object_unref);
}

static gboolean
paid_in_cash (PosPaymentPage *self)
{
  for (guint i = 0; i < pos_payment_get_n_tenders (self->payment); i++)
    if (pos_payment_get_tender (self->payment, i)->method == POS_TENDER_CASH)
      return TRUE;
  return FALSE;
}

static void
show_result (PosPaymentPage *self, const PosSaleResult *result)
{
  g_autofree char *change = pos_context_format_amount (self->context, result->change);
  g_autofree char *receipt = NULL;

  gtk_label_set_text (self->change_label, change);
  if (result->points_earned > 0)
    receipt = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "Receipt %s · %lld point earned",
                                          "Receipt %s · %lld points earned", (gulong)result->points_earned),
                               result->receipt_no, (long long)result->points_earned);
  else
    receipt = g_strdup_printf (_ ("Receipt %s"), result->receipt_no);
  gtk_label_set_text (self->receipt_label, receipt);
  g_free (self->receipt_no);
  self->receipt_no = g_strdup (result->receipt_no);
}

static void commit (PosPaymentPage *self, gboolean confirmed);

static void
on_account_approved_cb (gboolean approved, gpointer user_data)
{
  g_autoptr (PosPaymentPage) self = user_data;

  if (self->payment == NULL || self->done)
    return;
  if (approved)
    commit (self, FALSE);
  else
    {
      pos_payment_remove_last (self->payment);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
    }
}

/* The tenders cover the sale: record it, show the change. A refusal takes
 * back the tender that covered it, for the cashier to correct; a sale on
 * account over the credit limit waits for a supervisor instead. */
static void
commit (PosPaymentPage *self, gboolean confirmed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result
      = pos_payment_commit (self->payment, pos_context_get_user (self->context), confirmed, &error);

  if (result == NULL && pos_account_tender_over_limit (self->payment, error))
    {
      pos_account_tender_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context),
                                       self->payment, error->message, on_account_approved_cb,
                                       g_object_ref (self));
      return;
    }
  if (result == NULL)
    {
      toast (self, error->message);
      pos_payment_remove_last (self->payment);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
      return;
    }
  show_result (self, result);
  self->done = TRUE;
  update_actions (self);
  print_receipt (self, FALSE, paid_in_cash (self));
  gtk_stack_set_visible_child_name (self->state_stack, "done");
  /* After any dialog that led here has closed and handed the focus back. */
  g_idle_add_full (G_PRIORITY_LOW, focus_new_sale_cb, g_object_ref (self), g_object_unref);
  g_signal_emit (self, signals[SIGNAL_COMPLETED], 0, result->receipt_no);
}

static void
on_cash_confirmed_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr (PosPaymentPage) self = user_data;

  if (self->payment == NULL || self->done)
    return;
  if (g_str_equal (response, "take"))
    commit (self, TRUE);
  else
    {
      pos_payment_remove_last (self->payment);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
    }
}

/* An amount of cash checkout would not take unasked: the cashier says
 * whether it is really what the customer handed over. */
static void
ask_to_confirm_cash (PosPaymentPage *self)
{
  g_autofree char *question = pos_payment_dup_confirmation (self->payment);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), question,
                                              _ ("That is far more than the sale. Check the amount typed."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Correct the amount"), "take",
                                    _ ("_Take the cash"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter, pressed again out of habit, must not accept a typing slip. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_cash_confirmed_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adds a tender; records the sale when it is covered. */
static void
add_tender (PosPaymentPage *self, const PosTender *tender)
{
  g_autoptr (GError) error = NULL;

  if (!pos_payment_add_tender (self->payment, tender, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  if (!pos_payment_get_covered (self->payment))
    return;
  if (pos_payment_get_needs_confirmation (self->payment))
    ask_to_confirm_cash (self);
  else
    commit (self, FALSE);
}

/* The amount typed, or @fallback when the field is empty. */
static gboolean
typed_amount (PosPaymentPage *self, PosAmount fallback, PosAmount *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_entry));
  g_autoptr (GError) error = NULL;

  if (*text == '\0')
    {
      *out = fallback;
      return TRUE;
    }
  if (!pos_amount_parse_local (text, pos_context_get_currency (self->context), out, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
cash_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);
  PosTender tender = { .method = POS_TENDER_CASH };

  if (typed_amount (self, pos_payment_get_remaining_cash (self->payment), &tender.amount))
    add_tender (self, &tender);
}

static void open_gift_card (PosPaymentPage *self, const char *code);

/* A gift card's code typed (or a scan read as typing) where the cash goes:
 * letters and digits, never an amount. */
static gboolean
is_card_code (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);

  for (const char *c = upper; *c != '\0'; c++)
    if (g_ascii_isalpha (*c))
      return pos_voucher_code_is_valid (upper);
  return FALSE;
}

static void
on_amount_entry_activated_cb (PosPaymentPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)));

  if (self->payment != NULL && !self->done && is_card_code (g_strstrip (text)))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
      open_gift_card (self, text);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "payment.cash", NULL);
}

static void
on_card_reference_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosPaymentPage) self = user_data;
  PosTender tender = { .method = POS_TENDER_CARD };

  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  if (text == NULL || self->payment == NULL)
    return;
  if (!typed_amount (self, pos_payment_get_remaining (self->payment), &tender.amount))
    return;
  tender.reference = (char *)text;
  add_tender (self, &tender);
}

/* Card: the amount typed (or the rest) was taken on the terminal; the
 * cashier types the terminal's reference. */
static void
card_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);
  PosAmount amount;

  if (!typed_amount (self, pos_payment_get_remaining (self->payment), &amount))
    return;
  pos_ask_text (widget, _ ("Card payment"), _ ("The reference the card terminal printed"), NULL,
                on_card_reference_answered_cb, g_object_ref (self));
}

static void
on_points_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosPaymentPage) self = user_data;
  PosTender tender = { .method = POS_TENDER_POINTS };

  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  if (text == NULL || *text == '\0' || self->payment == NULL)
    return;
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT32, &tender.points, NULL))
    {
      toast (self, _ ("Type a number of points"));
      return;
    }
  add_tender (self, &tender);
}

static void
points_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_ask_text (widget, _ ("Pay with points"), _ ("How many points"), NULL, on_points_answered_cb,
                g_object_ref (widget));
}

/* On account: the amount typed (or the rest) goes on the customer's tab. */
static void
account_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);
  PosTender tender = { .method = POS_TENDER_ACCOUNT };

  if (typed_amount (self, pos_payment_get_remaining (self->payment), &tender.amount))
    add_tender (self, &tender);
}

static void
on_gift_card_chosen_cb (PosGiftCardTender *dialog, const char *code, gint64 amount, PosPaymentPage *self)
{
  PosTender tender = { .method = POS_TENDER_VOUCHER, .amount = amount, .reference = (char *)code };

  if (self->payment != NULL && !self->done)
    add_tender (self, &tender);
}

/* Opens the gift-card window, looking up @code (nullable) at once. */
static void
open_gift_card (PosPaymentPage *self, const char *code)
{
  if (self->gift_card == NULL)
    {
      self->gift_card = pos_gift_card_tender_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  self->context, self->payment);
      g_object_add_weak_pointer (G_OBJECT (self->gift_card), (gpointer *)&self->gift_card);
      g_signal_connect_object (self->gift_card, "chosen", G_CALLBACK (on_gift_card_chosen_cb), self, 0);
      gtk_window_present (GTK_WINDOW (self->gift_card));
    }
  if (code != NULL)
    pos_gift_card_tender_set_code (self->gift_card, code);
}

static void
gift_card_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  open_gift_card (POS_PAYMENT_PAGE (widget), NULL);
}

void
pos_payment_page_scan (PosPaymentPage *self, const char *code)
{
  g_return_if_fail (POS_IS_PAYMENT_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->payment == NULL || self->done || pos_payment_get_covered (self->payment))
    {
      toast (self, _ ("Finish the payment before scanning"));
      return;
    }
  open_gift_card (self, code);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);

  if (self->done)
    {
      gtk_widget_activate_action (widget, "payment.finish", NULL);
      return;
    }
  drop_payment (self);
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

static void
reprint_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  print_receipt (POS_PAYMENT_PAGE (widget), TRUE, FALSE);
}

static void
finish_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);

  drop_payment (self);
  self->done = FALSE;
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

void
pos_payment_page_begin (PosPaymentPage *self, PosCart *cart)
{
  g_return_if_fail (POS_IS_PAYMENT_PAGE (self));
  g_return_if_fail (POS_IS_CART (cart));

  self->done = FALSE;
  bind_payment (self, pos_payment_new (pos_context_get_store (self->context), cart));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_stack_set_visible_child_name (self->state_stack, "tender");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
}

void
pos_payment_page_set_context (PosPaymentPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_PAYMENT_PAGE (self));
  g_set_object (&self->context, context);
}

static void
pos_payment_page_dispose (GObject *object)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (object);

  if (self->gift_card != NULL)
    gtk_window_destroy (GTK_WINDOW (self->gift_card));
  drop_payment (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_PAYMENT_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  g_clear_pointer (&self->receipt_no, g_free);
  G_OBJECT_CLASS (pos_payment_page_parent_class)->dispose (object);
}

static void
pos_payment_page_class_init (PosPaymentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_payment_page_dispose;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /* The sale is recorded: the receipt number. */
  signals[SIGNAL_COMPLETED] = g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The cashier is ready for the next customer. */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/payment/pos-payment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, due_label);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, remaining_label);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, tenders_list);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, quick_cash);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, change_label);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, new_sale_button);
  gtk_widget_class_bind_template_child (widget_class, PosPaymentPage, receipt_picture);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_entry_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "payment.cash", NULL, cash_action);
  gtk_widget_class_install_action (widget_class, "payment.card", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "payment.points", NULL, points_action);
  gtk_widget_class_install_action (widget_class, "payment.gift-card", NULL, gift_card_action);
  gtk_widget_class_install_action (widget_class, "payment.account", NULL, account_action);
  gtk_widget_class_install_action (widget_class, "payment.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "payment.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "payment.reprint", NULL, reprint_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "payment.reprint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "payment.card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "payment.points", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "payment.gift-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "payment.account", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "payment.cancel", NULL);
}

static void
pos_payment_page_init (PosPaymentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pos_key_hints_apply (GTK_WIDGET (self), pos_till_key_hints, pos_till_n_key_hints);
  update_actions (self);
}
