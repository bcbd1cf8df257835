/* pos-payment.c — a cart's payment as a model (see pos-payment.h). */
#include "pos-payment.h"

#include <glib/gi18n-lib.h>

#include "pos-loyalty.h"
#include "pos-shop.h"

struct _PosPayment
{
  GObject parent_instance;

  PosStore *store; /* not owned: the context keeps it open */
  PosCart *cart;
  const PosCurrency *currency;
  PosAmount cash_step;
  PosAmount total;
  GArray *tenders; /* PosTender */

  /* Worked out from the tenders by update (). */
  PosAmount tendered;
  PosAmount remaining;
  PosAmount remaining_cash;
  PosAmount change;
  gboolean covered;
  gboolean needs_confirmation;
};

G_DEFINE_FINAL_TYPE (PosPayment, pos_payment, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TOTAL,
  PROP_TENDERED,
  PROP_REMAINING,
  PROP_REMAINING_CASH,
  PROP_CHANGE,
  PROP_COVERED,
  PROP_NEEDS_CONFIRMATION,
  PROP_HAS_CUSTOMER,
  PROP_N_TENDERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The cash part of the total and the cash handed over, as checkout will
 * settle them: cash rounding applies only when cash is part of it. */
static void
split (PosPayment *self, PosAmount *cash, PosAmount *non_cash)
{
  *cash = *non_cash = 0;
  for (guint i = 0; i < self->tenders->len; i++)
    {
      const PosTender *t = &g_array_index (self->tenders, PosTender, i);
      *(t->method == POS_TENDER_CASH ? cash : non_cash) += t->amount;
    }
}

static void
set_amount (PosPayment *self, PosAmount *field, PosAmount value, guint prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (PosPayment *self, gboolean *field, gboolean value, guint prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Every figure follows from the tenders; notifies only what changed.
 * Amounts are bounded per tender (pos_tender_check_amount) so the sums
 * cannot overflow. */
static void
update (PosPayment *self)
{
  PosAmount cash, non_cash, cash_due;
  gboolean covered;

  g_object_freeze_notify (G_OBJECT (self));
  split (self, &cash, &non_cash);
  cash_due = pos_checkout_cash_due (self->total - non_cash, self->cash_step);
  covered = cash > 0 ? cash >= cash_due : non_cash >= self->total;
  set_flag (self, &self->covered, covered, PROP_COVERED);
  set_amount (self, &self->tendered, cash + non_cash, PROP_TENDERED);
  set_amount (self, &self->remaining, covered ? 0 : self->total - non_cash - cash, PROP_REMAINING);
  set_amount (self, &self->remaining_cash, covered ? 0 : MAX (cash_due - cash, 0), PROP_REMAINING_CASH);
  set_amount (self, &self->change, self->covered && cash > 0 ? cash - cash_due : 0, PROP_CHANGE);
  set_flag (self, &self->needs_confirmation,
            self->covered && cash > 0 && !pos_checkout_cash_is_plausible (cash_due, cash, self->currency),
            PROP_NEEDS_CONFIRMATION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TENDERS]);
  g_object_thaw_notify (G_OBJECT (self));
}

PosPayment *
pos_payment_new (PosStore *store, PosCart *cart)
{
  g_auto (PosShopRules) rules = { 0 };
  PosPayment *self;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (POS_IS_CART (cart), NULL);

  pos_shop_rules_load (store, &rules);
  self = g_object_new (POS_TYPE_PAYMENT, NULL);
  self->store = store;
  self->cart = g_object_ref (cart);
  self->currency = rules.currency;
  self->cash_step = rules.cash_step;
  self->total = pos_cart_get_total (cart);
  update (self);
  return self;
}

PosCart *
pos_payment_get_cart (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), NULL);
  return self->cart;
}

const PosCurrency *
pos_payment_get_currency (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), NULL);
  return self->currency;
}

PosAmount
pos_payment_get_total (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), 0);
  return self->total;
}

PosAmount
pos_payment_get_tendered (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), 0);
  return self->tendered;
}

PosAmount
pos_payment_get_remaining (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), 0);
  return self->remaining;
}

PosAmount
pos_payment_get_remaining_cash (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), 0);
  return self->remaining_cash;
}

PosAmount
pos_payment_get_change (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), 0);
  return self->change;
}

gboolean
pos_payment_get_covered (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), FALSE);
  return self->covered;
}

gboolean
pos_payment_get_needs_confirmation (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), FALSE);
  return self->needs_confirmation;
}

gboolean
pos_payment_get_has_customer (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), FALSE);
  return pos_cart_get_customer_id (self->cart) != 0;
}

guint
pos_payment_get_n_tenders (PosPayment *self)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), 0);
  return self->tenders->len;
}

const PosTender *
pos_payment_get_tender (PosPayment *self, guint i)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), NULL);
  g_return_val_if_fail (i < self->tenders->len, NULL);
  return &g_array_index (self->tenders, PosTender, i);
}

/* The checks checkout makes of a single tender, made as it is handed over
 * so the cashier hears of a slip at once. */
static gboolean
check_tender (PosPayment *self, PosTender *t, GError **error)
{
  if (self->covered)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The sale is paid already")), FALSE;
  if (t->method == POS_TENDER_POINTS)
    {
      if (!pos_payment_get_has_customer (self))
        return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                            _ ("Attach the customer's card first (F7 on the sale screen)")),
               FALSE;
      if (t->points <= 0 || t->points > G_MAXINT32)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Type a number of points")), FALSE;
      t->amount = pos_loyalty_points_value (self->store, t->points);
    }
  if (t->amount <= 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")), FALSE;
  if (t->method == POS_TENDER_CARD && !pos_card_reference_check (t->reference, error))
    return FALSE;
  return pos_tender_check_amount (t->amount, self->currency, error);
}

gboolean
pos_payment_add_tender (PosPayment *self, const PosTender *tender, GError **error)
{
  PosTender copy;

  g_return_val_if_fail (POS_IS_PAYMENT (self), FALSE);
  g_return_val_if_fail (tender != NULL, FALSE);

  copy = *tender;
  if (!check_tender (self, &copy, error))
    return FALSE;
  copy.reference = g_strdup (tender->reference);
  g_array_append_val (self->tenders, copy);
  update (self);
  return TRUE;
}

void
pos_payment_remove_last (PosPayment *self)
{
  g_return_if_fail (POS_IS_PAYMENT (self));

  if (self->tenders->len == 0)
    return;
  pos_tender_clear (&g_array_index (self->tenders, PosTender, self->tenders->len - 1));
  g_array_set_size (self->tenders, self->tenders->len - 1);
  update (self);
}

char *
pos_payment_dup_confirmation (PosPayment *self)
{
  PosAmount cash, non_cash;
  g_autofree char *taken = NULL;
  g_autofree char *change = NULL;

  g_return_val_if_fail (POS_IS_PAYMENT (self), NULL);

  split (self, &cash, &non_cash);
  taken = pos_amount_format (cash, self->currency);
  change = pos_amount_format (self->change, self->currency);
  return g_strdup_printf (_ ("Take %s in cash and give %s change?"), taken, change);
}

PosSaleResult *
pos_payment_commit (PosPayment *self, const PosUser *cashier, gboolean confirmed, GError **error)
{
  g_return_val_if_fail (POS_IS_PAYMENT (self), NULL);

  return pos_checkout_commit_full (self->store, self->cart, cashier,
                                   (const PosTender *)(gpointer)self->tenders->data, self->tenders->len,
                                   confirmed ? POS_CHECKOUT_CASH_CONFIRMED : POS_CHECKOUT_DEFAULT, error);
}

static void
pos_payment_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosPayment *self = POS_PAYMENT (object);

  switch (prop_id)
    {
      case PROP_TOTAL:
        g_value_set_int64 (value, self->total);
        break;
      case PROP_TENDERED:
        g_value_set_int64 (value, self->tendered);
        break;
      case PROP_REMAINING:
        g_value_set_int64 (value, self->remaining);
        break;
      case PROP_REMAINING_CASH:
        g_value_set_int64 (value, self->remaining_cash);
        break;
      case PROP_CHANGE:
        g_value_set_int64 (value, self->change);
        break;
      case PROP_COVERED:
        g_value_set_boolean (value, self->covered);
        break;
      case PROP_NEEDS_CONFIRMATION:
        g_value_set_boolean (value, self->needs_confirmation);
        break;
      case PROP_HAS_CUSTOMER:
        g_value_set_boolean (value, pos_payment_get_has_customer (self));
        break;
      case PROP_N_TENDERS:
        g_value_set_uint (value, self->tenders->len);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pos_payment_finalize (GObject *object)
{
  PosPayment *self = POS_PAYMENT (object);

  for (guint i = 0; i < self->tenders->len; i++)
    pos_tender_clear (&g_array_index (self->tenders, PosTender, i));
  g_array_unref (self->tenders);
  g_clear_object (&self->cart);
  G_OBJECT_CLASS (pos_payment_parent_class)->finalize (object);
}

static GParamSpec *
amount_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
flag_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
pos_payment_class_init (PosPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pos_payment_get_property;
  object_class->finalize = pos_payment_finalize;

  properties[PROP_TOTAL] = amount_property ("total");
  properties[PROP_TENDERED] = amount_property ("tendered");
  properties[PROP_REMAINING] = amount_property ("remaining");
  properties[PROP_REMAINING_CASH] = amount_property ("remaining-cash");
  properties[PROP_CHANGE] = amount_property ("change");
  properties[PROP_COVERED] = flag_property ("covered");
  properties[PROP_NEEDS_CONFIRMATION] = flag_property ("needs-confirmation");
  properties[PROP_HAS_CUSTOMER] = flag_property ("has-customer");
  properties[PROP_N_TENDERS]
      = g_param_spec_uint ("n-tenders", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pos_payment_init (PosPayment *self)
{
  self->tenders = g_array_new (FALSE, TRUE, sizeof (PosTender));
}
