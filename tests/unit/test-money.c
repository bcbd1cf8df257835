/* test-money.c — exact amounts: currencies, arithmetic, splitting, text. */
#include "pos-test-util.h"

#include "pos-error.h"
#include "pos-money.h"

#include <string.h>

__extension__ typedef __int128 Wide;

static const PosCurrency *
currency (const char *code)
{
  const PosCurrency *c = pos_currency_lookup (code);

  if (c == NULL)
    fail_msg ("no currency %s", code);
  return c;
}

static void
test_required_currencies_are_known (void **state)
{
  const char *codes[] = { "EUR", "USD", "GBP", "CHF", "SEK", "JPY", "CAD", "NOK", "DKK", "PLN", "AUD" };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_string_equal (currency (codes[i])->code, codes[i]);
  assert_int_equal (currency ("EUR")->exponent, 2);
  assert_int_equal (currency ("JPY")->exponent, 0);
  assert_int_equal (currency ("EUR")->cash_step, 1);
  assert_int_equal (currency ("CHF")->cash_step, 5);
  assert_int_equal (currency ("SEK")->cash_step, 100);
  assert_string_equal (currency ("EUR")->symbol, "€");
  assert_string_equal (currency ("CHF")->symbol, "CHF");
  assert_ptr_equal (pos_currency_lookup ("eur"), currency ("EUR"));
  assert_null (pos_currency_lookup ("XXX"));
  assert_null (pos_currency_lookup (""));
  assert_null (pos_currency_lookup ("EURO"));
}

/* A cash count lists notes and coins from the largest down; the smallest coin
 * is the step cash totals round to. */
static void
test_denominations_descend_to_the_cash_step (void **state)
{
  const PosCurrency *const *list = pos_currency_list ();
  gsize count = 0;

  for (; list[count] != NULL; count++)
    {
      const PosCurrency *c = list[count];
      gsize n = 0;

      assert_ptr_equal (pos_currency_lookup (c->code), c);
      for (; c->denominations[n] != 0; n++)
        {
          assert_true (c->denominations[n] > 0);
          assert_int_equal (c->denominations[n] % c->cash_step, 0);
          if (n > 0)
            assert_true (c->denominations[n] < c->denominations[n - 1]);
        }
      assert_true (n >= 5);
      assert_int_equal (c->denominations[n - 1], c->cash_step);
    }
  assert_int_equal (count, 11);
}

static void
test_add_and_sub_refuse_to_wrap_at_int64_edges (void **state)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 42;

  assert_true (pos_amount_add (G_MAXINT64 - 1, 1, &out, &error));
  assert_int_equal (out, G_MAXINT64);
  assert_true (pos_amount_sub (-G_MAXINT64 + 1, 1, &out, &error));
  assert_int_equal (out, -G_MAXINT64);
  assert_true (pos_amount_add (G_MAXINT64, -G_MAXINT64, &out, &error));
  assert_int_equal (out, 0);
  pos_assert_no_error (error);

  out = 42;
  assert_false (pos_amount_add (G_MAXINT64, 1, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  assert_int_equal (out, 42);
  g_clear_error (&error);
  /* G_MININT64 has no positive counterpart, so no refund could mirror it. */
  assert_false (pos_amount_sub (-G_MAXINT64, 1, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  g_clear_error (&error);
  assert_false (pos_amount_sub (G_MAXINT64, -1, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  g_clear_error (&error);
  assert_false (pos_amount_add (G_MININT64, 0, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  assert_int_equal (out, 42);
}

static PosAmount
mul_qty (PosAmount price, PosQty qty)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 0;

  assert_true (pos_amount_mul_qty (price, qty, &out, &error));
  pos_assert_no_error (error);
  return out;
}

static void
test_mul_qty_prices_weighed_and_counted_items (void **state)
{
  assert_int_equal (mul_qty (249, 125), 31);     /* 2.49/kg × 125 g = 0.31125 */
  assert_int_equal (mul_qty (399, 375), 150);    /* 3.99/kg × 375 g = 1.49625 */
  assert_int_equal (mul_qty (1299, 3000), 3897); /* 3 × 12.99 */
  assert_int_equal (mul_qty (1, 500), 1);        /* half a cent rounds away from zero */
  assert_int_equal (mul_qty (1, 499), 0);
  assert_int_equal (mul_qty (1, -500), -1); /* and so does a refund */
  assert_int_equal (mul_qty (-249, 125), -31);
  assert_int_equal (mul_qty (399, -375), -150);
  assert_int_equal (mul_qty (0, 123456), 0);
}

static void
test_mul_qty_is_exact_beyond_64_bits (void **state)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 7;

  assert_int_equal (mul_qty (G_MAXINT64, 1000), G_MAXINT64);
  assert_int_equal (mul_qty (G_MAXINT64, 999), 9214148664817921031);
  assert_int_equal (mul_qty (-G_MAXINT64, 999), -9214148664817921031);
  assert_int_equal (mul_qty (G_MAXINT64, -1000), -G_MAXINT64);

  assert_false (pos_amount_mul_qty (G_MAXINT64, 1001, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  assert_int_equal (out, 7);
  g_clear_error (&error);
  assert_false (pos_amount_mul_qty (G_MAXINT64 / 2, 3000, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
}

static void
test_mul_div_rounds_half_away_from_zero (void **state)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 0;
  const struct
  {
    PosAmount a;
    gint64 num, den;
    PosAmount expected;
  } cases[] = {
    { 5, 1, 2, 3 },
    { -5, 1, 2, -3 },
    { 5, -1, 2, -3 },
    { 5, 1, -2, -3 },
    { -5, -1, -2, -3 },
    { 7, 1, 3, 2 },
    { 8, 1, 3, 3 },
    { -8, 1, 3, -3 },
    { 10, 2, 4, 5 },
    { 0, 5, 7, 0 },
    { G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64 },
    { G_MAXINT64, G_MININT64, G_MININT64, G_MAXINT64 },
    { 1, G_MAXINT64, G_MAXINT64, 1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_true (pos_amount_mul_div (cases[i].a, cases[i].num, cases[i].den, &out, &error));
      pos_assert_no_error (error);
      if (out != cases[i].expected)
        fail_msg ("case %zu: %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT, i, out, cases[i].expected);
    }

  assert_false (pos_amount_mul_div (100, 1, 0, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_amount_mul_div (G_MAXINT64, 2, 1, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  g_clear_error (&error);
  assert_false (pos_amount_mul_div (G_MAXINT64, G_MININT64, G_MAXINT64, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
}

static void
test_percent_of_amounts (void **state)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 0;

  assert_true (pos_amount_percent (1999, 1000, &out, &error)); /* 10 % of 19.99 = 1.999 */
  assert_int_equal (out, 200);
  assert_true (pos_amount_percent (3333, 1500, &out, &error)); /* 15 % of 33.33 = 4.9995 */
  assert_int_equal (out, 500);
  assert_true (pos_amount_percent (-3333, 1500, &out, &error));
  assert_int_equal (out, -500);
  assert_true (pos_amount_percent (1250, 10000, &out, &error));
  assert_int_equal (out, 1250);
  assert_true (pos_amount_percent (1250, 0, &out, &error));
  assert_int_equal (out, 0);
  pos_assert_no_error (error);
  assert_false (pos_amount_percent (G_MAXINT64, 20000, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
}

static void
test_cash_rounding_chf_sek_and_identity (void **state)
{
  PosAmount chf = currency ("CHF")->cash_step;
  PosAmount sek = currency ("SEK")->cash_step;

  assert_int_equal (pos_amount_round_cash (1252, chf), 1250);
  assert_int_equal (pos_amount_round_cash (1253, chf), 1255);
  assert_int_equal (pos_amount_round_cash (1257, chf), 1255);
  assert_int_equal (pos_amount_round_cash (1258, chf), 1260);
  assert_int_equal (pos_amount_round_cash (1250, chf), 1250);
  assert_int_equal (pos_amount_round_cash (-1252, chf), -1250);
  assert_int_equal (pos_amount_round_cash (-1253, chf), -1255);

  assert_int_equal (pos_amount_round_cash (1249, sek), 1200);
  assert_int_equal (pos_amount_round_cash (1250, sek), 1300); /* 12.50 kr: half a krona goes up */
  assert_int_equal (pos_amount_round_cash (-1250, sek), -1300);
  assert_int_equal (pos_amount_round_cash (49, sek), 0);
  assert_int_equal (pos_amount_round_cash (50, currency ("DKK")->cash_step), 50);
  assert_int_equal (pos_amount_round_cash (74, currency ("DKK")->cash_step), 50);
  assert_int_equal (pos_amount_round_cash (75, currency ("DKK")->cash_step), 100);

  assert_int_equal (pos_amount_round_cash (1253, 1), 1253);
  assert_int_equal (pos_amount_round_cash (-1, 1), -1);
  assert_int_equal (pos_amount_round_cash (G_MAXINT64, 1), G_MAXINT64);

  /* …807 would round up to …810, which does not exist: the step below. */
  assert_int_equal (pos_amount_round_cash (G_MAXINT64, 10), G_MAXINT64 - 7);
  assert_int_equal (pos_amount_round_cash (-G_MAXINT64, 10), -G_MAXINT64 + 7);
  assert_int_equal (pos_amount_round_cash (G_MAXINT64, 5), G_MAXINT64 - 2);
}

static void
allocate_ok (PosAmount total, const PosAmount *weights, gsize n, PosAmount *shares)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_amount_allocate (total, weights, n, shares, &error));
  pos_assert_no_error (error);
}

static void
test_allocate_spreads_a_cart_discount (void **state)
{
  const PosAmount lines[] = { 1000, 2000, 3000 };
  const PosAmount equal[] = { 1, 1, 1 };
  const PosAmount halves[] = { 0, 5, 0, 5 };
  PosAmount shares[4];

  allocate_ok (-500, lines, 3, shares); /* −83.33, −166.67, −250 */
  assert_int_equal (shares[0], -83);
  assert_int_equal (shares[1], -167);
  assert_int_equal (shares[2], -250);

  allocate_ok (100, equal, 3, shares); /* the earliest share takes the spare cent */
  assert_int_equal (shares[0], 34);
  assert_int_equal (shares[1], 33);
  assert_int_equal (shares[2], 33);
  allocate_ok (-100, equal, 3, shares);
  assert_int_equal (shares[0], -34);
  assert_int_equal (shares[1], -33);
  assert_int_equal (shares[2], -33);

  allocate_ok (11, halves, 4, shares); /* 5.5 each: both rounded up, the earliest gives one back */
  assert_int_equal (shares[0], 0);
  assert_int_equal (shares[1], 5);
  assert_int_equal (shares[2], 0);
  assert_int_equal (shares[3], 6);
}

/* Checks Σ shares == total and |share − total × w / W| < 1 for every share. */
static void
assert_fair_allocation (PosAmount total, const PosAmount *weights, gsize n, const PosAmount *shares)
{
  Wide sum_w = 0, sum_s = 0;

  for (gsize i = 0; i < n; i++)
    {
      sum_w += weights[i];
      sum_s += shares[i];
    }
  assert_true (sum_s == total);
  for (gsize i = 0; i < n; i++)
    {
      Wide diff = (Wide)shares[i] * sum_w - (Wide)total * weights[i];

      if (weights[i] == 0)
        assert_int_equal (shares[i], 0);
      assert_true ((diff < 0 ? -diff : diff) < (sum_w < 0 ? -sum_w : sum_w));
    }
}

static void
test_allocate_sums_exactly_and_mirrors_negative_totals (void **state)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261128);

  for (int round = 0; round < 300; round++)
    {
      gsize n = (gsize)g_rand_int_range (rand, 1, 12);
      PosAmount weights[12], shares[12], mirrored[12];
      PosAmount total = g_rand_int_range (rand, -100000, 100000);
      gint32 sign = round % 5 == 0 ? -1 : 1;

      if (round % 7 == 0)
        total = (PosAmount)g_rand_int_range (rand, 0, G_MAXINT32) * G_MAXINT32 * (round % 2 ? 1 : -1);
      for (gsize i = 0; i < n; i++)
        weights[i] = (i % 4 == 3) ? 0 : sign * (PosAmount)g_rand_int_range (rand, 0, 50000);
      weights[0] = sign * (1 + G_MAXINT32 * (PosAmount)(round % 3)); /* never all zero */

      allocate_ok (total, weights, n, shares);
      assert_fair_allocation (total, weights, n, shares);
      allocate_ok (-total, weights, n, mirrored);
      for (gsize i = 0; i < n; i++)
        assert_int_equal (mirrored[i], -shares[i]);
    }
}

static void
test_allocate_edge_cases (void **state)
{
  g_autoptr (GError) error = NULL;
  const PosAmount zeros[] = { 0, 0, 0 };
  const PosAmount huge[] = { G_MAXINT64, G_MAXINT64 };
  const PosAmount mixed[] = { 1000, -400 };
  const PosAmount cancelling[] = { 1000, -1000 };
  const PosAmount explosive[] = { G_MAXINT64, -(G_MAXINT64 - 1) };
  PosAmount shares[3] = { 9, 9, 9 };

  allocate_ok (0, zeros, 3, shares);
  assert_int_equal (shares[0] | shares[1] | shares[2], 0);
  allocate_ok (0, NULL, 0, NULL);

  shares[0] = 9;
  assert_false (pos_amount_allocate (5, zeros, 3, shares, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (shares[0], 9); /* untouched on error */
  g_clear_error (&error);
  assert_false (pos_amount_allocate (5, NULL, 0, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_amount_allocate (5, cancelling, 2, shares, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);

  allocate_ok (G_MAXINT64, huge, 2, shares);
  assert_int_equal (shares[0], G_MAXINT64 / 2);
  assert_int_equal (shares[1], G_MAXINT64 / 2 + 1);
  allocate_ok (-G_MAXINT64, huge, 2, shares);
  assert_int_equal (shares[0], -(G_MAXINT64 / 2));
  assert_int_equal (shares[1], -(G_MAXINT64 / 2 + 1));

  allocate_ok (600, mixed, 2, shares); /* a sale line and a returned one */
  assert_int_equal (shares[0], 1000);
  assert_int_equal (shares[1], -400);

  assert_false (pos_amount_allocate (G_MININT64, huge, 2, shares, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  g_clear_error (&error);
  shares[0] = 9;
  assert_false (pos_amount_allocate (2, explosive, 2, shares, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  assert_int_equal (shares[0], 9);
}

static void
test_apportion_refuses_a_distant_target (void **state)
{
  g_autoptr (GError) error = NULL;
  const PosAmount values[] = { 99, 99, 99 };
  PosAmount shares[3];

  assert_true (pos_amount_apportion (47, values, 3, 1900, 11900, shares, &error));
  pos_assert_no_error (error);
  assert_int_equal (shares[0] + shares[1] + shares[2], 47);
  assert_false (pos_amount_apportion (44, values, 3, 1900, 11900, shares, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_amount_apportion (47, values, 3, 1900, 0, shares, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

static PosAmount
parse_ok (const char *text, const char *code)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = G_MININT64;

  if (!pos_amount_parse (text, currency (code), &out, &error))
    fail_msg ("“%s” %s: %s", text, code, error->message);
  return out;
}

static void
test_parse_accepts_plain_decimals (void **state)
{
  assert_int_equal (parse_ok ("12.50", "EUR"), 1250);
  assert_int_equal (parse_ok ("12.5", "EUR"), 1250);
  assert_int_equal (parse_ok ("12", "EUR"), 1200);
  assert_int_equal (parse_ok ("-3", "EUR"), -300);
  assert_int_equal (parse_ok ("+3", "EUR"), 300);
  assert_int_equal (parse_ok ("0.05", "EUR"), 5);
  assert_int_equal (parse_ok ("-0.05", "EUR"), -5);
  assert_int_equal (parse_ok ("-0", "EUR"), 0);
  assert_int_equal (parse_ok ("0000000000000000000000012.50", "EUR"), 1250);
  assert_int_equal (parse_ok ("1200", "JPY"), 1200);
  assert_int_equal (parse_ok ("-7", "JPY"), -7);
  assert_int_equal (parse_ok ("92233720368547758.07", "EUR"), G_MAXINT64);
  assert_int_equal (parse_ok ("-92233720368547758.07", "EUR"), -G_MAXINT64);
  assert_int_equal (parse_ok ("9223372036854775807", "JPY"), G_MAXINT64);
}

static void
test_parse_rejects_what_is_not_an_amount (void **state)
{
  const struct
  {
    const char *text, *code, *hint;
  } bad[] = {
    { "", "EUR", "empty" },
    { " 1", "EUR", "like 12.50" },
    { "1 ", "EUR", "like 12.50" },
    { "1,50", "EUR", "like 12.50" },
    { "1e3", "EUR", "like 12.50" },
    { "+-1", "EUR", "like 12.50" },
    { "--1", "EUR", "like 12.50" },
    { "-", "EUR", "like 12.50" },
    { ".5", "EUR", "like 12.50" },
    { "5.", "EUR", "like 12.50" },
    { "1.2.3", "EUR", "like 12.50" },
    { "€5", "EUR", "like 12.50" },
    { "0x10", "EUR", "like 12.50" },
    { "١٢", "EUR", "like 12.50" },
    { "12.505", "EUR", "at most 2" },
    { "0.001", "EUR", "at most 2" },
    { "12.5", "JPY", "cannot have any" },
    { "12.", "JPY", "cannot have any" },
    { "1,200", "JPY", "like 1200" },
    { "92233720368547758.08", "EUR", "too large" },
    { "-92233720368547758.08", "EUR", "too large" },
    { "92233720368547758070", "EUR", "too large" },
    { "9223372036854775808", "JPY", "too large" },
    { "99999999999999999999999999999999999999999999", "EUR", "too large" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      PosAmount out = 42;

      if (pos_amount_parse (bad[i].text, currency (bad[i].code), &out, &error))
        fail_msg ("“%s” was accepted as %" G_GINT64_FORMAT, bad[i].text, out);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      assert_int_equal (out, 42);
      if (strstr (error->message, bad[i].hint) == NULL)
        fail_msg ("message for “%s” lacks “%s”: %s", bad[i].text, bad[i].hint, error->message);
      if (bad[i].text[0] != '\0' && strstr (error->message, bad[i].text) == NULL)
        fail_msg ("message does not quote the input: %s", error->message);
    }
}

static void
test_to_string_is_plain_and_parses_back (void **state)
{
  const PosAmount values[] = { 0, 1, -1, 5, -5, 99, 100, 1250, -1250, 123456789, G_MAXINT64, -G_MAXINT64 };
  const PosCurrency *const *list = pos_currency_list ();
  char *text;

  text = pos_amount_to_string (1250, currency ("EUR"));
  assert_string_equal (text, "12.50");
  g_free (text);
  text = pos_amount_to_string (-5, currency ("EUR"));
  assert_string_equal (text, "-0.05");
  g_free (text);
  text = pos_amount_to_string (0, currency ("EUR"));
  assert_string_equal (text, "0.00");
  g_free (text);
  text = pos_amount_to_string (1200, currency ("JPY"));
  assert_string_equal (text, "1200");
  g_free (text);
  text = pos_amount_to_string (G_MININT64, currency ("EUR"));
  assert_string_equal (text, "-92233720368547758.08");
  g_free (text);

  for (gsize c = 0; list[c] != NULL; c++)
    for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autofree char *plain = pos_amount_to_string (values[i], list[c]);

        assert_int_equal (parse_ok (plain, list[c]->code), values[i]);
      }
}

static void
assert_format (PosAmount amount, const PosCurrency *c, const char *expected)
{
  g_autofree char *text = pos_amount_format (amount, c);

  assert_string_equal (text, expected);
}

/* A currency with no shop locale is written its home country's way (the
 * locale tests are in test-format.c); the spaces are ICU's no-break ones. */
static void
test_format_for_people (void **state)
{
  const PosCurrency test_currency = { "XTs", 2, 1, "T", NULL, NULL };
  PosCurrency sek_copy = *currency ("SEK");

  assert_format (1250, currency ("EUR"), "€12.50");
  assert_format (-300, currency ("EUR"), "-€3.00");
  assert_format (5, currency ("EUR"), "€0.05");
  assert_format (123456789, currency ("EUR"), "€1,234,567.89");
  assert_format (99, currency ("USD"), "$0.99");
  assert_format (100000, currency ("GBP"), "£1,000.00");
  assert_format (1250, currency ("CHF"), "CHF\u00a012.50");
  assert_format (-300, currency ("CHF"), "CHF-3.00");
  assert_format (123450, currency ("CHF"), "CHF\u00a01\u2019234.50");
  assert_format (1250, currency ("SEK"), "12,50\u00a0kr");
  assert_format (-1250, currency ("SEK"), "\u221212,50\u00a0kr");
  assert_format (123450, currency ("SEK"), "1\u00a0234,50\u00a0kr");
  assert_format (999, currency ("PLN"), "9,99\u00a0zł");
  assert_format (1200, currency ("JPY"), "¥1,200");
  assert_format (100, currency ("JPY"), "¥100");
  assert_format (-1234567, currency ("JPY"), "-¥1,234,567");
  assert_format (G_MAXINT64, currency ("EUR"), "€92,233,720,368,547,758.07");
  assert_format (G_MININT64, currency ("JPY"), "-¥9,223,372,036,854,775,808");
  assert_format (1250, &sek_copy, "12,50\u00a0kr");
  assert_format (123450, &test_currency, "T 1,234.50");
}

static PosQty
qty_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PosQty out = G_MININT64;

  if (!pos_qty_parse (text, &out, &error))
    fail_msg ("“%s”: %s", text, error->message);
  return out;
}

static void
test_qty_parse_and_print (void **state)
{
  const char *bad[] = {
    "", "1.2345", "1kg", " 1", "1,5", "1e3", "+-1", ".5", "1.", "9223372036854776", "9223372036854775.808"
  };
  const PosQty values[] = { 0, 1, -1, 125, 1000, 1500, 2000, -1000, 10000, 1001, G_MAXINT64, -G_MAXINT64 };
  const struct
  {
    PosQty qty;
    const char *text;
  } printed[] = { { 2000, "2" }, { 1500, "1.5" }, { 125, "0.125" }, { -1000, "-1" },
                  { 0, "0" },    { 10000, "10" }, { 1010, "1.01" }, { -5, "-0.005" } };

  assert_int_equal (qty_ok ("2"), 2000);
  assert_int_equal (qty_ok ("0.125"), 125);
  assert_int_equal (qty_ok ("1.5"), 1500);
  assert_int_equal (qty_ok ("-1"), -1000);
  assert_int_equal (qty_ok ("-0.5"), -500);
  assert_int_equal (qty_ok ("9223372036854775.807"), G_MAXINT64);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      PosQty out = 42;

      if (pos_qty_parse (bad[i], &out, &error))
        fail_msg ("“%s” was accepted as %" G_GINT64_FORMAT, bad[i], out);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      assert_non_null (strstr (error->message, "quantity"));
      assert_int_equal (out, 42);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (printed); i++)
    {
      g_autofree char *text = pos_qty_to_string (printed[i].qty);

      assert_string_equal (text, printed[i].text);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = pos_qty_to_string (values[i]);

      assert_int_equal (qty_ok (text), values[i]);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_required_currencies_are_known),
    cmocka_unit_test (test_denominations_descend_to_the_cash_step),
    cmocka_unit_test (test_add_and_sub_refuse_to_wrap_at_int64_edges),
    cmocka_unit_test (test_mul_qty_prices_weighed_and_counted_items),
    cmocka_unit_test (test_mul_qty_is_exact_beyond_64_bits),
    cmocka_unit_test (test_mul_div_rounds_half_away_from_zero),
    cmocka_unit_test (test_percent_of_amounts),
    cmocka_unit_test (test_cash_rounding_chf_sek_and_identity),
    cmocka_unit_test (test_allocate_spreads_a_cart_discount),
    cmocka_unit_test (test_allocate_sums_exactly_and_mirrors_negative_totals),
    cmocka_unit_test (test_allocate_edge_cases),
    cmocka_unit_test (test_apportion_refuses_a_distant_target),
    cmocka_unit_test (test_parse_accepts_plain_decimals),
    cmocka_unit_test (test_parse_rejects_what_is_not_an_amount),
    cmocka_unit_test (test_to_string_is_plain_and_parses_back),
    cmocka_unit_test (test_format_for_people),
    cmocka_unit_test (test_qty_parse_and_print),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
