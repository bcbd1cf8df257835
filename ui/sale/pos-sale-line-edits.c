/* pos-sale-line-edits.c — changing a line of the sale: void (Del), its
 * quantity (F5), a discount (F6, Shift+F6 for the whole sale) and its price
 * (F11). Each asks what is needed, then calls the cart, which decides who
 * may; a refusal for lack of permission asks for a supervisor.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-format.h"

/* What a line edit was asked to do, for a retry with an approver. */
typedef struct
{
  guint position; /* GTK_INVALID_LIST_POSITION: the whole sale */
  PosQty qty;
  PosAmount price;
  PosDiscount discount;
} LineEdit;

static LineEdit *
line_edit_new (guint position)
{
  LineEdit *edit = g_new0 (LineEdit, 1);

  edit->position = position;
  return edit;
}

static gboolean
attempt_void (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  LineEdit *edit = data;

  return pos_cart_void_line (self->cart, edit->position, pos_context_get_user (self->context), approver,
                             error);
}

/* Voids the selected line, or the newest when none is selected. */
void
pos_sale_page_void_line (PosSalePage *self)
{
  guint position = pos_sale_page_target_line (self);

  if (position != GTK_INVALID_LIST_POSITION)
    pos_sale_page_run_with_approval (self, attempt_void, line_edit_new (position), g_free);
}

static gboolean
attempt_qty (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  LineEdit *edit = data;

  return pos_cart_set_line_qty (self->cart, edit->position, edit->qty, pos_context_get_user (self->context),
                                approver, error);
}

static void
on_line_qty_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  LineEdit *edit;

  pos_sale_page_focus_search (self);
  if (text == NULL || pos_sale_page_target_line (self) == GTK_INVALID_LIST_POSITION)
    return;
  edit = line_edit_new (pos_sale_page_target_line (self));
  if (!pos_qty_parse (text, &edit->qty, &error))
    {
      pos_sale_page_refuse (self, error);
      g_free (edit);
      return;
    }
  pos_sale_page_run_with_approval (self, attempt_qty, edit, g_free);
}

void
pos_sale_page_ask_line_qty (PosSalePage *self)
{
  guint position = pos_sale_page_target_line (self);
  g_autofree char *current = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  current = pos_qty_to_string (pos_cart_line_get_qty (pos_cart_get_line (self->cart, position)));
  pos_ask_text (GTK_WIDGET (self), _ ("Change quantity"), _ ("New quantity for the selected line"), current,
                on_line_qty_answered_cb, g_object_ref (self));
}

static gboolean
attempt_discount (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  LineEdit *edit = data;
  const PosUser *user = pos_context_get_user (self->context);

  if (edit->position == GTK_INVALID_LIST_POSITION)
    return pos_cart_set_cart_discount (self->cart, edit->discount, user, approver, error);
  return pos_cart_set_line_discount (self->cart, edit->position, edit->discount, user, approver, error);
}

static void
on_discount_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  LineEdit *edit;

  pos_sale_page_focus_search (self);
  if (text == NULL)
    return;
  edit = line_edit_new (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "pos-discount-position")));
  if (!pos_discount_parse (text, pos_cart_get_currency (self->cart), &edit->discount, &error))
    {
      pos_sale_page_refuse (self, error);
      g_free (edit);
      return;
    }
  pos_sale_page_run_with_approval (self, attempt_discount, edit, g_free);
}

void
pos_sale_page_ask_discount (PosSalePage *self, gboolean whole_sale)
{
  guint position = whole_sale ? GTK_INVALID_LIST_POSITION : pos_sale_page_target_line (self);

  g_object_set_data (G_OBJECT (self), "pos-discount-position", GUINT_TO_POINTER (position));
  pos_ask_text (GTK_WIDGET (self), whole_sale ? _ ("Discount on the sale") : _ ("Discount on the line"),
                _ ("An amount (1.50) or a percentage (10%)"), NULL, on_discount_answered_cb,
                g_object_ref (self));
}

static gboolean
attempt_price (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  LineEdit *edit = data;

  return pos_cart_set_line_price (self->cart, edit->position, edit->price,
                                  pos_context_get_user (self->context), approver, error);
}

static void
on_price_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  LineEdit *edit;

  pos_sale_page_focus_search (self);
  if (text == NULL || pos_sale_page_target_line (self) == GTK_INVALID_LIST_POSITION)
    return;
  edit = line_edit_new (pos_sale_page_target_line (self));
  if (!pos_amount_parse_local (text, pos_cart_get_currency (self->cart), &edit->price, &error))
    {
      pos_sale_page_refuse (self, error);
      g_free (edit);
      return;
    }
  pos_sale_page_run_with_approval (self, attempt_price, edit, g_free);
}

/* F11: a new unit price for the selected line, over the catalog's. */
void
pos_sale_page_ask_price (PosSalePage *self)
{
  guint position = pos_sale_page_target_line (self);
  g_autofree char *current = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  current = pos_amount_format_plain (pos_cart_line_get_unit_price (pos_cart_get_line (self->cart, position)),
                                     pos_cart_get_currency (self->cart));
  pos_ask_text (GTK_WIDGET (self), _ ("Change the price"), _ ("New unit price for the selected line"),
                current, on_price_answered_cb, g_object_ref (self));
}
