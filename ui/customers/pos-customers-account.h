/* pos-customers-account.h — a customer's account on the customers page:
 * what they owe, taking a payment against it, and their statement. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

/* "Account: owes €12.50 of a €50.00 limit", "Account: €1.50 in credit
 * (limit €50.00)" or "Account: nothing owed (limit €50.00)", or NULL when
 * @customer_id has no account. (transfer full) (nullable) */
char *pos_customers_account_summary (PosContext *context, gint64 customer_id);

/* Called with what to tell the cashier once a payment or statement is done
 * (or refused). */
typedef void (*PosCustomersAccountDoneFunc) (const char *message, gpointer user_data);

/* Asks for the amount paid in cash and books it against the account; the
 * cash goes into the open shift's drawer. When the till prints, the
 * customer's slip of it is printed; if that fails, @parent (the page)
 * sends a toast up ("add-toast") whose button prints it again. */
void pos_customers_account_pay (GtkWidget *parent, PosContext *context, gint64 customer_id,
                                PosCustomersAccountDoneFunc done, gpointer user_data);

/* Asks for a period and writes the statement PDF to the documents folder. */
void pos_customers_account_statement (GtkWidget *parent, PosContext *context, gint64 customer_id,
                                      PosCustomersAccountDoneFunc done, gpointer user_data);

G_END_DECLS
