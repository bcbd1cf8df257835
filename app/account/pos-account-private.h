/* pos-account-private.h — what the account files share, for app/account/ only. */
#pragma once

#include "pos-account.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

#define POS_ACCOUNT_MOVED "account.moved"
#define POS_ACCOUNT_LIMIT "account.limit"

#define POS_ACCOUNT_MOVE_COLUMNS                                                                             \
  "SELECT id, kind, amount, method, reference, receipt_no, note, till_id, created_at FROM account_move "

/* One account_move row as written; the strings are borrowed. */
typedef struct
{
  gint64 customer_id;
  PosAccountMoveKind kind;
  PosAmount amount;
  const char *method;
  const char *reference;
  const char *receipt_no;
  const char *note;
  const char *till_id;
  gint64 shift_id; /* 0: not cash into this till's drawer */
  const char *created_at;
  const char *event_id;
} PosAccountMoveRow;

PosAccountMove *pos_account_move_from_row (PosStmt *stmt);
char *pos_account_customer_uid (PosStore *store, gint64 customer_id);
gboolean pos_account_insert_move (PosStore *store, const PosAccountMoveRow *m, GError **error);
gboolean pos_account_write_move (PosStore *store, PosAccountMoveRow *m, const PosUser *user,
                                 const PosUser *approver, const char *action, GError **error);
gboolean pos_account_upsert_limit (PosStore *store, gint64 customer_id, PosAmount limit, const char *hlc,
                                   const char *opened_at, GError **error);

G_END_DECLS
