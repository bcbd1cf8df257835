/* pos-sale-layaway.c — layaways from the sale page (app/layaway/).
 *
 * Shift+F9 turns the basket into a layaway for a named customer against a
 * deposit; Shift+F12 lists the open layaways, takes a payment towards one
 * or, once it is paid, collects it as a sale and prints its receipt.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-format.h"
#include "pos-layaway.h"
#include "pos-till-printer.h"

/* Cash, or card when the terminal's reference was typed. */
static PosTenderMethod
method_of (const char *reference)
{
  return reference != NULL && *reference != '\0' ? POS_TENDER_CARD : POS_TENDER_CASH;
}

static void
on_lay_away_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) l = NULL;
  PosLayawayOpening o = { 0 };

  pos_sale_page_focus_search (self);
  if (answers == NULL || self->cart == NULL)
    return;
  o.customer_name = answers[0];
  o.method = method_of (answers[2]);
  o.reference = answers[2];
  if (!pos_amount_parse_local (answers[1], pos_context_get_currency (self->context), &o.deposit, &error)
      || (l = pos_layaway_open (pos_context_get_store (self->context), self->cart,
                                pos_context_get_user (self->context), &o, &error))
             == NULL)
    pos_sale_page_refuse (self, error);
  else
    {
      g_autofree char *due = pos_context_format_amount (self->context, pos_layaway_due (l));
      /* TRANSLATORS: layaway number, customer, amount still to pay */
      g_autofree char *text
          = g_strdup_printf (_ ("Layaway %s for %s: %s still due"), l->number, l->customer_name, due);
      pos_sale_page_toast (self, text);
    }
}

/* Shift+F9: the basket is held for the customer against a deposit. */
static void
lay_away_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  PosAmount min
      = pos_layaway_min_deposit (pos_context_get_store (self->context), pos_cart_get_total (self->cart));
  g_autofree char *min_text = pos_context_format_amount (self->context, min);
  g_autofree char *body
      = g_strdup_printf (_ ("The goods are held for the customer. Deposit at least %s."), min_text);
  const char *fields[] = { _ ("Customer's name"), _ ("Deposit"), _ ("Card reference (empty: cash)"), NULL };

  pos_ask_form (widget, _ ("Lay away"), body, fields, NULL, 0, on_lay_away_answered_cb, g_object_ref (self));
}

typedef struct
{
  PosSalePage *page;
  GPtrArray *open; /* PosLayaway, in choice order */
} LayawaysAsk;

static void
layaways_ask_free (LayawaysAsk *ask)
{
  g_object_unref (ask->page);
  g_ptr_array_unref (ask->open);
  g_free (ask);
}

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_finish (POS_CONTEXT (source), result, &error))
    pos_sale_page_refuse (self, error);
}

static void
collect (PosSalePage *self, const PosLayaway *l)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) sale = pos_layaway_collect (
      pos_context_get_store (self->context), pos_context_get_user (self->context), l->number, &error);
  g_autofree char *text = NULL;

  if (sale == NULL)
    {
      pos_sale_page_refuse (self, error);
      return;
    }
  /* TRANSLATORS: layaway number, receipt number */
  text = g_strdup_printf (_ ("Layaway %s collected: receipt %s"), l->number, sale->receipt_no);
  pos_sale_page_toast (self, text);
  if (pos_till_printer_check (self->context, NULL))
    pos_till_printer_print_async (self->context, sale->receipt_no, FALSE, FALSE, NULL, on_printed_cb,
                                  g_object_ref (self));
}

static void
pay (PosSalePage *self, const PosLayaway *l, const char *amount_text, const char *reference)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) after = NULL;
  PosStore *store = pos_context_get_store (self->context);
  g_autofree char *due = NULL, *text = NULL;
  PosAmount amount = 0;

  if (!pos_amount_parse_local (amount_text, pos_context_get_currency (self->context), &amount, &error)
      || !pos_layaway_pay (store, pos_context_get_user (self->context), l->number, method_of (reference),
                           amount, reference, &error)
      || (after = pos_layaway_get (store, l->number, &error)) == NULL)
    {
      pos_sale_page_refuse (self, error);
      return;
    }
  due = pos_context_format_amount (self->context, pos_layaway_due (after));
  text = g_strdup_printf (_ ("Layaway %s for %s: %s still due"), after->number, after->customer_name, due);
  pos_sale_page_toast (self, text);
}

static void
on_layaways_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  LayawaysAsk *ask = user_data;

  pos_sale_page_focus_search (ask->page);
  if (answers != NULL && choice < ask->open->len)
    {
      const PosLayaway *l = g_ptr_array_index (ask->open, choice);

      if (answers[0] == NULL || *answers[0] == '\0')
        collect (ask->page, l);
      else
        pay (ask->page, l, answers[0], answers[1]);
    }
  layaways_ask_free (ask);
}

/* "T1-L3 Ada Lovelace: 7.48 due, until 2026-12-31" */
static char *
layaway_choice (PosSalePage *self, const PosLayaway *l)
{
  g_autofree char *due = pos_context_format_amount (self->context, pos_layaway_due (l));

  /* TRANSLATORS: a layaway in a list: its number, customer, amount still due and expiry day */
  return g_strdup_printf (_ ("%s %s: %s due, until %s"), l->number, l->customer_name, due, l->expires_on);
}

/* Shift+F12: the open layaways; a payment towards one, or collecting it. */
static void
layaways_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open
      = pos_layaway_list (pos_context_get_store (self->context), POS_LAYAWAY_OPEN, &error);
  g_autoptr (GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  const char *fields[] = { _ ("Amount paid (empty: collect)"), _ ("Card reference (empty: cash)"), NULL };
  LayawaysAsk *ask;

  if (open == NULL || open->len == 0)
    {
      if (open == NULL)
        pos_sale_page_refuse (self, error);
      else
        pos_sale_page_toast (self, _ ("No layaway is open"));
      return;
    }
  for (guint i = 0; i < open->len; i++)
    g_ptr_array_add (choices, layaway_choice (self, g_ptr_array_index (open, i)));
  g_ptr_array_add (choices, NULL);
  ask = g_new0 (LayawaysAsk, 1);
  ask->page = g_object_ref (self);
  ask->open = g_steal_pointer (&open);
  pos_ask_form (
      widget, _ ("Layaways"),
      _ ("A payment towards the layaway picked below, or leave the amount empty to hand over the goods "
         "once it is paid"),
      fields, (const char *const *)choices->pdata, 0, on_layaways_answered_cb, ask);
}

void
pos_sale_layaway_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sale.layaway", NULL, lay_away_action);
  gtk_widget_class_install_action (widget_class, "sale.layaways", NULL, layaways_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "sale.layaway", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, GDK_SHIFT_MASK, "sale.layaways", NULL);
}
