/* test-stock-take.c — counting by scan: sales during a count, approval
 * into stock moves, a negative count, an unknown barcode, the category
 * scope and who may approve. */
#include "pos-test-shop.h"

#include "pos-stock-take-async.h"
#include "pos-stock-take.h"
#include "pos-stock.h"

static gint64
query (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static void
receive (PosTestShop *shop, gint64 product, PosQty qty)
{
  g_autoptr (GError) error = NULL;
  PosStockItem item = { product, qty, -1 };

  assert_true (pos_stock_receive (shop->store, shop->supervisor, 0, NULL, &item, 1, &error));
  pos_assert_no_error (error);
}

static void
sell (PosTestShop *shop, const char *code, PosQty qty)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tender = pos_test_cash (10000);

  pos_cart_set_multiplier (cart, qty);
  assert_true (pos_cart_add_code (cart, code, &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &tender, 1, &error);
  pos_assert_no_error (error);
}

static void
count (PosTestShop *shop, gint64 id, const char *code, int times)
{
  for (int i = 0; i < times; i++)
    {
      g_autoptr (GError) error = NULL;

      assert_true (pos_stock_take_count (shop->store, shop->cashier, id, code, 1000, NULL, NULL, &error));
      pos_assert_no_error (error);
    }
}

static PosStockTakeLine *
line_of (PosStockTakeReport *r, const char *sku)
{
  for (guint i = 0; i < r->lines->len; i++)
    if (g_str_equal (((PosStockTakeLine *)g_ptr_array_index (r->lines, i))->sku, sku))
      return g_ptr_array_index (r->lines, i);
  fail_msg ("%s was not counted", sku);
  return NULL;
}

static int
setup (void **state)
{
  PosTestShop *shop = pos_test_shop_new ("EUR", "inclusive");

  receive (shop, shop->tea, 10000);
  receive (shop, shop->milk, 6000);
  *state = shop;
  return 0;
}

static int
teardown (void **state)
{
  pos_test_shop_free (*state);
  return 0;
}

/* 10 tea on hand. 2 sold before the tea is counted: expected 8. The shelf
 * holds 7 (one went missing), counted by seven scans. 1 sold after the
 * count: the variance stays −1, and approval leaves 10 − 2 − 1 − 1 = 6. */
static void
test_sales_during_a_count_are_accounted_for (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeReport) r = NULL;
  gint64 id = pos_stock_take_start (shop->store, shop->cashier, NULL, &error);

  pos_assert_no_error (error);
  assert_true (id > 0);
  sell (shop, "TEA", 2000);
  count (shop, id, "4006381333931", 7);
  sell (shop, "TEA", 1000);
  r = pos_stock_take_report (shop->store, id, &error);
  pos_assert_no_error (error);
  assert_int_equal (r->lines->len, 1);
  assert_int_equal (line_of (r, "TEA")->counted, 7000);
  assert_int_equal (line_of (r, "TEA")->expected, 8000);
  assert_int_equal (line_of (r, "TEA")->variance, -1000);
  assert_true (pos_stock_take_approve (shop->store, shop->supervisor, id, "yearly count", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 6000);
}

/* Another shop's sale of the product, synced in after the count, is that
 * shop's stock: the expected figure here stays what it was. */
static void
test_another_shops_moves_leave_the_expected_stock_alone (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeReport) r = NULL;
  gint64 id = pos_stock_take_start (shop->store, shop->cashier, NULL, &error);
  g_autofree char *sql = NULL;

  pos_assert_no_error (error);
  count (shop, id, "4006381333931", 7);
  sql = g_strdup_printf ("INSERT INTO stock_move (product_id, qty, reason, till_id, created_at, shop_id) "
                         "VALUES (%" G_GINT64_FORMAT ", -3000, 'sale', 'N1', '2026-03-01T10:00:00.000Z', "
                         "'north')",
                         shop->tea);
  pos_test_exec (shop->store, sql);
  r = pos_stock_take_report (shop->store, id, &error);
  pos_assert_no_error (error);
  assert_int_equal (line_of (r, "TEA")->expected, 10000);
  assert_int_equal (line_of (r, "TEA")->variance, -3000);
}

/* Approval writes one COUNT move per difference, with the stock take's
 * number and the reason, in one event; a product counted right gets none. */
static void
test_approval_turns_variances_into_stock_moves (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  gint64 moves = query (shop, "SELECT count(*) FROM stock_move");
  gint64 id = pos_stock_take_start (shop->store, shop->cashier, NULL, &error);

  count (shop, id, "TEA", 12);
  count (shop, id, "MILK", 6);
  assert_true (pos_stock_take_count (shop->store, shop->cashier, id, "BREAD", 3000, NULL, NULL, &error));
  /* A cashier may count but not approve. */
  assert_false (pos_stock_take_approve (shop->store, shop->cashier, id, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_int_equal (query (shop, "SELECT count(*) FROM stock_move"), moves);

  assert_true (pos_stock_take_approve (shop->store, shop->owner, id, "shrinkage", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 12000);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), 6000);
  assert_int_equal (pos_stock_level (shop->store, shop->bread), 3000);
  assert_int_equal (query (shop, "SELECT count(*) FROM stock_move WHERE reason = 'count' AND reference = "
                                 "'ST-1 shrinkage'"),
                    2);
  assert_int_equal (query (shop, "SELECT count(*) FROM journal WHERE type = 'stock.count'"), 1);
  assert_int_equal (query (shop, "SELECT count(*) FROM stock_take WHERE status = 'approved'"), 1);
  assert_true (pos_stock_verify (shop->store, NULL, &error));
  /* Approved once: a second approval changes nothing. */
  assert_false (pos_stock_take_approve (shop->store, shop->owner, id, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 12000);
}

static void
test_negative_count_is_refused (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  gint64 id = pos_stock_take_start (shop->store, shop->cashier, NULL, &error);

  assert_false (pos_stock_take_count (shop->store, shop->cashier, id, "TEA", -2000, NULL, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_string_equal (error->message, "A counted quantity cannot be negative");
  g_clear_error (&error);
  assert_false (pos_stock_take_count (shop->store, shop->cashier, id, "TEA", 0, NULL, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (query (shop, "SELECT count(*) FROM stock_take_count"), 0);
}

/* An unknown code is noted, listed in the report and changes no stock. */
static void
test_unknown_barcode_is_noted_in_the_session (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeReport) r = NULL;
  g_autoptr (PosStockTakeLine) line = NULL;
  gboolean unknown = FALSE;
  gint64 id = pos_stock_take_start (shop->store, shop->cashier, NULL, &error);

  assert_true (
      pos_stock_take_count (shop->store, shop->cashier, id, "9999999999994", 1000, &line, &unknown, &error));
  pos_assert_no_error (error);
  assert_true (unknown);
  assert_null (line);
  assert_true (
      pos_stock_take_count (shop->store, shop->cashier, id, "9999999999994", 2000, NULL, NULL, &error));
  r = pos_stock_take_report (shop->store, id, &error);
  assert_int_equal (r->lines->len, 0);
  assert_int_equal (r->unknown->len, 1);
  assert_string_equal (((PosStockTakeUnknown *)g_ptr_array_index (r->unknown, 0))->code, "9999999999994");
  assert_int_equal (((PosStockTakeUnknown *)g_ptr_array_index (r->unknown, 0))->qty, 3000);
  assert_true (pos_stock_take_approve (shop->store, shop->supervisor, id, NULL, &error));
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 10000);
}

/* A category's stock take counts its products only; one is open at a time;
 * a cancelled one changes no stock. */
static void
test_category_scope_one_open_and_cancel (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  gint64 id;

  pos_test_exec (shop->store,
                 "INSERT INTO category (name) VALUES ('Dairy');"
                 "UPDATE product SET category_id = (SELECT id FROM category) WHERE sku = 'MILK'");
  assert_int_equal (pos_stock_take_start (shop->store, shop->cashier, "Frozen", &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  id = pos_stock_take_start (shop->store, shop->cashier, "dairy", &error);
  assert_true (id > 0);
  assert_int_equal (pos_stock_take_open_id (shop->store, NULL), id);
  assert_int_equal (pos_stock_take_start (shop->store, shop->cashier, NULL, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_false (pos_stock_take_count (shop->store, shop->cashier, id, "TEA", 1000, NULL, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  count (shop, id, "MILK", 2);
  assert_true (pos_stock_take_cancel (shop->store, shop->supervisor, id, &error));
  assert_int_equal (pos_stock_take_open_id (shop->store, NULL), 0);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), 6000);
  assert_false (pos_stock_take_count (shop->store, shop->cashier, id, "MILK", 1000, NULL, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
}

typedef struct
{
  GPtrArray *seen; /* "code:counted so far", in the order the callbacks came */
  guint pending;
} Counts;

static void
on_counted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Counts *counts = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStockTakeLine) line = NULL;
  gboolean unknown = FALSE;

  assert_true (pos_stock_take_count_finish (POS_STORE_QUEUE (source), result, &line, &unknown, &error));
  pos_assert_no_error (error);
  g_ptr_array_add (counts->seen, unknown ? g_strdup ("unknown")
                                         : g_strdup_printf ("%s:%lld", line->sku, (long long)line->counted));
  counts->pending--;
}

/* The Stock take page's path: scans queued faster than they are written
 * are counted on the queue's own connection, none lost, and come back in
 * the order they were scanned, each with the total so far. */
static void
test_queued_counts_come_back_in_scan_order (void **state)
{
  PosTestShop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStoreQueue) queue = pos_store_queue_new (pos_store_path (shop->store));
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Counts counts = { seen, 0 };
  gint64 id = pos_stock_take_start (shop->store, shop->cashier, NULL, &error);
  const char *codes[] = { "TEA", "MILK", "TEA", "5901234123457", "TEA", "MILK" };
  const char *expected[] = { "TEA:1000", "MILK:1000", "TEA:2000", "unknown", "TEA:3000", "MILK:2000" };

  pos_assert_no_error (error);
  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (codes); i++, counts.pending++)
      pos_stock_take_count_async (queue, shop->cashier, id, codes[i], 1000, NULL, on_counted_cb, &counts);
  assert_true (pos_store_queue_get_pending (queue) > 0);
  while (counts.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  assert_int_equal (seen->len, 5 * G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_string_equal (g_ptr_array_index (seen, i), expected[i]);
  assert_string_equal (g_ptr_array_index (seen, seen->len - 1), "MILK:10000");
  assert_int_equal (query (shop, "SELECT sum(qty) FROM stock_take_count"), 25000);
  assert_int_equal (query (shop, "SELECT sum(qty) FROM stock_take_unknown"), 5000);
  assert_int_equal (pos_store_queue_get_pending (queue), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_sales_during_a_count_are_accounted_for, setup, teardown),
    cmocka_unit_test_setup_teardown (test_another_shops_moves_leave_the_expected_stock_alone, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_approval_turns_variances_into_stock_moves, setup, teardown),
    cmocka_unit_test_setup_teardown (test_negative_count_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_unknown_barcode_is_noted_in_the_session, setup, teardown),
    cmocka_unit_test_setup_teardown (test_category_scope_one_open_and_cancel, setup, teardown),
    cmocka_unit_test_setup_teardown (test_queued_counts_come_back_in_scan_order, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
