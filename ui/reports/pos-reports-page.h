/* pos-reports-page.h — closing the day and seeing how the shop is doing:
 * X report, cash count, Z report, and sales reports with a chart. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_REPORTS_PAGE (pos_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (PosReportsPage, pos_reports_page, POS, REPORTS_PAGE, GtkWidget)

void pos_reports_page_set_context (PosReportsPage *self, PosContext *context);

G_END_DECLS
