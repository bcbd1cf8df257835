/* test-checkout.c — ringing up a sale and paying for it. */
#include "pos-test-shop.h"

#include "pos-barcode.h"
#include "pos-barcode-layout.h"
#include "pos-catalog.h"
#include "pos-checkpointer.h"
#include "pos-customer.h"
#include "pos-journal.h"
#include "pos-loyalty.h"
#include "pos-shift.h"
#include "pos-shop.h"
#include "pos-stock.h"
#include "pos-store-private.h"

static gint64
count (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static void
test_cash_sale_writes_everything_in_one_go (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (1000);

  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  pos_cart_set_multiplier (cart, 2 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "MILK", &error));
  pos_assert_no_error (error);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (cart)), 2);
  assert_int_equal (pos_cart_get_total (cart), 349 + 2 * 119);

  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_string_equal (result->receipt_no, "T1-1");
  assert_int_equal (result->total, 587);
  assert_int_equal (result->change, 413);
  /* 3.49 incl. 20 % → 0.58; 2.38 incl. 5 % → 0.11 */
  assert_int_equal (result->tax_total, 58 + 11);
  assert_true (pos_cart_is_empty (cart));

  assert_int_equal (count (shop, "SELECT count(*) FROM sale_line"), 2);
  assert_int_equal (count (shop, "SELECT sum(gross) FROM sale_tax"), 587);
  assert_int_equal (count (shop, "SELECT amount FROM payment"), 587);
  assert_int_equal (
      count (shop,
             "SELECT qty FROM stock_level WHERE product_id = (SELECT id FROM product WHERE sku = 'MILK')"),
      -2000);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'sale'"), 1);
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
}

static void
test_receipt_numbers_are_gapless_per_till (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  PosTender cash = pos_test_cash (500);

  for (int i = 1; i <= 3; i++)
    {
      g_autoptr (PosSaleResult) result = NULL;
      g_autofree char *expected = g_strdup_printf ("T1-%d", i);
      assert_true (pos_cart_add_code (cart, "BREAD", NULL));
      result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, NULL);
      assert_string_equal (result->receipt_no, expected);
    }
}

static void
test_short_tender_changes_nothing (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosTender cash = pos_test_cash (300);
  gint64 events = count (shop, "SELECT count(*) FROM journal");

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_true (pos_cart_add_code (cart, "MILK", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_TENDER_SHORT);
  assert_non_null (strstr (error->message, "€1.68"));
  assert_int_equal (pos_cart_get_n_lines (cart), 2);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal"), events);
}

static void
test_split_tender_cash_and_card (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender tenders[] = { pos_test_card (300, "A1B2C3"), pos_test_cash (100) };

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, tenders, 2, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->change, 51);
  assert_int_equal (count (shop, "SELECT amount FROM payment WHERE method = 'card'"), 300);
  assert_int_equal (count (shop, "SELECT amount FROM payment WHERE method = 'cash'"), 49);
}

static void
test_card_number_is_never_stored (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosTender card = pos_test_card (349, "4111 1111 1111 1111");

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &card, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "card number"));
  assert_int_equal (count (shop, "SELECT count(*) FROM payment"), 0);
}

static void
test_card_cannot_pay_more_than_the_total (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosTender card = pos_test_card (1000, "REF9");

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &card, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

static void
test_chf_cash_is_rounded_to_five_rappen (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("CHF", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (2000);

  assert_true (pos_cart_add_code (cart, "TEA", NULL)); /* 3.49 → 3.50 in cash */
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->total, 349);
  assert_int_equal (result->rounding, 1);
  assert_int_equal (result->change, 1650);
  assert_int_equal (count (shop, "SELECT total FROM sale_day"), 350);
}

static void
test_weighed_item_from_a_scale_label (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  char digits[14] = "281234";
  PosCartLine *line;

  /* 750 g of cheese: item 281234, price check digit, weight 00750 */
  digits[6] = '0' + pos_price_check_digit ("00750", 5);
  memcpy (digits + 7, "00750", 5);
  digits[12] = pos_gtin_check_digit (digits);
  digits[13] = '\0';
  assert_true (pos_cart_add_code (cart, digits, &error));
  pos_assert_no_error (error);
  line = pos_cart_get_line (cart, 0);
  assert_int_equal (pos_cart_line_get_qty (line), 750);
  assert_int_equal (pos_cart_line_get_total (line), 1493); /* 19.90 × 0.75 = 14.925 → 14.93 */
}

static void
test_weighed_item_needs_a_weight (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;

  assert_false (pos_cart_add_code (cart, "CHEESE", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  pos_cart_set_multiplier (cart, 250);
  assert_true (pos_cart_add_code (cart, "CHEESE", &error));
  assert_int_equal (pos_cart_get_total (cart), 498);
}

/* A product sold by a measure other than weight: oil from a tap by the
 * litre, cable off the roll by the metre. */
static gint64
add_measured (PosTestShop *shop, const char *sku, const char *unit, PosAmount price)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  g_free (p->unit);
  p->unit = g_strdup (unit);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "A", NULL);
  assert_true (pos_catalog_save (shop->store, p, &error));
  pos_assert_no_error (error);
  return p->id;
}

static void
test_litre_and_metre_items_take_decimal_quantities (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  gint64 cable = add_measured (shop, "CABLE", "m", 120);
  PosTender cash = pos_test_cash (2000);

  add_measured (shop, "OIL", "l", 450);
  /* Scanned with no quantity typed, the till asks for one in litres. */
  assert_false (pos_cart_add_code (cart, "OIL", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  pos_assert_contains (error->message, " l,");
  g_clear_error (&error);
  pos_cart_set_multiplier (cart, 1500); /* 1.5 l */
  assert_true (pos_cart_add_code (cart, "OIL", &error));
  pos_assert_no_error (error);
  assert_true (pos_cart_add_product (cart, cable, 2750, &error)); /* 2.75 m */
  pos_assert_no_error (error);
  assert_true (pos_cart_line_is_measured (pos_cart_get_line (cart, 1)));
  assert_int_equal (pos_cart_get_total (cart), 675 + 330);

  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT qty FROM sale_line WHERE unit = 'l'"), 1500);
  assert_int_equal (count (shop, "SELECT qty FROM sale_line WHERE unit = 'm'"), 2750);
}

static void
test_piece_items_stay_whole (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;

  pos_cart_set_multiplier (cart, 1500);
  assert_false (pos_cart_add_code (cart, "TEA", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_cart_get_n_lines (cart), 0);
}

static void
test_bad_check_digit_leaves_the_cart_alone (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_false (pos_cart_add_code (cart, "4006381333932", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_cart_add_code (cart, "5901234123457", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (pos_cart_get_n_lines (cart), 1);
  assert_int_equal (pos_cart_get_total (cart), 349);
}

/* A code read two ways (a ten-digit ISBN is also plain text) finds its
 * product by the second reading when the first names none; a code that
 * neither reading finds leaves the cart alone. */
static void
test_a_code_read_two_ways_finds_its_product_by_the_second (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosCartLine *line;

  assert_true (
      pos_store_exec (shop->store, "UPDATE product SET sku = '0306406152' WHERE sku = 'BREAD'", &error));
  assert_true (pos_cart_add_code (cart, "0306406152", &error));
  pos_assert_no_error (error);
  line = pos_cart_get_line (cart, 0);
  assert_string_equal (pos_cart_line_get_name (line), "Sourdough loaf");
  assert_string_equal (pos_cart_line_get_tax_code (line), "B");
  assert_int_equal (pos_cart_line_get_total (line), 250);

  assert_false (pos_cart_add_code (cart, "0198526636", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (pos_cart_get_n_lines (cart), 1);
  assert_int_equal (pos_cart_get_total (cart), 250);
}

static void
test_void_needs_a_supervisor_and_is_audited (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  assert_false (pos_cart_void_line (cart, 0, shop->cashier, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_int_equal (pos_cart_get_n_lines (cart), 2);

  assert_true (pos_cart_void_line (cart, 0, shop->cashier, shop->supervisor, NULL));
  assert_int_equal (pos_cart_get_n_lines (cart), 1);
  assert_int_equal (pos_cart_get_total (cart), 250);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM audit WHERE action = 'void_line' AND approver_id IS NOT NULL"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'cart.void'"), 1);
}

static void
test_lowering_a_quantity_follows_the_void_rule (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;

  pos_cart_set_multiplier (cart, 3 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  /* Selling more needs no one. */
  assert_true (pos_cart_set_line_qty (cart, 0, 4 * POS_QTY_ONE, shop->cashier, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'void_line'"), 0);

  /* Taking back part of it is a void: refused without a supervisor. */
  assert_false (pos_cart_set_line_qty (cart, 0, POS_QTY_ONE, shop->cashier, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_int_equal (pos_cart_line_get_qty (pos_cart_get_line (cart, 0)), 4 * POS_QTY_ONE);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'void_line'"), 0);

  assert_true (pos_cart_set_line_qty (cart, 0, POS_QTY_ONE, shop->cashier, shop->supervisor, NULL));
  assert_int_equal (pos_cart_get_total (cart), 250);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM audit WHERE action = 'void_line' AND approver_id IS NOT NULL "
                   "AND json_extract (detail, '$.qty_removed') = 3000"),
      1);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'cart.void'"), 1);
}

static void
test_discount_over_the_limit_needs_approval (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosDiscount small = { POS_DISCOUNT_PERCENT, 500 }, big = { POS_DISCOUNT_PERCENT, 5000 };
  PosTender cash = pos_test_cash (1000);

  assert_true (pos_cart_add_code (cart, "BREAD", NULL));
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_true (pos_cart_set_line_discount (cart, 0, small, shop->cashier, NULL, &error));
  assert_int_equal (pos_cart_line_get_total (pos_cart_get_line (cart, 0)), 237); /* 2.50 − 0.125 (→ 0.13) */
  assert_false (pos_cart_set_cart_discount (cart, big, shop->cashier, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_true (pos_cart_set_cart_discount (cart, big, shop->cashier, shop->supervisor, &error));
  /* (2.37 + 3.49) × 50 % = 2.93 off, spread over both lines */
  assert_int_equal (pos_cart_get_total (cart), 586 - 293);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT sum(line_total) FROM sale_line"), 293);
  assert_int_equal (count (shop, "SELECT discount_total FROM sale"), 250 + 349 - 293);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'discount_over_limit'"), 1);
}

static void
test_exclusive_tax_is_added_to_the_total (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("USD", "exclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);

  assert_true (pos_cart_add_code (cart, "TEA", NULL)); /* 3.49 + 20 % = 4.188 → 4.19 */
  assert_int_equal (pos_cart_get_tax_total (cart), 70);
  assert_int_equal (pos_cart_get_total (cart), 419);
}

static void
test_loyalty_points_are_earned_and_redeemed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosCustomer draft = { .card_code = (char *)"LOYAL-7", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) customer = NULL;
  g_autoptr (PosSaleResult) first = NULL;
  g_autoptr (PosSaleResult) second = NULL;
  PosTender cash = pos_test_cash (5000);
  PosTender points = { POS_TENDER_POINTS, 0, NULL, 40 };
  PosTender rest = pos_test_cash (500);

  customer = pos_test_add_customer (shop->store, shop->cashier, &draft);

  assert_true (pos_cart_set_customer (cart, "LOYAL-7", &error));
  pos_cart_set_multiplier (cart, 10 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  first = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (first->points_earned, 34); /* 34.90 paid, 1 point per euro */
  assert_int_equal (pos_loyalty_balance (shop->store, customer->id), 34);

  assert_true (pos_cart_set_customer (cart, "LOYAL-7", NULL));
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  points.points = 40;
  {
    PosTender tenders[] = { points, rest };
    assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, tenders, 2, &error));
    pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID); /* only 34 points */
    g_clear_error (&error);
    tenders[0].points = 30;
    second = pos_checkout_commit (shop->store, cart, shop->cashier, tenders, 2, &error);
    pos_assert_no_error (error);
  }
  assert_int_equal (second->change, 500 - (349 - 30));
  assert_int_equal (pos_loyalty_balance (shop->store, customer->id), 34 - 30 + 3);
}

static void
test_park_and_resume_keep_the_sale (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  gint64 parked = 0;

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  pos_cart_set_multiplier (cart, 3 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "MILK", NULL));
  assert_true (pos_cart_park (cart, shop->cashier, "blue coat", &parked, &error));
  assert_true (pos_cart_is_empty (cart));

  /* A price change while parked does not change what the customer was told. */
  assert_true (pos_store_exec (shop->store, "UPDATE product SET price = 999 WHERE sku = 'TEA'", NULL));
  assert_true (pos_cart_resume (cart, parked, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_cart_get_n_lines (cart), 2);
  assert_int_equal (pos_cart_get_total (cart), 349 + 3 * 119);
  assert_false (pos_cart_resume (cart, parked, &error));
}

/* Closes the fixture's shift, as at the end of the day. */
static void
close_shift (PosTestShop *shop)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) summary = pos_shift_close (shop->store, shop->cashier, NULL, 0, &error);

  pos_assert_no_error (error);
  assert_non_null (summary);
}

static void
test_cash_needs_an_open_shift (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) card_sale = NULL;
  PosTender cash = pos_test_cash (500);
  PosTender card = pos_test_card (349, "TERM-1");

  close_shift (shop);
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_string_equal (error->message, "Open a shift (count the float) before taking cash");
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
  assert_int_equal (pos_cart_get_n_lines (cart), 1);
  g_clear_error (&error);

  /* A card-only sale puts nothing in the drawer: no shift needed. */
  card_sale = pos_checkout_commit (shop->store, cart, shop->cashier, &card, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 1);
}

static void
test_shift_rule_can_be_switched_off (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (500);

  close_shift (shop);
  assert_false (pos_shop_setting_set (shop->store, shop->owner, "shift_required", "maybe", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_true (pos_shop_setting_set (shop->store, shop->owner, "shift_required", "0", &error));
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->change, 151);
}

static void
test_implausible_cash_needs_confirmation (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender typo = pos_test_cash (100000); /* 1000.00 for 3.49: an extra zero or two */

  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &typo, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "€1,000.00 in cash and giving €996.51 change"));
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
  g_clear_error (&error);

  result = pos_checkout_commit_full (shop->store, cart, shop->cashier, &typo, 1, POS_CHECKOUT_CASH_CONFIRMED,
                                     &error);
  pos_assert_no_error (error);
  assert_int_equal (result->change, 99651);
}

static void
test_cash_plausibility_follows_the_currency (void **state)
{
  const PosCurrency *eur = pos_currency_lookup ("EUR");
  const PosCurrency *gbp = pos_currency_lookup ("GBP");

  /* Up to the total plus the largest note, or 20 × the total. */
  assert_true (pos_checkout_cash_is_plausible (349, 50000 + 349, eur));
  assert_false (pos_checkout_cash_is_plausible (349, 50000 + 350, eur));
  assert_true (pos_checkout_cash_is_plausible (100, 5000 + 100, gbp));
  assert_false (pos_checkout_cash_is_plausible (100, 5000 + 101, gbp));
  assert_true (pos_checkout_cash_is_plausible (10000, 30000, gbp));
  assert_false (pos_checkout_cash_is_plausible (10000, 30001, gbp));
  /* …but never more change than four of the largest note. */
  assert_true (pos_checkout_cash_is_plausible (349000, 349000 + 200000, eur));
  assert_false (pos_checkout_cash_is_plausible (349000, 349000 + 200001, eur));
  /* Saturates rather than overflows. */
  assert_true (pos_checkout_cash_is_plausible (G_MAXINT64 - 1, G_MAXINT64, eur));
}

static void
test_tenders_have_an_upper_bound (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosTender huge_card = pos_test_card (100000001, "TERM-1");
  PosTender huge_cash = pos_test_cash (G_MAXINT64 / 2);
  PosTender tenders[2] = { pos_test_cash (G_MAXINT64 / 2), pos_test_cash (G_MAXINT64 / 2) };
  PosTender parsed;

  assert_int_equal (pos_tender_max (pos_currency_lookup ("EUR")), 100000000);
  assert_int_equal (pos_tender_max (pos_currency_lookup ("JPY")), 1000000);
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &huge_card, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (error->message, "An amount can be at most €1,000,000.00");
  g_clear_error (&error);
  assert_null (pos_checkout_commit_full (shop->store, cart, shop->cashier, &huge_cash, 1,
                                         POS_CHECKOUT_CASH_CONFIRMED, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_checkout_commit_full (shop->store, cart, shop->cashier, tenders, 2,
                                         POS_CHECKOUT_CASH_CONFIRMED, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_tender_parse ("cash:1000000.01", pos_currency_lookup ("EUR"), &parsed, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale"), 0);
}

static void
add_test_product (PosTestShop *shop, const char *sku, PosAmount price)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (shop->store, "B", NULL);
  assert_true (pos_catalog_save (shop->store, p, &error));
  pos_assert_no_error (error);
}

/*
 * Every page a sale writes is a random write on the till's disk, and the
 * benchmark's figure 1b holds a 5-line sale to 24 of them on the full
 * store. On this tiny store each table and index is a page or two, so the
 * fewest log frames any of ten sales writes is the number of B-trees a
 * sale touches: sale (+ receipt_no, (till_id, till_number), business day,
 * shift), sale_line (+ (sale_id, line_no)), sale_tax, payment (keyed by
 * its sale since migration 035), stock_move, stock_ledger (each product's moves and level in
 * one tree), the running totals (till_total: the Z period, its taxes,
 * its payments and the day, one tree since migration 034, where they were
 * four), the journal (+ event_id, (till_id, till_seq), unpushed). A change
 * that makes a sale write one more table or index fails here: weigh its
 * cost on figure 1b before raising this number.
 */
static void
test_five_line_sale_writes_a_known_number_of_pages (void **state)
{
  static const char *const skus[] = { "TEA", "MILK", "BREAD", "JAM", "HONEY" };
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCheckpointer) checkpointer = NULL;
  guint fewest = G_MAXUINT;

  add_test_product (shop, "JAM", 299);
  add_test_product (shop, "HONEY", 599);
  checkpointer = pos_checkpointer_new (shop->store, POS_CHECKPOINT_FRAMES, &error);
  pos_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (PosSaleResult) result = NULL;
      PosTender card;

      for (guint k = 0; k < G_N_ELEMENTS (skus); k++)
        assert_true (pos_cart_add_code (cart, skus[k], NULL));
      assert_int_equal (pos_cart_get_n_lines (cart), 5);
      card = pos_test_card (pos_cart_get_total (cart), "R1");
      result = pos_checkout_commit (shop->store, cart, shop->cashier, &card, 1, &error);
      pos_assert_no_error (error);
      fewest = MIN (fewest, pos_checkpointer_get_commit_frames (checkpointer));
    }
  assert_int_equal (fewest, 16);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cash_sale_writes_everything_in_one_go),
    cmocka_unit_test (test_receipt_numbers_are_gapless_per_till),
    cmocka_unit_test (test_short_tender_changes_nothing),
    cmocka_unit_test (test_split_tender_cash_and_card),
    cmocka_unit_test (test_card_number_is_never_stored),
    cmocka_unit_test (test_card_cannot_pay_more_than_the_total),
    cmocka_unit_test (test_chf_cash_is_rounded_to_five_rappen),
    cmocka_unit_test (test_weighed_item_from_a_scale_label),
    cmocka_unit_test (test_weighed_item_needs_a_weight),
    cmocka_unit_test (test_litre_and_metre_items_take_decimal_quantities),
    cmocka_unit_test (test_piece_items_stay_whole),
    cmocka_unit_test (test_bad_check_digit_leaves_the_cart_alone),
    cmocka_unit_test (test_a_code_read_two_ways_finds_its_product_by_the_second),
    cmocka_unit_test (test_void_needs_a_supervisor_and_is_audited),
    cmocka_unit_test (test_discount_over_the_limit_needs_approval),
    cmocka_unit_test (test_exclusive_tax_is_added_to_the_total),
    cmocka_unit_test (test_loyalty_points_are_earned_and_redeemed),
    cmocka_unit_test (test_park_and_resume_keep_the_sale),
    cmocka_unit_test (test_cash_needs_an_open_shift),
    cmocka_unit_test (test_shift_rule_can_be_switched_off),
    cmocka_unit_test (test_implausible_cash_needs_confirmation),
    cmocka_unit_test (test_cash_plausibility_follows_the_currency),
    cmocka_unit_test (test_tenders_have_an_upper_bound),
    cmocka_unit_test (test_lowering_a_quantity_follows_the_void_rule),
    cmocka_unit_test (test_five_line_sale_writes_a_known_number_of_pages),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
