/* pos-report-private.h — helpers shared by the report files. */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

gboolean pos_report_read_row (PosStore *store, PosStmt *stmt, JsonObject *object, GError **error);
JsonArray *pos_report_read_rows (PosStore *store, PosStmt *stmt, GError **error);
char *pos_report_today (void);
gboolean pos_report_is_day (const char *text);

G_END_DECLS
