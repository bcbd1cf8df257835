/* pos-gift-card-tender.c — paying with a gift card (see pos-gift-card-tender.h). */
#include "pos-gift-card-tender.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-format.h"
#include "pos-voucher.h"

struct _PosGiftCardTender
{
  AdwWindow parent_instance;

  GtkEntry *code_entry;
  GtkLabel *status_label;
  GtkEntry *amount_entry;
  GtkButton *use_button;

  PosContext *context;
  PosPayment *payment;
  char *code; /* the card looked up and able to pay, else NULL */
};

G_DEFINE_FINAL_TYPE (PosGiftCardTender, pos_gift_card_tender, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Shows @message, a refusal when @refused, and whether the card may pay. */
static void
show_status (PosGiftCardTender *self, const char *message, gboolean refused)
{
  gtk_label_set_text (self->status_label, message);
  if (refused)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      g_clear_pointer (&self->code, g_free);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_entry), self->code != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_button), self->code != NULL);
}

/* "Balance €20.00 · valid until 2029-12-31" */
static char *
describe (PosGiftCardTender *self, const PosVoucher *v)
{
  g_autofree char *balance = pos_context_format_amount (self->context, MAX (v->balance, 0));

  if (v->expires_on == NULL)
    return g_strdup_printf (_ ("Balance %s · does not expire"), balance);
  return g_strdup_printf (_ ("Balance %s · valid until %s"), balance, v->expires_on);
}

/* Whether @v can pay @amount here and now; the reason shown when not. */
static gboolean
can_pay (PosGiftCardTender *self, const PosVoucher *v, PosAmount amount)
{
  PosCart *cart = pos_payment_get_cart (self->payment);
  g_autoptr (GError) error = NULL;

  if (v->balance <= 0 && !v->voided)
    {
      g_autofree char *text = g_strdup_printf (_ ("Nothing is left on %s"), v->code);
      show_status (self, text, TRUE);
      return FALSE;
    }
  if (!pos_voucher_check_redeem (pos_context_get_store (self->context), v->code, amount,
                                 pos_cart_get_customer_id (cart), &error))
    {
      show_status (self, error->message, TRUE);
      return FALSE;
    }
  return TRUE;
}

static void
look_up (PosGiftCardTender *self, const char *typed)
{
  g_autofree char *code = g_ascii_strup (g_strstrip (g_strdup (typed)), -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosVoucher) v = pos_voucher_lookup (pos_context_get_store (self->context), code, &error);
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;
  PosAmount use;

  g_clear_pointer (&self->code, g_free);
  if (v == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  use = MIN (v->balance, pos_payment_get_remaining (self->payment));
  if (!can_pay (self, v, MAX (use, 1)))
    return;
  self->code = g_steal_pointer (&code);
  text = describe (self, v);
  show_status (self, text, FALSE);
  amount = pos_amount_format_plain (use, pos_context_get_currency (self->context));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), amount);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
}

static void
on_code_entry_activated_cb (GtkEntry *entry, PosGiftCardTender *self)
{
  look_up (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* The cashier uses the amount typed: checked again against the card and
 * the rest of the sale, then handed to the payment page. */
static void
use_card (PosGiftCardTender *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_entry));
  g_autoptr (GError) error = NULL;
  g_autoptr (PosVoucher) v = NULL;
  PosAmount amount;

  if (self->code == NULL)
    return;
  if (!pos_amount_parse_local (text, pos_context_get_currency (self->context), &amount, &error))
    {
      show_status (self, error->message, FALSE);
      return;
    }
  if (amount > pos_payment_get_remaining (self->payment))
    {
      show_status (self, _ ("A gift card pays no more than what is still to pay"), FALSE);
      return;
    }
  v = pos_voucher_lookup (pos_context_get_store (self->context), self->code, &error);
  if (v == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  if (!can_pay (self, v, amount))
    return;
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, self->code, (gint64)amount);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_use_clicked_cb (GtkButton *button, PosGiftCardTender *self)
{
  use_card (self);
}

static void
on_amount_entry_activated_cb (GtkEntry *entry, PosGiftCardTender *self)
{
  use_card (self);
}

void
pos_gift_card_tender_set_code (PosGiftCardTender *self, const char *code)
{
  g_return_if_fail (POS_IS_GIFT_CARD_TENDER (self));
  g_return_if_fail (code != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
  look_up (self, code);
}

static GtkWidget *
new_content (PosGiftCardTender *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_box_append (GTK_BOX (box), header);
  g_object_set (body, "margin-start", 18, "margin-end", 18, "margin-bottom", 18, NULL);
  self->code_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->code_entry, _ ("Scan the card or type its code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Gift card code"), -1);
  self->status_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  self->amount_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->amount_entry, _ ("Amount to use"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Amount to use"), -1);
  self->use_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Use the card")));
  gtk_widget_add_css_class (GTK_WIDGET (self->use_button), "suggested-action");
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->code_entry));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->amount_entry));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->use_button));
  gtk_box_append (GTK_BOX (box), body);
  g_signal_connect (self->code_entry, "activate", G_CALLBACK (on_code_entry_activated_cb), self);
  g_signal_connect (self->amount_entry, "activate", G_CALLBACK (on_amount_entry_activated_cb), self);
  g_signal_connect (self->use_button, "clicked", G_CALLBACK (on_use_clicked_cb), self);
  return box;
}

PosGiftCardTender *
pos_gift_card_tender_new (GtkWindow *parent, PosContext *context, PosPayment *payment)
{
  PosGiftCardTender *self;

  g_return_val_if_fail (POS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (POS_IS_PAYMENT (payment), NULL);

  self = g_object_new (POS_TYPE_GIFT_CARD_TENDER, "modal", TRUE, "transient-for", parent, "title",
                       _ ("Gift card"), "default-width", 420, "destroy-with-parent", TRUE, NULL);
  self->context = g_object_ref (context);
  self->payment = g_object_ref (payment);
  return self;
}

static void
pos_gift_card_tender_dispose (GObject *object)
{
  PosGiftCardTender *self = POS_GIFT_CARD_TENDER (object);

  g_clear_object (&self->context);
  g_clear_object (&self->payment);
  g_clear_pointer (&self->code, g_free);
  G_OBJECT_CLASS (pos_gift_card_tender_parent_class)->dispose (object);
}

static void
pos_gift_card_tender_class_init (PosGiftCardTenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_gift_card_tender_dispose;
  /* The card @code pays @amount. */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                         NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pos_gift_card_tender_init (PosGiftCardTender *self)
{
  adw_window_set_content (ADW_WINDOW (self), new_content (self));
  show_status (self, _ ("Scan the card or type its code, then press Enter"), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}
