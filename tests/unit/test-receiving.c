/* test-receiving.c — a delivery taken in by scan: free, or against a
 * purchase order where more than ordered is taken in and flagged. */
#include "pos-test-shop.h"

#include "pos-purchase-order.h"
#include "pos-receiving.h"
#include "pos-stock.h"
#include "pos-supplier.h"

typedef struct
{
  PosTestShop *shop;
  gint64 order;
} Fixture;

/* An order of 10 milk at 0.50 from Hillside Farm, sent. */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;
  g_auto (PosSupplier) farm = { .name = g_strdup ("Hillside Farm") };
  PosStockItem ten = { 0, 10000, 50 };

  f->shop = pos_test_shop_new ("EUR", "inclusive");
  assert_true (pos_supplier_save (f->shop->store, f->shop->owner, &farm, &error));
  ten.product_id = f->shop->milk;
  f->order = pos_purchase_order_create (f->shop->store, f->shop->supervisor, farm.id, &ten, 1, &error);
  pos_assert_no_error (error);
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
scan (PosReceiving *r, PosStore *store, const char *code, int times)
{
  for (int i = 0; i < times; i++)
    {
      g_autoptr (GError) error = NULL;

      assert_non_null (pos_receiving_scan (r, store, code, 1000, &error));
      pos_assert_no_error (error);
    }
}

/* 12 scanned against 10 ordered: all 12 are taken in at the order's price,
 * the line is flagged in the delivery and on the order. */
static void
test_receiving_more_than_ordered_is_taken_in_and_flagged (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceiving) r = pos_receiving_new (f->shop->store, f->order, &error);
  g_autoptr (PosPurchaseOrder) order = NULL;
  const PosReceivingLine *line;
  PosOrderLine *ordered;

  pos_assert_no_error (error);
  scan (r, f->shop->store, "MILK", 10);
  assert_int_equal (pos_receiving_n_over (r), 0);
  scan (r, f->shop->store, "MILK", 2);
  line = g_ptr_array_index (pos_receiving_lines (r), 0);
  assert_int_equal (line->qty, 12000);
  assert_int_equal (line->ordered, 10000);
  assert_true (line->over);
  assert_int_equal (pos_receiving_n_over (r), 1);
  assert_true (pos_receiving_commit (r, f->shop->store, f->shop->supervisor, "DN-4", &error));
  pos_assert_no_error (error);

  assert_int_equal (pos_stock_level (f->shop->store, f->shop->milk), 12000);
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT cost FROM product WHERE sku = 'MILK'"), 50);
  order = pos_purchase_order_get (f->shop->store, f->order, &error);
  ordered = g_ptr_array_index (order->lines, 0);
  assert_int_equal (ordered->received, 12000);
  assert_true (ordered->over_received);
  assert_string_equal (order->status, "received");
}

/* A product that is not on the order, a quantity below 1 and an unknown
 * code are refused; nothing is booked until commit. */
static void
test_receiving_refuses_bad_scans (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceiving) r = pos_receiving_new (f->shop->store, f->order, &error);

  assert_null (pos_receiving_scan (r, f->shop->store, "TEA", 1000, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_receiving_scan (r, f->shop->store, "MILK", -1000, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_receiving_scan (r, f->shop->store, "NO-SUCH", 1000, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_receiving_commit (r, f->shop->store, f->shop->supervisor, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_test_query_int (f->shop->store, "SELECT count(*) FROM stock_move"), 0);
}

/* Free receiving takes any product, keeps its cost, flags nothing. */
static void
test_free_receiving_books_a_delivery (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceiving) r = pos_receiving_new (f->shop->store, 0, &error);

  scan (r, f->shop->store, "4006381333931", 3);
  scan (r, f->shop->store, "BREAD", 1);
  assert_int_equal (pos_receiving_lines (r)->len, 2);
  assert_int_equal (pos_receiving_n_over (r), 0);
  /* A cashier may scan but not book. */
  assert_false (pos_receiving_commit (r, f->shop->store, f->shop->cashier, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_true (pos_receiving_commit (r, f->shop->store, f->shop->owner, "DN-5", &error));
  assert_int_equal (pos_stock_level (f->shop->store, f->shop->tea), 3000);
  assert_int_equal (pos_stock_level (f->shop->store, f->shop->bread), 1000);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_receiving_more_than_ordered_is_taken_in_and_flagged, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_receiving_refuses_bad_scans, setup, teardown),
    cmocka_unit_test_setup_teardown (test_free_receiving_books_a_delivery, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
