/* pos-receiving-page.c — the Receiving page (see pos-receiving-page.h).
 *
 * The delivery is a PosReceiving: the page passes it each scan and shows
 * the line that comes back, flagged when it brings more than was still on
 * order; booking is pos_receiving_commit(), one transaction. All of it
 * runs in order on the page's own PosStoreQueue (pos-receiving-async.h),
 * so the page never waits on the store and no scan is lost or reordered;
 * while jobs on the delivery are queued, the page only reads the copies
 * they give back. */
#include "pos-receiving-page.h"

#include <glib/gi18n-lib.h>

#include "pos-label-dialog.h"
#include "pos-label-source.h"
#include "pos-page.h"
#include "pos-receiving-async.h"

struct _PosReceivingPage
{
  GtkWidget parent_instance;

  GtkEntry *order_entry;
  GtkLabel *status_label;
  GtkEntry *code_entry;
  GtkEntry *qty_entry;
  GtkEntry *note_entry;
  GtkListBox *lines_box;

  PosContext *context;
  PosStoreQueue *queue;      /* the page's store work, in order */
  GCancellable *cancellable; /* cancelled when the page goes */
  PosReceiving *receiving;   /* (nullable) the delivery being scanned: the queue's while jobs run */
  gint64 order_id;           /* its purchase order, 0 when free */
  guint n_lines, n_over;     /* as the latest scan left it */
  GHashTable *rows;          /* "product|batch|expiry" → its AdwActionRow */
  GArray *booked;            /* product ids of the delivery booked last */
};

G_DEFINE_FINAL_TYPE (PosReceivingPage, pos_receiving_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PosReceivingPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
refuse (PosReceivingPage *self, const GError *error)
{
  toast (self, error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The summary: which delivery, how many lines, how many over the order. */
static char *
summary (PosReceivingPage *self)
{
  guint n = self->n_lines;
  guint over = self->n_over;
  gint64 order = self->order_id;
  g_autofree char *what = order != 0
                              ? g_strdup_printf (_ ("Delivery for purchase order %lld"), (long long)order)
                              : g_strdup (_ ("Free delivery"));
  g_autofree char *lines = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u line", "%u lines", n), n);

  if (over == 0)
    return g_strdup_printf ("%s: %s", what, lines);
  return g_strdup_printf (
      dngettext (GETTEXT_PACKAGE, "%s: %s, %u more than ordered", "%s: %s, %u more than ordered", over), what,
      lines, over);
}

/* The actions follow whether a delivery is being scanned: one place. */
static void
update_actions (PosReceivingPage *self)
{
  gboolean open = self->receiving != NULL;
  g_autofree char *status = open ? summary (self) : g_strdup (_ ("Start a new delivery, then scan it in"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receiving.new", self->context != NULL && !open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receiving.book", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receiving.discard", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receiving.labels",
                                 open ? g_hash_table_size (self->rows) > 0 : self->booked->len > 0);
  gtk_label_set_text (self->status_label, status);
}

static void
clear_lines (PosReceivingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_list_box_remove (self->lines_box, child);
  g_hash_table_remove_all (self->rows);
}

static char *
line_detail (const PosReceivingLine *line)
{
  g_autofree char *qty = pos_context_format_qty (line->qty);
  g_autofree char *ordered = NULL;

  if (line->ordered < 0)
    return g_strdup_printf (_ ("received %s"), qty);
  ordered = pos_context_format_qty (line->ordered - line->before);
  if (line->over)
    return g_strdup_printf (_ ("received %s of %s still on order: more than ordered"), qty, ordered);
  return g_strdup_printf (_ ("received %s of %s still on order"), qty, ordered);
}

/* Shows the line of one scan at the top of the list. */
static void
show_line (PosReceivingPage *self, const PosReceivingLine *line)
{
  g_autofree char *key = g_strdup_printf ("%lld|%s|%s", (long long)line->product_id,
                                          line->batch ? line->batch : "", line->expiry ? line->expiry : "");
  GtkWidget *row = g_hash_table_lookup (self->rows, key);
  g_autofree char *detail = line_detail (line);
  g_autofree char *subtitle = NULL;
  GtkWidget *label = gtk_label_new (detail);

  if (row != NULL)
    gtk_list_box_remove (self->lines_box, row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->name);
  /* A batch is a line of its own, named with its expiry. */
  if (line->batch != NULL || line->expiry != NULL)
    subtitle = g_strdup_printf (_ ("%s · batch %s · expires %s"), line->sku, line->batch ? line->batch : "–",
                                line->expiry ? line->expiry : "–");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : line->sku);
  gtk_widget_add_css_class (label, "amount");
  if (line->over)
    gtk_widget_add_css_class (label, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_prepend (self->lines_box, row);
  g_hash_table_insert (self->rows, g_steal_pointer (&key), row);
}

/* How many the next scan adds: the typed quantity, then back to 1. */
static gboolean
take_qty (PosReceivingPage *self, PosQty *qty, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  gboolean ok = *text == '\0' ? (*qty = POS_QTY_ONE, TRUE) : pos_qty_parse (text, qty, error);

  gtk_editable_set_text (GTK_EDITABLE (self->qty_entry), "1");
  return ok;
}

/* A scan is back, in the order the scans came. */
static void
on_scanned_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosReceivingPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceivingLine) line = NULL;
  guint n_lines = 0, n_over = 0;

  if (self->context == NULL)
    return; /* the page is gone */
  if (!pos_receiving_scan_finish (POS_STORE_QUEUE (source), result, &line, &n_lines, &n_over, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  self->n_lines = n_lines;
  self->n_over = n_over;
  show_line (self, line);
  update_actions (self);
}

void
pos_receiving_page_scan (PosReceivingPage *self, const char *code)
{
  g_autoptr (GError) error = NULL;
  PosQty qty;

  g_return_if_fail (POS_IS_RECEIVING_PAGE (self));
  g_return_if_fail (code != NULL);

  /* Keys of a scan that came in slowly may have reached the code field. */
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");

  if (self->receiving == NULL)
    return toast (self, _ ("Start a new delivery before scanning")),
           gtk_widget_error_bell (GTK_WIDGET (self));
  if (!take_qty (self, &qty, &error))
    return refuse (self, error);
  pos_receiving_scan_async (self->queue, self->receiving, code, qty, self->cancellable, on_scanned_cb,
                            g_object_ref (self));
}

static gboolean
parse_order (const char *text, gint64 *out, GError **error)
{
  guint64 n;

  *out = 0;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &n, NULL))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a purchase order number"), text),
           FALSE;
  *out = (gint64)n;
  return TRUE;
}

static void
on_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosReceivingPage) self = user_data;
  g_autoptr (GError) error = NULL;
  PosReceiving *receiving;

  if (self->context == NULL)
    return; /* the page is gone */
  receiving = pos_receiving_new_finish (POS_STORE_QUEUE (source), result, &error);
  if (receiving == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  pos_receiving_release (self->queue, g_steal_pointer (&self->receiving));
  self->receiving = receiving;
  self->order_id = pos_receiving_order_id (receiving);
  self->n_lines = self->n_over = 0;
  clear_lines (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReceivingPage *self = POS_RECEIVING_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->order_entry))));
  gint64 order;

  if (!parse_order (text, &order, &error))
    return refuse (self, error);
  pos_receiving_new_async (self->queue, order, self->cancellable, on_opened_cb, g_object_ref (self));
}

/* The delivery goes once the jobs queued on it are done. */
static void
release (PosReceivingPage *self)
{
  if (self->queue != NULL)
    pos_receiving_release (self->queue, g_steal_pointer (&self->receiving));
  else
    g_clear_pointer (&self->receiving, pos_receiving_free);
}

static void
finish (PosReceivingPage *self)
{
  release (self);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->order_entry), "");
  clear_lines (self);
  update_actions (self);
}

/* The products on the page's lines, each once. Read from the rows, which
 * belong to the UI thread: the delivery itself may be in a worker's hands. */
static void
append_row_products (PosReceivingPage *self, GArray *ids)
{
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
    {
      gint64 id = g_ascii_strtoll (key, NULL, 10); /* "product|batch|expiry" */
      gboolean seen = FALSE;

      for (guint i = 0; i < ids->len && !seen; i++)
        seen = g_array_index (ids, gint64, i) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
}

/* The delivery's products, so its labels can be printed once it is in. */
static void
remember_booked (PosReceivingPage *self)
{
  g_array_set_size (self->booked, 0);
  append_row_products (self, self->booked);
}

static void
on_labels_done_cb (PosLabelDialog *dialog, const char *message, PosReceivingPage *self)
{
  toast (self, message);
}

/* Labels for the delivery being scanned, or else the one booked last. */
static void
labels_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReceivingPage *self = POS_RECEIVING_PAGE (widget);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) labels = NULL;
  g_autoptr (GError) error = NULL;
  PosLabelDialog *dialog;

  if (self->receiving == NULL)
    g_array_append_vals (ids, self->booked->data, self->booked->len);
  else
    append_row_products (self, ids);
  labels = pos_label_source_ids (pos_context_get_store (self->context), (const gint64 *)(gpointer)ids->data,
                                 ids->len, FALSE, &error);
  if (labels == NULL)
    return refuse (self, error);
  dialog = pos_label_dialog_present (widget, self->context, labels);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_labels_done_cb), self, 0);
}

static void
on_booked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosReceivingPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *message = NULL;
  PosReceiving *back = NULL;

  if (self->context == NULL)
    return; /* the page is gone */
  if (!pos_receiving_commit_finish (POS_STORE_QUEUE (source), result, &back, &error))
    {
      /* Nothing scanned is lost: the delivery is the page's again. */
      if (self->receiving == NULL)
        self->receiving = back;
      else
        pos_receiving_release (self->queue, back);
      update_actions (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, error);
      return;
    }
  done = summary (self);
  message = g_strdup_printf (_ ("Booked. %s"), done);
  toast (self, message);
  remember_booked (self);
  finish (self);
}

/* Booked after the scans queued before it; the delivery is the queue's
 * until then, so a scan meanwhile asks for a new delivery. */
static void
book_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosReceivingPage *self = POS_RECEIVING_PAGE (widget);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));

  if (self->receiving == NULL)
    return;
  pos_receiving_commit_async (self->queue, g_steal_pointer (&self->receiving),
                              pos_context_get_user (self->context), *note != '\0' ? note : NULL,
                              self->cancellable, on_booked_cb, g_object_ref (self));
  update_actions (self);
}

static void
discard_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  finish (POS_RECEIVING_PAGE (widget));
}

/* A code typed (or a scan too slow to tell from typing) and Enter. */
static void
on_code_entry_activate_cb (PosReceivingPage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));

  if (*code != '\0')
    pos_receiving_page_scan (self, code);
}

/* The quantity is typed: the next scan takes it. */
static void
on_qty_entry_activate_cb (PosReceivingPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

void
pos_receiving_page_set_context (PosReceivingPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_RECEIVING_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  finish (self);
  g_clear_object (&self->queue);
  self->queue = pos_store_queue_new (pos_store_path (pos_context_get_store (context)));
}

static void
pos_receiving_page_dispose (GObject *object)
{
  PosReceivingPage *self = POS_RECEIVING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_RECEIVING_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  release (self);
  g_clear_object (&self->queue);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->booked, g_array_unref);
  G_OBJECT_CLASS (pos_receiving_page_parent_class)->dispose (object);
}

/* Shown: the code field has the keyboard, so typing a code works too. */
static void
pos_receiving_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pos_receiving_page_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (((PosReceivingPage *)widget)->code_entry));
}

static void
pos_receiving_page_class_init (PosReceivingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_receiving_page_dispose;
  widget_class->map = pos_receiving_page_map;
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/stock/pos-receiving-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosReceivingPage, order_entry);
  gtk_widget_class_bind_template_child (widget_class, PosReceivingPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PosReceivingPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, PosReceivingPage, qty_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_code_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_qty_entry_activate_cb);
  gtk_widget_class_bind_template_child (widget_class, PosReceivingPage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, PosReceivingPage, lines_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "receiving.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "receiving.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "receiving.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "receiving.labels", NULL, labels_action);
}

static void
pos_receiving_page_init (PosReceivingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->booked = g_array_new (FALSE, FALSE, sizeof (gint64));
  update_actions (self);
}
