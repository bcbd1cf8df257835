/* pos-sale-vouchers.c — selling a gift card, entering a coupon, and the
 * promotions the sale gets, on the sale page.
 *
 * A gift card or voucher sold is a line of its own (app/voucher/); it is
 * issued when the sale is paid and its code printed on the receipt. The
 * promotions line under the cart follows the cart as it changes.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-format.h"
#include "pos-tax-rate.h"
#include "pos-voucher.h"

typedef struct
{
  PosSalePage *page;
  GPtrArray *rates; /* PosTaxRate: the single-purpose choices, in choice order after the first */
} GiftCardAsk;

static void
gift_card_ask_free (GiftCardAsk *ask)
{
  g_object_unref (ask->page);
  g_ptr_array_unref (ask->rates);
  g_free (ask);
}

static void
on_gift_card_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  GiftCardAsk *ask = user_data;
  PosSalePage *self = ask->page;
  PosVoucherSale sale = { .kind = POS_VOUCHER_MPV };
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;

  if (answers != NULL && self->cart != NULL)
    {
      if (choice > 0 && choice <= ask->rates->len)
        {
          sale.kind = POS_VOUCHER_SPV;
          sale.tax_code = ((PosTaxRate *)g_ptr_array_index (ask->rates, choice - 1))->code;
        }
      if (!pos_amount_parse_local (answers[0], pos_context_get_currency (self->context), &sale.amount, &error)
          || !pos_voucher_add_to_cart (self->cart, &sale, &code, &error))
        pos_sale_page_refuse (self, error);
      else
        {
          text = g_strdup_printf (_ ("Gift card %s: issued when the sale is paid"), code);
          pos_sale_page_toast (self, text);
        }
    }
  gift_card_ask_free (ask);
}

/* Shift+F8: sells a gift card (multi-purpose: VAT when spent) or a
 * single-purpose voucher for goods of one tax rate (VAT now). */
static void
gift_card_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  g_autoptr (GPtrArray) rates = pos_tax_rate_list (pos_context_get_store (self->context), FALSE, NULL);
  g_autoptr (GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  const char *fields[] = { _ ("Amount"), NULL };
  GiftCardAsk *ask = g_new0 (GiftCardAsk, 1);

  ask->page = g_object_ref (self);
  ask->rates = rates != NULL ? g_ptr_array_ref (rates) : g_ptr_array_new ();
  g_ptr_array_add (choices, g_strdup (_ ("Gift card (multi-purpose, VAT when spent)")));
  for (guint i = 0; i < ask->rates->len; i++)
    {
      const PosTaxRate *rate = g_ptr_array_index (ask->rates, i);
      g_ptr_array_add (
          choices, g_strdup_printf (_ ("Single-purpose voucher, VAT %s (%s) now"), rate->name, rate->code));
    }
  g_ptr_array_add (choices, NULL);
  pos_ask_form (widget, _ ("Sell a gift card"), _ ("Its value, and what kind of voucher it is"), fields,
                (const char *const *)choices->pdata, 0, on_gift_card_answered_cb, ask);
}

static void
on_coupon_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (text == NULL || *text == '\0' || self->cart == NULL)
    return;
  if (!pos_cart_add_coupon (self->cart, text, &error))
    pos_sale_page_refuse (self, error);
}

/* Shift+F7: the customer hands over a coupon. */
static void
coupon_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  pos_ask_text (widget, _ ("Coupon"), _ ("The code on the customer's coupon"), NULL, on_coupon_answered_cb,
                g_object_ref (widget));
}

char *
pos_sale_page_promotions_text (PosSalePage *self)
{
  guint n = pos_cart_get_n_promotions (self->cart);
  g_autoptr (GString) text = NULL;
  PosAmount total = 0;
  g_autofree char *saved = NULL;

  if (n == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      PosAmount saving = 0;
      const char *name = pos_cart_get_promotion (self->cart, i, &saving);
      g_autofree char *amount = pos_context_format_amount (self->context, saving);

      /* "3 for 2 −€3.49" */
      g_string_append_printf (text, _ ("%s −%s"), name, amount);
      g_string_append (text, i + 1 < n ? " · " : "\n");
      total += saving;
    }
  saved = pos_context_format_amount (self->context, total);
  g_string_append_printf (text, _ ("You save %s"), saved);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
pos_sale_vouchers_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sale.gift-card", NULL, gift_card_action);
  gtk_widget_class_install_action (widget_class, "sale.coupon", NULL, coupon_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK, "sale.gift-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, GDK_SHIFT_MASK, "sale.coupon", NULL);
}
