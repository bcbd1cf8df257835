/* pos-reports-page.c — closing the day and seeing how the shop is doing.
 *
 * Reports are JSON objects made by app/ (pos-report.h, pos-shift.h); this
 * page lays them out as rows, formats amounts, and draws a chart of sales
 * reports. Closing with a Z needs a supervisor and is final: the page asks
 * before it does it.
 */
#include "pos-reports-page.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-format.h"
#include "pos-money.h"
#include "pos-report-receipt.h"
#include "pos-report-text.h"
#include "pos-report.h"
#include "pos-sales-chart.h"
#include "pos-shift.h"
#include "pos-till-printer.h"
#include "pos-page.h"

struct _PosReportsPage
{
  GtkWidget parent_instance;

  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkDropDown *by_dropdown;
  GtkLabel *title_label;
  PosSalesChart *chart;
  GtkListBox *rows_list;

  PosContext *context;
  GPtrArray *count_spins; /* GtkSpinButton per denomination, while counting */
  GtkLabel *count_total;  /* the running total of the count, while counting */
  JsonNode *printable;    /* the X or Z report shown, for Print and Export PDF */
  GtkFileChooserNative *pdf_chooser;
  GCancellable *sales_cancellable; /* the sales report being made, if one is */
  PosReportBy sales_by;            /* and what it groups by */
};

G_DEFINE_FINAL_TYPE (PosReportsPage, pos_reports_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  SIGNAL_SHIFT_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosReportsPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

/* A row of the report: a label and its value kept whole at the right
 * edge, a group heading, or an aligned table row in a monospace font. */
static void
add_line (PosReportLineKind kind, int depth, const char *text, const char *value, gpointer data)
{
  PosReportsPage *self = data;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  gtk_widget_set_margin_start (row, depth * 24);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (kind == POS_REPORT_LINE_VALUE)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "amount");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (kind == POS_REPORT_LINE_HEADING)
    gtk_widget_add_css_class (row, "heading");
  else
    gtk_widget_add_css_class (row, "monospace");
  gtk_list_box_append (self->rows_list, row);
}

/* Lays out @report with the same lines as its printed text; an X or Z
 * report is kept for Print and Export PDF. */
static void
show_report (PosReportsPage *self, const char *title, JsonNode *report, gboolean printable)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_list))) != NULL)
    gtk_list_box_remove (self->rows_list, child);
  gtk_label_set_text (self->title_label, title);
  pos_report_foreach_line (pos_context_get_store (self->context), report, add_line, self);
  g_clear_pointer (&self->printable, json_node_unref);
  if (printable)
    self->printable = json_node_ref (report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", printable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", printable);
}

static void
x_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = pos_report_x (pos_context_get_store (self->context), &error);

  if (report == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chart), FALSE);
  show_report (self, _ ("X report (the day so far)"), report, TRUE);
}

static gboolean
take_z (PosReportsPage *self, const PosUser *approver, GError **error)
{
  g_autoptr (JsonNode) report = pos_report_z (pos_context_get_store (self->context),
                                              pos_context_get_user (self->context), approver, error);
  g_autofree char *title = NULL;

  if (report == NULL)
    return FALSE;
  /* The day's takings are on the backup disk before anyone goes home. */
  pos_backup_scheduler_run_now (pos_context_get_backups (self->context));
  title = g_strdup_printf (_ ("Z report %lld (final)"),
                           (long long)json_object_get_int_member (json_node_get_object (report), "number"));
  gtk_widget_set_visible (GTK_WIDGET (self->chart), FALSE);
  show_report (self, title, report, TRUE);
  return TRUE;
}

static void
on_z_approved_cb (const PosUser *approver, gpointer user_data)
{
  g_autoptr (PosReportsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (approver != NULL && !take_z (self, approver, &error))
    toast (self, error->message);
}

static void
on_z_confirmed_cb (AdwMessageDialog *dialog, const char *response, PosReportsPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "close"))
    return;
  if (take_z (self, NULL, &error))
    return;
  if (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message,
                      on_z_approved_cb, g_object_ref (self));
  else
    toast (self, error->message);
}

static void
z_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkWidget *dialog
      = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _ ("Close the day?"),
                                _ ("The Z report is numbered and final: sales after it count for "
                                   "the next day."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "close",
                                    _ ("_Close the Day"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_z_confirmed_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_count_answered_cb (AdwMessageDialog *dialog, const char *response, PosReportsPage *self)
{
  const PosCurrency *currency = pos_context_get_currency (self->context);
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (PosCashCount));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) summary = NULL;

  if (g_str_equal (response, "count"))
    {
      for (guint i = 0; i < self->count_spins->len; i++)
        {
          GtkSpinButton *spin = g_ptr_array_index (self->count_spins, i);
          PosCashCount count = { currency->denominations[i], gtk_spin_button_get_value_as_int (spin) };

          if (count.count > 0)
            g_array_append_val (counts, count);
        }
      summary = pos_shift_close (pos_context_get_store (self->context), pos_context_get_user (self->context),
                                 (const PosCashCount *)(gpointer)counts->data, counts->len, &error);
      if (summary == NULL)
        toast (self, error->message);
      else
        {
          gtk_widget_set_visible (GTK_WIDGET (self->chart), FALSE);
          show_report (self, _ ("Shift closed: cash count"), summary, FALSE);
          g_signal_emit (self, signals[SIGNAL_SHIFT_CLOSED], 0);
        }
    }
  g_ptr_array_set_size (self->count_spins, 0);
  self->count_total = NULL;
}

/* The total of the denominations entered so far. */
static void
on_count_changed_cb (PosReportsPage *self)
{
  const PosCurrency *currency = pos_context_get_currency (self->context);
  PosAmount total = 0;
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;

  for (guint i = 0; i < self->count_spins->len; i++)
    total += currency->denominations[i]
             * (PosAmount)gtk_spin_button_get_value_as_int (g_ptr_array_index (self->count_spins, i));
  amount = pos_context_format_amount (self->context, total);
  text = g_strdup_printf (_ ("Counted: %s"), amount);
  gtk_label_set_text (self->count_total, text);
}

/* The drawer count: one field per note and coin of the currency. */
static void
count_cash_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);
  const PosCurrency *currency = pos_context_get_currency (self->context);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  g_ptr_array_set_size (self->count_spins, 0);
  for (guint i = 0; currency->denominations[i] != 0; i++)
    {
      g_autofree char *name = pos_context_format_amount (self->context, currency->denominations[i]);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_grid_attach (GTK_GRID (grid), label, (int)(i / 8) * 2, (int)(i % 8), 1, 1);
      gtk_grid_attach (GTK_GRID (grid), spin, (int)(i / 8) * 2 + 1, (int)(i % 8), 1, 1);
      g_ptr_array_add (self->count_spins, spin);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_count_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  self->count_total = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_total), "title-4");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->count_total), 0, 8, 4, 1);
  on_count_changed_cb (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _ ("Count the drawer"),
                                   _ ("How many of each note and coin; this closes the shift."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "count",
                                    _ ("_Close Shift"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "count", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_count_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  PosReportsPage *self;
  char *kind; /* "paid_in" or "paid_out" */
  PosAmount amount;
  char *reason;
} CashMove;

static void
cash_move_free (CashMove *move)
{
  g_object_unref (move->self);
  g_free (move->kind);
  g_free (move->reason);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CashMove, cash_move_free)

static gboolean
record_cash_move (CashMove *move, const PosUser *approver, GError **error)
{
  PosContext *context = move->self->context;
  g_autofree char *amount = NULL;
  g_autofree char *done = NULL;

  if (!pos_shift_cash_move (pos_context_get_store (context), pos_context_get_user (context), approver,
                            move->kind, move->amount, move->reason, error))
    return FALSE;
  amount = pos_context_format_amount (context, move->amount);
  done = g_strdup_printf ("%s %s: %s", g_str_equal (move->kind, "paid_in") ? "Paid in" : "Paid out", amount,
                          move->reason);
  toast (move->self, done);
  pos_context_refresh_unsynced (context);
  return TRUE;
}

static void
on_cash_move_approved_cb (const PosUser *approver, gpointer user_data)
{
  g_autoptr (CashMove) move = user_data;
  g_autoptr (GError) error = NULL;

  if (approver != NULL && !record_cash_move (move, approver, &error))
    toast (move->self, error->message);
}

static void
on_cash_move_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (CashMove) move = user_data;
  g_autoptr (GError) error = NULL;
  PosContext *context = move->self->context;

  if (answers == NULL)
    return;
  move->reason = g_strstrip (g_strdup (answers[1]));
  if (!pos_amount_parse_local (answers[0], pos_context_get_currency (context), &move->amount, &error)
      || record_cash_move (move, NULL, &error))
    {
      if (error != NULL)
        toast (move->self, error->message);
      return;
    }
  /* A cashier's cash move needs a supervisor's PIN. */
  if (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    pos_ask_approval (GTK_WIDGET (move->self), pos_context_get_store (context), error->message,
                      on_cash_move_approved_cb, g_steal_pointer (&move));
  else
    toast (move->self, error->message);
}

static void
cash_move_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  const char *const fields[] = { _ ("Amount"), _ ("Reason"), NULL };
  CashMove *move = g_new0 (CashMove, 1);
  gboolean in = g_str_equal (action_name, "reports.paid-in");

  move->self = g_object_ref (POS_REPORTS_PAGE (widget));
  move->kind = g_strdup (in ? "paid_in" : "paid_out");
  pos_ask_form (widget, in ? _ ("Pay cash into the drawer") : _ ("Pay cash out of the drawer"),
                in ? _ ("Cash put in, e.g. change from the bank")
                   : _ ("Cash taken out, e.g. to pay a delivery"),
                fields, NULL, 0, on_cash_move_answered_cb, move);
}

/* The caption and bar value of a sales report's rows, by grouping. */
static void
chart_keys (PosReportBy by, const char **label, const char **value)
{
  static const char *const labels[] = { "day", "name", "category", "hour", "cashier", "code", "method" };

  *label = labels[by];
  *value = by == POS_REPORT_BY_DAY ? "total" : by == POS_REPORT_BY_PAYMENT ? "amount" : "gross";
}

/* Shows the sales report made in the worker, unless the page went away
 * meanwhile (cancelled: @user_data may be gone). */
static void
on_sales_report_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = pos_report_sales_finish (result, &error);
  g_autofree char *title = NULL;
  PosReportsPage *self;
  const char *label, *value;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = POS_REPORTS_PAGE (user_data);
  g_clear_object (&self->sales_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.sales", TRUE);
  if (report == NULL)
    {
      toast (self, error->message);
      return;
    }
  chart_keys (self->sales_by, &label, &value);
  pos_sales_chart_set_rows (self->chart, json_object_get_array_member (json_node_get_object (report), "rows"),
                            label, value);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), TRUE);
  title = g_strdup_printf (_ ("Sales by %s"), pos_report_by_to_string (self->sales_by));
  show_report (self, title, report, FALSE);
}

/* A month over a big store takes a while: the report is made in a worker
 * (pos_report_sales_async ()), and the window stays live meanwhile. The
 * action waits for it, so one report is made at a time. */
static void
sales_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  /* The drop-down's entries, in its order; it shows them translated. */
  static const char *const by_keys[] = { "hour", "product", "category", "cashier", "payment", "tax", "day" };
  guint selected = gtk_drop_down_get_selected (self->by_dropdown);
  PosReportBy by;

  if (selected >= G_N_ELEMENTS (by_keys) || !pos_report_by_parse (by_keys[selected], &by))
    return;
  self->sales_cancellable = g_cancellable_new ();
  self->sales_by = by;
  gtk_widget_action_set_enabled (widget, "reports.sales", FALSE);
  pos_report_sales_async (pos_store_path (pos_context_get_store (self->context)), *from ? from : NULL,
                          *to ? to : NULL, by, self->sales_cancellable, on_sales_report_cb, self);
}

static void
on_report_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosReportsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_report_finish (POS_CONTEXT (source), result, &error))
    toast (self, error->message);
  else
    toast (self, _ ("Report printed"));
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);

  if (self->printable != NULL)
    pos_till_printer_print_report_async (self->context, self->printable, NULL, on_report_printed_cb,
                                         g_object_ref (self));
}

/* Writes the shown report as a PDF of the receipt the printer would print. */
static void
export_pdf (PosReportsPage *self, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  if (!pos_report_receipt_write_pdf (pos_context_get_store (self->context), self->printable, path, &error))
    {
      toast (self, error->message);
      return;
    }
  done = g_strdup_printf (_ ("Saved %s"), path);
  toast (self, done);
}

static void
on_pdf_chosen_cb (GtkNativeDialog *dialog, int response, PosReportsPage *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL && self->printable != NULL)
    export_pdf (self, path);
  g_clear_object (&self->pdf_chooser);
}

/* GTK 4.8 has no GtkFileDialog yet: the native chooser asks where. */
static void
export_pdf_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);
  JsonObject *report = self->printable != NULL ? json_node_get_object (self->printable) : NULL;
  g_autofree char *name = NULL;

  if (report == NULL)
    return;
  name
      = g_strdup_printf ("%s-report-%s.pdf", json_object_get_string_member_with_default (report, "type", "X"),
                         json_object_get_string_member_with_default (report, "business_day", "today"));
  g_clear_object (&self->pdf_chooser);
  self->pdf_chooser
      = gtk_file_chooser_native_new (_ ("Export Report as PDF"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->pdf_chooser), name);
  g_signal_connect_object (self->pdf_chooser, "response", G_CALLBACK (on_pdf_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->pdf_chooser));
}

void
pos_reports_page_set_context (PosReportsPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_REPORTS_PAGE (self));
  g_set_object (&self->context, context);
}

/* The page opens on today's X report rather than on an empty screen. */
static void
pos_reports_page_map (GtkWidget *widget)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (pos_reports_page_parent_class)->map (widget);
  if (self->context != NULL && gtk_widget_get_first_child (GTK_WIDGET (self->rows_list)) == NULL)
    gtk_widget_activate_action (widget, "reports.x", NULL);
}

static void
pos_reports_page_dispose (GObject *object)
{
  PosReportsPage *self = POS_REPORTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_REPORTS_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->count_spins, g_ptr_array_unref);
  g_clear_pointer (&self->printable, json_node_unref);
  if (self->pdf_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->pdf_chooser));
  g_clear_object (&self->pdf_chooser);
  g_cancellable_cancel (self->sales_cancellable);
  g_clear_object (&self->sales_cancellable);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_reports_page_parent_class)->dispose (object);
}

static void
pos_reports_page_class_init (PosReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_reports_page_dispose;
  widget_class->map = pos_reports_page_map;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /* The cash count closed the shift: the window decides who sells next. */
  signals[SIGNAL_SHIFT_CLOSED] = g_signal_new ("shift-closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (POS_TYPE_SALES_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/reports/pos-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, PosReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, PosReportsPage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PosReportsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PosReportsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PosReportsPage, rows_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "reports.x", NULL, x_action);
  gtk_widget_class_install_action (widget_class, "reports.z", NULL, z_action);
  gtk_widget_class_install_action (widget_class, "reports.count-cash", NULL, count_cash_action);
  gtk_widget_class_install_action (widget_class, "reports.sales", NULL, sales_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.paid-in", NULL, cash_move_action);
  gtk_widget_class_install_action (widget_class, "reports.paid-out", NULL, cash_move_action);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_pdf_action);
}

static void
pos_reports_page_init (PosReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->count_spins = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
}
