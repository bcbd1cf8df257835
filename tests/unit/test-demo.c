/* test-demo.c — the demo corner shop: a believable catalog whose codes
 * scan, and weeks of sales that add up like a real till's. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include "pos-barcode-layout.h"
#include "pos-barcode.h"
#include "pos-cart.h"
#include "pos-catalog.h"
#include "pos-checkout.h"
#include "pos-clock.h"
#include "pos-demo.h"
#include "pos-format.h"
#include "pos-journal.h"
#include "pos-shop.h"
#include "pos-stock.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* One corner shop with the default 30 days, shared by the tests that only read it. */
static PosTestStore *shop;

static gint64
count (PosStore *store, const char *sql)
{
  return pos_test_query_int (store, sql);
}

static int
make_shop (void **state)
{
  g_autoptr (GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  shop = pos_test_store_new ();
  if (!pos_demo_populate (shop->store, NULL, &error))
    fail_msg ("cannot make the demo shop: %s", error->message);
  print_message ("demo shop made in %.1f s\n", (double)(g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  return 0;
}

static int
free_shop (void **state)
{
  g_clear_pointer (&shop, pos_test_store_free);
  return 0;
}

static char *
setting (const char *key)
{
  return pos_store_dup_setting (shop->store, key);
}

static void
test_shop_has_settings_users_and_three_tax_rates (void **state)
{
  g_autofree char *name = setting ("shop_name");
  g_autofree char *currency = setting ("currency");
  g_autofree char *till = setting ("till_id");
  g_autofree char *footer = setting ("receipt_footer");
  g_autofree char *tax_id = setting ("shop_tax_id");
  g_autofree char *address = setting ("shop_address");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) olivia = NULL, sam = NULL, casey = NULL;

  assert_string_equal (name, "Corner Shop Mainstreet");
  assert_string_equal (currency, "EUR");
  assert_string_equal (till, "T1");
  assert_non_null (footer);
  assert_non_null (tax_id);
  assert_non_null (address);
  assert_int_equal (count (shop->store, "SELECT count(*) FROM tax_rate"), 3);
  assert_int_equal (count (shop->store, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 1900);
  assert_int_equal (count (shop->store, "SELECT rate_bp FROM tax_rate WHERE code = 'B'"), 700);
  assert_int_equal (count (shop->store, "SELECT rate_bp FROM tax_rate WHERE code = 'C'"), 0);

  olivia = pos_users_authenticate (shop->store, "olivia", "4321", &error);
  pos_assert_no_error (error);
  sam = pos_users_authenticate (shop->store, "sam", "2580", &error);
  pos_assert_no_error (error);
  casey = pos_users_authenticate (shop->store, "casey", "1234", &error);
  pos_assert_no_error (error);
  assert_int_equal (olivia->role, POS_ROLE_OWNER);
  assert_int_equal (sam->role, POS_ROLE_SUPERVISOR);
  assert_int_equal (casey->role, POS_ROLE_CASHIER);
}

/* The demo is a German shop: its amounts and receipts are written the
 * German way, not in the till's English defaults. */
static void
test_shop_writes_money_and_receipts_the_german_way (void **state)
{
  g_autofree char *locale = setting ("locale");
  g_autofree char *language = setting ("language");
  g_autofree char *amount = pos_amount_format (635, pos_shop_currency (shop->store));

  assert_string_equal (locale, "de_DE");
  assert_string_equal (language, "de");
  assert_string_equal (amount, "6,35\u00a0€");
}

static void
test_catalog_is_a_believable_corner_shop (void **state)
{
  PosStore *store = shop->store;

  assert_true (pos_catalog_count (store) >= 1500);
  /* Names are varied: nearly all distinct, from many categories and suppliers. */
  assert_true (count (store, "SELECT count(DISTINCT name) FROM product") >= 1450);
  assert_true (count (store, "SELECT count(DISTINCT category_id) FROM product") >= 15);
  assert_int_equal (count (store, "SELECT count(*) FROM product WHERE category_id IS NULL"), 0);
  assert_true (count (store, "SELECT count(*) FROM supplier WHERE is_local = 1 AND distance_km < 50") >= 3);
  assert_true (count (store, "SELECT count(*) FROM supplier WHERE is_local = 0") >= 2);
  assert_true (count (store, "SELECT count(*) FROM category WHERE parent_id IS NOT NULL") >= 15);
  /* Weighed bakery, deli and produce items. */
  assert_true (count (store, "SELECT count(*) FROM product p JOIN category c ON c.id = p.category_id "
                             "WHERE p.unit = 'kg' AND c.name = 'Bakery'")
               >= 5);
  assert_true (count (store, "SELECT count(*) FROM product p JOIN category c ON c.id = p.category_id "
                             "WHERE p.unit = 'kg' AND c.name = 'Deli'")
               >= 10);
  assert_true (count (store, "SELECT count(*) FROM product p JOIN category c ON c.id = p.category_id "
                             "WHERE p.unit = 'kg' AND c.name = 'Fruit & vegetables'")
               >= 20);
  /* Prices, costs and tax rates all used; every product saved with its journal event. */
  assert_int_equal (
      count (store, "SELECT count(*) FROM product WHERE price <= 0 OR cost IS NULL OR cost >= price"), 0);
  assert_int_equal (count (store, "SELECT count(DISTINCT tax_rate_id) FROM product"), 3);
  assert_true (count (store, "SELECT count(*) FROM journal WHERE type = 'product.saved'")
               >= pos_catalog_count (store));
  assert_true (count (store, "SELECT count(*) FROM customer WHERE card_code IS NOT NULL") >= 100);
}

/* A label as the shop's scale prints it: @key with @value in its value
 * digits and its check digits made right (layouts 28/29 PPPPPPCVVVVV and
 * 20 PPPPPPPVVVVV, the defaults). */
static char *
label_for (const char *key, guint value)
{
  char code[14];

  g_assert (strlen (key) == 13);
  if (g_str_has_prefix (key, "20"))
    g_snprintf (code, sizeof code, "%.7s%05u", key, value);
  else
    {
      char v[6];
      g_snprintf (v, sizeof v, "%05u", value);
      g_snprintf (code, sizeof code, "%.6s%c%s", key, '0' + pos_price_check_digit (v, 5), v);
    }
  code[12] = pos_gtin_check_digit (code);
  code[13] = '\0';
  return g_strdup (code);
}

static void
test_every_barcode_is_valid_and_scans_to_its_product (void **state)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  sqlite3_prepare_v2 (pos_store_db (shop->store), "SELECT code, product_id FROM barcode ORDER BY code", -1,
                      &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *)sqlite3_column_text (stmt, 0);
      g_autofree char *scanned = g_str_has_prefix (code, "2") ? label_for (code, 1234) : g_strdup (code);
      g_autoptr (GError) error = NULL;
      g_autoptr (PosBarcode) parsed = pos_barcode_parse (scanned, NULL, &error);

      assert_int_equal (strlen (code), 13);
      if (!pos_gtin_check_digit_valid (code))
        fail_msg ("%s has a wrong check digit", code);
      pos_assert_no_error (error);
      /* The stored code is the key the parser makes: unique, and what a scan finds. */
      assert_string_equal (parsed->key, code);
      if (!pos_cart_add_code (cart, scanned, &error))
        fail_msg ("%s does not scan: %s", scanned, error->message);
      assert_int_equal (pos_cart_line_get_product_id (pos_cart_get_line (cart, 0)),
                        sqlite3_column_int64 (stmt, 1));
      pos_cart_clear (cart);
      n++;
    }
  sqlite3_finalize (stmt);
  assert_true (n >= 1500);
  assert_int_equal (n, count (shop->store, "SELECT count(DISTINCT code) FROM barcode"));
  /* Products without a code (stamps, flowers) are sold by SKU. */
  assert_true (
      count (shop->store, "SELECT count(*) FROM product WHERE id NOT IN (SELECT product_id FROM barcode)")
      > 0);
  assert_true (pos_cart_add_code (cart, "POS-0001", NULL));
}

static void
test_weighed_item_sells_from_a_scale_label (void **state)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  gint64 id = count (shop->store, "SELECT b.product_id FROM barcode b JOIN product p ON p.id = b.product_id "
                                  "WHERE p.unit = 'kg' AND b.code LIKE '29%' ORDER BY b.code LIMIT 1");
  g_autoptr (PosProduct) cheese = pos_catalog_get (shop->store, id, &error);
  g_autoptr (GPtrArray) codes = pos_catalog_barcodes (shop->store, id, &error);
  g_autofree char *label = label_for (g_ptr_array_index (codes, 0), 1234);
  PosAmount expected = 0;

  pos_assert_no_error (error);
  assert_true (pos_cart_add_code (cart, label, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_cart_line_get_qty (pos_cart_get_line (cart, 0)), 1234);
  assert_true (pos_amount_mul_qty (cheese->price, 1234, &expected, NULL));
  assert_int_equal (pos_cart_get_total (cart), expected);

  /* Its bare code weighs nothing: not a sale. */
  assert_false (pos_cart_add_code (cart, g_ptr_array_index (codes, 0), &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

/* The open days from @days ago to yesterday: all but Sundays. */
static gint64
open_days (guint days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  gint64 n = 0;

  for (guint i = 1; i <= days; i++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (now, -(int)i);
      n += g_date_time_get_day_of_week (day) != 7;
    }
  return n;
}

static void
test_history_spans_the_days_closed_on_sundays (void **state)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr (GDateTime) first = g_date_time_add_days (now, -POS_DEMO_DEFAULT_DAYS);
  g_autofree char *yesterday_text = g_date_time_format (yesterday, "%F");
  g_autofree char *first_text = g_date_time_format (first, "%F");
  g_autofree char *min_day = pos_test_query_text (shop->store, "SELECT min(business_day) FROM sale");
  g_autofree char *max_day = pos_test_query_text (shop->store, "SELECT max(business_day) FROM sale");

  assert_true (g_strcmp0 (min_day, first_text) >= 0);
  assert_true (g_strcmp0 (min_day, first_text) <= 0 || g_date_time_get_day_of_week (first) == 7);
  assert_true (g_strcmp0 (max_day, yesterday_text) <= 0);
  assert_int_equal (count (shop->store, "SELECT count(DISTINCT business_day) FROM sale"),
                    open_days (POS_DEMO_DEFAULT_DAYS));
  assert_int_equal (
      count (shop->store, "SELECT count(*) FROM sale WHERE strftime ('%w', business_day) = '0'"), 0);
  /* Open 7–19, Saturdays 8–14 (local time). */
  assert_int_equal (count (shop->store,
                           "SELECT count(*) FROM sale WHERE time (created_at, 'localtime') < '07:00' "
                           "OR time (created_at, 'localtime') >= '19:00'"),
                    0);
  assert_int_equal (count (shop->store, "SELECT count(*) FROM sale WHERE strftime ('%w', business_day) = '6' "
                                        "AND time (created_at, 'localtime') >= '14:00'"),
                    0);
  /* A corner shop's day: around a hundred customers. */
  assert_true (count (shop->store, "SELECT count(*) / count(DISTINCT business_day) FROM sale") >= 70);
  assert_true (count (shop->store, "SELECT count(*) / count(DISTINCT business_day) FROM sale") <= 160);
}

/* Sales per open hour of the @sql's hour range, for one kind of day. */
static gint64
per_hour (const char *where, gint64 hours_per_day)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT count(*) * 100 / (count(DISTINCT business_day) * %" G_GINT64_FORMAT ") "
                         "FROM sale WHERE kind = 'sale' AND %s",
                         hours_per_day, where);
  return count (shop->store, sql);
}

static void
test_history_has_daily_and_hourly_patterns (void **state)
{
  gint64 saturday = per_hour ("strftime ('%w', business_day) = '6'", 6);
  gint64 weekday = per_hour ("strftime ('%w', business_day) BETWEEN '1' AND '5'", 12);
  gint64 morning = per_hour ("strftime ('%w', business_day) BETWEEN '1' AND '5' "
                             "AND time (created_at, 'localtime') BETWEEN '07:00' AND '08:59'",
                             2);
  gint64 after_work = per_hour ("strftime ('%w', business_day) BETWEEN '1' AND '5' "
                                "AND time (created_at, 'localtime') BETWEEN '16:30' AND '18:29'",
                                2);
  gint64 afternoon = per_hour ("strftime ('%w', business_day) BETWEEN '1' AND '5' "
                               "AND time (created_at, 'localtime') BETWEEN '14:00' AND '15:59'",
                               2);

  assert_true (saturday > weekday);
  assert_true (morning > 2 * afternoon);
  assert_true (after_work > 2 * afternoon);
  /* Baskets: a few lines on average, some big ones. */
  assert_true (count (shop->store, "SELECT count(*) * 10 / (SELECT count(*) FROM sale) FROM sale_line")
               >= 20);
  assert_true (count (shop->store, "SELECT max(line_no) FROM sale_line") >= 10);
}

static void
test_history_has_every_kind_of_tender_and_refunds (void **state)
{
  PosStore *store = shop->store;

  assert_true (count (store, "SELECT count(*) FROM payment WHERE method = 'cash'") > 100);
  assert_true (count (store, "SELECT count(*) FROM payment WHERE method = 'card'") > 100);
  assert_true (count (store, "SELECT count(*) FROM payment WHERE method = 'points'") > 0);
  assert_true (count (store, "SELECT count(*) FROM (SELECT sale_id FROM payment GROUP BY sale_id "
                             "HAVING count(*) > 1)")
               > 0);
  assert_true (count (store, "SELECT count(*) FROM sale WHERE change > 0") > 0);
  assert_true (count (store, "SELECT count(*) FROM sale WHERE kind = 'refund'") > 0);
  assert_true (count (store, "SELECT count(*) FROM sale WHERE customer_id IS NOT NULL") > 0);
  assert_true (count (store, "SELECT count(*) FROM loyalty_entry WHERE reason = 'earn'") > 0);
  assert_true (count (store, "SELECT count(DISTINCT user_id) FROM sale") == 3);
  /* Every sale is a proper sale: its journal event, tax summary and payments add up. */
  assert_int_equal (count (store, "SELECT count(*) FROM sale s WHERE total <> "
                                  "(SELECT sum(gross) FROM sale_tax t WHERE t.sale_id = s.id)"),
                    0);
  assert_int_equal (count (store, "SELECT count(*) FROM sale s WHERE total + rounding <> "
                                  "(SELECT sum(amount) FROM payment p WHERE p.sale_id = s.id)"),
                    0);
  assert_int_equal (count (store, "SELECT count(*) FROM sale WHERE kind = 'sale'"),
                    count (store, "SELECT count(*) FROM journal WHERE type = 'sale'"));
}

static void
test_journal_and_stock_verify (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) low = NULL;
  gint64 events = 0, products = 0;

  assert_true (pos_journal_verify (shop->store, &events, &error));
  pos_assert_no_error (error);
  assert_true (events > 1500);
  assert_true (pos_stock_verify (shop->store, &products, &error));
  pos_assert_no_error (error);
  assert_true (products >= 1500);
  /* Opening stock and deliveries were received; some products run low. */
  assert_true (count (shop->store, "SELECT count(*) FROM stock_move WHERE reason = 'receive'") >= 1500);
  assert_true (
      count (shop->store, "SELECT count(DISTINCT reference) FROM stock_move WHERE reason = 'receive'") > 10);
  low = pos_stock_low_list (shop->store, 0, &error);
  pos_assert_no_error (error);
  assert_true (low->len > 0);
  assert_true (low->len < 600);
}

static void
test_every_day_has_closed_shifts_and_a_z_report (void **state)
{
  PosStore *store = shop->store;
  gint64 days = open_days (POS_DEMO_DEFAULT_DAYS);

  assert_int_equal (count (store, "SELECT count(*) FROM z_report"), days);
  assert_int_equal (count (store, "SELECT count(DISTINCT business_day) FROM z_report"), days);
  assert_int_equal (count (store, "SELECT max(number) FROM z_report"), days);
  assert_true (count (store, "SELECT count(*) FROM shift") > days);
  assert_int_equal (count (store, "SELECT count(*) FROM shift WHERE closed_at IS NULL"), 0);
  assert_int_equal (count (store, "SELECT count(*) FROM sale WHERE shift_id IS NULL"), 0);
  /* Each Z took exactly its day's sales; the grand total runs on. */
  assert_int_equal (count (store,
                           "SELECT count(*) FROM z_report z WHERE total <> (SELECT sum(total + rounding) "
                           "FROM sale s WHERE s.business_day = z.business_day)"),
                    0);
  assert_int_equal (count (store, "SELECT max(grand_total) FROM z_report"),
                    count (store, "SELECT sum(total + rounding) FROM sale"));
  /* Most drawers count right; now and then one is a coin off. */
  assert_true (count (store, "SELECT count(*) FROM shift WHERE counted_cash = expected_cash") > days / 2);
  assert_true (count (store, "SELECT count(*) FROM cash_move WHERE kind = 'paid_out'") > 0);
}

static void
test_real_clock_is_back_afterwards (void **state)
{
  gint64 now = pos_clock_now_us ();

  assert_true (llabs (now - g_get_real_time ()) < 60 * G_USEC_PER_SEC);
}

/* sku, name, price and codes of every product, to compare two catalogs. */
static char *
catalog_text (PosStore *store)
{
  sqlite3_stmt *stmt = NULL;
  GString *text = g_string_new (NULL);

  sqlite3_prepare_v2 (pos_store_db (store),
                      "SELECT p.sku, p.name, p.unit, p.price, p.cost, p.tax_rate_id, p.category_id, "
                      "p.supplier_id, p.reorder_level, (SELECT group_concat (code) FROM barcode b "
                      "WHERE b.product_id = p.id) FROM product p ORDER BY p.sku",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 10; i++)
      g_string_append_printf (text, "%s%c", (const char *)sqlite3_column_text (stmt, i), i == 9 ? '\n' : '|');
  sqlite3_finalize (stmt);
  return g_string_free (text, FALSE);
}

static char *
catalog_for_seed (guint64 seed)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  PosDemoOptions options = { .days = 1, .seed = seed };
  g_autoptr (GError) error = NULL;

  if (!pos_demo_populate (t->store, &options, &error))
    fail_msg ("cannot make the demo shop: %s", error->message);
  return catalog_text (t->store);
}

static void
test_same_seed_makes_the_same_catalog (void **state)
{
  g_autofree char *a = catalog_for_seed (5);
  g_autofree char *b = catalog_for_seed (5);
  g_autofree char *c = catalog_for_seed (6);

  assert_true (strlen (a) > 50000);
  assert_string_equal (a, b);
  assert_string_not_equal (a, c);
}

/* A benchmark store: rows written in bulk must add up like checkout's. */
static void
test_bulk_store_is_shaped_like_real_sales (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  PosDemoOptions options = { .products = 3000, .days = 10, .sale_lines = 20000, .seed = 3 };
  g_autoptr (GError) error = NULL;
  PosStore *store = t->store;

  if (!pos_demo_populate (store, &options, &error))
    fail_msg ("cannot make the bulk shop: %s", error->message);
  assert_int_equal (pos_catalog_count (store), 3000);
  assert_int_equal (count (store, "SELECT count(*) FROM barcode"), 3000);
  assert_int_equal (count (store, "SELECT count(*) FROM sale_line"), 20000);
  assert_int_equal (count (store, "SELECT count(*) FROM stock_move WHERE reason = 'sale'"), 20000);
  assert_int_equal (count (store, "SELECT count(*) FROM product_fts"), 3000);
  assert_int_equal (count (store, "SELECT max(till_number) - count(*) FROM sale"), 0);
  /* Every header agrees with its lines, tax rows and payments. */
  assert_int_equal (
      count (store, "SELECT count(*) FROM sale s WHERE subtotal <> (SELECT sum(line_total) "
                    "FROM sale_line l WHERE l.sale_id = s.id) OR tax_total <> (SELECT sum(tax_amount) "
                    "FROM sale_line l WHERE l.sale_id = s.id) OR total <> (SELECT sum(gross) "
                    "FROM sale_tax t WHERE t.sale_id = s.id) OR total + rounding <> (SELECT sum(amount) "
                    "FROM payment p WHERE p.sale_id = s.id) OR tendered - change <> total + rounding"),
      0);
  assert_int_equal (count (store, "SELECT sum(total) FROM sale_day"),
                    count (store, "SELECT sum(total + rounding) FROM sale"));
  assert_true (count (store, "SELECT count(*) FROM loyalty_entry WHERE reason = 'earn'") > 0);
  /* Each open day closed by its Z but the last, which an X report covers whole. */
  assert_int_equal (count (store, "SELECT count(*) FROM z_report"),
                    count (store, "SELECT count(DISTINCT business_day) FROM sale") - 1);
  assert_true (pos_journal_verify (store, NULL, &error));
  pos_assert_no_error (error);
  assert_true (pos_stock_verify (store, NULL, &error));
  pos_assert_no_error (error);
}

static void
test_bulk_catalog_scans_searches_and_sells (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  PosDemoOptions options = { .products = 3000, .days = 2, .sale_lines = 100, .seed = 4 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCart) cart = NULL;
  g_autoptr (PosUser) casey = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *receipt = NULL;
  sqlite3_stmt *stmt = NULL;
  PosTender card = { POS_TENDER_CARD, 0, (char *)"TEST1", 0 };

  if (!pos_demo_populate (t->store, &options, &error))
    fail_msg ("cannot make the bulk shop: %s", error->message);
  cart = pos_cart_new (t->store);
  sqlite3_prepare_v2 (
      pos_store_db (t->store),
      "SELECT code, product_id, EXISTS (SELECT 1 FROM product v WHERE v.parent_id = product_id) "
      "FROM barcode ORDER BY code",
      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *)sqlite3_column_text (stmt, 0);
      if (!pos_gtin_check_digit_valid (code))
        fail_msg ("%s has a wrong check digit", code);
      if (g_str_has_prefix (code, "2"))
        continue;
      if (sqlite3_column_int (stmt, 2)) /* a product sold in sizes: the till asks which */
        {
          assert_false (pos_cart_add_code (cart, code, &error));
          pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
          g_clear_error (&error);
          continue;
        }
      assert_true (pos_cart_add_code (cart, code, &error));
      pos_assert_no_error (error);
      assert_int_equal (pos_cart_line_get_product_id (pos_cart_get_line (cart, 0)),
                        sqlite3_column_int64 (stmt, 1));
      pos_cart_clear (cart);
    }
  sqlite3_finalize (stmt);
  /* One product in ten comes in 3 to 8 sizes, each its own product with its own stock. */
  assert_int_equal (count (t->store, "SELECT count(*) FROM (SELECT count(*) AS n FROM product "
                                     "WHERE parent_id IS NOT NULL GROUP BY parent_id HAVING n < 3 OR n > 8)"),
                    0);
  assert_int_equal (count (t->store, "SELECT count(DISTINCT n) FROM (SELECT count(*) AS n FROM product "
                                     "WHERE parent_id IS NOT NULL GROUP BY parent_id)"),
                    6);
  assert_in_range (count (t->store, "SELECT 1000 * sum(has_variants) / count(*) FROM product "
                                    "WHERE parent_id IS NULL AND sku NOT IN (SELECT sku FROM product "
                                    "JOIN barcode b ON b.product_id = product.id WHERE b.code LIKE '2%')"),
                   95, 100);
  assert_int_equal (count (t->store, "SELECT count(*) FROM stock_level s JOIN product v ON v.parent_id = "
                                     "s.product_id"),
                    0);
  assert_int_equal (count (t->store, "SELECT count(*) FROM sale_line l JOIN product v ON v.parent_id = "
                                     "l.product_id"),
                    0);
  /* Names are searchable as soon as the store is made. */
  assert_true (pos_catalog_search_ids (t->store, "mil", 50, ids, &error));
  assert_true (ids->len > 0);

  /* A real sale after the bulk ones takes the next receipt number. */
  casey = pos_users_lookup (t->store, "casey", &error);
  assert_true (pos_cart_add_code (cart, "B0000500", &error));
  card.amount = pos_cart_get_total (cart);
  sale = pos_checkout_commit (t->store, cart, casey, &card, 1, &error);
  pos_assert_no_error (error);
  receipt = g_strdup_printf ("T1-%" G_GINT64_FORMAT, count (t->store, "SELECT count(*) FROM sale"));
  assert_string_equal (sale->receipt_no, receipt);
}

static void
test_refuses_a_store_that_is_not_empty (void **state)
{
  g_autoptr (GError) error = NULL;
  gint64 products = pos_catalog_count (shop->store);
  gint64 events = count (shop->store, "SELECT count(*) FROM journal");

  assert_false (pos_demo_populate (shop->store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (pos_catalog_count (shop->store), products);
  assert_int_equal (count (shop->store, "SELECT count(*) FROM journal"), events);
}

static void
test_refuses_options_out_of_range (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  PosDemoOptions too_long = { .days = POS_DEMO_MAX_DAYS + 1 };
  PosDemoOptions negative = { .sale_lines = -1 };
  g_autoptr (GError) error = NULL;

  assert_false (pos_demo_populate (t->store, &too_long, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_demo_populate (t->store, &negative, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (count (t->store, "SELECT count(*) FROM setting WHERE key = 'shop_name'"), 0);
  assert_int_equal (count (t->store, "SELECT count(*) FROM user"), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_shop_has_settings_users_and_three_tax_rates),
    cmocka_unit_test (test_shop_writes_money_and_receipts_the_german_way),
    cmocka_unit_test (test_catalog_is_a_believable_corner_shop),
    cmocka_unit_test (test_every_barcode_is_valid_and_scans_to_its_product),
    cmocka_unit_test (test_weighed_item_sells_from_a_scale_label),
    cmocka_unit_test (test_history_spans_the_days_closed_on_sundays),
    cmocka_unit_test (test_history_has_daily_and_hourly_patterns),
    cmocka_unit_test (test_history_has_every_kind_of_tender_and_refunds),
    cmocka_unit_test (test_journal_and_stock_verify),
    cmocka_unit_test (test_every_day_has_closed_shifts_and_a_z_report),
    cmocka_unit_test (test_real_clock_is_back_afterwards),
    cmocka_unit_test (test_same_seed_makes_the_same_catalog),
    cmocka_unit_test (test_refuses_options_out_of_range),
    cmocka_unit_test (test_bulk_store_is_shaped_like_real_sales),
    cmocka_unit_test (test_bulk_catalog_scans_searches_and_sells),
    cmocka_unit_test (test_refuses_a_store_that_is_not_empty),
  };

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, make_shop, free_shop);
}
