/* test-dsfinvk-layaway.c — an advance payment towards reserved goods split
 * by VAT rate, pro rata of the goods' gross, to the cent. */
#include "pos-test-util.h"

#include "pos-dsfinvk-layaway.h"

/* Wine 7.99 at 19 % and bread 3.20 at 7 %; no goods at 10.7 %. */
static const PosDsfinvkVatPart goods[] = {
  { 1900, 799, 0, 0 },
  { 700, 320, 0, 0 },
  { 1070, 0, 0, 0 },
};

static void
test_an_advance_is_split_pro_rata_and_adds_up_to_the_payment (void **state)
{
  PosDsfinvkVatPart parts[G_N_ELEMENTS (goods)];
  g_autoptr (GError) error = NULL;

  /* 3.00 × 799/1119 = 2.1421…, 3.00 × 320/1119 = 0.8579… */
  assert_true (pos_dsfinvk_advance_split (300, goods, G_N_ELEMENTS (goods), parts, &error));
  assert_int_equal (parts[0].rate_bp, 1900);
  assert_int_equal (parts[0].gross, 214);
  assert_int_equal (parts[0].tax, 34); /* 2.14 × 19/119 = 0.3416… */
  assert_int_equal (parts[0].net, 180);
  assert_int_equal (parts[1].rate_bp, 700);
  assert_int_equal (parts[1].gross, 86);
  assert_int_equal (parts[1].tax, 6); /* 0.86 × 7/107 = 0.0562… */
  assert_int_equal (parts[1].net, 80);
  assert_int_equal (parts[2].gross, 0);
  assert_int_equal (parts[2].tax, 0);
}

static void
test_rounding_never_loses_or_adds_a_cent (void **state)
{
  const PosDsfinvkVatPart thirds[] = { { 1900, 100, 0, 0 }, { 700, 100, 0, 0 }, { 0, 100, 0, 0 } };
  PosDsfinvkVatPart parts[G_N_ELEMENTS (thirds)];

  /* 1.00 in three equal parts: 0.3333… each, the cent left over to one */
  assert_true (pos_dsfinvk_advance_split (100, thirds, G_N_ELEMENTS (thirds), parts, NULL));
  assert_int_equal (parts[0].gross + parts[1].gross + parts[2].gross, 100);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    assert_in_range (parts[i].gross, 33, 34);
  assert_int_equal (parts[2].tax, 0);
  for (PosAmount amount = 1; amount <= 1119; amount += 7)
    {
      assert_true (pos_dsfinvk_advance_split (amount, goods, G_N_ELEMENTS (goods), parts, NULL));
      assert_int_equal (parts[0].gross + parts[1].gross + parts[2].gross, amount);
    }
}

static void
test_money_given_back_is_the_exact_negation (void **state)
{
  PosDsfinvkVatPart in[G_N_ELEMENTS (goods)], back[G_N_ELEMENTS (goods)];

  assert_true (pos_dsfinvk_advance_split (419, goods, G_N_ELEMENTS (goods), in, NULL));
  assert_true (pos_dsfinvk_advance_split (-419, goods, G_N_ELEMENTS (goods), back, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (goods); i++)
    {
      assert_int_equal (back[i].gross, -in[i].gross);
      assert_int_equal (back[i].tax, -in[i].tax);
      assert_int_equal (back[i].net, -in[i].net);
    }
}

static void
test_an_advance_needs_goods_to_split_over (void **state)
{
  const PosDsfinvkVatPart none[] = { { 1900, 0, 0, 0 } };
  PosDsfinvkVatPart parts[1] = { { 0, 99, 99, 99 } };
  g_autoptr (GError) error = NULL;

  assert_false (pos_dsfinvk_advance_split (500, none, 1, parts, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_true (pos_dsfinvk_advance_split (0, none, 1, parts, NULL));
  assert_int_equal (parts[0].gross, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_an_advance_is_split_pro_rata_and_adds_up_to_the_payment),
    cmocka_unit_test (test_rounding_never_loses_or_adds_a_cent),
    cmocka_unit_test (test_money_given_back_is_the_exact_negation),
    cmocka_unit_test (test_an_advance_needs_goods_to_split_over),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
