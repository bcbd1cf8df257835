/* pos-currency.c — the currencies a shop can keep its books in, and how their
 * amounts are written for people.
 *
 * Denominations are the notes and coins in circulation that a cash count
 * lists; cash_step is the smallest coin, the step cash totals round to.
 */
#include "pos-money.h"

#include <string.h>

typedef struct
{
  PosCurrency currency;
  gboolean symbol_after; /* "12.50 kr" rather than "kr12.50" */
  const char *group;     /* between groups of three digits */
} PosCurrencyStyle;

static const PosAmount eur_denominations[]
    = { 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0 };
static const PosAmount usd_denominations[] = { 10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5, 1, 0 };
static const PosAmount gbp_denominations[] = { 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0 };
static const PosAmount chf_denominations[]
    = { 100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 0 };
static const PosAmount sek_denominations[]
    = { 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 0 };
static const PosAmount jpy_denominations[] = { 10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1, 0 };
static const PosAmount cad_denominations[] = { 10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5, 0 };
static const PosAmount nok_denominations[] = { 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 100, 0 };
static const PosAmount dkk_denominations[]
    = { 100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 0 };
static const PosAmount pln_denominations[]
    = { 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0 };
static const PosAmount aud_denominations[] = { 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 0 };

static const PosCurrencyStyle styles[] = {
  { { "EUR", 2, 1, "€", eur_denominations }, FALSE, "," },
  { { "USD", 2, 1, "$", usd_denominations }, FALSE, "," },
  { { "GBP", 2, 1, "£", gbp_denominations }, FALSE, "," },
  { { "CHF", 2, 5, "CHF", chf_denominations }, FALSE, "'" },
  { { "SEK", 2, 100, "kr", sek_denominations }, TRUE, " " },
  { { "JPY", 0, 1, "¥", jpy_denominations }, FALSE, "," },
  { { "CAD", 2, 5, "$", cad_denominations }, FALSE, "," },
  { { "NOK", 2, 100, "kr", nok_denominations }, TRUE, " " },
  { { "DKK", 2, 50, "kr", dkk_denominations }, TRUE, " " },
  { { "PLN", 2, 1, "zł", pln_denominations }, TRUE, " " },
  { { "AUD", 2, 5, "$", aud_denominations }, FALSE, "," },
};

static const PosCurrency *const currency_list[] = {
  &styles[0].currency, &styles[1].currency, &styles[2].currency,  &styles[3].currency,
  &styles[4].currency, &styles[5].currency, &styles[6].currency,  &styles[7].currency,
  &styles[8].currency, &styles[9].currency, &styles[10].currency, NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (currency_list) == G_N_ELEMENTS (styles) + 1);

const PosCurrency *
pos_currency_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_ascii_strcasecmp (styles[i].currency.code, code) == 0)
      return &styles[i].currency;
  return NULL;
}

const PosCurrency *const *
pos_currency_list (void)
{
  return currency_list;
}

/* The built-in style of @currency (also for a copy of a built-in one), or
 * NULL for a currency the caller made up. */
static const PosCurrencyStyle *
style_of (const PosCurrency *currency)
{
  for (gsize i = 0; i < G_N_ELEMENTS (styles); i++)
    if (currency == &styles[i].currency
        || (currency->code != NULL && strcmp (currency->code, styles[i].currency.code) == 0))
      return &styles[i];
  return NULL;
}

/* Appends the decimal digits of @magnitude with @group between thousands. */
static void
append_grouped (GString *out, guint64 magnitude, const char *group)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
}

char *
pos_amount_format (PosAmount amount, const PosCurrency *currency)
{
  const PosCurrencyStyle *style;
  GString *out = g_string_new (NULL);
  guint64 magnitude = amount < 0 ? (guint64)(-(amount + 1)) + 1 : (guint64)amount;
  guint64 scale = 1;
  gsize symbol_len;
  gboolean spaced;

  g_return_val_if_fail (currency != NULL && currency->symbol != NULL, NULL);
  g_return_val_if_fail (currency->exponent >= 0 && currency->exponent <= 3, NULL);

  style = style_of (currency);
  symbol_len = strlen (currency->symbol);
  /* "CHF 12.50" but "€12.50": letters would run into the digits. */
  spaced = symbol_len > 0 && g_ascii_isalpha (currency->symbol[symbol_len - 1]);
  for (int i = 0; i < currency->exponent; i++)
    scale *= 10;

  if (amount < 0)
    g_string_append_c (out, '-');
  if (style == NULL || !style->symbol_after)
    g_string_append_printf (out, "%s%s", currency->symbol, spaced ? " " : "");
  append_grouped (out, magnitude / scale, style != NULL ? style->group : ",");
  if (currency->exponent > 0)
    g_string_append_printf (out, ".%0*" G_GUINT64_FORMAT, currency->exponent, magnitude % scale);
  if (style != NULL && style->symbol_after)
    g_string_append_printf (out, " %s", currency->symbol);
  return g_string_free (out, FALSE);
}
