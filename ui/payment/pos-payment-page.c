/* pos-payment-page.c — taking payment for a cart.
 *
 * The page collects tenders; as soon as they cover the amount due it asks
 * app/ to record the sale (pos_checkout_commit: one transaction) and shows
 * the change. Rounding, tender rules and points are app/'s; a refusal is
 * shown and the tenders stay for the cashier to correct.
 */
#include "pos-payment-page.h"

#include "pos-ask.h"
#include "pos-checkout.h"
#include "pos-receipt-printer.h"
#include "pos-shop.h"
#include "pos-store-private.h"

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
  PosCart *cart;
  GArray *tenders;  /* PosTender */
  char *receipt_no; /* the sale just recorded, for a reprint */
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

static PosAmount
tendered_so_far (PosPaymentPage *self)
{
  PosAmount sum = 0;

  for (guint i = 0; i < self->tenders->len; i++)
    sum += g_array_index (self->tenders, PosTender, i).amount;
  return sum;
}

static PosAmount
remaining (PosPaymentPage *self)
{
  return pos_cart_get_total (self->cart) - tendered_so_far (self);
}

/* What is still due if the rest is paid in cash, rounded by the shop's
 * cash step. */
static PosAmount
remaining_in_cash (PosPaymentPage *self)
{
  PosShopRules rules = { 0 };
  PosAmount due;

  pos_shop_rules_load (pos_context_get_store (self->context), &rules);
  due = pos_amount_round_cash (remaining (self), rules.cash_step > 0 ? rules.cash_step : 1);
  pos_shop_rules_clear (&rules);
  return due;
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

  g_object_set_data_full (G_OBJECT (button), "pos-amount", pos_amount_to_string (amount, currency), g_free);
  gtk_widget_add_css_class (button, "quick-key");
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect (button, "clicked", G_CALLBACK (on_quick_cash_clicked_cb), self);
  gtk_flow_box_append (self->quick_cash, button);
}

/* "Exact" (the remainder, cash-rounded) and the next notes above it. */
static void
update_quick_cash (PosPaymentPage *self)
{
  PosAmount exact = remaining_in_cash (self);
  PosAmount notes[N_QUICK_CASH];
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_cash))) != NULL)
    gtk_flow_box_remove (self->quick_cash, child);
  if (exact <= 0)
    return;
  add_quick_cash_button (self, "Exact", exact);
  n = pos_payment_quick_cash (exact, pos_context_get_currency (self->context), notes, N_QUICK_CASH);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = pos_context_format_amount (self->context, notes[i]);
      add_quick_cash_button (self, label, notes[i]);
    }
}

static void
update (PosPaymentPage *self)
{
  g_autofree char *due = pos_context_format_amount (self->context, pos_cart_get_total (self->cart));
  g_autofree char *left = pos_context_format_amount (self->context, MAX (remaining (self), 0));
  g_autofree char *left_text = g_strdup_printf ("Still to pay: %s", left);
  GtkWidget *child;

  gtk_label_set_text (self->due_label, due);
  gtk_label_set_text (self->remaining_label, self->tenders->len ? left_text : "");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tenders_list))) != NULL)
    gtk_list_box_remove (self->tenders_list, child);
  for (guint i = 0; i < self->tenders->len; i++)
    {
      PosTender *t = &g_array_index (self->tenders, PosTender, i);
      g_autofree char *amount = pos_context_format_amount (self->context, t->amount);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pos_tender_method_to_string (t->method));
      g_autofree char *reference = g_markup_escape_text (t->reference ? t->reference : "", -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reference);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (amount));
      gtk_list_box_append (self->tenders_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tenders_list), self->tenders->len > 0);
  update_quick_cash (self);
}

static void
clear_tenders (PosPaymentPage *self)
{
  for (guint i = 0; i < self->tenders->len; i++)
    pos_tender_clear (&g_array_index (self->tenders, PosTender, i));
  g_array_set_size (self->tenders, 0);
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
  g_autofree char *text
      = g_strdup_printf ("Receipt not printed: %s. The sale is saved; Ctrl+P prints it again.", message);
  g_autoptr (AdwToast) toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
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
  for (guint i = 0; i < self->tenders->len; i++)
    if (g_array_index (self->tenders, PosTender, i).method == POS_TENDER_CASH)
      return TRUE;
  return FALSE;
}

/* The tenders cover the sale: record it, show the change. */
static void
commit (PosPaymentPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  g_autofree char *change = NULL;
  g_autofree char *receipt = NULL;

  result = pos_checkout_commit (pos_context_get_store (self->context), self->cart,
                                pos_context_get_user (self->context),
                                (const PosTender *)(gpointer)self->tenders->data, self->tenders->len, &error);
  if (result == NULL)
    {
      toast (self, error->message);
      return;
    }
  change = pos_context_format_amount (self->context, result->change);
  gtk_label_set_text (self->change_label, change);
  if (result->points_earned > 0)
    receipt = g_strdup_printf ("Receipt %s · %" G_GINT64_FORMAT " points earned", result->receipt_no,
                               result->points_earned);
  else
    receipt = g_strdup_printf ("Receipt %s", result->receipt_no);
  gtk_label_set_text (self->receipt_label, receipt);
  g_free (self->receipt_no);
  self->receipt_no = g_strdup (result->receipt_no);
  print_receipt (self, FALSE, paid_in_cash (self));
  gtk_stack_set_visible_child_name (self->state_stack, "done");
  /* After any dialog that led here has closed and handed the focus back. */
  g_idle_add_full (G_PRIORITY_LOW, focus_new_sale_cb, g_object_ref (self), g_object_unref);
  g_signal_emit (self, signals[SIGNAL_COMPLETED], 0, result->receipt_no);
}

/* Adds a tender; commits when the sale is covered. */
static void
add_tender (PosPaymentPage *self, PosTender *tender)
{
  g_array_append_val (self->tenders, *tender);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  update (self);
  if (remaining (self) <= 0 || (tender->method == POS_TENDER_CASH && remaining_in_cash (self) <= 0))
    {
      commit (self);
      if (g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "tender"))
        {
          pos_tender_clear (&g_array_index (self->tenders, PosTender, self->tenders->len - 1));
          g_array_set_size (self->tenders, self->tenders->len - 1);
          update (self);
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
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
  if (!pos_amount_parse (text, pos_context_get_currency (self->context), out, &error))
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

  if (typed_amount (self, remaining_in_cash (self), &tender.amount))
    add_tender (self, &tender);
}

static void
on_amount_entry_activated_cb (PosPaymentPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "payment.cash", NULL);
}

static void
on_card_reference_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosPaymentPage) self = user_data;
  g_autoptr (GError) error = NULL;
  PosTender tender = { .method = POS_TENDER_CARD };

  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  if (text == NULL)
    return;
  if (!pos_card_reference_check (text, &error))
    {
      toast (self, error->message);
      return;
    }
  if (!typed_amount (self, remaining (self), &tender.amount))
    return;
  tender.reference = g_strdup (text);
  add_tender (self, &tender);
}

/* Card: the amount typed (or the rest) was taken on the terminal; the
 * cashier types the terminal's reference. */
static void
card_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);
  PosAmount amount;

  if (!typed_amount (self, remaining (self), &amount))
    return;
  pos_ask_text (widget, "Card payment", "The reference the card terminal printed", NULL,
                on_card_reference_answered_cb, g_object_ref (self));
}

static void
on_points_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosPaymentPage) self = user_data;
  PosTender tender = { .method = POS_TENDER_POINTS };
  gint64 value = pos_store_get_setting_int (pos_context_get_store (self->context), "loyalty_point_value", 1);

  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
  if (text == NULL || *text == '\0')
    return;
  tender.points = g_ascii_strtoll (text, NULL, 10);
  if (tender.points <= 0 || tender.points > G_MAXINT64 / MAX (value, 1))
    {
      toast (self, "Type a number of points");
      return;
    }
  tender.amount = tender.points * value;
  add_tender (self, &tender);
}

static void
points_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);

  if (pos_cart_get_customer_id (self->cart) == 0)
    {
      toast (self, "Attach the customer's card first (F7 on the sale screen)");
      return;
    }
  pos_ask_text (widget, "Pay with points", "How many points", NULL, on_points_answered_cb,
                g_object_ref (self));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "done"))
    {
      gtk_widget_activate_action (widget, "payment.finish", NULL);
      return;
    }
  clear_tenders (self);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

static void
reprint_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);

  if (self->receipt_no != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "done"))
    print_receipt (self, TRUE, FALSE);
}

static void
finish_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosPaymentPage *self = POS_PAYMENT_PAGE (widget);

  clear_tenders (self);
  g_clear_object (&self->cart);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

void
pos_payment_page_begin (PosPaymentPage *self, PosCart *cart)
{
  g_return_if_fail (POS_IS_PAYMENT_PAGE (self));
  g_return_if_fail (POS_IS_CART (cart));

  g_set_object (&self->cart, cart);
  clear_tenders (self);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
  gtk_stack_set_visible_child_name (self->state_stack, "tender");
  update (self);
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

  if (self->tenders != NULL)
    clear_tenders (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_PAYMENT_PAGE);
  g_clear_pointer (&self->tenders, g_array_unref);
  g_clear_object (&self->cart);
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
  gtk_widget_class_install_action (widget_class, "payment.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "payment.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "payment.reprint", NULL, reprint_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "payment.reprint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "payment.card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "payment.points", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "payment.cancel", NULL);
}

static void
pos_payment_page_init (PosPaymentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tenders = g_array_new (FALSE, TRUE, sizeof (PosTender));
}
