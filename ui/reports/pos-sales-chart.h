/* pos-sales-chart.h — a bar chart of a sales report's rows, drawn with cairo. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POS_TYPE_SALES_CHART (pos_sales_chart_get_type ())
G_DECLARE_FINAL_TYPE (PosSalesChart, pos_sales_chart, POS, SALES_CHART, GtkWidget)

GtkWidget *pos_sales_chart_new (void);

/* Shows one bar per row of @rows (a JSON array of objects): @value_key
 * (an integer) is the height, @label_key the caption. NULL clears. */
void pos_sales_chart_set_rows (PosSalesChart *self, JsonArray *rows, const char *label_key,
                               const char *value_key);

G_END_DECLS
