/* pos-sale-customer.c — attaching a loyalty customer (F7): by card, or
 * found by the start of their name or phone number. Several matches are
 * listed to pick one by its number.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-customer.h"

#define N_CHOICES 9

static void
on_choice_answered_cb (const char *text, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  GArray *ids = g_object_get_data (G_OBJECT (self), "pos-customer-choices");
  g_autoptr (GError) error = NULL;
  guint64 choice = 0;

  pos_sale_page_focus_search (self);
  if (text == NULL || ids == NULL)
    return;
  if (!g_ascii_string_to_unsigned (text, 10, 1, ids->len, &choice, NULL))
    g_set_error (&error, POS_ERROR, POS_ERROR_INVALID, _ ("Type the number of the customer, 1 to %u"),
                 ids->len);
  else
    pos_cart_set_customer_id (self->cart, g_array_index (ids, gint64, choice - 1), &error);
  if (error != NULL)
    pos_sale_page_refuse (self, error);
}

/* "1: Jane Smith, +4420…" for each match. */
static char *
choices_text (PosStore *store, GArray *ids)
{
  g_autoptr (GString) body = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (PosCustomer) c = pos_customer_get (store, g_array_index (ids, gint64, i), NULL);
      if (c != NULL)
        g_string_append_printf (body, "%u: %s%s%s\n", i + 1, c->name ? c->name : _ ("(no name)"),
                                c->phone ? ", " : "", c->phone ? c->phone : "");
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Finds customers whose name or phone starts with @text. */
static void
find_customer (PosSalePage *self, const char *text)
{
  PosStore *store = pos_context_get_store (self->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = pos_customer_search (store, text, N_CHOICES, &error);
  g_autofree char *body = NULL;

  if (ids != NULL && ids->len == 0)
    g_set_error (&error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No customer with card, name or phone “%s”"),
                 text);
  if (ids == NULL || ids->len == 0)
    {
      pos_sale_page_refuse (self, error);
      return;
    }
  if (ids->len == 1)
    {
      if (!pos_cart_set_customer_id (self->cart, g_array_index (ids, gint64, 0), &error))
        pos_sale_page_refuse (self, error);
      return;
    }
  body = choices_text (store, ids);
  g_object_set_data_full (G_OBJECT (self), "pos-customer-choices", g_steal_pointer (&ids),
                          (GDestroyNotify)g_array_unref);
  pos_ask_text (GTK_WIDGET (self), _ ("Which customer?"), body, "1", on_choice_answered_cb,
                g_object_ref (self));
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
    {
      if (g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND)
          || g_error_matches (error, POS_ERROR, POS_ERROR_INVALID))
        find_customer (self, text);
      else
        pos_sale_page_refuse (self, error);
    }
}

void
pos_sale_page_ask_customer (PosSalePage *self)
{
  pos_ask_text (GTK_WIDGET (self), _ ("Customer"),
                _ ("Scan the loyalty card, or type a name or phone number (empty: none)"), NULL,
                on_customer_answered_cb, g_object_ref (self));
}
