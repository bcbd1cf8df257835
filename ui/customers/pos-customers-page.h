/* pos-customers-page.h — loyalty customers: search, edit, points history,
 * and a customer's data exported or erased on request. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_CUSTOMERS_PAGE (pos_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (PosCustomersPage, pos_customers_page, POS, CUSTOMERS_PAGE, GtkWidget)

void pos_customers_page_set_context (PosCustomersPage *self, PosContext *context);

G_END_DECLS
