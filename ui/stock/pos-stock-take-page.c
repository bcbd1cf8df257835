/* pos-stock-take-page.c — the Stock take page (see pos-stock-take-page.h).
 *
 * The page holds no stock rule: it passes each scan to
 * pos_stock_take_count_async() and shows what comes back; the variance
 * and the approval are pos_stock_take_report_async() and
 * pos_stock_take_close_async(). All of them run in order on the page's
 * own PosStoreQueue, so the page never waits on the store and the scans
 * are counted and shown in the order they came. */
#include "pos-stock-take-page.h"

#include <glib/gi18n-lib.h>

#include "pos-page.h"
#include "pos-stock-take-async.h"

struct _PosStockTakePage
{
  GtkWidget parent_instance;

  GtkEntry *category_entry;
  GtkLabel *status_label;
  GtkEntry *code_entry;
  GtkEntry *qty_entry;
  GtkEntry *reason_entry;
  GtkListBox *lines_box;

  PosContext *context;
  PosStoreQueue *queue;      /* the page's store work, in order */
  GCancellable *cancellable; /* cancelled when the page goes */
  GQueue codes;              /* the codes of the counts under way, the oldest first */
  gint64 take_id;            /* the open stock take; 0 when none */
  GHashTable *rows;          /* product id → its AdwActionRow, while counting */
  gboolean variance;         /* the list shows the variance report */
  gboolean closing_approves; /* the close under way approves (else cancels) */
};

G_DEFINE_FINAL_TYPE (PosStockTakePage, pos_stock_take_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosStockTakePage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
refuse (PosStockTakePage *self, const GError *error)
{
  toast (self, error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The actions follow whether a stock take is open: one place decides. */
static void
update_actions (PosStockTakePage *self)
{
  gboolean open = self->take_id != 0;
  g_autofree char *status = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "take.start", self->context != NULL && !open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "take.variance", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "take.approve", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "take.cancel", open);
  status = open ? g_strdup_printf (_ ("Stock take %lld is open: scan to count"), (long long)self->take_id)
                : g_strdup (_ ("No stock take is open"));
  gtk_label_set_text (self->status_label, status);
}

static void
clear_lines (PosStockTakePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_list_box_remove (self->lines_box, child);
  g_hash_table_remove_all (self->rows);
}

/* A row of the list: @title and @subtitle, with @detail at its end. */
static GtkWidget *
add_row (PosStockTakePage *self, const char *title, const char *subtitle, const char *detail, gboolean warn)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (detail);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "amount");
  if (warn)
    gtk_widget_add_css_class (label, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "detail", label);
  gtk_list_box_prepend (self->lines_box, row);
  return row;
}

static char *
counted_text (PosQty counted)
{
  g_autofree char *qty = pos_context_format_qty (counted);

  return g_strdup_printf (_ ("counted %s"), qty);
}

/* Shows the counted line of one scan: its row moves to the top. */
static void
show_line (PosStockTakePage *self, const PosStockTakeLine *line)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, &line->product_id);
  g_autofree char *detail = counted_text (line->counted);
  gint64 *key;

  if (row != NULL)
    gtk_list_box_remove (self->lines_box, row);
  row = add_row (self, line->name, line->sku, detail, FALSE);
  key = g_new (gint64, 1);
  *key = line->product_id;
  g_hash_table_insert (self->rows, key, row);
}

static void
show_unknown (PosStockTakePage *self, const char *code)
{
  add_row (self, code, _ ("Unknown code: noted for the variance report, create the product later"), "", TRUE);
}

static void
show_report_line (PosStockTakePage *self, const PosStockTakeLine *l)
{
  g_autofree char *counted = pos_context_format_qty (l->counted);
  g_autofree char *expected = pos_context_format_qty (l->expected);
  g_autofree char *variance = pos_context_format_qty (l->variance);
  g_autofree char *detail
      = g_strdup_printf (_ ("counted %s · expected %s · variance %s"), counted, expected, variance);

  add_row (self, l->name, l->sku, detail, l->variance != 0);
}

/* The variance report in the list: unknown codes last, then the lines. */
static void
show_report (PosStockTakePage *self, const PosStockTakeReport *r)
{
  clear_lines (self);
  self->variance = TRUE;
  for (guint i = r->unknown->len; i > 0; i--)
    {
      PosStockTakeUnknown *u = g_ptr_array_index (r->unknown, i - 1);
      g_autofree char *detail = counted_text (u->qty);

      add_row (self, u->code, _ ("Unknown code: create the product, then count it again"), detail, TRUE);
    }
  for (guint i = r->lines->len; i > 0; i--)
    show_report_line (self, g_ptr_array_index (r->lines, i - 1));
}

/* How many the next scan counts: the typed quantity, then back to 1. */
static gboolean
take_qty (PosStockTakePage *self, PosQty *qty, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  gboolean ok = *text == '\0' ? (*qty = POS_QTY_ONE, TRUE) : pos_qty_parse (text, qty, error);

  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), "1");
  return ok;
}

/* A count is back, in the order the scans came. */
static void
on_counted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosStockTakePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeLine) line = NULL;
  g_autofree char *code = g_queue_pop_head (&self->codes);
  gboolean unknown = FALSE;

  if (self->context == NULL)
    return; /* the page is gone */
  if (!pos_stock_take_count_finish (POS_STORE_QUEUE (source), result, &line, &unknown, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  if (self->variance)
    clear_lines (self), self->variance = FALSE;
  if (unknown)
    {
      show_unknown (self, code);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    show_line (self, line);
}

void
pos_stock_take_page_scan (PosStockTakePage *self, const char *code)
{
  g_autoptr (GError) error = NULL;
  PosQty qty;

  g_return_if_fail (POS_IS_STOCK_TAKE_PAGE (self));
  g_return_if_fail (code != NULL);

  /* Keys of a scan that came in slowly may have reached the code field. */
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");

  if (self->take_id == 0)
    return toast (self, _ ("Start a stock take before scanning")), gtk_widget_error_bell (GTK_WIDGET (self));
  if (!take_qty (self, &qty, &error))
    return refuse (self, error);
  g_queue_push_tail (&self->codes, g_strdup (code));
  pos_stock_take_count_async (self->queue, pos_context_get_user (self->context), self->take_id, code, qty,
                              self->cancellable, on_counted_cb, g_object_ref (self));
}

static void
on_started_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosStockTakePage) self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 id = pos_stock_take_start_finish (POS_STORE_QUEUE (source), result, &error);

  if (self->context == NULL)
    return; /* the page is gone */
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  self->take_id = id;
  clear_lines (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
start_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockTakePage *self = POS_STOCK_TAKE_PAGE (widget);
  g_autofree char *category
      = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category_entry))));

  pos_stock_take_start_async (self->queue, pos_context_get_user (self->context),
                              *category != '\0' ? category : NULL, self->cancellable, on_started_cb,
                              g_object_ref (self));
}

/* The report of the open stock take is back: shown, or (none open)
 * nothing to show. */
static void
on_report_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosStockTakePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeReport) r = pos_stock_take_report_finish (POS_STORE_QUEUE (source), result, &error);

  if (self->context == NULL)
    return; /* the page is gone */
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  self->take_id = r != NULL ? r->id : 0;
  if (r != NULL)
    show_report (self, r);
  update_actions (self);
}

static void
variance_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockTakePage *self = POS_STOCK_TAKE_PAGE (widget);

  pos_stock_take_report_async (self->queue, self->take_id, self->cancellable, on_report_cb,
                               g_object_ref (self));
}

static void
on_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosStockTakePage) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean approve = self->closing_approves;

  if (self->context == NULL)
    return; /* the page is gone */
  if (!pos_stock_take_close_finish (POS_STORE_QUEUE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  toast (self, approve ? _ ("Stock take approved: the differences are booked") : _ ("Stock take cancelled"));
  self->take_id = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  clear_lines (self);
  update_actions (self);
}

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockTakePage *self = POS_STOCK_TAKE_PAGE (widget);
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
  gboolean approve = g_str_equal (action_name, "take.approve");

  self->closing_approves = approve;
  pos_stock_take_close_async (self->queue, pos_context_get_user (self->context), self->take_id, approve,
                              *reason != '\0' ? reason : NULL, self->cancellable, on_closed_cb,
                              g_object_ref (self));
}

/* A code typed (or a scan too slow to tell from typing) and Enter. */
static void
on_code_entry_activate_cb (PosStockTakePage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));

  if (*code != '\0')
    pos_stock_take_page_scan (self, code);
}

/* The quantity is typed: the next scan takes it. */
static void
on_qty_entry_activate_cb (PosStockTakePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

void
pos_stock_take_page_set_context (PosStockTakePage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_STOCK_TAKE_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_clear_object (&self->queue);
  self->queue = pos_store_queue_new (pos_store_path (pos_context_get_store (context)));
  self->take_id = 0;
  clear_lines (self);
  update_actions (self);
  /* The stock take left open, if any, with what was counted so far. */
  pos_stock_take_report_async (self->queue, 0, self->cancellable, on_report_cb, g_object_ref (self));
}

static void
pos_stock_take_page_dispose (GObject *object)
{
  PosStockTakePage *self = POS_STOCK_TAKE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_STOCK_TAKE_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->queue);
  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->codes, g_free);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  G_OBJECT_CLASS (pos_stock_take_page_parent_class)->dispose (object);
}

/* Shown: the code field has the keyboard, so typing a code works too. */
static void
pos_stock_take_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pos_stock_take_page_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (((PosStockTakePage *)widget)->code_entry));
}

static void
pos_stock_take_page_class_init (PosStockTakePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_stock_take_page_dispose;
  widget_class->map = pos_stock_take_page_map;
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/stock/pos-stock-take-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosStockTakePage, category_entry);
  gtk_widget_class_bind_template_child (widget_class, PosStockTakePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PosStockTakePage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PosStockTakePage, qty_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_code_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_qty_entry_activate_cb);
  gtk_widget_class_bind_template_child (widget_class, PosStockTakePage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, PosStockTakePage, lines_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "take.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "take.variance", NULL, variance_action);
  gtk_widget_class_install_action (widget_class, "take.approve", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "take.cancel", NULL, close_action);
}

static void
pos_stock_take_page_init (PosStockTakePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->codes);
  update_actions (self);
}
