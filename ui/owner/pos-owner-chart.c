/* pos-owner-chart.c — see pos-owner-chart.h.
 *
 * The drawing is app/'s (pos-resilience-chart.c), shared with the printed
 * page; this widget gives it the style's colours, so the chart reads in
 * the light and the dark style alike.
 */
#include "pos-owner-chart.h"

#include "pos-resilience-chart.h"

#define CHART_HEIGHT 170

struct _PosOwnerChart
{
  GtkWidget parent_instance;

  JsonObject *chart;
};

G_DEFINE_FINAL_TYPE (PosOwnerChart, pos_owner_chart, GTK_TYPE_WIDGET)

static void
rgba_to (const GdkRGBA *rgba, double out[4])
{
  out[0] = rgba->red, out[1] = rgba->green, out[2] = rgba->blue, out[3] = rgba->alpha;
}

/* The style's text, accent and warning colours. */
static void
style_colours (GtkWidget *widget, PosChartColors *colours)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 }, mark = { 0.9, 0.38, 0.0, 1 };

  gtk_style_context_get_color (style, &fg);
  gtk_style_context_lookup_color (style, "accent_color", &accent);
  gtk_style_context_lookup_color (style, "warning_color", &mark);
  rgba_to (&fg, colours->fg);
  rgba_to (&accent, colours->accent);
  rgba_to (&mark, colours->mark);
}

static void
pos_owner_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PosOwnerChart *self = POS_OWNER_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PosChartColors colours;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  style_colours (widget, &colours);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pos_resilience_chart_draw (cr, self->chart, width, height, &colours, 13.0);
  cairo_destroy (cr);
}

static void
pos_owner_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                         int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : CHART_HEIGHT;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : CHART_HEIGHT;
}

static void
pos_owner_chart_finalize (GObject *object)
{
  g_clear_pointer (&POS_OWNER_CHART (object)->chart, json_object_unref);
  G_OBJECT_CLASS (pos_owner_chart_parent_class)->finalize (object);
}

static void
pos_owner_chart_class_init (PosOwnerChartClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = pos_owner_chart_snapshot;
  GTK_WIDGET_CLASS (klass)->measure = pos_owner_chart_measure;
  G_OBJECT_CLASS (klass)->finalize = pos_owner_chart_finalize;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pos_owner_chart_init (PosOwnerChart *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

char *
pos_owner_chart_describe (JsonObject *chart)
{
  JsonArray *labels = json_object_get_array_member (chart, "labels");
  JsonArray *values = json_object_get_array_member (chart, "values");
  GString *out = g_string_new (json_object_get_string_member (chart, "description"));

  for (guint i = 0; i < json_array_get_length (values); i++)
    g_string_append_printf (out, "%s %s: %.0f", i == 0 ? "" : ";", json_array_get_string_element (labels, i),
                            json_array_get_double_element (values, i));
  if (json_array_get_length (values) == 0)
    g_string_append (out, " No data yet.");
  return g_string_free (out, FALSE);
}

GtkWidget *
pos_owner_chart_new (JsonObject *chart)
{
  PosOwnerChart *self = g_object_new (POS_TYPE_OWNER_CHART, NULL);
  g_autofree char *description = pos_owner_chart_describe (chart);

  self->chart = json_object_ref (chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  json_object_get_string_member (chart, "title"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  return GTK_WIDGET (self);
}
