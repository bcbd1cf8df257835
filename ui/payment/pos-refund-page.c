/* pos-refund-page.c — giving money back for lines of a receipt.
 *
 * The page shows the receipt's refundable lines as app/ lists them
 * (pos_refund_list_lines: what is left of each after earlier refunds), one
 * row per line bound to that list; the refund itself, its limits and who
 * may approve it are app/'s too (pos_refund_commit). A role that needs
 * approval gets a supervisor asked.
 */
#include "pos-refund-page.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-key-hint.h"
#include "pos-refund.h"
#include "pos-page.h"

struct _PosRefundPage
{
  GtkWidget parent_instance;

  GtkEntry *receipt_entry;
  GtkListBox *lines_list;
  GtkLabel *total_label;

  PosContext *context;
  char *receipt_no;
  GListModel *lines; /* PosRefundableLine, one row each */
  char *card_reference;
};

G_DEFINE_FINAL_TYPE (PosRefundPage, pos_refund_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  SIGNAL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosRefundPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

/* Refunding is possible once a receipt with something left is shown. */
static void
update_actions (PosRefundPage *self)
{
  gboolean ready = self->lines != NULL && g_list_model_get_n_items (self->lines) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.cash", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "refund.card", ready);
}

static void set_lines (PosRefundPage *self, GListModel *lines);

static void
clear_lines (PosRefundPage *self)
{
  set_lines (self, NULL);
  g_clear_pointer (&self->receipt_no, g_free);
  gtk_label_set_text (self->total_label, "");
}

static GtkWidget *
create_row_cb (gpointer item, gpointer user_data)
{
  PosRefundPage *self = user_data;
  PosRefundableLine *line = item;
  PosQty left = pos_refundable_line_get_left_qty (line);
  g_autofree char *sold_text = pos_qty_to_string (pos_refundable_line_get_sold_qty (line));
  g_autofree char *left_text = pos_qty_to_string (left);
  g_autofree char *amount
      = pos_context_format_amount (self->context, pos_refundable_line_get_sold_total (line));
  g_autofree char *subtitle
      = g_strdup_printf (_ ("sold %s for %s, %s can come back"), sold_text, amount, left_text);
  g_autofree char *escaped = g_markup_escape_text (pos_refundable_line_get_name (line), -1);
  gboolean weighed = pos_refundable_line_get_weighed (line);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, (double)left / POS_QTY_ONE, weighed ? 0.001 : 1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), weighed ? 3 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (row), "pos-spin", spin);
  return row;
}

static void
set_lines (PosRefundPage *self, GListModel *lines)
{
  g_set_object (&self->lines, lines);
  gtk_list_box_bind_model (self->lines_list, lines, lines ? create_row_cb : NULL, self, NULL);
  update_actions (self);
}

/* The spin button of row @i, in the order of self->lines. */
static GtkSpinButton *
row_spin (PosRefundPage *self, guint i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lines_list, (int)i);

  return row ? g_object_get_data (G_OBJECT (row), "pos-spin") : NULL;
}

void
pos_refund_page_load (PosRefundPage *self, const char *receipt_no)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) lines = NULL;

  g_return_if_fail (POS_IS_REFUND_PAGE (self));
  g_return_if_fail (receipt_no != NULL);

  clear_lines (self);
  gtk_editable_set_text (GTK_EDITABLE (self->receipt_entry), receipt_no);
  lines = pos_refund_list_lines (pos_context_get_store (self->context), receipt_no, &error);
  if (lines == NULL || g_list_model_get_n_items (lines) == 0)
    {
      g_autofree char *message = g_strdup_printf (_ ("Nothing to refund on receipt %s"), receipt_no);
      toast (self, error ? error->message : message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  self->receipt_no = g_strdup (receipt_no);
  set_lines (self, lines);
  gtk_widget_grab_focus (GTK_WIDGET (row_spin (self, 0)));
}

static void
on_receipt_entry_activated_cb (PosRefundPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->receipt_entry))));

  if (*text != '\0')
    pos_refund_page_load (self, text);
}

/* The lines and quantities picked. */
static GArray *
picked_lines (PosRefundPage *self)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (PosRefundLine));

  for (guint i = 0; self->lines != NULL && i < g_list_model_get_n_items (self->lines); i++)
    {
      g_autoptr (PosRefundableLine) item = g_list_model_get_item (self->lines, i);
      GtkSpinButton *spin = row_spin (self, i);
      /* Read back as text: at most three decimals, parsed exactly. */
      PosRefundLine line = { pos_refundable_line_get_line_no (item), 0 };

      gtk_spin_button_update (spin);
      if (pos_qty_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), &line.qty, NULL) && line.qty > 0)
        g_array_append_val (lines, line);
    }
  return lines;
}

static gboolean
attempt_refund (PosRefundPage *self, const PosUser *approver, GError **error)
{
  g_autoptr (GArray) lines = picked_lines (self);
  g_autoptr (PosSaleResult) result = NULL;
  PosTender card = { .method = POS_TENDER_CARD };
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  if (lines->len == 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Choose how many of which items come back"));
      return FALSE;
    }
  card.reference = self->card_reference;
  result = pos_refund_commit (
      pos_context_get_store (self->context), self->receipt_no, (const PosRefundLine *)(gpointer)lines->data,
      lines->len, pos_context_get_user (self->context), approver, &card, self->card_reference ? 1 : 0, error);
  if (result == NULL)
    return FALSE;
  amount = pos_context_format_amount (self->context, -result->due);
  message = g_strdup_printf (_ ("Refunded %s on receipt %s"), amount, result->receipt_no);
  toast (self, message);
  clear_lines (self);
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
  return TRUE;
}

static void
on_refund_approved_cb (const PosUser *approver, gpointer user_data)
{
  g_autoptr (PosRefundPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (approver != NULL && !attempt_refund (self, approver, &error))
    toast (self, error->message);
}

static void
refund (PosRefundPage *self)
{
  g_autoptr (GError) error = NULL;

  if (attempt_refund (self, NULL, &error))
    return;
  if (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message,
                      on_refund_approved_cb, g_object_ref (self));
  else
    {
      toast (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
cash_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosRefundPage *self = POS_REFUND_PAGE (widget);

  g_clear_pointer (&self->card_reference, g_free);
  refund (self);
}

static void
on_card_reference_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosRefundPage) self = user_data;

  if (text == NULL)
    return;
  g_free (self->card_reference);
  self->card_reference = g_strdup (text);
  refund (self);
}

static void
card_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_ask_text (widget, _ ("Refund to card"), _ ("The reference the card terminal printed for the refund"),
                NULL, on_card_reference_answered_cb, g_object_ref (widget));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  clear_lines (POS_REFUND_PAGE (widget));
  g_signal_emit (widget, signals[SIGNAL_DONE], 0);
}

void
pos_refund_page_begin (PosRefundPage *self)
{
  g_return_if_fail (POS_IS_REFUND_PAGE (self));
  clear_lines (self);
  gtk_editable_set_text (GTK_EDITABLE (self->receipt_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_entry));
}

void
pos_refund_page_set_context (PosRefundPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_REFUND_PAGE (self));
  g_set_object (&self->context, context);
}

static void
pos_refund_page_dispose (GObject *object)
{
  PosRefundPage *self = POS_REFUND_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_REFUND_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->lines);
  g_clear_pointer (&self->receipt_no, g_free);
  g_clear_pointer (&self->card_reference, g_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_refund_page_parent_class)->dispose (object);
}

static void
pos_refund_page_class_init (PosRefundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_refund_page_dispose;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /* Refunded or given up: back to selling. */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/payment/pos-refund-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosRefundPage, receipt_entry);
  gtk_widget_class_bind_template_child (widget_class, PosRefundPage, lines_list);
  gtk_widget_class_bind_template_child (widget_class, PosRefundPage, total_label);
  gtk_widget_class_bind_template_callback (widget_class, on_receipt_entry_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "refund.cash", NULL, cash_action);
  gtk_widget_class_install_action (widget_class, "refund.card", NULL, card_action);
  gtk_widget_class_install_action (widget_class, "refund.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "refund.cash", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "refund.card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "refund.cancel", NULL);
}

static void
pos_refund_page_init (PosRefundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pos_key_hints_apply (GTK_WIDGET (self), pos_till_key_hints, pos_till_n_key_hints);
  update_actions (self);
}
