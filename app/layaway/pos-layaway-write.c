/* pos-layaway-write.c — opening, paying, collecting and cancelling layaways (see pos-layaway.h). */
#include "pos-layaway.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-customer.h"
#include "pos-json.h"
#include "pos-layaway-private.h"
#include "pos-permission.h"
#include "pos-shift.h"
#include "pos-shop.h"
#include "pos-stock.h"
#include "pos-training.h"
#include "pos-loyalty.h"
#include "pos-voucher.h"

const PosMoneyMoveTable pos_layaway_move_table = {
  .insert_sql = POS_MONEY_MOVE_INSERT ("layaway_move", "layaway_id"),
  .event_type = POS_LAYAWAY_MOVED,
};

/* Writes move @m of layaway @number with the "layaway.moved" event that
 * carries it, in the caller's transaction; with @action, an audit row
 * names @user and @approver. */
gboolean
pos_layaway_write_move (PosStore *store, const char *number, PosMoneyMove *m, const PosUser *user,
                        const PosUser *approver, const char *action, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();

  json_object_set_string_member (o, "number", number);
  return pos_money_move_write (store, &pos_layaway_move_table, o, m, user, approver, action, error);
}

/* The shift whose drawer takes or gives the cash: the open one. Without
 * one, POS_ERROR_STATE, unless the shop takes cash without shifts. */
static gboolean
cash_shift (PosStore *store, gint64 *shift_id, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (PosShift) shift = pos_shift_current (store, &local);

  *shift_id = shift != NULL ? shift->id : 0;
  if (shift != NULL || pos_store_get_setting_int (store, "shift_required", 1) == 0)
    return TRUE;
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE,
                         _ ("Cash goes into the drawer of an open shift: open a shift first"));
  return FALSE;
}

/* Cash or card, with the card's terminal reference, and an amount a till may take. */
gboolean
pos_layaway_check_tender (PosStore *store, PosTenderMethod method, PosAmount amount, const char *reference,
                          GError **error)
{
  if (method != POS_TENDER_CASH && method != POS_TENDER_CARD)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("Money towards a layaway is paid in cash or by card")),
           FALSE;
  if (method == POS_TENDER_CARD && !pos_card_reference_check (reference, error))
    return FALSE;
  return pos_tender_check_amount (amount, pos_shop_currency (store), error);
}

/* A payment row of @amount in @method, with the drawer's shift for cash. */
gboolean
pos_layaway_money_row (PosStore *store, PosMoneyMove *m, PosTenderMethod method, const char *reference,
                       GError **error)
{
  m->method = method == POS_TENDER_CASH ? "cash" : "card";
  m->reference = method == POS_TENDER_CARD ? reference : NULL;
  return method != POS_TENDER_CASH || cash_shift (store, &m->shift_id, error);
}

static PosLayaway *
get_open (PosStore *store, const char *number, GError **error)
{
  g_autoptr (PosLayaway) l = pos_layaway_get (store, number, error);

  if (l == NULL)
    return NULL;
  if (l->state != POS_LAYAWAY_OPEN)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Layaway %s is closed already: %s"), number,
                        pos_layaway_state_label (l->state)),
           NULL;
  return g_steal_pointer (&l);
}

/* Paying --------------------------------------------------------------------------- */

/* A payment's tender, before the transaction: what a till may take. */
gboolean
pos_layaway_check_payment (PosStore *store, const PosTender *t, GError **error)
{
  if (t->method == POS_TENDER_POINTS)
    return (t->points > 0 && t->points <= G_MAXINT32)
           || (g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("Type a number of points")),
               FALSE);
  if (t->method == POS_TENDER_ACCOUNT || t->method == POS_TENDER_LAYAWAY)
    return g_set_error_literal (
               error, POS_ERROR, POS_ERROR_INVALID,
               _ ("Money towards a layaway is paid in cash, by card, with a gift card or with points")),
           FALSE;
  if (t->amount <= 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("A payment must be more than zero")),
           FALSE;
  if (t->method != POS_TENDER_VOUCHER)
    return pos_layaway_check_tender (store, t->method, t->amount, t->reference, error);
  if (t->reference == NULL || *t->reference == '\0')
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("Scan or type the gift card's code")),
           FALSE;
  return pos_tender_check_amount (t->amount, pos_shop_currency (store), error);
}

/* The row of a payment in @t: a gift card is redeemed and points are
 * taken off the customer's in the same transaction, by the same event. */
static gboolean
payment_row (PosStore *store, const PosLayaway *l, const PosTender *t, PosMoneyMove *m, char **points,
             GError **error)
{
  switch (t->method)
    {
      case POS_TENDER_VOUCHER:
        m->method = "voucher";
        m->reference = t->reference;
        return pos_voucher_redeem (store, t->reference, m->amount, l->customer_id, l->number, error);
      case POS_TENDER_POINTS:
        if (l->customer_id == 0)
          return g_set_error (
                     error, POS_ERROR, POS_ERROR_STATE,
                     _ ("Layaway %s is not for a customer with a card: it cannot be paid with points"),
                     l->number),
                 FALSE;
        m->method = "points";
        m->reference = *points = g_strdup_printf ("%lld", (long long)t->points);
        return pos_loyalty_record_with_event (store, l->customer_id, -t->points, "redeem", 0, m->event_id,
                                              error);
      default:
        return pos_layaway_money_row (store, m, t->method, t->reference, error);
    }
}

gboolean
pos_layaway_pay_in_transaction (PosStore *store, const PosUser *user, const char *number, const PosTender *t,
                                GError **error)
{
  g_autoptr (PosLayaway) l = get_open (store, number, error);
  g_autofree char *event_id = pos_journal_new_event_id ();
  g_autofree char *points = NULL;
  PosMoneyMove m = { .kind = pos_layaway_move_kind_to_string (POS_LAYAWAY_PAYMENT), .event_id = event_id };

  if (l == NULL)
    return FALSE;
  m.owner_id = l->id;
  m.amount = t->method == POS_TENDER_POINTS ? pos_loyalty_points_value (store, t->points) : t->amount;
  if (m.amount <= 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("A payment must be more than zero")),
           FALSE;
  if (m.amount > pos_layaway_due (l))
    {
      g_autofree char *due = pos_amount_format (pos_layaway_due (l), pos_shop_currency (store));
      return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                          _ ("Only %s is still due on layaway %s: a payment cannot be more"), due, number),
             FALSE;
    }
  return payment_row (store, l, t, &m, &points, error)
         && pos_layaway_write_move (store, number, &m, user, NULL, NULL, error);
}

gboolean
pos_layaway_pay_tender (PosStore *store, const PosUser *user, const char *number, const PosTender *tender,
                        GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL && number != NULL && tender != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_SELL, NULL, error))
    return FALSE;
  if (!pos_layaway_check_payment (store, tender, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!pos_layaway_pay_in_transaction (store, user, number, tender, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
pos_layaway_pay (PosStore *store, const PosUser *user, const char *number, PosTenderMethod method,
                 PosAmount amount, const char *reference, GError **error)
{
  PosTender tender = { .method = method, .amount = amount, .reference = (char *)reference };

  if (method != POS_TENDER_CASH && method != POS_TENDER_CARD)
    return pos_layaway_check_tender (store, method, amount, reference, error);
  return pos_layaway_pay_tender (store, user, number, &tender, error);
}

/* Collecting ------------------------------------------------------------------------ */

gboolean
pos_layaway_record_sale (PosStore *store, const char *receipt_no, const PosTender *tenders, gsize n_tenders,
                         GError **error)
{
  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  for (gsize i = 0; i < n_tenders; i++)
    {
      g_autoptr (PosLayaway) l = NULL;
      PosMoneyMove m
          = { .kind = pos_layaway_move_kind_to_string (POS_LAYAWAY_COLLECT), .receipt_no = receipt_no };

      if (tenders[i].method != POS_TENDER_LAYAWAY)
        continue;
      if (tenders[i].reference == NULL || (l = get_open (store, tenders[i].reference, error)) == NULL)
        return FALSE;
      /* checked here, in the sale's transaction, so two tills cannot both collect it */
      if (pos_layaway_due (l) != 0 || tenders[i].amount != l->paid)
        return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                            _ ("Layaway %s is collected once it is paid in full, with all that was paid"),
                            l->number),
               FALSE;
      m.owner_id = l->id;
      m.amount = -l->paid;
      if (!pos_layaway_write_move (store, l->number, &m, NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The basket as it was promised, for the customer the layaway is for. */
static PosCart *
cart_of (PosStore *store, const PosLayaway *l, const char *cart_json, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (store);

  if (!pos_cart_load_json (cart, cart_json, FALSE, error)
      || (l->customer_id != 0 && !pos_cart_set_customer_id (cart, l->customer_id, error)))
    return NULL;
  if (pos_cart_get_total (cart) != l->total)
    {
      g_autofree char *now = pos_amount_format (pos_cart_get_total (cart), pos_shop_currency (store));
      return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                          _ ("The goods of layaway %s come to %s now, not what was agreed: check the basket"),
                          l->number, now),
             NULL;
    }
  return g_steal_pointer (&cart);
}

static char *
cart_json_of (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = "SELECT cart_json FROM layaway WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return NULL;
  return pos_stmt_dup_text (stmt, 0);
}

PosSaleResult *
pos_layaway_collect (PosStore *store, const PosUser *user, const char *number, GError **error)
{
  g_autoptr (PosLayaway) l = NULL;
  g_autoptr (PosCart) cart = NULL;
  g_autofree char *json = NULL;
  PosTender tender = { POS_TENDER_LAYAWAY, 0, (char *)number, 0 };

  g_return_val_if_fail (store != NULL && user != NULL && number != NULL, NULL);

  if (pos_training_is_on (store))
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE,
                                _ ("A layaway is collected outside training mode")),
           NULL;
  if ((l = get_open (store, number, error)) == NULL)
    return NULL;
  if (pos_layaway_due (l) > 0)
    {
      g_autofree char *due = pos_amount_format (pos_layaway_due (l), pos_shop_currency (store));
      return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                          _ ("Layaway %s is not paid in full yet: %s still to pay"), number, due),
             NULL;
    }
  if ((json = cart_json_of (store, l->id, error)) == NULL || (cart = cart_of (store, l, json, error)) == NULL)
    return NULL;
  tender.amount = l->paid;
  return pos_checkout_commit (store, cart, user, &tender, 1, error);
}

/* Cancelling ------------------------------------------------------------------------ */

static gboolean
cancel_in_transaction (PosStore *store, const PosUser *user, const PosUser *approver, const char *number,
                       PosAmount give_back, PosTenderMethod method, const char *reference, GError **error)
{
  g_autoptr (PosLayaway) l = get_open (store, number, error);
  PosMoneyMove m = { .kind = pos_layaway_move_kind_to_string (POS_LAYAWAY_CANCEL), .amount = -give_back };
  g_autofree char *fee = NULL;

  if (l == NULL)
    return FALSE;
  if (give_back > l->paid)
    {
      g_autofree char *paid = pos_amount_format (l->paid, pos_shop_currency (store));
      return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                          _ ("Only %s was paid towards layaway %s: no more can be given back"), paid, number),
             FALSE;
    }
  m.owner_id = l->id;
  if (give_back > 0 && !pos_layaway_money_row (store, &m, method, reference, error))
    return FALSE;
  if (l->paid > give_back)
    m.note = fee = g_strdup_printf ("fee_kept=%lld", (long long)(l->paid - give_back));
  return pos_layaway_write_move (store, number, &m, user, approver, "layaway_cancel", error);
}

gboolean
pos_layaway_cancel (PosStore *store, const PosUser *user, const PosUser *approver, const char *number,
                    PosAmount give_back, PosTenderMethod method, const char *reference, GError **error)
{
  g_return_val_if_fail (store != NULL && user != NULL && number != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_REFUND, approver, error))
    {
      g_prefix_error (error, _ ("Cancelling a layaway: "));
      return FALSE;
    }
  if (give_back < 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("What is given back cannot be below zero")),
           FALSE;
  if ((give_back > 0 && !pos_layaway_check_tender (store, method, give_back, reference, error))
      || !pos_store_begin (store, error))
    return FALSE;
  if (!cancel_in_transaction (store, user, approver, number, give_back, method, reference, error)
      || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
