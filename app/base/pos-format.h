/* pos-format.h — amounts, quantities, dates and times as the shop's locale
 * writes them, and amounts typed the way that locale types them.
 *
 * The shop's locale ("de_DE", "nl_NL", "de_CH", "pl_PL", "en_US") travels
 * with its currency: pos_currency_for_locale() gives the currency "as this
 * shop writes it", and every function that takes a PosCurrency formats in
 * that locale.  A currency without a locale is written the way its home
 * country writes it in English-speaking use (pos_currency_home_locale()).
 *
 * The digits come from ICU, fed with the exact decimal string of the
 * amount: no amount ever passes through a double.
 */
#pragma once

#include "pos-money.h"

G_BEGIN_DECLS

/* Whether ICU knows the language of @locale ("de_DE", "pl", "fr_CH"), so
 * that formats in it are the language's own and not a silent fallback. */
gboolean pos_locale_is_known (const char *locale);

/* The locale used for @currency when the shop has none set:
 * "en_IE" for EUR, "en_US" for USD, "de_CH" for CHF, "pl_PL" for PLN...
 * Returns: (transfer none) */
const char *pos_currency_home_locale (const PosCurrency *currency);

/* @currency as written in @locale: the same code, exponent, cash step and
 * denominations, formatted the locale's way.  The result lives as long as
 * the process (one per currency and locale), so it can be kept anywhere a
 * built-in currency is kept.  A NULL or empty @locale gives the built-in
 * currency back.  Returns: (transfer none) */
const PosCurrency *pos_currency_for_locale (const PosCurrency *currency, const char *locale);

/* The locale amounts in @currency are written in: its own, else the
 * currency's home locale.  Returns: (transfer none) */
const char *pos_currency_get_locale (const PosCurrency *currency);

/* An amount as a number in the currency's locale without symbol or
 * grouping, the way a person types it into a price field: "2,49" in
 * de_DE, "2.49" in en_US, "1200" for JPY.  pos_amount_parse_local() reads
 * it back.  Returns: (transfer full) */
char *pos_amount_format_plain (PosAmount amount, const PosCurrency *currency);

/* An amount as a grouped number without the currency symbol, for columns
 * of a report or a tax table: "1.234,56" in de_DE, "1,234.56" in en_US.
 * Returns: (transfer full) */
char *pos_amount_format_number (PosAmount amount, const PosCurrency *currency);

/* Parses an amount a person typed in the currency's locale: its decimal
 * separator ("2,49" in de_DE), optionally its grouping ("1.234,56") and the
 * currency symbol or code before or after ("2,49 €", "CHF 1.95").  A "."
 * in a comma locale that cannot be grouping ("2.49") is read as a decimal
 * point, as a keypad types it.  Anything else is POS_ERROR_INVALID with a
 * message that shows the local way to write it. */
gboolean pos_amount_parse_local (const char *text, const PosCurrency *currency, PosAmount *out,
                                 GError **error);

/* A quantity in @locale without trailing zeros: 1500 → "1,5" in de_DE.
 * Returns: (transfer full) */
char *pos_qty_format (PosQty qty, const char *locale);

/* The date of @when (its own offset) in @locale with a four-digit year and
 * two-digit day and month: "31.12.2026" de_DE, "31/12/2026" fr_FR,
 * "12/31/2026" en_US.  Returns: (transfer full) */
char *pos_date_format (GDateTime *when, const char *locale);

/* The time of day of @when in @locale, hours and minutes, in the locale's
 * hour cycle: "14:05" de_DE, "2:05 PM" en_US.  Returns: (transfer full) */
char *pos_time_format (GDateTime *when, const char *locale);

/* The locale's decimal separator as UTF-8: "," de_DE, "." en_US.
 * Returns: (transfer full) */
char *pos_locale_decimal_separator (const char *locale);

G_END_DECLS
