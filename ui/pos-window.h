/* pos-window.h — the till window: sign-in, the header and the pages. */
#pragma once

#include <adwaita.h>

#include "pos-application.h"
#include "pos-context.h"
#include "pos-scan-controller.h"

G_BEGIN_DECLS

#define POS_TYPE_WINDOW (pos_window_get_type ())
G_DECLARE_FINAL_TYPE (PosWindow, pos_window, POS, WINDOW, AdwApplicationWindow)

PosWindow *pos_window_new (PosApplication *application, PosContext *context);

/* Shows @title as a toast; pages reach this through their "add-toast" signal. */
void pos_window_add_toast (PosWindow *self, AdwToast *toast);

/* The services the window's pages use. Returns: (transfer none) */
PosContext *pos_window_get_context (PosWindow *self);

/* Hooks for running the till unattended (the UI benchmarks): */

/* Opens a new shift with this float (major units) instead of asking the
 * first cashier; < 0 (the default) asks. */
void pos_window_set_default_float (PosWindow *self, gint64 major_units);
/* Signs @name in with @pin through the sign-in screen; "ready" follows. */
gboolean pos_window_sign_in (PosWindow *self, const char *name, const char *pin);
/* The keyboard-wedge scan controller of the window. Returns: (transfer none) */
PosScanController *pos_window_get_scan_controller (PosWindow *self);
/* Shows the page @name ("sale", "stock", …). Returns: (transfer none) (nullable) the page */
GtkWidget *pos_window_show_page (PosWindow *self, const char *name);
/* The screen in front: "login", "payment", "refund", or a page of the till
 * ("sale", "stock", …). Returns: (transfer none) (nullable) */
const char *pos_window_get_screen (PosWindow *self);

G_END_DECLS
