/* pos-application.h — the till application: options, the store, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POS_TYPE_APPLICATION (pos_application_get_type ())
G_DECLARE_FINAL_TYPE (PosApplication, pos_application, POS, APPLICATION, AdwApplication)

/* @start_us: g_get_monotonic_time() at process start, for the "ready" report. */
PosApplication *pos_application_new (gint64 start_us);

/* Called by the window the first time the sale screen can take a scan:
 * writes "ready <ms>" (since process start) to the file descriptor given
 * with --report-ready-fd, for automation; nothing without it. */
void pos_application_report_ready (PosApplication *self);

/* "help:mainstreet/<page>", the manual's page for @screen (a name as
 * pos_window_get_screen() gives), or its front page when none fits.
 * Returns: (transfer full) */
char *pos_application_help_uri (const char *screen);

/* Makes sure the app's GResource is registered (static library). */
void pos_application_register_resources (void);

G_END_DECLS
