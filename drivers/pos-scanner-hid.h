/* pos-scanner-hid.h — a USB HID scanner read directly through libusb.
 *
 * Two report formats:
 * - HID POS (usage page 0x8C), the "USB HID POS" mode of Honeywell, Zebra,
 *   Datalogic… scanners. Scanned-data report: byte 0 report id 0x02, byte 1
 *   the number of data bytes in this report, bytes 2-4 the AIM symbology
 *   identifier ("]E0", or zeros), bytes 5… the data; in a 64-byte report the
 *   last byte's bit 0 says more data follows in the next report.
 * - Boot keyboard (8-byte reports: modifiers, reserved, six key codes) with a
 *   US layout, ending each code with Enter or Tab. Reading the scanner this
 *   way keeps its keystrokes out of whatever window has focus.
 * A worker thread reads the interrupt IN endpoint with a short timeout;
 * "scanned" is emitted in the creator's main context.
 */
#pragma once

#include "pos-scanner.h"

G_BEGIN_DECLS

typedef enum
{
  POS_HID_MODE_AUTO, /* boot keyboard interfaces as keyboard, others as HID POS */
  POS_HID_MODE_POS,
  POS_HID_MODE_KEYBOARD,
} PosHidMode;

/* Turns reports into codes; no device needed, so it can be tested alone. */
typedef struct _PosHidDecoder PosHidDecoder;

PosHidDecoder *pos_hid_decoder_new (PosHidMode mode);
void pos_hid_decoder_free (PosHidDecoder *decoder);

/* Feeds one input report. TRUE when it completed a code: @code and
 * @symbology (AIM id or "") are set, (transfer full). */
gboolean pos_hid_decoder_feed (PosHidDecoder *decoder, const guint8 *report, gsize length, char **code,
                               char **symbology);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosHidDecoder, pos_hid_decoder_free)

#define POS_TYPE_SCANNER_HID (pos_scanner_hid_get_type ())
G_DECLARE_FINAL_TYPE (PosScannerHid, pos_scanner_hid, POS, SCANNER_HID, PosScanner)

/* Opens the first HID device with @vendor_id:@product_id, claims its HID
 * interface (detaching the kernel's driver while we hold it) and starts
 * reading. Returns: (transfer full) (nullable). */
PosScanner *pos_scanner_hid_new (guint16 vendor_id, guint16 product_id, PosHidMode mode, GError **error);

G_END_DECLS
