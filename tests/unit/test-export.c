/* test-export.c — the catalog and the sales as CSV files. */
#include "pos-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pos-csv.h"
#include "pos-export.h"
#include "pos-import.h"
#include "pos-store-private.h"

static PosStore *
new_store (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  PosStore *store = pos_store_open (path, POS_STORE_OPEN_CREATE, &error);

  pos_assert_no_error (error);
  pos_test_exec (store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES "
                        "('A', 'Standard', 1900), ('B', 'Reduced', 700)");
  return store;
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  pos_assert_no_error (error);
  return text;
}

/* All records of a CSV file, each a GPtrArray of fields. */
static GPtrArray *
read_records (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCsvReader) reader = pos_csv_reader_new_for_path (path, &error);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  GPtrArray *fields = NULL;

  pos_assert_no_error (error);
  while (pos_csv_reader_next (reader, &fields, &error) && fields != NULL)
    g_ptr_array_add (records, fields);
  pos_assert_no_error (error);
  return records;
}

static void
assert_record (GPtrArray *records, guint i, const char *const *expected)
{
  GPtrArray *fields = g_ptr_array_index (records, i);
  guint n = g_strv_length ((char **)expected);

  assert_int_equal (fields->len, n);
  for (guint j = 0; j < n; j++)
    if (g_strcmp0 (g_ptr_array_index (fields, j), expected[j]) != 0)
      fail_msg ("record %u field %u: “%s”, expected “%s”", i, j, (char *)g_ptr_array_index (fields, j),
                expected[j]);
}

static gboolean
only_file_in (const char *dir, const char *name)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (d)) != NULL)
    if (strcmp (entry, name) != 0)
      return FALSE;
  return TRUE;
}

static void
test_products_export_round_trips_through_import (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *source = g_build_filename (g_getenv ("POS_SOURCE_DIR"), "tests", "data", "import",
                                              "products-native.csv", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *first = g_build_filename (out_dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosImportReport) again = NULL;
  PosStore *a = new_store (dir, "a.db");
  PosStore *b = new_store (dir, "b.db");

  report = pos_import_products (a, source, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  g_mkdir (out_dir, 0700);
  assert_true (pos_export_products (a, first, &error));
  pos_assert_no_error (error);
  assert_true (only_file_in (out_dir, "first.csv"));

  records = read_records (first);
  assert_int_equal (records->len, 5);
  assert_record (records, 0,
                 (const char *const[]){ "sku", "name", "barcode", "price", "cost", "unit", "tax", "category",
                                        "supplier", "supplier_local", "reorder_level", "active", "stock",
                                        NULL });
  assert_record (records, 1,
                 (const char *const[]){ "APL-1", "Apples, Braeburn", "", "2.49", "1.10", "kg", "A", "Fruit",
                                        "Hof Meier, Bio", "1", "5", "1", "12.5", NULL });
  assert_record (records, 3,
                 (const char *const[]){ "MLK-1", "Milk \"fresh\" 1 l", "4006381333931|5012345678900", "1.19",
                                        "0.80", "each", "A", "Dairy", "Molkerei Nord", "1", "10", "1", "24",
                                        NULL });

  again = pos_import_products (b, first, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (again->added, 4);
  assert_true (pos_export_products (b, second, &error));
  first_text = read_text (first);
  second_text = read_text (second);
  assert_string_equal (second_text, first_text);

  pos_store_close (a);
  pos_store_close (b);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_export_replaces_an_older_file_whole (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  PosStore *store = new_store (dir, "store.db");

  g_file_set_contents (path, "old,content\nthat,is\nlonger,than,the,new,one\n", -1, &error);
  assert_true (pos_export_products (store, path, &error));
  pos_assert_no_error (error);
  text = read_text (path);
  assert_string_equal (text, "sku,name,barcode,price,cost,unit,tax,category,supplier,supplier_local,"
                             "reorder_level,active,stock\r\n");
  pos_store_close (store);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_export_into_a_missing_folder_fails_cleanly (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "no", "such", "products.csv", NULL);
  g_autoptr (GError) error = NULL;
  PosStore *store = new_store (dir, "store.db");

  assert_false (pos_export_products (store, path, &error));
  assert_non_null (error);
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  pos_store_close (store);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* Three sales on two days and a refund, written as checkout would. */
static void
insert_sales (PosStore *store)
{
  pos_test_exec (
      store,
      "INSERT INTO user (id, name, role, pin_hash) VALUES (1, 'carla', 'cashier', 'x'), (2, 'sam', 'owner', "
      "'x');"
      "INSERT INTO sale (id, receipt_no, till_id, till_number, user_id, created_at, business_day, subtotal, "
      "  tax_total, total, tendered) VALUES "
      " (1, 'T1-1', 'T1', 1, 1, '2026-11-27T17:59:00.000Z', '2026-11-27', 500, 80, 500, 500),"
      " (2, 'T1-2', 'T1', 2, 1, '2026-11-28T09:15:02.120Z', '2026-11-28', 1209, 137, 1209, 2000),"
      " (3, 'T1-3', 'T1', 3, 2, '2026-11-28T10:00:00.000Z', '2026-11-28', 380, 25, 380, 380);"
      "INSERT INTO sale (id, receipt_no, till_id, till_number, kind, refund_of, user_id, created_at, "
      "  business_day, subtotal, tax_total, total, tendered) VALUES "
      " (4, 'T1-4', 'T1', 4, 'refund', 2, 2, '2026-11-29T08:00:00.000Z', '2026-11-29', -373, -60, -373, "
      "-373);"
      "INSERT INTO sale_line (sale_id, line_no, sku, name, unit, qty, unit_price, catalog_version, tax_code, "
      "  tax_rate_bp, discount, line_total, tax_amount) VALUES "
      " (1, 1, 'X', 'Yesterday', 'each', 1000, 500, 1, 'A', 1900, 0, 500, 80),"
      " (2, 1, 'APL-1', 'Apples, Braeburn', 'kg', 1500, 249, 1, 'A', 1900, 0, 373, 60),"
      " (2, 2, 'MLK-1', 'Milk \"fresh\" 1 l', 'each', 8000, 119, 3, 'A', 1900, 116, 836, 133),"
      " (3, 1, 'BRD-2', 'Sourdough bread', 'each', 1000, 380, 1, 'B', 700, 0, 380, 25),"
      " (4, 1, 'APL-1', 'Apples, Braeburn', 'kg', -1500, 249, 1, 'A', 1900, 0, -373, -60);");
}

static void
test_sales_export_has_one_row_per_line_of_the_days_asked (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *path = g_build_filename (t->dir, "sales.csv", NULL);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  insert_sales (t->store);
  assert_true (pos_export_sales (t->store, path, "2026-11-28", "2026-11-29", &error));
  pos_assert_no_error (error);
  records = read_records (path);
  assert_int_equal (records->len, 5);
  assert_record (records, 0,
                 (const char *const[]){ "receipt", "date", "time", "cashier", "line", "sku", "name", "qty",
                                        "unit", "unit_price", "discount", "total", "tax_code", "tax_rate",
                                        "tax", NULL });
  assert_record (records, 1,
                 (const char *const[]){ "T1-2", "2026-11-28", "2026-11-28T09:15:02.120Z", "carla", "1",
                                        "APL-1", "Apples, Braeburn", "1.5", "kg", "2.49", "0.00", "3.73", "A",
                                        "19.00", "0.60", NULL });
  assert_record (records, 2,
                 (const char *const[]){ "T1-2", "2026-11-28", "2026-11-28T09:15:02.120Z", "carla", "2",
                                        "MLK-1", "Milk \"fresh\" 1 l", "8", "each", "1.19", "1.16", "8.36",
                                        "A", "19.00", "1.33", NULL });
  assert_record (records, 3,
                 (const char *const[]){ "T1-3", "2026-11-28", "2026-11-28T10:00:00.000Z", "sam", "1", "BRD-2",
                                        "Sourdough bread", "1", "each", "3.80", "0.00", "3.80", "B", "7.00",
                                        "0.25", NULL });
  assert_record (records, 4,
                 (const char *const[]){ "T1-4", "2026-11-29", "2026-11-29T08:00:00.000Z", "sam", "1", "APL-1",
                                        "Apples, Braeburn", "-1.5", "kg", "2.49", "0.00", "-3.73", "A",
                                        "19.00", "-0.60", NULL });
}

/* For a German shop's spreadsheet: ';', decimal commas, dates and times as
 * Germany writes them, UTF-8 with a byte order mark; and it imports back. */
static void
test_spreadsheet_export_is_in_the_shop_locale_and_imports_back (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *source = g_build_filename (g_getenv ("POS_SOURCE_DIR"), "tests", "data", "import",
                                              "products-native.csv", NULL);
  g_autofree char *sales = g_build_filename (t->dir, "sales.csv", NULL);
  g_autofree char *products = g_build_filename (t->dir, "products.csv", NULL);
  g_autofree char *sales_text = NULL;
  g_autofree char *products_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  g_autoptr (PosImportReport) again = NULL;
  g_autofree char *dir = pos_test_tmpdir_new ();
  PosStore *copy = new_store (dir, "copy.db");

  pos_test_exec (t->store, "INSERT INTO tax_rate (code, name, rate_bp) VALUES "
                           "('A', 'Standard', 1900), ('B', 'Reduced', 700)");
  assert_true (pos_store_set_setting (t->store, "locale", "de_DE", &error));
  insert_sales (t->store);
  assert_true (
      pos_export_sales_as (t->store, sales, "2026-11-28", "2026-11-28", POS_EXPORT_SPREADSHEET, &error));
  pos_assert_no_error (error);
  sales_text = read_text (sales);
  assert_true (g_str_has_prefix (sales_text, "\xEF\xBB\xBF"
                                             "receipt;date;time;cashier;line;sku;name;qty;unit;unit_price;"
                                             "discount;total;tax_code;tax_rate;tax\r\n"));
  assert_non_null (strstr (sales_text,
                           "T1-2;28.11.2026;10:15;carla;1;APL-1;Apples, Braeburn;1,5;kg;2,49;0,00;"
                           "3,73;A;19,00;0,60\r\n"));

  report = pos_import_products (t->store, source, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_true (pos_export_products_as (t->store, products, POS_EXPORT_SPREADSHEET, &error));
  products_text = read_text (products);
  assert_non_null (strstr (products_text, "APL-1;Apples, Braeburn;;2,49;1,10;kg;A;Fruit;"));
  again = pos_import_products (copy, products, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (again->added, 4);
  assert_int_equal (pos_test_query_int (copy, "SELECT price FROM product WHERE sku = 'APL-1'"), 249);
  assert_int_equal (pos_test_query_int (copy, "SELECT reorder_level FROM product WHERE sku = 'APL-1'"), 5000);
  pos_store_close (copy);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_sales_export_of_a_day_without_sales_has_only_the_header (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *path = g_build_filename (t->dir, "sales.csv", NULL);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  insert_sales (t->store);
  assert_true (pos_export_sales (t->store, path, "2026-12-01", "2026-12-31", &error));
  records = read_records (path);
  assert_int_equal (records->len, 1);
}

/* Without --from or --to the export is open at that end. */
static void
test_sales_export_without_days_has_every_sale (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *path = g_build_filename (t->dir, "sales.csv", NULL);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) until = NULL;
  g_autoptr (GPtrArray) since = NULL;
  g_autoptr (GError) error = NULL;

  insert_sales (t->store);
  assert_true (pos_export_sales (t->store, path, NULL, NULL, &error));
  pos_assert_no_error (error);
  all = read_records (path);
  assert_int_equal (all->len, 6);
  assert_true (pos_export_sales (t->store, path, NULL, "2026-11-27", &error));
  until = read_records (path);
  assert_int_equal (until->len, 2);
  assert_true (pos_export_sales (t->store, path, "2026-11-29", NULL, &error));
  since = read_records (path);
  assert_int_equal (since->len, 2);
}

static void
test_sales_export_refuses_bad_days (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *path = g_build_filename (t->dir, "sales.csv", NULL);
  static const char *const bad[][2] = {
    { "2026-11-31", "2026-12-01" }, { "28.11.2026", "2026-12-01" }, { "2026-1-01", "2026-12-01" },
    { "2026-12-02", "2026-12-01" }, { "", "2026-12-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      assert_false (pos_export_sales (t->store, path, bad[i][0], bad[i][1], &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* The sales export streams in index order: a year of lines is never sorted
 * (SQLite would gather them in a temporary b-tree first). */
static void
test_sales_export_streams_without_sorting (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *path = g_build_filename (t->dir, "sales.csv", NULL);
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  insert_sales (t->store);
  assert_true (pos_export_sales (t->store, path, "2026-11-01", "2026-11-30", &error));
  while ((stmt = sqlite3_next_stmt (pos_store_db (t->store), stmt)) != NULL)
    if (strstr (sqlite3_sql (stmt), "FROM sale s JOIN sale_line l") != NULL)
      {
        found = TRUE;
        assert_int_equal (sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_SORT, 0), 0);
        assert_true (sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_RUN, 0) >= 1);
      }
  assert_true (found);
}

/* Text a spreadsheet would run as a formula gets a leading quote; numbers,
 * negative ones included, are left as numbers. The file is private. */
static void
test_export_neutralises_formulas_and_is_private (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *source = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "products.csv", NULL);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosImportReport) report = NULL;
  PosStore *store = new_store (dir, "store.db");
  GStatBuf st;

  g_file_set_contents (source,
                       "sku,name,barcode,price,cost,unit,tax,category,supplier,supplier_local,"
                       "reorder_level,active,stock\n"
                       "+1,\"=HYPERLINK(\"\"http://x\"\")\",,1.00,,each,A,@cat,-sup,1,,1,-2\n",
                       -1, &error);
  report = pos_import_products (store, source, POS_IMPORT_NATIVE, FALSE, FALSE, &error);
  pos_assert_no_error (error);
  umask (022);
  assert_true (pos_export_products (store, path, &error));
  pos_assert_no_error (error);

  records = read_records (path);
  assert_int_equal (records->len, 2);
  assert_record (records, 1,
                 (const char *const[]){ "'+1", "'=HYPERLINK(\"http://x\")", "", "1.00", "", "each", "A",
                                        "'@cat", "'-sup", "1", "", "1", "-2", NULL });
  assert_int_equal (g_stat (path, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);
  pos_store_close (store);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_products_export_round_trips_through_import),
    cmocka_unit_test (test_export_replaces_an_older_file_whole),
    cmocka_unit_test (test_export_into_a_missing_folder_fails_cleanly),
    cmocka_unit_test (test_sales_export_has_one_row_per_line_of_the_days_asked),
    cmocka_unit_test (test_sales_export_of_a_day_without_sales_has_only_the_header),
    cmocka_unit_test (test_spreadsheet_export_is_in_the_shop_locale_and_imports_back),
    cmocka_unit_test (test_sales_export_without_days_has_every_sale),
    cmocka_unit_test (test_sales_export_refuses_bad_days),
    cmocka_unit_test (test_sales_export_streams_without_sorting),
    cmocka_unit_test (test_export_neutralises_formulas_and_is_private),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
