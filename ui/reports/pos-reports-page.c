/* pos-reports-page.c — closing the day and seeing how the shop is doing.
 *
 * Reports are JSON objects made by app/ (pos-report.h, pos-shift.h); this
 * page lays them out as rows, formats amounts, and draws a chart of sales
 * reports. Closing with a Z needs a supervisor and is final: the page asks
 * before it does it.
 */
#include "pos-reports-page.h"

#include "pos-ask.h"
#include "pos-report.h"
#include "pos-sales-chart.h"
#include "pos-shift.h"
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
};

G_DEFINE_FINAL_TYPE (PosReportsPage, pos_reports_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Members holding money, formatted in the store currency. */
static const char *const amount_keys[]
    = { "gross_sales", "gross_refunds", "gross",       "tax",           "net",          "discounts",
        "rounding",    "total",         "grand_total", "expected_cash", "counted_cash", "variance",
        "amount",      "opening_float", "cash_taken",  "cash_refunded", "change_given", "paid_in",
        "paid_out",    "denomination",  NULL };

static void
toast (PosReportsPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static char *
value_text (PosReportsPage *self, const char *key, JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 && g_strv_contains (amount_keys, key))
    return pos_context_format_amount (self->context, json_node_get_int (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "yes" : "no");
  return NULL;
}

/* "name: value · name: value" for one element of a report's list. */
static char *
object_line (PosReportsPage *self, JsonObject *object)
{
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *text = value_text (self, l->data, json_object_get_member (object, l->data));

      if (text == NULL || g_str_has_suffix (l->data, "_id"))
        continue;
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, "%s %s", (const char *)l->data, text);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
add_row (PosReportsPage *self, const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "amount");
  g_autofree char *words = g_strdelimit (g_strdup (title), "_", ' ');
  g_autofree char *escaped = NULL;

  /* The report's keys read as words: "gross_sales" → "Gross sales". */
  words[0] = g_ascii_toupper (words[0]);
  escaped = g_markup_escape_text (words, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->rows_list, row);
}

/* Lays out @report: a row per scalar member, a row per element of lists. */
static void
show_report (PosReportsPage *self, const char *title, JsonObject *report)
{
  g_autoptr (GList) members = json_object_get_members (report);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_list))) != NULL)
    gtk_list_box_remove (self->rows_list, child);
  gtk_label_set_text (self->title_label, title);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (report, l->data);
      g_autofree char *text = value_text (self, l->data, node);

      if (text != NULL)
        add_row (self, l->data, text);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *line = object_line (self, json_node_get_object (node));
          add_row (self, l->data, line);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              g_autofree char *line = JSON_NODE_HOLDS_OBJECT (element)
                                          ? object_line (self, json_node_get_object (element))
                                          : value_text (self, l->data, element);
              add_row (self, l->data, line ? line : "");
            }
        }
    }
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
  show_report (self, "X report (the day so far)", json_node_get_object (report));
}

static gboolean
take_z (PosReportsPage *self, const PosUser *approver, GError **error)
{
  g_autoptr (JsonNode) report = pos_report_z (pos_context_get_store (self->context),
                                              pos_context_get_user (self->context), approver, error);
  g_autofree char *title = NULL;

  if (report == NULL)
    return FALSE;
  title = g_strdup_printf ("Z report %" G_GINT64_FORMAT " (final)",
                           json_object_get_int_member (json_node_get_object (report), "number"));
  gtk_widget_set_visible (GTK_WIDGET (self->chart), FALSE);
  show_report (self, title, json_node_get_object (report));
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
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), "Close the day?",
                                              "The Z report is numbered and final: sales after it count for "
                                              "the next day.");

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel", "close",
                                    "_Close the Day", NULL);
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
          show_report (self, "Shift closed: cash count", json_node_get_object (summary));
        }
    }
  g_ptr_array_set_size (self->count_spins, 0);
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
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), "Count the drawer",
                                   "How many of each note and coin; this closes the shift.");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel", "count", "_Close Shift",
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "count", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_count_answered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The caption and bar value of a sales report's rows, by grouping. */
static void
chart_keys (PosReportBy by, const char **label, const char **value)
{
  static const char *const labels[] = { "day", "name", "category", "hour", "cashier", "code", "method" };

  *label = labels[by];
  *value = by == POS_REPORT_BY_DAY ? "total" : by == POS_REPORT_BY_PAYMENT ? "amount" : "gross";
}

static void
sales_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReportsPage *self = POS_REPORTS_PAGE (widget);
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->by_dropdown);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *title = NULL;
  const char *label, *value;
  PosReportBy by;

  if (!pos_report_by_parse (gtk_string_object_get_string (item), &by))
    return;
  report = pos_report_sales (pos_context_get_store (self->context), *from ? from : NULL, *to ? to : NULL, by,
                             &error);
  if (report == NULL)
    {
      toast (self, error->message);
      return;
    }
  chart_keys (by, &label, &value);
  pos_sales_chart_set_rows (self->chart, json_object_get_array_member (json_node_get_object (report), "rows"),
                            label, value);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), TRUE);
  title = g_strdup_printf ("Sales by %s", pos_report_by_to_string (by));
  show_report (self, title, json_node_get_object (report));
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
}

static void
pos_reports_page_init (PosReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->count_spins = g_ptr_array_new ();
}
