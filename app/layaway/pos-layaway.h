/* pos-layaway.h — layaway (lay-by): goods reserved for a customer who pays in parts.
 *
 * A cashier turns a basket into a layaway for a named customer: the goods
 * are held back (reserved stock, not for sale to anyone else), a deposit
 * of at least the shop's minimum share ("layaway_min_deposit_pct", 20 % by
 * default) is paid, and the layaway runs until its expiry day
 * ("layaway_days" after opening, 30 by default). The customer pays the
 * rest in parts, in cash or by card; no payment may take the layaway over
 * its total. Once it is paid in full it is collected: it becomes an
 * ordinary sale, paid by what was paid towards it (the "layaway" tender),
 * the stock leaves and the takings are booked then. Or it is cancelled,
 * with a supervisor: the goods go back on sale and what was paid is given
 * back, less a fee the shop keeps.
 *
 * Money paid towards a layaway is not takings until the goods are
 * collected; cash goes into the drawer and shows in X and Z reports as a
 * line of its own. Every step is one transaction with its journal event
 * ("layaway.opened", "layaway.moved"), so every till sees the same
 * layaways and the same reserved stock after sync.
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

#define POS_LAYAWAY_OPENED "layaway.opened"
#define POS_LAYAWAY_MOVED "layaway.moved"

typedef enum
{
  POS_LAYAWAY_OPEN,
  POS_LAYAWAY_COLLECTED,
  POS_LAYAWAY_CANCELLED,
} PosLayawayState;

typedef enum
{
  POS_LAYAWAY_PAYMENT, /* money received towards the goods (+) */
  POS_LAYAWAY_COLLECT, /* what was paid, applied to the sale of the goods (−) */
  POS_LAYAWAY_CANCEL,  /* what was given back on cancelling (−, or 0 when all is kept) */
} PosLayawayMoveKind;

typedef struct
{
  char *sku; /* (nullable) an open item has none */
  char *name;
  PosQty qty;
  PosAmount amount; /* the line's total */
} PosLayawayLine;

typedef struct
{
  gint64 id;
  PosLayawayMoveKind kind;
  PosAmount amount;
  char *method;     /* (nullable) "cash" or "card" */
  char *reference;  /* (nullable) card terminal reference */
  char *receipt_no; /* (nullable) the sale the goods were collected by */
  char *note;       /* (nullable) */
  char *till_id;
  char *created_at;
} PosLayawayMove;

typedef struct
{
  gint64 id;
  char *number; /* <till>-L<n> */
  char *customer_name;
  gint64 customer_id; /* 0: a name only */
  PosAmount total;
  PosAmount min_deposit;
  PosAmount paid;       /* the payments so far */
  PosAmount given_back; /* on cancelling */
  PosLayawayState state;
  char *expires_on; /* business day */
  char *created_at;
  char *till_id;
  char *receipt_no; /* (nullable) the sale that collected it */
  GPtrArray *lines; /* of PosLayawayLine; filled by pos_layaway_get() */
  GPtrArray *moves; /* of PosLayawayMove; filled by pos_layaway_get() */
} PosLayaway;

/* How a layaway is opened from a basket. */
typedef struct
{
  const char *customer_name;
  PosTenderMethod method; /* of the deposit: any tender pos_layaway_pay_tender() takes */
  PosAmount deposit;      /* for points: unused, their value is the deposit */
  const char *reference;  /* card terminal reference, or the gift card's code */
  gint64 points;          /* for POS_TENDER_POINTS */
} PosLayawayOpening;

const char *pos_layaway_state_to_string (PosLayawayState state);
/* The state as a person reads it. */
const char *pos_layaway_state_label (PosLayawayState state);
const char *pos_layaway_move_kind_to_string (PosLayawayMoveKind kind);
gboolean pos_layaway_move_kind_parse (const char *text, PosLayawayMoveKind *out);

void pos_layaway_free (PosLayaway *layaway);
void pos_layaway_line_free (PosLayawayLine *line);
void pos_layaway_move_free (PosLayawayMove *move);

/* What is still to pay: total − paid. */
PosAmount pos_layaway_due (const PosLayaway *layaway);

/* The smallest deposit the shop takes on @total (its "layaway_min_deposit_pct"
 * share, rounded half up to the minor unit). */
PosAmount pos_layaway_min_deposit (PosStore *store, PosAmount total);

/* How much of @product_id open layaways hold back in this till's shop. */
PosQty pos_layaway_reserved (PosStore *store, gint64 product_id);

/*
 * The stock of @product_id in shop @shop_id (its level row in the stock
 * ledger) and how much of it open layaways taken at that shop's tills
 * hold back. A layaway holds goods where it was taken: another shop's
 * layaways hold nothing here.
 */
gboolean pos_layaway_stock_in (PosStore *store, const char *shop_id, gint64 product_id, PosQty *level,
                               PosQty *reserved, GError **error);

/*
 * Opens a layaway from @cart (its lines, prices and discounts as they
 * stand) and takes its deposit: checks that each product has the stock to
 * reserve (what is on the shelf less what other layaways hold), the deposit
 * is at least the minimum and no more than the total. The deposit is taken
 * as a part payment is (pos_layaway_pay_tender()), in the same transaction:
 * cash, card, a gift card or points. Empties the cart.
 * Returns: (transfer full) (nullable) the layaway, with its lines and moves
 */
PosLayaway *pos_layaway_open (PosStore *store, PosCart *cart, const PosUser *user,
                              const PosLayawayOpening *opening, GError **error);

/* The layaway @number with its lines and moves, or POS_ERROR_NOT_FOUND.
 * Returns: (transfer full) (nullable) */
PosLayaway *pos_layaway_get (PosStore *store, const char *number, GError **error);

/* Layaways in @state (-1: all), the newest first, without lines or moves.
 * Returns: (transfer full) of PosLayaway */
GPtrArray *pos_layaway_list (PosStore *store, int state, GError **error);

/* Open layaways whose expiry day is before @today ("2026-12-05"; NULL: the
 * business day now), the oldest expiry first.
 * Returns: (transfer full) of PosLayaway */
GPtrArray *pos_layaway_overdue (PosStore *store, const char *today, GError **error);

/* Takes a part payment of @amount towards open layaway @number in cash or
 * by card: pos_layaway_pay_tender() with that tender. */
gboolean pos_layaway_pay (PosStore *store, const PosUser *user, const char *number, PosTenderMethod method,
                          PosAmount amount, const char *reference, GError **error);

/*
 * Takes a part payment towards open layaway @number in @tender, as the
 * sale's payment takes them: cash (into the open shift's drawer), card
 * (its terminal's reference), a gift card, voucher or store credit (its
 * code as reference; redeemed in the same transaction, checked as at a
 * sale) or loyalty points (@tender->points, worth "loyalty_point_value"
 * each, taken off the customer's points; only for a layaway of a known
 * customer). What it pays is never more than is still due.
 */
gboolean pos_layaway_pay_tender (PosStore *store, const PosUser *user, const char *number,
                                 const PosTender *tender, GError **error);

/*
 * Collects layaway @number once it is paid in full: the goods are sold on
 * a receipt of their own, paid by what was paid towards them, in one
 * transaction with the layaway's "collect" move.
 * Returns: (transfer full) (nullable) the sale
 */
PosSaleResult *pos_layaway_collect (PosStore *store, const PosUser *user, const char *number, GError **error);

/*
 * Cancels open layaway @number: the goods go back on sale and @give_back
 * (0 … what was paid) is given back in cash or by card; the rest is the
 * fee the shop keeps. A supervisor's decision: @user must be one, or
 * @approver.
 */
gboolean pos_layaway_cancel (PosStore *store, const PosUser *user, const PosUser *approver,
                             const char *number, PosAmount give_back, PosTenderMethod method,
                             const char *reference, GError **error);

/* For checkout, in the sale's transaction: a layaway tender must pay its
 * open, fully paid layaway's whole payments; writes its "collect" move. */
gboolean pos_layaway_record_sale (PosStore *store, const char *receipt_no, const PosTender *tenders,
                                  gsize n_tenders, GError **error);

/* The slip of the latest deposit, payment or cancellation of layaway
 * @number, in the shop's language: the goods reserved, what was paid, what
 * is still due and until when (a collection prints the sale's receipt).
 * Returns: (transfer full) (nullable) */
PosReceipt *pos_layaway_receipt_build (PosStore *store, const char *number, GError **error);

/* Applies a "layaway.*" event pulled from another till (pos-sync-apply.c). */
gboolean pos_layaway_apply_event (PosStore *store, const PosJournalEvent *event, JsonObject *body,
                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosLayaway, pos_layaway_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosLayawayLine, pos_layaway_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosLayawayMove, pos_layaway_move_free)

G_END_DECLS
