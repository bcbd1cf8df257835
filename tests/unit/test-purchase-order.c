/* test-purchase-order.c — the order suggestion by hand-worked figures,
 * drafting, receiving in part and in full, closing, and bad input that
 * writes nothing. */
#include "pos-test-shop.h"

#include "pos-purchase-order.h"
#include "pos-stock.h"
#include "pos-supplier.h"

typedef struct
{
  PosTestShop *shop;
  gint64 farm;
} Fixture;

static gint64
query (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static void
sell_milk (PosTestShop *shop, PosQty qty)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tender = pos_test_cash (10000);

  pos_cart_set_multiplier (cart, qty);
  assert_true (pos_cart_add_code (cart, "MILK", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &tender, 1, &error);
  pos_assert_no_error (error);
}

/* Milk from Hillside Farm (lead time 3 days, minimum order 50.00, their
 * price 0.55), reorder level 5; 16 received at 0.50, 14 sold. */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;
  g_auto (PosSupplier) farm
      = { .name = g_strdup ("Hillside Farm"), .lead_time_days = 3, .minimum_order = 5000 };
  PosStockItem delivery = { 0, 16000, 50 };

  f->shop = pos_test_shop_new ("EUR", "inclusive");
  assert_true (pos_supplier_save (f->shop->store, f->shop->owner, &farm, &error));
  f->farm = farm.id;
  assert_true (
      pos_supplier_link (f->shop->store, f->shop->owner, f->farm, f->shop->milk, "HF-M", 55, &error));
  pos_test_exec (f->shop->store, "UPDATE product SET reorder_level = 5000 WHERE sku = 'MILK'");
  delivery.product_id = f->shop->milk;
  assert_true (pos_stock_receive (f->shop->store, f->shop->supervisor, f->farm, NULL, &delivery, 1, &error));
  pos_assert_no_error (error);
  sell_milk (f->shop, 14000);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  pos_test_shop_free (f->shop);
  g_free (f);
  return 0;
}

static void
test_suggestion_covers_lead_time_and_a_week_above_the_reorder_level (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  gboolean below = FALSE;
  PosOrderLine *l;

  /* 14 sold in 28 days = 0.5 a day; 3 + 7 days → 5; + reorder level 5 → 10;
   * 2 in stock → order 8, worth 8 × 0.55 = 4.40, under the 50.00 minimum. */
  lines = pos_purchase_order_suggest (f->shop->store, f->farm, &below, &error);
  pos_assert_no_error (error);
  assert_int_equal (lines->len, 1);
  l = g_ptr_array_index (lines, 0);
  assert_string_equal (l->sku, "MILK");
  assert_int_equal (l->level, 2000);
  assert_int_equal (l->sold, 14000);
  assert_int_equal (l->qty, 8000);
  assert_int_equal (l->unit_cost, 55);
  assert_true (below);
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* What is on order counts: after ordering 5, 3 more are suggested. */
  PosStockItem five = { f->shop->milk, 5000, -1 };
  assert_true (pos_purchase_order_create (f->shop->store, f->shop->supervisor, f->farm, &five, 1, &error)
               > 0);
  lines = pos_purchase_order_suggest (f->shop->store, f->farm, NULL, &error);
  assert_int_equal (((PosOrderLine *)g_ptr_array_index (lines, 0))->qty, 3000);
}

static void
test_order_is_received_in_part_then_in_full_at_its_prices (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosPurchaseOrder) order = NULL;
  PosStockItem ten = { f->shop->milk, 10000, -1 };
  PosStockItem four = { f->shop->milk, 4000, 0 };
  gint64 id = pos_purchase_order_create (f->shop->store, f->shop->supervisor, f->farm, &ten, 1, &error);

  pos_assert_no_error (error);
  assert_true (pos_purchase_order_mark_sent (f->shop->store, f->shop->supervisor, id, &error));
  /* 4 at the order's 0.55 onto 2 at 0.50: (2 × 50 + 4 × 55) / 6 = 53.3 → 53 */
  assert_true (
      pos_purchase_order_receive (f->shop->store, f->shop->supervisor, id, &four, 1, "DN-1", &error));
  pos_assert_no_error (error);
  assert_int_equal (query (f->shop, "SELECT cost FROM product WHERE sku = 'MILK'"), 53);
  order = pos_purchase_order_get (f->shop->store, id, &error);
  assert_string_equal (order->status, "partly_received");
  assert_int_equal (((PosOrderLine *)g_ptr_array_index (order->lines, 0))->received, 4000);
  g_clear_pointer (&order, pos_purchase_order_free);

  /* The rest: 6 at 0.55 onto 6 at 0.53 = 54 */
  assert_true (pos_purchase_order_receive (f->shop->store, f->shop->supervisor, id, NULL, 0, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (query (f->shop, "SELECT cost FROM product WHERE sku = 'MILK'"), 54);
  assert_int_equal (query (f->shop, "SELECT qty FROM stock_level WHERE product_id = 2"), 12000);
  order = pos_purchase_order_get (f->shop->store, id, &error);
  assert_string_equal (order->status, "received");
  assert_int_equal (order->total, 550);
  assert_int_equal (query (f->shop, "SELECT count(*) FROM stock_move WHERE reference LIKE 'PO-%'"), 2);

  assert_false (pos_purchase_order_receive (f->shop->store, f->shop->supervisor, id, NULL, 0, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_true (pos_purchase_order_close (f->shop->store, f->shop->supervisor, id, &error));
  assert_false (pos_purchase_order_close (f->shop->store, f->shop->supervisor, id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
}

static void
test_bad_orders_and_receipts_write_nothing (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  PosStockItem ten = { f->shop->milk, 10000, -1 };
  PosStockItem negative = { f->shop->milk, -1000, -1 };
  PosStockItem twice[] = { { f->shop->milk, 1000, -1 }, { f->shop->milk, 1000, -1 } };
  PosStockItem tea = { f->shop->tea, 1000, -1 };
  gint64 moves = query (f->shop, "SELECT count(*) FROM stock_move");
  gint64 id;

  assert_int_equal (pos_purchase_order_create (f->shop->store, f->shop->supervisor, 999, &ten, 1, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_int_equal (
      pos_purchase_order_create (f->shop->store, f->shop->supervisor, f->farm, &negative, 1, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (
      pos_purchase_order_create (f->shop->store, f->shop->supervisor, f->farm, twice, 2, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (pos_purchase_order_create (f->shop->store, f->shop->cashier, f->farm, &ten, 1, &error),
                    0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_int_equal (query (f->shop, "SELECT count(*) FROM purchase_order"), 0);

  id = pos_purchase_order_create (f->shop->store, f->shop->supervisor, f->farm, &ten, 1, &error);
  assert_false (pos_purchase_order_receive (f->shop->store, f->shop->supervisor, id, &tea, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (
      pos_purchase_order_receive (f->shop->store, f->shop->supervisor, id, &negative, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_purchase_order_receive (f->shop->store, f->shop->supervisor, 999, NULL, 0, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (query (f->shop, "SELECT count(*) FROM stock_move"), moves);
  assert_int_equal (query (f->shop, "SELECT received_qty FROM purchase_order_line"), 0);
  assert_int_equal (query (f->shop, "SELECT cost FROM product WHERE sku = 'MILK'"), 50);
}

static void
test_order_documents_list_every_line (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosPurchaseOrder) order = NULL;
  g_autofree char *csv = g_build_filename (f->shop->t->dir, "po.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->shop->t->dir, "po.pdf", NULL);
  g_autofree char *text = NULL;
  PosStockItem ten = { f->shop->milk, 10000, -1 };
  gint64 id = pos_purchase_order_create (f->shop->store, f->shop->supervisor, f->farm, &ten, 1, &error);

  order = pos_purchase_order_get (f->shop->store, id, &error);
  assert_true (pos_purchase_order_write_csv (f->shop->store, order, csv, &error));
  assert_true (pos_purchase_order_write_pdf (f->shop->store, order, pdf, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  assert_non_null (strstr (text, "MILK,HF-M,"));
  assert_non_null (strstr (text, ",10,0.55,5.50"));
  g_clear_pointer (&text, g_free);
  assert_true (g_file_get_contents (pdf, &text, NULL, NULL));
  assert_true (g_str_has_prefix (text, "%PDF-"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_suggestion_covers_lead_time_and_a_week_above_the_reorder_level,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_order_is_received_in_part_then_in_full_at_its_prices, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_bad_orders_and_receipts_write_nothing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_order_documents_list_every_line, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
