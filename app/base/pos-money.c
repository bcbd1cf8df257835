/* pos-money.c — exact arithmetic, splitting and plain text for amounts and
 * quantities.
 *
 * Products of two int64 values are computed in 128 bits so that "price × qty
 * / 1000" or "amount × rate / 10000" is exact before its single rounding.
 * Every result is checked against ±G_MAXINT64 before it becomes a PosAmount.
 */
#include "pos-money.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 PosWide;

#define WIDE_MAX ((PosWide)G_MAXINT64)

static gboolean
wide_fits (PosWide v)
{
  return v >= -WIDE_MAX && v <= WIDE_MAX;
}

static PosWide
wide_abs (PosWide v)
{
  return v < 0 ? -v : v;
}

/* n / d rounded half away from zero; @d must be positive. */
static PosWide
wide_div_round (PosWide n, PosWide d)
{
  PosWide q = n / d;
  PosWide r = n % d;

  g_assert (d > 0);
  if (2 * wide_abs (r) >= d)
    q += n < 0 ? -1 : 1;
  return q;
}

/* Stores @v in @out when it is a valid amount, else reports what overflowed. */
static gboolean
wide_to_amount (PosWide v, PosAmount *out, const char *what, GError **error)
{
  if (!wide_fits (v))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("The %s is too large to be represented"), what);
      return FALSE;
    }
  *out = (PosAmount)v;
  return TRUE;
}

gboolean
pos_amount_add (PosAmount a, PosAmount b, PosAmount *out, GError **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return wide_to_amount ((PosWide)a + b, out, "sum", error);
}

gboolean
pos_amount_sub (PosAmount a, PosAmount b, PosAmount *out, GError **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return wide_to_amount ((PosWide)a - b, out, "difference", error);
}

gboolean
pos_amount_mul_div (PosAmount a, gint64 num, gint64 den, PosAmount *out, GError **error)
{
  PosWide n = (PosWide)a * num;
  PosWide d = den;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (den == 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("An amount cannot be divided by zero"));
      return FALSE;
    }
  if (d < 0)
    {
      n = -n;
      d = -d;
    }
  return wide_to_amount (wide_div_round (n, d), out, "amount", error);
}

gboolean
pos_amount_mul_qty (PosAmount unit_price, PosQty qty, PosAmount *out, GError **error)
{
  return pos_amount_mul_div (unit_price, qty, POS_QTY_ONE, out, error);
}

gboolean
pos_amount_percent (PosAmount a, gint64 basis_points, PosAmount *out, GError **error)
{
  return pos_amount_mul_div (a, basis_points, 10000, out, error);
}

PosAmount
pos_amount_round_cash (PosAmount amount, PosAmount step)
{
  PosWide rounded;

  g_return_val_if_fail (step > 0, amount);

  rounded = wide_div_round (amount, step) * step;
  /* Only possible within half a step of ±G_MAXINT64: stay representable. */
  if (rounded > WIDE_MAX)
    rounded -= step;
  else if (rounded < -WIDE_MAX)
    rounded += step;
  return (PosAmount)rounded;
}

typedef struct
{
  PosWide key; /* how strongly this share wants the next unit */
  gsize index;
} PosRemainder;

static int
compare_remainders (const void *pa, const void *pb)
{
  const PosRemainder *a = pa;
  const PosRemainder *b = pb;

  if (a->key != b->key)
    return a->key > b->key ? -1 : 1;
  return a->index < b->index ? -1 : (a->index > b->index ? 1 : 0);
}

/* Gives the @missing units (positive: add one; negative: take one) to the
 * shares whose exact value lies furthest beyond their rounded value in that
 * direction; @excess[i] is exact − rounded, scaled by the common denominator.
 * Mirrored inputs pick the same shares, which keeps refunds symmetric. */
static void
spread_missing_units (PosWide *rounded, const PosWide *excess, gsize n, PosWide missing)
{
  g_autofree PosRemainder *order = NULL;
  gsize count = (gsize)wide_abs (missing);

  g_assert (count <= n);
  if (count == 0)
    return;
  order = g_new (PosRemainder, n);
  for (gsize i = 0; i < n; i++)
    order[i] = (PosRemainder){ missing > 0 ? excess[i] : -excess[i], i };
  qsort (order, n, sizeof *order, compare_remainders);
  for (gsize i = 0; i < count; i++)
    rounded[order[i].index] += missing > 0 ? 1 : -1;
}

/* Shares of values[i] × num / den (den > 0) that add up to @target exactly. */
static gboolean
apportion_wide (PosAmount target, const PosAmount *values, gsize n, PosWide num, PosWide den,
                PosAmount *shares, GError **error)
{
  g_autofree PosWide *rounded = g_new (PosWide, n);
  g_autofree PosWide *excess = g_new (PosWide, n);
  PosWide missing = target;

  g_assert (den > 0);
  for (gsize i = 0; i < n; i++)
    {
      PosWide exact = values[i] * num;

      rounded[i] = wide_div_round (exact, den);
      if (!wide_fits (rounded[i]))
        return wide_to_amount (rounded[i], &shares[i], "share", error);
      excess[i] = exact - rounded[i] * den;
      missing -= rounded[i];
    }
  if (wide_abs (missing) > (PosWide)n)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                           _ ("The total to split is too far from the sum of its parts"));
      return FALSE;
    }
  spread_missing_units (rounded, excess, n, missing);
  for (gsize i = 0; i < n; i++)
    if (!wide_fits (rounded[i]))
      return wide_to_amount (rounded[i], &shares[i], "share", error);
  for (gsize i = 0; i < n; i++)
    shares[i] = (PosAmount)rounded[i];
  return TRUE;
}

gboolean
pos_amount_apportion (PosAmount target, const PosAmount *values, gsize n, gint64 num, gint64 den,
                      PosAmount *shares, GError **error)
{
  g_return_val_if_fail (values != NULL || n == 0, FALSE);
  g_return_val_if_fail (shares != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (den == 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("An amount cannot be divided by zero"));
      return FALSE;
    }
  if (den < 0)
    return apportion_wide (target, values, n, -(PosWide)num, -(PosWide)den, shares, error);
  return apportion_wide (target, values, n, num, den, shares, error);
}

gboolean
pos_amount_allocate (PosAmount total, const PosAmount *weights, gsize n, PosAmount *shares, GError **error)
{
  PosWide sum = 0;

  g_return_val_if_fail (weights != NULL || n == 0, FALSE);
  g_return_val_if_fail (shares != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wide_fits (total))
    return wide_to_amount (total, &total, "total to split", error);
  for (gsize i = 0; i < n; i++)
    sum += weights[i];
  if (total == 0)
    {
      for (gsize i = 0; i < n; i++)
        shares[i] = 0;
      return TRUE;
    }
  if (sum == 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                           n == 0 ? _ ("There is nothing to split the amount over")
                                  : _ ("Cannot split an amount over parts that add up to zero"));
      return FALSE;
    }
  if (sum < 0)
    return apportion_wide (total, weights, n, -(PosWide)total, -sum, shares, error);
  return apportion_wide (total, weights, n, total, sum, shares, error);
}

static const char *const decimal_examples[] = { "1200", "12.5", "12.50", "0.125" };

/* Reads "[+-]digits[.digits]" with at most @exponent decimals as a count of
 * 10^-exponent units.  @what names the value in messages ("amount in EUR"). */
static gboolean
parse_decimal (const char *text, int exponent, const char *what, gint64 *out, GError **error)
{
  const char *p = text;
  PosWide value = 0;
  int decimals = 0;
  gboolean negative = (*p == '-');

  g_assert (exponent >= 0 && exponent <= 3);
  if (*p == '\0')
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The %s is empty"), what);
      return FALSE;
    }
  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    goto malformed;
  for (; g_ascii_isdigit (*p) && value <= WIDE_MAX; p++)
    value = value * 10 + (*p - '0');
  if (*p == '.' && exponent > 0)
    {
      if (!g_ascii_isdigit (*++p))
        goto malformed;
      for (; g_ascii_isdigit (*p) && decimals < exponent; p++, decimals++)
        value = value * 10 + (*p - '0');
      if (g_ascii_isdigit (*p))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("“%s” has too many decimals: at most %d for the %s"), text, exponent, what);
          return FALSE;
        }
    }
  else if (*p == '.')
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” has decimals, but the %s cannot have any"),
                   text, what);
      return FALSE;
    }
  if (*p != '\0' && !g_ascii_isdigit (*p))
    goto malformed;
  for (; decimals < exponent; decimals++)
    value *= 10;
  /* Digits left over mean the integer part alone already left the range. */
  if (g_ascii_isdigit (*p) || !wide_fits (value))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is too large for the %s"), text, what);
      return FALSE;
    }
  *out = (gint64)(negative ? -value : value);
  return TRUE;

malformed:
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("“%s” is not a valid %s: write digits with a “.” before any decimals, like %s"), text, what,
               decimal_examples[exponent]);
  return FALSE;
}

gboolean
pos_amount_parse (const char *text, const PosCurrency *currency, PosAmount *out, GError **error)
{
  g_autofree char *what = NULL;
  PosAmount value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (currency->exponent >= 0 && currency->exponent <= 3, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  what = g_strdup_printf (_ ("amount in %s"), currency->code);
  if (!parse_decimal (text, currency->exponent, what, &value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
pos_qty_parse (const char *text, PosQty *out, GError **error)
{
  PosQty value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_decimal (text, 3, "quantity", &value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
pos_qty_check_sane (PosQty qty, const char *what, GError **error)
{
  g_autofree char *limit = NULL;

  g_return_val_if_fail (what != NULL, FALSE);

  if (qty >= -POS_QTY_SANE_MAX && qty <= POS_QTY_SANE_MAX)
    return TRUE;
  limit = pos_qty_to_string (POS_QTY_SANE_MAX);
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("%s of more than %s is not plausible: check the number"), what, limit);
  return FALSE;
}

/* "[-]major.minor" with exactly @exponent decimals; G_MININT64 is handled. */
static char *
decimal_to_string (gint64 value, int exponent)
{
  guint64 magnitude = value < 0 ? (guint64)(-(value + 1)) + 1 : (guint64)value;
  guint64 scale = 1;

  for (int i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, value < 0 ? "-" : "", magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, value < 0 ? "-" : "",
                          magnitude / scale, exponent, magnitude % scale);
}

char *
pos_amount_to_string (PosAmount amount, const PosCurrency *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (currency->exponent >= 0 && currency->exponent <= 3, NULL);

  return decimal_to_string (amount, currency->exponent);
}

char *
pos_qty_to_string (PosQty qty)
{
  char *text = decimal_to_string (qty, 3);
  gsize len = strlen (text);

  while (text[len - 1] == '0')
    text[--len] = '\0';
  if (text[len - 1] == '.')
    text[--len] = '\0';
  return text;
}
