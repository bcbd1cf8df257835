/* pos-label-print.h — labels on an ESC/POS label or receipt printer.
 *
 * Each label is drawn exactly as on a sheet (pos-label.c, the same zint
 * bars) into a bitmap at the printer's resolution and sent as a raster
 * image followed by a cut, so a 58 mm thermal label printer and the A4
 * sheets show the same label. Any printer URI works (cups: as a raw job,
 * usb:, tcp:, file:); the bytes follow the shop's printer profile.
 */
#pragma once

#include "pos-label-sheet.h"
#include "pos-store.h"

G_BEGIN_DECLS

/* Thermal label printers print 203 dots per inch (8 dots per mm). */
#define POS_LABEL_PRINTER_DPI 203.0

/* Prints @labels (PosLabel), each the size of @sheet's labels, on
 * @printer_uri (nullable: the setting "printer"). Blocks on the printer;
 * errors as pos_print_receipt(), and POS_ERROR_INVALID for a code that
 * cannot be drawn (nothing is sent then). */
gboolean pos_label_print (PosStore *store, GPtrArray *labels, const PosLabelSheet *sheet,
                          const char *printer_uri, GError **error);

G_END_DECLS
