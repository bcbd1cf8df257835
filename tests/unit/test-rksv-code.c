/* test-rksv-code.c — the Austrian receipt code: amounts, fields, the
 * encrypted turnover counter and the chain value, against values computed
 * independently (python3-cryptography) from the BMF scenarios' AES key. */
#include "pos-test-util.h"

#include "pos-error.h"
#include "pos-rksv-code.h"
#include "pos-rksv-crypto.h"

#define SCENARIO_KEY "WQRtiiya3hYh/Uz44Bv3x8ETl1nrH6nCdErn69g5/lU="

static void
test_amounts_have_a_comma_and_two_decimals (void **state)
{
  const struct
  {
    gint64 cents;
    const char *text;
  } cases[]
      = { { 0, "0,00" }, { 5, "0,05" }, { -5, "-0,05" }, { 12034, "120,34" }, { 123456789, "1234567,89" } };
  gint64 back;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pos_rksv_amount_format (cases[i].cents);
      assert_string_equal (text, cases[i].text);
      assert_true (pos_rksv_amount_parse (text, &back));
      assert_int_equal (back, cases[i].cents);
    }
  assert_false (pos_rksv_amount_parse ("1.234,56", &back));
  assert_false (pos_rksv_amount_parse ("12,3", &back));
  assert_false (pos_rksv_amount_parse ("12.30", &back));
  assert_false (pos_rksv_amount_parse ("-", &back));
}

static void
test_code_formats_and_parses_its_twelve_fields (void **state)
{
  PosRksvCode code = { .cash_box_id = "K1",
                       .receipt_id = "42",
                       .date_time = "2026-12-05T10:11:12",
                       .sums = { 1000, 250, 0, -30, 1 },
                       .turnover = "VQM93qq0ELw=",
                       .key_id = "U:ATU12345678-K0",
                       .chain = "cg8hNU5ihto=" };
  g_autofree char *text = pos_rksv_code_format (&code);
  g_auto (PosRksvCode) back = { 0 };
  g_autoptr (GError) error = NULL;

  assert_string_equal (text, "_R1-AT0_K1_42_2026-12-05T10:11:12_10,00_2,50_0,00_-0,30_0,01_VQM93qq0ELw=_"
                             "U:ATU12345678-K0_cg8hNU5ihto=");
  assert_true (pos_rksv_code_parse (text, &back, &error));
  assert_string_equal (back.receipt_id, "42");
  assert_int_equal (back.sums[POS_RKSV_RATE_ZERO], -30);
  assert_string_equal (back.chain, "cg8hNU5ihto=");
  assert_false (pos_rksv_code_parse ("_R1-AT1_K1_42", &back, &error));
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_INVALID));
}

static void
test_turnover_counter_is_aes_icm_of_the_known_vectors (void **state)
{
  guint8 key[POS_RKSV_AES_KEY_BYTES];
  const struct
  {
    const char *receipt;
    gint64 counter;
    const char *encrypted;
  } cases[] = { { "CASHBOX-DEMO-1-Receipt-ID-1", 0, "4r1iIdZGeAQ=" },
                { "R-7", 1234567, "VQM93qq0ELw=" },
                { "R-8", -500, "JEzq0AbVw/8=" } };

  assert_true (pos_rksv_aes_key_decode (SCENARIO_KEY, key, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encrypted
          = pos_rksv_turnover_encrypt (key, "CASHBOX-DEMO-1", cases[i].receipt, cases[i].counter, NULL);
      gint64 counter = 0;

      assert_string_equal (encrypted, cases[i].encrypted);
      assert_true (
          pos_rksv_turnover_decrypt (key, "CASHBOX-DEMO-1", cases[i].receipt, encrypted, &counter, NULL));
      assert_int_equal (counter, cases[i].counter);
    }
}

static void
test_chain_value_is_eight_bytes_of_sha256 (void **state)
{
  g_autofree char *chain = pos_rksv_chain_value ("CASHBOX-DEMO-1");

  assert_string_equal (chain, "cg8hNU5ihto=");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_amounts_have_a_comma_and_two_decimals),
    cmocka_unit_test (test_code_formats_and_parses_its_twelve_fields),
    cmocka_unit_test (test_turnover_counter_is_aes_icm_of_the_known_vectors),
    cmocka_unit_test (test_chain_value_is_eight_bytes_of_sha256),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
