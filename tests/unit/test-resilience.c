/* test-resilience.c — the owner's page figures, each against a value worked
 * out by hand on a small fixed shop.
 *
 * The shop (tax 0 %, so net = gross), today 2026-03-15, last full month
 * 2026-02:
 *   suppliers Hill Farm (local), Big Wholesale; categories Bakery, Drinks;
 *   BREAD (Bakery, Hill Farm, cost 1.00), CAKE (Bakery, Hill Farm, 2.00),
 *   COLA (Drinks, Big Wholesale, 0.50), WATER (Drinks, Big Wholesale, no cost).
 *   2025-10-01, -10-20  customer C: COLA 1.00, COLA 1.00
 *   2025-11-01, -12-15  customer D: CAKE 5.00, CAKE 5.00
 *   2026-01-20          customer A: BREAD 2.00
 *   2026-02-10          customer A: 3 BREAD 6.00 + 2 COLA 2.00
 *   2026-02-11          customer B: CAKE 5.00
 *   2026-02-12          no card:    4 WATER 2.00 + BREAD 2.00
 *   2026-03-08          no card:    COLA 1.00
 *   2026-03-15 (today)  no card:    2 BREAD 4.00
 *   monthly fixed costs 6.00, cash on hand 10.00.
 */
#include <glib/gstdio.h>
#include <math.h>

#include "pos-backup-create.h"
#include "pos-clock.h"
#include "pos-json.h"
#include "pos-resilience.h"
#include "pos-store-private.h"
#include "pos-test-util.h"

typedef struct
{
  const char *sku;
  gint64 qty; /* whole units */
  gint64 price;
  gint64 cost; /* the unit cost the line recorded when sold; 0: none */
} Line;

static void
add_sale (PosStore *store, const char *day, gint64 customer, const Line *lines, guint n)
{
  static gint64 number = 0;
  g_autofree char *sql = NULL;
  g_autofree char *who = customer > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, customer) : g_strdup ("NULL");
  gint64 total = 0, sale;

  for (guint i = 0; i < n; i++)
    total += lines[i].qty * lines[i].price;
  number++;
  sql = g_strdup_printf ("INSERT INTO sale (receipt_no, till_id, till_number, customer_id, created_at, "
                         "business_day, subtotal, tax_total, total, tendered) VALUES ('T1-%" G_GINT64_FORMAT
                         "', 'T1', %" G_GINT64_FORMAT ", %s, '%sT10:30:00.000Z', '%s', %" G_GINT64_FORMAT
                         ", 0, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         number, number, who, day, day, total, total, total);
  pos_test_exec (store, sql);
  sale = sqlite3_last_insert_rowid (pos_store_db (store));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = g_strdup_printf (
          "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, unit, qty, unit_price, "
          "catalog_version, tax_code, tax_rate_bp, line_total, tax_amount, cost) SELECT %" G_GINT64_FORMAT
          ", %u, id, sku, name, 'each', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
          ", 1, 'Z', 0, %" G_GINT64_FORMAT ", 0, nullif (%" G_GINT64_FORMAT
          ", 0) FROM product WHERE sku = '%s'",
          sale, i + 1, lines[i].qty * 1000, lines[i].price, lines[i].qty * lines[i].price, lines[i].cost,
          lines[i].sku);
      pos_test_exec (store, line);
    }
}

static void
make_shop (PosStore *store)
{
  pos_test_exec (store,
                 "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (90, 'Z', 'Zero', 0);"
                 "INSERT INTO supplier (id, name, is_local) VALUES (1, 'Hill Farm', 1), "
                 " (2, 'Big Wholesale', 0);"
                 "INSERT INTO category (id, name) VALUES (1, 'Bakery'), (2, 'Drinks');"
                 "INSERT INTO product (sku, name, price, cost, tax_rate_id, category_id, supplier_id) "
                 "VALUES ('BREAD', 'Bread', 200, 100, 90, 1, 1), ('CAKE', 'Cake', 500, 200, 90, 1, 1),"
                 " ('COLA', 'Cola', 100, 50, 90, 2, 2), ('WATER', 'Water', 50, NULL, 90, 2, 2);"
                 "INSERT INTO customer (id, card_code, name, created_at) VALUES"
                 " (1, 'A', 'Ann', '2026-01-20T09:00:00.000Z'), (2, 'B', 'Ben', '2026-02-11T09:00:00.000Z'),"
                 " (3, 'C', 'Cy', '2025-10-01T09:00:00.000Z'), (4, 'D', 'Di', '2025-11-01T09:00:00.000Z');"
                 "INSERT INTO setting (key, value) VALUES ('monthly_fixed_costs', '600'),"
                 " ('cash_on_hand', '1000');");
  add_sale (store, "2025-10-01", 3, (Line[]){ { "COLA", 1, 100 } }, 1);
  add_sale (store, "2025-10-20", 3, (Line[]){ { "COLA", 1, 100 } }, 1);
  add_sale (store, "2025-11-01", 4, (Line[]){ { "CAKE", 1, 500 } }, 1);
  add_sale (store, "2025-12-15", 4, (Line[]){ { "CAKE", 1, 500 } }, 1);
  add_sale (store, "2026-01-20", 1, (Line[]){ { "BREAD", 1, 200 } }, 1);
  add_sale (store, "2026-02-10", 1, (Line[]){ { "BREAD", 3, 200 }, { "COLA", 2, 100 } }, 2);
  add_sale (store, "2026-02-11", 2, (Line[]){ { "CAKE", 1, 500 } }, 1);
  add_sale (store, "2026-02-12", 0, (Line[]){ { "WATER", 4, 50 }, { "BREAD", 1, 200 } }, 2);
  add_sale (store, "2026-03-08", 0, (Line[]){ { "COLA", 1, 100 } }, 1);
  add_sale (store, "2026-03-15", 0, (Line[]){ { "BREAD", 2, 200 } }, 1);
}

static int
setup (void **state)
{
  PosTestStore *t = pos_test_store_new ();

  make_shop (t->store);
  *state = t;
  return 0;
}

static int
teardown (void **state)
{
  pos_test_store_free (*state);
  return 0;
}

static JsonNode *
report_for (PosStore *store, int drop, const char *backups)
{
  PosResilienceOptions options = { "2026-03-15", drop, backups };
  GError *error = NULL;
  JsonNode *report = pos_resilience_report (store, &options, &error);

  pos_assert_no_error (error);
  assert_non_null (report);
  return report;
}

/* The figure @id anywhere in @report. */
static JsonObject *
figure (JsonNode *report, const char *id)
{
  JsonArray *sections = json_object_get_array_member (json_node_get_object (report), "sections");

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonArray *figures
          = json_object_get_array_member (json_array_get_object_element (sections, i), "figures");
      for (guint k = 0; k < json_array_get_length (figures); k++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (figures, k), "id"),
                         id))
          return json_array_get_object_element (figures, k);
    }
  fail_msg ("no figure %s", id);
  return NULL;
}

static double
real_of (JsonNode *report, const char *id)
{
  JsonObject *f = figure (report, id);

  if (json_object_get_null_member (f, "value"))
    fail_msg ("figure %s has no value: %s", id, json_object_get_string_member (f, "text"));
  return json_object_get_double_member (f, "value");
}

static gint64
int_of (JsonNode *report, const char *id)
{
  return (gint64)llround (real_of (report, id));
}

#define assert_close(a, b) assert_true (fabs ((a) - (b)) < 0.05)

/* Feb: BREAD 8.00, CAKE 5.00, COLA 2.00, WATER 2.00 of 17.00:
 * 10,000 × (800² + 500² + 200² + 200²) / 1700² = 3356.4. */
static void
test_hhi_by_product_is_the_sum_of_squared_shares (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_close (real_of (r, "hhi_product"), 10000.0 * 970000.0 / 2890000.0);
  assert_string_equal (json_object_get_string_member (figure (r, "hhi_product"), "status"), "poor");
  assert_close (real_of (r, "top5_product"), 1.0);
}

/* Bakery 13.00 and Drinks 4.00; Hill Farm and Big Wholesale the same. */
static void
test_hhi_by_category_and_supplier (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_close (real_of (r, "hhi_category"), 10000.0 * (1690000.0 + 160000.0) / 2890000.0);
  assert_close (real_of (r, "hhi_supplier"), 10000.0 * (1690000.0 + 160000.0) / 2890000.0);
}

/* Ann 8.00 and Ben 5.00 by card; the 4.00 without a card counts in the
 * whole only: 10,000 × (800² + 500²) / 1700² = 3079.6; top 5 = 13/17. */
static void
test_customer_concentration_counts_cardless_sales_in_the_whole (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_close (real_of (r, "hhi_customer"), 10000.0 * 890000.0 / 2890000.0);
  assert_close (real_of (r, "top5_customer"), 1300.0 / 1700.0);
  pos_assert_contains (json_object_get_string_member (figure (r, "hhi_customer"), "text"), "76.5 %");
}

/* The 12-month trend ends with last month and has nothing before October. */
static void
test_concentration_trend_covers_twelve_months (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);
  JsonArray *trend = json_object_get_array_member (figure (r, "hhi_product"), "trend");

  assert_int_equal (json_array_get_length (trend), 12);
  assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (trend, 0)));
  /* 2025-10: COLA alone. */
  assert_close (json_array_get_double_element (trend, 7), 10000.0);
  assert_close (json_array_get_double_element (trend, 11), 10000.0 * 970000.0 / 2890000.0);
}

/* Local: Hill Farm's 13.00 of 17.00; cost 4 × 1.00 + 2.00 local of 7.00. */
static void
test_local_shares_of_sales_and_cost (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_close (real_of (r, "local_sales"), 1300.0 / 1700.0);
  assert_close (real_of (r, "local_cost"), 600.0 / 700.0);
}

/* Ann bought in January, so her 8.00 of February's 17.00 is returning;
 * Cy came back in 19 days, Di in 44. */
static void
test_returning_customers_and_who_came_back (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_close (real_of (r, "returning_share"), 800.0 / 1700.0);
  assert_close (real_of (r, "card_share"), 1300.0 / 1700.0);
  assert_int_equal (int_of (r, "back_30"), 1);
  assert_int_equal (int_of (r, "back_90"), 2);
  pos_assert_contains (json_object_get_string_member (figure (r, "back_90"), "text"), "2 of 2");
  assert_int_equal (int_of (r, "new_customers"), 1);
}

/* Dec–Feb: net 24.00, costed net 22.00, cost 10.00: margin
 * round (2400 × 1200 / 2200) = 1309, / 3 months = 436 a month. Fixed 6.00,
 * cash 10.00: cash alone 50 days; at the margin 30000 / 164 = 183 days. */
static void
test_cash_buffer_from_margin_fixed_costs_and_cash (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_int_equal (int_of (r, "monthly_margin"), 436);
  assert_int_equal (int_of (r, "cash_days"), 50);
  assert_string_equal (json_object_get_string_member (figure (r, "cash_days"), "status"), "watch");
  assert_int_equal (int_of (r, "buffer_days"), 183);
}

/* −20 %: margin 349, 30000 / 251 = 120 days; −50 %: 218, 30000 / 382 = 79;
 * Hill Farm (20.00 of 24.00 net) stops: 436 − 363 = 73, 30000 / 527 = 57. */
static void
test_stress_tests_drop_sales_and_the_largest_supplier (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 50, NULL);

  assert_int_equal (int_of (r, "stress_20"), 120);
  assert_int_equal (int_of (r, "stress_50"), 79);
  assert_int_equal (int_of (r, "supplier_stops"), 57);
  pos_assert_contains (json_object_get_string_member (figure (r, "supplier_stops"), "label"), "Hill Farm");
}

/* A line that recorded its cost keeps it: CAKE sold on 2026-02-20 at 5.00
 * recorded a cost of 4.00, though the product costs 2.00 now. Dec–Feb: net
 * 29.00, costed net 27.00, cost 10.00 + 4.00 = 14.00: margin
 * round (2900 × 1300 / 2700) = 1396, / 3 = 465 a month (537 with today's
 * cost). Recorded: 5.00 of 29.00 = 17.2 %. February's local cost:
 * 6.00 + 4.00 of 11.00. */
static void
test_recorded_line_cost_wins_over_the_products_cost (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = NULL;
  const char *text;

  add_sale (t->store, "2026-02-20", 0, (Line[]){ { "CAKE", 1, 500, 400 } }, 1);
  r = report_for (t->store, 0, NULL);
  assert_int_equal (int_of (r, "monthly_margin"), 465);
  text = json_object_get_string_member (figure (r, "monthly_margin"), "text");
  pos_assert_contains (text, "93.1 % of sales with a cost");
  pos_assert_contains (text, "17.2 % recorded at sale");
  pos_assert_contains (text, "the rest estimated from today's cost prices");
  /* Closer than assert_close: today's costs would give 8.00 of 9.00. */
  assert_true (fabs (real_of (r, "local_cost") - 1000.0 / 1100.0) < 1e-6);
}

/* Today's margin with a recorded cost: a second BREAD at 2.00 recorded 1.50
 * (the product costs 1.00 now): (6.00 − 2.00 − 1.50) / 6.00; a third of the
 * costed sales recorded their cost. */
static void
test_todays_margin_uses_the_recorded_cost (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = NULL;

  add_sale (t->store, "2026-03-15", 0, (Line[]){ { "BREAD", 1, 200, 150 } }, 1);
  r = report_for (t->store, 0, NULL);
  assert_true (fabs (real_of (r, "margin") - 250.0 / 600.0) < 1e-6);
  pos_assert_contains (json_object_get_string_member (figure (r, "margin"), "text"),
                       "33.3 % of today's costed sales with a cost recorded at sale");
}

/* Dead stock. In stock: BREAD 10 (sold today), CAKE 3 (last sold
 * 2026-02-11), WATER 5 (no cost, last sold 2026-02-12), JAM 4 at 1.20
 * (never sold); COLA −2 is not in stock. 60 days (after 2026-01-14): only
 * JAM, 4.80. 30 days (after 2026-02-13): CAKE 6.00, JAM 4.80 and WATER
 * (no cost), 3 products and 10.80, CAKE first. */
static void
test_dead_stock_and_the_cost_tied_up (void **state)
{
  PosTestStore *t = *state;
  PosResilienceOptions thirty = { "2026-03-15", 0, NULL, 30 };
  g_autoptr (JsonNode) r = NULL;
  g_autoptr (JsonNode) r30 = NULL;
  GError *error = NULL;
  JsonArray *items = NULL;
  JsonArray *sections;

  pos_test_exec (t->store,
                 "INSERT INTO product (sku, name, price, cost, tax_rate_id, category_id, supplier_id) "
                 "VALUES ('JAM', 'Jam', 300, 120, 90, 1, 1);"
                 "INSERT INTO stock_move (product_id, qty, reason, created_at) SELECT id, CASE sku"
                 " WHEN 'BREAD' THEN 10000 WHEN 'CAKE' THEN 3000 WHEN 'WATER' THEN 5000 WHEN 'JAM' THEN 4000"
                 " ELSE -2000 END, 'receive', '2026-01-01T08:00:00.000Z' FROM product;");
  r = report_for (t->store, 0, NULL);
  assert_int_equal (int_of (r, "dead_stock"), 1);
  assert_int_equal (int_of (r, "dead_stock_cost"), 480);
  pos_assert_contains (json_object_get_string_member (figure (r, "dead_stock_top"), "text"), "Jam (€4.80)");

  r30 = pos_resilience_report (t->store, &thirty, &error);
  pos_assert_no_error (error);
  assert_int_equal (int_of (r30, "dead_stock"), 3);
  assert_int_equal (int_of (r30, "dead_stock_cost"), 1080);
  pos_assert_contains (json_object_get_string_member (figure (r30, "dead_stock"), "text"),
                       "1 of them without a cost price");
  sections = json_object_get_array_member (json_node_get_object (r30), "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (sections, i), "id"),
                     "stock"))
      items = json_object_get_array_member (json_array_get_object_element (sections, i), "items");
  assert_non_null (items);
  assert_int_equal (json_array_get_length (items), 3);
  assert_string_equal (json_object_get_string_member (json_array_get_object_element (items, 0), "sku"),
                       "CAKE");
  assert_int_equal (json_object_get_int_member (json_array_get_object_element (items, 0), "tied_up"), 600);
  assert_string_equal (json_object_get_string_member (json_array_get_object_element (items, 1), "sku"),
                       "JAM");
  assert_string_equal (json_object_get_string_member (json_array_get_object_element (items, 2), "sku"),
                       "WATER");
  assert_true (json_object_get_null_member (json_array_get_object_element (items, 2), "tied_up"));
}

/* A margin above the fixed costs never draws the cash down. */
static void
test_buffer_is_covered_when_margin_pays_the_costs (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = NULL;

  pos_test_exec (t->store, "UPDATE setting SET value = '400' WHERE key = 'monthly_fixed_costs'");
  r = report_for (t->store, 0, NULL);
  assert_true (json_object_get_null_member (figure (r, "buffer_days"), "value"));
  assert_string_equal (json_object_get_string_member (figure (r, "buffer_days"), "status"), "good");
  pos_assert_contains (json_object_get_string_member (figure (r, "buffer_days"), "text"), "Covered");
  /* −20 %: 349 < 400: 30000 / 51 = 588 days. */
  assert_int_equal (int_of (r, "stress_20"), 588);
}

/* Without fixed costs the buffer says what it needs instead of a number. */
static void
test_buffer_names_the_missing_setting (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = NULL;

  pos_test_exec (t->store, "DELETE FROM setting WHERE key = 'monthly_fixed_costs'");
  r = report_for (t->store, 0, NULL);
  assert_true (json_object_get_null_member (figure (r, "buffer_days"), "value"));
  assert_string_equal (json_object_get_string_member (figure (r, "buffer_days"), "status"), "missing");
  pos_assert_contains (json_object_get_string_member (figure (r, "buffer_days"), "text"),
                       "monthly_fixed_costs");
}

/* Today 4.00 in one receipt, margin 50 %; last week's Sunday 1.00; four
 * weeks 1.00 / 4. */
static void
test_today_against_last_week_and_four_weeks (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);

  assert_int_equal (int_of (r, "takings"), 400);
  assert_int_equal (int_of (r, "receipts"), 1);
  assert_close (real_of (r, "margin"), 0.5);
  pos_assert_contains (json_object_get_string_member (figure (r, "takings"), "text"), "last week €1.00");
  pos_assert_contains (json_object_get_string_member (figure (r, "takings"), "text"), "average €0.25");
}

/* A sale added after a report goes into the summary: COLA's 3.00 more in
 * February changes the index as a fresh summary would have it,
 * 10,000 × (800² + 500² + 500² + 200²) / 2000² = 2950. */
static void
test_summary_takes_in_new_sales (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) before = report_for (t->store, 0, NULL);
  g_autoptr (JsonNode) after = NULL;
  g_autoptr (JsonNode) fresh = NULL;
  g_autofree char *summary = g_strconcat (t->path, "-summary", NULL);

  add_sale (t->store, "2026-02-20", 0, (Line[]){ { "COLA", 3, 100 } }, 1);
  after = report_for (t->store, 0, NULL);
  assert_close (real_of (after, "hhi_product"), 2950.0);
  pos_test_exec (t->store, "DETACH DATABASE summary");
  assert_int_equal (g_unlink (summary), 0);
  fresh = report_for (t->store, 0, NULL);
  assert_close (real_of (fresh, "hhi_product"), 2950.0);
}

typedef struct
{
  const char *path;
  GMutex lock;
  GCond go;
  gboolean started;
} Race;

static gpointer
report_on_own_connection (gpointer data)
{
  Race *race = data;
  GError *error = NULL;
  g_autoptr (PosStore) store = pos_store_open (race->path, POS_STORE_OPEN_DEFAULT, &error);
  PosResilienceOptions options = { "2026-03-15", 0, NULL };
  g_autoptr (JsonNode) report = NULL;

  pos_assert_no_error (error);
  g_mutex_lock (&race->lock);
  while (!race->started)
    g_cond_wait (&race->go, &race->lock);
  g_mutex_unlock (&race->lock);
  report = pos_resilience_report (store, &options, &error);
  pos_assert_no_error (error);
  return NULL;
}

/* Four workers building the summary at once add each sale once: the
 * product sums stay the shop's 36.00 plus 30,000 colas at 1.00 (more than
 * one slice, so the workers overlap), not a multiple of it. */
static void
test_summary_built_by_workers_at_once_counts_each_sale_once (void **state)
{
  PosTestStore *t = *state;
  g_autofree char *summary = g_strconcat (t->path, "-summary", NULL);
  g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s' AS summary", summary);

  pos_test_exec (t->store,
                 "INSERT INTO sale (receipt_no, till_id, till_number, created_at, business_day, subtotal,"
                 " tax_total, total, tendered) SELECT 'X-' || n, 'T1', 1000 + n, '2026-03-01T10:00:00.000Z',"
                 " '2026-03-01', 100, 0, 100, 100 FROM (WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL"
                 " SELECT n + 1 FROM c WHERE n < 30000) SELECT n FROM c);"
                 "INSERT INTO sale_line (sale_id, line_no, product_id, sku, name, unit, qty, unit_price,"
                 " catalog_version, tax_code, tax_rate_bp, line_total, tax_amount) SELECT s.id, 1, p.id,"
                 " p.sku, p.name, 'each', 1000, 100, 1, 'Z', 0, 100, 0 FROM sale s, product p"
                 " WHERE s.receipt_no LIKE 'X-%' AND p.sku = 'COLA'");

  for (int round = 0; round < 5; round++)
    {
      Race race = { .path = t->path };
      GThread *workers[4];

      g_unlink (summary);
      for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
        workers[i] = g_thread_new ("report", report_on_own_connection, &race);
      g_mutex_lock (&race.lock);
      race.started = TRUE;
      g_cond_broadcast (&race.go);
      g_mutex_unlock (&race.lock);
      for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
        g_thread_join (workers[i]);

      pos_test_exec (t->store, attach);
      assert_int_equal (pos_test_query_int (t->store, "SELECT sum (gross) FROM summary.month_dim "
                                                      "WHERE dim = 'product'"),
                        3600 + 30000 * 100);
      pos_test_exec (t->store, "DETACH DATABASE summary");
    }
}

/* A summary of another layout (an older version's) is made again. */
static void
test_summary_of_another_layout_is_rebuilt (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) first = report_for (t->store, 0, NULL);
  g_autoptr (JsonNode) again = NULL;

  pos_test_exec (t->store, "UPDATE summary.month_dim SET sumsq = 0; PRAGMA summary.user_version = 1;"
                           "DETACH DATABASE summary");
  again = report_for (t->store, 0, NULL);
  assert_close (real_of (again, "hhi_product"), 10000.0 * 970000.0 / 2890000.0);
}

/* A customer's visits that come in over several runs, the earlier one
 * last (a sale synced late from another till), still count: Ed's first
 * day becomes 2025-09-01 and his second 2025-09-20, back within 30 days. */
static void
test_came_back_follows_visits_added_later (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) first = NULL, second = NULL;

  pos_test_exec (t->store, "INSERT INTO customer (id, card_code, name, created_at) VALUES"
                           " (5, 'E', 'Ed', '2025-09-01T09:00:00.000Z')");
  add_sale (t->store, "2025-09-20", 5, (Line[]){ { "COLA", 1, 100 } }, 1);
  first = report_for (t->store, 0, NULL);
  pos_assert_contains (json_object_get_string_member (figure (first, "back_90"), "text"), "2 of 3");
  assert_int_equal (int_of (first, "back_30"), 1);
  add_sale (t->store, "2025-09-01", 5, (Line[]){ { "COLA", 1, 100 } }, 1);
  second = report_for (t->store, 0, NULL);
  assert_int_equal (int_of (second, "back_30"), 2);
  assert_int_equal (int_of (second, "back_90"), 3);
}

/* The drill restores the newest backup into a scratch file, checks it and
 * records it: the page then calls that backup proved. */
static void
test_restore_drill_proves_the_newest_backup (void **state)
{
  PosTestStore *t = *state;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *written = NULL, *checked = NULL, *base = NULL;
  g_autoptr (JsonNode) before = NULL, after = NULL;
  GError *error = NULL;

  assert_true (pos_backup_create (t->store, folder, 0, NULL, &written, &error));
  pos_assert_no_error (error);
  before = report_for (t->store, 0, folder);
  assert_int_equal (int_of (before, "backup_verified"), 0);
  assert_true (json_object_get_null_member (figure (before, "drill_days"), "value"));
  assert_true (pos_resilience_restore_drill (t->store, folder, NULL, &checked, &error));
  pos_assert_no_error (error);
  base = g_path_get_basename (written);
  assert_string_equal (checked, base);
  after = report_for (t->store, 0, folder);
  assert_int_equal (int_of (after, "backup_verified"), 1);
  assert_int_equal (int_of (after, "drill_days"), 0);
  assert_int_equal (int_of (after, "backup_age"), 0);
}

/* A damaged backup fails the drill and is not recorded as proved. */
static void
test_restore_drill_refuses_a_damaged_backup (void **state)
{
  PosTestStore *t = *state;
  g_autofree char *folder = g_build_filename (t->dir, "backups", NULL);
  g_autofree char *written = NULL;
  GError *error = NULL;
  FILE *f;

  assert_true (pos_backup_create (t->store, folder, 0, NULL, &written, &error));
  f = fopen (written, "r+b");
  assert_non_null (f);
  fseek (f, 5000, SEEK_SET);
  fputc (0x5a, f);
  fclose (f);
  assert_false (pos_resilience_restore_drill (t->store, folder, NULL, NULL, &error));
  assert_non_null (error);
  g_clear_error (&error);
  assert_null (pos_store_dup_setting (t->store, "restore_drill_at"));
}

/* A PDF is written (its one page is checked by test-cli-resilience.sh). */
static void
test_pdf_is_written (void **state)
{
  PosTestStore *t = *state;
  g_autoptr (JsonNode) r = report_for (t->store, 0, NULL);
  g_autofree char *path = g_build_filename (t->dir, "owner.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize length = 0;
  GError *error = NULL;

  assert_true (pos_resilience_write_pdf (r, path, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  assert_true (g_str_has_prefix (pdf, "%PDF-"));
  assert_true (length > 1000);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_hhi_by_product_is_the_sum_of_squared_shares, setup, teardown),
    cmocka_unit_test_setup_teardown (test_hhi_by_category_and_supplier, setup, teardown),
    cmocka_unit_test_setup_teardown (test_customer_concentration_counts_cardless_sales_in_the_whole, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_concentration_trend_covers_twelve_months, setup, teardown),
    cmocka_unit_test_setup_teardown (test_local_shares_of_sales_and_cost, setup, teardown),
    cmocka_unit_test_setup_teardown (test_returning_customers_and_who_came_back, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cash_buffer_from_margin_fixed_costs_and_cash, setup, teardown),
    cmocka_unit_test_setup_teardown (test_stress_tests_drop_sales_and_the_largest_supplier, setup, teardown),
    cmocka_unit_test_setup_teardown (test_buffer_is_covered_when_margin_pays_the_costs, setup, teardown),
    cmocka_unit_test_setup_teardown (test_recorded_line_cost_wins_over_the_products_cost, setup, teardown),
    cmocka_unit_test_setup_teardown (test_todays_margin_uses_the_recorded_cost, setup, teardown),
    cmocka_unit_test_setup_teardown (test_dead_stock_and_the_cost_tied_up, setup, teardown),
    cmocka_unit_test_setup_teardown (test_buffer_names_the_missing_setting, setup, teardown),
    cmocka_unit_test_setup_teardown (test_today_against_last_week_and_four_weeks, setup, teardown),
    cmocka_unit_test_setup_teardown (test_summary_takes_in_new_sales, setup, teardown),
    cmocka_unit_test_setup_teardown (test_summary_of_another_layout_is_rebuilt, setup, teardown),
    cmocka_unit_test_setup_teardown (test_summary_built_by_workers_at_once_counts_each_sale_once, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_came_back_follows_visits_added_later, setup, teardown),
    cmocka_unit_test_setup_teardown (test_restore_drill_proves_the_newest_backup, setup, teardown),
    cmocka_unit_test_setup_teardown (test_restore_drill_refuses_a_damaged_backup, setup, teardown),
    cmocka_unit_test_setup_teardown (test_pdf_is_written, setup, teardown),
  };

  g_setenv ("TZ", "UTC", TRUE);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
