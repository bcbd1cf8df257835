/* pos-account.h — customer accounts: a tab the customer settles later.
 *
 * A customer may have an account with a credit limit the owner sets. Its
 * balance is what the customer owes, the sum of its moves: a sale on
 * account charges it (+), a payment by cash or card (−), a deposit left in
 * advance (−), a refund of a sale on account (−) and a correction a
 * supervisor approved (±). Moves are append-only and each one is a journal
 * event of its own ("account.moved"); the limit travels as
 * "account.limit" and the last one set (by HLC) holds everywhere.
 *
 * Offline: a till charges against the balance it knows. Two tills that
 * cannot reach the hub may both charge the same account up to its limit;
 * after sync the balance is over the limit. That is never lost: the till
 * that pulls the charge records a sync alarm naming the account, the
 * receipt and the till, and pos_account_overdrawn() lists such accounts
 * with their charges.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-cart.h"
#include "pos-checkout.h"
#include "pos-journal.h"
#include "pos-receipt.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef enum
{
  POS_ACCOUNT_CHARGE,  /* a sale on account: the customer owes more */
  POS_ACCOUNT_PAYMENT, /* paid against the account by cash or card */
  POS_ACCOUNT_DEPOSIT, /* money left in advance */
  POS_ACCOUNT_REFUND,  /* a refund of a sale on account, back onto it */
  POS_ACCOUNT_ADJUST,  /* a correction with a supervisor's approval */
} PosAccountMoveKind;

typedef struct
{
  gint64 customer_id;
  char *customer_name; /* (nullable) */
  char *card_code;     /* (nullable) */
  PosAmount credit_limit;
  PosAmount balance; /* what the customer owes; negative when in credit */
  char *opened_at;
} PosAccount;

typedef struct
{
  gint64 id;
  PosAccountMoveKind kind;
  PosAmount amount; /* signed: + the customer owes more */
  char *method;     /* (nullable) "cash" or "card" for payments and deposits */
  char *reference;  /* (nullable) card terminal reference */
  char *receipt_no; /* (nullable) the sale or refund */
  char *note;       /* (nullable) */
  char *till_id;
  char *created_at;
} PosAccountMove;

/* What a payment or deposit is. */
typedef struct
{
  gint64 customer_id;
  PosAccountMoveKind kind; /* POS_ACCOUNT_PAYMENT or POS_ACCOUNT_DEPOSIT */
  PosTenderMethod method;  /* POS_TENDER_CASH or POS_TENDER_CARD */
  PosAmount amount;        /* more than zero */
  const char *reference;   /* card terminal reference */
  const char *note;        /* (nullable) */
} PosAccountPayment;

/* An account over its limit after sync, with the charges that made it so. */
typedef struct
{
  PosAccount *account;
  GPtrArray *charges; /* of PosAccountMove, oldest first */
} PosAccountOverdrawn;

const char *pos_account_move_kind_to_string (PosAccountMoveKind kind);
gboolean pos_account_move_kind_parse (const char *text, PosAccountMoveKind *out);
/* The kind as a person reads it on a statement. */
const char *pos_account_move_kind_label (PosAccountMoveKind kind);

void pos_account_free (PosAccount *account);
void pos_account_move_free (PosAccountMove *move);
void pos_account_overdrawn_free (PosAccountOverdrawn *overdrawn);

/* The account of @customer_id, or NULL and POS_ERROR_NOT_FOUND when the
 * customer has none. Returns: (transfer full) (nullable) */
PosAccount *pos_account_get (PosStore *store, gint64 customer_id, GError **error);
/* Every account, by customer name. Returns: (transfer full) of PosAccount */
GPtrArray *pos_account_list (PosStore *store, GError **error);

/*
 * Opens the account of @customer_id, or changes its limit, to @limit
 * (minor units, ≥ 0). The owner's decision: @user must be an owner, or
 * @approver one.
 */
gboolean pos_account_set_limit (PosStore *store, const PosUser *user, const PosUser *approver,
                                gint64 customer_id, PosAmount limit, GError **error);

/*
 * Takes a payment or deposit against an account, in one transaction with
 * its journal event. Cash goes into the drawer of the open shift and shows
 * in X and Z reports as a line of its own, not as takings of goods.
 */
gboolean pos_account_pay (PosStore *store, const PosUser *user, const PosAccountPayment *payment,
                          GError **error);

/* A correction of @amount (±) with @note, by a supervisor or with one's
 * approval, and an audit row naming them. */
gboolean pos_account_adjust (PosStore *store, const PosUser *user, const PosUser *approver,
                             gint64 customer_id, PosAmount amount, const char *note, GError **error);

/*
 * The moves of @customer_id from business day @from to @to (inclusive,
 * "2026-12-01"; NULL: open end), oldest first, and the balance before
 * @from in @opening. Returns: (transfer full) of PosAccountMove
 */
GPtrArray *pos_account_moves (PosStore *store, gint64 customer_id, const char *from, const char *to,
                              PosAmount *opening, GError **error);

/* At the till ------------------------------------------------------------------------ */

/*
 * Whether @amount may be charged to @customer_id's account: it has one,
 * and the charge keeps it within its limit, or @approver is a supervisor
 * who entered their PIN. Otherwise POS_ERROR_NOT_FOUND or
 * POS_ERROR_PERMISSION with a message for the cashier.
 */
gboolean pos_account_check_charge (PosStore *store, gint64 customer_id, PosAmount amount,
                                   const PosUser *approver, GError **error);

/* Lets the sale on @cart go over the customer's credit limit: @approver,
 * a supervisor, said so (checked at checkout). */
void pos_account_approve_over_limit (PosCart *cart, const PosUser *approver);

/* For checkout, in the sale's transaction: charges the account tenders of
 * the sale to the cart's customer (pos_account_check_charge()). */
gboolean pos_account_record_sale (PosStore *store, PosCart *cart, const char *receipt_no,
                                  const PosTender *tenders, gsize n_tenders, GError **error);

/* For a refund, in its transaction: credits @amount back to the account of
 * @customer_id. */
gboolean pos_account_record_refund (PosStore *store, gint64 customer_id, PosAmount amount,
                                    const char *receipt_no, GError **error);

/* Sync ------------------------------------------------------------------------------- */

/* Accounts whose balance is over their limit, each with its charges.
 * Returns: (transfer full) of PosAccountOverdrawn */
GPtrArray *pos_account_overdrawn (PosStore *store, GError **error);

/* Applies an "account.*" event pulled from another till (pos-sync-apply.c). */
gboolean pos_account_apply_event (PosStore *store, const PosJournalEvent *event, JsonObject *body,
                                  GError **error);

/* Slip ------------------------------------------------------------------------------ */

/*
 * The slip the customer takes home for move @move_id of @customer_id's
 * account, a payment or a deposit (0: the latest one): the shop, what was
 * paid and how, what is still owed after it, and what the fiscal law asks
 * of money taken outside a sale (pos_fiscal_add_money_move_lines()).
 * POS_ERROR_NOT_FOUND when nothing was paid in. Returns: (transfer full)
 */
PosReceipt *pos_account_receipt_build (PosStore *store, gint64 customer_id, gint64 move_id, GError **error);

/* Statement -------------------------------------------------------------------------- */

/*
 * Writes the statement of @customer_id's account from @from to @to (business
 * days, inclusive) to @path as a PDF: the shop's name and address, the
 * customer, the opening balance, each move, the closing balance; amounts
 * and dates in the shop's locale.
 */
gboolean pos_account_statement_pdf (PosStore *store, gint64 customer_id, const char *from, const char *to,
                                    const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosAccount, pos_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosAccountMove, pos_account_move_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosAccountOverdrawn, pos_account_overdrawn_free)

G_END_DECLS
