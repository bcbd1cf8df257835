/* pos-stock-page.c — the owner's catalog and stock.
 *
 * The list is a PosSqlListModel: the queries below return only product ids,
 * sorted and filtered by SQLite (the name index, FTS5, the stock level
 * cache), and run in a worker thread so a million-row catalog never makes
 * the till wait. Rows are read one by one as they scroll into view.
 */
#include "pos-stock-page.h"

#include "pos-product-item.h"

struct _PosStockPage
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkToggleButton *low_button;
  GtkLabel *count_label;
  GtkColumnView *column_view;

  PosContext *context;
  PosSqlListModel *model;
  GtkSingleSelection *selection;
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

/* The covering name index gives the whole catalog in order without
 * touching the table. */
static const char all_sql[] = "SELECT id FROM product ORDER BY name COLLATE NOCASE, id";
static const char search_sql[] = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
                                 "WHERE product_fts MATCH ?1 ORDER BY p.name COLLATE NOCASE, p.id";
static const char low_sql[] = "SELECT p.id FROM product p LEFT JOIN stock_level s ON s.product_id = p.id "
                              "WHERE p.reorder_level IS NOT NULL AND COALESCE (s.qty, 0) <= p.reorder_level "
                              "ORDER BY p.name COLLATE NOCASE, p.id";
static const char low_search_sql[]
    = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
      "LEFT JOIN stock_level s ON s.product_id = p.id "
      "WHERE product_fts MATCH ?1 AND p.reorder_level IS NOT NULL AND COALESCE (s.qty, 0) <= p.reorder_level "
      "ORDER BY p.name COLLATE NOCASE, p.id";

char *
pos_stock_fts_query (const char *text)
{
  g_auto (GStrv) words = NULL;
  g_autoptr (GString) query = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  words = g_strsplit_set (text, " \t\n\"", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      /* Each word quoted, so FTS5 syntax characters are plain text. */
      g_string_append_printf (query, "\"%s\"*", words[i]);
    }
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = g_strdup_printf ("%u products", n);

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

/* Re-runs the query for the search text and the low-stock filter. */
static void
refresh (PosStockPage *self)
{
  g_autofree char *match = pos_stock_fts_query (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gboolean low = gtk_toggle_button_get_active (self->low_button);
  const char *params[] = { match, NULL };
  const char *sql;

  if (self->model == NULL)
    return;
  if (match != NULL)
    sql = low ? low_search_sql : search_sql;
  else
    sql = low ? low_sql : all_sql;
  pos_sql_list_model_set_query_async (self->model, sql, params, self->cancellable, on_query_done_cb, self);
}

static void
on_search_entry_search_changed_cb (PosStockPage *self)
{
  refresh (self);
}

static void
on_low_button_toggled_cb (PosStockPage *self)
{
  refresh (self);
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
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "pos-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* The product the owner selected, or 0. */
static gint64
selected_product (PosStockPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  return pos_sql_list_model_get_id (self->model, position);
}

void
pos_stock_page_set_context (PosStockPage *self, PosContext *context)
{
  g_return_if_fail (POS_IS_STOCK_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_clear_object (&self->model);
  self->model = pos_sql_list_model_new (POS_TYPE_PRODUCT_ITEM, pos_context_get_store (context),
                                        pos_product_item_load, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
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
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pos_stock_page_parent_class)->dispose (object);
}

static void
stock_edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosStockPage *self = POS_STOCK_PAGE (widget);

  if (selected_product (self) == 0)
    return;
  toast (self, "Product editing arrives with the catalog editor");
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
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_low_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "stock.edit", NULL, stock_edit_action);
  gtk_widget_class_install_action (widget_class, "stock.adjust", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "stock.receive", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "stock.count", NULL, NULL);
}

static void
pos_stock_page_init (PosStockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, "SKU", COLUMN_SKU, FALSE);
  add_column (self, "Name", COLUMN_NAME, TRUE);
  add_column (self, "Price", COLUMN_PRICE, FALSE);
  add_column (self, "In stock", COLUMN_STOCK, FALSE);
  add_column (self, "Reorder at", COLUMN_REORDER, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.adjust", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.receive", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.count", FALSE);
}
