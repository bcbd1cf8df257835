/* pos-label-render.h — label sheets as PDF pages, PNG previews and images.
 *
 * The same drawing (pos-label.c) goes to every output: a PDF of whole sheets
 * to print on A4 stock or send through CUPS, a PNG preview of one page (with
 * the label outlines in grey, which the PDF leaves out so nothing prints
 * beside a die-cut edge), and a bitmap of one label for a label printer.
 */
#pragma once

#include <cairo.h>

#include "pos-label-sheet.h"
#include "pos-label.h"

G_BEGIN_DECLS

/* Writes @labels (PosLabel) on as many pages of @sheet as they need to the
 * PDF file @path. POS_ERROR_INVALID when a code cannot be drawn,
 * POS_ERROR_FAILED when the file cannot be written. */
gboolean pos_label_render_pdf (GPtrArray *labels, const PosLabelSheet *sheet, const char *path,
                               GError **error);

/* Page @page (from 0) of @labels on @sheet as an image at @dpi, label
 * outlines in grey, as the preview shows it. Returns: (transfer full)
 * (nullable) */
cairo_surface_t *pos_label_render_page (GPtrArray *labels, const PosLabelSheet *sheet, guint page, double dpi,
                                        GError **error);

/* Writes page @page (from 0) of @labels on @sheet to the PNG file @path at
 * @dpi dots per inch. */
gboolean pos_label_render_png (GPtrArray *labels, const PosLabelSheet *sheet, guint page, double dpi,
                               const char *path, GError **error);

/* One label of the size of @sheet's labels, white with black content, at
 * @dpi. Returns: (transfer full) (nullable) */
cairo_surface_t *pos_label_render_image (const PosLabel *label, const PosLabelSheet *sheet, double dpi,
                                         GError **error);

G_END_DECLS
