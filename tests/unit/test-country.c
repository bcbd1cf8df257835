/* test-country.c — the presets a new shop's country brings. */
#include "pos-test-util.h"

#include "pos-country.h"
#include "pos-money.h"
#include "pos-shop.h"

/* Every preset must be usable as it stands: a currency the till knows, a
 * standard rate first, codes unique, rates within what a shop may set. */
static void
test_country_every_preset_is_usable (void **state)
{
  guint n = 0;

  for (const PosCountry *const *c = pos_country_list (); *c != NULL; c++, n++)
    {
      g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
      guint rates = pos_country_rate_count (*c);

      assert_non_null (pos_currency_lookup ((*c)->currency));
      assert_true ((*c)->cash_step >= pos_currency_lookup ((*c)->currency)->cash_step);
      assert_true (rates >= 1);
      for (guint i = 0; i < rates; i++)
        {
          assert_true (g_hash_table_add (codes, (gpointer)(*c)->rates[i].code));
          assert_in_range ((*c)->rates[i].rate_bp, 0, POS_TAX_RATE_MAX_BP);
          /* In VAT countries the first rate is the standard, the highest;
           * Canada's first is the federal GST, below the provinces' HST. */
          if ((*c)->tax_mode == POS_TAX_INCLUSIVE)
            assert_true ((*c)->rates[i].rate_bp <= (*c)->rates[0].rate_bp);
        }
      assert_ptr_equal (pos_country_lookup ((*c)->code), *c);
    }
  assert_true (n >= 13);
}

/* The countries the shops we know of are in, with their rates of 2026. */
static void
test_country_rates_and_rules (void **state)
{
  const PosCountry *de = pos_country_lookup ("de");
  const PosCountry *ch = pos_country_lookup ("CH");
  const PosCountry *uk = pos_country_lookup ("UK");
  const PosCountry *us = pos_country_lookup ("US");
  const PosCountry *ca = pos_country_lookup ("CA");

  assert_string_equal (de->currency, "EUR");
  assert_int_equal (de->rates[0].rate_bp, 1900);
  assert_int_equal (de->rates[1].rate_bp, 700);
  assert_int_equal (de->cash_step, 1);
  assert_int_equal (de->tax_mode, POS_TAX_INCLUSIVE);
  assert_string_equal (ch->currency, "CHF");
  assert_int_equal (ch->rates[0].rate_bp, 810);
  assert_int_equal (ch->cash_step, 5);
  assert_string_equal (uk->code, "GB");
  assert_string_equal (uk->currency, "GBP");
  assert_int_equal (uk->rates[0].rate_bp, 2000);
  assert_int_equal (pos_country_lookup ("NL")->cash_step, 5);
  assert_int_equal (pos_country_lookup ("PL")->rates[0].rate_bp, 2300);
  assert_int_equal (us->tax_mode, POS_TAX_EXCLUSIVE);
  assert_string_equal (ca->currency, "CAD");
  assert_int_equal (ca->tax_mode, POS_TAX_EXCLUSIVE);
  for (const char *const *code = (const char *const[]){ "AT", "FR", "IT", "ES", "BE", "IE", NULL }; *code;
       code++)
    assert_string_equal (pos_country_lookup (*code)->currency, "EUR");
}

static void
test_country_unknown_has_no_preset (void **state)
{
  assert_null (pos_country_lookup ("XX"));
  assert_null (pos_country_lookup (""));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_country_every_preset_is_usable),
    cmocka_unit_test (test_country_rates_and_rules),
    cmocka_unit_test (test_country_unknown_has_no_preset),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
