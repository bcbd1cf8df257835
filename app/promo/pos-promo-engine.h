/* pos-promo-engine.h — which promotions a basket gets, and what each takes
 * off which line.
 *
 * A pure function of a basket snapshot (lines with product, category,
 * quantity, unit price and tax rate), the customer (a loyalty member or
 * not), the time and the coupons entered; it reads no store and no clock.
 * The rule that picks among promotions is in docs/ARCHITECTURE.md
 * ("Promotions"): each unit of a line takes part in at most one promotion,
 * and the customer gets the combination that saves the most, ties going to
 * the promotion created first (the smaller uid). Units are taken in a
 * canonical order (dearest first), never in the order they were scanned,
 * so the figures do not depend on it.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"

G_BEGIN_DECLS

typedef enum
{
  POS_PROMO_MULTIBUY,   /* buy buy_qty, pay for pay_qty: the cheapest of each group free */
  POS_PROMO_MULTIPRICE, /* buy_qty units for value */
  POS_PROMO_BUNDLE,     /* one of each listed product for value */
  POS_PROMO_PERCENT,    /* value basis points off */
  POS_PROMO_AMOUNT,     /* value off each unit */
  POS_PROMO_PRICE,      /* each unit at value (customer-group prices) */
} PosPromoKind;

/* One promotion as the engine sees it. A line is in its scope when its
 * product is listed, or its category or its brand (in any case) is the
 * promotion's; with none of them given, every line is. */
typedef struct
{
  gint64 id; /* the stored version's row */
  char *uid; /* the same on every till; orders ties */
  char *name;
  PosPromoKind kind;
  gint64 buy_qty; /* whole units, for the multi-buy kinds */
  gint64 pay_qty;
  gint64 value;       /* minor units, or basis points for PERCENT */
  gint64 category_id; /* 0 = none */
  GArray *products;   /* gint64 product ids, sorted; may be empty */
  char *brand;        /* (nullable) */
  gboolean members_only;
  char *coupon;     /* (nullable) needs this code entered */
  guint weekdays;   /* bit 0 = Monday … bit 6 = Sunday, local time */
  int minute_from;  /* local time of day the window opens, 0–1439 */
  int minute_to;    /* and closes, 1–1440; before minute_from: past midnight */
  gint64 starts_us; /* 0 = always */
  gint64 ends_us;   /* 0 = never */
} PosPromotion;

PosPromotion *pos_promotion_new (void);
void pos_promotion_free (PosPromotion *promotion);
const char *pos_promo_kind_to_string (PosPromoKind kind);
gboolean pos_promo_kind_from_string (const char *text, PosPromoKind *out);

typedef struct
{
  gint64 product_id;
  gint64 category_id;
  PosQty qty;
  PosAmount unit_price;
  gint64 tax_rate_bp;
  gboolean weighed;
  /* FALSE for a line whose price was typed over or which has a discount of
   * its own: a cashier's decision is not stacked with a promotion. */
  gboolean eligible;
  const char *brand; /* (nullable) */
} PosPromoLine;

typedef struct
{
  gint64 now_us;
  gboolean member;            /* a loyalty customer is attached */
  const char *const *coupons; /* (nullable) NULL-terminated */
} PosPromoContext;

typedef struct
{
  guint line;      /* index into the lines given */
  guint promotion; /* index into the promotions given */
  PosAmount amount;
} PosPromoAllocation;

typedef struct
{
  guint promotion;
  PosAmount saving;
} PosPromoApplied;

typedef struct
{
  GArray *applied;          /* PosPromoApplied, by uid */
  GArray *allocations;      /* PosPromoAllocation, by promotion as in applied, then line */
  PosAmount *line_discount; /* per line */
  guint n_lines;
  PosAmount saving;
} PosPromoResult;

void pos_promo_result_free (PosPromoResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPromoResult, pos_promo_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPromotion, pos_promotion_free)

/* Whether @promotion may apply at all for @ctx: dates, weekday, hours,
 * membership, coupon. */
gboolean pos_promotion_is_open (const PosPromotion *promotion, const PosPromoContext *ctx);

/* The best combination of @promotions for @lines (transfer full; never
 * NULL). Every line's discount is at most what it costs. */
PosPromoResult *pos_promo_apply (PosPromotion *const *promotions, guint n_promotions,
                                 const PosPromoLine *lines, guint n_lines, const PosPromoContext *ctx);

G_END_DECLS
