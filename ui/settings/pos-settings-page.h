/* pos-settings-page.h — the owner's settings: shop details, currency,
 * taxes, rounding, loyalty, receipts, printer and scanner of this till,
 * users and PINs. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_SETTINGS_PAGE (pos_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (PosSettingsPage, pos_settings_page, POS, SETTINGS_PAGE, GtkWidget)

void pos_settings_page_set_context (PosSettingsPage *self, PosContext *context);

/* Re-reads the settings and users (call when the page is shown). */
void pos_settings_page_reload (PosSettingsPage *self);

G_END_DECLS
