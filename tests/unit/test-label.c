/* test-label.c — label sheets, unit prices, barcodes and which labels a run
 * prints. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-barcode.h"
#include "pos-label-barcode.h"
#include "pos-label-print.h"
#include "pos-label-render.h"
#include "pos-label-sheet.h"
#include "pos-label-source.h"
#include "pos-label-unit-price.h"
#include "pos-money.h"

static void
test_label_sheet_3x8_grid_runs_across_then_down_then_to_the_next_page (void **state)
{
  g_autoptr (GError) error = NULL;
  const PosLabelSheet *sheet = pos_label_sheet_lookup ("3x8", &error);
  PosLabelRect rect;
  guint page;

  pos_assert_no_error (error);
  assert_int_equal (pos_label_sheet_per_page (sheet), 24);
  pos_label_sheet_cell (sheet, 0, &page, &rect);
  assert_int_equal (page, 0);
  assert_float_equal (rect.x, 0.0, 1e-9);
  assert_float_equal (rect.y, 0.5, 1e-9);
  assert_float_equal (rect.width, 70.0, 1e-9);
  assert_float_equal (rect.height, 37.0, 1e-9);
  pos_label_sheet_cell (sheet, 4, &page, &rect);
  assert_int_equal (page, 0);
  assert_float_equal (rect.x, 70.0, 1e-9);
  assert_float_equal (rect.y, 37.5, 1e-9);
  pos_label_sheet_cell (sheet, 23, &page, &rect);
  assert_int_equal (page, 0);
  assert_float_equal (rect.x + rect.width, 210.0, 1e-9);
  assert_float_equal (rect.y + rect.height, 296.5, 1e-9);
  pos_label_sheet_cell (sheet, 25, &page, &rect);
  assert_int_equal (page, 1);
  assert_float_equal (rect.x, 70.0, 1e-9);
  assert_float_equal (rect.y, 0.5, 1e-9);
}

static void
test_label_sheet_page_count_rounds_up (void **state)
{
  const PosLabelSheet *sheet = pos_label_sheet_lookup ("2x7", NULL);

  assert_int_equal (pos_label_sheet_pages (sheet, 0), 0);
  assert_int_equal (pos_label_sheet_pages (sheet, 1), 1);
  assert_int_equal (pos_label_sheet_pages (sheet, 14), 1);
  assert_int_equal (pos_label_sheet_pages (sheet, 15), 2);
}

/* Every label of every layout lies on its page, and no two overlap. */
static void
test_label_sheet_every_layout_fits_its_page (void **state)
{
  const PosLabelSheet *const *sheets = pos_label_sheets ();

  for (guint s = 0; sheets[s] != NULL; s++)
    {
      const PosLabelSheet *sheet = sheets[s];
      guint n = pos_label_sheet_per_page (sheet);

      assert_ptr_equal (pos_label_sheet_lookup (sheet->name, NULL), sheet);
      assert_true (sheet->pitch_x >= sheet->label_width && sheet->pitch_y >= sheet->label_height);
      for (guint i = 0; i < n; i++)
        {
          PosLabelRect rect;
          guint page;

          pos_label_sheet_cell (sheet, i, &page, &rect);
          assert_int_equal (page, 0);
          if (rect.x < 0 || rect.y < 0 || rect.x + rect.width > sheet->page_width + 1e-9
              || rect.y + rect.height > sheet->page_height + 1e-9)
            fail_msg ("%s: label %u leaves the page", sheet->name, i);
        }
    }
}

static void
test_label_sheet_unknown_name_lists_the_known_ones (void **state)
{
  g_autoptr (GError) error = NULL;

  assert_null (pos_label_sheet_lookup ("5x13", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  pos_assert_contains (error->message, "3x8");
  pos_assert_contains (error->message, "roll-58x40");
}

static void
test_unit_price_of_packs_per_kg_100g_and_litre (void **state)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 0;

  /* 250 g for 1.99: 7.96 a kg, 0.796 → 0.80 per 100 g. */
  assert_true (pos_unit_price_compute (199, 250, POS_UNIT_BASE_KG, &out, &error));
  assert_int_equal (out, 796);
  assert_true (pos_unit_price_compute (199, 250, POS_UNIT_BASE_100G, &out, &error));
  assert_int_equal (out, 80);
  /* 750 ml for 2.49: 3.32 a litre; 330 ml for 0.99: 3.00 a litre. */
  assert_true (pos_unit_price_compute (249, 750, POS_UNIT_BASE_L, &out, &error));
  assert_int_equal (out, 332);
  assert_true (pos_unit_price_compute (99, 330, POS_UNIT_BASE_L, &out, &error));
  assert_int_equal (out, 300);
  assert_true (pos_unit_price_compute (99, 330, POS_UNIT_BASE_100ML, &out, &error));
  assert_int_equal (out, 30);
  pos_assert_no_error (error);
  assert_string_equal (pos_unit_base_label (POS_UNIT_BASE_100G), "100 g");
}

static void
test_unit_price_refuses_no_content_and_overflow (void **state)
{
  g_autoptr (GError) error = NULL;
  PosAmount out = 0;

  assert_false (pos_unit_price_compute (199, 0, POS_UNIT_BASE_KG, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_unit_price_compute (-1, 100, POS_UNIT_BASE_KG, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_unit_price_compute (G_MAXINT64 / 10, 1, POS_UNIT_BASE_KG, &out, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_OVERFLOW);
}

/* A weighed product's unit price is its price per kg; a pack's comes from
 * its content in kg or l and its base; a piece with no content has none. */
static void
test_unit_price_of_a_product_by_weight_or_content (void **state)
{
  PosProduct apples = { .price = 299, .unit = "kg" };
  PosProduct tea = { .price = 349, .unit = "each" };
  PosProduct coffee
      = { .price = 599, .unit = "each", .content_qty = 250, .content_unit = "kg", .unit_price_base = 100 };
  PosProduct juice
      = { .price = 249, .unit = "each", .content_qty = 1500, .content_unit = "l", .unit_price_base = 1000 };
  PosProduct rope
      = { .price = 900, .unit = "each", .content_qty = 10000, .content_unit = "m", .unit_price_base = 1000 };
  PosUnitBase base = POS_UNIT_BASE_100ML;
  PosAmount out = 0;

  assert_true (pos_unit_price_for_product (&apples, &base, &out));
  assert_int_equal (base, POS_UNIT_BASE_KG);
  assert_int_equal (out, 299);
  assert_false (pos_unit_price_for_product (&tea, &base, &out));
  /* 250 g for 5.99: 2.40 per 100 g (2.396 rounded) */
  assert_true (pos_unit_price_for_product (&coffee, &base, &out));
  assert_int_equal (base, POS_UNIT_BASE_100G);
  assert_int_equal (out, 240);
  /* 1.5 l for 2.49: 1.66 per litre */
  assert_true (pos_unit_price_for_product (&juice, &base, &out));
  assert_int_equal (base, POS_UNIT_BASE_L);
  assert_int_equal (out, 166);
  /* 10 m for 9.00: 0.90 per metre */
  assert_true (pos_unit_price_for_product (&rope, &base, &out));
  assert_int_equal (base, POS_UNIT_BASE_M);
  assert_int_equal (out, 90);
  assert_string_equal (pos_unit_base_label (base), "1 m");
  /* lengths are priced per metre, never per 100 mm */
  rope.unit_price_base = 100;
  assert_false (pos_unit_price_for_product (&rope, &base, &out));
}

/* Sold from a tap or off the roll, the price is per litre or metre already. */
static void
test_unit_price_of_products_sold_by_the_litre_and_metre (void **state)
{
  PosProduct oil = { .price = 450, .unit = "l" };
  PosProduct cable = { .price = 120, .unit = "m" };
  PosUnitBase base = POS_UNIT_BASE_100ML;
  PosAmount out = 0;

  assert_true (pos_unit_price_for_product (&oil, &base, &out));
  assert_int_equal (base, POS_UNIT_BASE_L);
  assert_int_equal (out, 450);
  assert_true (pos_unit_price_for_product (&cable, &base, &out));
  assert_int_equal (base, POS_UNIT_BASE_M);
  assert_int_equal (out, 120);
}

static void
test_label_symbology_follows_the_code (void **state)
{
  assert_int_equal (pos_label_symbology_for_code ("4006381333931"), POS_LABEL_SYMBOLOGY_EAN13);
  assert_int_equal (pos_label_symbology_for_code ("0036000291452"), POS_LABEL_SYMBOLOGY_UPCA);
  assert_int_equal (pos_label_symbology_for_code ("036000291452"), POS_LABEL_SYMBOLOGY_UPCA);
  assert_int_equal (pos_label_symbology_for_code ("96385074"), POS_LABEL_SYMBOLOGY_EAN8);
  /* A wrong check digit is no GTIN: its text is still worth a Code 128. */
  assert_int_equal (pos_label_symbology_for_code ("4006381333932"), POS_LABEL_SYMBOLOGY_CODE128);
  assert_int_equal (pos_label_symbology_for_code ("TEA-100"), POS_LABEL_SYMBOLOGY_CODE128);
  /* A GTIN-14 of a case is DataBar; with indicator 0 it is a GTIN-13 and
   * stored as one, and a wrong check digit is just text. */
  assert_int_equal (pos_label_symbology_for_code ("14006381333938"), POS_LABEL_SYMBOLOGY_DATABAR);
  assert_int_equal (pos_label_symbology_for_code ("14006381333937"), POS_LABEL_SYMBOLOGY_CODE128);
  assert_int_equal (pos_label_symbology_for_code ("04006381333931"), POS_LABEL_SYMBOLOGY_CODE128);
}

/* What a scanner reads off the DataBar, (01) and the GTIN-14, finds the
 * barcode the label was made from. */
static void
test_label_databar_reads_back_as_the_stored_gtin14 (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosBarcode) scanned = pos_barcode_parse ("0114006381333938", NULL, &error);

  pos_assert_no_error (error);
  assert_string_equal (scanned->key, "14006381333938");
}

static void
test_label_barcode_refuses_a_wrong_check_digit (void **state)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GError) error = NULL;

  assert_true (
      pos_label_barcode_draw (cr, "4006381333931", POS_LABEL_SYMBOLOGY_EAN13, 0, 0, 100, 50, &error));
  pos_assert_no_error (error);
  assert_false (
      pos_label_barcode_draw (cr, "4006381333932", POS_LABEL_SYMBOLOGY_EAN13, 0, 0, 100, 50, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A store with three products: tea and milk by the piece, apples by kg. */
static PosTestStore *
store_with_products (void)
{
  PosTestStore *t = pos_test_store_new ();

  pos_test_exec (t->store, "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 1900);"
                           "INSERT INTO product (id, sku, name, price, tax_rate_id, unit) VALUES "
                           "(1, 'TEA', 'Earl Grey', 349, 1, 'each'), (2, 'MILK', 'Milk', 119, 1, 'each'),"
                           "(3, 'APL', 'Apples', 299, 1, 'kg');"
                           "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1),"
                           "('96385074', 1), ('0036000291452', 3);");
  return t;
}

static void
test_label_for_sku_takes_the_first_barcode_and_for_a_barcode_that_one (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  const char *keys[] = { "TEA", "96385074", "MILK", "APL", NULL };
  g_autoptr (GPtrArray) labels = pos_label_source_products (t->store, keys, FALSE, &error);
  PosLabel *apples;

  pos_assert_no_error (error);
  assert_int_equal (labels->len, 4);
  assert_string_equal (((PosLabel *)labels->pdata[0])->code, "4006381333931");
  assert_string_equal (((PosLabel *)labels->pdata[1])->code, "96385074");
  assert_int_equal (((PosLabel *)labels->pdata[1])->symbology, POS_LABEL_SYMBOLOGY_EAN8);
  /* No barcode: the SKU as Code 128. */
  assert_string_equal (((PosLabel *)labels->pdata[2])->code, "MILK");
  assert_int_equal (((PosLabel *)labels->pdata[2])->symbology, POS_LABEL_SYMBOLOGY_CODE128);
  assert_null (((PosLabel *)labels->pdata[2])->unit_price_text);
  apples = labels->pdata[3];
  assert_string_equal (apples->unit, "kg");
  assert_string_equal (apples->price_text, "€2.99");
  assert_string_equal (apples->unit_price_text, "1 kg = €2.99");
}

static void
test_label_for_an_unknown_key_is_not_found (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  const char *keys[] = { "TEA", "NOPE", NULL };

  assert_null (pos_label_source_products (t->store, keys, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static guint
count_changed (PosStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = pos_label_source_changed (store, FALSE, &error);

  pos_assert_no_error (error);
  return labels->len;
}

/* A new product is labelled at its first price; a price change is listed
 * until a run prints it. */
static void
test_label_changed_lists_a_new_price_until_it_is_printed (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = NULL;

  assert_int_equal (count_changed (t->store), 0);
  pos_test_exec (t->store, "UPDATE product SET price = 379 WHERE sku = 'TEA'");
  labels = pos_label_source_changed (t->store, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (labels->len, 1);
  assert_string_equal (((PosLabel *)labels->pdata[0])->sku, "TEA");
  assert_int_equal (((PosLabel *)labels->pdata[0])->price, 379);
  assert_true (pos_label_source_mark_printed (t->store, labels, &error));
  pos_assert_no_error (error);
  assert_int_equal (count_changed (t->store), 0);
  /* Back to the old price is a change too; so is a new unit. */
  pos_test_exec (t->store, "UPDATE product SET price = 349 WHERE sku = 'TEA';"
                           "UPDATE product SET unit = 'each' WHERE sku = 'APL';");
  assert_int_equal (count_changed (t->store), 2);
}

static void
test_label_delivery_lists_each_received_product_once (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) labels = NULL;

  pos_test_exec (t->store, "INSERT INTO stock_move (product_id, qty, reason, reference, created_at) VALUES "
                           "(3, 5000, 'receive', 'DN-7', 'x'), (1, 2000, 'receive', 'DN-7', 'x'),"
                           "(3, 1000, 'receive', 'DN-7', 'x'), (2, 1000, 'receive', 'DN-8', 'x'),"
                           "(2, -1000, 'sale', 'DN-7', 'x')");
  labels = pos_label_source_delivery (t->store, "DN-7", FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (labels->len, 2);
  assert_string_equal (((PosLabel *)labels->pdata[0])->sku, "APL");
  assert_string_equal (((PosLabel *)labels->pdata[1])->sku, "TEA");
  g_clear_pointer (&labels, g_ptr_array_unref);
  assert_null (pos_label_source_delivery (t->store, "DN-9", FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

/* On a label printer each label is one raster image and one cut. */
static void
test_label_print_sends_an_image_and_a_cut_per_label (void **state)
{
  g_autoptr (PosTestStore) t = store_with_products ();
  g_autoptr (GError) error = NULL;
  const char *keys[] = { "TEA", "APL", NULL };
  g_autoptr (GPtrArray) labels = pos_label_source_products (t->store, keys, FALSE, &error);
  g_autofree char *path = g_build_filename (t->dir, "labels.bin", NULL);
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  guint images = 0, cuts = 0;

  assert_true (pos_label_print (t->store, labels, pos_label_sheet_lookup ("roll-58x40", NULL), uri, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  for (gsize i = 0; i + 2 < length; i++)
    {
      if (bytes[i] == 0x1d && bytes[i + 1] == 'v' && bytes[i + 2] == '0')
        images++;
      if (bytes[i] == 0x1d && bytes[i + 1] == 'V' && bytes[i + 2] == 66)
        cuts++;
    }
  assert_true (images >= 2); /* tall images go in bands */
  assert_int_equal (cuts, 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_label_sheet_3x8_grid_runs_across_then_down_then_to_the_next_page),
    cmocka_unit_test (test_label_sheet_page_count_rounds_up),
    cmocka_unit_test (test_label_sheet_every_layout_fits_its_page),
    cmocka_unit_test (test_label_sheet_unknown_name_lists_the_known_ones),
    cmocka_unit_test (test_unit_price_of_packs_per_kg_100g_and_litre),
    cmocka_unit_test (test_unit_price_of_products_sold_by_the_litre_and_metre),
    cmocka_unit_test (test_unit_price_refuses_no_content_and_overflow),
    cmocka_unit_test (test_unit_price_of_a_product_by_weight_or_content),
    cmocka_unit_test (test_label_symbology_follows_the_code),
    cmocka_unit_test (test_label_databar_reads_back_as_the_stored_gtin14),
    cmocka_unit_test (test_label_barcode_refuses_a_wrong_check_digit),
    cmocka_unit_test (test_label_for_sku_takes_the_first_barcode_and_for_a_barcode_that_one),
    cmocka_unit_test (test_label_for_an_unknown_key_is_not_found),
    cmocka_unit_test (test_label_changed_lists_a_new_price_until_it_is_printed),
    cmocka_unit_test (test_label_delivery_lists_each_received_product_once),
    cmocka_unit_test (test_label_print_sends_an_image_and_a_cut_per_label),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
