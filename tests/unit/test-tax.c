/* test-tax.c — tax per line and per rate, inclusive and exclusive, rounded
 * per line or per receipt. */
#include "pos-test-util.h"

#include "pos-error.h"
#include "pos-tax.h"

#include <string.h>

__extension__ typedef __int128 Wide;

#define UNTOUCHED 777

static PosTaxSummary *
compute_ok (PosTaxLine *lines, gsize n, PosTaxMode mode, PosTaxRounding rounding)
{
  g_autoptr (GError) error = NULL;
  PosTaxSummary *summary = pos_tax_compute (lines, n, mode, rounding, &error);

  pos_assert_no_error (error);
  assert_non_null (summary);
  return summary;
}

static const PosTaxBucket *
bucket (const PosTaxSummary *summary, guint i)
{
  assert_true (i < summary->buckets->len);
  return &g_array_index (summary->buckets, PosTaxBucket, i);
}

static void
assert_bucket (const PosTaxBucket *b, const char *code, gint64 rate_bp, PosAmount net, PosAmount tax,
               PosAmount gross)
{
  assert_string_equal (b->code, code);
  assert_int_equal (b->rate_bp, rate_bp);
  assert_int_equal (b->net, net);
  assert_int_equal (b->tax, tax);
  assert_int_equal (b->gross, gross);
}

static void
assert_totals (const PosTaxSummary *s, PosAmount net, PosAmount tax, PosAmount gross)
{
  assert_int_equal (s->net, net);
  assert_int_equal (s->tax, tax);
  assert_int_equal (s->gross, gross);
}

/* Three items at 0.99 with 19 % VAT included: 15.8 cents of tax each.  Per
 * line that is 3 × 0.16; per receipt 2.97 holds 0.474, so 0.47. */
static void
test_inclusive_line_and_receipt_rounding_differ (void **state)
{
  PosTaxLine lines[]
      = { { "A", 1900, 99, UNTOUCHED }, { "A", 1900, 99, UNTOUCHED }, { "A", 1900, 99, UNTOUCHED } };
  g_autoptr (PosTaxSummary) per_line = compute_ok (lines, 3, POS_TAX_INCLUSIVE, POS_TAX_ROUND_LINE);
  g_autoptr (PosTaxSummary) per_receipt = NULL;

  assert_int_equal (per_line->buckets->len, 1);
  assert_bucket (bucket (per_line, 0), "A", 1900, 249, 48, 297);
  assert_totals (per_line, 249, 48, 297);
  for (int i = 0; i < 3; i++)
    assert_int_equal (lines[i].tax, 16);

  per_receipt = compute_ok (lines, 3, POS_TAX_INCLUSIVE, POS_TAX_ROUND_RECEIPT);
  assert_bucket (bucket (per_receipt, 0), "A", 1900, 250, 47, 297);
  assert_totals (per_receipt, 250, 47, 297);
  /* Each line rounded to 0.16 is one cent too many; the earliest gives it back. */
  assert_int_equal (lines[0].tax, 15);
  assert_int_equal (lines[1].tax, 16);
  assert_int_equal (lines[2].tax, 16);
}

/* A Swiss receipt: 7.7 % standard rate (code A) and 2.5 % reduced (code B). */
static void
test_swiss_receipt_with_two_rates (void **state)
{
  PosTaxLine lines[] = {
    { "B", 250, 360, 0 },  /* bread 3.60: 0.0878 of tax */
    { "A", 770, 1290, 0 }, /* 0.9223 */
    { "A", 770, 1000, 0 }, /* 0.7149 */
    { "A", 770, 495, 0 },  /* 0.3539; the three A lines hold 1.9912 together */
  };
  g_autoptr (PosTaxSummary) per_line = compute_ok (lines, 4, POS_TAX_INCLUSIVE, POS_TAX_ROUND_LINE);
  g_autoptr (PosTaxSummary) per_receipt = NULL;

  assert_int_equal (per_line->buckets->len, 2);
  assert_bucket (bucket (per_line, 0), "A", 770, 2587, 198, 2785);
  assert_bucket (bucket (per_line, 1), "B", 250, 351, 9, 360);
  assert_totals (per_line, 2938, 207, 3145);
  assert_int_equal (lines[0].tax, 9);
  assert_int_equal (lines[1].tax, 92);
  assert_int_equal (lines[2].tax, 71);
  assert_int_equal (lines[3].tax, 35);

  per_receipt = compute_ok (lines, 4, POS_TAX_INCLUSIVE, POS_TAX_ROUND_RECEIPT);
  assert_bucket (bucket (per_receipt, 0), "A", 770, 2586, 199, 2785);
  assert_bucket (bucket (per_receipt, 1), "B", 250, 351, 9, 360);
  assert_totals (per_receipt, 2937, 208, 3145);
  assert_int_equal (lines[0].tax, 9);
  assert_int_equal (lines[1].tax, 92);
  assert_int_equal (lines[2].tax, 72); /* 0.7149 was the furthest below its rounding */
  assert_int_equal (lines[3].tax, 35);
}

/* Chicago adds 10.25 % at the till.  (New York City's 8.875 % cannot be
 * written in whole basis points; see pos-tax.h.) */
static void
test_us_exclusive_tax_per_receipt (void **state)
{
  PosTaxLine four[]
      = { { "T", 1025, 199, 0 }, { "T", 1025, 199, 0 }, { "T", 1025, 199, 0 }, { "T", 1025, 199, 0 } };
  PosTaxLine three[] = { { "T", 1025, 120, 0 }, { "T", 1025, 120, 0 }, { "T", 1025, 120, 0 } };
  g_autoptr (PosTaxSummary) per_line = compute_ok (four, 4, POS_TAX_EXCLUSIVE, POS_TAX_ROUND_LINE);
  g_autoptr (PosTaxSummary) per_receipt = NULL;
  g_autoptr (PosTaxSummary) small = NULL;

  assert_bucket (bucket (per_line, 0), "T", 1025, 796, 80, 876); /* 4 × 0.203975 → 4 × 0.20 */
  assert_totals (per_line, 796, 80, 876);

  per_receipt = compute_ok (four, 4, POS_TAX_EXCLUSIVE, POS_TAX_ROUND_RECEIPT);
  assert_bucket (bucket (per_receipt, 0), "T", 1025, 796, 82, 878); /* 7.96 × 10.25 % = 0.8159 */
  assert_totals (per_receipt, 796, 82, 878);
  assert_int_equal (four[0].tax, 21);
  assert_int_equal (four[1].tax, 21);
  assert_int_equal (four[2].tax, 20);
  assert_int_equal (four[3].tax, 20);

  small = compute_ok (three, 3, POS_TAX_EXCLUSIVE, POS_TAX_ROUND_RECEIPT);
  assert_bucket (bucket (small, 0), "T", 1025, 360, 37, 397); /* per line it would be 36 */
}

/* Yen have no minor unit: ¥1,080 of food at 8 % holds ¥80, ¥1,100 at 10 % ¥100. */
static void
test_japanese_receipt_in_whole_yen (void **state)
{
  PosTaxLine lines[] = { { "8", 800, 1080, 0 }, { "10", 1000, 1100, 0 }, { "8", 800, 298, 0 } };
  g_autoptr (PosTaxSummary) summary = compute_ok (lines, 3, POS_TAX_INCLUSIVE, POS_TAX_ROUND_RECEIPT);

  assert_int_equal (summary->buckets->len, 2);
  assert_bucket (bucket (summary, 0), "10", 1000, 1000, 100, 1100); /* byte order of the codes */
  assert_bucket (bucket (summary, 1), "8", 800, 1276, 102, 1378);   /* 1378 × 8/108 = 102.07 */
  assert_totals (summary, 2276, 202, 2478);
  assert_int_equal (lines[0].tax, 80);
  assert_int_equal (lines[1].tax, 100);
  assert_int_equal (lines[2].tax, 22);
}

/* A return on the same receipt as a sale: the rate's total is zero, yet each
 * line keeps the tax it carries. */
static void
test_sale_and_return_on_one_receipt (void **state)
{
  PosTaxLine lines[] = { { "A", 1900, 1000, 0 }, { "A", 1900, -1000, 0 } };
  g_autoptr (PosTaxSummary) summary = compute_ok (lines, 2, POS_TAX_INCLUSIVE, POS_TAX_ROUND_RECEIPT);

  assert_bucket (bucket (summary, 0), "A", 1900, 0, 0, 0);
  assert_int_equal (lines[0].tax, 160); /* 10.00 × 19/119 = 1.5966 */
  assert_int_equal (lines[1].tax, -160);
}

static void
test_zero_rate_and_empty_receipt (void **state)
{
  PosTaxLine lines[] = { { "Z", 0, 4550, UNTOUCHED } };
  g_autoptr (PosTaxSummary) summary = compute_ok (lines, 1, POS_TAX_EXCLUSIVE, POS_TAX_ROUND_RECEIPT);
  g_autoptr (PosTaxSummary) empty = compute_ok (NULL, 0, POS_TAX_INCLUSIVE, POS_TAX_ROUND_LINE);

  assert_bucket (bucket (summary, 0), "Z", 0, 4550, 0, 4550);
  assert_int_equal (lines[0].tax, 0);
  assert_int_equal (empty->buckets->len, 0);
  assert_totals (empty, 0, 0, 0);
}

static const struct
{
  const char *code;
  gint64 rate_bp;
} rates[]
    = { { "A", 1900 }, { "B", 700 }, { "C", 770 }, { "D", 250 }, { "E", 0 }, { "F", 1025 }, { "G", 100000 } };

/* Every invariant a receipt must hold, checked against the exact values. */
static void
assert_receipt_invariants (const PosTaxLine *lines, gsize n, PosTaxMode mode, PosTaxRounding rounding,
                           const PosTaxSummary *s)
{
  PosAmount net = 0, tax = 0, gross = 0;

  for (guint b = 0; b < s->buckets->len; b++)
    {
      const PosTaxBucket *k = bucket (s, b);
      gint64 den = mode == POS_TAX_INCLUSIVE ? 10000 + k->rate_bp : 10000;
      PosAmount sum = 0, line_tax = 0, expected;

      if (b > 0)
        assert_true (strcmp (bucket (s, b - 1)->code, k->code) < 0);
      for (gsize i = 0; i < n; i++)
        if (strcmp (lines[i].code, k->code) == 0)
          {
            Wide error = (Wide)lines[i].tax * den - (Wide)lines[i].amount * k->rate_bp;

            assert_true (error > -(Wide)den && error < (Wide)den); /* within one unit of exact */
            sum += lines[i].amount;
            line_tax += lines[i].tax;
          }
      assert_int_equal (line_tax, k->tax);
      assert_int_equal (k->net + k->tax, k->gross);
      assert_int_equal (mode == POS_TAX_INCLUSIVE ? k->gross : k->net, sum);
      if (rounding == POS_TAX_ROUND_RECEIPT)
        {
          assert_true (pos_amount_mul_div (sum, k->rate_bp, den, &expected, NULL));
          assert_int_equal (k->tax, expected);
        }
      net += k->net, tax += k->tax, gross += k->gross;
    }
  assert_totals (s, net, tax, gross);
}

static void
test_random_receipts_hold_invariants_and_refunds_mirror_sales (void **state)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4217);

  for (int round = 0; round < 400; round++)
    {
      PosTaxMode mode = round % 2 ? POS_TAX_EXCLUSIVE : POS_TAX_INCLUSIVE;
      PosTaxRounding rounding = (round / 2) % 2 ? POS_TAX_ROUND_RECEIPT : POS_TAX_ROUND_LINE;
      gsize n = (gsize)g_rand_int_range (rand, 1, 20);
      PosTaxLine lines[20], mirror[20];
      g_autoptr (PosTaxSummary) sale = NULL;
      g_autoptr (PosTaxSummary) refund = NULL;

      for (gsize i = 0; i < n; i++)
        {
          int r = g_rand_int_range (rand, 0, G_N_ELEMENTS (rates));
          PosAmount amount = g_rand_int_range (rand, round % 3 ? 1 : -5000, 20000);

          lines[i] = (PosTaxLine){ rates[r].code, rates[r].rate_bp, amount, UNTOUCHED };
          mirror[i] = (PosTaxLine){ rates[r].code, rates[r].rate_bp, -amount, UNTOUCHED };
        }
      sale = compute_ok (lines, n, mode, rounding);
      refund = compute_ok (mirror, n, mode, rounding);
      assert_receipt_invariants (lines, n, mode, rounding, sale);
      assert_receipt_invariants (mirror, n, mode, rounding, refund);
      for (gsize i = 0; i < n; i++)
        assert_int_equal (mirror[i].tax, -lines[i].tax);
      assert_int_equal (refund->buckets->len, sale->buckets->len);
      for (guint b = 0; b < sale->buckets->len; b++)
        assert_bucket (bucket (refund, b), bucket (sale, b)->code, bucket (sale, b)->rate_bp,
                       -bucket (sale, b)->net, -bucket (sale, b)->tax, -bucket (sale, b)->gross);
    }
}

/* Runs a computation expected to fail and checks the lines kept their tax. */
static void
assert_refused (PosTaxLine *lines, gsize n, PosTaxMode mode, int code, const char *hint)
{
  for (PosTaxRounding rounding = POS_TAX_ROUND_LINE; rounding <= POS_TAX_ROUND_RECEIPT; rounding++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PosTaxSummary) summary = pos_tax_compute (lines, n, mode, rounding, &error);

      assert_null (summary);
      pos_assert_error (error, POS_ERROR, code);
      if (strstr (error->message, hint) == NULL)
        fail_msg ("message lacks “%s”: %s", hint, error->message);
      for (gsize i = 0; i < n; i++)
        assert_int_equal (lines[i].tax, UNTOUCHED);
    }
}

static void
test_bad_lines_are_refused_and_change_nothing (void **state)
{
  PosTaxLine two_rates[]
      = { { "A", 1900, 100, UNTOUCHED }, { "B", 700, 100, UNTOUCHED }, { "A", 700, 100, UNTOUCHED } };
  PosTaxLine no_code[] = { { "A", 1900, 100, UNTOUCHED }, { NULL, 1900, 100, UNTOUCHED } };
  PosTaxLine empty_code[] = { { "", 1900, 100, UNTOUCHED } };
  PosTaxLine negative_rate[] = { { "A", -1, 100, UNTOUCHED } };
  PosTaxLine huge_rate[] = { { "A", 100001, 100, UNTOUCHED } };

  assert_refused (two_rates, 3, POS_TAX_INCLUSIVE, POS_ERROR_INVALID, "two rates, 19 % and 7 %");
  assert_refused (no_code, 2, POS_TAX_INCLUSIVE, POS_ERROR_INVALID, "Line 2 has no tax code");
  assert_refused (empty_code, 1, POS_TAX_EXCLUSIVE, POS_ERROR_INVALID, "no tax code");
  assert_refused (negative_rate, 1, POS_TAX_INCLUSIVE, POS_ERROR_INVALID, "between 0 and 100000");
  assert_refused (huge_rate, 1, POS_TAX_EXCLUSIVE, POS_ERROR_INVALID, "between 0 and 100000");
}

static void
test_overflow_is_refused_and_changes_nothing (void **state)
{
  PosAmount half = G_MAXINT64 / 2 + 1;
  PosTaxLine bucket_sum[] = { { "A", 1900, half, UNTOUCHED }, { "A", 1900, half, UNTOUCHED } };
  PosTaxLine totals_sum[] = { { "A", 1900, half, UNTOUCHED }, { "B", 700, half, UNTOUCHED } };
  PosTaxLine big_tax[] = { { "X", 100000, G_MAXINT64 / 5, UNTOUCHED } };
  PosTaxLine big_gross[] = { { "A", 1900, G_MAXINT64 - 10, UNTOUCHED } };
  PosTaxLine smallest[] = { { "A", 1900, G_MININT64, UNTOUCHED } };
  PosTaxLine largest[] = { { "A", 1900, G_MAXINT64, 0 }, { "B", 1900, -G_MAXINT64, 0 } };
  g_autoptr (PosTaxSummary) summary = NULL;

  assert_refused (bucket_sum, 2, POS_TAX_INCLUSIVE, POS_ERROR_OVERFLOW, "Tax code “A”");
  assert_refused (totals_sum, 2, POS_TAX_EXCLUSIVE, POS_ERROR_OVERFLOW, "too large");
  assert_refused (big_tax, 1, POS_TAX_EXCLUSIVE, POS_ERROR_OVERFLOW, "Tax code “X”");
  assert_refused (big_gross, 1, POS_TAX_EXCLUSIVE, POS_ERROR_OVERFLOW, "too large");
  assert_refused (smallest, 1, POS_TAX_INCLUSIVE, POS_ERROR_OVERFLOW, "too large");

  /* The largest amount itself is fine when prices include their tax. */
  summary = compute_ok (largest, 2, POS_TAX_INCLUSIVE, POS_TAX_ROUND_RECEIPT);
  assert_int_equal (largest[0].tax, 1472639232775132272); /* (2^63 − 1) × 19/119 */
  assert_int_equal (largest[1].tax, -1472639232775132272);
  assert_totals (summary, 0, 0, 0);
}

static void
test_mode_and_rounding_names (void **state)
{
  PosTaxMode mode = POS_TAX_EXCLUSIVE;
  PosTaxRounding rounding = POS_TAX_ROUND_RECEIPT;

  assert_true (pos_tax_mode_parse ("inclusive", &mode));
  assert_int_equal (mode, POS_TAX_INCLUSIVE);
  assert_true (pos_tax_mode_parse ("exclusive", &mode));
  assert_int_equal (mode, POS_TAX_EXCLUSIVE);
  assert_false (pos_tax_mode_parse ("Inclusive", &mode));
  assert_false (pos_tax_mode_parse ("", &mode));
  assert_false (pos_tax_mode_parse (NULL, &mode));
  assert_int_equal (mode, POS_TAX_EXCLUSIVE);
  assert_string_equal (pos_tax_mode_to_string (POS_TAX_INCLUSIVE), "inclusive");
  assert_string_equal (pos_tax_mode_to_string (POS_TAX_EXCLUSIVE), "exclusive");

  assert_true (pos_tax_rounding_parse ("line", &rounding));
  assert_int_equal (rounding, POS_TAX_ROUND_LINE);
  assert_true (pos_tax_rounding_parse ("receipt", &rounding));
  assert_int_equal (rounding, POS_TAX_ROUND_RECEIPT);
  assert_false (pos_tax_rounding_parse ("lines", &rounding));
  assert_false (pos_tax_rounding_parse (NULL, &rounding));
  assert_int_equal (rounding, POS_TAX_ROUND_RECEIPT);
  assert_string_equal (pos_tax_rounding_to_string (POS_TAX_ROUND_LINE), "line");
  assert_string_equal (pos_tax_rounding_to_string (POS_TAX_ROUND_RECEIPT), "receipt");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_inclusive_line_and_receipt_rounding_differ),
    cmocka_unit_test (test_swiss_receipt_with_two_rates),
    cmocka_unit_test (test_us_exclusive_tax_per_receipt),
    cmocka_unit_test (test_japanese_receipt_in_whole_yen),
    cmocka_unit_test (test_sale_and_return_on_one_receipt),
    cmocka_unit_test (test_zero_rate_and_empty_receipt),
    cmocka_unit_test (test_random_receipts_hold_invariants_and_refunds_mirror_sales),
    cmocka_unit_test (test_bad_lines_are_refused_and_change_nothing),
    cmocka_unit_test (test_overflow_is_refused_and_changes_nothing),
    cmocka_unit_test (test_mode_and_rounding_names),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
