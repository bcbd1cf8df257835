/* pos-history-page.c — past sales (see pos-history-page.h).
 *
 * The list is app/'s sales history (pos-sales-history.h), filtered and
 * paged in SQL: a page at a time, "Show more" asks for the sales older than
 * the last one shown. Reprints go through the till's printer in a worker
 * thread; a refund is handed up to the window, which owns the refund page.
 */
#include "pos-history-page.h"

#include <glib/gi18n-lib.h>

#include <qrencode.h>
#include <string.h>

#include "pos-catalog.h"
#include "pos-format.h"
#include "pos-money.h"
#include "pos-sales-history.h"
#include "pos-till-printer.h"
#include "pos-page.h"

#define PAGE_SIZE 50

struct _PosHistoryPage
{
  GtkWidget parent_instance;

  GtkEntry *receipt_entry;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkEntry *amount_entry;
  GtkEntry *cashier_entry;
  GtkEntry *customer_entry;
  GtkEntry *product_entry;
  GtkListBox *results_list;
  GtkLabel *detail_label;

  PosContext *context;
  gint64 last_id;   /* the oldest sale listed: the next page starts below it */
  char *receipt_no; /* the receipt shown, NULL when none */
};

G_DEFINE_FINAL_TYPE (PosHistoryPage, pos_history_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  SIGNAL_REFUND_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosHistoryPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

/* The actions that need a receipt on screen. */
static void
update_receipt_actions (PosHistoryPage *self)
{
  gboolean shown = self->receipt_no != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.reprint", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.refund", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.qr", shown);
}

/* "2026-12-04T21:06:29.135Z" in local time, "2026-12-04 22:06". */
static char *
local_time (const char *utc_text)
{
  g_autoptr (GDateTime) utc = utc_text != NULL ? g_date_time_new_from_iso8601 (utc_text, NULL) : NULL;
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (utc_text ? utc_text : "");
}

static const char *
text_or_null (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return *text != '\0' ? text : NULL;
}

/* The filter the fields describe; an amount finds sales of exactly it. */
static gboolean
read_filter (PosHistoryPage *self, PosSalesFilter *filter, GError **error)
{
  const char *amount = text_or_null (self->amount_entry);

  filter->receipt = text_or_null (self->receipt_entry);
  filter->from_day = text_or_null (self->from_entry);
  filter->to_day = text_or_null (self->to_entry);
  filter->cashier = text_or_null (self->cashier_entry);
  filter->customer = text_or_null (self->customer_entry);
  filter->product = text_or_null (self->product_entry);
  filter->before_id = self->last_id;
  filter->limit = PAGE_SIZE;
  if (amount == NULL)
    return TRUE;
  if (!pos_amount_parse_local (amount, pos_context_get_currency (self->context), &filter->min_total, error))
    return FALSE;
  filter->has_min = filter->has_max = TRUE;
  filter->max_total = filter->min_total;
  return TRUE;
}

static GtkWidget *
summary_row (PosHistoryPage *self, const PosSaleSummary *sale)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = local_time (sale->created_at);
  g_autofree char *total = pos_context_format_amount (self->context, sale->total);
  g_autofree char *title
      = g_strdup_printf ("%s%s", sale->receipt_no, g_str_equal (sale->kind, "refund") ? _ (" (refund)") : "");
  g_autofree char *subtitle
      = g_strdup_printf ("%s · %s%s%s", when, sale->cashier ? sale->cashier : "–",
                         sale->customer ? _ (" · card ") : "", sale->customer ? sale->customer : "");
  GtkWidget *amount = gtk_label_new (total);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (amount, "amount");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  g_object_set_data_full (G_OBJECT (row), "receipt-no", g_strdup (sale->receipt_no), g_free);
  return row;
}

/* Appends the next page of sales; a single match is shown at once. */
static void
load_page (PosHistoryPage *self)
{
  PosSalesFilter filter = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sales = NULL;

  if (!read_filter (self, &filter, &error)
      || !(sales = pos_sales_history_list (pos_context_get_store (self->context), &filter, &error)))
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < sales->len; i++)
    {
      const PosSaleSummary *sale = g_ptr_array_index (sales, i);

      gtk_list_box_append (self->results_list, summary_row (self, sale));
      self->last_id = sale->id;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.more", sales->len == PAGE_SIZE);
  if (sales->len == 0 && filter.before_id == 0)
    toast (self, _ ("No sales match"));
  else if (sales->len == 1 && filter.before_id == 0)
    gtk_list_box_select_row (self->results_list, gtk_list_box_get_row_at_index (self->results_list, 0));
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosHistoryPage *self = POS_HISTORY_PAGE (widget);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  self->last_id = 0;
  load_page (self);
}

static void
more_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  load_page (POS_HISTORY_PAGE (widget));
}

static void
on_entry_activated_cb (PosHistoryPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "history.search", NULL);
}

static void
append_lines (PosHistoryPage *self, GString *out, const PosSaleDetail *detail)
{
  for (guint i = 0; i < detail->lines->len; i++)
    {
      const PosSaleDetailLine *line = &g_array_index (detail->lines, PosSaleDetailLine, i);
      g_autofree char *qty = pos_qty_to_string (line->qty);
      g_autofree char *total = pos_context_format_amount (self->context, line->total);

      g_string_append_printf (out, "%8s %-3s %-24s %10s %s\n", qty,
                              pos_unit_is_measured (line->unit) ? line->unit : "", line->name, total,
                              line->tax_code ? line->tax_code : "");
    }
}

static void
append_taxes_and_payments (PosHistoryPage *self, GString *out, const PosSaleDetail *detail)
{
  g_string_append_printf (out, "\n%s\n", _ ("Taxes"));
  for (guint i = 0; i < detail->taxes->len; i++)
    {
      const PosSaleDetailTax *tax = &g_array_index (detail->taxes, PosSaleDetailTax, i);
      g_autofree char *rate = pos_qty_to_string (tax->rate_bp * 10);
      g_autofree char *net = pos_context_format_amount (self->context, tax->net);
      g_autofree char *amount = pos_context_format_amount (self->context, tax->tax);

      g_string_append_printf (out, _ ("  %-3s %6s %%  net %10s  tax %10s\n"), tax->code, rate, net, amount);
    }
  g_string_append_printf (out, "\n%s\n", _ ("Payments"));
  for (guint i = 0; i < detail->payments->len; i++)
    {
      const PosSaleDetailPayment *pay = &g_array_index (detail->payments, PosSaleDetailPayment, i);
      g_autofree char *amount = pos_context_format_amount (self->context, pay->amount);

      g_string_append_printf (out, "  %-8s %10s %s\n", pay->method, amount,
                              pay->reference ? pay->reference : "");
    }
}

/* The receipt as text: header, lines, totals, taxes, payments, refunds. */
static char *
detail_text (PosHistoryPage *self, const PosSaleDetail *detail)
{
  GString *out = g_string_new (NULL);
  const PosSaleSummary *sale = detail->sale;
  g_autofree char *when = local_time (sale->created_at);
  g_autofree char *total = pos_context_format_amount (self->context, sale->total);
  g_autofree char *change = pos_context_format_amount (self->context, detail->change);

  g_string_append_printf (out, _ ("%s  %s  %s\nCashier %s%s%s\n"), sale->receipt_no, sale->kind, when,
                          sale->cashier ? sale->cashier : "–", sale->customer ? _ ("  Customer card ") : "",
                          sale->customer ? sale->customer : "");
  if (sale->refund_of != NULL)
    g_string_append_printf (out, _ ("Refund of %s\n"), sale->refund_of);
  g_string_append (out, "\n");
  append_lines (self, out, detail);
  g_string_append_printf (out, "\n%-37s %10s\n%-37s %10s\n", C_ ("sale", "Total"), total,
                          C_ ("money handed back", "Change"), change);
  append_taxes_and_payments (self, out, detail);
  if (detail->refunds->len > 0)
    g_string_append_printf (out, "\n%s\n", _ ("Refunds"));
  for (guint i = 0; i < detail->refunds->len; i++)
    {
      const PosSaleSummary *refund = g_ptr_array_index (detail->refunds, i);
      g_autofree char *amount = pos_context_format_amount (self->context, refund->total);
      g_autofree char *at = local_time (refund->created_at);

      g_string_append_printf (out, "  %s  %s  %10s\n", refund->receipt_no, at, amount);
    }
  return g_string_free (out, FALSE);
}

static void
show_receipt (PosHistoryPage *self, const char *receipt_no)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleDetail) detail
      = pos_sales_history_get (pos_context_get_store (self->context), receipt_no, &error);
  g_autofree char *text = NULL;

  g_clear_pointer (&self->receipt_no, g_free);
  if (detail == NULL)
    {
      gtk_label_set_text (self->detail_label, error->message);
      update_receipt_actions (self);
      return;
    }
  text = detail_text (self, detail);
  gtk_label_set_text (self->detail_label, text);
  self->receipt_no = g_strdup (receipt_no);
  update_receipt_actions (self);
}

static void
on_row_selected_cb (PosHistoryPage *self, GtkListBoxRow *row)
{
  if (row != NULL)
    show_receipt (self, g_object_get_data (G_OBJECT (row), "receipt-no"));
}

static void
on_reprinted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosHistoryPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_finish (POS_CONTEXT (source), result, &error))
    toast (self, error->message);
  else
    toast (self, _ ("Receipt reprinted"));
}

static void
reprint_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosHistoryPage *self = POS_HISTORY_PAGE (widget);

  if (self->receipt_no != NULL)
    pos_till_printer_print_async (self->context, self->receipt_no, TRUE, FALSE, NULL, on_reprinted_cb,
                                  g_object_ref (self));
}

static void
refund_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosHistoryPage *self = POS_HISTORY_PAGE (widget);

  if (self->receipt_no != NULL)
    g_signal_emit (self, signals[SIGNAL_REFUND_REQUESTED], 0, self->receipt_no);
}

/* A QR code of @text, @scale pixels a module with a quiet zone of four
 * modules, black on white. (transfer full) (nullable) */
static GdkTexture *
qr_texture (const char *text, int scale)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_autoptr (GBytes) bytes = NULL;
  guint8 *pixels;
  int side;

  if (qr == NULL)
    return NULL;
  side = (qr->width + 8) * scale;
  pixels = g_malloc (side * side * 3);
  memset (pixels, 0xff, side * side * 3);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        int mx = x / scale - 4, my = y / scale - 4;

        if (mx >= 0 && my >= 0 && mx < qr->width && my < qr->width && (qr->data[my * qr->width + mx] & 1))
          memset (pixels + (y * side + x) * 3, 0, 3);
      }
  QRcode_free (qr);
  bytes = g_bytes_new_take (pixels, side * side * 3);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, side * 3);
}

static void
qr_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosHistoryPage *self = POS_HISTORY_PAGE (widget);
  g_autoptr (GdkTexture) texture = NULL;
  GtkWidget *dialog, *picture;

  if (self->receipt_no == NULL || (texture = qr_texture (self->receipt_no, 8)) == NULL)
    return;
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->receipt_no,
                                   _ ("Scan to take the receipt number along."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), picture);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pos_history_page_focus_search (PosHistoryPage *self)
{
  g_return_if_fail (POS_IS_HISTORY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_entry));
}

void
pos_history_page_set_context (PosHistoryPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_HISTORY_PAGE (self));
  g_set_object (&self->context, context);
}

static void
pos_history_page_dispose (GObject *object)
{
  PosHistoryPage *self = POS_HISTORY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_HISTORY_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->receipt_no, g_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_history_page_parent_class)->dispose (object);
}

static void
pos_history_page_class_init (PosHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_history_page_dispose;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /* Refund from receipt @receipt_no: the window opens its refund page. */
  signals[SIGNAL_REFUND_REQUESTED]
      = g_signal_new ("refund-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/history/pos-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, receipt_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, cashier_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, customer_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, product_entry);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, PosHistoryPage, detail_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "history.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "history.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "history.reprint", NULL, reprint_action);
  gtk_widget_class_install_action (widget_class, "history.refund", NULL, refund_action);
  gtk_widget_class_install_action (widget_class, "history.qr", NULL, qr_action);
}

static void
pos_history_page_init (PosHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_receipt_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.more", FALSE);
}
