/* pos-money.h — amounts of money and quantities as exact integers.
 *
 * An amount is a count of minor units of the store currency (cents, öre,
 * rappen; whole yen).  A quantity is a count of thousandths: grams for weighed
 * items, 1000 per piece for counted ones.  Nothing here ever uses floating
 * point, and any result that leaves the range ±(2^63 − 1) is reported as
 * POS_ERROR_OVERFLOW rather than wrapped.  G_MININT64 itself is never produced,
 * so every amount these functions return can be negated safely (refunds).
 *
 * Rounding is always half away from zero, so that a refund mirrors its sale:
 * f(−x) == −f(x) for every function below.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 PosAmount; /* minor units of the store currency */
typedef gint64 PosQty;    /* thousandths: grams for weighed items, ×1000 for counted ones */

#define POS_QTY_ONE 1000

/* The largest magnitude an amount may have: G_MAXINT64 (G_MININT64 is refused). */
#define POS_AMOUNT_MAX G_MAXINT64

typedef struct
{
  const char *code;               /* ISO 4217 "EUR" */
  int exponent;                   /* 2 for EUR, 0 for JPY */
  PosAmount cash_step;            /* smallest cash step in minor units: EUR 1, CHF 5, SEK 100 */
  const char *symbol;             /* "€", "CHF", "kr", "$", "£", "¥" */
  const PosAmount *denominations; /* notes and coins in minor units, descending, 0-terminated */
  const char *locale;             /* how the shop writes it (pos-format.h); NULL: the currency's home */
} PosCurrency;

/* Currencies (pos-currency.c) */

/* The built-in description of ISO 4217 @code (ASCII case ignored): EUR USD GBP
 * CHF SEK JPY CAD NOK DKK PLN AUD.  cash_step is the country's smallest coin;
 * a shop that rounds cash more coarsely (e.g. EUR to 5 cents in the
 * Netherlands or Finland) keeps that rule in its settings.
 * Returns: (nullable) (transfer none): NULL when the code is unknown. */
const PosCurrency *pos_currency_lookup (const char *code);

/* The built-in currencies, NULL-terminated, in a stable order.
 * Returns: (transfer none) */
const PosCurrency *const *pos_currency_list (void);

/* An amount for people (screen, receipt, report) as the currency's locale
 * writes it (pos-format.c, through ICU): "1,99 €" de_DE, "€ 1,99" nl_NL,
 * "CHF 1.95" de_CH, "12 345,67 zł" pl_PL, "$1,234.56" en_US; a currency
 * without a locale in its home style ("€1,234.50", "CHF 1’234.50").  The
 * spaces are the no-break ones ICU puts there.  A made-up code (not three
 * capital letters) prints its symbol, a space and the grouped number.
 * Returns: (transfer full) */
char *pos_amount_format (PosAmount amount, const PosCurrency *currency);

/* Arithmetic (pos-money.c) */

gboolean pos_amount_add (PosAmount a, PosAmount b, PosAmount *out, GError **error);
gboolean pos_amount_sub (PosAmount a, PosAmount b, PosAmount *out, GError **error);

/* unit_price × qty / 1000, rounded half away from zero, computed exactly. */
gboolean pos_amount_mul_qty (PosAmount unit_price, PosQty qty, PosAmount *out, GError **error);

/* a × num / den, rounded half away from zero, computed exactly.  A zero @den is
 * POS_ERROR_INVALID. */
gboolean pos_amount_mul_div (PosAmount a, gint64 num, gint64 den, PosAmount *out, GError **error);

/* a × basis_points / 10000 (1 % = 100 bp), rounded half away from zero. */
gboolean pos_amount_percent (PosAmount a, gint64 basis_points, PosAmount *out, GError **error);

/* @amount to the nearest multiple of @step (> 0), halves away from zero:
 * CHF step 5 turns 1252 into 1250 and 1253 into 1255.  Step 1 returns @amount.
 * Near the ends of the range, where the nearest step cannot be represented,
 * the next step toward zero is returned instead. */
PosAmount pos_amount_round_cash (PosAmount amount, PosAmount step);

/* Splits @total into @n shares proportional to @weights, so that the shares
 * add up to exactly @total and each differs from its exact proportional value
 * by less than one minor unit (largest remainder: each share starts rounded to
 * the nearest unit, and the units still missing or extra go to the shares
 * whose exact value was furthest in that direction, the earliest first on
 * ties).  The result of −total is exactly the negated result of total.
 * Weights may be zero (a zero weight gets a zero share) and of mixed sign, but
 * must not add up to zero unless @total is zero, in which case all shares are
 * zero.  Used to spread a cart discount over its lines.  @shares is written
 * only on success. */
gboolean pos_amount_allocate (PosAmount total, const PosAmount *weights, gsize n, PosAmount *shares,
                              GError **error);

/* Shares close to values[i] × num / den that add up to exactly @target, which
 * must be within @n units of the sum of the individually rounded values (it
 * is when @target is the rounded exact sum, as with a tax computed once per
 * receipt).  Same largest-remainder rule and symmetry as
 * pos_amount_allocate(); too distant a target is POS_ERROR_INVALID.  @shares
 * is written only on success. */
gboolean pos_amount_apportion (PosAmount target, const PosAmount *values, gsize n, gint64 num, gint64 den,
                               PosAmount *shares, GError **error);

/* Text (pos-money.c) */

/* Parses a plain decimal amount in major units: an optional "-" or "+", one or
 * more digits, then optionally "." and one to @currency->exponent digits.
 * "12.50" → 1250, "12.5" → 1250, "-3" → -300, "0.05" → 5; JPY "1200" → 1200.
 * Anything else (spaces, "," "1e3", "+-1", too many decimals, a value out of
 * range) is POS_ERROR_INVALID with a message a cashier can act on. */
gboolean pos_amount_parse (const char *text, const PosCurrency *currency, PosAmount *out, GError **error);

/* Plain text for machines (CLI, JSON, CSV), always with all decimals of the
 * currency and no grouping: "12.50", "-0.05", "1200".  pos_amount_parse()
 * reads it back.  Returns: (transfer full) */
char *pos_amount_to_string (PosAmount amount, const PosCurrency *currency);

/* Parses a quantity in units: "2" → 2000, "0.125" → 125, "1.5" → 1500,
 * "-1" → -1000; at most three decimals.  Errors are POS_ERROR_INVALID. */
gboolean pos_qty_parse (const char *text, PosQty *out, GError **error);

/* A quantity without trailing zeros: 2000 → "2", 1500 → "1.5", 125 → "0.125",
 * -1000 → "-1".  pos_qty_parse() reads it back.  Returns: (transfer full) */
char *pos_qty_to_string (PosQty qty);

/* The most of anything a small shop moves in one line: 100,000 pieces, or
 * 100 t of a weighed item. More is a slip of the finger (a scanned code
 * typed as a quantity), not a delivery. */
#define POS_QTY_SANE_MAX (100000 * (PosQty)POS_QTY_ONE)

/* Refuses a quantity whose size is beyond POS_QTY_SANE_MAX, naming @what
 * ("A received quantity") in the message. POS_ERROR_INVALID. */
gboolean pos_qty_check_sane (PosQty qty, const char *what, GError **error);

G_END_DECLS
