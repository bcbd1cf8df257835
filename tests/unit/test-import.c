/* test-import.c — importing products and customers from our CSV files and
 * Open Source POS's, and refusing bad rows with their line numbers. */
#include "pos-test-shop.h"

#include <string.h>

#include "pos-barcode.h"
#include "pos-catalog.h"
#include "pos-customer.h"
#include "pos-import.h"
#include "pos-loyalty.h"
#include "pos-stock.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* ---- helpers ------------------------------------------------------------- */

typedef PosTestStaff Shop;

/* The staff and the two tax rates the import files name. */
static int
shop_setup (void **state)
{
  Shop *shop = pos_test_staff_new ();

  pos_test_exec (shop->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES "
                              "('A', 'Standard', 1900), ('B', 'Reduced', 700)");
  *state = shop;
  return 0;
}

static char *
data_path (const char *name)
{
  const char *source = g_getenv ("POS_SOURCE_DIR");

  if (source == NULL)
    fail_msg ("POS_SOURCE_DIR is not set");
  return g_build_filename (source, "tests", "data", "import", name, NULL);
}

/* Writes @text to a file in the store's folder and returns its path. */
static char *
write_csv (Shop *shop, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (shop->t->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  pos_assert_no_error (error);
  return path;
}

static PosProduct *
product (Shop *shop, const char *key)
{
  g_autoptr (GError) error = NULL;
  PosProduct *p = pos_catalog_lookup (shop->store, key, &error);

  pos_assert_no_error (error);
  return p;
}

static gint64
count (Shop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

/* What a refused import leaves: nothing at all. */
static void
assert_nothing_written (Shop *shop)
{
  assert_int_equal (count (shop, "SELECT count(*) FROM product"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM barcode"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM category"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM supplier"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM customer"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type NOT IN ('user.added', 'till.key')"),
                    0);
  assert_false (pos_store_in_transaction (shop->store));
}

/* ---- products: happy paths ----------------------------------------------- */

static void
test_native_products_with_bom_crlf_quotes_and_newlines (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("products-native.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosProduct) apples = NULL;
  g_autoptr (PosProduct) milk = NULL;
  g_autoptr (PosProduct) milk2 = NULL;
  g_autoptr (PosProduct) bread = NULL;
  g_autoptr (PosProduct) tea = NULL;

  report = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->rows, 4);
  assert_int_equal (report->added, 4);
  assert_int_equal (report->updated, 0);
  assert_int_equal (report->skipped, 0);
  assert_int_equal (report->row_errors->len, 0);

  apples = product (shop, "APL-1");
  assert_string_equal (apples->name, "Apples, Braeburn");
  assert_string_equal (apples->unit, "kg");
  assert_int_equal (apples->price, 249);
  assert_int_equal (apples->cost, 110);
  assert_string_equal (apples->tax_code, "A");
  assert_int_equal (apples->reorder_level, 5000);
  assert_true (apples->active);
  assert_int_equal (pos_stock_level (shop->store, apples->id), 12500);
  assert_int_equal (count (shop, "SELECT is_local FROM supplier WHERE name = 'Hof Meier, Bio'"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM product p JOIN category c ON c.id = p.category_id "
                                 "WHERE p.sku = 'APL-1' AND c.name = 'Fruit'"),
                    1);

  milk = product (shop, "4006381333931");
  milk2 = product (shop, "5012345678900");
  assert_string_equal (milk->sku, "MLK-1");
  assert_int_equal (milk2->id, milk->id);
  assert_string_equal (milk->name, "Milk \"fresh\" 1 l");
  assert_int_equal (pos_stock_level (shop->store, milk->id), 24000);

  bread = product (shop, "BRD-2");
  assert_int_equal (bread->cost, -1);
  assert_int_equal (bread->reorder_level, -1);
  assert_string_equal (bread->tax_code, "B");
  assert_int_equal (bread->category_id != 0, TRUE);
  assert_int_equal (bread->supplier_id, 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move m JOIN product p ON p.id = m.product_id "
                                 "WHERE p.sku = 'BRD-2'"),
                    0);

  tea = product (shop, "TEA-9");
  assert_string_equal (tea->name, "Green tea\r\n(loose, 100 g)");
  assert_false (tea->active);
  assert_int_equal (count (shop, "SELECT is_local FROM supplier WHERE name = 'Tea Traders Ltd'"), 0);

  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move WHERE reason = 'receive' "
                                 "AND reference = 'import products-native.csv'"),
                    2);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'product.saved'"), 4);
  assert_true (pos_stock_verify (shop->store, NULL, &error));
}

static void
test_ospos_items_map_barcodes_taxes_and_locations (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("items-ospos.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosProduct) chocolate = NULL;
  g_autoptr (PosProduct) book = NULL;
  g_autoptr (PosProduct) wrap = NULL;
  g_autoptr (PosProduct) wine = NULL;

  report = pos_import_products (shop->store, path, POS_IMPORT_OSPOS, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->rows, 4);
  assert_int_equal (report->added, 4);

  chocolate = product (shop, "7612345678900");
  assert_string_equal (chocolate->sku, "7612345678900");
  assert_string_equal (chocolate->name, "Chocolate, dark 70%");
  assert_int_equal (chocolate->price, 295);
  assert_int_equal (chocolate->cost, 120);
  assert_string_equal (chocolate->tax_code, "A"); /* 19 % is the shop's rate A */
  assert_int_equal (chocolate->reorder_level, 5000);
  assert_string_equal (chocolate->unit, "each");
  assert_int_equal (pos_stock_level (shop->store, chocolate->id), 40000); /* 10 + 30 */

  book = product (shop, "9780306406157");
  assert_string_equal (book->tax_code, "B");
  assert_int_equal (pos_stock_level (shop->store, book->id), 2000);

  wrap = product (shop, "12"); /* no barcode: the OSPOS id is the SKU */
  assert_string_equal (wrap->name, "Gift wrap");
  assert_int_equal (wrap->price, 50);
  assert_int_equal (count (shop, "SELECT count(*) FROM barcode b JOIN product p ON p.id = b.product_id "
                                 "WHERE p.sku = '12'"),
                    0);

  wine = product (shop, "5000000000012");
  assert_string_equal (wine->tax_code, "C"); /* 8.25 % + 1.5 % is new */
  assert_int_equal (wine->tax_rate_bp, 975);
  assert_int_equal (count (shop, "SELECT count(*) FROM tax_rate WHERE code = 'C' "
                                 "AND name = 'Sales Tax + City Tax'"),
                    1);
  assert_int_equal (pos_stock_level (shop->store, wine->id), 6000);
  assert_int_equal (count (shop, "SELECT count(*) FROM category"), 4);
}

static void
test_existing_sku_is_updated_and_its_version_bumped (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("products-native.csv");
  g_autofree char *update = write_csv (shop, "prices.csv", "SKU,Price\nMLK-1,1.29\nAPL-1,2.49\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) first = NULL;
  g_autoptr (PosImportReport) second = NULL;
  g_autoptr (PosProduct) milk = NULL;
  g_autoptr (PosProduct) apples = NULL;

  first = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  second = pos_import_products (shop->store, update, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (second->rows, 2);
  assert_int_equal (second->added, 0);
  assert_int_equal (second->updated, 1); /* the apples' price is unchanged */

  milk = product (shop, "MLK-1");
  assert_int_equal (milk->price, 129);
  assert_int_equal (milk->version, 2);
  assert_string_equal (milk->name, "Milk \"fresh\" 1 l"); /* not in the file: kept */
  assert_int_equal (pos_stock_level (shop->store, milk->id), 24000);
  apples = product (shop, "APL-1");
  assert_int_equal (apples->version, 1);
}

static void
test_importing_the_same_file_again_changes_nothing (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("products-native.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) first = NULL;
  g_autoptr (PosImportReport) again = NULL;
  gint64 events;

  first = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  events = count (shop, "SELECT count(*) FROM journal");
  again = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (again->rows, 4);
  assert_int_equal (again->added, 0);
  assert_int_equal (again->updated, 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal"), events);
  assert_int_equal (count (shop, "SELECT max(version) FROM product"), 1);
  /* opening stock is for new products only */
  assert_int_equal (count (shop, "SELECT count(*) FROM stock_move"), 2);
}

/* ---- products: bad input ------------------------------------------------- */

typedef struct
{
  const char *csv;
  const char *expected; /* in the error message */
} BadCase;

static void
test_each_bad_row_is_refused_with_its_line_and_nothing_written (void **state)
{
  Shop *shop = *state;
  static const BadCase cases[] = {
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,Bad,-3,A\n", "line 3: price “-3” cannot be negative" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,Bad,1.2.3,A\n", "line 3: price “1.2.3” is not an amount" },
    { "sku,name,price,tax,barcode\nA1,Good,1.00,A,\nA2,Bad,1,A,4006381333932\n",
      "line 3: barcode “4006381333932”: " },
    { "sku,name,price,tax,unit\nA1,Good,1.00,A,kg\nA2,Bad,1,A,box\n", "line 3: unit “box” must be" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,,1,A\n", "line 3: the name of new product A2 is missing" },
    { "sku,name,price,tax\nA1,Good,1.00,A\n,Nameless,1,A\n", "line 3: the SKU is missing" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,No price,,A\n",
      "line 3: the price of new product A2 is missing" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA1,Again,2,A\n", "line 3: SKU “A1” already appears on line 2" },
    { "sku,name,price,tax,barcode\nA1,Good,1.00,A,4006381333931\nA2,Twin,2,A,4006381333931\n",
      "line 3: barcode “4006381333931” already appears on line 2" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,Taxless,2,Z\n", "line 3: unknown tax code “Z”" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,Taxless,2,\n", "line 3: the tax code of new product A2" },
    { "sku,name,price,tax,active\nA1,Good,1.00,A,1\nA2,Maybe,2,A,perhaps\n",
      "line 3: active “perhaps” must be 0 or 1" },
    { "sku,name,price,tax,reorder_level\nA1,Good,1.00,A,1\nA2,Bad,2,A,-1\n",
      "line 3: reorder level “-1” cannot be negative" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,\"Broken,2,A\n", "line 3" },
    { "sku,name,price,tax\nA1,Good,1.00,A\nA2,Bro\"ken,2,A\n", "line 3" },
    { "code,name,price\nA1,Good,1.00\n", "line 1: the header has no “sku” column" },
    { "", "line 1: the file is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_csv (shop, "bad.csv", cases[i].csv);
      g_autoptr (GError) error = NULL;
      g_autoptr (PosImportReport) report
          = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);

      assert_null (report);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      if (strstr (error->message, cases[i].expected) == NULL)
        fail_msg ("case %u: expected “%s” in “%s”", i, cases[i].expected, error->message);
      assert_nothing_written (shop);
    }
}

static void
test_ospos_bad_rows_name_their_lines (void **state)
{
  Shop *shop = *state;
  static const BadCase cases[] = {
    { "Barcode,Item Name,Unit Price,Tax 1 Percent\n4006381333931,Good,1,19\n,No id,1,19\n",
      "line 3: the item has neither a Barcode nor an Id" },
    { "Barcode,Item Name,Unit Price,Tax 1 Percent\n4006381333931,Good,1,19\n5012345678900,Bad tax,1,7.125\n",
      "line 3: Tax 1 Percent “7.125” is not a percent" },
    { "Barcode,Item Name,Unit Price,Tax 1 Percent\n4006381333931,Good,1,19\n5012345678900,Bad,-1,19\n",
      "line 3: Unit Price “-1” cannot be negative" },
    { "Barcode,Name,Price\n4006381333931,Good,1\n", "line 1: the header has no “Item Name”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_csv (shop, "bad.csv", cases[i].csv);
      g_autoptr (GError) error = NULL;
      g_autoptr (PosImportReport) report
          = pos_import_products (shop->store, path, POS_IMPORT_OSPOS, FALSE, FALSE, &error);

      assert_null (report);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      if (strstr (error->message, cases[i].expected) == NULL)
        fail_msg ("case %u: expected “%s” in “%s”", i, cases[i].expected, error->message);
      assert_nothing_written (shop);
      assert_int_equal (count (shop, "SELECT count(*) FROM tax_rate"), 2);
    }
}

static void
test_barcode_of_another_product_is_refused (void **state)
{
  Shop *shop = *state;
  g_autofree char *first
      = write_csv (shop, "first.csv", "sku,name,price,tax,barcode\nA1,One,1,A,4006381333931\n");
  g_autofree char *thief
      = write_csv (shop, "thief.csv", "sku,name,price,tax,barcode\nB1,Two,1,A,4006381333931\n");
  g_autofree char *second = write_csv (shop, "second.csv",
                                       "sku,name,price,tax,barcode\nA1,One,1,A,4006381333931\n"
                                       "B1,Two,1,A,4006381333931\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;

  report = pos_import_products (shop->store, first, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  g_clear_pointer (&report, pos_import_report_free);
  report = pos_import_products (shop->store, thief, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  assert_null (report);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "line 2: barcode 4006381333931 already belongs to product A1"));
  assert_int_equal (count (shop, "SELECT count(*) FROM product"), 1);
  g_clear_error (&error);

  /* the product that has the code may list it again; a second row may not */
  report = pos_import_products (shop->store, first, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->updated, 0);
  g_clear_pointer (&report, pos_import_report_free);
  report = pos_import_products (shop->store, second, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  assert_null (report);
  assert_non_null (strstr (error->message, "line 3: barcode “4006381333931” already appears on line 2"));
}

static void
test_many_bad_rows_are_summed_up_in_one_message (void **state)
{
  Shop *shop = *state;
  g_autoptr (GString) csv = g_string_new ("sku,name,price,tax\n");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (csv, "S%u,Item,-%u,A\n", i, i + 1);
  path = write_csv (shop, "many.csv", csv->str);
  report = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  assert_null (report);
  assert_non_null (strstr (error->message, "8 of 8 rows"));
  assert_non_null (strstr (error->message, "line 2: price “-1”"));
  assert_non_null (strstr (error->message, "and 3 more"));
}

static void
test_skip_invalid_writes_the_valid_rows_and_lists_the_others (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = write_csv (shop, "mixed.csv",
                                     "sku,name,price,tax,category,barcode\n"
                                     "A1,Good,1.00,A,Fruit,\n"
                                     "A2,Bad,-3,A,Ghost category,\n"
                                     "A3,Also good,2.50,B,Fruit,5012345678900\n"
                                     "A4,Bad barcode,1,A,Ghost category,5012345678901\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;

  report = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, TRUE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->rows, 4);
  assert_int_equal (report->added, 2);
  assert_int_equal (report->skipped, 2);
  assert_int_equal (report->row_errors->len, 2);
  assert_string_equal (g_ptr_array_index (report->row_errors, 0), "line 3: price “-3” cannot be negative");
  assert_non_null (strstr (g_ptr_array_index (report->row_errors, 1), "line 5: barcode “5012345678901”"));
  assert_int_equal (count (shop, "SELECT count(*) FROM product"), 2);
  /* an invalid row leaves nothing behind, not even its new category */
  assert_int_equal (count (shop, "SELECT count(*) FROM category"), 1);
}

/* A name over the catalog's limit is a problem of its row, listed like
 * any other, not a failure that ends the import. */
static void
test_too_long_name_is_a_row_problem (void **state)
{
  Shop *shop = *state;
  g_autofree char *name = g_strnfill (POS_PRODUCT_NAME_MAX + 1, 'x');
  g_autofree char *csv = g_strdup_printf ("sku,name,price,tax\nA1,Good,1.00,A\nA2,%s,2,A\n", name);
  g_autofree char *path = write_csv (shop, "long.csv", csv);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;

  report = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, TRUE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, 1);
  assert_int_equal (report->row_errors->len, 1);
  assert_non_null (strstr (g_ptr_array_index (report->row_errors, 0), "line 3: name: 121 characters"));
  assert_int_equal (count (shop, "SELECT count(*) FROM product"), 1);
}

static void
test_dry_run_counts_and_reports_without_writing (void **state)
{
  Shop *shop = *state;
  g_autofree char *good = data_path ("products-native.csv");
  g_autofree char *bad = write_csv (shop, "bad.csv", "sku,name,price,tax\nA1,Good,1.00,A\nA2,Bad,-3,A\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;

  report = pos_import_products (shop->store, good, POS_IMPORT_NATIVE, TRUE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, 4);
  assert_int_equal (report->row_errors->len, 0);
  assert_nothing_written (shop);
  g_clear_pointer (&report, pos_import_report_free);

  report = pos_import_products (shop->store, bad, POS_IMPORT_NATIVE, TRUE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->rows, 2);
  assert_int_equal (report->added, 1);
  assert_int_equal (report->skipped, 1);
  assert_string_equal (g_ptr_array_index (report->row_errors, 0), "line 3: price “-3” cannot be negative");
  assert_nothing_written (shop);
}

static void
test_missing_file_is_not_found (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = g_build_filename (shop->t->dir, "nowhere.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report
      = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);

  assert_null (report);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_format_names_parse (void **state)
{
  PosImportFormat format = POS_IMPORT_NATIVE;

  assert_true (pos_import_format_parse ("ospos", &format));
  assert_int_equal (format, POS_IMPORT_OSPOS);
  assert_true (pos_import_format_parse ("Native", &format));
  assert_int_equal (format, POS_IMPORT_NATIVE);
  assert_false (pos_import_format_parse ("excel", &format));
  assert_false (pos_import_format_parse (NULL, &format));
}

/* A big catalog goes in as one transaction in reasonable time. Kept to
 * 25,000 rows so the sanitizer build does not crowd the timing-sensitive
 * tests that run beside it; 100,000 take a few seconds in a release build. */
static void
test_a_big_catalog_imports_every_row (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = g_build_filename (shop->t->dir, "big.csv", NULL);
  g_autoptr (GString) csv = g_string_new ("sku,name,barcode,price,tax,category,stock\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  const guint n = 25000;

  for (guint i = 0; i < n; i++)
    {
      char digits[13];

      g_snprintf (digits, sizeof digits, "40%010u", i);
      g_string_append_printf (csv, "SKU%06u,Product %u,%s%c,%u.%02u,A,Category %u,%u\n", i, i, digits,
                              pos_gtin_check_digit (digits), i % 100, i % 100, i % 50, i % 7);
    }
  g_file_set_contents (path, csv->str, (gssize)csv->len, &error);
  pos_assert_no_error (error);

  /* Speed is the benchmark's business (`bench`); this checks that a big
   * file arrives whole: every row, barcode and category. */
  report = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, n);
  assert_int_equal (count (shop, "SELECT count(*) FROM product"), n);
  assert_int_equal (count (shop, "SELECT count(*) FROM barcode"), n);
  assert_int_equal (count (shop, "SELECT count(*) FROM category"), 50);
}

/* ---- customers ------------------------------------------------------------ */

static void
test_native_customers_with_opening_points (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("customers-native.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosCustomer) anna = NULL;
  g_autoptr (PosCustomer) carla = NULL;
  g_autoptr (PosCustomer) ben = NULL;

  report = pos_import_customers (shop->store, shop->boss, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->rows, 3);
  assert_int_equal (report->added, 3);

  anna = pos_customer_find (shop->store, "C-1001", &error);
  pos_assert_no_error (error);
  assert_string_equal (anna->name, "Müller, Anna");
  assert_string_equal (anna->phone, "+491701234567");
  assert_string_equal (anna->email, "anna@example.org");
  assert_true (anna->consent);
  assert_int_equal (pos_loyalty_balance (shop->store, anna->id), 120);

  ben = pos_customer_find (shop->store, "C-1002", &error);
  pos_assert_no_error (error);
  assert_false (ben->consent);
  assert_int_equal (pos_loyalty_balance (shop->store, ben->id), 0);

  carla = pos_customer_find (shop->store, "0171 5550199", &error);
  pos_assert_no_error (error);
  assert_null (carla->card_code);
  assert_int_equal (pos_loyalty_balance (shop->store, carla->id), 15);
  assert_int_equal (count (shop, "SELECT count(*) FROM loyalty_entry WHERE reason = 'adjust'"), 2);
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'customer.saved'"), 3);
}

static void
test_ospos_customers_join_first_and_last_name (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("customers-ospos.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosCustomer) bob = NULL;
  g_autoptr (PosCustomer) jane = NULL;

  report = pos_import_customers (shop->store, shop->boss, path, POS_IMPORT_OSPOS, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, 2);
  bob = pos_customer_find (shop->store, "A-77", &error);
  pos_assert_no_error (error);
  assert_string_equal (bob->name, "Bob Smith");
  assert_string_equal (bob->phone, "5855551111");
  assert_string_equal (bob->email, "bsmith@nowhere.com");
  assert_true (bob->consent);
  jane = pos_customer_find (shop->store, "A-78", &error);
  pos_assert_no_error (error);
  assert_string_equal (jane->name, "Jane O'Neil");
  assert_null (jane->phone);
  assert_false (jane->consent);
}

static void
test_bad_customer_rows_are_refused_with_their_lines (void **state)
{
  Shop *shop = *state;
  static const BadCase cases[] = {
    { "card_code,name,email\nC1,Ann,ann@example.org\nC2,Bo,not-an-email\n", "line 3: “not-an-email” is not" },
    { "card_code,name\nC1,Ann\nC1,Bo\n", "line 3: card code “C1” already appears on line 2" },
    { "card_code,phone\nC1,0171 5550199\nC2,0171-555-0199\n",
      "line 3: phone number “01715550199” already appears on line 2" },
    { "card_code,name,phone\nC1,Ann,\n,Nobody,\n", "line 3: a customer needs a card code or a phone number" },
    { "card_code,phone\nC1,\nC2,12\n", "line 3: phone “12”" },
    { "card_code,points\nC1,5\nC2,-5\n", "line 3: points “-5” must be a whole number" },
    { "card_code,consent\nC1,1\nC2,maybe\n", "line 3: consent “maybe” must be 0 or 1" },
    { "name,email\nAnn,ann@example.org\n", "line 1: the header has neither" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_csv (shop, "bad.csv", cases[i].csv);
      g_autoptr (GError) error = NULL;
      g_autoptr (PosImportReport) report
          = pos_import_customers (shop->store, shop->boss, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);

      if (report != NULL || error == NULL)
        fail_msg ("case %u: not refused", i);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      if (strstr (error->message, cases[i].expected) == NULL)
        fail_msg ("case %u: expected “%s” in “%s”", i, cases[i].expected, error->message);
      assert_nothing_written (shop);
    }
}

static void
test_known_customers_are_skipped_on_a_second_import (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("customers-native.csv");
  g_autofree char *more = write_csv (shop, "more.csv", "card_code,name\nC-1001,Anna again\nC-2000,Dana\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) first = NULL;
  g_autoptr (PosImportReport) refused = NULL;
  g_autoptr (PosImportReport) second = NULL;

  first = pos_import_customers (shop->store, shop->boss, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  refused = pos_import_customers (shop->store, shop->boss, more, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  assert_null (refused);
  assert_non_null (strstr (error->message, "line 2: Card code C-1001 already belongs to another customer"));
  assert_int_equal (count (shop, "SELECT count(*) FROM customer"), 3);
  g_clear_error (&error);

  second = pos_import_customers (shop->store, shop->boss, more, POS_IMPORT_NATIVE, FALSE, TRUE, &error);
  pos_assert_no_error (error);
  assert_int_equal (second->added, 1);
  assert_int_equal (second->skipped, 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM customer"), 4);
}

static void
test_customer_dry_run_writes_nothing (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("customers-native.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;

  report = pos_import_customers (shop->store, shop->boss, path, POS_IMPORT_NATIVE, TRUE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, 3);
  assert_nothing_written (shop);
  assert_int_equal (count (shop, "SELECT count(*) FROM loyalty_entry"), 0);
}

static void
test_cashier_may_not_import_customers (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("customers-native.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report
      = pos_import_customers (shop->store, shop->cashier, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);

  assert_null (report);
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_int_equal (count (shop, "SELECT count(*) FROM customer"), 0);
}

/* ---- spreadsheets from home ------------------------------------------------ */

/* A German Excel "CSV (Trennzeichen-getrennt)": semicolons, Windows-1252,
 * decimal commas and grouped thousands, all detected. */
static void
test_german_excel_file_is_detected_and_imported (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("products-excel-de.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosProduct) bread = NULL;
  g_autoptr (PosProduct) cheese = NULL;
  g_autoptr (PosProduct) wine = NULL;

  report = pos_import_products (shop->store, path, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, 3);
  assert_int_equal (report->row_errors->len, 0);
  bread = product (shop, "BR-1");
  assert_string_equal (bread->name, "Bauernbrot groß");
  assert_int_equal (bread->price, 349);
  assert_int_equal (bread->cost, 120);
  assert_int_equal (bread->reorder_level, 2500);
  cheese = product (shop, "KAE-1");
  assert_string_equal (cheese->name, "Bergkäse „Alm“");
  assert_string_equal (cheese->unit, "kg");
  assert_int_equal (cheese->price, 1990);
  wine = product (shop, "WEIN-1");
  assert_string_equal (wine->name, "Grüner Veltliner – 0,75 l");
  assert_int_equal (wine->price, 123456);
  assert_int_equal (count (shop, "SELECT count(*) FROM category WHERE name = 'Käse'"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM supplier WHERE name = 'Müller & Söhne'"), 1);
  assert_int_equal (count (shop, "SELECT coalesce(sum(qty), 0) FROM stock_move"), 12750);
}

/* The same file with everything said: the options win over detection. */
static void
test_spreadsheet_options_are_given_or_detected (void **state)
{
  Shop *shop = *state;
  g_autofree char *path = data_path ("products-excel-fr.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosProduct) creme = NULL;
  PosImportOptions options = { ';', "WINDOWS-1252", 1 };
  PosImportOptions wrong = { ',', "UTF-8", 0 };

  /* Told it is UTF-8 with commas, the file has no "sku" column. */
  assert_null (pos_import_products_with (shop->store, path, POS_IMPORT_NATIVE, &wrong, FALSE, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_nothing_written (shop);

  report = pos_import_products_with (shop->store, path, POS_IMPORT_NATIVE, &options, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (report->added, 2);
  creme = product (shop, "FR-1");
  assert_string_equal (creme->name, "Crème brûlée");
  assert_int_equal (creme->price, 420);
}

/* A byte Windows-1252 does not have, or a number that is no number: a
 * clear error and nothing written. */
static void
test_malformed_spreadsheet_files_write_nothing (void **state)
{
  Shop *shop = *state;
  g_autofree char *bad_byte = data_path ("products-excel-bad-byte.csv");
  g_autofree char *bad_number = data_path ("products-excel-bad-number.csv");
  g_autoptr (GError) error = NULL;
  PosImportOptions unknown = { 0, "KLINGON-1", -1 };

  assert_null (pos_import_products (shop->store, bad_byte, POS_IMPORT_NATIVE, FALSE, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "WINDOWS-1252"));
  assert_nothing_written (shop);
  g_clear_error (&error);

  assert_null (pos_import_products (shop->store, bad_number, POS_IMPORT_NATIVE, FALSE, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "line 3: price “0,4,5” is not an amount"));
  assert_nothing_written (shop);
  g_clear_error (&error);

  assert_null (
      pos_import_products_with (shop->store, bad_number, POS_IMPORT_NATIVE, &unknown, FALSE, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "Unknown encoding “KLINGON-1”"));
  assert_nothing_written (shop);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_native_products_with_bom_crlf_quotes_and_newlines, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_german_excel_file_is_detected_and_imported, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_spreadsheet_options_are_given_or_detected, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_malformed_spreadsheet_files_write_nothing, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_ospos_items_map_barcodes_taxes_and_locations, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_existing_sku_is_updated_and_its_version_bumped, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_importing_the_same_file_again_changes_nothing, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_each_bad_row_is_refused_with_its_line_and_nothing_written,
                                     shop_setup, pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_ospos_bad_rows_name_their_lines, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_barcode_of_another_product_is_refused, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_many_bad_rows_are_summed_up_in_one_message, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_too_long_name_is_a_row_problem, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_skip_invalid_writes_the_valid_rows_and_lists_the_others, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_dry_run_counts_and_reports_without_writing, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_missing_file_is_not_found, shop_setup, pos_test_staff_teardown),
    cmocka_unit_test (test_format_names_parse),
    cmocka_unit_test_setup_teardown (test_a_big_catalog_imports_every_row, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_native_customers_with_opening_points, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_ospos_customers_join_first_and_last_name, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_bad_customer_rows_are_refused_with_their_lines, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_known_customers_are_skipped_on_a_second_import, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_customer_dry_run_writes_nothing, shop_setup,
                                     pos_test_staff_teardown),
    cmocka_unit_test_setup_teardown (test_cashier_may_not_import_customers, shop_setup,
                                     pos_test_staff_teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
