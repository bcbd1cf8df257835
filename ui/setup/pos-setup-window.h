/* pos-setup-window.h — the first-run assistant: a new shop, this till
 * joining a shop, or the demo shop, step by step; nothing is written until
 * the last step, then everything at once (pos_setup_apply()). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POS_TYPE_SETUP_WINDOW (pos_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (PosSetupWindow, pos_setup_window, POS, SETUP_WINDOW, AdwApplicationWindow)

/* An assistant that sets up the store at @store_path; it emits "finished"
 * once the store is ready for the sign-in screen. */
PosSetupWindow *pos_setup_window_new (GtkApplication *application, const char *store_path);

G_END_DECLS
