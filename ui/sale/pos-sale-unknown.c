/* pos-sale-unknown.c — a scan the catalog does not know.
 *
 * Rather than a dead end, the till asks what to do: a supervisor or the
 * owner can create the product with the code filled in (the product dialog
 * checks the check digit and every field), and anyone can sell it as an
 * open item (department, price, tax) so the queue keeps moving; the owner
 * finds open items listed later to complete them.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-barcode.h"
#include "pos-format.h"
#include "pos-open-item.h"
#include "pos-permission.h"
#include "pos-tax-rate.h"
#include "stock/pos-product-dialog.h"

typedef struct
{
  PosSalePage *self;
  char *code;
  GPtrArray *tax_codes; /* char *, per choice of the open-item form */
} Unknown;

static void
unknown_free (Unknown *unknown)
{
  g_object_unref (unknown->self);
  g_free (unknown->code);
  g_clear_pointer (&unknown->tax_codes, g_ptr_array_unref);
  g_free (unknown);
}

static void
on_product_created_cb (PosProductDialog *dialog, gint64 product_id, PosSalePage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->cart != NULL && !pos_cart_add_product (self->cart, product_id, POS_QTY_ONE, &error))
    pos_sale_page_refuse (self, error);
  pos_sale_page_focus_search (self);
}

static void
on_open_item_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  Unknown *unknown = user_data;
  PosSalePage *self = unknown->self;
  g_autoptr (GError) error = NULL;
  PosAmount price = 0;

  if (answers != NULL && self->cart != NULL
      && (!pos_amount_parse_local (answers[1], pos_context_get_currency (self->context), &price, &error)
          || !pos_cart_add_open_item (
              self->cart, unknown->code, answers[0], price,
              choice < unknown->tax_codes->len ? g_ptr_array_index (unknown->tax_codes, choice) : NULL,
              &error)))
    pos_sale_page_refuse (self, error);
  pos_sale_page_focus_search (self);
  unknown_free (unknown);
}

static void
ask_open_item (Unknown *unknown)
{
  const char *const fields[] = { _ ("Department"), _ ("Price"), NULL };
  g_autoptr (GPtrArray) rates
      = pos_tax_rate_list (pos_context_get_store (unknown->self->context), FALSE, NULL);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body
      = g_strdup_printf (_ ("Sell %s without a product: the owner completes it later."), unknown->code);

  unknown->tax_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; rates != NULL && i < rates->len; i++)
    {
      PosTaxRate *rate = g_ptr_array_index (rates, i);
      g_ptr_array_add (labels, g_strdup_printf (_ ("Tax %s — %s"), rate->code, rate->name));
      g_ptr_array_add (unknown->tax_codes, g_strdup (rate->code));
    }
  g_ptr_array_add (labels, NULL);
  pos_ask_form (GTK_WIDGET (unknown->self), _ ("Open item"), body, fields, (const char *const *)labels->pdata,
                0, on_open_item_answered_cb, unknown);
}

static void
on_unknown_responded_cb (AdwMessageDialog *dialog, const char *response, Unknown *unknown)
{
  PosSalePage *self = unknown->self;
  PosProductDialog *created;

  if (g_str_equal (response, "open"))
    {
      ask_open_item (unknown);
      return;
    }
  if (g_str_equal (response, "create"))
    {
      created = pos_product_dialog_present (GTK_WIDGET (self), self->context, 0, unknown->code);
      if (created != NULL)
        g_signal_connect_object (created, "saved", G_CALLBACK (on_product_created_cb), self, 0);
    }
  else
    pos_sale_page_focus_search (self);
  unknown_free (unknown);
}

/* Whether @code is a product code (a GTIN with a valid check digit) rather
 * than text: only those are offered; a typo in a check digit stays an error. */
static gboolean
is_product_code (const char *code)
{
  g_autoptr (PosBarcode) barcode = pos_barcode_parse (code, NULL, NULL);

  return barcode != NULL && barcode->kind != POS_BARCODE_PLAIN && barcode->kind != POS_BARCODE_VARIABLE
         && barcode->key[0] != '(';
}

gboolean
pos_sale_page_offer_unknown (PosSalePage *self, const char *code, const GError *error)
{
  const PosUser *user = pos_context_get_user (self->context);
  g_autofree char *body = NULL;
  Unknown *unknown;
  AdwMessageDialog *dialog;

  if (!g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND) || !is_product_code (code) || user == NULL)
    return FALSE;
  body = g_strdup_printf (_ ("No product has the code %s."), code);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _ ("Unknown code"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "open", _ ("Sell as _open item"), NULL);
  adw_message_dialog_set_default_response (dialog, "open");
  if (pos_role_may (user->role, POS_ACTION_EDIT_CATALOG))
    {
      adw_message_dialog_add_response (dialog, "create", _ ("C_reate product with this code"));
      adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "create");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  unknown = g_new0 (Unknown, 1);
  unknown->self = g_object_ref (self);
  unknown->code = g_strdup (code);
  g_signal_connect (dialog, "response", G_CALLBACK (on_unknown_responded_cb), unknown);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

/* --- Open-price keys ----------------------------------------------------- */

typedef struct
{
  PosSalePage *self;
  gint64 product_id;
  PosQty qty;
} PriceAsk;

static void
on_open_price_answered_cb (const char *text, gpointer user_data)
{
  PriceAsk *ask = user_data;
  PosSalePage *self = ask->self;
  g_autoptr (GError) error = NULL;
  PosAmount price;

  if (text != NULL && self->cart != NULL
      && (!pos_amount_parse_local (text, pos_context_get_currency (self->context), &price, &error)
          || !pos_cart_add_open_price (self->cart, ask->product_id, price, ask->qty, &error)))
    pos_sale_page_refuse (self, error);
  pos_sale_page_focus_search (self);
  g_object_unref (ask->self);
  g_free (ask);
}

gboolean
pos_sale_page_offer_open_price (PosSalePage *self, gint64 product_id, const char *code, const GError *error)
{
  PosStore *store = pos_context_get_store (self->context);
  g_autoptr (PosProduct) product = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *body = NULL;
  PriceAsk *ask;

  if (!g_error_matches (error, POS_ERROR, POS_ERROR_STATE) || self->cart == NULL)
    return FALSE;
  product = product_id ? pos_catalog_get (store, product_id, NULL) : pos_catalog_lookup (store, code, NULL);
  if (product == NULL || product->open_price_limit == 0 || !product->active)
    return FALSE;
  limit = pos_amount_format_plain (product->open_price_limit, pos_context_get_currency (self->context));
  body = g_strdup_printf (_ ("The price of %s, up to %s"), product->name, limit);
  ask = g_new0 (PriceAsk, 1);
  ask->self = g_object_ref (self);
  ask->product_id = product->id;
  ask->qty = pos_cart_get_multiplier (self->cart) ? pos_cart_get_multiplier (self->cart) : POS_QTY_ONE;
  pos_cart_set_multiplier (self->cart, 0);
  pos_ask_text (GTK_WIDGET (self), _ ("Price"), body, NULL, on_open_price_answered_cb, ask);
  return TRUE;
}
