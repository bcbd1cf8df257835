/* pos-checkout.h — paying for a cart and recording the sale.
 *
 * pos_checkout_commit() is the one business action of a sale: header,
 * lines, tax summary, payments, stock moves, loyalty entries, audit rows
 * and the journal event are written in ONE transaction, or nothing is.
 */
#pragma once

#include "pos-cart.h"
#include "pos-sale-record.h"

G_BEGIN_DECLS

typedef enum
{
  POS_TENDER_CASH,
  POS_TENDER_CARD,    /* taken by an external terminal: amount and its reference only */
  POS_TENDER_POINTS,  /* loyalty points, worth loyalty_point_value each */
  POS_TENDER_VOUCHER, /* a gift card, voucher or store credit: its code as reference */
  POS_TENDER_ACCOUNT, /* on the attached customer's account, settled later */
  POS_TENDER_LAYAWAY, /* what was paid towards a layaway: its number as reference */
} PosTenderMethod;

typedef struct
{
  PosTenderMethod method;
  PosAmount amount; /* cash handed over, card amount; for points: worked out from @points */
  char *reference;  /* card terminal reference; a voucher's code; a layaway's number */
  gint64 points;    /* points redeemed */
} PosTender;

typedef struct
{
  gint64 sale_id;
  char *receipt_no;
  PosAmount total;    /* before cash rounding */
  PosAmount rounding; /* cash rounding applied */
  PosAmount due;      /* total + rounding */
  PosAmount tax_total;
  PosAmount tendered;
  PosAmount change;
  gint64 points_earned;
  gint64 points_balance; /* after this sale, when a customer is attached */
} PosSaleResult;

/* How a checkout goes ahead despite a check that a person may overrule. */
typedef enum
{
  POS_CHECKOUT_DEFAULT = 0,
  /* The cashier confirmed taking an unusually large amount of cash (see
   * pos_checkout_cash_is_plausible()). */
  POS_CHECKOUT_CASH_CONFIRMED = 1 << 0,
} PosCheckoutFlags;

/* No single tender (or refund) is more than this many major units of the
 * currency, so no sum of typed amounts can leave the int64 range. */
#define POS_TENDER_MAX_MAJOR 1000000

const char *pos_tender_method_to_string (PosTenderMethod method);

/* The largest amount one tender may be in @currency, in minor units. */
PosAmount pos_tender_max (const PosCurrency *currency);

/* POS_ERROR_INVALID when @amount is above pos_tender_max(). */
gboolean pos_tender_check_amount (PosAmount amount, const PosCurrency *currency, GError **error);

/* What the rest of a sale, @remaining, comes to when paid in cash: rounded
 * to the shop's @cash_step (the smallest coin when ≤ 0). */
PosAmount pos_checkout_cash_due (PosAmount remaining, PosAmount cash_step);

/*
 * Whether handing over @cash for @cash_due is what a customer plausibly
 * does: no more than max (20 × @cash_due, @cash_due + the largest note) and
 * no more change than four of the largest note. Anything else is most
 * likely a typing slip (an extra zero) and needs the cashier's confirmation.
 */
gboolean pos_checkout_cash_is_plausible (PosAmount cash_due, PosAmount cash, const PosCurrency *currency);
gboolean pos_tender_parse (const char *text, const PosCurrency *currency, PosTender *out, GError **error);
void pos_tender_clear (PosTender *tender);
gboolean pos_card_reference_check (const char *reference, GError **error);

PosSaleResult *pos_checkout_commit (PosStore *store, PosCart *cart, const PosUser *cashier,
                                    const PosTender *tenders, gsize n_tenders, GError **error);

/*
 * As pos_checkout_commit(), with @flags. While the till is in training
 * mode it records a training sale instead (pos-training.h). Without
 * POS_CHECKOUT_CASH_CONFIRMED cash that is not plausible is refused with
 * POS_ERROR_INVALID. A cash payment needs an open shift at this till
 * (POS_ERROR_STATE) unless the shop's "shift_required" setting is 0.
 */
PosSaleResult *pos_checkout_commit_full (PosStore *store, PosCart *cart, const PosUser *cashier,
                                         const PosTender *tenders, gsize n_tenders, PosCheckoutFlags flags,
                                         GError **error);
void pos_sale_result_free (PosSaleResult *result);

/* The result of a sale or refund once @record is written; the points
 * balance is the customer's as it stands now.
 * Returns: (transfer full) */
PosSaleResult *pos_sale_result_new (PosStore *store, const PosSaleRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSaleResult, pos_sale_result_free)

G_END_DECLS
