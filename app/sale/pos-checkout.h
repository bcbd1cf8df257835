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
  POS_TENDER_CARD,   /* taken by an external terminal: amount and its reference only */
  POS_TENDER_POINTS, /* loyalty points, worth loyalty_point_value each */
} PosTenderMethod;

typedef struct
{
  PosTenderMethod method;
  PosAmount amount; /* cash handed over, card amount; for points: worked out from @points */
  char *reference;  /* card terminal reference */
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

const char *pos_tender_method_to_string (PosTenderMethod method);
gboolean pos_tender_parse (const char *text, const PosCurrency *currency, PosTender *out, GError **error);
void pos_tender_clear (PosTender *tender);
gboolean pos_card_reference_check (const char *reference, GError **error);

PosSaleResult *pos_checkout_commit (PosStore *store, PosCart *cart, const PosUser *cashier,
                                    const PosTender *tenders, gsize n_tenders, GError **error);
void pos_sale_result_free (PosSaleResult *result);

/* The result of a sale or refund once @record is written; the points
 * balance is the customer's as it stands now.
 * Returns: (transfer full) */
PosSaleResult *pos_sale_result_new (PosStore *store, const PosSaleRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSaleResult, pos_sale_result_free)

G_END_DECLS
