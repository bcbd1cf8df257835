/* test-escpos.c — receipts to ESC/POS bytes, byte for byte; printer profiles; status replies. */
#include "pos-test-util.h"

#include <string.h>

#include "pos-device-error.h"
#include "pos-escpos.h"

#define ESC 0x1b
#define GS 0x1d
#define LF 0x0a

#define EXPECT(...) ((const guint8[]){ __VA_ARGS__ }), sizeof ((const guint8[]){ __VA_ARGS__ })

static char *
hex (const guint8 *data, gsize len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x%s", data[i], i + 1 < len ? " " : "");
  return g_string_free (s, FALSE);
}

static void
assert_bytes_equal (GBytes *got, const guint8 *want, gsize want_len)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (got, &len);

  if (len != want_len || memcmp (data, want, len) != 0)
    {
      g_autofree char *got_hex = hex (data, len);
      g_autofree char *want_hex = hex (want, want_len);

      fail_msg ("bytes differ\n got:  %s\n want: %s", got_hex, want_hex);
    }
}

/* Encodes @receipt for the profile called @id; the test fails on an error. */
static GBytes *
encode (PosReceipt *receipt, const char *id)
{
  const PosPrinterProfile *profile = pos_printer_profile_lookup (id);
  g_autoptr (GError) error = NULL;
  GBytes *bytes;

  assert_non_null (profile);
  bytes = pos_escpos_encode (receipt, profile, &error);
  pos_assert_no_error (error);
  assert_non_null (bytes);
  return bytes;
}

/* What follows ESC @ ESC t n: the receipt's own commands. */
static GBytes *
encode_body (PosReceipt *receipt, const char *id)
{
  g_autoptr (GBytes) all = encode (receipt, id);
  const guint8 *data = g_bytes_get_data (all, NULL);

  assert_true (g_bytes_get_size (all) >= 5);
  assert_memory_equal (data, ((const guint8[]){ ESC, '@', ESC, 't' }), 4);
  return g_bytes_new_from_bytes (all, 5, g_bytes_get_size (all) - 5);
}

static guint8
selected_codepage (PosReceipt *receipt, const char *id)
{
  g_autoptr (GBytes) all = encode (receipt, id);

  return ((const guint8 *)g_bytes_get_data (all, NULL))[4];
}

static void
test_receipt_starts_with_init_and_code_page (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) bytes = encode (r, "generic-80");

  /* Nothing to print: reset, then the preferred page (CP858 = 19 on Epson). */
  assert_bytes_equal (bytes, EXPECT (ESC, '@', ESC, 't', 19));
}

/* Each style: switched on for one line, off again for the next. */
static void
test_each_style_switches_on_and_off (void **state)
{
  static const struct
  {
    PosTextStyle style;
    guint8 on[3], off[3];
  } cases[] = {
    { POS_TEXT_BOLD, { ESC, 'E', 1 }, { ESC, 'E', 0 } },
    { POS_TEXT_UNDERLINE, { ESC, '-', 1 }, { ESC, '-', 0 } },
    { POS_TEXT_DOUBLE_WIDTH, { GS, '!', 0x10 }, { GS, '!', 0 } },
    { POS_TEXT_DOUBLE_HEIGHT, { GS, '!', 0x01 }, { GS, '!', 0 } },
    { POS_TEXT_INVERSE, { GS, 'B', 1 }, { GS, 'B', 0 } },
    { POS_TEXT_FONT_B, { ESC, 'M', 1 }, { ESC, 'M', 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PosReceipt) r = pos_receipt_new ();
      g_autoptr (GBytes) body = NULL;
      guint8 want[] = { 0, 0, 0, 'A', LF, 0, 0, 0, 'B', LF };

      pos_receipt_add_text (r, cases[i].style, POS_ALIGN_LEFT, "A");
      pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "B");
      body = encode_body (r, "generic-80");
      memcpy (want, cases[i].on, 3);
      memcpy (want + 5, cases[i].off, 3);
      assert_bytes_equal (body, want, sizeof want);
    }
}

static void
test_unchanged_style_is_not_resent (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;

  pos_receipt_add_text (r, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT, POS_ALIGN_LEFT,
                        "A");
  pos_receipt_add_text (r, POS_TEXT_BOLD | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT, POS_ALIGN_LEFT,
                        "B");
  pos_receipt_add_text (r, POS_TEXT_BOLD, POS_ALIGN_LEFT, "C");
  body = encode_body (r, "generic-80");
  assert_bytes_equal (body, EXPECT (GS, '!', 0x11, ESC, 'E', 1, 'A', LF, 'B', LF, GS, '!', 0, 'C', LF));
}

static void
test_alignment_commands (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;

  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_CENTER, "C");
  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_CENTER, "C");
  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_RIGHT, "R");
  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "L");
  body = encode_body (r, "generic-80");
  assert_bytes_equal (body,
                      EXPECT (ESC, 'a', 1, 'C', LF, 'C', LF, ESC, 'a', 2, 'R', LF, ESC, 'a', 0, 'L', LF));
}

static void
test_long_text_wraps_at_words (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;
  const char *expected
      = "Thank you for shopping at the\ncorner store. Returns within 30\ndays with this receipt.\n"
        "Supercalifragilisticexpialidocio\nus\n";

  pos_receipt_add_text (
      r, POS_TEXT_NORMAL, POS_ALIGN_LEFT,
      "Thank you for shopping at the corner store. Returns within 30 days with this receipt.\n"
      "Supercalifragilisticexpialidocious");
  body = encode_body (r, "generic-58");
  assert_bytes_equal (body, (const guint8 *)expected, strlen (expected));
}

/* A receipt header the owner typed with an empty line in it (and one
 * that is only an empty line) prints blank lines, nothing else. */
static void
test_blank_header_lines_print_as_empty_lines (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;
  const char *expected = "Corner shop\n\nHigh Street 1\n\n";

  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "Corner shop\n\nHigh Street 1");
  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "");
  body = encode_body (r, "generic-58");
  assert_bytes_equal (body, (const guint8 *)expected, strlen (expected));
}

static const char long_name[] = "Organic free-range brown eggs, large, box of twelve";

/* Lines of a two-column row as a string, lines joined by '|'. */
static char *
columns_as_text (const char *id, PosTextStyle style, const char *left, const char *right)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;
  g_autofree char *text = NULL;
  gsize len;
  const guint8 *data;

  pos_receipt_add_columns (r, style, left, right);
  body = encode_body (r, id);
  data = g_bytes_get_data (body, &len);
  /* Skip a style prefix (ESC M 1 or GS ! n) if any. */
  while (len >= 3 && (data[0] == ESC || data[0] == GS))
    {
      data += 3;
      len -= 3;
    }
  assert_true (len > 0 && data[len - 1] == LF);
  text = g_strndup ((const char *)data, len - 1);
  g_strdelimit (text, "\n", '|');
  return g_steal_pointer (&text);
}

static void
test_columns_fit_32_42_48_64 (void **state)
{
  g_autofree char *c32 = columns_as_text ("generic-58", POS_TEXT_NORMAL, long_name, "12.50");
  g_autofree char *c42 = columns_as_text ("generic-58", POS_TEXT_FONT_B, long_name, "12.50");
  g_autofree char *c48 = columns_as_text ("generic-80", POS_TEXT_NORMAL, long_name, "12.50");
  g_autofree char *c64 = columns_as_text ("generic-80", POS_TEXT_FONT_B, long_name, "12.50");

  assert_string_equal (c32, "Organic free-range brown   12.50|eggs, large, box of twelve");
  assert_string_equal (c42, "Organic free-range brown eggs,       12.50|large, box of twelve");
  assert_string_equal (c48, "Organic free-range brown eggs, large, box  12.50|of twelve");
  assert_string_equal (c64, "Organic free-range brown eggs, large, box of twelve        12.50");
}

static void
test_columns_truncate_when_asked (void **state)
{
  g_autofree char *c32 = columns_as_text ("generic-58", POS_TEXT_TRUNCATE, long_name, "12.50");
  g_autofree char *tm88 = columns_as_text ("epson-tm-t88", POS_TEXT_TRUNCATE, long_name, "1,234.50");

  assert_string_equal (c32, "Organic free-range brown e 12.50");
  assert_string_equal (tm88, "Organic free-range brown eggs, la 1,234.50");
  assert_int_equal (strlen (tm88), 42);
}

static void
test_columns_double_width_halves_the_room (void **state)
{
  g_autofree char *c24
      = columns_as_text ("generic-80", POS_TEXT_DOUBLE_WIDTH | POS_TEXT_BOLD, "TOTAL", "1,234.50");

  assert_string_equal (c24, "TOTAL           1,234.50");
  assert_int_equal (strlen (c24), 24);
}

static void
test_columns_keep_a_long_right_text_whole (void **state)
{
  g_autofree char *c32
      = columns_as_text ("generic-58", POS_TEXT_NORMAL, "Ref", "4929-XXXX-XXXX-1234 approved 0042");

  assert_string_equal (c32, "Ref|4929-XXXX-XXXX-1234 approved 0042");
}

static void
test_euro_in_cp858_on_epson (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) all = NULL;

  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Total", "€ 4.20");
  all = encode (r, "generic-58");
  assert_bytes_equal (all, EXPECT (ESC, '@', ESC, 't', 19, 'T', 'o', 't', 'a', 'l', ' ', ' ', ' ', ' ', ' ',
                                   ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
                                   ' ', 0xd5, ' ', '4', '.', '2', '0', LF));
}

static void
test_euro_in_cp1252_when_it_prints_more_of_the_text (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) all = NULL;

  /* CP858 lacks the curly quotes; CP1252 has them and the €. */
  pos_receipt_add_text (r, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "“Bio” €5");
  all = encode (r, "epson-tm-t20");
  assert_bytes_equal (all, EXPECT (ESC, '@', ESC, 't', 16, 0x93, 'B', 'i', 'o', 0x94, ' ', 0x80, '5', LF));
}

static void
test_star_profile_renumbers_code_pages (void **state)
{
  g_autoptr (PosReceipt) euro = pos_receipt_new ();
  g_autoptr (PosReceipt) quotes = pos_receipt_new ();

  pos_receipt_add_text (euro, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "3 €");
  pos_receipt_add_text (quotes, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "“3 €”");
  assert_int_equal (selected_codepage (euro, "epson-tm-t88"), 19);
  assert_int_equal (selected_codepage (euro, "star-escpos"), 4);
  assert_int_equal (selected_codepage (quotes, "epson-tm-t88"), 16);
  assert_int_equal (selected_codepage (quotes, "star-escpos"), 32);
  assert_int_equal (selected_codepage (quotes, "clone-58"), 16);
}

/* Each profile lists the pages it has; the encoder takes the one that
 * prints the receipt's text as itself, with that printer's number. */
static void
test_central_european_cyrillic_and_greek_receipts_pick_their_page (void **state)
{
  g_autoptr (PosReceipt) polish = pos_receipt_new ();
  g_autoptr (PosReceipt) polish_euro = pos_receipt_new ();
  g_autoptr (PosReceipt) russian = pos_receipt_new ();
  g_autoptr (PosReceipt) greek = pos_receipt_new ();

  pos_receipt_add_text (polish, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "Żółw ą ő ř 12,50 zł");
  pos_receipt_add_text (polish_euro, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "Łódź ő ř 2,50 €");
  pos_receipt_add_text (russian, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "Молоко 89,90 ₽");
  pos_receipt_add_text (greek, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "Γάλα 1,20");
  assert_int_equal (selected_codepage (polish, "epson-tm-t20"), 18);
  assert_int_equal (selected_codepage (polish, "star-escpos"), 5);
  assert_int_equal (selected_codepage (polish, "clone-58"), 18);
  /* CP852 has no €: Windows-1250 has both. */
  assert_int_equal (selected_codepage (polish_euro, "epson-tm-t20"), 45);
  assert_int_equal (selected_codepage (polish_euro, "star-escpos"), 33);
  assert_int_equal (selected_codepage (russian, "epson-tm-t88"), 17);
  assert_int_equal (selected_codepage (russian, "star-escpos"), 10);
  assert_int_equal (selected_codepage (greek, "generic-80"), 14);
  assert_int_equal (selected_codepage (greek, "star-escpos"), 15);
}

static void
test_control_bytes_in_names_are_neutralised (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;
  const char *expected;

  /* A product name carrying ESC @ and GS V must not reset or cut the printer. */
  pos_receipt_add_columns (r, POS_TEXT_NORMAL, "Tea\x1b@\x1dV\x01", "1.00");
  body = encode_body (r, "generic-58");
  expected = "Tea?@?V?                    1.00\n";
  assert_int_equal (strlen (expected), 32 + 1);
  assert_bytes_equal (body, (const guint8 *)expected, strlen (expected));
}

static void
test_rules_span_the_paper (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;
  char want[64];

  pos_receipt_add_text (r, POS_TEXT_FONT_B, POS_ALIGN_CENTER, "x");
  pos_receipt_add_rule (r, '=');
  body = encode_body (r, "epson-tm-t88");
  /* Font B text, then the rule back in font A, left aligned: 42 '='. */
  memcpy (want, (const guint8[]){ ESC, 'M', 1, ESC, 'a', 1, 'x', LF, ESC, 'M', 0, ESC, 'a', 0 }, 14);
  memset (want + 14, '=', 42);
  want[56] = LF;
  assert_bytes_equal (body, (const guint8 *)want, 57);
}

static void
test_feed_lines (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) body = NULL;

  pos_receipt_add_feed (r, 3);
  body = encode_body (r, "generic-80");
  assert_bytes_equal (body, EXPECT (ESC, 'd', 3));
}

static void
test_barcode_code128_set_b (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  assert_true (pos_receipt_add_barcode (r, POS_ALIGN_CENTER, "R-12{3", 0, &error));
  pos_assert_no_error (error);
  body = encode_body (r, "generic-80");
  /* 11 × (6 + 2) + 13 = 101 modules: 4 dots each fit in 576.  '{' is sent as "{{". */
  assert_bytes_equal (body, EXPECT (ESC, 'a', 1, GS, 'H', 2, GS, 'f', 0, GS, 'h', 80, GS, 'w', 4, GS, 'k', 73,
                                    9, '{', 'B', 'R', '-', '1', '2', '{', '{', '3'));
}

static void
test_barcode_narrows_then_refuses_on_small_paper (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (PosReceipt) too_long = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  /* 11 × 16 + 13 = 189 modules: 2 dots each on 384. */
  assert_true (pos_receipt_add_barcode (r, POS_ALIGN_LEFT, "R-0001-0004217", 60, &error));
  body = encode_body (r, "generic-58");
  assert_bytes_equal (body,
                      EXPECT (GS, 'H', 2, GS, 'f', 0, GS, 'h', 60, GS, 'w', 2, GS, 'k', 73, 16, '{', 'B', 'R',
                              '-', '0', '0', '0', '1', '-', '0', '0', '0', '4', '2', '1', '7'));

  assert_true (pos_receipt_add_barcode (too_long, POS_ALIGN_LEFT, "R-0001-0004217-XXXXXXXXX", 0, &error));
  assert_null (pos_escpos_encode (too_long, pos_printer_profile_lookup ("generic-58"), &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
  assert_non_null (strstr (error->message, "too long"));
}

static void
test_barcode_refuses_what_code128_b_cannot_hold (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *long_data = g_strnfill (81, '1');

  assert_false (pos_receipt_add_barcode (r, POS_ALIGN_LEFT, "Ümlaut", 0, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_receipt_add_barcode (r, POS_ALIGN_LEFT, "", 0, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_receipt_add_barcode (r, POS_ALIGN_LEFT, long_data, 0, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
  assert_int_equal (pos_receipt_get_n_blocks (r), 0);
}

static void
test_qr_store_and_print_sequence (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  assert_true (pos_receipt_add_qr (r, POS_ALIGN_CENTER, "https://x.test/r/42", 5, POS_QR_EC_M, &error));
  pos_assert_no_error (error);
  body = encode_body (r, "generic-80");
  assert_bytes_equal (body, EXPECT (ESC, 'a', 1,
                                    /* model 2 */
                                    GS, '(', 'k', 4, 0, 49, 65, 50, 0,
                                    /* module size 5 */
                                    GS, '(', 'k', 3, 0, 49, 67, 5,
                                    /* error correction M */
                                    GS, '(', 'k', 3, 0, 49, 69, 49,
                                    /* store 19 bytes: pL = 19 + 3 */
                                    GS, '(', 'k', 22, 0, 49, 80, 48, 'h', 't', 't', 'p', 's', ':', '/', '/',
                                    'x', '.', 't', 'e', 's', 't', '/', 'r', '/', '4', '2',
                                    /* print */
                                    GS, '(', 'k', 3, 0, 49, 81, 48));
}

static void
test_qr_becomes_an_image_without_native_support (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  const guint8 *data;

  assert_true (pos_receipt_add_qr (r, POS_ALIGN_LEFT, "R-0001-0004217", 4, POS_QR_EC_L, &error));
  body = encode_body (r, "clone-58");
  data = g_bytes_get_data (body, NULL);
  /* Version 1 (21 modules) + quiet zone = 29 modules of 4 dots: 116 dots, 15 bytes a row. */
  assert_memory_equal (data, ((const guint8[]){ GS, 'v', '0', 0, 15, 0, 116, 0 }), 8);
  assert_int_equal (g_bytes_get_size (body), 8 + 15 * 116);
}

static void
test_qr_refuses_data_too_long (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *data = g_strnfill (4000, 'x');

  assert_false (pos_receipt_add_qr (r, POS_ALIGN_CENTER, data, 0, POS_QR_EC_H, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
  assert_int_equal (pos_receipt_get_n_blocks (r), 0);
}

/* A white RGB image with black pixels at @black (x, y pairs). */
static GdkPixbuf *
make_image (int width, int height, const int *black, gsize n_black)
{
  GdkPixbuf *image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (image);
  int rowstride = gdk_pixbuf_get_rowstride (image);

  gdk_pixbuf_fill (image, 0xffffffff);
  for (gsize i = 0; i < n_black; i += 2)
    memset (pixels + black[i + 1] * rowstride + black[i] * 3, 0, 3);
  return image;
}

static void
test_raster_header_and_tiny_bitmap (void **state)
{
  static const int black[] = { 0, 0, 9, 0, 1, 1, 8, 2 };
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GdkPixbuf) image = make_image (10, 3, black, G_N_ELEMENTS (black));
  g_autoptr (GBytes) body = NULL;

  pos_receipt_add_logo (r, POS_ALIGN_LEFT, image);
  body = encode_body (r, "generic-80");
  /* 10 dots wide: 2 bytes a row, 3 rows. */
  assert_bytes_equal (body, EXPECT (GS, 'v', '0', 0, 2, 0, 3, 0, 0x80, 0x40, 0x40, 0x00, 0x00, 0x80));
}

static void
test_logo_is_scaled_to_the_paper (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GdkPixbuf) image = make_image (1000, 200, NULL, 0);
  g_autoptr (GBytes) body = NULL;
  const guint8 *data;

  pos_receipt_add_logo (r, POS_ALIGN_LEFT, image);
  body = encode_body (r, "generic-58");
  data = g_bytes_get_data (body, NULL);
  /* 384 dots (48 bytes) wide, 77 rows keep the 5:1 shape; all white. */
  assert_memory_equal (data, ((const guint8[]){ GS, 'v', '0', 0, 48, 0, 77, 0 }), 8);
  assert_int_equal (g_bytes_get_size (body), 8 + 48 * 77);
  for (gsize i = 8; i < g_bytes_get_size (body); i++)
    assert_int_equal (data[i], 0);
}

static void
test_tall_images_are_sent_in_bands (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GdkPixbuf) image = make_image (8, 300, NULL, 0);
  g_autoptr (GBytes) body = NULL;
  const guint8 *data;

  pos_receipt_add_logo (r, POS_ALIGN_LEFT, image);
  body = encode_body (r, "generic-80");
  data = g_bytes_get_data (body, NULL);
  assert_int_equal (g_bytes_get_size (body), 3 * 8 + 300);
  assert_memory_equal (data, ((const guint8[]){ GS, 'v', '0', 0, 1, 0, 128, 0 }), 8);
  assert_memory_equal (data + 8 + 128, ((const guint8[]){ GS, 'v', '0', 0, 1, 0, 128, 0 }), 8);
  assert_memory_equal (data + 16 + 256, ((const guint8[]){ GS, 'v', '0', 0, 1, 0, 44, 0 }), 8);
}

static void
test_dithering_keeps_the_grey_level (void **state)
{
  g_autoptr (GdkPixbuf) grey = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 64);
  g_autoptr (PosBitmap) bitmap = NULL;
  guint dark = 0;

  gdk_pixbuf_fill (grey, 0x808080ff); /* mid grey, opaque */
  bitmap = pos_bitmap_new_from_pixbuf (grey, 576);
  for (guint y = 0; y < 64; y++)
    for (guint x = 0; x < 64; x++)
      dark += pos_bitmap_get (bitmap, x, y);
  /* About half the dots, not all or none as a plain threshold would give. */
  assert_in_range (dark, 64 * 64 * 4 / 10, 64 * 64 * 6 / 10);

  /* Fully transparent is paper. */
  gdk_pixbuf_fill (grey, 0x00000000);
  g_clear_pointer (&bitmap, pos_bitmap_free);
  bitmap = pos_bitmap_new_from_pixbuf (grey, 576);
  for (guint i = 0; i < bitmap->stride * bitmap->height; i++)
    assert_int_equal (bitmap->bits[i], 0);
}

static void
test_logo_from_missing_file_is_an_error (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GError) error = NULL;

  assert_false (pos_receipt_add_logo_from_file (r, "/nonexistent/logo.png", &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
  assert_non_null (strstr (error->message, "/nonexistent/logo.png"));
  assert_int_equal (pos_receipt_get_n_blocks (r), 0);
}

static void
test_cut_only_when_the_printer_can (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) with_cutter = NULL;
  g_autoptr (GBytes) without = NULL;

  pos_receipt_add_cut (r, POS_CUT_PARTIAL);
  pos_receipt_add_cut (r, POS_CUT_FULL);
  with_cutter = encode_body (r, "generic-80");
  without = encode_body (r, "generic-58");
  assert_bytes_equal (with_cutter, EXPECT (GS, 'V', 66, 0, GS, 'V', 65, 0));
  assert_bytes_equal (without, EXPECT (ESC, 'd', 4, ESC, 'd', 4));
}

static void
test_drawer_pulse_only_with_a_drawer_port (void **state)
{
  g_autoptr (PosReceipt) r = pos_receipt_new ();
  g_autoptr (GBytes) with_port = NULL;
  g_autoptr (GBytes) without = NULL;
  g_autoptr (GBytes) kick2 = pos_escpos_drawer_kick (pos_printer_profile_lookup ("epson-tm-t20"), 2);
  g_autoptr (GBytes) kick5 = pos_escpos_drawer_kick (pos_printer_profile_lookup ("epson-tm-t20"), 5);

  pos_receipt_add_drawer_pulse (r, 2);
  pos_receipt_add_drawer_pulse (r, 5);
  with_port = encode_body (r, "generic-80");
  without = encode_body (r, "clone-58");
  assert_bytes_equal (with_port, EXPECT (ESC, 'p', 0, 25, 250, ESC, 'p', 1, 25, 250));
  assert_int_equal (g_bytes_get_size (without), 0);

  assert_bytes_equal (kick2, EXPECT (ESC, 'p', 0, 25, 250));
  assert_bytes_equal (kick5, EXPECT (ESC, 'p', 1, 25, 250));
  assert_null (pos_escpos_drawer_kick (pos_printer_profile_lookup ("clone-58"), 2));
}

static void
test_status_request_bytes (void **state)
{
  for (int n = 1; n <= 4; n++)
    {
      g_autoptr (GBytes) request = pos_escpos_status_request (n);

      assert_bytes_equal (request, EXPECT (0x10, 0x04, (guint8)n));
    }
}

static void
test_status_reports_paper_out_and_cover_open (void **state)
{
  PosPrinterStatus status = { 0 };

  /* DLE EOT 1: online, drawer pin low.  Then offline with the drawer open. */
  assert_true (pos_escpos_status_parse (1, 0x12, &status));
  assert_true (status.online);
  assert_false (status.drawer_open);
  assert_true (pos_escpos_status_parse (1, 0x1e, &status));
  assert_false (status.online);
  assert_true (status.drawer_open);

  /* DLE EOT 2: cover open (bit 2). */
  assert_true (pos_escpos_status_parse (2, 0x16, &status));
  assert_true (status.cover_open);
  assert_false (status.paper_out);

  /* DLE EOT 4: near end (bits 2–3), then out (bits 5–6). */
  assert_true (pos_escpos_status_parse (4, 0x1e, &status));
  assert_true (status.paper_near_end);
  assert_false (status.paper_out);
  assert_true (pos_escpos_status_parse (4, 0x7e, &status));
  assert_true (status.paper_out);

  /* DLE EOT 3: autocutter error (bit 3). */
  assert_true (pos_escpos_status_parse (3, 0x1a, &status));
  assert_true (status.cutter_error);
  assert_false (status.unrecoverable_error);

  assert_int_equal (status.answered, (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4));
}

static void
test_status_stopped_for_paper_end (void **state)
{
  PosPrinterStatus status = { 0 };

  assert_true (pos_escpos_status_parse (2, 0x32, &status));
  assert_true (status.paper_stop);
  assert_true (status.paper_out);
  assert_false (status.cover_open);
}

static void
test_status_rejects_bytes_that_are_not_status (void **state)
{
  PosPrinterStatus status = { 0 };

  assert_false (pos_escpos_status_parse (1, 0xff, &status));
  assert_false (pos_escpos_status_parse (2, 0x00, &status));
  assert_false (pos_escpos_status_parse (4, 0x6c, &status)); /* bits 1 and 4 missing */
  assert_int_equal (status.answered, 0);
  assert_false (status.paper_out);
}

static void
test_profiles_are_listed_and_consistent (void **state)
{
  const PosPrinterProfile *const *list = pos_printer_profile_list ();
  guint n = 0;
  guint8 number;

  for (; list[n] != NULL; n++)
    {
      const PosPrinterProfile *p = list[n];

      assert_ptr_equal (pos_printer_profile_lookup (p->id), p);
      assert_true (p->n_codepages > 0);
      /* 12-dot font A and 9-dot font B fill the printable width. */
      assert_int_equal (p->columns_font_a, p->dot_width / 12);
      assert_int_equal (p->columns_font_b, p->dot_width / 9);
      assert_true (pos_printer_profile_codepage_number (p, POS_CODEPAGE_CP437, NULL));
    }
  assert_true (n >= 6);
  assert_null (pos_printer_profile_lookup ("no-such-printer"));

  assert_true (pos_printer_profile_codepage_number (pos_printer_profile_lookup ("epson-tm-t88"),
                                                    POS_CODEPAGE_ISO8859_15, &number));
  assert_int_equal (number, 40);
  assert_true (pos_printer_profile_codepage_number (pos_printer_profile_lookup ("epson-tm-t20"),
                                                    POS_CODEPAGE_CP850, &number));
  assert_int_equal (number, 2);
  assert_false (pos_printer_profile_codepage_number (pos_printer_profile_lookup ("star-escpos"),
                                                     POS_CODEPAGE_ISO8859_15, &number));
  assert_int_equal (pos_printer_profile_columns (pos_printer_profile_lookup ("generic-58"), TRUE, TRUE), 21);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_receipt_starts_with_init_and_code_page),
    cmocka_unit_test (test_each_style_switches_on_and_off),
    cmocka_unit_test (test_unchanged_style_is_not_resent),
    cmocka_unit_test (test_alignment_commands),
    cmocka_unit_test (test_long_text_wraps_at_words),
    cmocka_unit_test (test_blank_header_lines_print_as_empty_lines),
    cmocka_unit_test (test_columns_fit_32_42_48_64),
    cmocka_unit_test (test_columns_truncate_when_asked),
    cmocka_unit_test (test_columns_double_width_halves_the_room),
    cmocka_unit_test (test_columns_keep_a_long_right_text_whole),
    cmocka_unit_test (test_euro_in_cp858_on_epson),
    cmocka_unit_test (test_euro_in_cp1252_when_it_prints_more_of_the_text),
    cmocka_unit_test (test_star_profile_renumbers_code_pages),
    cmocka_unit_test (test_central_european_cyrillic_and_greek_receipts_pick_their_page),
    cmocka_unit_test (test_control_bytes_in_names_are_neutralised),
    cmocka_unit_test (test_rules_span_the_paper),
    cmocka_unit_test (test_feed_lines),
    cmocka_unit_test (test_barcode_code128_set_b),
    cmocka_unit_test (test_barcode_narrows_then_refuses_on_small_paper),
    cmocka_unit_test (test_barcode_refuses_what_code128_b_cannot_hold),
    cmocka_unit_test (test_qr_store_and_print_sequence),
    cmocka_unit_test (test_qr_becomes_an_image_without_native_support),
    cmocka_unit_test (test_qr_refuses_data_too_long),
    cmocka_unit_test (test_raster_header_and_tiny_bitmap),
    cmocka_unit_test (test_logo_is_scaled_to_the_paper),
    cmocka_unit_test (test_tall_images_are_sent_in_bands),
    cmocka_unit_test (test_dithering_keeps_the_grey_level),
    cmocka_unit_test (test_logo_from_missing_file_is_an_error),
    cmocka_unit_test (test_cut_only_when_the_printer_can),
    cmocka_unit_test (test_drawer_pulse_only_with_a_drawer_port),
    cmocka_unit_test (test_status_request_bytes),
    cmocka_unit_test (test_status_reports_paper_out_and_cover_open),
    cmocka_unit_test (test_status_stopped_for_paper_end),
    cmocka_unit_test (test_status_rejects_bytes_that_are_not_status),
    cmocka_unit_test (test_profiles_are_listed_and_consistent),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
