/* pos-label.c — what a label says and how it is laid out. */
#include "pos-label.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pos-label-unit-price.h"

/* Inner margin of every label: die-cut sheets are placed to within about a
 * millimetre, and nothing should be cut off at the edge. */
#define INNER_MARGIN 2.0
/* Font sizes (points) on a label of the reference height; smaller labels
 * scale them down. */
#define REFERENCE_HEIGHT 37.0
#define NAME_PT 9.0
#define PRICE_PT 20.0
#define SMALL_PT 6.5

PosLabel *
pos_label_new (const PosProduct *product, const char *code, const PosCurrency *currency, gboolean qr)
{
  PosLabel *label = g_new0 (PosLabel, 1);
  PosUnitBase base;
  PosAmount unit_price;

  g_return_val_if_fail (product != NULL && currency != NULL, NULL);
  label->product_id = product->id;
  label->name = g_strdup (product->name);
  label->sku = g_strdup (product->sku);
  label->code = g_strdup (code != NULL ? code : product->sku);
  label->symbology = qr ? POS_LABEL_SYMBOLOGY_QR : pos_label_symbology_for_code (label->code);
  label->price = product->price;
  label->unit = g_strdup (product->unit);
  label->price_text = pos_amount_format (product->price, currency);
  if (pos_unit_price_for_product (product, &base, &unit_price))
    {
      g_autofree char *amount = pos_amount_format (unit_price, currency);
      label->unit_price_text = g_strdup_printf ("%s = %s", pos_unit_base_label (base), amount);
    }
  return label;
}

void
pos_label_free (PosLabel *label)
{
  if (label == NULL)
    return;
  g_free (label->name);
  g_free (label->sku);
  g_free (label->code);
  g_free (label->unit);
  g_free (label->price_text);
  g_free (label->unit_price_text);
  g_free (label);
}

/* Draws @text at (x, y) within @width mm; returns the height it took. */
static double
draw_text (cairo_t *cr, const char *text, double x, double y, double width, double points, gboolean bold,
           int max_lines)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans");
  int text_width, text_height;

  /* The user space is in mm: 25.4 of them to the inch makes points points. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 25.4);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int)(points * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &text_width, &text_height);
  return (double)text_height / PANGO_SCALE;
}

/* "per kg", "per l", "per m", or NULL for a product sold by the piece. */
static const char *
per_unit (const char *unit)
{
  if (g_str_equal (unit, "kg"))
    return _ ("per kg");
  if (g_str_equal (unit, "l"))
    return _ ("per l");
  if (g_str_equal (unit, "m"))
    return _ ("per m");
  return NULL;
}

/* The price block on the left: price, "per kg" or the unit price, SKU. */
static void
draw_prices (const PosLabel *label, cairo_t *cr, double x, double y, double width, double scale)
{
  const char *per = per_unit (label->unit);

  y += draw_text (cr, label->price_text, x, y, width, PRICE_PT * scale, TRUE, 1);
  /* A measured product's price is its unit price: "per kg" says it all. */
  if (per != NULL)
    y += draw_text (cr, per, x, y, width, SMALL_PT * scale, FALSE, 1);
  else if (label->unit_price_text != NULL)
    y += draw_text (cr, label->unit_price_text, x, y, width, SMALL_PT * scale, FALSE, 1);
  draw_text (cr, label->sku, x, y, width, SMALL_PT * scale, FALSE, 1);
}

gboolean
pos_label_draw (const PosLabel *label, cairo_t *cr, const PosLabelRect *rect, GError **error)
{
  double scale = MIN (1.0, rect->height / REFERENCE_HEIGHT);
  double x = rect->x + INNER_MARGIN, y = rect->y + INNER_MARGIN;
  double width = rect->width - 2 * INNER_MARGIN, height = rect->height - 2 * INNER_MARGIN;
  double name_height, bars_width;

  g_return_val_if_fail (label != NULL && cr != NULL && rect != NULL, FALSE);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  name_height = draw_text (cr, label->name, x, y, width, NAME_PT * scale, TRUE, 2) + 0.5;
  bars_width
      = label->symbology == POS_LABEL_SYMBOLOGY_QR ? MIN (width * 0.45, height - name_height) : width * 0.55;
  draw_prices (label, cr, x, y + name_height, width - bars_width - 1.0, scale);
  cairo_restore (cr);
  return pos_label_barcode_draw (cr, label->code, label->symbology, x + width - bars_width, y + name_height,
                                 bars_width, height - name_height, error);
}
