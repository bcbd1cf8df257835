/* pos-currency.c — the currencies a shop can keep its books in.
 *
 * Denominations are the notes and coins in circulation that a cash count
 * lists; cash_step is the smallest coin, the step cash totals round to.
 * How amounts are written for people is the locale's business (pos-format.c).
 */
#include "pos-money.h"

typedef struct
{
  PosCurrency currency;
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
  { { "EUR", 2, 1, "€", eur_denominations } },    { { "USD", 2, 1, "$", usd_denominations } },
  { { "GBP", 2, 1, "£", gbp_denominations } },    { { "CHF", 2, 5, "CHF", chf_denominations } },
  { { "SEK", 2, 100, "kr", sek_denominations } }, { { "JPY", 0, 1, "¥", jpy_denominations } },
  { { "CAD", 2, 5, "$", cad_denominations } },    { { "NOK", 2, 100, "kr", nok_denominations } },
  { { "DKK", 2, 50, "kr", dkk_denominations } },  { { "PLN", 2, 1, "zł", pln_denominations } },
  { { "AUD", 2, 5, "$", aud_denominations } },
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
