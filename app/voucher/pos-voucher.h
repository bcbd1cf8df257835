/* pos-voucher.h — gift cards, vouchers and store credit.
 *
 * A voucher has a code (printed as a QR code on the receipt that sold it,
 * scanned or typed to pay) and a balance that is the sum of its moves:
 * issue (+), redeem (−), void (−). Moves are append-only and each one is a
 * journal event of its own ("voucher.issued", "voucher.redeemed",
 * "voucher.voided"), so every till applies every till's moves and all
 * tills agree on every balance after sync.
 *
 * Tax (EU voucher directive 2016/1065): a single-purpose voucher (spv,
 * where the goods and their VAT rate are known when it is sold) is taxed
 * when it is sold, at its rate; a multi-purpose voucher (mpv) and store
 * credit carry no VAT when sold, and the goods bought with them are taxed
 * in full when they are sold: paying with a voucher is a tender, and a
 * tender never changes the tax of the goods.
 *
 * Offline: a till redeems against the balance it knows, and never more.
 * Two tills that cannot reach the hub may both redeem the same card, so
 * each till of a shop with a hub holds at most "voucher_offline_limit"
 * (minor units) of one card's redemptions the hub has not yet received.
 * An overdraw that still happens shows up after sync as a negative
 * balance, with the receipts of its redemptions (pos_voucher_overdraws()).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-cart.h"
#include "pos-checkout.h"
#include "pos-receipt.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef enum
{
  POS_VOUCHER_MPV,    /* multi-purpose: VAT when spent */
  POS_VOUCHER_SPV,    /* single-purpose: VAT when sold */
  POS_VOUCHER_CREDIT, /* store credit from a refund, on a customer's account */
} PosVoucherKind;

typedef struct
{
  char *code;
  PosVoucherKind kind;
  char *tax_code;     /* spv: the rate it was taxed at; else NULL */
  gint64 customer_id; /* 0 = anyone holding the code */
  char *expires_on;   /* "2029-12-31", the last day it pays; NULL = never */
  char *issued_at;
  char *issued_till;
  PosAmount issued;  /* Σ issue moves */
  PosAmount balance; /* Σ all moves; negative after an offline overdraw */
  gboolean voided;
} PosVoucher;

/* What a voucher sold on a sale line is. */
typedef struct
{
  const char *code; /* NULL: a new code is made */
  PosVoucherKind kind;
  PosAmount amount;
  const char *tax_code;   /* spv only: the VAT rate of the goods it is for */
  const char *expires_on; /* NULL: the shop's "voucher_valid_days" from today; "" never */
} PosVoucherSale;

/* A redemption that overdrew a card, as pos_voucher_overdraws() lists it. */
typedef struct
{
  char *code;
  PosAmount balance;      /* negative: what was paid out beyond the card's value */
  GPtrArray *redemptions; /* of PosVoucherMove, oldest first */
} PosVoucherOverdraw;

typedef struct
{
  char *kind; /* "issue", "redeem", "void" */
  PosAmount amount;
  char *till_id;
  char *receipt_no; /* nullable */
  char *created_at;
} PosVoucherMove;

#define POS_VOUCHER_OFFLINE_LIMIT_SETTING "voucher_offline_limit"
#define POS_VOUCHER_VALID_DAYS_SETTING "voucher_valid_days"
/* The catalog version of a sale line that sells a voucher (no product). */
#define POS_VOUCHER_LINE_VERSION (-1)

const char *pos_voucher_kind_to_string (PosVoucherKind kind);
gboolean pos_voucher_kind_parse (const char *text, PosVoucherKind *out);

/* A new code: "GC" and 12 letters and digits that cannot be misread. (transfer full) */
char *pos_voucher_new_code (void);
/* TRUE when @code has the form of a voucher code (pos_voucher_new_code()). */
gboolean pos_voucher_code_is_valid (const char *code);

void pos_voucher_free (PosVoucher *voucher);
/* The voucher @code with its balance, or NULL and POS_ERROR_NOT_FOUND.
 * Returns: (transfer full) (nullable) */
PosVoucher *pos_voucher_lookup (PosStore *store, const char *code, GError **error);
/* Whether @voucher no longer pays on the business day of @now_us. */
gboolean pos_voucher_is_expired (const PosVoucher *voucher, gint64 now_us);

/* Every voucher, newest first. Returns: (transfer full) of PosVoucher */
GPtrArray *pos_voucher_list (PosStore *store, GError **error);

/*
 * Puts the sale of a voucher on @cart as a line of its own: sku and name
 * carry the code, qty 1, its amount as price, no product and catalog
 * version POS_VOUCHER_LINE_VERSION; an spv at @sale->tax_code's rate, an
 * mpv at 0 (tax code "MPV"). Checkout issues it in the sale's
 * transaction (pos_voucher_record_sale()). The code is copied to @code_out.
 */
gboolean pos_voucher_add_to_cart (PosCart *cart, const PosVoucherSale *sale, char **code_out, GError **error);

/*
 * For checkout, in the sale's transaction once the sale is numbered: issues
 * the vouchers on @cart's lines and redeems the voucher tenders. A
 * redemption is refused (and with it the sale) when the voucher is
 * unknown, voided, expired, a customer's credit used for someone else,
 * short of the amount, or over this till's offline limit.
 */
gboolean pos_voucher_record_sale (PosStore *store, PosCart *cart, const char *receipt_no,
                                  const PosTender *tenders, gsize n_tenders, GError **error);

/* Checks a voucher tender before the sale is written: POS_ERROR_INVALID or
 * POS_ERROR_REFUND_EXCEEDS with a message for the cashier. */
gboolean pos_voucher_check_redeem (PosStore *store, const char *code, PosAmount amount, gint64 customer_id,
                                   GError **error);

/* Redeems @amount of @code (checked as pos_voucher_check_redeem() does)
 * with its "voucher.redeemed" event, in the caller's transaction;
 * @receipt_no names what it paid: a sale's receipt, or a layaway's
 * number for a payment towards one. */
gboolean pos_voucher_redeem (PosStore *store, const char *code, PosAmount amount, gint64 customer_id,
                             const char *receipt_no, GError **error);

/* Store credit of @amount for @customer_id from the refund @receipt_no, in
 * the caller's transaction. The new code goes to @code_out. */
gboolean pos_voucher_issue_credit (PosStore *store, gint64 customer_id, PosAmount amount,
                                   const char *receipt_no, char **code_out, GError **error);

/*
 * Voids what is left on @code (a supervisor, or @approver who is one):
 * a void move of the balance, a journal event and an audit row in one
 * transaction. Nothing to void (balance ≤ 0, already voided) is
 * POS_ERROR_ALREADY_DONE.
 */
gboolean pos_voucher_void (PosStore *store, const PosUser *user, const PosUser *approver, const char *code,
                           const char *reason, GError **error);

void pos_voucher_move_free (PosVoucherMove *move);
void pos_voucher_overdraw_free (PosVoucherOverdraw *overdraw);
/* Cards whose balance went below zero (redeemed on two offline tills),
 * each with its redemptions and their receipts.
 * Returns: (transfer full) of PosVoucherOverdraw */
GPtrArray *pos_voucher_overdraws (PosStore *store, GError **error);

/* On the receipt @receipt_no: each voucher it sold (its value, last day
 * and code as a QR code to scan when paying) and what is left on each
 * voucher it was paid with. Nothing when it has neither. */
gboolean pos_voucher_add_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                        GError **error);

/* For `verify`: every voucher move matches the journal event that carries
 * it (kind, code, amount, till) and every voucher event has its move, so
 * each balance, the sum of its moves, is what the signed journal says.
 * POS_ERROR_STORE_DAMAGED names the first that does not. @n_moves
 * (nullable) is set to the number of moves checked. */
gboolean pos_voucher_verify (PosStore *store, gint64 *n_moves, GError **error);

/* Applies a voucher event pulled from another till (pos-sync-apply.c). */
gboolean pos_voucher_apply_event (PosStore *store, const char *type, const char *event_id,
                                  const char *till_id, JsonObject *body, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosVoucher, pos_voucher_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosVoucherOverdraw, pos_voucher_overdraw_free)

G_END_DECLS
