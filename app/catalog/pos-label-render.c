/* pos-label-render.c — cairo surfaces for label sheets. */
#include "pos-label-render.h"

#include <glib/gi18n-lib.h>

#include <cairo-pdf.h>

#include "pos-error.h"

#define MM_PER_INCH 25.4
#define POINTS_PER_INCH 72.0

static gboolean
check_status (cairo_status_t status, const char *path, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot write %s: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

static void
draw_outline (cairo_t *cr, const PosLabelRect *rect)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (cr, 0.2);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Draws the labels of page @page; @outlines for previews. */
static gboolean
draw_page (cairo_t *cr, GPtrArray *labels, const PosLabelSheet *sheet, guint page, gboolean outlines,
           GError **error)
{
  guint per_page = pos_label_sheet_per_page (sheet);

  for (guint i = page * per_page; i < labels->len && i < (page + 1) * per_page; i++)
    {
      PosLabelRect rect;
      guint on_page;

      pos_label_sheet_cell (sheet, i, &on_page, &rect);
      g_assert (on_page == page);
      if (outlines)
        draw_outline (cr, &rect);
      if (!pos_label_draw (g_ptr_array_index (labels, i), cr, &rect, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pos_label_render_pdf (GPtrArray *labels, const PosLabelSheet *sheet, const char *path, GError **error)
{
  double to_points = POINTS_PER_INCH / MM_PER_INCH;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;
  cairo_status_t status;

  g_return_val_if_fail (labels != NULL && sheet != NULL && path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, sheet->page_width * to_points, sheet->page_height * to_points);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Shelf labels");
  cr = cairo_create (surface);
  cairo_scale (cr, to_points, to_points);
  for (guint page = 0; ok && page < pos_label_sheet_pages (sheet, labels->len); page++)
    {
      ok = draw_page (cr, labels, sheet, page, FALSE, error);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return ok && check_status (status, path, error);
}

/* A white image of @width × @height mm at @dpi, with @cr in millimetres. */
static cairo_surface_t *
white_image (double width, double height, double dpi, cairo_t **cr)
{
  double to_pixels = dpi / MM_PER_INCH;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(width * to_pixels + 0.5),
                                                         (int)(height * to_pixels + 0.5));

  *cr = cairo_create (surface);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  cairo_scale (*cr, to_pixels, to_pixels);
  return surface;
}

cairo_surface_t *
pos_label_render_page (GPtrArray *labels, const PosLabelSheet *sheet, guint page, double dpi, GError **error)
{
  cairo_t *cr;
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (labels != NULL && sheet != NULL, NULL);
  g_return_val_if_fail (dpi >= 36 && dpi <= 1200, NULL);

  surface = white_image (sheet->page_width, sheet->page_height, dpi, &cr);
  ok = draw_page (cr, labels, sheet, page, TRUE, error);
  cairo_destroy (cr);
  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

gboolean
pos_label_render_png (GPtrArray *labels, const PosLabelSheet *sheet, guint page, double dpi, const char *path,
                      GError **error)
{
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (labels != NULL && sheet != NULL && path != NULL, FALSE);

  if ((surface = pos_label_render_page (labels, sheet, page, dpi, error)) == NULL)
    return FALSE;
  ok = check_status (cairo_surface_write_to_png (surface, path), path, error);
  cairo_surface_destroy (surface);
  return ok;
}

cairo_surface_t *
pos_label_render_image (const PosLabel *label, const PosLabelSheet *sheet, double dpi, GError **error)
{
  PosLabelRect rect = { 0, 0, sheet->label_width, sheet->label_height };
  cairo_t *cr;
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (label != NULL && sheet != NULL, NULL);

  surface = white_image (sheet->label_width, sheet->label_height, dpi, &cr);
  ok = pos_label_draw (label, cr, &rect, error);
  cairo_destroy (cr);
  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}
