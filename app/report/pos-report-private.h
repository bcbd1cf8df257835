/* pos-report-private.h — helpers shared by the report files. */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

gboolean pos_report_read_row (PosStore *store, PosStmt *stmt, JsonObject *object, GError **error);
JsonArray *pos_report_read_rows (PosStore *store, PosStmt *stmt, GError **error);
char *pos_report_today (void);
gboolean pos_report_is_day (const char *text);
/* The UTC instant local day @day ends, as stored times are written. */
char *pos_report_end_of_day (const char *day);

/* The stock value at @until from the shop's latest close at or before it
 * (pos-report-stock-close.c); @found is FALSE when there is none. */
gboolean pos_report_stock_close_value (PosStore *store, const char *until, PosAmount *value, gint64 *uncosted,
                                       gboolean *found, GError **error);

/* Ends period @number of @till_id at sale @upto (pos-report-period.c). */
gboolean pos_report_period_settle (PosStore *store, const char *till_id, gint64 number, gint64 after,
                                   gint64 upto, GError **error);

G_END_DECLS
