/* pos-scanner-serial.h — a scanner on a serial line (RS-232 or USB CDC-ACM).
 *
 * The scanner sends each code as a line ending in CR, LF or both. The line is
 * put in raw mode and read without blocking from the creating thread's main
 * context; each non-empty line becomes a "scanned" signal.
 */
#pragma once

#include "pos-scanner.h"

G_BEGIN_DECLS

#define POS_TYPE_SCANNER_SERIAL (pos_scanner_serial_get_type ())
G_DECLARE_FINAL_TYPE (PosScannerSerial, pos_scanner_serial, POS, SCANNER_SERIAL, PosScanner)

/* Opens @path (/dev/ttyACM0, /dev/ttyUSB0…) at @baud (9600, 19200, 38400,
 * 57600, 115200; 0 leaves the speed alone, right for CDC-ACM).
 * Returns: (transfer full) (nullable). */
PosScanner *pos_scanner_serial_new (const char *path, guint baud, GError **error);

G_END_DECLS
