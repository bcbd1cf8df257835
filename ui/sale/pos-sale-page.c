/* pos-sale-page.c — the cashier's screen: cart, total, search, quick keys.
 *
 * Every rule of the sale lives in PosCart (app/); this page shows the cart,
 * turns keys, taps and scans into calls on it, and shows its errors. The
 * actions and their shortcuts are in pos-sale-page-actions.c, the search in
 * pos-sale-search.c, the quick keys in pos-quick-keys.c.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-batch.h"
#include "pos-key-hint.h"
#include "pos-page.h"
#include "pos-toast.h"

G_DEFINE_FINAL_TYPE (PosSalePage, pos_sale_page, GTK_TYPE_WIDGET)

/* Long enough to read a refusal while the customer is talking. */
#define TOAST_SECONDS 5

typedef enum
{
  COLUMN_NAME,
  COLUMN_QTY,
  COLUMN_PRICE,
  COLUMN_TOTAL,
} Column;

/* Toasts show in the page's own overlay over the cart lines, so they never
 * hide the total the customer is about to pay. */
void
pos_sale_page_toast (PosSalePage *self, const char *message)
{
  /* The overlay is as narrow as the cart: a long message wraps rather
   * than being cut off. */
  AdwToast *toast = pos_toast_new_wrapped (message);

  adw_toast_set_timeout (toast, TOAST_SECONDS);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A refused action: a clear message and a sound, and nothing changed. */
void
pos_sale_page_refuse (PosSalePage *self, const GError *error)
{
  pos_sale_page_toast (self, error->message);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* A scanned batch that is not the first to expire is sold all the same
 * (the customer has it in hand), with a toast that does not stop the
 * queue; the log keeps it too. The rule is the one the CLI's sell warns
 * with. */
void
pos_sale_page_warn_fefo (PosSalePage *self, const char *code)
{
  g_autofree char *warning = NULL;

  if (self->context == NULL)
    return;
  warning = pos_batch_fefo_warning_for_code (pos_context_get_store (self->context), code);
  if (warning == NULL)
    return;
  g_message ("Sale: %s", warning);
  pos_sale_page_toast (self, warning);
}

/* The line a line action applies to: the selected one, else the newest. */
guint
pos_sale_page_target_line (PosSalePage *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint n = self->cart ? pos_cart_get_n_lines (self->cart) : 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected < n)
    return selected;
  return n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
}

/* --- Showing the cart ------------------------------------------------- */

static char *
detail_text (PosSalePage *self)
{
  g_autofree char *subtotal = pos_context_format_amount (self->context, pos_cart_get_subtotal (self->cart));
  g_autofree char *tax = pos_context_format_amount (self->context, pos_cart_get_tax_total (self->cart));
  PosAmount discount = pos_cart_get_discount_total (self->cart);
  guint n = pos_cart_get_n_lines (self->cart);

  if (discount != 0)
    {
      g_autofree char *off = pos_context_format_amount (self->context, discount);
      return g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u line · subtotal %s · discount %s · tax %s",
                                         "%u lines · subtotal %s · discount %s · tax %s", n),
                              n, subtotal, off, tax);
    }
  return g_strdup_printf (
      dngettext (GETTEXT_PACKAGE, "%u line · subtotal %s · tax %s", "%u lines · subtotal %s · tax %s", n), n,
      subtotal, tax);
}

static void
update_totals (PosSalePage *self)
{
  g_autofree char *total = pos_context_format_amount (self->context, pos_cart_get_total (self->cart));
  g_autofree char *detail = detail_text (self);
  const char *customer = pos_cart_get_customer_name (self->cart);
  PosQty multiplier = pos_cart_get_multiplier (self->cart);
  g_autofree char *multiplier_text = NULL;
  g_autofree char *customer_text = NULL;
  g_autofree char *promotions = pos_sale_page_promotions_text (self);

  gtk_label_set_text (self->total_label, total);
  gtk_label_set_text (self->promotions_label, promotions ? promotions : "");
  gtk_widget_set_visible (GTK_WIDGET (self->promotions_label), promotions != NULL);
  gtk_label_set_text (self->detail_label, detail);
  if (pos_cart_get_customer_id (self->cart) != 0)
    customer_text
        = g_strdup_printf (_ ("Customer: %s"), customer && *customer ? customer : _ ("card attached"));
  gtk_label_set_text (self->customer_label, customer_text ? customer_text : "");
  if (multiplier > 0)
    {
      g_autofree char *qty = pos_qty_to_string (multiplier);
      multiplier_text = g_strdup_printf (_ ("Next item × %s"), qty);
    }
  gtk_label_set_text (self->multiplier_label, multiplier_text ? multiplier_text : "");
}

static void
on_cart_changed_cb (PosSalePage *self)
{
  update_totals (self);
  pos_sale_page_update_actions (self);
}

/* Scrolls to the end of the cart. The list's height grows only once the
 * new row is laid out, so this runs again when the adjustment changes. */
static void
scroll_to_newest (PosSalePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->cart_scroller);
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->follow_newest && gtk_adjustment_get_value (adjustment) < end - 0.5)
    gtk_adjustment_set_value (adjustment, end);
}

/* The list lays its rows out from its own note of the row at the top, and
 * it does not hear a value set on its adjustment while it is updating that
 * adjustment itself (our "changed" handler runs then): such a scroll is
 * undone at the next layout, and past a screenful of lines the newest one
 * stayed just below the edge. So "changed" only notes that the end moved,
 * and the scroll is made from the frame clock's layout signal, after the
 * window's layout; the list then lays out again within the same frame, so
 * the scanned line shows in the frame that first shows it at all. */
static void
on_cart_adjustment_changed_cb (PosSalePage *self)
{
  if (self->follow_newest)
    self->scroll_pending = TRUE;
}

static void
on_frame_layout_cb (GdkFrameClock *clock, PosSalePage *self)
{
  if (!self->scroll_pending)
    return;
  self->scroll_pending = FALSE;
  scroll_to_newest (self);
}

static void
on_realize_cb (PosSalePage *self)
{
  self->layout_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->layout_id
      = g_signal_connect_after (self->layout_clock, "layout", G_CALLBACK (on_frame_layout_cb), self);
}

static void
on_unrealize_cb (PosSalePage *self)
{
  if (self->layout_clock != NULL)
    g_clear_signal_handler (&self->layout_id, self->layout_clock);
  g_clear_object (&self->layout_clock);
}

/* Selects and shows the newest line after a line was added. */
static void
on_cart_items_changed_cb (PosSalePage *self, guint position, guint removed, guint added)
{
  guint n = pos_cart_get_n_lines (self->cart);

  self->follow_newest = added > 0 && position + added == n;
  if (self->follow_newest)
    {
      gtk_single_selection_set_selected (self->selection, n - 1);
      self->scroll_pending = TRUE;
    }
  pos_sale_page_update_actions (self);
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

static char *
cell_text (PosSalePage *self, PosCartLine *line, Column column)
{
  g_autofree char *qty = NULL;
  g_autofree char *discount = NULL;

  switch (column)
    {
      case COLUMN_NAME:
        if (pos_cart_line_get_discount (line) == 0)
          return g_strdup (pos_cart_line_get_name (line));
        discount = pos_context_format_amount (self->context, pos_cart_line_get_discount (line));
        return g_strdup_printf ("%s (−%s)", pos_cart_line_get_name (line), discount);
      case COLUMN_QTY:
        qty = pos_qty_to_string (pos_cart_line_get_qty (line));
        return pos_cart_line_is_measured (line)
                   ? g_strdup_printf ("%s %s", qty, pos_cart_line_get_unit (line))
                   : g_steal_pointer (&qty);
      case COLUMN_PRICE:
        return pos_context_format_amount (self->context, pos_cart_line_get_unit_price (line));
      case COLUMN_TOTAL:
      default:
        return pos_context_format_amount (self->context, pos_cart_line_get_total (line));
    }
}

static void
show_cell (GtkListItem *list_item, Column column)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  PosSalePage *self = g_object_get_data (G_OBJECT (label), "pos-page");
  PosCartLine *line = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (line == NULL || self == NULL || self->context == NULL)
    return;
  text = cell_text (self, line, column);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
on_line_discount_cb (GtkListItem *list_item)
{
  show_cell (list_item, COLUMN_NAME);
}

static void
on_line_total_cb (GtkListItem *list_item)
{
  show_cell (list_item, COLUMN_TOTAL);
}

/* A scan can change what a promotion takes off lines scanned before it
 * (the third unit of a "3 for 2" across products, a percentage rounded
 * once for the lot): the cart refigures every line but announces only the
 * one it added, so the cells of the name and the total follow their line's
 * own notifications. Only the lines whose figures changed are drawn again,
 * not the whole list. */
static void
on_cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column column = (Column)GPOINTER_TO_INT (user_data);
  GObject *line = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "pos-page",
                     g_object_get_data (G_OBJECT (factory), "pos-page"));
  show_cell (list_item, column);
  if (column == COLUMN_NAME)
    g_signal_connect_swapped (line, "notify::discount", G_CALLBACK (on_line_discount_cb), list_item);
  else if (column == COLUMN_TOTAL)
    g_signal_connect_swapped (line, "notify::total", G_CALLBACK (on_line_total_cb), list_item);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GObject *line = gtk_list_item_get_item (list_item);

  if (line != NULL)
    g_signal_handlers_disconnect_by_data (line, list_item);
}

static void
add_column (PosSalePage *self, const char *title, Column column, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "pos-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->cart_view, view_column);
}

/* --- Public ------------------------------------------------------------ */

void
pos_sale_page_add_code (PosSalePage *self, const char *code)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (code != NULL);

  if (self->cart == NULL)
    return;
  if (pos_cart_add_code (self->cart, code, &error))
    pos_sale_page_warn_fefo (self, code);
  else if (!pos_sale_page_offer_unknown (self, code, error)
           && !pos_sale_page_offer_variants (self, 0, code, error)
           && !pos_sale_page_offer_open_price (self, 0, code, error))
    pos_sale_page_refuse (self, error);
}

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

/* The page shows and edits @cart (transfer full) from now on. */
static void
use_cart (PosSalePage *self, PosCart *cart)
{
  if (self->cart != NULL)
    g_signal_handlers_disconnect_by_data (self->cart, self);
  g_clear_object (&self->cart);
  self->cart = cart;
  g_signal_connect_object (self->cart, "notify", G_CALLBACK (on_cart_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cart, "items-changed", G_CALLBACK (on_cart_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->cart));
  update_totals (self);
  pos_sale_page_update_actions (self);
}

void
pos_sale_page_set_context (PosSalePage *self, PosContext *context)
{
  PosStore *store;
  PosCart *cart;

  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (POS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  store = pos_context_get_store (context);
  cart = pos_cart_new (store);
  use_cart (self, cart);
  pos_sale_search_set_store (self, store);
  pos_quick_keys_build (self);
  if (pos_context_get_settings (context) != NULL)
    g_signal_connect_object (pos_context_get_settings (context), "changed::quick-keys",
                             G_CALLBACK (pos_quick_keys_build), self, G_CONNECT_SWAPPED);
  /* Read again whenever the page shows: the editor or sync may have
   * changed the keys meanwhile. */
  g_signal_connect (self, "map", G_CALLBACK (pos_quick_keys_build), NULL);
  pos_sale_prices_watch (self);
  update_totals (self);
  pos_sale_page_update_actions (self);
}

void
pos_sale_page_adopt_cart (PosSalePage *self, PosCart *cart)
{
  g_return_if_fail (POS_IS_SALE_PAGE (self));
  g_return_if_fail (POS_IS_CART (cart));

  use_cart (self, g_object_ref (cart));
}

static void
pos_sale_page_dispose (GObject *object)
{
  PosSalePage *self = POS_SALE_PAGE (object);

  g_cancellable_cancel (self->quick_keys_cancellable);
  g_clear_object (&self->quick_keys_cancellable);
  g_clear_pointer (&self->quick_key_pages, g_ptr_array_unref);
  pos_sale_prices_stop (self);
  on_unrealize_cb (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POS_TYPE_SALE_PAGE);
  pos_page_unparent_children (GTK_WIDGET (self));
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

  g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                1, ADW_TYPE_TOAST);
  g_signal_new ("pay-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
  g_signal_new ("refund-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/mainstreet/Mainstreet/sale/pos-sale-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, cart_scroller);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, cart_view);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, customer_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, multiplier_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, promotions_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, total_label);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, quick_keys);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, quick_key_tab_row);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, quick_key_tabs);
  gtk_widget_class_bind_template_child (widget_class, PosSalePage, results_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  pos_sale_search_class_init (widget_class);
  pos_sale_page_class_init_actions (widget_class);
  pos_sale_vouchers_class_init (widget_class);
  pos_sale_layaway_class_init (widget_class);
}

static void
pos_sale_page_init (PosSalePage *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  pos_key_hints_apply (GTK_WIDGET (self), pos_till_key_hints, pos_till_n_key_hints);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (pos_sale_page_update_actions),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->cart_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _ ("Item"), COLUMN_NAME, TRUE);
  add_column (self, _ ("Qty"), COLUMN_QTY, FALSE);
  add_column (self, _ ("Price"), COLUMN_PRICE, FALSE);
  add_column (self, _ ("Total"), COLUMN_TOTAL, FALSE);
  adjustment = gtk_scrolled_window_get_vadjustment (self->cart_scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_cart_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize_cb), NULL);
  pos_sale_search_init (self);
  pos_sale_page_update_actions (self);
}
