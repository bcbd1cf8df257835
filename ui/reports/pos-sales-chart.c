/* pos-sales-chart.c — a bar chart of a sales report's rows.
 *
 * The values are integers (minor units); heights are their share of the
 * largest, which is the one place a double is fine: pixels, not money.
 */
#include "pos-sales-chart.h"

#define MAX_BARS 24

struct _PosSalesChart
{
  GtkWidget parent_instance;

  GPtrArray *labels;
  GArray *values; /* gint64 */
};

G_DEFINE_FINAL_TYPE (PosSalesChart, pos_sales_chart, GTK_TYPE_WIDGET)

static void
pos_sales_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PosSalesChart *self = POS_SALES_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_t *cr;
  gint64 max = 1;
  GdkRGBA color;
  double bar;

  if (self->values->len == 0 || width <= 0 || height <= 40)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  for (guint i = 0; i < self->values->len; i++)
    max = MAX (max, g_array_index (self->values, gint64, i));
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  bar = (double)width / self->values->len;
  for (guint i = 0; i < self->values->len; i++)
    {
      gint64 value = MAX (g_array_index (self->values, gint64, i), 0);
      double h = (double)(height - 24) * (double)value / (double)max;
      g_autoptr (PangoLayout) layout
          = gtk_widget_create_pango_layout (widget, g_ptr_array_index (self->labels, i));
      int lw, lh;

      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
      cairo_rectangle (cr, i * bar + bar * 0.15, height - 20 - h, bar * 0.7, h);
      cairo_fill (cr);
      pango_layout_set_width (layout, (int)(bar * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_move_to (cr, i * bar + (bar - lw) / 2, height - lh);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

static void
pos_sales_chart_finalize (GObject *object)
{
  PosSalesChart *self = POS_SALES_CHART (object);

  g_ptr_array_unref (self->labels);
  g_array_unref (self->values);
  G_OBJECT_CLASS (pos_sales_chart_parent_class)->finalize (object);
}

static void
pos_sales_chart_class_init (PosSalesChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_sales_chart_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = pos_sales_chart_snapshot;
}

static void
pos_sales_chart_init (PosSalesChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, 180);
}

GtkWidget *
pos_sales_chart_new (void)
{
  return g_object_new (POS_TYPE_SALES_CHART, NULL);
}

/* A caption for any JSON value: text as is, numbers printed. */
static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
}

void
pos_sales_chart_set_rows (PosSalesChart *self, JsonArray *rows, const char *label_key, const char *value_key)
{
  g_return_if_fail (POS_IS_SALES_CHART (self));

  g_ptr_array_set_size (self->labels, 0);
  g_array_set_size (self->values, 0);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows) && i < MAX_BARS; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      gint64 value;

      if (row == NULL || !json_object_has_member (row, value_key))
        continue;
      value = json_object_get_int_member (row, value_key);
      g_ptr_array_add (self->labels, node_text (json_object_get_member (row, label_key)));
      g_array_append_val (self->values, value);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
