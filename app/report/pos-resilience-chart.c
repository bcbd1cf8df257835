/* pos-resilience-chart.c — line, bar and share charts of the owner's page. */
#include "pos-resilience-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#define PAD 4.0

static void
set_colour (cairo_t *cr, const double rgba[4], double alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

/* Text at (@x, @y): @align 0 left, 0.5 centred, 1 right. Returns its height. */
static double
draw_text (cairo_t *cr, const char *text, double x, double y, double size, gboolean bold, double align,
           double max_width)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

static double
value_at (JsonArray *values, guint i)
{
  JsonNode *node = json_array_get_element (values, i);

  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0.0;
}

static double
top_of (JsonArray *values, JsonArray *marks)
{
  double top = 0.0;

  for (guint i = 0; i < json_array_get_length (values); i++)
    top = MAX (top, value_at (values, i));
  for (guint i = 0; marks != NULL && i < json_array_get_length (marks); i++)
    top = MAX (top, json_object_get_double_member (json_array_get_object_element (marks, i), "value") * 1.15);
  return top > 0 ? top * 1.05 : 1.0;
}

typedef struct
{
  double x, y, w, h; /* the plot area */
  double top;        /* the value at its top */
} Plot;

static double
plot_y (const Plot *p, double value)
{
  return p->y + p->h - p->h * MAX (value, 0.0) / p->top;
}

static void
draw_axis (cairo_t *cr, const Plot *p, const PosChartColors *c)
{
  set_colour (cr, c->fg, 0.5);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, p->x, p->y + p->h + 0.5);
  cairo_line_to (cr, p->x + p->w, p->y + p->h + 0.5);
  cairo_stroke (cr);
}

static void
draw_labels (cairo_t *cr, const Plot *p, JsonArray *labels, const PosChartColors *c, double size)
{
  guint n = json_array_get_length (labels);
  double slot = n > 0 ? p->w / n : p->w;
  /* Narrow slots label every second or third value, whole. */
  guint step = slot < size * 3.2 ? (guint)ceil (size * 3.2 / slot) : 1;

  set_colour (cr, c->fg, 0.8);
  for (guint i = 0; i < n; i += step)
    draw_text (cr, json_array_get_string_element (labels, i), p->x + slot * (i + 0.5), p->y + p->h + 2, size,
               FALSE, 0.5, step > 1 ? 0 : slot - 1);
}

static void
draw_bars (cairo_t *cr, const Plot *p, JsonArray *values, const PosChartColors *c)
{
  guint n = json_array_get_length (values);
  double slot = n > 0 ? p->w / n : p->w;

  set_colour (cr, c->accent, 1.0);
  for (guint i = 0; i < n; i++)
    {
      double y = plot_y (p, value_at (values, i));
      cairo_rectangle (cr, p->x + slot * i + slot * 0.15, y, slot * 0.7, p->y + p->h - y);
    }
  cairo_fill (cr);
}

static void
draw_marks (cairo_t *cr, const Plot *p, JsonArray *marks, const PosChartColors *c, double size)
{
  const double dash[] = { 4.0, 3.0 };

  for (guint i = 0; marks != NULL && i < json_array_get_length (marks); i++)
    {
      JsonObject *mark = json_array_get_object_element (marks, i);
      double y = plot_y (p, json_object_get_double_member (mark, "value"));

      set_colour (cr, c->mark, 0.9);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, p->x, y);
      cairo_line_to (cr, p->x + p->w, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_text (cr, json_object_get_string_member (mark, "label"), p->x + p->w, y - size - 2, size, FALSE,
                 1.0, 0);
    }
}

static void
draw_line (cairo_t *cr, const Plot *p, JsonArray *values, const PosChartColors *c)
{
  guint n = json_array_get_length (values);
  double slot = n > 0 ? p->w / n : p->w;

  set_colour (cr, c->accent, 1.0);
  cairo_set_line_width (cr, 2.0);
  /* Text leaves a current point behind: the line starts at its first value. */
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, p->x + slot * (i + 0.5), plot_y (p, value_at (values, i)));
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      cairo_arc (cr, p->x + slot * (i + 0.5), plot_y (p, value_at (values, i)), 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

/* One bar split in shares, with a legend of name and share under it. */
static void
draw_share (cairo_t *cr, const Plot *p, JsonArray *labels, JsonArray *values, const PosChartColors *c,
            double size)
{
  guint n = json_array_get_length (values);
  double total = 0.0, x = p->x, y = p->y + size + 4;

  for (guint i = 0; i < n; i++)
    total += MAX (value_at (values, i), 0.0);
  if (total <= 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      double w = p->w * MAX (value_at (values, i), 0.0) / total;
      g_autofree char *legend = g_strdup_printf ("%s %.0f %%", json_array_get_string_element (labels, i),
                                                 100.0 * value_at (values, i) / total);

      set_colour (cr, c->accent, 1.0 - 0.8 * i / MAX (n, 1));
      cairo_rectangle (cr, x, p->y, MAX (w - 1, 0.5), size + 2);
      cairo_fill (cr);
      cairo_rectangle (cr, p->x, y + 2, size * 0.8, size * 0.8);
      cairo_fill (cr);
      set_colour (cr, c->fg, 0.9);
      y += draw_text (cr, legend, p->x + size * 1.2, y, size, FALSE, 0, p->w - size * 1.2);
      x += w;
    }
}

void
pos_resilience_chart_draw (cairo_t *cr, JsonObject *chart, double width, double height,
                           const PosChartColors *colors, double font_size)
{
  const char *kind = json_object_get_string_member_with_default (chart, "kind", "bar");
  JsonArray *labels = json_object_get_array_member (chart, "labels");
  JsonArray *values = json_object_get_array_member (chart, "values");
  JsonArray *marks
      = json_object_has_member (chart, "marks") ? json_object_get_array_member (chart, "marks") : NULL;
  double title_h, small = font_size * 0.85;
  Plot p;

  g_return_if_fail (cr != NULL && chart != NULL && colors != NULL);

  cairo_save (cr);
  set_colour (cr, colors->fg, 1.0);
  title_h = draw_text (cr, json_object_get_string_member (chart, "title"), 0, 0, font_size, TRUE, 0, width);
  p.x = PAD, p.y = title_h + PAD, p.w = width - 2 * PAD, p.h = height - title_h - 2 * PAD - small - 4;
  p.top = top_of (values, marks);
  if (json_array_get_length (values) == 0)
    {
      set_colour (cr, colors->fg, 0.6);
      draw_text (cr, _ ("No data yet"), width / 2, p.y + p.h / 2 - small, small, FALSE, 0.5, 0);
    }
  else if (g_str_equal (kind, "share"))
    draw_share (cr, &p, labels, values, colors, small);
  else
    {
      draw_axis (cr, &p, colors);
      draw_marks (cr, &p, marks, colors, small);
      if (g_str_equal (kind, "line"))
        draw_line (cr, &p, values, colors);
      else
        draw_bars (cr, &p, values, colors);
      draw_labels (cr, &p, labels, colors, small);
    }
  cairo_restore (cr);
}
