/* pos-scan-controller.h — barcode scans from keyboard-wedge scanners,
 * wherever the keyboard focus is.
 *
 * A wedge scanner "types" the code very fast and ends it with Enter. The
 * controller watches key presses in the capture phase of a window, holds
 * back printable keys while they might be a scan, lets the scan detector
 * (drivers/pos-scan-detector.h) judge the timing, and then either emits
 * "scanned" (the burst ended in Enter: nothing reaches the focused widget,
 * not even the Enter) or gives the held keys back as "typed" text, in order,
 * before any later key is handled (it was a person typing).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POS_TYPE_SCAN_CONTROLLER (pos_scan_controller_get_type ())
G_DECLARE_FINAL_TYPE (PosScanController, pos_scan_controller, POS, SCAN_CONTROLLER, GObject)

PosScanController *pos_scan_controller_new (void);

/* Watches the key presses of @widget (usually a window) in the capture phase. */
void pos_scan_controller_attach (PosScanController *self, GtkWidget *widget);

/* Handles one key press at @time_ms (the event's time). Returns TRUE when the
 * key was taken (held back or part of a scan), FALSE to let it through.
 * "attach" calls this; tests call it directly. */
gboolean pos_scan_controller_feed (PosScanController *self, guint keyval, GdkModifierType state,
                                   guint32 time_ms);

/* Gives back any held keys as "typed" now. */
void pos_scan_controller_flush (PosScanController *self);

G_END_DECLS
