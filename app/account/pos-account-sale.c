/* pos-account-sale.c — sales on account and their refunds (see pos-account.h). */
#include "pos-account.h"

#include <glib/gi18n-lib.h>

#include "pos-account-private.h"
#include "pos-shop.h"

#define APPROVER_KEY "pos-account-approver"

gboolean
pos_account_check_charge (PosStore *store, gint64 customer_id, PosAmount amount, const PosUser *approver,
                          GError **error)
{
  g_autoptr (PosAccount) account = NULL;
  PosAmount after;

  g_return_val_if_fail (store != NULL, FALSE);

  if (customer_id == 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE,
                                _ ("A sale on account needs the customer: attach their card first")),
           FALSE;
  if (amount <= 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")),
           FALSE;
  if ((account = pos_account_get (store, customer_id, error)) == NULL
      || !pos_amount_add (account->balance, amount, &after, error))
    return FALSE;
  if (after <= account->credit_limit)
    return TRUE;
  if (approver != NULL && approver->pin_verified && approver->active && approver->role >= POS_ROLE_SUPERVISOR)
    return TRUE;
  {
    const PosCurrency *currency = pos_shop_currency (store);
    g_autofree char *limit = pos_amount_format (account->credit_limit, currency);
    g_autofree char *left = pos_amount_format (MAX (account->credit_limit - account->balance, 0), currency);

    g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION,
                 /* TRANSLATORS: the account's credit limit, then what may still be charged to it */
                 _ ("Over the credit limit of %s (%s left on the account): a supervisor must approve"), limit,
                 left);
  }
  return FALSE;
}

void
pos_account_approve_over_limit (PosCart *cart, const PosUser *approver)
{
  g_return_if_fail (POS_IS_CART (cart));

  g_object_set_data_full (G_OBJECT (cart), APPROVER_KEY, approver ? pos_user_copy (approver) : NULL,
                          (GDestroyNotify)pos_user_free);
}

gboolean
pos_account_record_sale (PosStore *store, PosCart *cart, const char *receipt_no, const PosTender *tenders,
                         gsize n_tenders, GError **error)
{
  const PosUser *approver = g_object_get_data (G_OBJECT (cart), APPROVER_KEY);
  gint64 customer_id = pos_cart_get_customer_id (cart);
  PosMoneyMove m = { .owner_id = customer_id,
                     .kind = pos_account_move_kind_to_string (POS_ACCOUNT_CHARGE),
                     .receipt_no = receipt_no };
  g_autoptr (PosAccount) account = NULL;
  gboolean over;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  for (gsize i = 0; i < n_tenders; i++)
    if (tenders[i].method == POS_TENDER_ACCOUNT
        && !pos_amount_add (m.amount, tenders[i].amount, &m.amount, error))
      return FALSE;
  if (m.amount == 0)
    return TRUE;
  if (!pos_account_check_charge (store, customer_id, m.amount, approver, error)
      || (account = pos_account_get (store, customer_id, error)) == NULL)
    return FALSE;
  over = account->balance + m.amount > account->credit_limit;
  /* only a charge over the limit is audited, naming who allowed it */
  return pos_account_write_move (store, &m, over ? approver : NULL, over ? approver : NULL,
                                 over ? "account_over_limit" : NULL, error);
}

gboolean
pos_account_record_refund (PosStore *store, gint64 customer_id, PosAmount amount, const char *receipt_no,
                           GError **error)
{
  g_autoptr (PosAccount) account = NULL;
  PosMoneyMove m = { .owner_id = customer_id,
                     .kind = pos_account_move_kind_to_string (POS_ACCOUNT_REFUND),
                     .amount = -amount,
                     .receipt_no = receipt_no };

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (customer_id == 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_STATE,
                                _ ("Only a sale with a customer can be refunded to an account")),
           FALSE;
  if (amount <= 0)
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("A tender must be more than zero")),
           FALSE;
  if ((account = pos_account_get (store, customer_id, error)) == NULL)
    return FALSE;
  return pos_account_write_move (store, &m, NULL, NULL, NULL, error);
}
