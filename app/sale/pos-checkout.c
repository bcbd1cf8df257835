/* pos-checkout.c — paying for a cart and recording the sale (see pos-checkout.h). */
#include "pos-checkout.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-loyalty.h"
#include "pos-permission.h"
#include "pos-sale-record.h"
#include "pos-shift.h"
#include "pos-shop.h"
#include "pos-stock.h"
#include "pos-training.h"
#include "pos-store-private.h"
#include "pos-voucher-tax.h"
#include "pos-account.h"
#include "pos-layaway.h"
#include "pos-voucher.h"

void
pos_sale_result_free (PosSaleResult *result)
{
  if (result == NULL)
    return;
  g_free (result->receipt_no);
  g_free (result);
}

PosSaleResult *
pos_sale_result_new (PosStore *store, const PosSaleRecord *record)
{
  PosSaleResult *result;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  result = g_new0 (PosSaleResult, 1);
  result->sale_id = record->sale_id;
  result->receipt_no = g_strdup (record->receipt_no);
  result->total = record->total;
  result->rounding = record->rounding;
  result->due = record->total + record->rounding;
  result->tax_total = record->tax_total;
  result->tendered = record->tendered;
  result->change = record->change;
  result->points_earned = record->points_earned;
  result->points_balance = record->customer_id ? pos_loyalty_balance (store, record->customer_id) : 0;
  return result;
}

/* How the tenders settle the total: what the drawer keeps, the change. */
typedef struct
{
  PosAmount cash;
  PosAmount card;
  PosAmount points_value;
  PosAmount voucher; /* redeemed from vouchers: the goods keep their tax unless an spv paid them */
  PosAmount account; /* charged to the customer's account */
  PosAmount layaway; /* paid before, towards a layaway being collected */
  gint64 points;
  PosAmount cash_due; /* the cash part of the total after cash rounding */
  PosAmount rounding;
  PosAmount change;
} Settlement;

PosAmount
pos_checkout_cash_due (PosAmount remaining, PosAmount cash_step)
{
  return pos_amount_round_cash (remaining, cash_step > 0 ? cash_step : 1);
}

/* The largest note of @currency; a currency without a list of notes is
 * taken to have one of 100 major units. */
static PosAmount
largest_note (const PosCurrency *currency)
{
  PosAmount note = 100;

  if (currency->denominations != NULL && currency->denominations[0] > 0)
    return currency->denominations[0];
  for (int e = 0; e < currency->exponent; e++)
    note *= 10;
  return note;
}

gboolean
pos_checkout_cash_is_plausible (PosAmount cash_due, PosAmount cash, const PosCurrency *currency)
{
  PosAmount note, limit;

  g_return_val_if_fail (currency != NULL, FALSE);

  note = largest_note (currency);
  cash_due = MAX (cash_due, 0);
  /* Saturating: a huge sale makes the limit huge, never negative. */
  limit = cash_due > G_MAXINT64 / 20 ? G_MAXINT64 : cash_due * 20;
  if (cash_due <= G_MAXINT64 - note)
    limit = MAX (limit, cash_due + note);
  return cash <= limit && cash - cash_due <= 4 * note;
}

static gboolean
sum_tenders (PosStore *store, PosCart *cart, const PosCurrency *currency, const PosTender *tenders, gsize n,
             Settlement *s, GError **error)
{
  for (gsize i = 0; i < n; i++)
    {
      const PosTender *t = &tenders[i];
      PosAmount *slot = t->method == POS_TENDER_CASH      ? &s->cash
                        : t->method == POS_TENDER_VOUCHER ? &s->voucher
                        : t->method == POS_TENDER_ACCOUNT ? &s->account
                        : t->method == POS_TENDER_LAYAWAY ? &s->layaway
                                                          : &s->card;
      PosAmount amount = t->amount;

      if (t->method == POS_TENDER_POINTS)
        {
          if (pos_cart_get_customer_id (cart) == 0)
            return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                                _ ("Attach the customer's card to pay with points")),
                   FALSE;
          if (t->points <= 0)
            return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("Points to redeem must be more than 0")),
                   FALSE;
          s->points += t->points;
          amount = pos_loyalty_points_value (store, t->points);
          slot = &s->points_value;
        }
      else if (amount <= 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")),
               FALSE;
      if (!pos_tender_check_amount (amount, currency, error))
        return FALSE;
      if (t->method == POS_TENDER_CARD && !pos_card_reference_check (t->reference, error))
        return FALSE;
      if (!pos_amount_add (*slot, amount, slot, error))
        return FALSE;
    }
  return TRUE;
}

/*
 * Settles the cart's total with the tenders. Card and points must not pay
 * more than the total (change is only ever given in cash); the cash part
 * is rounded to the store's cash step before it is compared with the cash
 * handed over, and change is worked out after that rounding.
 */
static gboolean
settle (PosStore *store, PosCart *cart, const PosShopRules *rules, const PosTender *tenders, gsize n,
        Settlement *s, GError **error)
{
  const PosCurrency *currency = rules->currency;
  PosAmount total = pos_cart_get_total (cart);
  PosAmount non_cash, remaining;

  memset (s, 0, sizeof *s);
  if (!sum_tenders (store, cart, currency, tenders, n, s, error)
      || !pos_amount_add (s->card, s->points_value, &non_cash, error)
      || !pos_amount_add (non_cash, s->voucher, &non_cash, error)
      || !pos_amount_add (non_cash, s->account, &non_cash, error)
      || !pos_amount_add (non_cash, s->layaway, &non_cash, error))
    return FALSE;
  if (s->points > 0 && pos_loyalty_balance (store, pos_cart_get_customer_id (cart)) < s->points)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The customer has only %lld points"),
                        (long long)pos_loyalty_balance (store, pos_cart_get_customer_id (cart))),
           FALSE;
  if (non_cash > total)
    return g_set_error (
               error, POS_ERROR, POS_ERROR_INVALID,
               _ ("Card, points and vouchers pay more than the total; change is only given in cash")),
           FALSE;

  remaining = total - non_cash;
  s->cash_due = s->cash > 0 ? pos_checkout_cash_due (remaining, rules->cash_step) : remaining;
  s->rounding = s->cash_due - remaining;
  if (s->cash < s->cash_due)
    {
      g_autofree char *due = pos_amount_format (s->cash_due - s->cash, currency);
      g_set_error (error, POS_ERROR, POS_ERROR_TENDER_SHORT, _ ("%s still to pay"), due);
      return FALSE;
    }
  s->change = s->cash - s->cash_due;
  return TRUE;
}

static gboolean
record_lines (PosStore *store, PosCart *cart, PosSaleRecord *record, GError **error)
{
  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    {
      PosCartLine *line = pos_cart_get_line (cart, i);
      g_autoptr (JsonArray) promotions = pos_cart_line_promotions (cart, i);
      PosSaleLineRecord l = {
        .line_no = i + 1,
        .product_id = pos_cart_line_get_product_id (line),
        .sku = pos_cart_line_get_sku (line),
        .name = pos_cart_line_get_name (line),
        .unit = pos_cart_line_get_unit (line),
        .qty = pos_cart_line_get_qty (line),
        .unit_price = pos_cart_line_get_unit_price (line),
        .catalog_version = pos_cart_line_get_catalog_version (line),
        .tax_code = pos_cart_line_get_tax_code (line),
        .tax_rate_bp = pos_cart_line_get_tax_rate_bp (line),
        .discount = pos_cart_line_get_discount (line),
        .total = pos_cart_line_get_total (line),
        .tax = pos_cart_line_get_tax (line),
        .promotions = promotions,
      };
      /* An open item has no product, so no stock to move. */
      if (!pos_sale_record_add_line (store, record, &l, error)
          || (l.product_id != 0
              && !pos_stock_record_move (store, l.product_id, -l.qty, POS_STOCK_SALE, record->receipt_no,
                                         record->sale_id, record->user_id, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_payments (PosStore *store, PosSaleRecord *record, const PosTender *tenders, gsize n,
                 const Settlement *s, GError **error)
{
  if (s->cash > 0 && !pos_sale_record_add_payment (store, record, "cash", s->cash_due, NULL, 0, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      const PosTender *t = &tenders[i];
      if (t->method == POS_TENDER_CARD
          && !pos_sale_record_add_payment (store, record, "card", t->amount, t->reference, 0, error))
        return FALSE;
      if (t->method == POS_TENDER_VOUCHER
          && !pos_sale_record_add_payment (store, record, "voucher", t->amount, t->reference, 0, error))
        return FALSE;
      if (t->method == POS_TENDER_ACCOUNT
          && !pos_sale_record_add_payment (store, record, "account", t->amount, NULL, 0, error))
        return FALSE;
      if (t->method == POS_TENDER_LAYAWAY
          && !pos_sale_record_add_payment (store, record, "layaway", t->amount, t->reference, 0, error))
        return FALSE;
      if (t->method == POS_TENDER_POINTS
          && !pos_sale_record_add_payment (
              store, record, "points", pos_loyalty_points_value (store, t->points), NULL, t->points, error))
        return FALSE;
    }
  return TRUE;
}

/* Points are earned on what was paid in money, not on points spent. */
static gboolean
record_loyalty (PosStore *store, gint64 customer_id, PosSaleRecord *record, const Settlement *s,
                GError **error)
{
  if (customer_id == 0)
    return TRUE;
  if (s->points > 0 && !pos_loyalty_record (store, customer_id, -s->points, "redeem", record->sale_id, error))
    return FALSE;
  if (record->points_earned > 0
      && !pos_loyalty_record (store, customer_id, record->points_earned, "earn", record->sale_id, error))
    return FALSE;
  return TRUE;
}

/* Every discount or price override that needed approval leaves an audit
 * row naming the approver, in the sale's own transaction. */
static gboolean
record_approvals (PosStore *store, PosCart *cart, const PosUser *cashier, gint64 sale_id, GError **error)
{
  for (guint i = 0; i < pos_cart_get_n_lines (cart); i++)
    {
      PosCartLine *line = pos_cart_get_line (cart, i);
      gint64 approver_id = pos_cart_line_get_approver_id (line);
      g_autoptr (PosUser) approver = NULL;
      g_autofree char *detail = NULL;
      const char *action;

      if (approver_id == 0)
        continue;
      approver = pos_users_lookup_by_id (store, approver_id, error);
      if (approver == NULL)
        return FALSE;
      action = pos_cart_line_get_price_overridden (line)
                   ? pos_action_to_string (POS_ACTION_PRICE_OVERRIDE)
                   : pos_action_to_string (POS_ACTION_DISCOUNT_OVER_LIMIT);
      detail = g_strdup_printf ("{\"line_no\":%u,\"sku\":\"%s\",\"discount\":%" G_GINT64_FORMAT
                                ",\"unit_price\":%" G_GINT64_FORMAT "}",
                                i + 1, pos_cart_line_get_sku (line), pos_cart_line_get_discount (line),
                                pos_cart_line_get_unit_price (line));
      if (!pos_audit_record (store, cashier, approver, action, sale_id, detail, error))
        return FALSE;
    }
  if (pos_cart_get_cart_discount_approver (cart) != 0)
    {
      g_autoptr (PosUser) approver
          = pos_users_lookup_by_id (store, pos_cart_get_cart_discount_approver (cart), error);
      g_autofree char *detail
          = g_strdup_printf ("{\"cart_discount\":%" G_GINT64_FORMAT "}", pos_cart_get_discount_total (cart));
      if (approver == NULL
          || !pos_audit_record (store, cashier, approver,
                                pos_action_to_string (POS_ACTION_DISCOUNT_OVER_LIMIT), sale_id, detail,
                                error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_sale (PosStore *store, PosCart *cart, const PosUser *cashier, const PosTender *tenders, gsize n,
            const Settlement *s, PosSaleRecord *record, GError **error)
{
  /* Goods paid with a single-purpose voucher were taxed when it was sold. */
  g_autoptr (PosTaxSummary) taxes
      = pos_voucher_tax_summary (store, pos_cart_get_tax_summary (cart), tenders, n, error);

  if (taxes == NULL)
    return FALSE;
  record->customer_id = pos_cart_get_customer_id (cart);
  record->subtotal = pos_cart_get_subtotal (cart);
  record->discount_total = pos_cart_get_discount_total (cart);
  record->tax_total = taxes->tax;
  record->total = pos_cart_get_total (cart);
  record->rounding = s->rounding;
  record->tendered = s->cash + s->card + s->points_value + s->voucher + s->account + s->layaway;
  record->change = s->change;
  record->points_earned
      = record->customer_id ? pos_loyalty_points_for (store, s->cash_due + s->card + s->layaway) : 0;

  return pos_sale_record_begin (store, record, error) && record_lines (store, cart, record, error)
         && pos_sale_record_add_taxes (store, record, taxes, error)
         && record_payments (store, record, tenders, n, s, error)
         && record_loyalty (store, record->customer_id, record, s, error)
         && record_approvals (store, cart, cashier, record->sale_id, error)
         && pos_voucher_record_sale (store, cart, record->receipt_no, tenders, n, error)
         && pos_account_record_sale (store, cart, record->receipt_no, tenders, n, error)
         && pos_layaway_record_sale (store, record->receipt_no, tenders, n, error)
         && pos_sale_record_finish (store, record, error);
}

/*
 * Cash at the till: taken only while a shift is open (when the shop says
 * so), and an implausible amount only once the cashier has confirmed it.
 */
static gboolean
check_cash (PosStore *store, const PosShopRules *rules, const Settlement *s, PosCheckoutFlags flags,
            GError **error)
{
  g_autoptr (PosShift) shift = NULL;
  g_autoptr (GError) local_error = NULL;

  if (s->cash == 0)
    return TRUE;
  if (rules->shift_required && (shift = pos_shift_current (store, &local_error)) == NULL)
    {
      if (!g_error_matches (local_error, POS_ERROR, POS_ERROR_STATE))
        return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("Open a shift (count the float) before taking cash"));
      return FALSE;
    }
  if (!(flags & POS_CHECKOUT_CASH_CONFIRMED)
      && !pos_checkout_cash_is_plausible (s->cash_due, s->cash, rules->currency))
    {
      g_autofree char *cash = pos_amount_format (s->cash, rules->currency);
      g_autofree char *change = pos_amount_format (s->change, rules->currency);
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("Taking %s in cash and giving %s change needs the cashier to confirm it"), cash,
                   change);
      return FALSE;
    }
  return TRUE;
}

/*
 * Completes the sale in @cart paid with @tenders: checks the cashier may
 * sell, the store is sound and the tenders cover the total, then writes
 * everything in one transaction. The shop's rules and the tenders are read
 * and checked inside that transaction too: each read outside one would
 * take and drop the store's read lock by itself. On success the cart is
 * emptied for the next customer; on any error nothing is written and the
 * cart is kept.
 */
PosSaleResult *
pos_checkout_commit_full (PosStore *store, PosCart *cart, const PosUser *cashier, const PosTender *tenders,
                          gsize n_tenders, PosCheckoutFlags flags, GError **error)
{
  g_auto (PosShopRules) rules = { 0 };
  g_auto (PosSaleRecord) record = { 0 };
  PosSaleResult *result;
  Settlement s;

  g_return_val_if_fail (store != NULL && POS_IS_CART (cart), NULL);
  g_return_val_if_fail (tenders != NULL || n_tenders == 0, NULL);

  if (!pos_permission_check (cashier, POS_ACTION_SELL, NULL, error)
      || !pos_store_require_healthy (store, error))
    return NULL;
  if (pos_cart_is_empty (cart))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("The sale has no lines")), NULL;

  record.kind = "sale";
  record.user_id = cashier->id;
  record.user_name = cashier->name;
  if (!pos_store_begin (store, error))
    return NULL;
  /* A till in training mode writes no sale at all. Asked inside the
   * transaction, whose read lock the sale needs anyway, rather than in a
   * read transaction of its own before it. */
  if (pos_training_is_on (store))
    {
      pos_store_rollback (store);
      return pos_training_checkout (store, cart, cashier, tenders, n_tenders, error);
    }
  pos_shop_rules_load (store, &rules);
  if (!settle (store, cart, &rules, tenders, n_tenders, &s, error)
      || !check_cash (store, &rules, &s, flags, error)
      || !write_sale (store, cart, cashier, tenders, n_tenders, &s, &record, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return NULL;
    }

  result = pos_sale_result_new (store, &record);
  pos_cart_clear (cart);
  return result;
}

PosSaleResult *
pos_checkout_commit (PosStore *store, PosCart *cart, const PosUser *cashier, const PosTender *tenders,
                     gsize n_tenders, GError **error)
{
  return pos_checkout_commit_full (store, cart, cashier, tenders, n_tenders, POS_CHECKOUT_DEFAULT, error);
}
