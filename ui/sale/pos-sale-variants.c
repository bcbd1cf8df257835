/* pos-sale-variants.c — the grid of a product's variants: chosen from the
 * search or a quick key (or its SKU typed), a product sold in sizes and
 * colours asks which one. The first option's values run down the side,
 * the others across the top; each cell is a button with the variant's
 * price, named for screen readers by its options ("M, red"). Tab or the
 * arrow keys move through the cells, Enter sells the one in focus.
 */
#include "pos-sale-page-private.h"

#include "pos-variant.h"

typedef struct
{
  PosSalePage *self;
  GtkWidget *dialog;
  char *unit; /* of the product, which its variants share */
  PosQty qty; /* the multiplier pending when the grid opened */
} VariantAsk;

static void
variant_ask_free (VariantAsk *ask)
{
  g_object_unref (ask->self);
  g_free (ask->unit);
  g_free (ask);
}

static void
on_variant_clicked_cb (GtkButton *button, VariantAsk *ask)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pos-variant-id"));
  PosSalePage *self = ask->self;

  if (self->cart != NULL)
    {
      pos_cart_set_multiplier (self->cart, ask->qty);
      pos_sale_page_add_product (self, id, ask->unit);
    }
  pos_sale_page_focus_search (self);
  gtk_window_destroy (GTK_WINDOW (ask->dialog)); /* frees @ask */
}

static GtkWidget *
header_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
cell_button (PosSalePage *self, const PosVariantCell *cell, VariantAsk *ask)
{
  g_autofree char *price = pos_context_format_amount (self->context, cell->price);
  GtkWidget *button = gtk_button_new_with_label (price);

  gtk_widget_set_tooltip_text (button, cell->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, cell->label, -1);
  gtk_widget_set_sensitive (button, cell->active);
  gtk_widget_set_size_request (button, 96, 56);
  g_object_set_data (G_OBJECT (button), "pos-variant-id", GSIZE_TO_POINTER ((gsize)cell->id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_variant_clicked_cb), ask);
  return button;
}

/* The grid with its headers; *@first is the first cell that can be sold. */
static GtkWidget *
grid_new (PosSalePage *self, const PosVariantGrid *variants, VariantAsk *ask, GtkWidget **first)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  for (guint c = 0; c < variants->columns->len; c++)
    gtk_grid_attach (GTK_GRID (grid), header_label (g_ptr_array_index (variants->columns, c)), c + 1, 0, 1,
                     1);
  for (guint r = 0; r < variants->rows->len; r++)
    gtk_grid_attach (GTK_GRID (grid), header_label (g_ptr_array_index (variants->rows, r)), 0, r + 1, 1, 1);
  *first = NULL;
  for (guint i = 0; i < variants->cells->len; i++)
    {
      const PosVariantCell *cell = g_ptr_array_index (variants->cells, i);
      GtkWidget *button = cell_button (self, cell, ask);

      gtk_grid_attach (GTK_GRID (grid), button, cell->column + 1, cell->row + 1, 1, 1);
      if (*first == NULL && cell->active)
        *first = button;
    }
  return grid;
}

static void
on_grid_responded_cb (AdwMessageDialog *dialog, const char *response, VariantAsk *ask)
{
  pos_sale_page_focus_search (ask->self);
}

static void
show_grid (PosSalePage *self, const PosVariantGrid *variants, const char *unit)
{
  g_autofree char *options = g_strjoinv (" × ", variants->option_names);
  g_autofree char *body = g_strdup_printf ("Choose the %s", options);
  VariantAsk *ask = g_new0 (VariantAsk, 1);
  GtkWidget *first;
  GtkWidget *grid;

  ask->self = g_object_ref (self);
  ask->unit = g_strdup (unit);
  ask->qty = pos_cart_get_multiplier (self->cart);
  ask->dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        variants->parent_name, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask->dialog), "cancel", "_Cancel", NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask->dialog), "cancel");
  grid = grid_new (self, variants, ask, &first);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (ask->dialog), grid);
  g_signal_connect_data (ask->dialog, "response", G_CALLBACK (on_grid_responded_cb), ask,
                         (GClosureNotify)(GCallback)variant_ask_free, 0);
  gtk_window_present (GTK_WINDOW (ask->dialog));
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

gboolean
pos_sale_page_offer_variants (PosSalePage *self, gint64 product_id, const char *code, const GError *error)
{
  PosStore *store;
  g_autoptr (PosProduct) product = NULL;
  g_autoptr (PosVariantGrid) variants = NULL;

  if (!g_error_matches (error, POS_ERROR, POS_ERROR_STATE) || self->cart == NULL)
    return FALSE;
  store = pos_context_get_store (self->context);
  product = product_id ? pos_catalog_get (store, product_id, NULL) : pos_catalog_lookup (store, code, NULL);
  if (product == NULL || !product->has_variants || !product->active)
    return FALSE;
  if ((variants = pos_variant_grid_load (store, product->id, NULL)) == NULL)
    return FALSE;
  show_grid (self, variants, product->unit);
  return TRUE;
}
