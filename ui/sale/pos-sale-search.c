/* pos-sale-search.c — the sale page's search field: type-ahead results,
 * codes and SKUs typed by hand, the "3*" quantity prefix, and Up, Down and
 * Del on the cart while the field has the focus.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"

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
    pos_sale_page_refuse (ask->self, error);
  pos_sale_page_focus_search (ask->self);
  g_object_unref (ask->self);
  g_free (ask);
}

/* Asks for the weight, volume or length of a product sold by @unit. */
static void
ask_measure (PosSalePage *self, gint64 product_id, const char *unit)
{
  WeightAsk *ask = g_new0 (WeightAsk, 1);

  ask->self = g_object_ref (self);
  ask->product_id = product_id;
  if (g_str_equal (unit, "l"))
    pos_ask_text (GTK_WIDGET (self), _ ("Volume"), _ ("Volume in litres, e.g. 1.5"), NULL,
                  on_weight_answered_cb, ask);
  else if (g_str_equal (unit, "m"))
    pos_ask_text (GTK_WIDGET (self), _ ("Length"), _ ("Length in metres, e.g. 2.75"), NULL,
                  on_weight_answered_cb, ask);
  else
    pos_ask_text (GTK_WIDGET (self), _ ("Weight"), _ ("Weight in kg, e.g. 0.452"), NULL,
                  on_weight_answered_cb, ask);
}

/* A product picked from the search results or a quick key: a pending
 * multiplier is its quantity (or weight, volume, length); an item sold by
 * a measure without one asks for it. */
void
pos_sale_page_add_product (PosSalePage *self, gint64 product_id, const char *unit)
{
  g_autoptr (GError) error = NULL;
  PosQty qty = pos_cart_get_multiplier (self->cart);

  if (qty == 0 && pos_unit_is_measured (unit))
    {
      ask_measure (self, product_id, unit);
      return;
    }
  pos_cart_set_multiplier (self->cart, 0);
  if (pos_cart_add_product (self->cart, product_id, qty ? qty : POS_QTY_ONE, &error))
    return;
  pos_cart_set_multiplier (self->cart, qty); /* for the variant chosen from the grid */
  if (pos_sale_page_offer_variants (self, product_id, NULL, error))
    return;
  pos_cart_set_multiplier (self->cart, 0);
  if (!pos_sale_page_offer_open_price (self, product_id, NULL, error))
    pos_sale_page_refuse (self, error);
}

static void
add_result (PosSalePage *self, guint position)
{
  g_autoptr (PosCatalogItem) item = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (item == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pos_sale_page_add_product (self, pos_catalog_item_get_id (item), pos_catalog_item_get_unit (item));
}

static void
on_results_view_activated_cb (PosSalePage *self, guint position)
{
  add_result (self, position);
  pos_sale_page_focus_search (self);
}

/* "3*" or "0.5*": the next item's quantity or weight. */
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

/* Shows the matches of the field's text now, not after the search delay:
 * Enter right after typing acts on what was typed. */
static guint
search_now (PosSalePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n;

  if (self->context == NULL)
    return 0;
  n = pos_catalog_search_model_set_text (self->results, pos_context_get_store (self->context), text, NULL);
  gtk_stack_set_visible_child_name (self->side_stack, n > 0 ? "results" : "keys");
  return n;
}

/* Enter in the search: a multiplier, a code or SKU (any case), or else the
 * first product whose name or SKU matches what was typed. */
static void
on_search_entry_activated_cb (PosSalePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr (GError) error = NULL;

  if (*text == '\0' || self->cart == NULL)
    return;
  if (try_multiplier (self, text) || pos_cart_add_code (self->cart, text, &error))
    {
      pos_sale_page_warn_fefo (self, text);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      return;
    }
  if ((g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND)
       || g_error_matches (error, POS_ERROR, POS_ERROR_INVALID))
      && search_now (self) > 0)
    {
      add_result (self, 0);
      return;
    }
  if (pos_sale_page_offer_unknown (self, text, error) || pos_sale_page_offer_variants (self, 0, text, error)
      || pos_sale_page_offer_open_price (self, 0, text, error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      return;
    }
  pos_sale_page_refuse (self, error);
}

/* A quantity prefix takes effect as soon as its "*" is typed; other text
 * is a type-ahead search (FTS5 prefix, ranked, a handful of rows). */
static void
on_search_entry_changed_cb (PosSalePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (self->cart != NULL && try_multiplier (self, text))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_entry_search_changed_cb (PosSalePage *self)
{
  search_now (self);
}

static void
on_search_entry_stop_search_cb (PosSalePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Up and Down in the search move through the cart lines; Del in an empty
 * search voids the selected (or newest) line. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                          GdkModifierType state, PosSalePage *self)
{
  guint n = self->cart ? pos_cart_get_n_lines (self->cart) : 0;
  guint selected = pos_sale_page_target_line (self);

  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
      && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    return gtk_widget_activate_action (GTK_WIDGET (self), "sale.void-line", NULL);
  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_Down) || n == 0)
    return FALSE;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    selected = n - 1;
  else if (keyval == GDK_KEY_Up && selected > 0)
    selected--;
  else if (keyval == GDK_KEY_Down && selected + 1 < n)
    selected++;
  gtk_single_selection_set_selected (self->selection, selected);
  return TRUE;
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
  PosCatalogItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *price = gtk_widget_get_next_sibling (name);
  g_autofree char *price_text = pos_context_format_amount (self->context, pos_catalog_item_get_price (item));
  const char *unit = pos_catalog_item_get_unit (item);
  g_autofree char *price_unit
      = pos_unit_is_measured (unit) ? g_strdup_printf ("%s/%s", price_text, unit) : g_strdup (price_text);

  gtk_label_set_text (GTK_LABEL (name), pos_catalog_item_get_name (item));
  gtk_label_set_text (GTK_LABEL (price), price_unit);
}

void
pos_sale_search_set_store (PosSalePage *self, PosStore *store)
{
  g_autoptr (GtkNoSelection) no_selection = NULL;

  g_clear_object (&self->results);
  self->results = pos_catalog_search_model_new (store);
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (no_selection));
}

void
pos_sale_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_view_activated_cb);
}

void
pos_sale_search_init (PosSalePage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_result_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_result_bind_cb), self);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);

  /* Capture: the text field would take Del for itself. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}
