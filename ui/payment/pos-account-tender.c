/* pos-account-tender.c — sales on account at the till (see pos-account-tender.h). */
#include "pos-account-tender.h"

#include "pos-account.h"
#include "pos-ask.h"

typedef struct
{
  PosPayment *payment;
  PosAccountTenderRetryFunc retry;
  gpointer user_data;
} Approval;

gboolean
pos_account_tender_over_limit (PosPayment *payment, const GError *error)
{
  guint n;

  g_return_val_if_fail (POS_IS_PAYMENT (payment), FALSE);

  if (!g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION))
    return FALSE;
  n = pos_payment_get_n_tenders (payment);
  for (guint i = 0; i < n; i++)
    if (pos_payment_get_tender (payment, i)->method == POS_TENDER_ACCOUNT)
      return TRUE;
  return FALSE;
}

static void
on_approval_answered_cb (const PosUser *approver, gpointer user_data)
{
  Approval *a = user_data;

  if (approver != NULL)
    pos_account_approve_over_limit (pos_payment_get_cart (a->payment), approver);
  a->retry (approver != NULL, a->user_data);
  g_object_unref (a->payment);
  g_free (a);
}

void
pos_account_tender_ask_approval (GtkWidget *parent, PosStore *store, PosPayment *payment, const char *reason,
                                 PosAccountTenderRetryFunc retry, gpointer user_data)
{
  Approval *a = g_new0 (Approval, 1);

  g_return_if_fail (POS_IS_PAYMENT (payment) && retry != NULL);

  a->payment = g_object_ref (payment);
  a->retry = retry;
  a->user_data = user_data;
  pos_ask_approval (parent, store, reason, on_approval_answered_cb, a);
}
