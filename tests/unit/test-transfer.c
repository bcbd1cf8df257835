/* test-transfer.c — the till's shop, stock per shop and transfers on one store. */
#include "pos-test-shop.h"

#include "pos-journal.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"
#include "pos-transfer.h"
#include "pos-users.h"
#include "pos-store-private.h"

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *cashier;
  PosUser *boss;
  gint64 tea, milk;
} Shop;

static int
shop_setup (void **state)
{
  Shop *shop = g_new0 (Shop, 1);
  g_autoptr (GError) error = NULL;
  PosStockItem items[2];

  shop->t = pos_test_store_new ();
  shop->store = shop->t->store;
  shop->cashier = pos_test_sign_in (shop->store, "carla", POS_ROLE_CASHIER, "1234");
  shop->boss = pos_test_sign_in (shop->store, "sam", POS_ROLE_SUPERVISOR, "1234");
  pos_test_exec (shop->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 1900);"
                              "INSERT INTO product (sku, name, unit, price, tax_rate_id) VALUES "
                              " ('TEA', 'Tea', 'each', 349, 1), ('MLK', 'Milk', 'each', 119, 1);");
  shop->tea = pos_test_query_int (shop->store, "SELECT id FROM product WHERE sku = 'TEA'");
  shop->milk = pos_test_query_int (shop->store, "SELECT id FROM product WHERE sku = 'MLK'");
  items[0] = (PosStockItem){ shop->tea, 20 * POS_QTY_ONE, -1 };
  items[1] = (PosStockItem){ shop->milk, 5 * POS_QTY_ONE, -1 };
  assert_true (pos_stock_receive (shop->store, shop->boss, 0, "DN-1", items, 2, &error));
  pos_assert_no_error (error);
  *state = shop;
  return 0;
}

static int
shop_teardown (void **state)
{
  Shop *shop = *state;

  pos_user_free (shop->cashier);
  pos_user_free (shop->boss);
  pos_test_store_free (shop->t);
  g_free (shop);
  return 0;
}

static PosQty
level_in (Shop *shop, const char *where, gint64 product)
{
  g_autoptr (GError) error = NULL;
  PosQty level = -1;

  assert_true (pos_stock_shop_level (shop->store, where, product, &level, &error));
  pos_assert_no_error (error);
  return level;
}

/* A till that was never told belongs to the single shop, "main". */
static void
test_a_till_is_in_the_single_shop_until_told (void **state)
{
  Shop *shop = *state;
  g_autofree char *here = pos_stock_shop_local (shop->store);

  assert_string_equal (here, "main");
  assert_int_equal (level_in (shop, "main", shop->tea), 20 * POS_QTY_ONE);
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT count(*) FROM stock_move WHERE shop_id <> 'main'"), 0);
}

/* Joining another shop shows that shop's stock: the moves stay where they
 * happened, the cache follows the till, and the change is announced. */
static void
test_changing_shop_shows_that_shops_stock (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (pos_stock_shop_set (shop->store, "harbour", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 0);
  assert_int_equal (level_in (shop, "main", shop->tea), 20 * POS_QTY_ONE);
  assert_true (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = 'till.shop' "
                                                     "AND json_extract (payload, '$.shop') = 'harbour'"),
                    1);

  assert_true (pos_stock_shop_set (shop->store, "main", &error));
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 20 * POS_QTY_ONE);
}

static void
test_a_bad_shop_id_is_refused_and_changes_nothing (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  gint64 events = pos_test_query_int (shop->store, "SELECT count(*) FROM journal");

  assert_false (pos_stock_shop_set (shop->store, "north shop", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_shop_set (shop->store, "", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal"), events);
  assert_null (pos_store_dup_setting (shop->store, "shop_id"));
}

/* Sending takes the goods out of this shop at once; the same store cannot
 * receive them, since it is not in the destination shop. */
static void
test_sending_takes_stock_out_of_this_shop (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *id = NULL;
  PosStockItem items[] = { { shop->tea, 3 * POS_QTY_ONE, -1 }, { shop->milk, 1 * POS_QTY_ONE, -1 } };
  PosTransfer *t;

  id = pos_transfer_send (shop->store, shop->boss, "harbour", items, 2, NULL, &error);
  pos_assert_no_error (error);
  assert_string_equal (id, "TR-T1-1");
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 17 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), 4 * POS_QTY_ONE);
  assert_int_equal (level_in (shop, "harbour", shop->tea), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal "
                                                     "WHERE type = 'stock.transfer.sent'"),
                    1);
  list = pos_transfer_list (shop->store, TRUE, &error);
  pos_assert_no_error (error);
  assert_int_equal (list->len, 1);
  t = list->pdata[0];
  assert_string_equal (t->from_shop, "main");
  assert_string_equal (t->to_shop, "harbour");
  assert_int_equal (t->qty, 4 * POS_QTY_ONE);
  assert_false (t->received);

  assert_false (pos_transfer_receive (shop->store, shop->boss, id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_transfer_receive (shop->store, shop->boss, "TR-T9-1", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The destination's till receives it once. */
  assert_true (pos_stock_shop_set (shop->store, "harbour", &error));
  assert_true (pos_transfer_receive (shop->store, shop->boss, id, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->tea), 3 * POS_QTY_ONE);
  assert_false (pos_transfer_receive (shop->store, shop->boss, id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  assert_int_equal (level_in (shop, "main", shop->tea), 17 * POS_QTY_ONE);
  assert_true (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_no_error (error);
}

static void
test_a_bad_transfer_is_refused_and_writes_nothing (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  PosStockItem zero[] = { { shop->tea, 0, -1 } };
  PosStockItem twice[] = { { shop->tea, POS_QTY_ONE, -1 }, { shop->tea, POS_QTY_ONE, -1 } };
  gint64 moves = pos_test_query_int (shop->store, "SELECT count(*) FROM stock_move");

  assert_null (pos_transfer_send (shop->store, shop->boss, "main", twice, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID); /* this till's own shop */
  g_clear_error (&error);
  assert_null (pos_transfer_send (shop->store, shop->boss, "harbour", zero, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_transfer_send (shop->store, shop->boss, "harbour", twice, 2, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_transfer_send (shop->store, shop->boss, "har bour", twice, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_transfer_send (shop->store, shop->boss, "harbour", NULL, 0, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_transfer_send (shop->store, shop->cashier, "harbour", twice, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM stock_move"), moves);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM stock_transfer"), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_a_till_is_in_the_single_shop_until_told, shop_setup, shop_teardown),
    cmocka_unit_test_setup_teardown (test_changing_shop_shows_that_shops_stock, shop_setup, shop_teardown),
    cmocka_unit_test_setup_teardown (test_a_bad_shop_id_is_refused_and_changes_nothing, shop_setup,
                                     shop_teardown),
    cmocka_unit_test_setup_teardown (test_sending_takes_stock_out_of_this_shop, shop_setup, shop_teardown),
    cmocka_unit_test_setup_teardown (test_a_bad_transfer_is_refused_and_writes_nothing, shop_setup,
                                     shop_teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
