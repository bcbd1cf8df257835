/* pos-account-tender.h — the "On account" tender of the payment page: a
 * sale charged to the attached customer's account, and the supervisor's
 * approval when it would go over the account's credit limit. */
#pragma once

#include <adwaita.h>

#include "pos-payment.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* Whether @error refused the sale because an on-account tender of
 * @payment would take the account over its credit limit. */
gboolean pos_account_tender_over_limit (PosPayment *payment, const GError *error);

/* @approved is TRUE when a supervisor allowed the charge: commit again. */
typedef void (*PosAccountTenderRetryFunc) (gboolean approved, gpointer user_data);

/*
 * Asks a supervisor to allow the charge over the limit (@reason is the
 * refusal, shown to them), then marks @payment's cart as approved and calls
 * @retry. Takes a reference on @payment; @user_data is the caller's.
 */
void pos_account_tender_ask_approval (GtkWidget *parent, PosStore *store, PosPayment *payment,
                                      const char *reason, PosAccountTenderRetryFunc retry,
                                      gpointer user_data);

G_END_DECLS
