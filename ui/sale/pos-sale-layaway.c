/* pos-sale-layaway.c — layaways from the sale page (app/layaway/).
 *
 * Shift+F9 turns the basket into a layaway for a named customer against a
 * deposit; Shift+F12 lists the open layaways and takes a payment towards
 * one (in cash, by card, with a gift card or with points, the sale's
 * payment choices), or hands it over once it is paid (a sale of its own,
 * its receipt printed) or cancels it with a supervisor (what is given
 * back). A deposit, a payment and a cancellation each print their slip
 * once they are saved.
 */
#include "pos-sale-page-private.h"

#include <glib/gi18n-lib.h>

#include "pos-ask.h"
#include "pos-format.h"
#include "pos-layaway.h"
#include "pos-loyalty.h"
#include "pos-receipt-printer.h"
#include "pos-till-printer.h"

static void print_slip (PosSalePage *self, const char *number);

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
      if (l->paid > 0)
        print_slip (self, l->number);
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

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PosSalePage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_finish (POS_CONTEXT (source), result, &error))
    pos_sale_page_refuse (self, error);
}

/* A slip on its way to the printer: for the page, and to print it again. */
typedef struct
{
  PosSalePage *page;
  char *number;
} Slip;

static void
slip_free (Slip *slip)
{
  g_object_unref (slip->page);
  g_free (slip->number);
  g_free (slip);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Slip, slip_free)

/* A slip that did not print: the money was taken and is kept (it was
 * committed before printing), and the toast's button prints it again. */
static void
slip_not_printed (PosSalePage *self, const char *number, const GError *error)
{
  g_autofree char *why = pos_receipt_printer_sentence (error->message);
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* TRANSLATORS: layaway number, then why the printer failed (a sentence) */
  text = g_strdup_printf (_ ("Slip of layaway %s not printed: %s The money is kept."), number, why);
  toast = pos_receipt_printer_slip_failure_toast (text, TRUE);
  adw_toast_set_action_name (toast, "sale.layaway-slip");
  adw_toast_set_action_target_value (toast, g_variant_new_string (number));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_slip_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Slip) slip = user_data;
  g_autoptr (GError) error = NULL;

  if (!pos_till_printer_print_document_finish (POS_CONTEXT (source), result, &error))
    slip_not_printed (slip->page, slip->number, error);
}

/* The slip of what was just done to layaway @number (a deposit, a part
 * payment or a cancellation), when the till prints, through the till's
 * printer as a sale's receipt goes. */
static void
print_slip (PosSalePage *self, const char *number)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  Slip *slip;

  if (!pos_till_printer_check (self->context, NULL))
    return;
  if ((receipt = pos_layaway_receipt_build (pos_context_get_store (self->context), number, &error)) == NULL)
    {
      slip_not_printed (self, number, error);
      return;
    }
  slip = g_new0 (Slip, 1);
  slip->page = g_object_ref (self);
  slip->number = g_strdup (number);
  pos_till_printer_print_document_async (self->context, receipt, NULL, on_slip_printed_cb, slip);
}

/* The toast's "Print again". */
static void
print_slip_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  print_slip (POS_SALE_PAGE (widget), g_variant_get_string (param, NULL));
}

/* One layaway picked from the list, and what was typed for it. */
typedef struct
{
  PosSalePage *page;
  PosLayaway *layaway;
  PosAmount amount;
} Picked;

static void
picked_free (Picked *picked)
{
  g_object_unref (picked->page);
  pos_layaway_free (picked->layaway);
  g_free (picked);
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

/* The payment choices of the sale's payment page, in this order. */
enum
{
  PAY_CASH,
  PAY_CARD,
  PAY_GIFT_CARD,
  PAY_POINTS,
};

/* @amount in points, at the shop's worth of a point: FALSE when it is not
 * a whole number of them. */
static gboolean
points_for (PosStore *store, PosAmount amount, gint64 *points, GError **error)
{
  PosAmount one = pos_loyalty_points_value (store, 1);

  if (one > 0 && amount % one == 0)
    return *points = amount / one, TRUE;
  return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                              _ ("Points pay whole points only: change the amount")),
         FALSE;
}

/* The tender of the payment choice @choice, for the amount picked. */
static gboolean
tender_of (Picked *picked, guint choice, const char *reference, PosTender *t, GError **error)
{
  PosStore *store = pos_context_get_store (picked->page->context);

  t->amount = picked->amount;
  switch (choice)
    {
      case PAY_CARD:
        t->method = POS_TENDER_CARD;
        t->reference = g_strdup (reference);
        return TRUE;
      case PAY_GIFT_CARD:
        t->method = POS_TENDER_VOUCHER;
        t->reference = g_ascii_strup (g_strstrip (g_strdup (reference)), -1);
        return TRUE;
      case PAY_POINTS:
        t->method = POS_TENDER_POINTS;
        return points_for (store, picked->amount, &t->points, error);
      default:
        t->method = POS_TENDER_CASH;
        return TRUE;
    }
}

static void
on_tender_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  Picked *picked = user_data;
  PosSalePage *self = picked->page;
  PosStore *store = pos_context_get_store (self->context);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosLayaway) after = NULL;
  g_autofree char *due = NULL, *text = NULL;
  PosTender t = { 0 };

  pos_sale_page_focus_search (self);
  if (answers != NULL
      && (!tender_of (picked, choice, answers[0], &t, &error)
          || !pos_layaway_pay_tender (store, pos_context_get_user (self->context), picked->layaway->number,
                                      &t, &error)
          || (after = pos_layaway_get (store, picked->layaway->number, &error)) == NULL))
    pos_sale_page_refuse (self, error);
  else if (answers != NULL)
    {
      due = pos_context_format_amount (self->context, pos_layaway_due (after));
      text
          = g_strdup_printf (_ ("Layaway %s for %s: %s still due"), after->number, after->customer_name, due);
      pos_sale_page_toast (self, text);
      print_slip (self, after->number);
    }
  pos_tender_clear (&t);
  picked_free (picked);
}

/* A payment towards the layaway picked: how is it paid? */
static void
ask_tender (Picked *picked)
{
  PosSalePage *self = picked->page;
  g_autofree char *amount = pos_context_format_amount (self->context, picked->amount);
  /* TRANSLATORS: amount, layaway number, customer */
  g_autofree char *body = g_strdup_printf (_ ("%s towards layaway %s for %s"), amount,
                                           picked->layaway->number, picked->layaway->customer_name);
  const char *fields[] = { _ ("Card reference or gift card code"), NULL };
  const char *choices[] = { C_ ("tender", "Cash"), C_ ("tender", "Card"), C_ ("tender", "Gift card"),
                            C_ ("tender", "Points"), NULL };

  pos_ask_form (GTK_WIDGET (self), _ ("How is it paid?"), body, fields, choices, PAY_CASH,
                on_tender_answered_cb, picked);
}

/* What is given back when a layaway is cancelled, and how. */
typedef struct
{
  char *number;
  PosAmount give_back;
  char *reference; /* nullable: cash */
} Cancelling;

static void
cancelling_free (Cancelling *c)
{
  g_free (c->number);
  g_free (c->reference);
  g_free (c);
}

/* A supervisor's decision: with @approver once the till asked for one. */
static gboolean
cancel_attempt (PosSalePage *self, const PosUser *approver, gpointer data, GError **error)
{
  Cancelling *c = data;
  g_autofree char *back = NULL, *text = NULL;

  if (!pos_layaway_cancel (pos_context_get_store (self->context), pos_context_get_user (self->context),
                           approver, c->number, c->give_back, method_of (c->reference), c->reference, error))
    return FALSE;
  back = pos_context_format_amount (self->context, c->give_back);
  /* TRANSLATORS: layaway number, amount given back */
  text = g_strdup_printf (_ ("Layaway %s cancelled: %s given back"), c->number, back);
  pos_sale_page_toast (self, text);
  print_slip (self, c->number);
  return TRUE;
}

enum
{
  CLOSE_COLLECT,
  CLOSE_CANCEL,
};

static void
on_close_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  Picked *picked = user_data;
  PosSalePage *self = picked->page;
  g_autoptr (GError) error = NULL;
  Cancelling *c;

  pos_sale_page_focus_search (self);
  if (answers != NULL && choice == CLOSE_COLLECT)
    collect (self, picked->layaway);
  else if (answers != NULL && (answers[0] == NULL || *answers[0] == '\0'))
    pos_sale_page_toast (self, _ ("Type what is given back: 0 when the shop keeps all that was paid"));
  else if (answers != NULL)
    {
      c = g_new0 (Cancelling, 1);
      c->number = g_strdup (picked->layaway->number);
      c->reference = answers[1] != NULL && *answers[1] != '\0' ? g_strdup (answers[1]) : NULL;
      if (pos_amount_parse_local (answers[0], pos_context_get_currency (self->context), &c->give_back,
                                  &error))
        pos_sale_page_run_with_approval (self, cancel_attempt, c, (GDestroyNotify)cancelling_free);
      else
        {
          pos_sale_page_refuse (self, error);
          cancelling_free (c);
        }
    }
  picked_free (picked);
}

/* No amount typed: the goods are handed over, or the layaway is cancelled
 * (a supervisor's decision) and part or all of what was paid given back. */
static void
ask_close (Picked *picked)
{
  PosSalePage *self = picked->page;
  g_autofree char *paid = pos_context_format_amount (self->context, picked->layaway->paid);
  /* TRANSLATORS: layaway number, customer, amount paid so far */
  g_autofree char *body = g_strdup_printf (_ ("Layaway %s for %s, %s paid: hand the goods over or cancel it"),
                                           picked->layaway->number, picked->layaway->customer_name, paid);
  const char *fields[] = { _ ("Given back when cancelling"), _ ("Card reference (empty: cash)"), NULL };
  const char *choices[] = { _ ("Hand the goods over"), _ ("Cancel the layaway"), NULL };

  pos_ask_form (GTK_WIDGET (self), picked->layaway->number, body, fields, choices, CLOSE_COLLECT,
                on_close_answered_cb, picked);
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
on_layaways_answered_cb (const char *const *answers, guint choice, gpointer user_data)
{
  LayawaysAsk *ask = user_data;
  g_autoptr (GError) error = NULL;
  Picked *picked;

  pos_sale_page_focus_search (ask->page);
  if (answers != NULL && choice < ask->open->len)
    {
      picked = g_new0 (Picked, 1);
      picked->page = g_object_ref (ask->page);
      picked->layaway = g_ptr_array_steal_index (ask->open, choice);
      if (answers[0] == NULL || *answers[0] == '\0')
        ask_close (picked);
      else if (pos_amount_parse_local (answers[0], pos_context_get_currency (ask->page->context),
                                       &picked->amount, &error))
        ask_tender (picked);
      else
        {
          pos_sale_page_refuse (ask->page, error);
          picked_free (picked);
        }
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

/* Shift+F12: the open layaways; a payment towards one (then how it is
 * paid: cash, card, gift card or points), or handing it over or
 * cancelling it. */
static void
layaways_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  PosSalePage *self = POS_SALE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open
      = pos_layaway_list (pos_context_get_store (self->context), POS_LAYAWAY_OPEN, &error);
  g_autoptr (GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  const char *fields[] = { _ ("Amount paid (empty: hand over or cancel)"), NULL };
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
  pos_ask_form (widget, _ ("Layaways"),
                _ ("A payment towards the layaway picked below, or leave the amount empty to hand the goods "
                   "over or cancel it"),
                fields, (const char *const *)choices->pdata, 0, on_layaways_answered_cb, ask);
}

void
pos_sale_layaway_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sale.layaway", NULL, lay_away_action);
  gtk_widget_class_install_action (widget_class, "sale.layaways", NULL, layaways_action);
  gtk_widget_class_install_action (widget_class, "sale.layaway-slip", "s", print_slip_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "sale.layaway", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, GDK_SHIFT_MASK, "sale.layaways", NULL);
}
