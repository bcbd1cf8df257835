/* pos-window.h — the till window: sign-in, the header and the pages. */
#pragma once

#include <adwaita.h>

#include "pos-application.h"
#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_WINDOW (pos_window_get_type ())
G_DECLARE_FINAL_TYPE (PosWindow, pos_window, POS, WINDOW, AdwApplicationWindow)

PosWindow *pos_window_new (PosApplication *application, PosContext *context);

/* Shows @title as a toast; pages reach this through their "add-toast" signal. */
void pos_window_add_toast (PosWindow *self, AdwToast *toast);

G_END_DECLS
