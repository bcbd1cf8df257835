/* pos-owner-chart.h — one chart of the owner's page (line, bar or share),
 * drawn with cairo in the style's colours and described for screen
 * readers. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POS_TYPE_OWNER_CHART (pos_owner_chart_get_type ())
G_DECLARE_FINAL_TYPE (PosOwnerChart, pos_owner_chart, POS, OWNER_CHART, GtkWidget)

/* A chart of pos-resilience.h. */
GtkWidget *pos_owner_chart_new (JsonObject *chart);

/* What a screen reader says: the description and every value. (transfer full) */
char *pos_owner_chart_describe (JsonObject *chart);

G_END_DECLS
