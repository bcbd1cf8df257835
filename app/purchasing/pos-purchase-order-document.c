/* pos-purchase-order-document.c — a purchase order as the supplier gets it:
 * a CSV for their system and a one-page A4 PDF drawn with cairo and Pango. */
#include "pos-purchase-order.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pos-csv.h"
#include "pos-shop.h"

#define A4_WIDTH_PT 595.0
#define A4_HEIGHT_PT 842.0
#define MARGIN_PT 50.0
#define ROW_PT 16.0

static char *
money (PosStore *store, PosAmount amount)
{
  return amount >= 0 ? pos_amount_to_string (amount, pos_shop_currency (store)) : g_strdup ("");
}

gboolean
pos_purchase_order_write_csv (PosStore *store, const PosPurchaseOrder *order, const char *path,
                              GError **error)
{
  static const char *const header[] = { "sku", "order_code", "name", "qty", "unit_cost", "line_total", NULL };
  g_autoptr (PosCsvWriter) csv = NULL;

  g_return_val_if_fail (store != NULL && order != NULL && path != NULL, FALSE);

  if ((csv = pos_csv_writer_new_for_path (path, error)) == NULL || !pos_csv_writer_row (csv, header, error))
    return FALSE;
  for (guint i = 0; i < order->lines->len; i++)
    {
      PosOrderLine *l = g_ptr_array_index (order->lines, i);
      PosAmount total = -1;
      g_autofree char *name = pos_csv_text_for_spreadsheet (g_strdup (l->name));
      g_autofree char *code = pos_csv_text_for_spreadsheet (g_strdup (l->order_code ? l->order_code : ""));
      g_autofree char *qty = pos_qty_to_string (l->qty);
      g_autofree char *cost = money (store, l->unit_cost);
      g_autofree char *line_total = NULL;
      const char *row[7];

      if (l->unit_cost >= 0 && !pos_amount_mul_qty (l->unit_cost, l->qty, &total, error))
        return FALSE;
      line_total = money (store, total);
      row[0] = l->sku, row[1] = code, row[2] = name, row[3] = qty, row[4] = cost, row[5] = line_total;
      row[6] = NULL;
      if (!pos_csv_writer_row (csv, row, error))
        return FALSE;
    }
  return pos_csv_writer_close (csv, error);
}

/* Draws @text at (@x, @y), right-aligned to @x when @right. */
static void
show (cairo_t *cr, PangoLayout *layout, double x, double y, const char *text, gboolean right)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, right ? x - width : x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_heading (cairo_t *cr, PangoLayout *layout, PosStore *store, const PosPurchaseOrder *order)
{
  g_autofree char *shop = pos_shop_setting_get (store, "shop_name");
  g_autofree char *title = g_strdup_printf (_ ("Purchase order %lld"), (long long)order->id);
  g_autofree char *to = g_strdup_printf (_ ("To: %s"), order->supplier);
  g_autofree char *from = g_strdup_printf (_ ("From: %s"), shop != NULL ? shop : "");
  g_autofree char *date = g_strdup_printf (_ ("Date: %.10s"), order->created_at);

  show (cr, layout, MARGIN_PT, MARGIN_PT, title, FALSE);
  show (cr, layout, MARGIN_PT, MARGIN_PT + 2 * ROW_PT, to, FALSE);
  show (cr, layout, MARGIN_PT, MARGIN_PT + 3 * ROW_PT, from, FALSE);
  show (cr, layout, MARGIN_PT, MARGIN_PT + 4 * ROW_PT, date, FALSE);
}

/* One row of the table: code, name, quantity, unit cost, line total. */
static void
draw_row (cairo_t *cr, PangoLayout *layout, double y, const char *const cells[5])
{
  show (cr, layout, MARGIN_PT, y, cells[0], FALSE);
  show (cr, layout, MARGIN_PT + 90, y, cells[1], FALSE);
  show (cr, layout, A4_WIDTH_PT - MARGIN_PT - 160, y, cells[2], TRUE);
  show (cr, layout, A4_WIDTH_PT - MARGIN_PT - 80, y, cells[3], TRUE);
  show (cr, layout, A4_WIDTH_PT - MARGIN_PT, y, cells[4], TRUE);
}

static gboolean
draw_lines (cairo_t *cr, PangoLayout *layout, PosStore *store, const PosPurchaseOrder *order, GError **error)
{
  const char *const head[5] = { _ ("Code"), _ ("Article"), _ ("Quantity"), _ ("Price"), _ ("Total") };
  double y = MARGIN_PT + 7 * ROW_PT;
  g_autofree char *total = money (store, order->total);
  const char *const foot[5] = { "", _ ("Total"), "", "", total };

  draw_row (cr, layout, y, head);
  for (guint i = 0; i < order->lines->len && y < A4_HEIGHT_PT - MARGIN_PT - 3 * ROW_PT; i++)
    {
      PosOrderLine *l = g_ptr_array_index (order->lines, i);
      PosAmount line = -1;
      g_autofree char *qty = pos_qty_to_string (l->qty);
      g_autofree char *cost = money (store, l->unit_cost);
      g_autofree char *line_total = NULL;
      g_autofree char *article = g_strdup_printf ("%s (%s)", l->name, l->sku);

      if (l->unit_cost >= 0 && !pos_amount_mul_qty (l->unit_cost, l->qty, &line, error))
        return FALSE;
      line_total = money (store, line);
      y += ROW_PT;
      draw_row (cr, layout, y,
                (const char *const[5]){ l->order_code ? l->order_code : "", article, qty, cost, line_total });
    }
  draw_row (cr, layout, y + 2 * ROW_PT, foot);
  return TRUE;
}

gboolean
pos_purchase_order_write_pdf (PosStore *store, const PosPurchaseOrder *order, const char *path,
                              GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (store != NULL && order != NULL && path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, A4_WIDTH_PT, A4_HEIGHT_PT);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  pango_layout_set_font_description (layout, font);
  draw_heading (cr, layout, store, order);
  ok = draw_lines (cr, layout, store, order, error);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return ok;
}
