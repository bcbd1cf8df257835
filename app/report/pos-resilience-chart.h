/* pos-resilience-chart.h — the owner's page charts, drawn with cairo.
 *
 * One drawing for the app's chart widget and the printable page: a chart
 * of pos-resilience.h ("line", "bar" or "share") in a box, in the colours
 * given, so it reads in the light and the dark style and on paper.
 */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  double fg[4];     /* text and axes */
  double accent[4]; /* bars, the line, the first share */
  double mark[4];   /* threshold lines */
} PosChartColors;

/* Draws @chart into (0, 0, @width, @height) of @cr with @font_size text. */
void pos_resilience_chart_draw (cairo_t *cr, JsonObject *chart, double width, double height,
                                const PosChartColors *colors, double font_size);

G_END_DECLS
