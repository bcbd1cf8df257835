/* pos-label-barcode.c — libzint vectors onto cairo. */
#include "pos-label-barcode.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <zint.h>

#include "pos-barcode.h"
#include "pos-error.h"

/* Linear bars may be drawn wider than tall, but not so much that a scanner's
 * line misses the symbol's height: at most this much wider per module. */
#define MAX_STRETCH 2.5

static gboolean
all_digits (const char *code, gsize length)
{
  if (strlen (code) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

PosLabelSymbology
pos_label_symbology_for_code (const char *code)
{
  g_return_val_if_fail (code != NULL, POS_LABEL_SYMBOLOGY_CODE128);

  if (all_digits (code, 14) && code[0] != '0' && pos_gtin_check_digit_valid (code))
    return POS_LABEL_SYMBOLOGY_DATABAR;
  if (all_digits (code, 13) && pos_gtin_check_digit_valid (code))
    return code[0] == '0' ? POS_LABEL_SYMBOLOGY_UPCA : POS_LABEL_SYMBOLOGY_EAN13;
  if ((all_digits (code, 12) || all_digits (code, 8)) && pos_gtin_check_digit_valid (code))
    return strlen (code) == 12 ? POS_LABEL_SYMBOLOGY_UPCA : POS_LABEL_SYMBOLOGY_EAN8;
  return POS_LABEL_SYMBOLOGY_CODE128;
}

const char *
pos_label_symbology_name (PosLabelSymbology symbology)
{
  static const char *const names[] = { "EAN-13", "EAN-8", "UPC-A", "Code 128", "QR", "GS1 DataBar" };

  g_return_val_if_fail (symbology <= POS_LABEL_SYMBOLOGY_DATABAR, "");
  return names[symbology];
}

/* The symbol for @code, encoded to vectors; NULL with the reason. */
static struct zint_symbol *
encode (const char *code, PosLabelSymbology symbology, GError **error)
{
  /* The _CHK variants take the check digit and verify it. */
  static const int zint_ids[] = { BARCODE_EANX_CHK, BARCODE_EANX_CHK, BARCODE_UPCA_CHK,
                                  BARCODE_CODE128,  BARCODE_QRCODE,   BARCODE_DBAR_OMN };
  struct zint_symbol *symbol = ZBarcode_Create ();
  /* A UPC-A is stored as a 13-digit code with a leading 0. */
  const char *data = symbology == POS_LABEL_SYMBOLOGY_UPCA && strlen (code) == 13 ? code + 1 : code;
  int rc;

  symbol->symbology = zint_ids[symbology];
  symbol->output_options |= BARCODE_QUIET_ZONES;
  rc = ZBarcode_Encode_and_Buffer_Vector (symbol, (const unsigned char *)data, (int)strlen (data), 0);
  if (rc >= ZINT_ERROR || symbol->vector == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Cannot draw “%s” as %s: %s"), code,
                   pos_label_symbology_name (symbology), symbol->errtxt);
      ZBarcode_Delete (symbol);
      return NULL;
    }
  return symbol;
}

static void
draw_strings (cairo_t *cr, const struct zint_vector *vector, double sx, double sy)
{
  double font_scale = MIN (sx, sy);

  cairo_select_font_face (cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (const struct zint_vector_string *s = vector->strings; s != NULL; s = s->next)
    {
      cairo_text_extents_t extents;
      double x = s->x * sx;

      cairo_set_font_size (cr, s->fsize * font_scale);
      cairo_text_extents (cr, (const char *)s->text, &extents);
      if (s->halign == 0)
        x -= extents.x_advance / 2;
      else if (s->halign == 2)
        x -= extents.x_advance;
      cairo_move_to (cr, x, s->y * sy);
      cairo_show_text (cr, (const char *)s->text);
    }
}

static void
draw_vector (cairo_t *cr, const struct zint_vector *vector, double sx, double sy)
{
  for (const struct zint_vector_rect *r = vector->rectangles; r != NULL; r = r->next)
    {
      /* -1 is the foreground; the label's paper is the background. */
      if (r->colour != -1 && r->colour != 7)
        continue;
      cairo_rectangle (cr, r->x * sx, r->y * sy, r->width * sx, r->height * sy);
    }
  cairo_fill (cr);
  draw_strings (cr, vector, sx, sy);
}

gboolean
pos_label_barcode_draw (cairo_t *cr, const char *code, PosLabelSymbology symbology, double x, double y,
                        double width, double height, GError **error)
{
  struct zint_symbol *symbol;
  const struct zint_vector *vector;
  double sx, sy;

  g_return_val_if_fail (cr != NULL && code != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  if ((symbol = encode (code, symbology, error)) == NULL)
    return FALSE;
  vector = symbol->vector;
  sx = width / vector->width;
  sy = height / vector->height;
  if (symbology == POS_LABEL_SYMBOLOGY_QR)
    sx = sy = MIN (sx, sy);
  else
    sx = MIN (sx, sy * MAX_STRETCH);

  cairo_save (cr);
  cairo_translate (cr, x + (width - vector->width * sx) / 2, y + (height - vector->height * sy) / 2);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_vector (cr, vector, sx, sy);
  cairo_restore (cr);
  ZBarcode_Delete (symbol);
  return TRUE;
}
