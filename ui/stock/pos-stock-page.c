/* pos-stock-page.c — the owner's catalog and stock.
 *
 * The list is a PosSqlListModel: the queries below return only product ids,
 * sorted and filtered by SQLite (the name index, FTS5, the stock level
 * cache), and run in a worker thread so a million-row catalog never makes
 * the till wait. Rows are read one by one as they scroll into view.
 *
 * The Expiring view is a second list of the same kind, over the ids of
 * the batches still on hand that expire within the days chosen
 * (pos_batch_expiring_filter_async()); the stock actions act on the
 * product of the batch selected there.
 */
#include "pos-stock-page.h"

#include <glib/gi18n-lib.h>

#include "pos-batch-item.h"
#include "pos-product-item.h"

#include "pos-ask.h"
#include "pos-catalog.h"
#include "pos-column-view.h"
#include "pos-stock.h"
#include "pos-page.h"
#include "pos-label-dialog.h"
#include "pos-label-source.h"
#include "pos-quick-key-editor.h"
#include "pos-open-items-dialog.h"
#include "pos-product-dialog.h"

struct _PosStockPage
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkToggleButton *low_button;
  GtkToggleButton *expiring_button;
  GtkWidget *days_label;
  GtkSpinButton *days_spin;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkColumnView *column_view;
  GtkColumnView *expiring_view;

  PosContext *context;
  PosSqlListModel *model;
  GtkMultiSelection *selection; /* several products for labels */
  PosSqlListModel *expiring_model;
  GtkSingleSelection *expiring_selection;
  GCancellable *cancellable;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (PosStockPage, pos_stock_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_SKU,
  COLUMN_NAME,
  COLUMN_PRICE,
  COLUMN_STOCK,
  COLUMN_REORDER,
} Column;

typedef enum
{
  EXPIRING_EXPIRY,
  EXPIRING_SKU,
  EXPIRING_NAME,
  EXPIRING_BATCH,
  EXPIRING_LEFT,
} ExpiringColumn;

static gboolean
expiring (PosStockPage *self)
{
  return gtk_toggle_button_get_active (self->expiring_button);
}

static void
toast (PosStockPage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

static void
update_count (PosStockPage *self)
{
  g_autofree char *text = NULL;
  guint n;

  if (expiring (self))
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->expiring_model));
      text = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u batch", "%u batches", n), n);
    }
  else
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      text = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u product", "%u products", n), n);
    }

  gtk_label_set_text (self->count_label, text);
}

static void
on_query_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  PosStockPage *self;

  if (!pos_sql_list_model_set_query_finish (POS_SQL_LIST_MODEL (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = user_data;
      toast (self, error->message);
      return;
    }
  update_count (POS_STOCK_PAGE (user_data));
}

/* Re-runs the query for the search text and the low-stock filter, or
 * for the days the Expiring view looks ahead. */
static void
refresh (PosStockPage *self)
{
  if (self->model == NULL)
    return;
  if (expiring (self))
    {
      pos_batch_expiring_filter_async (self->expiring_model,
                                       (guint)gtk_spin_button_get_value_as_int (self->days_spin),
                                       self->cancellable, on_query_done_cb, self);
      return;
    }
  pos_stock_list_filter_async (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                               gtk_toggle_button_get_active (self->low_button), self->cancellable,
                               on_query_done_cb, self);
}

static void
on_search_entry_search_changed_cb (PosStockPage *self)
{
  refresh (self);
}

/* Enter in the search goes to the list, so the keyboard can select there
 * (Ctrl+A, Shift+arrows) and act on the selection. */
static void
on_search_entry_activate_cb (PosStockPage *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
}

static void
on_low_button_toggled_cb (PosStockPage *self)
{
  refresh (self);
}

/* The Expiring view and the catalog share the page: one list at a time. */
static void
on_expiring_button_toggled_cb (PosStockPage *self)
{
  gboolean on = expiring (self);

  gtk_stack_set_visible_child_name (self->list_stack, on ? "expiring" : "products");
  gtk_widget_set_visible (self->days_label, on);
  gtk_widget_set_visible (GTK_WIDGET (self->days_spin), on);
  /* Hidden rather than greyed: the header keeps room for the days. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), !on);
  gtk_widget_set_visible (GTK_WIDGET (self->low_button), !on);
  refresh (self);
  /* The list takes the keyboard: arrows pick a batch for Waste at once. */
  if (on)
    gtk_widget_grab_focus (GTK_WIDGET (self->expiring_view));
}

static void
on_days_spin_value_changed_cb (PosStockPage *self)
{
  if (expiring (self))
    refresh (self);
}

/* The days are typed: the list takes the keyboard. */
static void
on_days_spin_activate_cb (PosStockPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->expiring_view));
}

static void
on_column_view_activated_cb (PosStockPage *self, guint position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "stock.edit", NULL);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column >= COLUMN_PRICE ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column >= COLUMN_PRICE)
    gtk_widget_add_css_class (label, "amount");
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  PosProductItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  PosStockPage *self = g_object_get_data (G_OBJECT (factory), "pos-page");
  g_autofree char *text = NULL;

  switch (column)
    {
      case COLUMN_SKU:
        gtk_label_set_text (label, pos_product_item_get_sku (item));
        break;
      case COLUMN_NAME:
        gtk_label_set_text (label, pos_product_item_get_name (item));
        break;
      case COLUMN_PRICE:
        text = pos_context_format_amount (self->context, pos_product_item_get_price (item));
        gtk_label_set_text (label, text);
        break;
      case COLUMN_STOCK:
        text = pos_context_format_qty (pos_product_item_get_stock (item));
        gtk_label_set_text (label, text);
        if (pos_product_item_is_low (item))
          gtk_widget_add_css_class (GTK_WIDGET (label), "error");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
        break;
      case COLUMN_REORDER:
        if (pos_product_item_get_reorder_level (item) >= 0)
          text = pos_context_format_qty (pos_product_item_get_reorder_level (item));
        gtk_label_set_text (label, text ? text : "");
        break;
    }
}

static void
add_column (PosStockPage *self, const char *title, Column column, gboolean expand)
{
  pos_column_view_add_column (self->column_view, title, column, expand, self, G_CALLBACK (on_cell_setup_cb),
                              G_CALLBACK (on_cell_bind_cb));
}

/* The first product the owner selected, or GTK_INVALID_LIST_POSITION. */
static guint
selected_position (PosStockPage *self)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_is_empty (selected))
    return GTK_INVALID_LIST_POSITION;
  return gtk_bitset_get_minimum (selected);
}

static void
on_expiring_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  ExpiringColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == EXPIRING_LEFT ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == EXPIRING_LEFT || column == EXPIRING_EXPIRY)
    gtk_widget_add_css_class (label, "amount");
  gtk_list_item_set_child (list_item, label);
}

static void
on_expiring_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  const PosBatchRow *row = pos_batch_item_get_row (gtk_list_item_get_item (list_item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;

  switch ((ExpiringColumn)GPOINTER_TO_INT (user_data))
    {
      case EXPIRING_EXPIRY:
        /* An expired batch says so in words, not only in colour. */
        text = row->expired ? g_strdup_printf (_ ("%s (expired)"), row->expiry) : g_strdup (row->expiry);
        break;
      case EXPIRING_SKU:
        text = g_strdup (row->sku);
        break;
      case EXPIRING_NAME:
        text = g_strdup (row->name);
        break;
      case EXPIRING_BATCH:
        text = g_strdup (row->batch);
        break;
      case EXPIRING_LEFT:
        text = pos_context_format_qty (row->remaining);
        break;
    }
  gtk_label_set_text (label, text ? text : "");
  if (row->expired)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static void
add_expiring_column (PosStockPage *self, const char *title, ExpiringColumn column, gboolean expand)
{
  pos_column_view_add_column (self->expiring_view, title, column, expand, self,
                              G_CALLBACK (on_expiring_setup_cb), G_CALLBACK (on_expiring_bind_cb));
}

/* The product the owner selected (in the Expiring view: the product of
 * the batch selected), or 0. */
static gint64
selected_product (PosStockPage *self)
{
  PosBatchItem *batch;

  if (!expiring (self))
    {
      guint position = selected_position (self);

      return position == GTK_INVALID_LIST_POSITION ? 0 : pos_sql_list_model_get_id (self->model, position);
    }
  batch = gtk_single_selection_get_selected_item (self->expiring_selection);
  return batch != NULL ? pos_batch_item_get_row (batch)->product_id : 0;
}

/* The selected product's name and SKU, for the question's heading. */
static char *
selected_title (PosStockPage *self, const char *what)
{
  const char *name, *sku;

  if (expiring (self))
    {
      const PosBatchRow *row
          = pos_batch_item_get_row (gtk_single_selection_get_selected_item (self->expiring_selection));

      name = row->name, sku = row->sku;
    }
  else
    {
      g_autoptr (PosProductItem) item
          = g_list_model_get_item (G_LIST_MODEL (self->selection), selected_position (self));

      name = pos_product_item_get_name (item), sku = pos_product_item_get_sku (item);
    }
  return g_strdup_printf ("%s: %s (%s)", what, name ? name : "", sku ? sku : "");
}

void
pos_stock_page_set_context (PosStockPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_STOCK_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_clear_object (&self->model);
  g_clear_object (&self->expiring_model);
  self->model = pos_sql_list_model_new (POS_TYPE_PRODUCT_ITEM, pos_context_get_store (context),
                                        pos_product_item_load, NULL, NULL);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  self->expiring_model = pos_sql_list_model_new (POS_TYPE_BATCH_ITEM, pos_context_get_store (context),
                                                 pos_batch_item_load, NULL, NULL);
  gtk_single_selection_set_model (self->expiring_selection, G_LIST_MODEL (self->expiring_model));
  self->loaded = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/* The catalog is read the first time the page is shown, not at start-up:
 * the till must be ready to sell before the owner's list is. */
static void
pos_stock_page_map (GtkWidget *widget)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);

  GTK_WIDGET_CLASS (pos_stock_page_parent_class)->map (widget);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      refresh (self);
    }
}

void
pos_stock_page_scan (PosStockPage *self, const char *code)
{
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (POS_IS_STOCK_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->context != NULL)
    product = pos_catalog_lookup (pos_context_get_store (self->context), code, NULL);
  if (product == NULL)
    {
      message = g_strdup_printf ("No product has the code %s", code);
      toast (self, message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_toggle_button_set_active (self->low_button, FALSE);
  gtk_toggle_button_set_active (self->expiring_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), product->sku);
}

PosSqlListModel *
pos_stock_page_get_model (PosStockPage *self)
{
  g_return_val_if_fail (POS_IS_STOCK_PAGE (self), NULL);
  return self->model;
}

static void
pos_stock_page_dispose (GObject *object)
{
  PosStockPage *self = POS_STOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_STOCK_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->expiring_selection);
  g_clear_object (&self->expiring_model);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pos_stock_page_parent_class)->dispose (object);
}

/* --- Stock actions on the selected product ----------------------------- */

typedef enum
{
  STOCK_ADJUST,
  STOCK_WASTE,
  STOCK_RECEIVE,
  STOCK_COUNT,
} StockOp;

typedef struct
{
  PosStockPage *self;
  StockOp op;
  gint64 product_id;
  PosQty qty;
} StockAsk;

static void
stock_ask_free (StockAsk *ask)
{
  g_object_unref (ask->self);
  g_free (ask);
}

static gboolean
run_stock_op (StockAsk *ask, const PosUser *approver, GError **error)
{
  PosStore *store = pos_context_get_store (ask->self->context);
  const PosUser *user = pos_context_get_user (ask->self->context);
  PosStockItem item = { ask->product_id, ask->qty, -1 };

  switch (ask->op)
    {
      case STOCK_ADJUST:
        return pos_stock_adjust (store, user, approver, ask->product_id, ask->qty, POS_STOCK_ADJUST, NULL,
                                 error);
      case STOCK_WASTE:
        return pos_stock_adjust (store, user, approver, ask->product_id, -ask->qty, POS_STOCK_WASTE, NULL,
                                 error);
      case STOCK_RECEIVE:
        return pos_stock_receive (store, user, 0, "delivery", &item, 1, error);
      case STOCK_COUNT:
        return pos_stock_count (store, user, &item, 1, NULL, error);
    }
  g_assert_not_reached ();
}

static void
stock_op_done (StockAsk *ask)
{
  pos_sql_list_model_reload_id (ask->self->model, ask->product_id);
  if (expiring (ask->self))
    refresh (ask->self); /* what is left of each batch changed */
  toast (ask->self, _ ("Stock updated"));
  stock_ask_free (ask);
}

static void
on_stock_approved_cb (const PosUser *approver, gpointer user_data)
{
  StockAsk *ask = user_data;
  g_autoptr (GError) error = NULL;

  if (approver == NULL)
    stock_ask_free (ask);
  else if (!run_stock_op (ask, approver, &error))
    {
      toast (ask->self, error->message);
      stock_ask_free (ask);
    }
  else
    stock_op_done (ask);
}

static void
on_stock_qty_answered_cb (const char *text, gpointer user_data)
{
  StockAsk *ask = user_data;
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    {
      stock_ask_free (ask);
      return;
    }
  if (!pos_qty_parse (text, &ask->qty, &error) || !run_stock_op (ask, NULL, &error))
    {
      if (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
        {
          pos_ask_approval (GTK_WIDGET (ask->self), pos_context_get_store (ask->self->context),
                            error->message, on_stock_approved_cb, ask);
          return;
        }
      toast (ask->self, error->message);
      stock_ask_free (ask);
      return;
    }
  stock_op_done (ask);
}

static void
stock_op_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);
  gint64 id = selected_product (self);
  g_autofree char *heading = NULL;
  StockAsk *ask;
  const char *const questions[][2] = {
    { _ ("Adjust stock"), _ ("Change in stock, e.g. 5 or -2") },
    { _ ("Waste"), _ ("How much was thrown away") },
    { _ ("Receive a delivery"), _ ("Quantity received") },
    { _ ("Stock count"), _ ("Quantity counted on the shelf") },
  };

  if (id == 0)
    {
      toast (self, _ ("Select a product first"));
      return;
    }
  ask = g_new0 (StockAsk, 1);
  ask->self = g_object_ref (self);
  ask->product_id = id;
  ask->op = g_str_equal (action_name, "stock.adjust")    ? STOCK_ADJUST
            : g_str_equal (action_name, "stock.waste")   ? STOCK_WASTE
            : g_str_equal (action_name, "stock.receive") ? STOCK_RECEIVE
                                                         : STOCK_COUNT;
  /* Named in the heading, so a count is never typed against the wrong row. */
  heading = selected_title (self, questions[ask->op][0]);
  pos_ask_text (widget, heading, questions[ask->op][1], NULL, on_stock_qty_answered_cb, ask);
}

/* --- Editing a product ---------------------------------------------------- */

static void
on_product_saved_cb (PosProductDialog *dialog, gint64 product_id, PosStockPage *self)
{
  toast (self, _ ("Product saved"));
  refresh (self);
}

/* Edit the selected product, or (stock.new) create one, in the product
 * dialog, which checks every field through the catalog. */
static void
stock_edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);
  gboolean create = g_str_equal (action_name, "stock.new");
  PosProductDialog *dialog;

  if (!create && selected_product (self) == 0)
    return;
  dialog = pos_product_dialog_present (widget, self->context, create ? 0 : selected_product (self), NULL);
  if (dialog != NULL)
    g_signal_connect_object (dialog, "saved", G_CALLBACK (on_product_saved_cb), self, 0);
}

/* The open items sold at the till, for the owner to make products of. */
static void
stock_open_items_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);
  PosOpenItemsDialog *dialog = pos_open_items_dialog_present (widget, self->context);

  g_signal_connect_object (dialog, "destroy", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

/* The quick-key editor: the sale screen's keys, arranged by the owner. */
static void
stock_quick_keys_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_quick_key_editor_present (widget, POS_STOCK_PAGE (widget)->context);
}

/* --- Labels --------------------------------------------------------------- */

/* A label run is for what fits on a few sheets, not the whole catalog. */
#define MAX_LABEL_PRODUCTS 1000

static void
on_labels_done_cb (PosLabelDialog *dialog, const char *message, PosStockPage *self)
{
  toast (self, message);
}

static void
present_labels (PosStockPage *self, GPtrArray *labels)
{
  PosLabelDialog *dialog = pos_label_dialog_present (GTK_WIDGET (self), self->context, labels);

  g_signal_connect_object (dialog, "done", G_CALLBACK (on_labels_done_cb), self, 0);
}

/* The selected products' ids, at most @max + 1 of them. */
static GArray *
selected_ids (PosStockPage *self, guint max)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more && ids->len <= max;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = pos_sql_list_model_get_id (self->model, position);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* Labels for the selected products (Ctrl or Shift with a click selects
 * several). */
static void
stock_labels_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);
  g_autoptr (GArray) ids = selected_ids (self, MAX_LABEL_PRODUCTS);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = NULL;
  g_autofree char *message = NULL;

  if (ids->len == 0)
    return toast (self, _ ("Select the products to label first"));
  if (ids->len > MAX_LABEL_PRODUCTS)
    {
      message = g_strdup_printf (_ ("Select at most %u products for one label run"), MAX_LABEL_PRODUCTS);
      return toast (self, message);
    }
  labels = pos_label_source_ids (pos_context_get_store (self->context), (const gint64 *)(gpointer)ids->data,
                                 ids->len, FALSE, &error);
  if (labels == NULL)
    return toast (self, error->message);
  present_labels (self, labels);
}

/* Labels for every product whose shelf label shows an old price. */
static void
stock_changed_labels_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels
      = pos_label_source_changed (pos_context_get_store (self->context), FALSE, &error);

  if (labels == NULL)
    return toast (self, error->message);
  if (labels->len == 0)
    return toast (self, _ ("Every shelf label shows the current price"));
  present_labels (self, labels);
}

static void
pos_stock_page_class_init (PosStockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_stock_page_dispose;
  widget_class->map = pos_stock_page_map;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/stock/pos-stock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, low_button);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, expiring_button);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, days_label);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PosStockPage, expiring_view);
  gtk_widget_class_bind_template_callback (widget_class, on_expiring_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_low_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "stock.edit", NULL, stock_edit_action);
  gtk_widget_class_install_action (widget_class, "stock.new", NULL, stock_edit_action);
  gtk_widget_class_install_action (widget_class, "stock.open-items", NULL, stock_open_items_action);
  gtk_widget_class_install_action (widget_class, "stock.quick-keys", NULL, stock_quick_keys_action);
  gtk_widget_class_install_action (widget_class, "stock.labels", NULL, stock_labels_action);
  gtk_widget_class_install_action (widget_class, "stock.changed-labels", NULL, stock_changed_labels_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "stock.labels", NULL);
  gtk_widget_class_install_action (widget_class, "stock.adjust", NULL, stock_op_action);
  gtk_widget_class_install_action (widget_class, "stock.waste", NULL, stock_op_action);
  gtk_widget_class_install_action (widget_class, "stock.receive", NULL, stock_op_action);
  gtk_widget_class_install_action (widget_class, "stock.count", NULL, stock_op_action);
}

static void
pos_stock_page_init (PosStockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _ ("SKU"), COLUMN_SKU, FALSE);
  add_column (self, _ ("Name"), COLUMN_NAME, TRUE);
  add_column (self, _ ("Price"), COLUMN_PRICE, FALSE);
  add_column (self, _ ("In stock"), COLUMN_STOCK, FALSE);
  add_column (self, _ ("Reorder at"), COLUMN_REORDER, FALSE);
  /* GTK 4.8's spin button has no "activate" of its own: its text has. */
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->days_spin)), "activate",
                           G_CALLBACK (on_days_spin_activate_cb), self, G_CONNECT_SWAPPED);
  self->expiring_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->expiring_selection, FALSE);
  gtk_column_view_set_model (self->expiring_view, GTK_SELECTION_MODEL (self->expiring_selection));
  add_expiring_column (self, _ ("Expires"), EXPIRING_EXPIRY, FALSE);
  add_expiring_column (self, _ ("SKU"), EXPIRING_SKU, FALSE);
  add_expiring_column (self, _ ("Name"), EXPIRING_NAME, TRUE);
  add_expiring_column (self, C_ ("stock", "Batch"), EXPIRING_BATCH, FALSE);
  add_expiring_column (self, _ ("Left"), EXPIRING_LEFT, FALSE);
}
