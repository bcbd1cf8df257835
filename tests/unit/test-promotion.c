/* test-promotion.c — promotions as catalog data and at the till: saved as
 * versions, checked, learnt by another till from the journal, applied by
 * the cart as it changes (scan order, customer, coupons) and recorded on
 * the sale lines in the sale's transaction. A sale reads them again only
 * when the store has changed since the last sale read them. */
#include "pos-test-util.h"

#include "pos-clock.h"
#include "pos-promotion.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"
#include "pos-test-shop.h"

#define NOW G_GINT64_CONSTANT (1796000000000000) /* 2026-11-30, a fixed clock */
#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define DAY_US (24 * HOUR_US)

static int
fix_clock (void **state)
{
  pos_clock_set_fixed_for_testing (NOW);
  return 0;
}

static int
real_clock (void **state)
{
  pos_clock_set_fixed_for_testing (0);
  return 0;
}

static PosPromotion *
three_for_two (gint64 product)
{
  PosPromotion *p = pos_promotion_new ();

  p->name = g_strdup ("3 for 2");
  p->kind = POS_PROMO_MULTIBUY;
  p->buy_qty = 3;
  p->pay_qty = 2;
  g_array_append_val (p->products, product);
  return p;
}

static void
test_a_promotion_is_saved_as_versions_and_ended_by_one (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = three_for_two (shop->tea);
  g_autoptr (PosPromotion) bad = three_for_two (shop->tea);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;

  assert_false (pos_promotion_add (shop->store, shop->cashier, p, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  bad->pay_qty = 3;
  assert_false (pos_promotion_add (shop->store, shop->owner, bad, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM promotion"), 0);

  assert_true (pos_promotion_add (shop->store, shop->owner, p, &error));
  pos_assert_no_error (error);
  list = pos_promotion_list (shop->store, FALSE, NOW, &error);
  assert_int_equal (list->len, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  assert_true (pos_promotion_end (shop->store, shop->owner, "3 for 2", &error));
  list = pos_promotion_list (shop->store, FALSE, NOW, &error);
  assert_int_equal (list->len, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = pos_promotion_list (shop->store, TRUE, NOW, &error);
  assert_int_equal (list->len, 1);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT max (version) FROM promotion"), 2);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM promotion_product"), 2);
  assert_false (pos_store_exec (shop->store, "UPDATE promotion SET value = 1", NULL));
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = 'promotion.saved'"), 2);
}

static void
test_another_till_learns_the_promotion_from_the_journal (void **state)
{
  g_autoptr (PosTestShop) here = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosTestShop) there = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = three_for_two (here->tea);
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  PosPromotion *learnt;

  assert_true (pos_promotion_add (here->store, here->owner, p, &error));
  stmt = pos_store_prepare (here->store, "SELECT payload, hlc FROM journal WHERE type = 'promotion.saved'",
                            NULL);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  for (int twice = 0; twice < 2; twice++)
    {
      PosJournalEvent event = {
        .event_id = (char *)"01900000-0000-7000-8000-000000000001",
        .till_id = (char *)"T2",
        .till_seq = 1,
        .hlc = (char *)sqlite3_column_text (stmt, 1),
        .type = (char *)"promotion.saved",
        .payload = (char *)sqlite3_column_text (stmt, 0),
      };

      assert_true (pos_store_begin (there->store, NULL));
      assert_true (pos_sync_apply_event (there->store, &event, &error));
      pos_assert_no_error (error);
      assert_true (pos_store_commit (there->store, NULL));
    }
  list = pos_promotion_list (there->store, FALSE, NOW, &error);
  assert_int_equal (list->len, 1);
  learnt = g_ptr_array_index (list, 0);
  assert_string_equal (learnt->uid, p->uid);
  assert_int_equal (learnt->products->len, 1);
  assert_int_equal (g_array_index (learnt->products, gint64, 0), there->tea);
}

static PosAmount
total_for (PosTestShop *shop, const gint64 *products, guint n)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < n; i++)
    assert_true (pos_cart_add_product (cart, products[i], POS_QTY_ONE, &error));
  pos_assert_no_error (error);
  return pos_cart_get_total (cart);
}

static void
test_the_cart_applies_promotions_whatever_the_scan_order (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = three_for_two (shop->tea);
  g_autoptr (GError) error = NULL;
  gint64 a[] = { shop->tea, shop->milk, shop->tea, shop->bread, shop->tea };
  gint64 b[] = { shop->bread, shop->tea, shop->tea, shop->tea, shop->milk };

  assert_true (pos_promotion_add (shop->store, shop->owner, p, &error));
  /* 3 × 3.49 − 3.49 + 1.19 + 2.50 = 10.67 */
  assert_int_equal (total_for (shop, a, 5), 1067);
  assert_int_equal (total_for (shop, b, 5), 1067);
}

static void
test_members_price_follows_the_customer_and_coupons_need_their_code (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) members = pos_promotion_new ();
  g_autoptr (PosPromotion) coupon = pos_promotion_new ();
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosCustomer) customer = NULL;
  PosCustomer draft = { .name = "Ada", .card_code = "C-1" };
  g_autoptr (GError) error = NULL;

  members->name = g_strdup ("Members' milk");
  members->kind = POS_PROMO_PRICE, members->value = 99, members->members_only = TRUE;
  g_array_append_val (members->products, shop->milk);
  coupon->name = g_strdup ("Bread coupon");
  coupon->kind = POS_PROMO_AMOUNT, coupon->value = 50, coupon->coupon = g_strdup ("bread50");
  g_array_append_val (coupon->products, shop->bread);
  assert_true (pos_promotion_add (shop->store, shop->owner, members, &error));
  assert_true (pos_promotion_add (shop->store, shop->owner, coupon, &error));
  customer = pos_test_add_customer (shop->store, shop->owner, &draft);

  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->bread, POS_QTY_ONE, &error));
  assert_int_equal (pos_cart_get_total (cart), 369);
  assert_true (pos_cart_set_customer_id (cart, customer->id, &error));
  assert_int_equal (pos_cart_get_total (cart), 349);
  assert_false (pos_cart_add_coupon (cart, "NOPE", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_true (pos_cart_add_coupon (cart, " Bread50 ", &error));
  assert_int_equal (pos_cart_get_total (cart), 299);
  assert_int_equal (pos_cart_get_n_promotions (cart), 2);
  pos_cart_clear_customer (cart);
  assert_int_equal (pos_cart_get_total (cart), 319);
}

static void
test_checkout_records_each_promotion_on_its_lines (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = three_for_two (shop->tea);
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender cash = pos_test_cash (2000);

  assert_true (pos_promotion_add (shop->store, shop->owner, p, &error));
  assert_true (pos_cart_add_product (cart, shop->tea, 2 * POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->tea, POS_QTY_ONE, &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (result->total, 3 * 349 - 349 + 119);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum (amount) FROM sale_line_promotion"), 349);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT sum (discount) FROM sale_line"), 349);
  /* Shared over the three teas by price: 2.33 on the line of two, 1.16 on
   * the other. */
  assert_int_equal (pos_test_query_int (shop->store,
                                        "SELECT amount FROM sale_line_promotion a JOIN sale_line l "
                                        "ON l.id = a.sale_line_id WHERE l.line_no = 1"),
                    233);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = 'sale' AND "
                                                     "payload LIKE '%\"promotions\"%'"),
                    1);
}

static void
test_coupons_are_kept_when_a_sale_is_parked_and_resumed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) coupon = pos_promotion_new ();
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  gint64 parked = 0;

  coupon->name = g_strdup ("Bread coupon");
  coupon->kind = POS_PROMO_AMOUNT, coupon->value = 50, coupon->coupon = g_strdup ("BREAD50");
  g_array_append_val (coupon->products, shop->bread);
  assert_true (pos_promotion_add (shop->store, shop->owner, coupon, &error));
  assert_true (pos_cart_add_product (cart, shop->bread, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_coupon (cart, "bread50", &error));
  assert_int_equal (pos_cart_get_total (cart), 200);

  assert_true (pos_cart_park (cart, shop->cashier, NULL, &parked, &error));
  assert_null (pos_cart_get_coupons (cart)[0]);
  assert_true (pos_cart_resume (cart, parked, &error));
  pos_assert_no_error (error);
  assert_string_equal (pos_cart_get_coupons (cart)[0], "BREAD50");
  assert_int_equal (pos_cart_get_total (cart), 200);
  assert_int_equal (pos_cart_get_n_promotions (cart), 1);
}

/* Tea and milk are Teekanne's (typed two ways), bread is not: 0.50 off
 * each unit of the brand takes 1.00 off, and the brand travels with the
 * promotion to another till. A special price may cover a brand alone. */
static void
test_a_brand_promotion_covers_the_brands_products (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosTestShop) there = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = pos_promotion_new ();
  g_autoptr (PosPromotion) price = pos_promotion_new ();
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GError) error = NULL;
  gint64 basket[] = { shop->tea, shop->milk, shop->bread };

  pos_test_exec (shop->store, "UPDATE product SET brand = 'Teekanne' WHERE sku = 'TEA';"
                              "UPDATE product SET brand = 'TEEKANNE' WHERE sku = 'MILK';"
                              "UPDATE product SET brand = 'Bäckerei' WHERE sku = 'BREAD'");
  p->name = g_strdup ("Teekanne week");
  p->kind = POS_PROMO_AMOUNT, p->value = 50, p->brand = g_strdup (" teekanne ");
  assert_true (pos_promotion_add (shop->store, shop->owner, p, &error));
  pos_assert_no_error (error);
  /* 3.49 + 1.19 + 2.50 = 7.18, less 0.50 on tea and on milk */
  assert_int_equal (total_for (shop, basket, 3), 618);
  list = pos_promotion_list (shop->store, FALSE, NOW, &error);
  assert_string_equal (((PosPromotion *)g_ptr_array_index (list, 0))->brand, "teekanne");

  stmt = pos_store_prepare (shop->store, "SELECT payload, hlc FROM journal WHERE type = 'promotion.saved'",
                            NULL);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  {
    PosJournalEvent event = { .event_id = (char *)"01900000-0000-7000-8000-000000000002",
                              .till_id = (char *)"T2",
                              .till_seq = 1,
                              .hlc = (char *)sqlite3_column_text (stmt, 1),
                              .type = (char *)"promotion.saved",
                              .payload = (char *)sqlite3_column_text (stmt, 0) };
    assert_true (pos_store_begin (there->store, NULL));
    assert_true (pos_sync_apply_event (there->store, &event, &error));
    pos_assert_no_error (error);
    assert_true (pos_store_commit (there->store, NULL));
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = pos_promotion_list (there->store, FALSE, NOW, &error);
  assert_string_equal (((PosPromotion *)g_ptr_array_index (list, 0))->brand, "teekanne");

  price->name = g_strdup ("Bread price");
  price->kind = POS_PROMO_PRICE, price->value = 199, price->brand = g_strdup ("Bäckerei");
  assert_true (pos_promotion_add (shop->store, shop->owner, price, &error));
  pos_assert_no_error (error);
  assert_int_equal (total_for (shop, basket, 3), 618 - 51);
}

static void
add_scheduled (PosTestShop *shop, PosPromotion *p, gint64 starts_us)
{
  g_autoptr (GError) error = NULL;

  p->starts_us = starts_us;
  assert_true (pos_promotion_add (shop->store, shop->owner, p, &error));
  pos_assert_no_error (error);
}

/* Not started yet: the change is the promotion's next version, same uid. */
static void
test_changing_a_scheduled_promotion_makes_its_next_version (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = three_for_two (shop->tea);
  g_autoptr (PosPromotion) changed = three_for_two (shop->milk);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  PosPromotion *now;

  add_scheduled (shop, p, NOW + DAY_US);
  g_free (changed->name), changed->name = g_strdup ("Milk 3 for 2");
  changed->starts_us = NOW + (2 * DAY_US);
  assert_false (pos_promotion_change (shop->store, shop->cashier, p->uid, changed, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_true (pos_promotion_change (shop->store, shop->owner, p->uid, changed, &error));
  pos_assert_no_error (error);
  assert_string_equal (changed->uid, p->uid);
  list = pos_promotion_list (shop->store, TRUE, NOW, &error);
  assert_int_equal (list->len, 1);
  now = g_ptr_array_index (list, 0);
  assert_string_equal (now->name, "Milk 3 for 2");
  assert_int_equal (now->starts_us, NOW + (2 * DAY_US));
  assert_int_equal (g_array_index (now->products, gint64, 0), shop->milk);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT max (version) FROM promotion"), 2);
}

/* Running: a sale already made keeps the 3 for 2 it had; the change ends
 * it now and starts "2 for 1" as a promotion of its own, which the next
 * sale gets. An ended promotion cannot be changed. */
static void
test_changing_a_running_promotion_ends_it_and_starts_its_successor (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosPromotion) p = three_for_two (shop->tea);
  g_autoptr (PosPromotion) changed = three_for_two (shop->tea);
  g_autoptr (PosPromotion) again = three_for_two (shop->tea);
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_uid = NULL;
  gint64 teas[] = { shop->tea, shop->tea, shop->tea };
  PosTender cash = pos_test_cash (2000);
  g_autofree char *kept = NULL;

  add_scheduled (shop, p, NOW - HOUR_US);
  old_uid = g_strdup (p->uid);
  assert_true (pos_cart_add_product (cart, shop->tea, 3 * POS_QTY_ONE, &error));
  sale = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (sale->total, 2 * 349);

  g_free (changed->name), changed->name = g_strdup ("Tea 2 for 1");
  changed->buy_qty = 2, changed->pay_qty = 1;
  changed->starts_us = NOW - HOUR_US; /* as the form shows it: started already */
  pos_clock_set_fixed_for_testing (NOW + G_USEC_PER_SEC);
  assert_true (pos_promotion_change (shop->store, shop->owner, old_uid, changed, &error));
  pos_assert_no_error (error);
  assert_string_not_equal (changed->uid, old_uid);

  list = pos_promotion_list (shop->store, TRUE, NOW + G_USEC_PER_SEC, &error);
  assert_int_equal (list->len, 2);
  for (guint i = 0; i < list->len; i++)
    {
      PosPromotion *q = g_ptr_array_index (list, i);
      gboolean old = g_str_equal (q->uid, old_uid);
      assert_int_equal (old ? q->ends_us : q->starts_us, NOW + G_USEC_PER_SEC);
      assert_string_equal (q->name, old ? "3 for 2" : "Tea 2 for 1");
    }
  /* 3 teas now: one pair 2 for 1, the third at full price */
  assert_int_equal (total_for (shop, teas, 3), 2 * 349);
  assert_int_equal (total_for (shop, teas, 2), 349);
  kept = g_strdup_printf ("SELECT count(*) FROM sale_line_promotion WHERE promotion_uid = '%s' "
                          "AND name = '3 for 2'",
                          old_uid);
  assert_int_equal (pos_test_query_int (shop->store, kept), 1);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM promotion"), 3);

  assert_false (pos_promotion_change (shop->store, shop->owner, old_uid, again, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  pos_clock_set_fixed_for_testing (NOW);
}

/* Counts the statements that read the promotions in force. */
static int
count_promotion_reads (unsigned type, void *context, void *stmt, void *sql)
{
  if (strstr ((const char *)sql, "FROM promotion p WHERE") != NULL)
    (*(int *)context)++;
  return 0;
}

static void
scan_one_tea (PosCart *cart)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  pos_assert_no_error (error);
}

static void
test_a_sale_reads_the_promotions_again_only_when_the_store_changed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosPromotion) here = three_for_two (shop->tea);
  g_autoptr (PosPromotion) there = pos_promotion_new ();
  g_autoptr (PosStore) other = NULL;
  g_autoptr (GError) error = NULL;
  int reads = 0;

  sqlite3_trace_v2 (pos_store_db (shop->store), SQLITE_TRACE_STMT, count_promotion_reads, &reads);
  scan_one_tea (cart);
  pos_cart_clear (cart);
  scan_one_tea (cart);
  assert_int_equal (reads, 1); /* the second sale: nothing changed */
  pos_cart_clear (cart);

  /* Made on this till: the next sale reads them and gives 3 for 2. */
  assert_true (pos_promotion_add (shop->store, shop->owner, here, &error));
  pos_assert_no_error (error);
  scan_one_tea (cart);
  scan_one_tea (cart);
  scan_one_tea (cart);
  assert_int_equal (reads, 2);
  assert_int_equal (pos_cart_get_total (cart), 2 * 349);
  pos_cart_clear (cart);

  /* A sale paid reads them as its cart empties, not at the next first scan. */
  scan_one_tea (cart);
  {
    PosTender cash = pos_test_cash (1000);
    g_autoptr (PosSaleResult) sold = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);

    pos_assert_no_error (error);
    assert_non_null (sold);
  }
  assert_int_equal (reads, 3);
  scan_one_tea (cart);
  assert_int_equal (reads, 3);
  pos_cart_clear (cart);

  /* Made through another connection (as sync writes): seen all the same. */
  other = pos_store_open (pos_store_path (shop->store), POS_STORE_OPEN_NO_CHECK, &error);
  pos_assert_no_error (error);
  there->name = g_strdup ("Milk for 0.99");
  there->kind = POS_PROMO_PRICE, there->value = 99;
  g_array_append_val (there->products, shop->milk);
  assert_true (pos_promotion_add (other, shop->owner, there, &error));
  pos_assert_no_error (error);
  assert_true (pos_cart_add_code (cart, "MILK", &error));
  pos_assert_no_error (error);
  assert_int_equal (reads, 4);
  assert_int_equal (pos_cart_get_total (cart), 99);
  sqlite3_trace_v2 (pos_store_db (shop->store), 0, NULL, NULL);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_a_promotion_is_saved_as_versions_and_ended_by_one, fix_clock,
                                     real_clock),
    cmocka_unit_test_setup_teardown (test_another_till_learns_the_promotion_from_the_journal, fix_clock,
                                     real_clock),
    cmocka_unit_test (test_the_cart_applies_promotions_whatever_the_scan_order),
    cmocka_unit_test (test_members_price_follows_the_customer_and_coupons_need_their_code),
    cmocka_unit_test (test_checkout_records_each_promotion_on_its_lines),
    cmocka_unit_test (test_coupons_are_kept_when_a_sale_is_parked_and_resumed),
    cmocka_unit_test_setup_teardown (test_a_brand_promotion_covers_the_brands_products, fix_clock,
                                     real_clock),
    cmocka_unit_test_setup_teardown (test_changing_a_scheduled_promotion_makes_its_next_version, fix_clock,
                                     real_clock),
    cmocka_unit_test_setup_teardown (test_a_sale_reads_the_promotions_again_only_when_the_store_changed,
                                     fix_clock, real_clock),
    cmocka_unit_test_setup_teardown (test_changing_a_running_promotion_ends_it_and_starts_its_successor,
                                     fix_clock, real_clock),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
