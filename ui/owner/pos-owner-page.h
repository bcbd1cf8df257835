/* pos-owner-page.h — the owner's page: how the shop is doing and how
 * resilient it is (pos-resilience.h), with charts, a stress-test slider,
 * the restore drill and a printable one-page PDF. Shown to owners only. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_OWNER_PAGE (pos_owner_page_get_type ())
G_DECLARE_FINAL_TYPE (PosOwnerPage, pos_owner_page, POS, OWNER_PAGE, GtkWidget)

void pos_owner_page_set_context (PosOwnerPage *self, PosContext *context);

G_END_DECLS
