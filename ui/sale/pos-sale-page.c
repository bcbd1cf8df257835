/* pos-sale-page.c — the cashier's screen: cart, total, search, quick keys.
 *
 * Every rule of the sale lives in PosCart (app/); this page shows the cart,
 * turns keys, taps and scans into calls on it, and shows its errors. When
 * the cart refuses for lack of permission, a supervisor is asked and the
 * same call is made again with their approval.
 */
#include "pos-sale-page.h"

#include "pos-ask.h"
#include "pos-catalog.h"
#include "pos-column-view.h"
#include "pos-sql-list-model.h"
#include "stock/pos-product-item.h"
#include "pos-store-private.h"

#define N_SEARCH_RESULTS 20
#define N_QUICK_KEYS 12

struct _PosSalePage
{
  GtkWidget parent_instance;

  GtkColumnView *cart_view;
  GtkLabel *customer_label;
  GtkLabel *multiplier_label;
  GtkLabel *detail_label;
  GtkLabel *total_label;
  GtkSearchEntry *search_entry;
  GtkStack *side_stack;
  GtkFlowBox *quick_keys;
  GtkListView *results_view;

  PosContext *context;
  PosCart *cart;
  GtkSingleSelection *selection;
  PosSqlListModel *results;
  GCancellable *quick_keys_cancellable;
};

G_DEFINE_FINAL_TYPE (PosSalePage, pos_sale_page, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_TOAST,
  SIGNAL_PAY_REQUESTED,
  SIGNAL_REFUND_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_NAME,
  COLUMN_QTY,
  COLUMN_PRICE,
  COLUMN_TOTAL,
} Column;

static void
toast (PosSalePage *self, const char *message)
{
  g_autoptr (AdwToast) toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 3);
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, toast);
}

/* A refused action: a clear message and a sound, and nothing changed. */
static void
refuse (PosSalePage *self, const GError *error)
{
  toast (self, error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* --- Approval: retry an action with a supervisor's PIN --------------- */

typedef gboolean (*Attempt) (PosSalePage *self, const PosUser *approver, gpointer data, GError **error);

typedef struct
{
  PosSalePage *self;
  Attempt attempt;
  gpointer data;
  GDestroyNotify destroy;
} Retry;

static void
retry_free (Retry *retry)
{
  if (retry->destroy != NULL)
    retry->destroy (retry->data);
  g_object_unref (retry->self);
  g_free (retry);
}

static void
on_approval_answered_cb (const PosUser *approver, gpointer user_data)
{
  Retry *retry = user_data;
  g_autoptr (GError) error = NULL;

  if (approver != NULL && !retry->attempt (retry->self, approver, retry->data, &error))
    refuse (retry->self, error);
  retry_free (retry);
}

/* Runs @attempt as the signed-in user; if their role may not, asks for a
 * supervisor and runs it again with them as approver. Takes @data. */
static void
run_with_approval (PosSalePage *self, Attempt attempt, gpointer data, GDestroyNotify destroy)
{
  g_autoptr (GError) error = NULL;
  Retry *retry;

  if (attempt (self, NULL, data, &error))
    {
      if (destroy != NULL)
        destroy (data);
      return;
    }
  if (!g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    {
      refuse (self, error);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  retry = g_new0 (Retry, 1);
  retry->self = g_object_ref (self);
  retry->attempt = attempt;
  retry->data = data;
  retry->destroy = destroy;
  pos_ask_approval (GTK_WIDGET (self), pos_context_get_store (self->context), error->message,
                    on_approval_answered_cb, retry);
}

/* --- Showing the cart ------------------------------------------------- */

static void
update_totals (PosSalePage *self)
{
  g_autofree char *total = pos_context_format_amount (self->context, pos_cart_get_total (self->cart));
  g_autofree char *subtotal = pos_context_format_amount (self->context, pos_cart_get_subtotal (self->cart));
  g_autofree char *tax = pos_context_format_amount (self->context, pos_cart_get_tax_total (self->cart));
  g_autofree char *discount
      = pos_context_format_amount (self->context, pos_cart_get_discount_total (self->cart));
  g_autofree char *detail = NULL;
  const char *customer = pos_cart_get_customer_name (self->cart);
  PosQty multiplier = pos_cart_get_multiplier (self->cart);
  g_autofree char *multiplier_text = NULL;
  g_autofree char *customer_text = NULL;

  gtk_label_set_text (self->total_label, total);
  if (pos_cart_get_discount_total (self->cart) != 0)
    detail = g_strdup_printf ("%u lines · subtotal %s · discount %s · tax %s",
                              pos_cart_get_n_lines (self->cart), subtotal, discount, tax);
  else
    detail = g_strdup_printf ("%u lines · subtotal %s · tax %s", pos_cart_get_n_lines (self->cart), subtotal,
                              tax);
  gtk_label_set_text (self->detail_label, detail);
  if (pos_cart_get_customer_id (self->cart) != 0)
    customer_text = g_strdup_printf ("Customer: %s", customer && *customer ? customer : "card attached");
  gtk_label_set_text (self->customer_label, customer_text ? customer_text : "");
  if (multiplier > 0)
    {
      g_autofree char *qty = pos_qty_to_string (multiplier);
      multiplier_text = g_strdup_printf ("Next item × %s", qty);
    }
  gtk_label_set_text (self->multiplier_label, multiplier_text ? multiplier_text : "");
}

static void
on_cart_changed_cb (PosSalePage *self)
{
  update_totals (self);
}

/* Selects and shows the newest line after a line was added. */
static void
on_cart_items_changed_cb (PosSalePage *self, guint position, guint removed, guint added)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->cart_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  guint n = pos_cart_get_n_lines (self->cart);

  if (added > 0 && position + added == n)
    {
      gtk_single_selection_set_selected (self->selection, n - 1);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_NAME ? 0.0 : 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  PosCartLine *line = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  PosSalePage *self = g_object_get_data (G_OBJECT (factory), "pos-page");
  g_autofree char *text = NULL;
  g_autofree char *qty = NULL;

  switch (column)
    {
      case COLUMN_NAME:
        if (pos_cart_line_get_discount (line) != 0)
          {
            g_autofree char *discount
                = pos_context_format_amount (self->context, pos_cart_line_get_discount (line));
            text = g_strdup_printf ("%s (−%s)", pos_cart_line_get_name (line), discount);
          }
        gtk_label_set_text (label, text ? text : pos_cart_line_get_name (line));
        break;
      case COLUMN_QTY:
        qty = pos_qty_to_string (pos_cart_line_get_qty (line));
        text = pos_cart_line_is_weighed (line) ? g_strdup_printf ("%s kg", qty) : g_strdup (qty);
        gtk_label_set_text (label, text);
        break;
      case COLUMN_PRICE:
        text = pos_context_format_amount (self->context, pos_cart_line_get_unit_price (line));
        gtk_label_set_text (label, text);
        break;
      case COLUMN_TOTAL:
        text = pos_context_format_amount (self->context, pos_cart_line_get_total (line));
        gtk_label_set_text (label, text);
        break;
    }
}

static void
add_column (PosSalePage *self, const char *title, Column column, gboolean expand)
{
  pos_column_view_add_column (self->cart_view, title, column, expand, self, G_CALLBACK (on_cell_setup_cb),
                              G_CALLBACK (on_cell_bind_cb));
}

/* --- Adding items ------------------------------------------------------ */

void
pos_sale_page_add_code (PosSalePage *self, const char *code)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->cart == NULL)
    return;
  if (!pos_cart_add_code (self->cart, code, &error))
    refuse (self, error);
}

typedef struct
{
  PosSalePage *self;
  gint64 product_id;
} WeightAsk;

static void
on_weight_answered_cb (const char *text, gpointer user_data)
{
  WeightAsk *ask = user_data;
  g_autoptr (GError) error = NULL;
  PosQty grams;

  if (text != NULL
      && (!pos_qty_parse (text, &grams, &error)
          || !pos_cart_add_product (ask->self->cart, ask->product_id, grams, &error)))
    refuse (ask->self, error);
  pos_sale_page_focus_search (ask->self);
  g_object_unref (ask->self);
  g_free (ask);
}

/* A product picked from the search results or a quick key: a pending
 * multiplier is its quantity (or weight); a weighed item without one asks
 * for its weight. */
static void
add_product (PosSalePage *self, gint64 product_id, gboolean weighed)
{
  g_autoptr (GError) error = NULL;
  PosQty qty = pos_cart_get_multiplier (self->cart);

  if (qty == 0 && weighed)
    {
      WeightAsk *ask = g_new0 (WeightAsk, 1);

      ask->self = g_object_ref (self);
      ask->product_id = product_id;
      pos_ask_text (GTK_WIDGET (self), "Weight", "Weight in kg, e.g. 0.452", NULL, on_weight_answered_cb,
                    ask);
      return;
    }
  pos_cart_set_multiplier (self->cart, 0);
  if (!pos_cart_add_product (self->cart, product_id, qty ? qty : POS_QTY_ONE, &error))
    refuse (self, error);
}

static void
add_result (PosSalePage *self, guint position)
{
  g_autoptr (PosProductItem) item = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (item == NULL)
    return;
  add_product (self, pos_product_item_get_id (item), g_str_equal (pos_product_item_get_unit (item), "kg"));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_results_view_activated_cb (PosSalePage *self, guint position)
{
  add_result (self, position);
  pos_sale_page_focus_search (self);
}

/* "3*" or "0.5*" typed in the search: the next item's quantity or weight. */
static gboolean
try_multiplier (PosSalePage *self, const char *text)
{
  g_autofree char *qty_text = NULL;
  PosQty qty;
  gsize len = strlen (text);

  if (len < 2 || text[len - 1] != '*')
    return FALSE;
  qty_text = g_strndup (text, len - 1);
  if (!pos_qty_parse (qty_text, &qty, NULL) || qty <= 0)
    return FALSE;
  pos_cart_set_multiplier (self->cart, qty);
  return TRUE;
}

/* Enter in the search: a multiplier, a typed code or SKU, or else the top hit. */
static void
on_search_entry_activated_cb (PosSalePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr (GError) error = NULL;

  if (*text == '\0' || self->cart == NULL)
    return;
  if (try_multiplier (self, text) || pos_cart_add_code (self->cart, text, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0
      && (g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND)
          || g_error_matches (error, POS_ERROR, POS_ERROR_INVALID)))
    {
      add_result (self, 0);
      return;
    }
  refuse (self, error);
}

/* Type-ahead: FTS5 prefix search, ranked, a handful of rows. */
static void
on_search_entry_search_changed_cb (PosSalePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  if (self->context == NULL)
    return;
  if (*text == '\0'
      || !pos_catalog_search_ids (pos_context_get_store (self->context), text, N_SEARCH_RESULTS, ids, &error))
    g_array_set_size (ids, 0);
  pos_sql_list_model_set_ids (self->results, (const gint64 *)(gpointer)ids->data, ids->len);
  gtk_stack_set_visible_child_name (self->side_stack, ids->len > 0 ? "results" : "keys");
}

static void
on_search_entry_stop_search_cb (PosSalePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_quick_key_clicked_cb (GtkButton *button, PosSalePage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pos-product-id"));
  gboolean weighed = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pos-weighed"));

  add_product (self, id, weighed);
  pos_sale_page_focus_search (self);
}

typedef struct
{
  gint64 id;
  char *name;
  gboolean weighed;
} QuickKey;

static void
quick_key_free (QuickKey *key)
{
  g_free (key->name);
  g_free (key);
}

typedef struct
{
  char *store_path;
  GStrv skus;
} QuickKeysJob;

static void
quick_keys_job_free (QuickKeysJob *job)
{
  g_free (job->store_path);
  g_strfreev (job->skus);
  g_free (job);
}

/* The ids of the SKUs that exist, else of the first products. */
static GArray *
quick_key_ids (PosStore *store, const char *const *skus)
{
  static const char first_sql[] = "SELECT id FROM product WHERE active = 1 ORDER BY id LIMIT ?1";
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; skus != NULL && skus[i] != NULL; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_lookup (store, skus[i], NULL);
      if (product != NULL)
        g_array_append_val (ids, product->id);
    }
  if (ids->len == 0)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, first_sql, NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int (stmt, 1, N_QUICK_KEYS);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              g_array_append_val (ids, id);
            }
        }
    }
  return ids;
}

/* Reads the quick keys' products in a worker thread on its own store
 * connection: the sale screen comes up without waiting for them. */
static void
quick_keys_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  QuickKeysJob *job = task_data;
  g_autoptr (PosStore) store = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)quick_key_free);
  GError *error = NULL;

  store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ids = quick_key_ids (store, (const char *const *)job->skus);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_get (store, g_array_index (ids, gint64, i), NULL);
      QuickKey *key;

      if (product == NULL)
        continue;
      key = g_new0 (QuickKey, 1);
      key->id = product->id;
      key->name = g_strdup (product->name);
      key->weighed = pos_product_is_weighed (product);
      g_ptr_array_add (keys, key);
    }
  g_task_return_pointer (task, g_steal_pointer (&keys), (GDestroyNotify)g_ptr_array_unref);
}

static void
on_quick_keys_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PosSalePage *self = POS_SALE_PAGE (source);
  g_autoptr (GPtrArray) keys = g_task_propagate_pointer (G_TASK (result), NULL);
  GtkWidget *child;

  if (keys == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_keys))) != NULL)
    gtk_flow_box_remove (self->quick_keys, child);
  for (guint i = 0; i < keys->len; i++)
    {
      QuickKey *key = g_ptr_array_index (keys, i);
      GtkWidget *button = gtk_button_new_with_label (key->name);

      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_widget_add_css_class (button, "quick-key");
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "pos-product-id", GSIZE_TO_POINTER ((gsize)key->id));
      g_object_set_data (G_OBJECT (button), "pos-weighed", GINT_TO_POINTER (key->weighed));
      g_signal_connect (button, "clicked", G_CALLBACK (on_quick_key_clicked_cb), self);
      gtk_flow_box_append (self->quick_keys, button);
    }
}

/* The quick keys: SKUs from the machine's settings, or the first products. */
static void
build_quick_keys (PosSalePage *self)
{
  GSettings *settings = pos_context_get_settings (self->context);
  g_autoptr (GTask) task = NULL;
  QuickKeysJob *job = g_new0 (QuickKeysJob, 1);

  g_cancellable_cancel (self->quick_keys_cancellable);
  g_clear_object (&self->quick_keys_cancellable);
  self->quick_keys_cancellable = g_cancellable_new ();
  job->store_path = g_strdup (pos_context_get_store_path (self->context));
  job->skus = settings ? g_settings_get_strv (settings, "quick-keys") : NULL;
  task = g_task_new (self, self->quick_keys_cancellable, on_quick_keys_read_cb, NULL);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify)quick_keys_job_free);
  g_task_run_in_thread (task, quick_keys_thread);
}

static void
on_result_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (price, "amount");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), price);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (list_item, box);
}

static void
on_result_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  PosSalePage *self = user_data;
  PosProductItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *price = gtk_widget_get_next_sibling (name);
  g_autofree char *price_text = pos_context_format_amount (self->context, pos_product_item_get_price (item));
  g_autofree char *price_unit = g_str_equal (pos_product_item_get_unit (item), "kg")
                                    ? g_strdup_printf ("%s/kg", price_text)
                                    : g_strdup (price_text);

  gtk_label_set_text (GTK_LABEL (name), pos_product_item_get_name (item));
  gtk_label_set_text (GTK_LABEL (price), price_unit);
}

/* Up and Down in the search move through the cart lines. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                          GdkModifierType state, PosSalePage *self)
{
  guint n = pos_cart_get_n_lines (self->cart);
  guint selected = gtk_single_selection_get_selected (self->selection);

  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_Down) || n == 0)
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = n - 1;
  else if (keyval == GDK_KEY_Up && selected > 0)
    selected--;
  else if (keyval == GDK_KEY_Down && selected + 1 < n)
    selected++;
  gtk_single_selection_set_selected (self->selection, selected);
  return TRUE;
}

/* --- Actions ----------------------------------------------------------- */

static guint
selected_line (PosSalePage *self)
{
  return gtk_single_selection_get_selected (self->selection);
}

static gboolean
attempt_void (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  return pos_cart_void_line (self->cart, GPOINTER_TO_UINT (data), pos_context_get_user (self->context),
                             approver, error);
}

static void
void_line_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  guint position = selected_line (self);

  if (position == GTK_INVALID_LIST_POSITION)
    {
      toast (self, "Select the line to void first");
      return;
    }
  run_with_approval (self, attempt_void, GUINT_TO_POINTER (position), NULL);
}

typedef struct
{
  PosDiscount discount;
  guint position; /* GTK_INVALID_LIST_POSITION: the whole cart */
} DiscountData;

static gboolean
attempt_discount (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  DiscountData *d = data;
  const PosUser *user = pos_context_get_user (self->context);

  if (d->position == GTK_INVALID_LIST_POSITION)
    return pos_cart_set_cart_discount (self->cart, d->discount, user, approver, error);
  return pos_cart_set_line_discount (self->cart, d->position, d->discount, user, approver, error);
}

static void
on_discount_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  DiscountData *d;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  d = g_new0 (DiscountData, 1);
  d->position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "pos-discount-position"));
  if (!pos_discount_parse (text, pos_cart_get_currency (self->cart), &d->discount, &error))
    {
      refuse (self, error);
      g_free (d);
      return;
    }
  run_with_approval (self, attempt_discount, d, g_free);
}

/* F6 discounts the selected line, Shift+F6 the whole sale. */
static void
discount_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  gboolean whole = g_str_equal (action_name, "sale.cart-discount");
  guint position = whole ? GTK_INVALID_LIST_POSITION : selected_line (self);

  if (pos_cart_is_empty (self->cart))
    return;
  g_object_set_data (G_OBJECT (self), "pos-discount-position", GUINT_TO_POINTER (position));
  pos_ask_text (widget,
                position == GTK_INVALID_LIST_POSITION ? "Discount on the sale" : "Discount on the line",
                "An amount (1.50) or a percentage (10%)", NULL, on_discount_answered_cb, g_object_ref (self));
}

static void
on_quantity_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  PosQty qty;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  if (!pos_qty_parse (text, &qty, &error))
    refuse (self, error);
  else
    pos_cart_set_multiplier (self->cart, qty);
}

static void
quantity_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);

  pos_ask_text (widget, "Quantity", "How many of the next item, or its weight in kg", NULL,
                on_quantity_answered_cb, g_object_ref (self));
}

static void
on_line_qty_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  guint position = selected_line (self);
  PosQty qty;

  pos_sale_page_focus_search (self);
  if (text == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  if (!pos_qty_parse (text, &qty, &error) || !pos_cart_set_line_qty (self->cart, position, qty, &error))
    refuse (self, error);
}

static void
line_qty_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  guint position = selected_line (self);
  g_autofree char *current = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  current = pos_qty_to_string (pos_cart_line_get_qty (pos_cart_get_line (self->cart, position)));
  pos_ask_text (widget, "Change quantity", "New quantity for the selected line", current,
                on_line_qty_answered_cb, g_object_ref (self));
}

static void
on_customer_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  if (*text == '\0')
    pos_cart_clear_customer (self->cart);
  else if (!pos_cart_set_customer (self->cart, text, &error))
    refuse (self, error);
}

static void
customer_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);

  pos_ask_text (widget, "Customer", "Scan or type the loyalty card, or the phone number (empty: none)", NULL,
                on_customer_answered_cb, g_object_ref (self));
}

static void
on_park_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  if (!pos_cart_park (self->cart, pos_context_get_user (self->context), *text ? text : NULL, &id, &error))
    refuse (self, error);
  else
    {
      g_autofree char *message = g_strdup_printf ("Sale parked as number %" G_GINT64_FORMAT, id);
      toast (self, message);
    }
}

static void
park_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);

  if (pos_cart_is_empty (self->cart))
    return;
  pos_ask_text (widget, "Park the sale", "A name to find it again (optional)", NULL, on_park_answered_cb,
                g_object_ref (self));
}

static void
on_resume_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  pos_sale_page_focus_search (self);
  if (text == NULL || *text == '\0')
    return;
  if (!pos_cart_resume (self->cart, g_ascii_strtoll (text, NULL, 10), &error))
    refuse (self, error);
}

/* Lists the parked sales and asks which one, the newest offered first. */
static void
resume_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parked = pos_cart_list_parked (pos_context_get_store (self->context), &error);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *newest = NULL;

  if (parked == NULL)
    {
      refuse (self, error);
      return;
    }
  if (!pos_cart_is_empty (self->cart))
    {
      toast (self, "Finish or park this sale first");
      return;
    }
  if (parked->len == 0)
    {
      toast (self, "No parked sales");
      return;
    }
  for (guint i = 0; i < parked->len; i++)
    {
      PosParkedSale *p = g_ptr_array_index (parked, i);
      g_string_append_printf (body, "%" G_GINT64_FORMAT ": %s, %u lines%s%s\n", p->id, p->parked_at,
                              p->n_lines, p->label ? ", " : "", p->label ? p->label : "");
    }
  newest = g_strdup_printf ("%" G_GINT64_FORMAT,
                            ((PosParkedSale *)g_ptr_array_index (parked, parked->len - 1))->id);
  pos_ask_text (widget, "Resume a parked sale", body->str, newest, on_resume_answered_cb,
                g_object_ref (self));
}

static void
pay_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);

  if (pos_cart_is_empty (self->cart))
    {
      toast (self, "Nothing to pay yet");
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PAY_REQUESTED], 0);
}

static void
refund_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_signal_emit (widget, signals[SIGNAL_REFUND_REQUESTED], 0);
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_sale_page_focus_search (POS_SALE_PAGE (widget));
}

/* --- Public ------------------------------------------------------------ */

void
pos_sale_page_type (PosSalePage *self, const char *text)
{
  GtkEditable *editable;
  g_autofree char *query = NULL;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (text != NULL);

  editable = GTK_EDITABLE (self->search_entry);
  query = g_strconcat (gtk_editable_get_text (editable), text, NULL);
  gtk_editable_set_text (editable, query);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (editable, -1);
}

void
pos_sale_page_focus_search (PosSalePage *self)
{
  g_return_if_fail (POS_IS_SALE_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

PosCart *
pos_sale_page_get_cart (PosSalePage *self)
{
  g_return_val_if_fail (POS_IS_SALE_PAGE (self), NULL);
  return self->cart;
}

void
pos_sale_page_new_sale (PosSalePage *self)
{
  g_return_if_fail (POS_IS_SALE_PAGE (self));
  pos_cart_clear (self->cart);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pos_sale_page_focus_search (self);
}

void
pos_sale_page_set_context (PosSalePage *self, PosContext *context)
{
  g_autoptr (GtkNoSelection) no_selection = NULL;
  PosStore *store;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  store = pos_context_get_store (context);
  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_data (self->cart, self);
  g_clear_object (&self->cart);
  self->cart = pos_cart_new (store);
  g_signal_connect_object (self->cart, "notify", G_CALLBACK (on_cart_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cart, "items-changed", G_CALLBACK (on_cart_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->cart));
  g_clear_object (&self->results);
  self->results = pos_sql_list_model_new (POS_TYPE_PRODUCT_ITEM, store, pos_product_item_load, NULL, NULL);
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (no_selection));
  build_quick_keys (self);
  if (pos_context_get_settings (context) != NULL)
    g_signal_connect_object (pos_context_get_settings (context), "changed::quick-keys",
                             G_CALLBACK (build_quick_keys), self, G_CONNECT_SWAPPED);
  update_totals (self);
}

static void
pos_sale_page_dispose (GObject *object)
{
  PosSalePage *self = POS_SALE_PAGE (object);

  g_cancellable_cancel (self->quick_keys_cancellable);
  g_clear_object (&self->quick_keys_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_SALE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->cart);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (pos_sale_page_parent_class)->dispose (object);
}

static void
pos_sale_page_class_init (PosSalePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pos_sale_page_dispose;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  signals[SIGNAL_PAY_REQUESTED] = g_signal_new ("pay-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REFUND_REQUESTED] = g_signal_new ("refund-requested", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/sale/pos-sale-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, cart_view);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, customer_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, multiplier_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, total_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, quick_keys);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, results_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_view_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "sale.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "sale.quantity", NULL, quantity_action);
  gtk_widget_class_install_action (widget_class, "sale.line-qty", NULL, line_qty_action);
  gtk_widget_class_install_action (widget_class, "sale.discount", NULL, discount_action);
  gtk_widget_class_install_action (widget_class, "sale.cart-discount", NULL, discount_action);
  gtk_widget_class_install_action (widget_class, "sale.customer", NULL, customer_action);
  gtk_widget_class_install_action (widget_class, "sale.park", NULL, park_action);
  gtk_widget_class_install_action (widget_class, "sale.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "sale.void-line", NULL, void_line_action);
  gtk_widget_class_install_action (widget_class, "sale.refund", NULL, refund_action);
  gtk_widget_class_install_action (widget_class, "sale.pay", NULL, pay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "sale.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "sale.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "sale.quantity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "sale.line-qty", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "sale.discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "sale.cart-discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "sale.customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "sale.park", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "sale.resume", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "sale.refund", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "sale.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sale.void-line", NULL);
}

static void
pos_sale_page_init (PosSalePage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->cart_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, "Item", COLUMN_NAME, TRUE);
  add_column (self, "Qty", COLUMN_QTY, FALSE);
  add_column (self, "Price", COLUMN_PRICE, FALSE);
  add_column (self, "Total", COLUMN_TOTAL, FALSE);

  g_signal_connect (factory, "setup", G_CALLBACK (on_result_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_result_bind_cb), self);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}
