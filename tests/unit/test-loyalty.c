/* test-loyalty.c — the points ledger: earning, redeeming, refunds, adjustments and rates. */
#include "pos-test-shop.h"

#include <string.h>

#include "pos-customer.h"
#include "pos-loyalty.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* ---- helpers ------------------------------------------------------------- */

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *cashier;
  PosUser *boss; /* a supervisor who just entered their PIN */
  gint64 ada;
} Shop;

static int
shop_setup (void **state)
{
  Shop *shop = g_new0 (Shop, 1);
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) ada = NULL;

  shop->t = pos_test_store_new ();
  shop->store = shop->t->store;
  shop->cashier = pos_test_sign_in (shop->store, "carla", POS_ROLE_CASHIER, "1234");
  shop->boss = pos_test_sign_in (shop->store, "sam", POS_ROLE_SUPERVISOR, "1234");
  ada = pos_test_add_customer (shop->store, shop->cashier, &draft);
  shop->ada = ada->id;
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

static gint64
count (Shop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

/* Records one entry in a transaction of its own, as checkout would;
 * returns FALSE with @error set when refused (and rolls back). */
static gboolean
record (Shop *shop, gint64 customer, gint64 points, const char *reason, GError **error)
{
  assert_true (pos_store_begin (shop->store, NULL));
  if (!pos_loyalty_record (shop->store, customer, points, reason, 0, error))
    {
      pos_store_rollback (shop->store);
      return FALSE;
    }
  assert_true (pos_store_commit (shop->store, NULL));
  return TRUE;
}

static void
expect_refused (Shop *shop, gint64 customer, gint64 points, const char *reason, PosErrorCode code)
{
  g_autoptr (GError) error = NULL;
  gint64 entries = count (shop, "SELECT count(*) FROM loyalty_entry");

  assert_false (record (shop, customer, points, reason, &error));
  pos_assert_error (error, POS_ERROR, code);
  assert_int_equal (count (shop, "SELECT count(*) FROM loyalty_entry"), entries);
}

static void
set (Shop *shop, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_set_setting (shop->store, key, value, &error));
  pos_assert_no_error (error);
}

/* ---- the ledger ---------------------------------------------------------- */

static void
test_balance_is_the_sum_of_entries (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  PosLoyaltyEntry *newest;

  assert_int_equal (pos_loyalty_balance (shop->store, shop->ada), 0);
  assert_true (record (shop, shop->ada, 120, "earn", &error));
  assert_true (record (shop, shop->ada, -100, "redeem", &error));
  assert_true (record (shop, shop->ada, 7, "earn", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_loyalty_balance (shop->store, shop->ada), 27);
  assert_int_equal (count (shop, "SELECT sum (points) FROM loyalty_entry"), 27);

  history = pos_loyalty_history (shop->store, shop->ada, 2, &error);
  pos_assert_no_error (error);
  assert_int_equal (history->len, 2);
  newest = g_ptr_array_index (history, 0);
  assert_int_equal (newest->points, 7);
  assert_string_equal (newest->reason, "earn");
  assert_int_equal (newest->customer_id, shop->ada);
  assert_int_equal (newest->sale_id, 0);
  assert_null (newest->receipt_no);
  assert_non_null (newest->created_at);
  assert_string_equal (((PosLoyaltyEntry *)g_ptr_array_index (history, 1))->reason, "redeem");
}

static void
test_redeeming_more_than_the_balance_is_refused (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (record (shop, shop->ada, 50, "earn", &error));
  expect_refused (shop, shop->ada, -51, "redeem", POS_ERROR_INVALID);
  assert_true (record (shop, shop->ada, -50, "redeem", &error));
  assert_int_equal (pos_loyalty_balance (shop->store, shop->ada), 0);
  expect_refused (shop, shop->ada, -1, "redeem", POS_ERROR_INVALID);
}

static void
test_bad_entries_are_refused (void **state)
{
  Shop *shop = *state;

  expect_refused (shop, shop->ada, 0, "earn", POS_ERROR_INVALID);
  expect_refused (shop, shop->ada, -5, "earn", POS_ERROR_INVALID);
  expect_refused (shop, shop->ada, 5, "redeem", POS_ERROR_INVALID);
  expect_refused (shop, shop->ada, 5, "gift", POS_ERROR_INVALID);
  expect_refused (shop, shop->ada, 5, NULL, POS_ERROR_INVALID);
  expect_refused (shop, 999, 5, "earn", POS_ERROR_NOT_FOUND);
  expect_refused (shop, shop->ada, -1, "adjust", POS_ERROR_INVALID);
  assert_int_equal (count (shop, "SELECT count(*) FROM loyalty_entry"), 0);
}

static void
test_balance_overflow_is_an_error (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (record (shop, shop->ada, G_MAXINT64, "earn", &error));
  expect_refused (shop, shop->ada, 1, "earn", POS_ERROR_OVERFLOW);
}

/* Points earned on a sale and already spent are taken back on its refund:
 * the balance may go below zero, the ledger says why. */
static void
test_refund_may_take_the_balance_below_zero (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (record (shop, shop->ada, 30, "earn", &error));
  assert_true (record (shop, shop->ada, -30, "redeem", &error));
  assert_true (record (shop, shop->ada, -30, "refund", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_loyalty_balance (shop->store, shop->ada), -30);
}

static void
test_erased_customer_accepts_only_refunds (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (record (shop, shop->ada, 30, "earn", &error));
  assert_true (pos_customer_erase (shop->store, shop->boss, NULL, shop->ada, &error));
  expect_refused (shop, shop->ada, 10, "earn", POS_ERROR_STATE);
  expect_refused (shop, shop->ada, -10, "redeem", POS_ERROR_STATE);
  assert_true (record (shop, shop->ada, -30, "refund", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_loyalty_balance (shop->store, shop->ada), 0);
}

/* ---- rates --------------------------------------------------------------- */

static void
test_points_for_an_amount_round_down (void **state)
{
  Shop *shop = *state;

  assert_int_equal (pos_loyalty_points_for (shop->store, 2599), 25); /* default: 1 per major unit */
  assert_int_equal (pos_loyalty_points_for (shop->store, 99), 0);
  assert_int_equal (pos_loyalty_points_for (shop->store, 0), 0);
  assert_int_equal (pos_loyalty_points_for (shop->store, -2599), 0);

  set (shop, "loyalty_points_per_unit", "3");
  assert_int_equal (pos_loyalty_points_for (shop->store, 2599), 77); /* 77.97 */
  assert_int_equal (pos_loyalty_points_for (shop->store, G_MAXINT64), (G_MAXINT64 / 100) * 3);
  set (shop, "loyalty_points_per_unit", "1000");
  assert_int_equal (pos_loyalty_points_for (shop->store, G_MAXINT64), G_MAXINT64); /* saturates */
  set (shop, "loyalty_points_per_unit", "3");

  set (shop, "currency", "JPY"); /* no minor units */
  assert_int_equal (pos_loyalty_points_for (shop->store, 1200), 3600);

  set (shop, "loyalty_points_per_unit", "0");
  assert_int_equal (pos_loyalty_points_for (shop->store, 1200), 0);
}

static void
test_points_value_uses_the_setting (void **state)
{
  Shop *shop = *state;

  assert_int_equal (pos_loyalty_points_value (shop->store, 250), 250);
  set (shop, "loyalty_point_value", "5");
  assert_int_equal (pos_loyalty_points_value (shop->store, 250), 1250);
  assert_int_equal (pos_loyalty_points_value (shop->store, -2), -10);
  assert_int_equal (pos_loyalty_points_value (shop->store, G_MAXINT64 / 2), G_MAXINT64);
}

/* ---- adjustments --------------------------------------------------------- */

static void
test_adjust_records_entry_event_and_audit (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (pos_loyalty_adjust (shop->store, shop->cashier, shop->boss, shop->ada, 40,
                                   "card was not scanned", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_loyalty_balance (shop->store, shop->ada), 40);
  assert_int_equal (count (shop,
                           "SELECT count(*) FROM loyalty_entry e JOIN journal j ON j.event_id = e.event_id "
                           "WHERE e.reason = 'adjust'"),
                    1);
  assert_int_equal (count (shop,
                           "SELECT count(*) FROM journal WHERE type = 'loyalty.adjust' AND json_extract "
                           "(payload, '$.customer_uid') IS NOT NULL AND "
                           "json_remove (payload, '$.customer_uid', '$.rows') = "
                           "'{\"approver\":\"sam\",\"customer\":\"LC-1\",\"note\":\"card was not scanned\","
                           "\"points\":40,\"user\":\"carla\"}'"),
                    1);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'loyalty_adjust' "
                                 "AND approver_id IS NOT NULL"),
                    1);
}

static void
test_failed_adjust_leaves_no_entry_event_or_audit (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  gint64 events = count (shop, "SELECT count(*) FROM journal");

  assert_false (pos_loyalty_adjust (shop->store, shop->cashier, NULL, shop->ada, 40, "why not", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_loyalty_adjust (shop->store, shop->boss, NULL, shop->ada, 40, "", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_loyalty_adjust (shop->store, shop->boss, NULL, shop->ada, -1, "typo", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_loyalty_adjust (shop->store, shop->boss, NULL, 999, 5, "typo", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_int_equal (count (shop, "SELECT count(*) FROM loyalty_entry"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal"), events);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'loyalty_adjust'"), 0);
  assert_false (pos_store_in_transaction (shop->store));
}

int
main (void)
{
#define SHOP_TEST(name) cmocka_unit_test_setup_teardown (name, shop_setup, shop_teardown)
  const struct CMUnitTest tests[] = {
    SHOP_TEST (test_balance_is_the_sum_of_entries),
    SHOP_TEST (test_redeeming_more_than_the_balance_is_refused),
    SHOP_TEST (test_bad_entries_are_refused),
    SHOP_TEST (test_balance_overflow_is_an_error),
    SHOP_TEST (test_refund_may_take_the_balance_below_zero),
    SHOP_TEST (test_erased_customer_accepts_only_refunds),
    SHOP_TEST (test_points_for_an_amount_round_down),
    SHOP_TEST (test_points_value_uses_the_setting),
    SHOP_TEST (test_adjust_records_entry_event_and_audit),
    SHOP_TEST (test_failed_adjust_leaves_no_entry_event_or_audit),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
