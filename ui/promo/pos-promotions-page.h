/* pos-promotions-page.h — the owner's promotions: those running, those
 * scheduled to start and those ended, a dialog to create one of every
 * kind the engine has, and ending one early. The services come from the
 * window the page is shown in. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POS_TYPE_PROMOTIONS_PAGE (pos_promotions_page_get_type ())
G_DECLARE_FINAL_TYPE (PosPromotionsPage, pos_promotions_page, POS, PROMOTIONS_PAGE, GtkWidget)

G_END_DECLS
