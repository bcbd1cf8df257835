/* pos-country.h — what a new shop's country decides: currency, tax rates,
 * whether shelf prices include tax, how cash totals are rounded, and the
 * locale money and dates are written in.
 *
 * These are presets for the first-run setup: the owner sees them and may
 * change any of them before the shop is created. Rates are the standard
 * and reduced VAT (GST, sales tax) rates in force in 2026.
 */
#pragma once

#include "pos-money.h"
#include "pos-tax.h"

G_BEGIN_DECLS

#define POS_COUNTRY_MAX_RATES 5

typedef struct
{
  const char *code; /* printed on receipts: "A" */
  const char *name; /* "Standard" */
  gint64 rate_bp;   /* basis points: 1900 = 19 % */
} PosCountryRate;

typedef struct
{
  const char *code;                            /* ISO 3166-1 alpha-2, "GB" for the United Kingdom */
  const char *name;                            /* "Germany", untranslated: show _(name) */
  const char *currency;                        /* ISO 4217 "EUR" */
  PosTaxMode tax_mode;                         /* shelf prices include tax (VAT countries) or not (US, CA) */
  PosAmount cash_step;                         /* cash rounding of a total in minor units: CH 5, NL 5, DE 1 */
  PosCountryRate rates[POS_COUNTRY_MAX_RATES]; /* the first is the standard rate; a NULL code ends */
  const char *locale;                          /* how the shop writes money and dates: "de_DE" */
} PosCountry;

/* The countries with presets, in a stable order, NULL-terminated.
 * Returns: (transfer none) */
const PosCountry *const *pos_country_list (void);

/* The country with ISO code @code (ASCII case ignored; "UK" is taken for
 * "GB"). Returns: (transfer none) (nullable): NULL when there is no preset. */
const PosCountry *pos_country_lookup (const char *code);

/* The language receipts and reports of a shop in @country are written in
 * ("de", "de_CH"; the shop setting "language"). Returns: (transfer none) */
const char *pos_country_language (const PosCountry *country);

/* How many tax rates @country presets. */
guint pos_country_rate_count (const PosCountry *country);

G_END_DECLS
