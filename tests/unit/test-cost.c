/* test-cost.c — the moving average cost of receipts, the cost each sale
 * line keeps, margins and stock valued at cost. Every figure is worked out
 * by hand in the comment beside it. */
#include "pos-test-shop.h"

#include "pos-clock.h"
#include "pos-cost.h"
#include "pos-json.h"
#include "pos-refund.h"
#include "pos-report-private.h"
#include "pos-report.h"
#include "pos-stock.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"

static void
receive (PosTestShop *shop, gint64 product, PosQty qty, PosAmount unit_cost)
{
  g_autoptr (GError) error = NULL;
  PosStockItem item = { product, qty, unit_cost };

  assert_true (pos_stock_receive (shop->store, shop->supervisor, 0, "delivery", &item, 1, &error));
  pos_assert_no_error (error);
}

static char *
sell_tea (PosTestShop *shop, PosQty qty)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tender = pos_test_cash (5000);

  pos_cart_set_multiplier (cart, qty);
  assert_true (pos_cart_add_code (cart, "TEA", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &tender, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

static gint64
query (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static gint64
total (JsonNode *report, const char *name)
{
  JsonObject *totals = json_object_get_object_member (json_node_get_object (report), "totals");

  return pos_json_get_int (totals, name, G_MININT64);
}

static void
test_moving_average_weighs_the_stock_on_hand (void **state)
{
  /* 10 at 1.20 and 5 at 1.50: (10 × 120 + 5 × 150) / 15 = 1950 / 15 = 130 */
  assert_int_equal (pos_cost_moving_average (10000, 120, 5000, 150), 130);
  /* 1 at 1.00 and 2 at 1.01: 302 / 3 = 100.67 → 101 */
  assert_int_equal (pos_cost_moving_average (1000, 100, 2000, 101), 101);
  /* 1 at 1.00 and 1 at 1.01: 100.5, a half, rounds up → 101 */
  assert_int_equal (pos_cost_moving_average (1000, 100, 1000, 101), 101);
  /* 3 at 1.00 and 1 at 1.01: 100.25 → 100 */
  assert_int_equal (pos_cost_moving_average (3000, 100, 1000, 101), 100);
  /* Stock below zero counts as none: the delivery's cost alone */
  assert_int_equal (pos_cost_moving_average (-3000, 120, 5000, 150), 150);
  /* No cost yet: the delivery's cost, whatever is on hand */
  assert_int_equal (pos_cost_moving_average (4000, -1, 2000, 90), 90);
  /* 0.75 kg at 12.00 and 0.25 kg at 8.00: (0.75 × 1200 + 0.25 × 800) / 1 = 1100 */
  assert_int_equal (pos_cost_moving_average (750, 1200, 250, 800), 1100);
  /* The largest amounts do not wrap: the products are 128-bit */
  assert_int_equal (pos_cost_moving_average (G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64), G_MAXINT64);
}

static void
test_receiving_moves_the_product_cost_to_the_moving_average (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");

  receive (shop, shop->tea, 10000, 120);
  assert_int_equal (query (shop, "SELECT cost FROM product WHERE sku = 'TEA'"), 120);
  receive (shop, shop->tea, 5000, 150);
  assert_int_equal (query (shop, "SELECT cost FROM product WHERE sku = 'TEA'"), 130);
  /* A delivery without a price is booked at the average: it stays. */
  receive (shop, shop->tea, 5000, -1);
  assert_int_equal (query (shop, "SELECT cost FROM product WHERE sku = 'TEA'"), 130);
  /* The event carries the average, so every till of the shop agrees. */
  assert_int_equal (query (shop, "SELECT count(*) FROM journal WHERE type = 'stock.receive' "
                                 "AND payload LIKE '%\"avg_cost\":130%'"),
                    1);
  assert_int_equal (query (shop, "SELECT count(*) FROM cost_change"), 2);
}

static void
test_sale_lines_keep_their_cost_and_margins_add_up (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *receipt = NULL;
  g_autoptr (PosSaleResult) refund = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autoptr (GError) error = NULL;
  PosRefundLine one = { 1, POS_QTY_ONE };

  receive (shop, shop->tea, 10000, 120);
  receive (shop, shop->tea, 5000, 150); /* average 1.30 */
  receipt = sell_tea (shop, 2 * POS_QTY_ONE);
  /* 2 × 3.49 = 6.98 incl. 20 %: tax 1.16, net 5.82; cost 2 × 1.30 = 2.60; margin 3.22 */
  assert_int_equal (query (shop, "SELECT cost FROM sale_line"), 130);

  /* 3 at 2.00 onto 13 at 1.30: (13 × 130 + 3 × 200) / 16 = 2290 / 16 = 143.125 → 143 */
  receive (shop, shop->tea, 3000, 200);
  assert_int_equal (query (shop, "SELECT cost FROM product WHERE sku = 'TEA'"), 143);
  /* The sale's cost never changes afterwards. */
  assert_int_equal (query (shop, "SELECT cost FROM sale_line WHERE line_no = 1 AND sale_id = 1"), 130);

  /* A refund of one takes back the cost it was sold at, not today's:
   * net −2.91 (3.49 incl. 20 % → tax 0.58), cost −1.30, margin −1.61. */
  refund = pos_refund_commit (shop->store, receipt, &one, 1, shop->supervisor, NULL, NULL, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (query (shop, "SELECT cost FROM sale_line WHERE refund_of_line IS NOT NULL"), 130);

  report = pos_report_sales (shop->store, NULL, NULL, POS_REPORT_BY_PRODUCT, &error);
  pos_assert_no_error (error);
  /* net 5.82 − 2.91 = 2.91; cost 2.60 − 1.30 = 1.30; margin 3.22 − 1.61 = 1.61 */
  assert_int_equal (total (report, "net"), 291);
  assert_int_equal (total (report, "cost"), 130);
  assert_int_equal (total (report, "margin"), 161);
  assert_int_equal (total (report, "uncosted"), 0);
  g_clear_pointer (&report, json_node_unref);

  report = pos_report_sales (shop->store, NULL, NULL, POS_REPORT_BY_DAY_MARGIN, &error);
  pos_assert_no_error (error);
  assert_int_equal (total (report, "cost"), 130);
  assert_int_equal (total (report, "margin"), 161);
  g_clear_pointer (&report, json_node_unref);

  report = pos_report_sales (shop->store, NULL, NULL, POS_REPORT_BY_LINE, &error);
  pos_assert_no_error (error);
  assert_int_equal (total (report, "cost"), 130);
  assert_int_equal (total (report, "margin"), 161);
}

static void
test_lines_sold_without_a_cost_are_counted_not_guessed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *receipt = sell_tea (shop, POS_QTY_ONE);
  g_autoptr (JsonNode) report = NULL;
  g_autoptr (GError) error = NULL;

  receive (shop, shop->tea, 1000, 100);
  g_free (sell_tea (shop, POS_QTY_ONE));
  report = pos_report_sales (shop->store, NULL, NULL, POS_REPORT_BY_CATEGORY, &error);
  pos_assert_no_error (error);
  /* Two lines of 3.49 (net 2.91 each); only the second had a cost of 1.00. */
  assert_int_equal (total (report, "net"), 582);
  assert_int_equal (total (report, "cost"), 100);
  assert_int_equal (total (report, "margin"), 191);
  assert_int_equal (total (report, "uncosted"), 1);
}

static gint64
local_us (int year, int month, int day, int hour)
{
  g_autoptr (GDateTime) t = g_date_time_new_local (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static gint64
value_at (PosTestShop *shop, const char *day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = pos_report_stock_value (shop->store, day, &error);
  PosAmount total = G_MININT64;
  gint64 uncosted = -1;

  pos_assert_no_error (error);
  /* The total summed in SQL (what the benchmark times) is the report's to the cent. */
  assert_true (pos_report_stock_value_total (shop->store, day, &total, &uncosted, &error));
  pos_assert_no_error (error);
  assert_int_equal (total, pos_json_get_int (json_node_get_object (report), "value", G_MININT64));
  assert_int_equal (uncosted, pos_json_get_int (json_node_get_object (report), "uncosted", -1));
  return total;
}

static void
test_stock_is_valued_at_the_cost_of_its_day (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;

  /* Bread cost 1.00 by hand before any delivery. */
  pos_test_exec (shop->store, "UPDATE product SET cost = 100 WHERE sku = 'BREAD'");
  pos_clock_set_fixed_for_testing (local_us (2026, 3, 2, 23));
  receive (shop, shop->bread, 10000, 100);
  receive (shop, shop->tea, 10000, 120);
  pos_clock_set_fixed_for_testing (local_us (2026, 3, 4, 9));
  receive (shop, shop->tea, 10000, 180);   /* (10 × 120 + 10 × 180) / 20 = 150 */
  receive (shop, shop->bread, 10000, 200); /* (10 × 100 + 10 × 200) / 20 = 150 */
  pos_clock_set_fixed_for_testing (0);

  assert_int_equal (value_at (shop, "2026-03-01"), 0);
  /* 10 tea at 1.20 + 10 bread at 1.00; 23:00 local is still the 2nd */
  assert_int_equal (value_at (shop, "2026-03-02"), 1200 + 1000);
  assert_int_equal (value_at (shop, "2026-03-03"), 1200 + 1000);
  /* 20 tea at 1.50 + 20 bread at 1.50 */
  assert_int_equal (value_at (shop, "2026-03-04"), 3000 + 3000);

  assert_null (pos_report_stock_value (shop->store, "2026-02-30", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  /* Milk has stock but never a cost: left out of the value, counted. */
  receive (shop, shop->milk, 2000, -1);
  report = pos_report_stock_value (shop->store, NULL, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_json_get_int (json_node_get_object (report), "value", 0), 6000);
  assert_int_equal (pos_json_get_int (json_node_get_object (report), "uncosted", 0), 1);
  {
    g_autofree char *today = pos_clock_business_day (pos_clock_now_us ());
    assert_int_equal (value_at (shop, today), 6000);
  }
  assert_false (pos_report_stock_value_total (shop->store, "2026-02-30", &(PosAmount){ 0 }, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

static void
test_bad_receipts_write_nothing (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  PosStockItem items[] = { { shop->tea, 5000, 150 }, { shop->milk, -1000, 50 } };

  assert_false (pos_stock_receive (shop->store, shop->supervisor, 0, NULL, items, 2, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (query (shop, "SELECT count(*) FROM stock_move"), 0);
  assert_int_equal (query (shop, "SELECT count(*) FROM cost_change"), 0);
  assert_int_equal (query (shop, "SELECT cost IS NULL FROM product WHERE sku = 'TEA'"), 1);
  g_clear_error (&error);
  assert_false (pos_stock_receive (shop->store, shop->supervisor, 999, NULL, items, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (query (shop, "SELECT count(*) FROM stock_move"), 0);
}

/* Another till's delivery brings the average it computed: this till takes
 * that figure (not the delivery's price, nor its own sum), so all agree. */
static void
test_pulled_delivery_brings_its_average_cost (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  PosJournalEvent event = {
    .event_id = (char *)"01900000-0000-7000-8000-000000000002",
    .till_id = (char *)"T2",
    .till_seq = 1,
    .hlc = (char *)"000001764321000123:00002:T2",
    .type = (char *)"stock.receive",
    .payload = (char *)"{\"items\":[{\"sku\":\"TEA\",\"qty\":5000,\"unit_cost\":150,\"avg_cost\":137}],"
                       "\"reference\":\"DN-2\",\"user\":\"sam\"}",
  };

  receive (shop, shop->tea, 10000, 120);
  assert_true (pos_store_begin (shop->store, NULL));
  assert_true (pos_sync_apply_event (shop->store, &event, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (shop->store, NULL));
  assert_int_equal (query (shop, "SELECT cost FROM product WHERE sku = 'TEA'"), 137);
  assert_int_equal (query (shop, "SELECT cost FROM cost_change ORDER BY id DESC LIMIT 1"), 137);
  assert_int_equal (query (shop, "SELECT qty FROM stock_level WHERE product_id = 1"), 15000);
}

/* ---- closing stock: the valuation from a close equals the full sum ------- */

static void exec_printf (PosTestShop *shop, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (PosTestShop *shop, const char *format, ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  pos_test_exec (shop->store, sql);
}

/* An instant in March 2026 (local), any hour of day @day. */
static char *
random_instant (GRand *rand, int day)
{
  return pos_clock_iso_utc (local_us (2026, 3, day, g_rand_int_range (rand, 0, 24))
                            + (gint64)g_rand_int_range (rand, 0, 3600) * G_USEC_PER_SEC);
}

static void
random_change (PosTestShop *shop, GRand *rand, gint64 first, gint64 n, int today)
{
  gint64 product = first + g_rand_int_range (rand, 0, (gint32)n);
  /* Mostly today's, some synced in late from earlier days. */
  int day = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, today + 1) : today;
  g_autofree char *when = random_instant (rand, day);
  int kind = g_rand_int_range (rand, 0, 20);

  if (kind < 13)
    exec_printf (shop,
                 "INSERT INTO stock_move (product_id, qty, reason, created_at, shop_id) "
                 "VALUES (%" G_GINT64_FORMAT ", %d, 'adjust', '%s', '%s')",
                 product, g_rand_int_range (rand, -4000, 6000), when, kind < 11 ? "main" : "north");
  else if (kind < 17)
    exec_printf (shop,
                 "INSERT INTO cost_change (product_id, changed_at, cost) VALUES (%" G_GINT64_FORMAT
                 ", '%s', %d)",
                 product, kind == 16 ? "0000-01-01T00:00:00.000Z" : when, g_rand_int_range (rand, 0, 999));
  else
    exec_printf (shop, "UPDATE product SET cost = %s WHERE id = %" G_GINT64_FORMAT,
                 kind == 19 ? "NULL" : "abs (random () % 500)", product);
}

static void
check_every_day (PosTestShop *shop, int last)
{
  for (int d = 1; d <= last; d++)
    {
      g_autofree char *day = g_strdup_printf ("2026-03-%02d", d);

      value_at (shop, day);
    }
}

/* A random history of moves, costs and edits over three weeks, with late
 * moves and a second shop, closed day by day: every day's value from the
 * closes is the full sum's to the cent. */
static void
test_stock_valued_from_closes_equals_the_full_sum (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260305);
  g_autoptr (GError) error = NULL;
  gint64 first;

  for (int i = 0; i < 12; i++)
    exec_printf (shop,
                 "INSERT INTO product (sku, name, price, cost, tax_rate_id) SELECT 'R%d', 'Random %d', 100, "
                 "%s, tax_rate_id FROM product WHERE sku = 'TEA'",
                 i, i, i % 4 == 0 ? "NULL" : "37");
  first = query (shop, "SELECT min (id) FROM product WHERE sku = 'R0'");
  for (int today = 1; today <= 20; today++)
    {
      g_autofree char *yesterday = g_strdup_printf ("2026-03-%02d", MAX (1, today - 1));

      for (int i = 0; i < 25; i++)
        random_change (shop, rand, first, 12, today);
      /* Closed most nights; an older day once closed is left alone. */
      if (today % 5 != 3)
        assert_true (pos_report_stock_close (shop->store, yesterday, &error));
      pos_assert_no_error (error);
      if (today % 4 == 0)
        check_every_day (shop, 22);
    }
  check_every_day (shop, 22);
  assert_true (query (shop, "SELECT count (*) FROM stock_close") >= 10);
  assert_int_equal (query (shop, "SELECT count (DISTINCT shop_id) FROM stock_close"), 1);
  {
    gint64 closes = 0;

    assert_true (pos_report_stock_close_verify (shop->store, &closes, &error));
    pos_assert_no_error (error);
    assert_int_equal (closes, query (shop, "SELECT count (*) FROM stock_close"));
    /* A close that no longer adds up is found out. */
    pos_test_exec (shop->store,
                   "DROP TRIGGER stock_close_no_update; UPDATE stock_close SET value = value + 1 "
                   "WHERE id = (SELECT max (id) FROM stock_close)");
    assert_false (pos_report_stock_close_verify (shop->store, &closes, &error));
    pos_assert_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED);
    g_clear_error (&error);
  }
  assert_false (pos_report_stock_close (shop->store, "2026-03-40", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

/* The day close keeps the closing stock of the day before. */
static void
test_day_close_keeps_yesterdays_closing_stock (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) z = NULL;

  pos_clock_set_fixed_for_testing (local_us (2026, 3, 2, 9));
  receive (shop, shop->tea, 10000, 120);
  pos_clock_set_fixed_for_testing (local_us (2026, 3, 3, 20));
  receive (shop, shop->tea, 10000, 180);
  z = pos_report_z (shop->store, shop->owner, NULL, &error);
  pos_assert_no_error (error);
  pos_clock_set_fixed_for_testing (0);
  {
    g_autofree char *end = pos_report_end_of_day ("2026-03-02");
    g_autofree char *sql = g_strdup_printf (
        "SELECT count (*) FROM stock_close WHERE until = '%s' AND value = 1200 AND uncosted = 0", end);
    assert_int_equal (query (shop, sql), 1);
  }
  assert_int_equal (value_at (shop, "2026-03-02"), 1200);
  assert_int_equal (value_at (shop, "2026-03-03"), 3000);
}

/* The plans of the statements this connection has prepared whose SQL
 * holds @marker, each as "SQL: detail; detail; …" on a line. */
static char *
plans_of (PosTestShop *shop, const char *marker, guint *n_found)
{
  sqlite3 *db = pos_store_db (shop->store);
  GString *out = g_string_new (NULL);

  *n_found = 0;
  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    {
      const char *sql = sqlite3_sql (s);
      g_autofree char *explain = NULL;
      g_autoptr (PosStmt) plan = NULL;

      if (strstr (sql, marker) == NULL || g_str_has_prefix (sql, "EXPLAIN"))
        continue;
      explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      plan = pos_store_prepare (shop->store, explain, NULL);
      assert_non_null (plan);
      (*n_found)++;
      g_string_append_printf (out, "%s:", sql);
      while (sqlite3_step (plan) == SQLITE_ROW)
        g_string_append_printf (out, " %s;", (const char *)sqlite3_column_text (plan, 3));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The day close sums each changed product's moves through the stock
 * ledger's key (product, shop, move): stock_move has no index by product,
 * and a plan that scans it for every product made the first close of a
 * 1M-product store take half an hour. A product's history reads its moves
 * the same way. */
static void
test_closing_stock_reads_a_products_moves_by_the_ledgers_key (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *plans = NULL;
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  receive (shop, shop->tea, 10000, 120);
  g_free (sell_tea (shop, 1000));
  assert_true (pos_report_stock_close (shop->store, "2026-03-02", &error));
  pos_assert_no_error (error);
  history = pos_stock_history (shop->store, shop->tea, 10, &error);
  pos_assert_no_error (error);
  assert_int_equal (history->len, 2);

  /* the close's value of what changed, its lines, and the history */
  plans = plans_of (shop, "FROM stock_ledger g JOIN stock_move m", &n);
  if (g_getenv ("POS_SHOW_PLANS") != NULL)
    g_printerr ("%s", plans);
  assert_int_equal (n, 3);
  lines = g_strsplit (plans, "\n", -1);
  for (guint i = 0; i < n; i++)
    {
      pos_assert_contains (lines[i], "SEARCH g USING PRIMARY KEY (product_id=?");
      pos_assert_contains (lines[i], "SEARCH m USING INTEGER PRIMARY KEY (rowid=?)");
      assert_null (strstr (lines[i], "SCAN m;"));
      assert_null (strstr (lines[i], "SCAN stock_move"));
      assert_null (strstr (lines[i], "SCAN stock_ledger"));
      assert_null (strstr (lines[i], "AUTOMATIC"));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_moving_average_weighs_the_stock_on_hand),
    cmocka_unit_test (test_receiving_moves_the_product_cost_to_the_moving_average),
    cmocka_unit_test (test_sale_lines_keep_their_cost_and_margins_add_up),
    cmocka_unit_test (test_lines_sold_without_a_cost_are_counted_not_guessed),
    cmocka_unit_test (test_stock_is_valued_at_the_cost_of_its_day),
    cmocka_unit_test (test_bad_receipts_write_nothing),
    cmocka_unit_test (test_pulled_delivery_brings_its_average_cost),
    cmocka_unit_test (test_stock_valued_from_closes_equals_the_full_sum),
    cmocka_unit_test (test_day_close_keeps_yesterdays_closing_stock),
    cmocka_unit_test (test_closing_stock_reads_a_products_moves_by_the_ledgers_key),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
