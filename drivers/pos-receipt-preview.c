/* pos-receipt-preview.c — cairo/Pango rendering of a receipt, dot for dot.
 *
 * Rendering runs twice over the blocks: once without a cairo context to find
 * the height, once to draw.  Text comes from the same layout functions as
 * the ESC/POS encoder, already converted to the printer's code page, and is
 * decoded back for drawing, so stand-ins like "EUR" show as printed.
 */
#include "pos-receipt-preview.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pos-device-error.h"
#include "pos-escpos.h"

#define MARGIN_TOP 24
#define MARGIN_BOTTOM 24
#define LINE_GAP 6       /* dots between printed lines, as the printer's default spacing */
#define FONT_A_HEIGHT 24 /* the printers' 12×24 font */
#define FONT_B_HEIGHT 17 /* and 9×17 */
#define MAX_HEIGHT 32000 /* cairo image surfaces stop at 32767 */
#define FONT_FAMILY "DejaVu Sans Mono, Monospace"

/* Code 128 symbols 0–106 as bar/space widths in modules (the stop symbol
 * has a seventh, final bar). */
static const char *const code128_widths[107] = {
  "212222", "222122", "222221", "121223", "121322", "131222", "122213",  "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122",  "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221",  "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313",  "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321",  "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121",  "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421",  "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114",  "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212",  "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311",  "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};

#define CODE128_START_B 104
#define CODE128_STOP 106

static void
append_symbol (GString *modules, guint value)
{
  const char *widths = code128_widths[value];

  for (guint i = 0; widths[i] != '\0'; i++)
    for (int w = 0; w < widths[i] - '0'; w++)
      g_string_append_c (modules, i % 2 == 0 ? '1' : '0');
}

char *
pos_receipt_preview_code128_modules (const char *data)
{
  GString *modules;
  guint checksum = CODE128_START_B;
  guint position = 1;

  g_return_val_if_fail (data != NULL, NULL);
  for (const char *p = data; *p != '\0'; p++)
    g_return_val_if_fail (*p >= 0x20 && *p <= 0x7e, NULL);

  modules = g_string_new (NULL);
  append_symbol (modules, CODE128_START_B);
  for (const char *p = data; *p != '\0'; p++, position++)
    {
      guint value = (guint)(*p - 0x20);

      append_symbol (modules, value);
      checksum += value * position;
    }
  append_symbol (modules, checksum % 103);
  append_symbol (modules, CODE128_STOP);
  return g_string_free (modules, FALSE);
}

typedef struct
{
  const PosPrinterProfile *profile;
  PosCodepage page;
  cairo_t *cr; /* NULL while measuring */
  PangoLayout *layout;
  double y;
} Preview;

static guint
char_width (const Preview *pv, PosTextStyle style)
{
  guint columns = pos_printer_profile_columns (pv->profile, (style & POS_TEXT_FONT_B) != 0, FALSE);

  return pv->profile->dot_width / MAX (columns, 1);
}

static guint
char_height (PosTextStyle style)
{
  return (style & POS_TEXT_FONT_B) ? FONT_B_HEIGHT : FONT_A_HEIGHT;
}

static guint
line_height (PosTextStyle style)
{
  return char_height (style) * ((style & POS_TEXT_DOUBLE_HEIGHT) ? 2 : 1) + LINE_GAP;
}

/* Sizes the font so one character is exactly @cell dots wide. */
static void
set_font (Preview *pv, PosTextStyle style)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);
  guint cell = char_width (pv, style);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, 20 * PANGO_SCALE);
  pango_layout_set_font_description (pv->layout, desc);
  pango_layout_set_text (pv->layout, "0000000000", -1);
  pango_layout_get_extents (pv->layout, NULL, &logical);
  pango_font_description_set_absolute_size (desc,
                                            20.0 * PANGO_SCALE * cell * 10 * PANGO_SCALE / logical.width);
  pango_font_description_set_weight (desc, (style & POS_TEXT_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pv->layout, desc);
}

/* Draws one printed line at pv->y; @bytes are in the printer's code page. */
static void
draw_line (Preview *pv, GBytes *bytes, PosTextStyle style, PosAlign align)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  double sx = (style & POS_TEXT_DOUBLE_WIDTH) ? 2 : 1;
  double sy = (style & POS_TEXT_DOUBLE_HEIGHT) ? 2 : 1;
  double cell = char_width (pv, style);
  double width = cell * sx * (double)len;
  double height = char_height (style) * sy;
  double x = align == POS_ALIGN_LEFT     ? 0
             : align == POS_ALIGN_CENTER ? (pv->profile->dot_width - width) / 2
                                         : pv->profile->dot_width - width;
  gboolean inverse = (style & POS_TEXT_INVERSE) != 0;
  cairo_t *cr = pv->cr;

  if (inverse)
    {
      cairo_rectangle (cr, x, pv->y, width, height + LINE_GAP / 2.0);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, inverse ? 1 : 0, inverse ? 1 : 0, inverse ? 1 : 0);
  set_font (pv, style);
  for (gsize i = 0; i < len; i++)
    {
      char utf8[8] = { 0 };
      gunichar c = pos_codepage_to_unichar (pv->page, data[i]);
      PangoRectangle logical;

      g_unichar_to_utf8 (c != 0 ? c : '?', utf8);
      pango_layout_set_text (pv->layout, utf8, -1);
      pango_layout_get_pixel_extents (pv->layout, NULL, &logical);
      cairo_save (cr);
      cairo_translate (cr, x + cell * sx * (double)i, pv->y);
      cairo_scale (cr, sx, height / MAX (logical.height, 1));
      pango_cairo_show_layout (cr, pv->layout);
      cairo_restore (cr);
    }
  if (style & POS_TEXT_UNDERLINE)
    {
      cairo_rectangle (cr, x, pv->y + height - 1, width, 2);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
show_lines (Preview *pv, GPtrArray *lines, PosTextStyle style, PosAlign align)
{
  for (guint i = 0; i < lines->len; i++)
    {
      if (pv->cr != NULL)
        draw_line (pv, lines->pdata[i], style, align);
      pv->y += line_height (style);
    }
}

/* The left edge of something @width dots wide aligned on the paper. */
static double
aligned_x (const Preview *pv, PosAlign align, double width)
{
  double room = (double)pv->profile->dot_width - width;

  if (room <= 0 || align == POS_ALIGN_LEFT)
    return 0;
  return align == POS_ALIGN_CENTER ? floor (room / 2) : room;
}

static void
show_bitmap (Preview *pv, const PosBitmap *bitmap, PosAlign align)
{
  cairo_surface_t *image;
  guint8 *pixels;
  int stride;

  if (pv->cr == NULL)
    {
      pv->y += bitmap->height;
      return;
    }
  image = cairo_image_surface_create (CAIRO_FORMAT_A8, (int)bitmap->width, (int)bitmap->height);
  cairo_surface_flush (image);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint y = 0; y < bitmap->height; y++)
    for (guint x = 0; x < bitmap->width; x++)
      pixels[(gsize)y * stride + x] = pos_bitmap_get (bitmap, x, y) ? 0xff : 0;
  cairo_surface_mark_dirty (image);
  cairo_mask_surface (pv->cr, image, aligned_x (pv, align, bitmap->width), pv->y);
  cairo_surface_destroy (image);
  pv->y += bitmap->height;
}

static gboolean
show_barcode (Preview *pv, const PosReceiptBlock *block, GError **error)
{
  guint module = pos_escpos_barcode_module_width (block->text, pv->profile->dot_width);
  g_autofree char *modules = NULL;
  g_autoptr (GPtrArray) hri = NULL;
  double x;

  if (module == 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                   "The barcode “%s” is too long for %u mm paper", block->text, pv->profile->paper_mm);
      return FALSE;
    }
  modules = pos_receipt_preview_code128_modules (block->text);
  x = aligned_x (pv, block->align, (double)strlen (modules) * module);
  if (pv->cr != NULL)
    {
      for (gsize i = 0; modules[i] != '\0'; i++)
        if (modules[i] == '1')
          cairo_rectangle (pv->cr, x + (double)(i * module), pv->y, module, block->count);
      cairo_fill (pv->cr);
    }
  pv->y += block->count + 2;
  hri = pos_escpos_layout_text (pv->page, block->text,
                                pos_escpos_text_columns (pv->profile, POS_TEXT_NORMAL));
  show_lines (pv, hri, POS_TEXT_NORMAL, block->align);
  return TRUE;
}

static void
show_qr (Preview *pv, const PosReceiptBlock *block)
{
  guint size = pos_escpos_qr_module_size (block, pv->profile->dot_width);
  g_autoptr (PosBitmap) bitmap = pos_escpos_qr_bitmap (block, size);

  show_bitmap (pv, bitmap, block->align);
}

static void
show_cut (Preview *pv, const PosReceiptBlock *block)
{
  static const double dash[] = { 8, 6 };
  guint feed = pv->profile->can_cut ? 3 : pv->profile->feed_lines_without_cut;

  pv->y += feed * line_height (POS_TEXT_NORMAL);
  if (pv->cr != NULL)
    {
      cairo_save (pv->cr);
      cairo_set_line_width (pv->cr, 2);
      cairo_set_dash (pv->cr, dash, G_N_ELEMENTS (dash), 0);
      if (!pv->profile->can_cut)
        cairo_set_source_rgb (pv->cr, 0.6, 0.6, 0.6); /* tear here */
      cairo_move_to (pv->cr, 0, pv->y + 1);
      cairo_line_to (pv->cr, pv->profile->dot_width, pv->y + 1);
      cairo_stroke (pv->cr);
      cairo_restore (pv->cr);
    }
  pv->y += LINE_GAP;
}

static gboolean
show_block (Preview *pv, const PosReceiptBlock *block, GError **error)
{
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (PosBitmap) logo = NULL;
  char rule[256];
  guint columns;

  switch (block->kind)
    {
      case POS_BLOCK_TEXT:
        columns = pos_escpos_text_columns (pv->profile, block->style);
        lines = pos_escpos_layout_text (pv->page, block->text, columns);
        show_lines (pv, lines, block->style, block->align);
        break;
      case POS_BLOCK_COLUMNS:
        columns = pos_escpos_text_columns (pv->profile, block->style);
        lines = pos_escpos_layout_columns (pv->page, block->text, block->right, columns,
                                           (block->style & POS_TEXT_TRUNCATE) != 0);
        show_lines (pv, lines, block->style, POS_ALIGN_LEFT);
        break;
      case POS_BLOCK_RULE:
        columns = MIN (pos_escpos_text_columns (pv->profile, POS_TEXT_NORMAL), sizeof rule - 1);
        memset (rule, block->rule_char, columns);
        rule[columns] = '\0';
        lines = pos_escpos_layout_text (pv->page, rule, columns);
        show_lines (pv, lines, POS_TEXT_NORMAL, POS_ALIGN_LEFT);
        break;
      case POS_BLOCK_FEED:
        pv->y += block->count * line_height (POS_TEXT_NORMAL);
        break;
      case POS_BLOCK_BARCODE:
        return show_barcode (pv, block, error);
      case POS_BLOCK_QR:
        show_qr (pv, block);
        break;
      case POS_BLOCK_LOGO:
        logo = pos_bitmap_new_from_pixbuf (block->image, pv->profile->dot_width);
        show_bitmap (pv, logo, block->align);
        break;
      case POS_BLOCK_CUT:
        show_cut (pv, block);
        break;
      case POS_BLOCK_DRAWER:
        break; /* nothing on paper */
      default:
        g_assert_not_reached ();
    }
  return TRUE;
}

/* One pass over all blocks; returns FALSE on the first block that cannot print. */
static gboolean
show_all (Preview *pv, PosReceipt *receipt, GError **error)
{
  pv->y = MARGIN_TOP;
  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    if (!show_block (pv, pos_receipt_get_block (receipt, i), error))
      return FALSE;
  pv->y += MARGIN_BOTTOM;
  return TRUE;
}

/* Measures, then draws, with the layout already set up in @pv. */
static cairo_surface_t *
render (Preview *pv, PosReceipt *receipt, GError **error)
{
  cairo_surface_t *surface;
  int height;

  if (!show_all (pv, receipt, error))
    return NULL;
  height = (int)ceil (pv->y);
  if (height > MAX_HEIGHT)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                   "The receipt is too long to preview (%d dots)", height);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)pv->profile->dot_width, height);
  pv->cr = cairo_create (surface);
  cairo_set_source_rgb (pv->cr, 1, 1, 1);
  cairo_paint (pv->cr);
  cairo_set_source_rgb (pv->cr, 0, 0, 0);
  pango_cairo_update_context (pv->cr, pango_layout_get_context (pv->layout));
  show_all (pv, receipt, NULL);
  g_clear_pointer (&pv->cr, cairo_destroy);
  return surface;
}

cairo_surface_t *
pos_receipt_preview_render (PosReceipt *receipt, const PosPrinterProfile *profile, GError **error)
{
  Preview pv = { .profile = profile };
  PangoFontMap *fontmap;
  PangoContext *context;
  cairo_surface_t *surface;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pv.page = pos_escpos_pick_codepage (receipt, profile);
  /* A font map of our own: the default one is per thread and never freed. */
  fontmap = pango_cairo_font_map_new ();
  context = pango_font_map_create_context (fontmap);
  pv.layout = pango_layout_new (context);
  surface = render (&pv, receipt, error);
  g_object_unref (pv.layout);
  g_object_unref (context);
  g_object_unref (fontmap);
  return surface;
}

/*
 * A receipt names the shop's customers and what they bought: like the store,
 * its files are for the shop's account only. Opened (or truncated) with
 * mode 0600, and a file that was there already loses wider permissions
 * before a byte of the receipt is in it.
 */
static int
open_private (const char *path, const char *what, GError **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0600);

  if (fd >= 0 && fchmod (fd, 0600) != 0)
    {
      int saved = errno;
      close (fd);
      errno = saved;
      fd = -1;
    }
  if (fd < 0)
    g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED, "Cannot write the %s %s: %s", what, path,
                 g_strerror (errno));
  return fd;
}

/* cairo's stream writer onto a file descriptor (@closure). */
static cairo_status_t
write_fd (void *closure, const unsigned char *data, unsigned int length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += n;
      length -= (unsigned int)n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Closes @fd, turning a failed close into a write error. */
static cairo_status_t
close_status (int fd, cairo_status_t status)
{
  if (close (fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    return CAIRO_STATUS_WRITE_ERROR;
  return status;
}

gboolean
pos_receipt_preview_write_png (PosReceipt *receipt, const PosPrinterProfile *profile, const char *path,
                               GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  int fd;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = pos_receipt_preview_render (receipt, profile, error);
  if (surface == NULL)
    return FALSE;
  if ((fd = open_private (path, "receipt preview", error)) < 0)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  status = close_status (fd, cairo_surface_write_to_png_stream (surface, write_fd, GINT_TO_POINTER (fd)));
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED,
                   "Cannot write the receipt preview to %s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Thermal printers put 8 dots in a millimetre (203 dpi); PDF counts 72
 * points an inch, so the page comes out the size of the paper. */
#define DOTS_PER_INCH 203.0

gboolean
pos_receipt_preview_write_pdf (PosReceipt *receipt, const PosPrinterProfile *profile, const char *path,
                               GError **error)
{
  cairo_surface_t *image;
  cairo_surface_t *pdf;
  cairo_status_t status;
  double scale = 72.0 / DOTS_PER_INCH;
  int fd;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((image = pos_receipt_preview_render (receipt, profile, error)) == NULL)
    return FALSE;
  if ((fd = open_private (path, "PDF", error)) < 0)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }
  pdf = cairo_pdf_surface_create_for_stream (write_fd, GINT_TO_POINTER (fd),
                                             cairo_image_surface_get_width (image) * scale,
                                             cairo_image_surface_get_height (image) * scale);
  /* A file that cannot be created: stop before drawing on nothing. */
  if ((status = cairo_surface_status (pdf)) == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (pdf);

      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, image, 0, 0);
      /* Dots stay sharp squares, not blurred by scaling. */
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (pdf);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (pdf);
    }
  cairo_surface_destroy (pdf);
  cairo_surface_destroy (image);
  status = close_status (fd, status);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED, "Cannot write the PDF %s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
