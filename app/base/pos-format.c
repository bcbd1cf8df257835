/* pos-format.c — local formats through ICU (see pos-format.h).
 *
 * Number formatters are built once per locale and pattern and shared: ICU's
 * UNumberFormatter is immutable and safe to use from several threads, each
 * call with its own result object.  Date formatters keep a calendar inside,
 * so they are opened per call; receipts and reports print few dates.
 */
#include "pos-format.h"

#include "pos-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

#define POS_FORMAT_MAX 256 /* UTF-16 units: longer than any amount or date */

static GMutex cache_lock;
static GHashTable *formatters; /* "locale|skeleton" → UNumberFormatter* */
static GHashTable *currencies; /* "CODE|locale" → PosCurrency* */

gboolean
pos_locale_is_known (const char *locale)
{
  char language[ULOC_LANG_CAPACITY] = "";
  UErrorCode status = U_ZERO_ERROR;

  g_return_val_if_fail (locale != NULL, FALSE);

  if (!g_regex_match_simple ("^[a-z]{2,3}(_[A-Z]{2})?$", locale, 0, 0))
    return FALSE;
  uloc_getLanguage (locale, language, sizeof language, &status);
  if (U_FAILURE (status))
    return FALSE;
  for (int32_t i = 0; i < uloc_countAvailable (); i++)
    {
      char available[ULOC_LANG_CAPACITY] = "";
      UErrorCode st = U_ZERO_ERROR;

      uloc_getLanguage (uloc_getAvailable (i), available, sizeof available, &st);
      if (U_SUCCESS (st) && strcmp (available, language) == 0)
        return TRUE;
    }
  return FALSE;
}

const char *
pos_currency_home_locale (const PosCurrency *currency)
{
  static const struct
  {
    const char *code, *locale;
  } homes[] = {
    { "EUR", "en_IE" }, { "USD", "en_US" }, { "GBP", "en_GB" }, { "CHF", "de_CH" },
    { "SEK", "sv_SE" }, { "JPY", "en" },    { "CAD", "en_CA" }, { "NOK", "nb_NO" },
    { "DKK", "da_DK" }, { "PLN", "pl_PL" }, { "AUD", "en_AU" },
  };

  g_return_val_if_fail (currency != NULL, "en");

  for (gsize i = 0; i < G_N_ELEMENTS (homes); i++)
    if (g_strcmp0 (currency->code, homes[i].code) == 0)
      return homes[i].locale;
  return "en";
}

const char *
pos_currency_get_locale (const PosCurrency *currency)
{
  g_return_val_if_fail (currency != NULL, "en");

  return currency->locale != NULL ? currency->locale : pos_currency_home_locale (currency);
}

static void
free_currency (gpointer data)
{
  PosCurrency *currency = data;

  g_free ((char *)currency->locale);
  g_free (currency);
}

const PosCurrency *
pos_currency_for_locale (const PosCurrency *currency, const char *locale)
{
  g_autofree char *key = NULL;
  PosCurrency *found;

  g_return_val_if_fail (currency != NULL, NULL);

  if (locale == NULL || *locale == '\0')
    return pos_currency_lookup (currency->code) ? pos_currency_lookup (currency->code) : currency;
  key = g_strdup_printf ("%s|%s", currency->code, locale);
  g_mutex_lock (&cache_lock);
  if (currencies == NULL)
    currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_currency);
  found = g_hash_table_lookup (currencies, key);
  if (found == NULL)
    {
      found = g_new (PosCurrency, 1);
      *found = *currency;
      found->locale = g_strdup (locale);
      g_hash_table_insert (currencies, g_steal_pointer (&key), found);
    }
  g_mutex_unlock (&cache_lock);
  return found;
}

/* The shared formatter for @skeleton in @locale; NULL only when ICU
 * refuses the skeleton, which is a programming error. */
static const UNumberFormatter *
number_formatter (const char *locale, const char *skeleton)
{
  g_autofree char *key = g_strdup_printf ("%s|%s", locale, skeleton);
  UNumberFormatter *formatter;

  g_mutex_lock (&cache_lock);
  if (formatters == NULL)
    formatters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)unumf_close);
  formatter = g_hash_table_lookup (formatters, key);
  if (formatter == NULL)
    {
      UChar uskeleton[POS_FORMAT_MAX];
      UErrorCode status = U_ZERO_ERROR;

      u_strFromUTF8 (uskeleton, G_N_ELEMENTS (uskeleton), NULL, skeleton, -1, &status);
      formatter = unumf_openForSkeletonAndLocale (uskeleton, -1, locale, &status);
      if (U_FAILURE (status))
        {
          g_critical ("ICU refused number skeleton “%s” for %s: %s", skeleton, locale, u_errorName (status));
          g_clear_pointer (&formatter, unumf_close);
        }
      else
        g_hash_table_insert (formatters, g_steal_pointer (&key), formatter);
    }
  g_mutex_unlock (&cache_lock);
  return formatter;
}

static char *
utf16_to_utf8 (const UChar *text, int32_t len)
{
  char out[POS_FORMAT_MAX * 3];
  UErrorCode status = U_ZERO_ERROR;

  u_strToUTF8 (out, sizeof out, NULL, text, len, &status);
  return g_strdup (U_SUCCESS (status) ? out : "");
}

/* @decimal ("-1234.50") formatted with @skeleton in @locale. */
static char *
format_decimal (const char *locale, const char *skeleton, const char *decimal)
{
  const UNumberFormatter *formatter = number_formatter (locale, skeleton);
  UErrorCode status = U_ZERO_ERROR;
  UFormattedNumber *result;
  UChar buffer[POS_FORMAT_MAX];
  int32_t len;

  if (formatter == NULL)
    return g_strdup (decimal);
  result = unumf_openResult (&status);
  unumf_formatDecimal (formatter, decimal, -1, result, &status);
  len = unumf_resultToString (result, buffer, G_N_ELEMENTS (buffer), &status);
  unumf_closeResult (result);
  if (U_FAILURE (status))
    {
      g_critical ("ICU could not format %s in %s: %s", decimal, locale, u_errorName (status));
      return g_strdup (decimal);
    }
  return utf16_to_utf8 (buffer, len);
}

/* Exactly the currency's decimals, so ICU never rounds or pads an amount
 * differently from what the books hold. */
static char *
precision_of (const PosCurrency *currency)
{
  if (currency->exponent == 0)
    return g_strdup ("precision-integer");
  return g_strdup_printf (".%.*s", currency->exponent, "000");
}

/* An ISO 4217-shaped code that ICU can name; other codes (tests, the
 * percent pseudo-currency) print their own symbol instead. */
static gboolean
is_iso_code (const char *code)
{
  return code != NULL && strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1])
         && g_ascii_isupper (code[2]);
}

char *
pos_amount_format (PosAmount amount, const PosCurrency *currency)
{
  g_autofree char *decimal = NULL;
  g_autofree char *precision = NULL;
  g_autofree char *skeleton = NULL;

  g_return_val_if_fail (currency != NULL && currency->symbol != NULL, NULL);
  g_return_val_if_fail (currency->exponent >= 0 && currency->exponent <= 3, NULL);

  decimal = pos_amount_to_string (amount, currency);
  precision = precision_of (currency);
  if (!is_iso_code (currency->code))
    {
      g_autofree char *number = pos_amount_format_number (amount, currency);
      return g_strdup_printf ("%s %s", currency->symbol, number);
    }
  skeleton = g_strdup_printf ("currency/%s %s", currency->code, precision);
  return format_decimal (pos_currency_get_locale (currency), skeleton, decimal);
}

char *
pos_amount_format_plain (PosAmount amount, const PosCurrency *currency)
{
  g_autofree char *decimal = NULL;
  g_autofree char *precision = NULL;
  g_autofree char *skeleton = NULL;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (currency->exponent >= 0 && currency->exponent <= 3, NULL);

  decimal = pos_amount_to_string (amount, currency);
  precision = precision_of (currency);
  /* ASCII minus: this text goes back into an entry, not onto paper. */
  skeleton = g_strdup_printf ("%s group-off sign-auto", precision);
  return format_decimal (pos_currency_get_locale (currency), skeleton, decimal);
}

char *
pos_amount_format_number (PosAmount amount, const PosCurrency *currency)
{
  g_autofree char *decimal = NULL;
  g_autofree char *precision = NULL;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (currency->exponent >= 0 && currency->exponent <= 3, NULL);

  decimal = pos_amount_to_string (amount, currency);
  precision = precision_of (currency);
  return format_decimal (pos_currency_get_locale (currency), precision, decimal);
}

char *
pos_qty_format (PosQty qty, const char *locale)
{
  g_autofree char *decimal = pos_qty_to_string (qty);

  return format_decimal (locale != NULL ? locale : "en", ".###", decimal);
}

/* @when as ICU formats @skeleton in @locale, in @when's own offset. */
static char *
format_date_time (GDateTime *when, const char *locale, const char *skeleton_utf8)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar skeleton[32], utc[8], pattern[POS_FORMAT_MAX], buffer[POS_FORMAT_MAX];
  UDateTimePatternGenerator *generator;
  UDateFormat *format;
  UDate ms;
  int32_t len;

  /* The wall-clock time as if it were UTC: ICU then needs no zone data
   * that could disagree with GLib's. */
  ms = ((double)g_date_time_to_unix (when) + (double)(g_date_time_get_utc_offset (when) / G_TIME_SPAN_SECOND))
       * 1000.0;
  u_uastrcpy (skeleton, skeleton_utf8);
  u_uastrcpy (utc, "UTC");
  generator = udatpg_open (locale, &status);
  len = udatpg_getBestPattern (generator, skeleton, -1, pattern, G_N_ELEMENTS (pattern), &status);
  udatpg_close (generator);
  format = udat_open (UDAT_PATTERN, UDAT_PATTERN, locale, utc, -1, pattern, len, &status);
  len = udat_format (format, ms, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  udat_close (format);
  if (U_FAILURE (status))
    {
      g_critical ("ICU could not format a date in %s: %s", locale, u_errorName (status));
      return g_date_time_format (when, "%Y-%m-%d %H:%M");
    }
  return utf16_to_utf8 (buffer, len);
}

char *
pos_date_format (GDateTime *when, const char *locale)
{
  g_return_val_if_fail (when != NULL, NULL);

  return format_date_time (when, locale != NULL ? locale : "en", "yMMdd");
}

char *
pos_time_format (GDateTime *when, const char *locale)
{
  g_return_val_if_fail (when != NULL, NULL);

  return format_date_time (when, locale != NULL ? locale : "en", "jmm");
}

/* One symbol of @locale's number format as UTF-8. */
static char *
number_symbol (const char *locale, UNumberFormatSymbol which)
{
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format = unum_open (UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
  UChar buffer[16];
  int32_t len = unum_getSymbol (format, which, buffer, G_N_ELEMENTS (buffer), &status);

  unum_close (format);
  if (U_FAILURE (status))
    return g_strdup (which == UNUM_DECIMAL_SEPARATOR_SYMBOL ? "." : ",");
  return utf16_to_utf8 (buffer, len);
}

char *
pos_locale_decimal_separator (const char *locale)
{
  return number_symbol (locale != NULL ? locale : "en", UNUM_DECIMAL_SEPARATOR_SYMBOL);
}

/* The same text with the spaces and apostrophes people type in place of
 * ICU's typographic ones (no-break spaces, ’) made plain. */
static char *
plain_separators (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00A0 || c == 0x202F || c == 0x2009)
        c = ' ';
      else if (c == 0x2019)
        c = '\'';
      else if (c == 0x2212)
        c = '-';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Removes @affix from the start (or end) of @text when it is there. */
static gboolean
strip_affix (char *text, const char *affix, gboolean at_end)
{
  gsize len = strlen (text), n = affix != NULL ? strlen (affix) : 0;

  if (n == 0 || n > len)
    return FALSE;
  if (!at_end && strncmp (text, affix, n) == 0)
    memmove (text, text + n, len - n + 1);
  else if (at_end && strcmp (text + len - n, affix) == 0)
    text[len - n] = '\0';
  else
    return FALSE;
  g_strstrip (text);
  return TRUE;
}

/* The currency's symbol as @locale writes it ("€", "zł", "CHF"). */
static char *
local_symbol (const PosCurrency *currency)
{
  g_autofree char *formatted = NULL;
  g_autofree char *zero = NULL;
  GString *symbol = g_string_new (NULL);

  if (!is_iso_code (currency->code))
    return g_string_free (symbol, FALSE);
  formatted = pos_amount_format (0, currency);
  zero = plain_separators (formatted);
  for (const char *p = zero; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '.' && *p != ',' && *p != '\'')
      g_string_append_c (symbol, *p);
  return g_string_free (symbol, FALSE);
}

/* Strips a sign and the currency (symbol or code) from both ends of
 * @text; returns whether the amount was negative. */
static gboolean
strip_sign_and_symbol (char *text, const PosCurrency *currency)
{
  g_autofree char *symbol = local_symbol (currency);
  const char *affixes[] = { symbol, currency->symbol, currency->code };
  gboolean negative = FALSE;

  g_strstrip (text);
  for (int pass = 0; pass < 2; pass++)
    {
      if (*text == '-')
        {
          negative = TRUE;
          memmove (text, text + 1, strlen (text));
          g_strstrip (text);
        }
      for (gsize i = 0; i < G_N_ELEMENTS (affixes); i++)
        if (strip_affix (text, affixes[i], FALSE) || strip_affix (text, affixes[i], TRUE))
          break;
    }
  return negative;
}

/* Whether @integer ("1.234.567") is digits grouped by three with @group. */
static gboolean
is_grouped (const char *integer, const char *group)
{
  g_auto (GStrv) parts = g_strsplit (integer, group, -1);
  guint n = g_strv_length (parts);

  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (parts[i]);

      if (len == 0 || (i == 0 ? len > 3 : len != 3) || strspn (parts[i], "0123456789") != len)
        return FALSE;
    }
  return TRUE;
}

/* The integer part without its grouping, or NULL when it is not digits. */
static char *
ungroup (const char *integer, const char *group)
{
  if (*group != '\0' && strstr (integer, group) != NULL)
    {
      g_auto (GStrv) groups = NULL;

      if (!is_grouped (integer, group))
        return NULL;
      groups = g_strsplit (integer, group, -1);
      return g_strjoinv ("", groups);
    }
  if (*integer == '\0' || strspn (integer, "0123456789") != strlen (integer))
    return NULL;
  return g_strdup (integer);
}

/* "1.234,56" in a comma locale → "1234.56"; NULL when it is not a number. */
static char *
to_machine_decimal (const char *number, const char *decimal, const char *group)
{
  const char *mark = g_strrstr (number, decimal);
  g_autofree char *integer = NULL;
  g_autofree char *digits = NULL;
  const char *fraction = NULL;

  /* "2.49" typed on a keypad in a comma locale: a decimal point, since it
   * cannot be a thousands group. */
  if (mark == NULL && strcmp (decimal, ".") != 0 && strchr (number, '.') != NULL
      && strchr (number, '.') == strrchr (number, '.') && !is_grouped (number, "."))
    {
      decimal = ".";
      mark = strchr (number, '.');
    }
  integer = mark != NULL ? g_strndup (number, mark - number) : g_strdup (number);
  if (mark != NULL)
    {
      fraction = mark + strlen (decimal);
      if (*fraction == '\0' || strspn (fraction, "0123456789") != strlen (fraction))
        return NULL;
    }
  if ((digits = ungroup (integer, group)) == NULL)
    return NULL;
  return fraction != NULL ? g_strdup_printf ("%s.%s", digits, fraction) : g_steal_pointer (&digits);
}

static gboolean
malformed_amount (const char *text, const PosCurrency *currency, GError **error)
{
  g_autofree char *example = pos_amount_format_plain (currency->exponent > 0 ? 1250 : 1200, currency);
  g_autofree char *decimal = pos_locale_decimal_separator (pos_currency_get_locale (currency));

  if (currency->exponent == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("“%s” is not an amount in %s: write whole numbers, like %s"), text, currency->code,
                 example);
  else
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("“%s” is not an amount in %s: write digits with “%s” before the decimals, like %s"), text,
                 currency->code, decimal, example);
  return FALSE;
}

gboolean
pos_amount_parse_local (const char *text, const PosCurrency *currency, PosAmount *out, GError **error)
{
  const char *locale;
  g_autofree char *plain = NULL, *decimal = NULL, *group_raw = NULL, *group = NULL, *machine = NULL;
  g_autofree char *signed_machine = NULL;
  gboolean negative;
  const char *fraction;

  g_return_val_if_fail (text != NULL && currency != NULL && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locale = pos_currency_get_locale (currency);
  plain = plain_separators (text);
  negative = strip_sign_and_symbol (plain, currency);
  decimal = pos_locale_decimal_separator (locale);
  group_raw = number_symbol (locale, UNUM_GROUPING_SEPARATOR_SYMBOL);
  group = plain_separators (group_raw);
  if (*plain == '\0' && !negative)
    return pos_amount_parse ("", currency, out, error); /* its "empty" message */
  if ((machine = to_machine_decimal (plain, decimal, group)) == NULL)
    return malformed_amount (text, currency, error);
  fraction = strchr (machine, '.');
  if (fraction != NULL && (int)strlen (fraction + 1) > currency->exponent)
    {
      if (currency->exponent == 0)
        return malformed_amount (text, currency, error);
      return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                          _ ("“%s” has too many decimals: at most %d for the amount in %s"), text,
                          currency->exponent, currency->code),
             FALSE;
    }
  signed_machine = g_strconcat (negative ? "-" : "", machine, NULL);
  return pos_amount_parse (signed_machine, currency, out, error);
}
