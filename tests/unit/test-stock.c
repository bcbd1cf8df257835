/* test-stock.c — stock moves, deliveries, adjustments, counts, low stock and the level cache. */
#include "pos-test-shop.h"

#include <string.h>

#include "pos-journal.h"
#include "pos-event-rows.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* stock_ledger's key of a level row */
#define LEVEL POS_STOCK_LEVEL_KEY

/* ---- a small shop ------------------------------------------------------ */

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *cashier;
  PosUser *boss; /* a supervisor who just entered their PIN */
  gint64 apples, pears, milk, soap;
} Shop;

static gint64
product_id (PosStore *store, const char *sku)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM product WHERE sku = '%s'", sku);

  return pos_test_query_int (store, sql);
}

static int
shop_setup (void **state)
{
  Shop *shop = g_new0 (Shop, 1);

  shop->t = pos_test_store_new ();
  shop->store = shop->t->store;
  shop->cashier = pos_test_sign_in (shop->store, "carla", POS_ROLE_CASHIER, "1234");
  shop->boss = pos_test_sign_in (shop->store, "sam", POS_ROLE_SUPERVISOR, "1234");
  pos_test_exec (shop->store,
                 "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 1900);"
                 "INSERT INTO supplier (name, is_local) VALUES ('Hillside Farm', 1);"
                 "INSERT INTO product (sku, name, unit, price, cost, tax_rate_id, reorder_level) VALUES "
                 " ('APL', 'Apples', 'kg', 299, 120, 1, 5000),"
                 " ('PER', 'Pears', 'kg', 349, 150, 1, 2000),"
                 " ('MLK', 'Milk 1 l', 'each', 119, 80, 1, 10000),"
                 " ('SOP', 'Soap', 'each', 250, NULL, 1, NULL);");
  shop->apples = product_id (shop->store, "APL");
  shop->pears = product_id (shop->store, "PER");
  shop->milk = product_id (shop->store, "MLK");
  shop->soap = product_id (shop->store, "SOP");
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

/* Records a move in a transaction of its own, as checkout would. */
static void
move (Shop *shop, gint64 product, PosQty qty, PosStockReason reason)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_begin (shop->store, &error));
  assert_true (
      pos_stock_record_move (shop->store, product, qty, reason, "T1-1", 0, shop->cashier->id, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (shop->store, &error));
}

static void
assert_nothing_recorded (Shop *shop)
{
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_level"), 0);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM journal WHERE type NOT LIKE 'user.%' AND type != 'till.key'"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action LIKE 'stock%'"), 0);
}

/* ---- moves --------------------------------------------------------------- */

static void
test_reason_names_match_the_schema (void **state)
{
  Shop *shop = *state;
  const PosStockReason all[] = { POS_STOCK_SALE,   POS_STOCK_REFUND, POS_STOCK_RECEIVE,
                                 POS_STOCK_ADJUST, POS_STOCK_COUNT,  POS_STOCK_WASTE };
  PosStockReason parsed;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *name = pos_stock_reason_to_string (all[i]);

      assert_true (pos_stock_reason_parse (name, &parsed));
      assert_int_equal (parsed, all[i]);
      /* every name passes the schema's CHECK */
      move (shop, shop->soap, all[i] == POS_STOCK_WASTE ? -1000 : 1000, all[i]);
    }
  assert_false (pos_stock_reason_parse ("theft", &parsed));
  assert_false (pos_stock_reason_parse (NULL, &parsed));
  assert_int_equal (count (shop, "SELECT count(DISTINCT reason) FROM stock_move"), 6);
}

static void
test_moves_add_up_to_the_level (void **state)
{
  Shop *shop = *state;
  gint64 n = 0;
  g_autoptr (GError) error = NULL;

  assert_int_equal (pos_stock_level (shop->store, shop->milk), 0);
  move (shop, shop->milk, 12000, POS_STOCK_RECEIVE);
  move (shop, shop->milk, -2000, POS_STOCK_SALE);
  move (shop, shop->milk, 1000, POS_STOCK_REFUND);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), 11000);
  assert_int_equal (count (shop, "SELECT sale_id IS NULL AND till_id = 'T1' FROM stock_move LIMIT 1"), 1);
  assert_true (pos_stock_verify (shop->store, &n, &error));
  pos_assert_no_error (error);
  assert_int_equal (n, 4);
}

static void
test_record_move_refuses_unknown_product_and_zero (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_begin (shop->store, NULL));
  assert_false (pos_stock_record_move (shop->store, 999, 1000, POS_STOCK_SALE, NULL, 0, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_stock_record_move (shop->store, shop->milk, 0, POS_STOCK_SALE, NULL, 0, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (
      pos_stock_record_move (shop->store, shop->milk, -1000, POS_STOCK_RECEIVE, NULL, 0, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_record_move (shop->store, shop->milk, 1000, POS_STOCK_WASTE, NULL, 0, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_store_rollback (shop->store);
  assert_nothing_recorded (shop);
}

static void
test_level_overflow_is_an_error_not_a_wrap (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  move (shop, shop->milk, G_MAXINT64, POS_STOCK_ADJUST);
  assert_true (pos_store_begin (shop->store, NULL));
  assert_false (pos_stock_record_move (shop->store, shop->milk, 1, POS_STOCK_REFUND, NULL, 0, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  pos_store_rollback (shop->store);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), G_MAXINT64);
}

/* ---- receiving ----------------------------------------------------------- */

static void
test_implausible_quantities_are_refused_and_change_nothing (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  const PosStockItem delivery[] = { { shop->milk, 99999999 * (PosQty)POS_QTY_ONE, -1 } };
  const PosStockItem counted[] = { { shop->milk, POS_QTY_SANE_MAX + 1, -1 } };
  const PosStockItem plausible[] = { { shop->milk, POS_QTY_SANE_MAX, -1 } };

  assert_false (pos_stock_receive (shop->store, shop->boss, 1, "DN-1", delivery, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "Line 1"));
  g_clear_error (&error);
  assert_false (pos_stock_count (shop->store, shop->boss, counted, 1, "C-1", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_adjust (shop->store, shop->boss, NULL, shop->milk, -(POS_QTY_SANE_MAX + 1),
                                  POS_STOCK_ADJUST, "slip", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), 0);

  g_clear_error (&error);
  assert_true (pos_stock_receive (shop->store, shop->boss, 1, "DN-2", plausible, 1, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), POS_QTY_SANE_MAX);
}

static void
test_receive_records_moves_one_event_and_an_audit_row (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  const PosStockItem items[] = {
    { shop->apples, 20000, 110 },
    { shop->milk, 24000, -1 },
  };
  PosJournalEvent *event;

  assert_true (pos_stock_receive (shop->store, shop->boss, 1, "DN-4711", items, 2, &error));
  pos_assert_no_error (error);

  assert_int_equal (pos_stock_level (shop->store, shop->apples), 20000);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), 24000);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move WHERE reason = 'receive' "
                                 "AND reference = 'DN-4711' AND user_id IS NOT NULL"),
                    2);
  /* the new cost (the moving average of nothing on hand and this delivery: its
   * price) is kept, and bumps the catalog version; "keep" leaves milk alone */
  assert_int_equal (count (shop, "SELECT cost FROM product WHERE sku = 'APL'"), 110);
  assert_int_equal (count (shop, "SELECT version FROM product WHERE sku = 'APL'"), 2);
  assert_int_equal (count (shop, "SELECT cost FROM product WHERE sku = 'MLK'"), 80);
  assert_int_equal (count (shop, "SELECT version FROM product WHERE sku = 'MLK'"), 1);

  events = pos_journal_read (shop->store, 0, FALSE, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (events->len, 4); /* the till's key, its two users, then the delivery */
  event = g_ptr_array_index (events, 3);
  assert_string_equal (event->type, "stock.receive");
  assert_true (strstr (event->payload, "\"rows\":{\"stock_move\":[[") != NULL);
  assert_true (pos_event_rows_verify (shop->store, NULL, NULL));
  assert_int_equal (
      count (
          shop,
          "SELECT count(*) FROM journal WHERE type = 'stock.receive' AND json_remove (payload, '$.rows') = "
          "'{\"approver\":null,\"items\":[{\"avg_cost\":110,\"qty\":20000,\"sku\":\"APL\",\"unit_cost\":110},"
          "{\"qty\":24000,\"sku\":\"MLK\"}],\"reference\":\"DN-4711\","
          "\"supplier\":\"Hillside Farm\",\"user\":\"sam\"}'"),
      1);
  /* every move names the event it belongs to */
  assert_int_equal (
      count (shop, "SELECT count(*) FROM stock_move m JOIN journal j ON j.event_id = m.event_id"), 2);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'stock_receive' "
                                 "AND user_id IS NOT NULL AND approver_id IS NULL"),
                    1);
}

static void
expect_receive_refused (Shop *shop, gint64 supplier, const PosStockItem *items, gsize n, PosErrorCode code)
{
  g_autoptr (GError) error = NULL;

  assert_false (pos_stock_receive (shop->store, shop->boss, supplier, "DN-1", items, n, &error));
  pos_assert_error (error, POS_ERROR, code);
  assert_nothing_recorded (shop);
}

static void
test_receive_refuses_bad_lines_and_changes_nothing (void **state)
{
  Shop *shop = *state;
  const PosStockItem unknown[] = { { shop->apples, 1000, -1 }, { 999, 1000, -1 } };
  const PosStockItem zero[] = { { shop->apples, 1000, -1 }, { shop->milk, 0, -1 } };
  const PosStockItem negative[] = { { shop->milk, -6000, -1 } };
  const PosStockItem bad_cost[] = { { shop->milk, 6000, -5 } };

  expect_receive_refused (shop, 1, unknown, 2, POS_ERROR_NOT_FOUND);
  expect_receive_refused (shop, 1, zero, 2, POS_ERROR_INVALID);
  expect_receive_refused (shop, 1, negative, 1, POS_ERROR_INVALID);
  expect_receive_refused (shop, 1, bad_cost, 1, POS_ERROR_INVALID);
  expect_receive_refused (shop, 42, negative + 0, 0, POS_ERROR_INVALID);
  {
    const PosStockItem fine[] = { { shop->milk, 6000, -1 } };
    expect_receive_refused (shop, 42, fine, 1, POS_ERROR_NOT_FOUND); /* no such supplier */
  }
  assert_int_equal (count (shop, "SELECT cost FROM product WHERE sku = 'MLK'"), 80);
}

/* The second line fails only after the event and the first move were
 * written: the rollback must take all of it away. */
static void
test_failure_midway_leaves_no_move_event_or_audit (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  const PosStockItem items[] = { { shop->apples, 5000, 99 }, { shop->milk, 5000, -1 } };
  gint64 journal_before, audit_before, moves_before;

  /* A level at the edge (as a synced history could leave it), so the
   * second line overflows after the first was written. */
  move (shop, shop->milk, G_MAXINT64 - 1000, POS_STOCK_RECEIVE);
  journal_before
      = count (shop, "SELECT count(*) FROM journal WHERE type NOT LIKE 'user.%' AND type != 'till.key'");
  audit_before = count (shop, "SELECT count(*) FROM audit");
  moves_before = count (shop, "SELECT count(*) FROM stock_move");

  assert_false (pos_stock_receive (shop->store, shop->boss, 0, NULL, items, 2, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
  assert_false (pos_store_in_transaction (shop->store));
  assert_int_equal (
      count (shop, "SELECT count(*) FROM journal WHERE type NOT LIKE 'user.%' AND type != 'till.key'"),
      journal_before);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit"), audit_before);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), moves_before);
  assert_int_equal (pos_stock_level (shop->store, shop->apples), 0);
  assert_int_equal (count (shop, "SELECT cost FROM product WHERE sku = 'APL'"), 120);
}

static void
test_cashier_may_not_receive_or_count (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  const PosStockItem items[] = { { shop->milk, 6000, -1 } };

  assert_false (pos_stock_receive (shop->store, shop->cashier, 0, "DN-1", items, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_stock_count (shop->store, shop->cashier, items, 1, "C-1", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_nothing_recorded (shop);
}

/* ---- adjusting ----------------------------------------------------------- */

static void
test_cashier_adjusts_only_with_a_supervisors_pin (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) unverified = pos_users_lookup (shop->store, "sam", NULL);

  assert_false (pos_stock_adjust (shop->store, shop->cashier, NULL, shop->pears, -1500, POS_STOCK_WASTE,
                                  "bruised", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_stock_adjust (shop->store, shop->cashier, unverified, shop->pears, -1500, POS_STOCK_WASTE,
                                  "bruised", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_nothing_recorded (shop);

  assert_true (pos_stock_adjust (shop->store, shop->cashier, shop->boss, shop->pears, -1500, POS_STOCK_WASTE,
                                 "bruised", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->pears), -1500);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move WHERE reason = 'waste' "
                                 "AND reference = 'bruised' AND event_id IS NOT NULL"),
                    1);
  assert_int_equal (
      count (shop,
             "SELECT count(*) FROM journal WHERE type = 'stock.adjust' AND json_remove (payload, '$.rows') = "
             "'{\"approver\":\"sam\",\"qty\":-1500,\"reason\":\"waste\","
             "\"reference\":\"bruised\",\"sku\":\"PER\",\"user\":\"carla\"}'"),
      1);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit a JOIN user u ON u.id = a.approver_id "
                                 "WHERE a.action = 'stock_adjust' AND u.name = 'sam'"),
                    1);
}

static void
test_adjust_refuses_zero_wrong_reason_and_positive_waste (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;

  assert_false (
      pos_stock_adjust (shop->store, shop->boss, NULL, shop->pears, 0, POS_STOCK_ADJUST, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (
      pos_stock_adjust (shop->store, shop->boss, NULL, shop->pears, 1000, POS_STOCK_WASTE, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (
      pos_stock_adjust (shop->store, shop->boss, NULL, shop->pears, 1000, POS_STOCK_SALE, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_adjust (shop->store, shop->boss, NULL, 999, 1000, POS_STOCK_ADJUST, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_nothing_recorded (shop);

  g_clear_error (&error);
  assert_true (
      pos_stock_adjust (shop->store, shop->boss, NULL, shop->pears, 3000, POS_STOCK_ADJUST, NULL, &error));
  assert_int_equal (pos_stock_level (shop->store, shop->pears), 3000);
}

/* ---- counting ------------------------------------------------------------ */

static void
test_count_records_only_differences (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  const PosStockItem counted[] = {
    { shop->apples, 4000, -1 }, /* was 5000: one kilo missing */
    { shop->milk, 12000, -1 },  /* right */
    { shop->pears, 2500, -1 },  /* never received: found 2.5 kg */
  };
  PosStockMove *last;

  move (shop, shop->apples, 5000, POS_STOCK_RECEIVE);
  move (shop, shop->milk, 12000, POS_STOCK_RECEIVE);

  assert_true (pos_stock_count (shop->store, shop->boss, counted, 3, "COUNT-2026-11", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_stock_level (shop->store, shop->apples), 4000);
  assert_int_equal (pos_stock_level (shop->store, shop->milk), 12000);
  assert_int_equal (pos_stock_level (shop->store, shop->pears), 2500);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move WHERE reason = 'count'"), 2);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move WHERE reason = 'count' AND product_id = "
                                 "(SELECT id FROM product WHERE sku = 'MLK')"),
                    0);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'stock.count'"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'stock_count'"), 1);

  history = pos_stock_history (shop->store, shop->apples, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (history->len, 2);
  last = g_ptr_array_index (history, 0);
  assert_int_equal (last->reason, POS_STOCK_COUNT);
  assert_int_equal (last->qty, -1000);
  assert_string_equal (last->reference, "COUNT-2026-11");
  assert_non_null (last->event_id);
  assert_int_equal (((PosStockMove *)g_ptr_array_index (history, 1))->reason, POS_STOCK_RECEIVE);
}

static void
test_count_refuses_negative_duplicate_and_unknown (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  const PosStockItem negative[] = { { shop->milk, -1000, -1 } };
  const PosStockItem twice[] = { { shop->milk, 1000, -1 }, { shop->milk, 2000, -1 } };
  const PosStockItem unknown[] = { { shop->milk, 1000, -1 }, { 999, 2000, -1 } };

  assert_false (pos_stock_count (shop->store, shop->boss, negative, 1, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_count (shop->store, shop->boss, twice, 2, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_stock_count (shop->store, shop->boss, unknown, 2, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_stock_count (shop->store, shop->boss, unknown, 0, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_nothing_recorded (shop);
}

/* ---- reports ------------------------------------------------------------- */

static void
test_low_list_is_ordered_by_shortfall_and_flags_negative_stock (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) first = NULL;
  PosStockRow *row;

  move (shop, shop->apples, 4000, POS_STOCK_RECEIVE); /* reorder 5000: 1000 short */
  move (shop, shop->pears, 9000, POS_STOCK_RECEIVE);  /* reorder 2000: fine */
  move (shop, shop->milk, 10000, POS_STOCK_RECEIVE);  /* reorder 10000: at the level */
  move (shop, shop->soap, -2000, POS_STOCK_SALE);     /* no reorder level, sold below zero */

  rows = pos_stock_low_list (shop->store, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (rows->len, 3);
  row = g_ptr_array_index (rows, 0);
  assert_string_equal (row->sku, "SOP");
  assert_int_equal (row->level, -2000);
  assert_int_equal (row->reorder_level, 0);
  row = g_ptr_array_index (rows, 1);
  assert_string_equal (row->sku, "APL");
  assert_string_equal (row->name, "Apples");
  assert_int_equal (row->level, 4000);
  assert_int_equal (row->reorder_level, 5000);
  row = g_ptr_array_index (rows, 2);
  assert_string_equal (row->sku, "MLK");

  first = pos_stock_low_list (shop->store, 1, &error);
  assert_int_equal (first->len, 1);

  pos_test_exec (shop->store, "UPDATE product SET active = 0 WHERE sku = 'SOP'");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pos_stock_low_list (shop->store, 0, &error);
  assert_int_equal (rows->len, 2);
}

static void
test_verify_finds_a_tampered_cache (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  gint64 n = 0;

  move (shop, shop->apples, 4000, POS_STOCK_RECEIVE);
  move (shop, shop->milk, 6000, POS_STOCK_RECEIVE);
  assert_true (pos_stock_verify (shop->store, &n, &error));

  pos_test_exec (shop->store, "UPDATE stock_ledger SET qty = 7000 WHERE move_id = " LEVEL " AND product_id = "
                              "(SELECT id FROM product WHERE sku = 'MLK')");
  assert_false (pos_stock_verify (shop->store, &n, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
  pos_assert_contains (error->message, "MLK");
  pos_assert_contains (error->message, "7000");
  pos_assert_contains (error->message, "6000");
  g_clear_error (&error);

  /* a product with moves whose cache row vanished is caught too */
  pos_test_exec (shop->store, "UPDATE stock_ledger SET qty = 6000 WHERE qty = 7000;"
                              "DELETE FROM stock_ledger WHERE move_id = " LEVEL " AND product_id = "
                              "(SELECT id FROM product WHERE sku = 'APL')");
  assert_false (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_contains (error->message, "APL");
  g_clear_error (&error);
  pos_test_exec (shop->store, "INSERT INTO stock_ledger VALUES ((SELECT id FROM product WHERE sku = 'APL'), "
                              "'main', " LEVEL ", 4000)");
  assert_true (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_no_error (error);

  /* so is another shop's level, and a level row left over without moves */
  pos_test_exec (shop->store, "INSERT INTO stock_ledger VALUES ((SELECT id FROM product WHERE sku = 'PER'), "
                              "'north', " LEVEL ", 3000)");
  assert_false (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_contains (error->message, "PER");
  pos_assert_contains (error->message, "3000");
  g_clear_error (&error);
  pos_test_exec (shop->store, "DELETE FROM stock_ledger WHERE shop_id = 'north'");

  /* and a move the ledger lost, though the level still adds up */
  pos_test_exec (shop->store, "DELETE FROM stock_ledger WHERE move_id = (SELECT max (id) FROM stock_move)");
  assert_false (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
}

/* A product's level follows its moves in the ledger's B-tree, so a move
 * is written beside the level it changes (figure 1b); every shop has its
 * own, and stock_level shows this till's. */
static void
test_the_ledger_keeps_each_shops_level_after_its_moves (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  PosQty level = 0;

  move (shop, shop->apples, 4000, POS_STOCK_RECEIVE);
  move (shop, shop->apples, -1000, POS_STOCK_WASTE);
  pos_test_exec (shop->store,
                 "INSERT INTO stock_move (product_id, qty, reason, created_at, shop_id) "
                 "VALUES ((SELECT id FROM product WHERE sku = 'APL'), 9000, 'receive', 'x', 'north')");
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count (*) FROM stock_ledger"), 5);
  assert_int_equal (pos_stock_level (shop->store, shop->apples), 3000);
  assert_true (pos_stock_shop_level (shop->store, "north", shop->apples, &level, &error));
  assert_int_equal (level, 9000);
  assert_true (pos_stock_shop_level (shop->store, "main", shop->apples, &level, &error));
  assert_int_equal (level, 3000);
  assert_int_equal (pos_test_query_int (shop->store,
                                        "SELECT qty FROM stock_ledger WHERE product_id = (SELECT id "
                                        "FROM product WHERE sku = 'APL') AND shop_id = 'main' "
                                        "ORDER BY product_id, shop_id, move_id DESC LIMIT 1"),
                    3000);
  assert_true (pos_stock_verify (shop->store, NULL, &error));
  pos_assert_no_error (error);
}

static void
test_history_is_newest_first_and_limited (void **state)
{
  Shop *shop = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  PosStockMove *newest;

  move (shop, shop->milk, 12000, POS_STOCK_RECEIVE);
  move (shop, shop->milk, -1000, POS_STOCK_SALE);
  move (shop, shop->milk, -2000, POS_STOCK_SALE);
  history = pos_stock_history (shop->store, shop->milk, 2, &error);
  pos_assert_no_error (error);
  assert_int_equal (history->len, 2);
  newest = g_ptr_array_index (history, 0);
  assert_int_equal (newest->qty, -2000);
  assert_int_equal (newest->reason, POS_STOCK_SALE);
  assert_int_equal (newest->user_id, shop->cashier->id);
  assert_string_equal (newest->reference, "T1-1");
  assert_string_equal (newest->till_id, "T1");
  assert_non_null (newest->created_at);
  assert_null (newest->event_id);
  assert_int_equal (((PosStockMove *)g_ptr_array_index (history, 1))->qty, -1000);
}

int
main (void)
{
#define SHOP_TEST(name) cmocka_unit_test_setup_teardown (name, shop_setup, shop_teardown)
  const struct CMUnitTest tests[] = {
    SHOP_TEST (test_reason_names_match_the_schema),
    SHOP_TEST (test_moves_add_up_to_the_level),
    SHOP_TEST (test_record_move_refuses_unknown_product_and_zero),
    SHOP_TEST (test_level_overflow_is_an_error_not_a_wrap),
    SHOP_TEST (test_receive_records_moves_one_event_and_an_audit_row),
    SHOP_TEST (test_implausible_quantities_are_refused_and_change_nothing),
    SHOP_TEST (test_receive_refuses_bad_lines_and_changes_nothing),
    SHOP_TEST (test_failure_midway_leaves_no_move_event_or_audit),
    SHOP_TEST (test_cashier_may_not_receive_or_count),
    SHOP_TEST (test_cashier_adjusts_only_with_a_supervisors_pin),
    SHOP_TEST (test_adjust_refuses_zero_wrong_reason_and_positive_waste),
    SHOP_TEST (test_count_records_only_differences),
    SHOP_TEST (test_count_refuses_negative_duplicate_and_unknown),
    SHOP_TEST (test_low_list_is_ordered_by_shortfall_and_flags_negative_stock),
    SHOP_TEST (test_verify_finds_a_tampered_cache),
    SHOP_TEST (test_the_ledger_keeps_each_shops_level_after_its_moves),
    SHOP_TEST (test_history_is_newest_first_and_limited),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
