/* pos-country.c — per-country presets for a new shop (see pos-country.h). */
#include "pos-country.h"

#include <glib/gi18n-lib.h>

/* Cash steps: where the smallest coins are gone or rounding of cash totals
 * is the law or the custom (CH, NL, BE, IE, IT, CA), totals paid in cash
 * round to 5 cents; elsewhere to the smallest coin. */
static const PosCountry countries[] = {
  { "AT",
    N_ ("Austria"),
    "EUR",
    POS_TAX_INCLUSIVE,
    1,
    { { "A", "Standard", 2000 }, { "B", "Reduced", 1000 }, { "C", "Reduced (13 %)", 1300 } },
    "de_AT" },
  { "BE",
    N_ ("Belgium"),
    "EUR",
    POS_TAX_INCLUSIVE,
    5,
    { { "A", "Standard", 2100 }, { "B", "Intermediate", 1200 }, { "C", "Reduced", 600 } },
    "fr_BE" },
  { "CA",
    N_ ("Canada"),
    "CAD",
    POS_TAX_EXCLUSIVE,
    5,
    { { "A", "GST", 500 },
      { "B", "HST (Ontario)", 1300 },
      { "C", "HST (Atlantic)", 1500 },
      { "Z", "Zero-rated", 0 } },
    "en_CA" },
  { "CH",
    N_ ("Switzerland"),
    "CHF",
    POS_TAX_INCLUSIVE,
    5,
    { { "A", "Standard", 810 }, { "B", "Reduced", 260 }, { "C", "Accommodation", 380 } },
    "de_CH" },
  { "DE",
    N_ ("Germany"),
    "EUR",
    POS_TAX_INCLUSIVE,
    1,
    { { "A", "Standard", 1900 }, { "B", "Reduced", 700 } },
    "de_DE" },
  { "ES",
    N_ ("Spain"),
    "EUR",
    POS_TAX_INCLUSIVE,
    1,
    { { "A", "Standard", 2100 }, { "B", "Reduced", 1000 }, { "C", "Super-reduced", 400 } },
    "es_ES" },
  { "FR",
    N_ ("France"),
    "EUR",
    POS_TAX_INCLUSIVE,
    1,
    { { "A", "Standard", 2000 },
      { "B", "Intermediate", 1000 },
      { "C", "Reduced", 550 },
      { "D", "Super-reduced", 210 } },
    "fr_FR" },
  { "GB",
    N_ ("United Kingdom"),
    "GBP",
    POS_TAX_INCLUSIVE,
    1,
    { { "A", "Standard", 2000 }, { "B", "Reduced", 500 }, { "Z", "Zero-rated", 0 } },
    "en_GB" },
  { "IE",
    N_ ("Ireland"),
    "EUR",
    POS_TAX_INCLUSIVE,
    5,
    { { "A", "Standard", 2300 },
      { "B", "Reduced", 1350 },
      { "C", "Second reduced", 900 },
      { "Z", "Zero-rated", 0 } },
    "en_IE" },
  { "IT",
    N_ ("Italy"),
    "EUR",
    POS_TAX_INCLUSIVE,
    5,
    { { "A", "Standard", 2200 },
      { "B", "Reduced", 1000 },
      { "C", "Reduced (5 %)", 500 },
      { "D", "Super-reduced", 400 } },
    "it_IT" },
  { "NL",
    N_ ("Netherlands"),
    "EUR",
    POS_TAX_INCLUSIVE,
    5,
    { { "A", "Standard", 2100 }, { "B", "Reduced", 900 } },
    "nl_NL" },
  { "PL",
    N_ ("Poland"),
    "PLN",
    POS_TAX_INCLUSIVE,
    1,
    { { "A", "Standard", 2300 }, { "B", "Reduced", 800 }, { "C", "Reduced (5 %)", 500 } },
    "pl_PL" },
  /* No national sales tax: the rate is the owner's state and local one. */
  { "US", N_ ("United States"), "USD", POS_TAX_EXCLUSIVE, 1, { { "A", "Sales tax", 0 } }, "en_US" },
};

const PosCountry *const *
pos_country_list (void)
{
  static const PosCountry *list[G_N_ELEMENTS (countries) + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (countries); i++)
        list[i] = &countries[i];
      g_once_init_leave (&done, 1);
    }
  return list;
}

const PosCountry *
pos_country_lookup (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  if (g_ascii_strcasecmp (code, "UK") == 0)
    code = "GB";
  for (gsize i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (countries[i].code, code) == 0)
      return &countries[i];
  return NULL;
}

guint
pos_country_rate_count (const PosCountry *country)
{
  guint n = 0;

  g_return_val_if_fail (country != NULL, 0);
  while (n < POS_COUNTRY_MAX_RATES && country->rates[n].code != NULL)
    n++;
  return n;
}

const char *
pos_country_language (const PosCountry *country)
{
  /* The language most shops of the country print their receipts in; where
   * there are several (BE, CA, CH), the owner changes it in Settings. */
  static const char *const languages[][2] = {
    { "AT", "de_AT" }, { "BE", "nl_BE" }, { "CA", "en_CA" }, { "CH", "de_CH" }, { "DE", "de" },
    { "ES", "es" },    { "FR", "fr" },    { "GB", "en_GB" }, { "IE", "en_IE" }, { "IT", "it" },
    { "NL", "nl" },    { "PL", "pl" },    { "US", "en_US" },
  };

  g_return_val_if_fail (country != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i][0], country->code))
      return languages[i][1];
  return "";
}
