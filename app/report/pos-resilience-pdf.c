/* pos-resilience-pdf.c — the owner's page on one printable A4 page, for
 * the shop's bank or adviser: every figure with its one-line explanation
 * in two columns, and the three charts that say most underneath.
 */
#include "pos-resilience.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pos-resilience-chart.h"

#define PAGE_W 595.0 /* A4 in points */
#define PAGE_H 842.0
#define MARGIN 32.0
#define GUTTER 16.0
#define CHART_H 120.0

static const PosChartColors paper = {
  { 0.1, 0.1, 0.1, 1 },
  { 0.11, 0.44, 0.85, 1 },
  { 0.75, 0.22, 0.17, 1 },
};

/* Lays out @text in @width at @size; returns the height used. */
static double
text_at (cairo_t *cr, const char *text, double x, double y, double width, double size, gboolean bold,
         double grey)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, NULL, &h);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

static void
status_dot (cairo_t *cr, const char *status, double x, double y)
{
  if (g_str_equal (status, "good"))
    cairo_set_source_rgb (cr, 0.18, 0.62, 0.27);
  else if (g_str_equal (status, "watch"))
    cairo_set_source_rgb (cr, 0.9, 0.6, 0.0);
  else if (g_str_equal (status, "poor"))
    cairo_set_source_rgb (cr, 0.8, 0.16, 0.16);
  else
    cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_arc (cr, x, y, 2.6, 0, 2 * G_PI);
  cairo_fill (cr);
}

static double
draw_figure (cairo_t *cr, JsonObject *figure, double x, double y, double width)
{
  g_autofree char *line = g_strdup_printf ("%s: %s", json_object_get_string_member (figure, "label"),
                                           json_object_get_string_member (figure, "text"));
  double h;

  status_dot (cr, json_object_get_string_member (figure, "status"), x + 3, y + 5);
  h = text_at (cr, line, x + 9, y, width - 9, 7.5, FALSE, 0.05);
  h += text_at (cr, json_object_get_string_member (figure, "explains"), x + 9, y + h, width - 9, 6.2, FALSE,
                0.4);
  return h + 2.5;
}

/* Sections down two columns; returns where the lower of them ends. */
static double
draw_sections (cairo_t *cr, JsonArray *sections, double top)
{
  double column_w = (PAGE_W - 2 * MARGIN - GUTTER) / 2, y[2] = { top, top };
  guint n = json_array_get_length (sections);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);
      JsonArray *figures = json_object_get_array_member (section, "figures");
      int col = i < n / 2 ? 0 : 1; /* the first sections are the tallest */
      double x = MARGIN + col * (column_w + GUTTER);

      y[col]
          += text_at (cr, json_object_get_string_member (section, "title"), x, y[col], column_w, 10, TRUE, 0)
             + 2;
      for (guint k = 0; k < json_array_get_length (figures); k++)
        y[col] += draw_figure (cr, json_array_get_object_element (figures, k), x, y[col], column_w);
      y[col] += 6;
    }
  return MAX (y[0], y[1]);
}

/* The chart @id of any section, or NULL. */
static JsonObject *
find_chart (JsonArray *sections, const char *id)
{
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonArray *charts
          = json_object_get_array_member (json_array_get_object_element (sections, i), "charts");

      for (guint k = 0; k < json_array_get_length (charts); k++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (charts, k), "id"), id))
          return json_array_get_object_element (charts, k);
    }
  return NULL;
}

static void
draw_charts (cairo_t *cr, JsonArray *sections, double y)
{
  static const char *const ids[] = { "hhi_trend", "by_hour", "scenarios" };
  double w = (PAGE_W - 2 * MARGIN - 2 * GUTTER) / 3;

  /* Under the figures, or at the foot of the page when they reach it. */
  y = MIN (y + 8, PAGE_H - MARGIN - CHART_H);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *chart = find_chart (sections, ids[i]);

      if (chart == NULL)
        continue;
      cairo_save (cr);
      cairo_translate (cr, MARGIN + i * (w + GUTTER), y);
      pos_resilience_chart_draw (cr, chart, w, CHART_H, &paper, 8.0);
      cairo_restore (cr);
    }
}

gboolean
pos_resilience_write_pdf (JsonNode *report, const char *path, GError **error)
{
  g_autofree char *title = NULL, *subtitle = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  JsonObject *o;
  JsonArray *sections;
  cairo_t *cr;
  double y;

  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report) && path != NULL, FALSE);

  o = json_node_get_object (report);
  sections = json_object_get_array_member (o, "sections");
  surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  cr = cairo_create (surface);
  title = g_strdup_printf (_ ("%s — how the shop is doing"), json_object_get_string_member (o, "shop"));
  subtitle = g_strdup_printf (_ ("%s · last full month %s · amounts in %s · from the shop's own records"),
                              json_object_get_string_member (o, "today"),
                              json_object_get_string_member (o, "month"),
                              json_object_get_string_member (o, "currency"));
  y = MARGIN + text_at (cr, title, MARGIN, MARGIN, PAGE_W - 2 * MARGIN, 15, TRUE, 0);
  y += text_at (cr, subtitle, MARGIN, y, PAGE_W - 2 * MARGIN, 8, FALSE, 0.35) + 8;
  y = draw_sections (cr, sections, y);
  draw_charts (cr, sections, y);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not write %s: %s"), path,
                        cairo_status_to_string (status)),
           FALSE;
  return TRUE;
}
