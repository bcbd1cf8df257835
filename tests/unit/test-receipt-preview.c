/* test-receipt-preview.c — receipts rendered as pictures, as the printer would print them. */
#include "pos-test-util.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "pos-device-error.h"
#include "pos-receipt-preview.h"

/* Draws a small shop logo (a shopfront in a circle, with a soft grey fill
 * for the dithering to work on) and saves it as a PNG in @dir. */
static char *
write_logo_png (const char *dir)
{
  char *path = g_build_filename (dir, "logo.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 240, 120);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *fill = cairo_pattern_create_linear (0, 0, 240, 0);

  cairo_pattern_add_color_stop_rgb (fill, 0, 0.25, 0.25, 0.25);
  cairo_pattern_add_color_stop_rgb (fill, 1, 0.85, 0.85, 0.85);
  cairo_arc (cr, 120, 60, 56, 0, 2 * G_PI);
  cairo_set_source (cr, fill);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 6);
  cairo_stroke (cr);
  /* roof, walls, door */
  cairo_move_to (cr, 80, 55);
  cairo_line_to (cr, 120, 25);
  cairo_line_to (cr, 160, 55);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 88, 55, 64, 40);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 112, 68, 16, 27);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_pattern_destroy (fill);
  assert_int_equal (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* A receipt like the till prints after a sale. */
static PosReceipt *
sample_receipt (const char *logo_path)
{
  PosReceipt *r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;

  if (logo_path != NULL)
    {
      assert_true (pos_receipt_add_logo_from_file (r, logo_path, &error));
      pos_assert_no_error (error);
    }
  pos_receipt_add_text (r, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT, POS_ALIGN_CENTER,
                        "Corner Grocer");
  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_CENTER, "12 Rue des Écoles, 75005 Paris");
  pos_receipt_add_text (r, POS_TEXT_FONT_B, POS_ALIGN_CENTER, "VAT FR 12 345678901 · Tel 01 23 45 67 89");
  pos_receipt_add_rule (r, '=');
  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Crème fraîche 20cl", "1,95 €");
  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Organic free-range brown eggs, large, box of twelve",
                           "4,80 €");
  pos_receipt_add_columns (r, POS_TEXT_FONT_B, "  2 x 2,40 €", "");
  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Baguette tradition", "1,30 €");
  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Café moulu “Pur Arabica” 250g", "5,60 €");
  pos_receipt_add_rule (r, '-');
  pos_receipt_add_columns (r, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH, "TOTAL", "13,65 €");
  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Card  **** 1234", "13,65 €");
  pos_receipt_add_columns (r, POS_TEXT_FONT_B, "VAT 5,5 % on 13,65 €", "0,71 €");
  pos_receipt_add_feed (r, 1);
  pos_receipt_add_text (r, POS_TEXT_INVERSE | POS_TEXT_BOLD, POS_ALIGN_CENTER, " 30 points earned ");
  pos_receipt_add_text (r, POS_TEXT_UNDERLINE, POS_ALIGN_CENTER, "Returns within 30 days");
  pos_receipt_add_feed (r, 1);
  assert_true (pos_receipt_add_barcode (r, POS_ALIGN_CENTER, "R-0001-0004217", 0, &error));
  pos_receipt_add_feed (r, 1);
  assert_true (pos_receipt_add_qr (r, POS_ALIGN_CENTER, "https://corner-grocer.example/r/R-0001-0004217", 4,
                                   POS_QR_EC_M, &error));
  pos_assert_no_error (error);
  pos_receipt_add_text (r, POS_TEXT_FONT_B, POS_ALIGN_CENTER, "Thank you — merci !");
  pos_receipt_add_cut (r, POS_CUT_PARTIAL);
  pos_receipt_add_drawer_pulse (r, 2);
  return r;
}

/* Pixels darker than mid grey. */
static guint
count_dark (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint dark = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *)(data + (gsize)y * stride + (gsize)x * 4);

        if (((px >> 16 & 0xff) + (px >> 8 & 0xff) + (px & 0xff)) < 3 * 128)
          dark++;
      }
  return dark;
}

static cairo_surface_t *
render (PosReceipt *r, const char *id)
{
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = pos_receipt_preview_render (r, pos_printer_profile_lookup (id), &error);

  pos_assert_no_error (error);
  assert_non_null (surface);
  return surface;
}

static void
test_png_is_written_at_the_paper_width (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *logo = write_logo_png (dir);
  g_autofree char *png = g_build_filename (dir, "receipt.png", NULL);
  g_autoptr (PosReceipt) r = sample_receipt (logo);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *loaded;
  const char *artifacts = g_getenv ("POS_ARTIFACTS");

  assert_true (pos_receipt_preview_write_png (r, pos_printer_profile_lookup ("generic-80"), png, &error));
  pos_assert_no_error (error);
  loaded = cairo_image_surface_create_from_png (png);
  assert_int_equal (cairo_surface_status (loaded), CAIRO_STATUS_SUCCESS);
  assert_int_equal (cairo_image_surface_get_width (loaded), 576);
  assert_true (cairo_image_surface_get_height (loaded) > 600);
  /* Text, bars, modules and logo: a good part of the paper is ink, not most of it. */
  assert_true (count_dark (loaded) > 576 * 600 / 20);
  assert_true (count_dark (loaded) < 576u * (guint)cairo_image_surface_get_height (loaded) / 2);
  cairo_surface_destroy (loaded);

  if (artifacts != NULL)
    {
      g_autofree char *saved80 = g_build_filename (artifacts, "receipt-preview-80mm.png", NULL);
      g_autofree char *saved58 = g_build_filename (artifacts, "receipt-preview-58mm.png", NULL);

      assert_int_equal (g_mkdir_with_parents (artifacts, 0755), 0);
      assert_true (
          pos_receipt_preview_write_png (r, pos_printer_profile_lookup ("generic-80"), saved80, &error));
      assert_true (
          pos_receipt_preview_write_png (r, pos_printer_profile_lookup ("generic-58"), saved58, &error));
      pos_assert_no_error (error);
    }
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_58mm_paper_is_384_dots_wide (void **state)
{
  g_autoptr (PosReceipt) r = sample_receipt (NULL);
  cairo_surface_t *surface = render (r, "generic-58");

  assert_int_equal (cairo_image_surface_get_width (surface), 384);
  assert_true (count_dark (surface) > 0);
  cairo_surface_destroy (surface);
}

static void
test_more_lines_make_a_taller_receipt (void **state)
{
  g_autoptr (PosReceipt) short_r = pos_receipt_new ();
  g_autoptr (PosReceipt) long_r = pos_receipt_new ();
  cairo_surface_t *a, *b;
  int height_a, height_b;

  for (int i = 0; i < 3; i++)
    pos_receipt_add_columns (short_r, POS_TEXT_NORMAL, "Item", "1.00");
  for (int i = 0; i < 10; i++)
    pos_receipt_add_columns (long_r, POS_TEXT_NORMAL, "Item", "1.00");
  a = render (short_r, "generic-80");
  b = render (long_r, "generic-80");
  height_a = cairo_image_surface_get_height (a);
  height_b = cairo_image_surface_get_height (b);
  /* Seven more lines, each the same height. */
  assert_true (height_b > height_a);
  assert_int_equal ((height_b - height_a) % 7, 0);
  assert_true (count_dark (b) > count_dark (a));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_wrapped_text_takes_more_lines (void **state)
{
  g_autoptr (PosReceipt) one = pos_receipt_new ();
  g_autoptr (PosReceipt) wrapped = pos_receipt_new ();
  cairo_surface_t *a, *b;

  pos_receipt_add_columns (one, POS_TEXT_NORMAL, "Eggs", "4.80");
  pos_receipt_add_columns (wrapped, POS_TEXT_NORMAL, "Organic free-range brown eggs, large, box of twelve",
                           "4.80");
  a = render (one, "generic-58");
  b = render (wrapped, "generic-58");
  assert_true (cairo_image_surface_get_height (b) > cairo_image_surface_get_height (a));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_empty_receipt_is_blank_paper (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  cairo_surface_t *surface = render (r, "generic-80");

  assert_int_equal (cairo_image_surface_get_width (surface), 576);
  assert_int_equal (count_dark (surface), 0);
  cairo_surface_destroy (surface);
}

/* Dark pixels in one row of @surface. */
static guint
dark_in_row (cairo_surface_t *surface, int y)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *row = cairo_image_surface_get_data (surface) + (gsize)y * stride;
  guint dark = 0;

  for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
    if ((*(const guint32 *)(row + x * 4) & 0xff) < 128)
      dark++;
  return dark;
}

static void
test_barcode_bars_are_drawn (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *modules = pos_receipt_preview_code128_modules ("R-12");
  cairo_surface_t *surface;
  guint bars = 0;

  assert_true (pos_receipt_add_barcode (r, POS_ALIGN_LEFT, "R-12", 50, &error));
  surface = render (r, "generic-80");
  cairo_surface_flush (surface);
  for (const char *m = modules; *m != '\0'; m++)
    bars += *m == '1';
  /* Halfway down the bars: every bar module is 4 dots of ink. */
  assert_int_equal (dark_in_row (surface, 24 + 25), bars * 4);
  cairo_surface_destroy (surface);
}

static void
test_code128_symbol_for_known_data (void **state)
{
  g_autofree char *a = pos_receipt_preview_code128_modules ("A");

  /* Start B, 'A' (33), check (104 + 33) mod 103 = 34, stop. */
  assert_string_equal (a, "11010010000"
                          "10100011000"
                          "10001011000"
                          "1100011101011");
}

/* Each printable character gets its own 11-module symbol of 3 bars and 3 spaces. */
static void
test_code128_symbols_are_distinct (void **state)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (char c = 0x20; c <= 0x7e; c++)
    {
      char data[2] = { c, '\0' };
      g_autofree char *modules = pos_receipt_preview_code128_modules (data);
      char *symbol;
      guint runs = 1;

      assert_int_equal (strlen (modules), 11 * 4 + 2);
      symbol = g_strndup (modules + 11, 11);
      assert_true (symbol[0] == '1' && symbol[10] == '0');
      for (int i = 1; i < 11; i++)
        runs += symbol[i] != symbol[i - 1];
      assert_int_equal (runs, 6);
      assert_false (g_hash_table_contains (seen, symbol));
      g_hash_table_add (seen, symbol);
    }
  assert_int_equal (g_hash_table_size (seen), 95);
}

static void
test_qr_code_is_square_and_inked (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  guint dark;

  assert_true (pos_receipt_add_qr (r, POS_ALIGN_CENTER, "R-0001-0004217", 4, POS_QR_EC_L, &error));
  surface = render (r, "generic-80");
  /* Version 1 with its quiet zone: 29 modules of 4 dots between the margins. */
  assert_int_equal (cairo_image_surface_get_height (surface), 24 + 116 + 24);
  dark = count_dark (surface);
  /* Finder patterns alone are 3 × 33 modules; a QR symbol is roughly half ink. */
  assert_in_range (dark, 21 * 21 * 16 / 4, 21 * 21 * 16 * 3 / 4);
  cairo_surface_destroy (surface);
}

static void
test_logo_makes_the_receipt_taller (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *logo = write_logo_png (dir);
  g_autoptr (PosReceipt) with_logo = sample_receipt (logo);
  g_autoptr (PosReceipt) without = sample_receipt (NULL);
  cairo_surface_t *a = render (with_logo, "generic-80");
  cairo_surface_t *b = render (without, "generic-80");

  assert_int_equal (cairo_image_surface_get_height (a) - cairo_image_surface_get_height (b), 120);
  assert_true (count_dark (a) > count_dark (b) + 1000);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_barcode_too_long_for_the_paper_is_an_error (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;

  assert_true (pos_receipt_add_barcode (r, POS_ALIGN_LEFT, "R-0001-0004217-XXXXXXXXX", 0, &error));
  assert_null (pos_receipt_preview_render (r, pos_printer_profile_lookup ("generic-58"), &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
}

static void
test_unwritable_path_is_an_error (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;

  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "x");
  assert_false (pos_receipt_preview_write_png (r, pos_printer_profile_lookup ("generic-80"),
                                               "/nonexistent/dir/r.png", &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  assert_int_equal (g_stat (path, &st), 0);
  return st.st_mode & 0777;
}

/* Receipts name customers and what they bought: their files are the shop
 * account's alone, like the store, whatever the umask, and a file that was
 * there already is closed to others before the receipt goes into it. */
static void
test_preview_files_are_private (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *png = g_build_filename (dir, "receipt.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *old = g_build_filename (dir, "old.png", NULL);
  g_autoptr (PosReceipt) r = sample_receipt (NULL);
  const PosPrinterProfile *profile = pos_printer_profile_lookup ("generic-80");
  g_autoptr (GError) error = NULL;
  mode_t saved = umask (022);

  assert_true (g_file_set_contents (old, "x", 1, NULL));
  assert_int_equal (g_chmod (old, 0644), 0);
  assert_true (pos_receipt_preview_write_png (r, profile, png, &error));
  assert_true (pos_receipt_preview_write_pdf (r, profile, pdf, &error));
  assert_true (pos_receipt_preview_write_png (r, profile, old, &error));
  pos_assert_no_error (error);
  umask (saved);

  assert_int_equal (file_mode (png), 0600);
  assert_int_equal (file_mode (pdf), 0600);
  assert_int_equal (file_mode (old), 0600);
  {
    cairo_surface_t *loaded = cairo_image_surface_create_from_png (old);
    g_autofree char *head = NULL;
    gsize length = 0;

    assert_int_equal (cairo_surface_status (loaded), CAIRO_STATUS_SUCCESS);
    assert_int_equal (cairo_image_surface_get_width (loaded), 576);
    cairo_surface_destroy (loaded);
    assert_true (g_file_get_contents (pdf, &head, &length, NULL));
    assert_true (length > 5 && memcmp (head, "%PDF-", 5) == 0);
  }
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_png_is_written_at_the_paper_width),
    cmocka_unit_test (test_58mm_paper_is_384_dots_wide),
    cmocka_unit_test (test_more_lines_make_a_taller_receipt),
    cmocka_unit_test (test_wrapped_text_takes_more_lines),
    cmocka_unit_test (test_empty_receipt_is_blank_paper),
    cmocka_unit_test (test_barcode_bars_are_drawn),
    cmocka_unit_test (test_code128_symbol_for_known_data),
    cmocka_unit_test (test_code128_symbols_are_distinct),
    cmocka_unit_test (test_qr_code_is_square_and_inked),
    cmocka_unit_test (test_logo_makes_the_receipt_taller),
    cmocka_unit_test (test_barcode_too_long_for_the_paper_is_an_error),
    cmocka_unit_test (test_unwritable_path_is_an_error),
    cmocka_unit_test (test_preview_files_are_private),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
