/* pos-scanner.h — one shape for every barcode scanner source.
 *
 * Serial (CDC-ACM), USB HID POS and keyboard-wedge scanners all end in the
 * same signal: "scanned" (code, symbology), emitted in the main context of
 * the thread that created the scanner, whatever thread read the device.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define POS_TYPE_SCANNER (pos_scanner_get_type ())
G_DECLARE_DERIVABLE_TYPE (PosScanner, pos_scanner, POS, SCANNER, GObject)

struct _PosScannerClass
{
  GObjectClass parent_class;

  /* Stops reading and releases the device; called once. */
  void (*stop) (PosScanner *self);
};

/* A scanner with no device of its own: the UI's keyboard-wedge detector
 * emits through one. Returns: (transfer full). */
PosScanner *pos_scanner_new (void);

/* Emits "scanned" now, on the calling thread. @symbology: AIM id or "". */
void pos_scanner_emit_scanned (PosScanner *self, const char *code, const char *symbology);

/* Splits an AIM identifier off @text, then emits "scanned". */
void pos_scanner_emit_text (PosScanner *self, const char *text);

/* From any thread: emits "scanned" / "disconnected" later in the scanner's
 * main context (the thread-default context when it was created). */
void pos_scanner_queue_scanned (PosScanner *self, const char *code, const char *symbology);
void pos_scanner_queue_disconnected (PosScanner *self, const GError *error);

/* Stops reading; no signal is emitted after this returns. Safe to call twice. */
void pos_scanner_stop (PosScanner *self);

G_END_DECLS
