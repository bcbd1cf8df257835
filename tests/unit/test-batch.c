/* test-batch.c — batches received from GS1 codes, what expires soon, and
 * the first-expiry-first-out warning. */
#include "pos-test-shop.h"

#include "pos-batch.h"
#include "pos-clock.h"
#include "pos-stock.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* The shop's clock stands at noon on 10 June 2026 (UTC). */
#define NOW_US (G_GINT64_CONSTANT (1781092800) * G_USEC_PER_SEC)

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *boss;
  gint64 yoghurt;
} Shop;

static int
shop_setup (void **state)
{
  Shop *shop = g_new0 (Shop, 1);

  g_setenv ("TZ", "UTC", TRUE);
  pos_clock_set_fixed_for_testing (NOW_US);
  shop->t = pos_test_store_new ();
  shop->store = shop->t->store;
  shop->boss = pos_test_sign_in (shop->store, "sam", POS_ROLE_SUPERVISOR, "1234");
  pos_test_exec (shop->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 700);"
                              "INSERT INTO product (sku, name, unit, price, tax_rate_id) VALUES "
                              " ('YOG', 'Yoghurt', 'each', 89, 1);"
                              "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1);");
  shop->yoghurt = 1;
  *state = shop;
  return 0;
}

static int
shop_teardown (void **state)
{
  Shop *shop = *state;

  pos_user_free (shop->boss);
  pos_test_store_free (shop->t);
  pos_clock_set_fixed_for_testing (0);
  g_free (shop);
  return 0;
}

/* Receives @qty of batch @batch expiring @expiry. */
static void
receive (Shop *shop, const char *batch, const char *expiry, PosQty qty)
{
  g_autoptr (GError) error = NULL;
  PosStockItem item = { shop->yoghurt, qty * POS_QTY_ONE, -1, batch, expiry };

  assert_true (pos_stock_receive (shop->store, shop->boss, 0, "DN-1", &item, 1, &error));
  pos_assert_no_error (error);
}

static void
take (Shop *shop, PosQty qty)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_stock_adjust (shop->store, shop->boss, NULL, shop->yoghurt, -qty * POS_QTY_ONE,
                                 POS_STOCK_WASTE, NULL, &error));
  pos_assert_no_error (error);
}

static void
test_gs1_dates_become_days (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *end_of_jan = pos_batch_expiry_from_gs1 ("260131", &error);
  g_autofree char *end_of_feb = pos_batch_expiry_from_gs1 ("280200", &error);
  g_autofree char *bad = NULL;

  pos_assert_no_error (error);
  assert_string_equal (end_of_jan, "2026-01-31");
  assert_string_equal (end_of_feb, "2028-02-29"); /* day 00: the month's last day */
  const char *wrong[] = { "261301", "260230", "26013", "26013x", "" };
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      bad = pos_batch_expiry_from_gs1 (wrong[i], &error);
      assert_null (bad);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      g_clear_error (&error);
    }
}

/* A GS1 code with AIs 01, 17 and 10 names the product by its GTIN and
 * carries the batch and expiry, whichever order the AIs come in. */
static void
test_a_gs1_delivery_code_gives_product_batch_and_expiry (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  const char *codes[] = { "(01)04006381333931(17)260715(10)L42", "]C101040063813339311726071510L42" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *batch = NULL;
      g_autofree char *expiry = NULL;
      gint64 product = 0;

      assert_true (pos_batch_read_code (shop->store, codes[i], &product, &batch, &expiry, &error));
      pos_assert_no_error (error);
      assert_int_equal (product, shop->yoghurt);
      assert_string_equal (batch, "L42");
      assert_string_equal (expiry, "2026-07-15");
    }
}

static void
test_received_batches_are_recorded_with_their_event (void **state)
{
  Shop *shop = *state;

  receive (shop, "L42", "2026-07-15", 12);
  assert_int_equal (pos_test_query_int (shop->store,
                                        "SELECT count(*) FROM stock_batch WHERE batch = 'L42' "
                                        "AND expiry = '2026-07-15' AND qty = 12000 AND shop_id = 'main' "
                                        "AND event_id = (SELECT event_id FROM journal "
                                        "WHERE type = 'stock.receive')"),
                    1);
  assert_int_equal (pos_test_query_int (shop->store,
                                        "SELECT count(*) FROM journal WHERE type = 'stock.receive' "
                                        "AND json_extract (payload, '$.items[0].batch') = 'L42' "
                                        "AND json_extract (payload, '$.items[0].expiry') = '2026-07-15'"),
                    1);
}

static void
test_a_bad_batch_or_expiry_writes_nothing (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  PosStockItem bad_day = { shop->yoghurt, POS_QTY_ONE, -1, "L1", "2026-02-30" };
  PosStockItem long_batch = { shop->yoghurt, POS_QTY_ONE, -1, "ABCDEFGHIJKLMNOPQRSTU", NULL };

  assert_false (pos_stock_receive (shop->store, shop->boss, 0, NULL, &bad_day, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_receive (shop->store, shop->boss, 0, NULL, &long_batch, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM stock_move"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM stock_batch"), 0);
}

/* What is on hand is the latest-expiring of what came in: the oldest
 * batch is used up first, and the list shows what is left of each batch
 * that expires within the days asked, the expired first. */
static void
test_expiring_lists_what_is_left_first_expiry_first_out (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) week = NULL;
  g_autoptr (GPtrArray) later = NULL;
  PosBatchRow *row;

  receive (shop, "OLD", "2026-06-09", 4);   /* expired yesterday */
  receive (shop, "SOON", "2026-06-14", 10); /* in four days */
  receive (shop, "LATE", "2026-07-30", 10);
  take (shop, 6); /* all of OLD, then 2 of SOON */

  week = pos_batch_expiring (shop->store, 7, &error);
  pos_assert_no_error (error);
  assert_int_equal (week->len, 1);
  row = week->pdata[0];
  assert_string_equal (row->batch, "SOON");
  assert_string_equal (row->expiry, "2026-06-14");
  assert_int_equal (row->remaining, 8 * POS_QTY_ONE);
  assert_false (row->expired);

  take (shop, 17); /* 1 of LATE is left */
  later = pos_batch_expiring (shop->store, 60, &error);
  assert_int_equal (later->len, 1);
  row = later->pdata[0];
  assert_string_equal (row->batch, "LATE");
  assert_int_equal (row->remaining, 1 * POS_QTY_ONE);
}

static void
test_an_expired_batch_on_hand_is_listed_first (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  receive (shop, "OLD", "2026-06-01", 3);
  receive (shop, "NEW", "2026-06-12", 5);
  rows = pos_batch_expiring (shop->store, 7, &error);
  pos_assert_no_error (error);
  assert_int_equal (rows->len, 2);
  assert_string_equal (((PosBatchRow *)rows->pdata[0])->batch, "OLD");
  assert_true (((PosBatchRow *)rows->pdata[0])->expired);
  assert_false (((PosBatchRow *)rows->pdata[1])->expired);
}

/* Selling a batch while one that expires earlier is on hand warns; the
 * oldest, or any batch once the older ones are gone, does not. */
static void
test_selling_a_newer_batch_warns_while_an_older_one_is_on_hand (void **state)
{
  Shop *shop = *state;
  g_autofree char *warning = NULL;
  g_autofree char *none = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *unknown = NULL;

  receive (shop, "A1", "2026-06-20", 5);
  receive (shop, "B2", "2026-07-20", 5);
  warning = pos_batch_fefo_warning (shop->store, shop->yoghurt, "B2", NULL);
  pos_assert_contains (warning, "A1");
  pos_assert_contains (warning, "2026-06-20");
  none = pos_batch_fefo_warning (shop->store, shop->yoghurt, "A1", "2026-06-20");
  assert_null (none);
  unknown = pos_batch_fefo_warning (shop->store, shop->yoghurt, "ZZ", NULL);
  assert_null (unknown);
  take (shop, 5);
  gone = pos_batch_fefo_warning (shop->store, shop->yoghurt, "B2", "2026-07-20");
  assert_null (gone);
}

/* The till's scan asks the same rule: a GS1 code naming the newer batch
 * warns, with or without a quantity; a plain barcode, the oldest batch
 * and an unknown product do not. */
static void
test_a_scanned_code_of_a_newer_batch_warns (void **state)
{
  Shop *shop = *state;
  g_autofree char *warning = NULL;
  g_autofree char *with_qty = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *unknown = NULL;

  receive (shop, "A1", "2026-06-20", 5);
  receive (shop, "B2", "2026-07-20", 5);
  warning = pos_batch_fefo_warning_for_code (shop->store, "(01)04006381333931(17)260720(10)B2");
  pos_assert_contains (warning, "A1");
  with_qty = pos_batch_fefo_warning_for_code (shop->store, "]C101040063813339311726072010B2*2");
  pos_assert_contains (with_qty, "A1");
  plain = pos_batch_fefo_warning_for_code (shop->store, "4006381333931");
  assert_null (plain);
  oldest = pos_batch_fefo_warning_for_code (shop->store, "(01)04006381333931(17)260620(10)A1");
  assert_null (oldest);
  unknown = pos_batch_fefo_warning_for_code (shop->store, "(01)05901234123457(17)260720(10)B2");
  assert_null (unknown);
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_sql_list_model_set_query_finish (POS_SQL_LIST_MODEL (source), result, &error));
  pos_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static GObject *
load_nothing (PosStore *store, gint64 id, gpointer user_data)
{
  return g_object_new (G_TYPE_OBJECT, NULL);
}

/* The Stock page's list of what expires: batch ids in the order of
 * pos_batch_expiring(), within the days asked, each row readable alone
 * with what is left of it. */
static void
test_the_expiring_list_model_holds_batches_soonest_first (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSqlListModel) model
      = pos_sql_list_model_new (G_TYPE_OBJECT, shop->store, load_nothing, NULL, NULL);
  g_autoptr (PosBatchRow) first = NULL;
  g_autoptr (PosBatchRow) second = NULL;
  g_autoptr (PosBatchRow) gone = NULL;
  gboolean done = FALSE;

  receive (shop, "LATE", "2026-07-30", 10);
  receive (shop, "SOON", "2026-06-14", 10);
  receive (shop, "OLD", "2026-06-09", 4);
  take (shop, 2); /* 2 of OLD */

  pos_batch_expiring_filter_async (model, 7, NULL, on_list_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 2);
  first = pos_batch_row_load (shop->store, pos_sql_list_model_get_id (model, 0), &error);
  pos_assert_no_error (error);
  assert_string_equal (first->batch, "OLD");
  assert_true (first->expired);
  assert_int_equal (first->remaining, 2 * POS_QTY_ONE);
  assert_int_equal (first->product_id, shop->yoghurt);
  second = pos_batch_row_load (shop->store, pos_sql_list_model_get_id (model, 1), &error);
  assert_string_equal (second->batch, "SOON");
  assert_int_equal (second->remaining, 10 * POS_QTY_ONE);
  assert_false (second->expired);

  done = FALSE;
  pos_batch_expiring_filter_async (model, 60, NULL, on_list_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  assert_int_equal (g_list_model_get_n_items (G_LIST_MODEL (model)), 3);

  gone = pos_batch_row_load (shop->store, 999, &error);
  assert_null (gone);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_gs1_dates_become_days),
    cmocka_unit_test_setup_teardown (test_a_gs1_delivery_code_gives_product_batch_and_expiry, shop_setup,
                                     shop_teardown),
    cmocka_unit_test_setup_teardown (test_received_batches_are_recorded_with_their_event, shop_setup,
                                     shop_teardown),
    cmocka_unit_test_setup_teardown (test_a_bad_batch_or_expiry_writes_nothing, shop_setup, shop_teardown),
    cmocka_unit_test_setup_teardown (test_expiring_lists_what_is_left_first_expiry_first_out, shop_setup,
                                     shop_teardown),
    cmocka_unit_test_setup_teardown (test_an_expired_batch_on_hand_is_listed_first, shop_setup,
                                     shop_teardown),
    cmocka_unit_test_setup_teardown (test_selling_a_newer_batch_warns_while_an_older_one_is_on_hand,
                                     shop_setup, shop_teardown),
    cmocka_unit_test_setup_teardown (test_a_scanned_code_of_a_newer_batch_warns, shop_setup, shop_teardown),
    cmocka_unit_test_setup_teardown (test_the_expiring_list_model_holds_batches_soonest_first, shop_setup,
                                     shop_teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
