/* test-format.c — money, numbers, dates and times in the shop's locale.
 *
 * The expected strings are ICU's (CLDR) bytes: "\u00a0" is a no-break
 * space, "\u202f" a narrow no-break space, "\u2019" a typographic
 * apostrophe, "\u2212" a minus sign.
 */
#include "pos-test-util.h"

#include "pos-error.h"
#include "pos-format.h"
#include "pos-shop.h"

#include <string.h>

static const PosCurrency *
in (const char *code, const char *locale)
{
  const PosCurrency *currency = pos_currency_lookup (code);

  assert_non_null (currency);
  return pos_currency_for_locale (currency, locale);
}

static void
assert_format (PosAmount amount, const PosCurrency *currency, const char *expected)
{
  g_autofree char *text = pos_amount_format (amount, currency);

  if (strcmp (text, expected) != 0)
    fail_msg ("%s in %s: got “%s”, want “%s”", currency->code, currency->locale, text, expected);
}

static void
test_amounts_follow_the_shop_locale (void **state)
{
  assert_format (199, in ("EUR", "de_DE"), "1,99\u00a0€");
  assert_format (-123456, in ("EUR", "de_DE"), "-1.234,56\u00a0€");
  assert_format (199, in ("EUR", "nl_NL"), "€\u00a01,99");
  assert_format (-123456, in ("EUR", "nl_NL"), "€\u00a0-1.234,56");
  assert_format (195, in ("CHF", "de_CH"), "CHF\u00a01.95");
  assert_format (123450, in ("CHF", "de_CH"), "CHF\u00a01\u2019234.50");
  /* Polish groups only from five digits on (CLDR minimum grouping). */
  assert_format (123456, in ("PLN", "pl_PL"), "1234,56\u00a0zł");
  assert_format (1234567, in ("PLN", "pl_PL"), "12\u00a0345,67\u00a0zł");
  assert_format (123456, in ("USD", "en_US"), "$1,234.56");
  assert_format (-123456, in ("USD", "en_US"), "-$1,234.56");
  assert_format (123456, in ("EUR", "fr_FR"), "1\u202f234,56\u00a0€");
  assert_format (635, in ("EUR", "de_AT"), "€\u00a06,35");
}

/* The digits come from the exact decimal string, never from a double:
 * 2^63 − 1 cents has more digits than a double keeps. */
static void
test_amounts_are_exact_to_the_last_minor_unit (void **state)
{
  assert_format (G_MAXINT64, in ("EUR", "de_DE"), "92.233.720.368.547.758,07\u00a0€");
  assert_format (-G_MAXINT64, in ("USD", "en_US"), "-$92,233,720,368,547,758.07");
  assert_format (G_MININT64, in ("JPY", "en_US"), "-¥9,223,372,036,854,775,808");
  assert_format (1, in ("EUR", "fr_FR"), "0,01\u00a0€");
}

static void
test_plain_and_grouped_numbers (void **state)
{
  g_autofree char *de = pos_amount_format_plain (123449, in ("EUR", "de_DE"));
  g_autofree char *de_negative = pos_amount_format_plain (-300, in ("EUR", "de_DE"));
  g_autofree char *us = pos_amount_format_plain (123449, in ("USD", "en_US"));
  g_autofree char *yen = pos_amount_format_plain (1200, in ("JPY", "en_US"));
  g_autofree char *grouped = pos_amount_format_number (123456, in ("EUR", "de_DE"));
  g_autofree char *grouped_fr = pos_amount_format_number (123456, in ("EUR", "fr_FR"));

  assert_string_equal (de, "1234,49");
  assert_string_equal (de_negative, "-3,00");
  assert_string_equal (us, "1234.49");
  assert_string_equal (yen, "1200");
  assert_string_equal (grouped, "1.234,56");
  assert_string_equal (grouped_fr, "1\u202f234,56");
}

static PosAmount
parse_ok (const char *text, const PosCurrency *currency)
{
  g_autoptr (GError) error = NULL;
  PosAmount amount = 0;

  if (!pos_amount_parse_local (text, currency, &amount, &error))
    fail_msg ("“%s” in %s: %s", text, currency->locale, error->message);
  return amount;
}

static void
test_entry_accepts_the_local_decimal_separator (void **state)
{
  const PosCurrency *de = in ("EUR", "de_DE");

  assert_int_equal (parse_ok ("2,49", de), 249);
  assert_int_equal (parse_ok ("2,5", de), 250);
  assert_int_equal (parse_ok (" 1.234,56 ", de), 123456);
  assert_int_equal (parse_ok ("2,49 €", de), 249);
  assert_int_equal (parse_ok ("-3,00", de), -300);
  assert_int_equal (parse_ok ("1.234", de), 123400); /* grouping, as the locale writes it */
  assert_int_equal (parse_ok ("2.49", de), 249);     /* a keypad's point cannot be grouping here */
  assert_int_equal (parse_ok ("7", de), 700);
  assert_int_equal (parse_ok ("€ 1,99", in ("EUR", "nl_NL")), 199);
  assert_int_equal (parse_ok ("CHF 1.95", in ("CHF", "de_CH")), 195);
  assert_int_equal (parse_ok ("1'234.50", in ("CHF", "de_CH")), 123450);
  assert_int_equal (parse_ok ("1\u2019234.50", in ("CHF", "de_CH")), 123450);
  assert_int_equal (parse_ok ("1 234,56 zł", in ("PLN", "pl_PL")), 123456);
  assert_int_equal (parse_ok ("1234,56", in ("PLN", "pl_PL")), 123456);
  assert_int_equal (parse_ok ("1\u202f234,56", in ("EUR", "fr_FR")), 123456);
  assert_int_equal (parse_ok ("$1,234.56", in ("USD", "en_US")), 123456);
  assert_int_equal (parse_ok ("1200", in ("JPY", "en_US")), 1200);
}

static void
assert_refused (const char *text, const PosCurrency *currency, const char *hint)
{
  g_autoptr (GError) error = NULL;
  PosAmount amount = 42;

  if (pos_amount_parse_local (text, currency, &amount, &error))
    fail_msg ("“%s” in %s was read as %" G_GINT64_FORMAT, text, currency->locale, amount);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (amount, 42);
  if (strstr (error->message, hint) == NULL)
    fail_msg ("“%s”: message “%s” lacks “%s”", text, error->message, hint);
}

static void
test_entry_refuses_garbage_with_the_local_example (void **state)
{
  const PosCurrency *de = in ("EUR", "de_DE");

  assert_refused ("abc", de, "like 12,50");
  assert_refused ("1,2,3", de, "“,” before the decimals");
  assert_refused ("12,50x", de, "like 12,50");
  assert_refused ("2€49", de, "like 12,50");
  assert_refused ("1.23.4,5", de, "like 12,50");
  assert_refused ("2,499", de, "too many decimals");
  assert_refused ("", de, "empty");
  assert_refused ("1,99", in ("USD", "en_US"), "like 12.50");
  assert_refused ("12,5", in ("JPY", "en_US"), "whole numbers");
}

/* What the till shows, a person can type back, in every locale. */
static void
test_formatted_amounts_parse_back (void **state)
{
  const struct
  {
    const char *code, *locale;
  } shops[] = {
    { "EUR", "de_DE" }, { "EUR", "fr_FR" }, { "EUR", "nl_NL" }, { "CHF", "de_CH" },
    { "PLN", "pl_PL" }, { "USD", "en_US" }, { "SEK", "sv_SE" }, { "JPY", "en_US" },
  };
  const PosAmount values[] = { 0, 1, 199, -199, 123456, -123456, 123456789 };

  for (gsize s = 0; s < G_N_ELEMENTS (shops); s++)
    for (gsize v = 0; v < G_N_ELEMENTS (values); v++)
      {
        const PosCurrency *currency = in (shops[s].code, shops[s].locale);
        g_autofree char *shown = pos_amount_format (values[v], currency);
        g_autofree char *typed = pos_amount_format_plain (values[v], currency);

        assert_int_equal (parse_ok (shown, currency), values[v]);
        assert_int_equal (parse_ok (typed, currency), values[v]);
      }
}

static void
test_quantities_dates_and_times (void **state)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (3600);
  g_autoptr (GDateTime) when = g_date_time_new (zone, 2026, 12, 31, 14, 5, 0);
  g_autoptr (GDateTime) january = g_date_time_new (zone, 2026, 1, 2, 9, 7, 0);
  const struct
  {
    const char *locale, *date, *time;
  } expected[] = {
    { "de_DE", "31.12.2026", "14:05" }, { "fr_FR", "31/12/2026", "14:05" },
    { "nl_NL", "31-12-2026", "14:05" }, { "de_CH", "31.12.2026", "14:05" },
    { "pl_PL", "31.12.2026", "14:05" }, { "en_US", "12/31/2026", "2:05\u202fPM" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *date = pos_date_format (when, expected[i].locale);
      g_autofree char *time = pos_time_format (when, expected[i].locale);

      assert_string_equal (date, expected[i].date);
      assert_string_equal (time, expected[i].time);
    }
  g_autofree char *early = pos_date_format (january, "de_DE");
  g_autofree char *qty_de = pos_qty_format (1500, "de_DE");
  g_autofree char *qty_us = pos_qty_format (1500, "en_US");
  g_autofree char *grams = pos_qty_format (125, "fr_FR");
  assert_string_equal (early, "02.01.2026");
  assert_string_equal (qty_de, "1,5");
  assert_string_equal (qty_us, "1.5");
  assert_string_equal (grams, "0,125");
}

static void
test_a_currency_in_a_locale_is_one_lasting_value (void **state)
{
  const PosCurrency *chf = in ("CHF", "de_CH");

  assert_ptr_equal (chf, in ("CHF", "de_CH"));
  assert_ptr_not_equal (in ("EUR", "de_DE"), in ("EUR", "fr_FR"));
  assert_int_equal (chf->cash_step, 5);
  assert_ptr_equal (chf->denominations, pos_currency_lookup ("CHF")->denominations);
  assert_string_equal (pos_currency_get_locale (chf), "de_CH");
  assert_ptr_equal (pos_currency_for_locale (chf, ""), pos_currency_lookup ("CHF"));
  assert_string_equal (pos_currency_get_locale (pos_currency_lookup ("PLN")), "pl_PL");
}

static void
test_the_shop_locale_is_a_checked_setting (void **state)
{
  PosTestStore *fixture = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = pos_amount_format (635, pos_shop_currency (fixture->store));
  g_autofree char *after = NULL;

  assert_string_equal (before, "€6.35");
  assert_true (pos_shop_setting_init (fixture->store, "locale", "de_DE", &error));
  pos_assert_no_error (error);
  after = pos_amount_format (635, pos_shop_currency (fixture->store));
  assert_string_equal (after, "6,35\u00a0€");

  assert_false (pos_shop_setting_init (fixture->store, "locale", "Deutsch", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_shop_setting_init (fixture->store, "locale", "xq_DE", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (pos_currency_get_locale (pos_shop_currency (fixture->store)), "de_DE");
  pos_test_store_free (fixture);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_amounts_follow_the_shop_locale),
    cmocka_unit_test (test_amounts_are_exact_to_the_last_minor_unit),
    cmocka_unit_test (test_plain_and_grouped_numbers),
    cmocka_unit_test (test_entry_accepts_the_local_decimal_separator),
    cmocka_unit_test (test_entry_refuses_garbage_with_the_local_example),
    cmocka_unit_test (test_formatted_amounts_parse_back),
    cmocka_unit_test (test_quantities_dates_and_times),
    cmocka_unit_test (test_a_currency_in_a_locale_is_one_lasting_value),
    cmocka_unit_test (test_the_shop_locale_is_a_checked_setting),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
