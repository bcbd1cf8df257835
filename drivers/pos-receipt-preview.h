/* pos-receipt-preview.h — a picture of a receipt as the printer would print it.
 *
 * One pixel per printer dot, monospace text on the same columns and with the
 * same wrapping and code page stand-ins as the ESC/POS bytes, real Code 128
 * bars and QR modules, the dithered logo, a dashed line where the paper is
 * cut.  For the cashier's screen and for tests.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pos-printer-profile.h"
#include "pos-receipt.h"

G_BEGIN_DECLS

/* Renders @receipt on @profile's paper: an image surface exactly
 * profile->dot_width pixels wide, as tall as the receipt.
 * Returns: (transfer full) (nullable): NULL with @error set when a block
 * cannot be printed on this paper or the receipt is too long for an image. */
cairo_surface_t *pos_receipt_preview_render (PosReceipt *receipt, const PosPrinterProfile *profile,
                                             GError **error);

/* Renders @receipt and saves it as a PNG file at @path. */
gboolean pos_receipt_preview_write_png (PosReceipt *receipt, const PosPrinterProfile *profile,
                                        const char *path, GError **error);

/* Renders @receipt and saves it as a one-page PDF file at @path, the page
 * as wide as the paper and as long as the receipt. */
gboolean pos_receipt_preview_write_pdf (PosReceipt *receipt, const PosPrinterProfile *profile,
                                        const char *path, GError **error);

/* The Code 128 (code set B) symbol of @data as a string of '1' (bar) and
 * '0' (space) modules: start, data, check symbol, stop.  @data must be
 * printable ASCII.
 * Returns: (transfer full) */
char *pos_receipt_preview_code128_modules (const char *data);

G_END_DECLS
