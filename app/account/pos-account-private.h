/* pos-account-private.h — what the account files share, for app/account/ only. */
#pragma once

#include "pos-account.h"
#include "pos-money-move.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

#define POS_ACCOUNT_MOVED "account.moved"
#define POS_ACCOUNT_LIMIT "account.limit"

#define POS_ACCOUNT_MOVE_COLUMNS                                                                             \
  "SELECT id, kind, amount, method, reference, receipt_no, note, till_id, created_at FROM account_move "

/* account_move and the "account.moved" event (owner_id: the customer's id). */
extern const PosMoneyMoveTable pos_account_move_table;

PosAccountMove *pos_account_move_from_row (PosStmt *stmt);
char *pos_account_customer_uid (PosStore *store, gint64 customer_id);
gboolean pos_account_write_move (PosStore *store, PosMoneyMove *m, const PosUser *user,
                                 const PosUser *approver, const char *action, GError **error);
gboolean pos_account_upsert_limit (PosStore *store, gint64 customer_id, PosAmount limit, const char *hlc,
                                   const char *opened_at, GError **error);

G_END_DECLS
