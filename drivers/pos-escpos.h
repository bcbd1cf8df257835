/* pos-escpos.h — a receipt document as ESC/POS bytes, and printer status.
 *
 * The bytes go to whatever transport the shop uses (CUPS raw queue, USB,
 * TCP 9100, a file); nothing here talks to a device.  Text is fitted to the
 * profile's columns here, once, and the preview uses the same layout
 * functions, so what the cashier sees is what the printer prints.
 */
#pragma once

#include <glib.h>

#include "pos-codepage.h"
#include "pos-printer-profile.h"
#include "pos-receipt.h"

G_BEGIN_DECLS

/* What a printer answered to DLE EOT 1–4.  Parsing fills in only the fields
 * the asked question covers; start from a zeroed struct. */
typedef struct
{
  guint answered;                  /* bit n set once the reply to DLE EOT n was parsed */
  gboolean online;                 /* 1: accepting data */
  gboolean drawer_open;            /* 1: drawer kick-out pin 3 high, which most drawers use for open */
  gboolean cover_open;             /* 2 */
  gboolean feed_button;            /* 2: paper being fed with the feed button */
  gboolean paper_stop;             /* 2: printing stopped because the paper ran out */
  gboolean error;                  /* 2: some error occurred (see 3) */
  gboolean cutter_error;           /* 3 */
  gboolean unrecoverable_error;    /* 3 */
  gboolean auto_recoverable_error; /* 3: e.g. head too hot; clears by itself */
  gboolean paper_near_end;         /* 4 */
  gboolean paper_out;              /* 4 (or 2's paper_stop) */
} PosPrinterStatus;

/* The whole receipt for @profile: ESC @, the code page that prints its text
 * best, then every block.  Fails (POS_DEVICE_ERROR_INVALID) when a barcode
 * is too long for the paper.
 * Returns: (transfer full) (nullable) */
GBytes *pos_escpos_encode (PosReceipt *receipt, const PosPrinterProfile *profile, GError **error);

/* The pulse that opens a drawer on kick-out pin 2 or 5.
 * Returns: (transfer full) (nullable): NULL when the profile has no drawer port. */
GBytes *pos_escpos_drawer_kick (const PosPrinterProfile *profile, int pin);

/* DLE EOT @n (1 printer, 2 offline cause, 3 error cause, 4 paper sensor).
 * Returns: (transfer full) */
GBytes *pos_escpos_status_request (int n);

/* Decodes the one-byte answer to DLE EOT @n into @out.  FALSE (and @out
 * unchanged) when @reply is not a status byte: its fixed bits are wrong. */
gboolean pos_escpos_status_parse (int n, guint8 reply, PosPrinterStatus *out);

/* The code page, among those @profile offers, that prints the receipt's text
 * with the fewest stand-ins; ties go to the profile's preferred order. */
PosCodepage pos_escpos_pick_codepage (PosReceipt *receipt, const PosPrinterProfile *profile);

/* Characters per line for text in @style. */
guint pos_escpos_text_columns (const PosPrinterProfile *profile, PosTextStyle style);

/* @text converted to @page and wrapped at word boundaries to @columns;
 * newlines start new lines.
 * Returns: (transfer full) (element-type GBytes): one entry per printed line. */
GPtrArray *pos_escpos_layout_text (PosCodepage page, const char *text, guint columns);

/* A two-column row: @right kept whole at the right edge, @left wrapped (or
 * cut when @truncate) to the room left of it, at least one space between.
 * Returns: (transfer full) (element-type GBytes): one entry per printed line. */
GPtrArray *pos_escpos_layout_columns (PosCodepage page, const char *left, const char *right, guint columns,
                                      gboolean truncate);

/* The widest Code 128 module (2–4 dots) at which @data fits in @dot_width,
 * or 0 when it does not fit at all. */
guint pos_escpos_barcode_module_width (const char *data, guint dot_width);

/* The QR module size used for @block on @dot_width paper: the asked size,
 * made smaller when the symbol would not fit. */
guint pos_escpos_qr_module_size (const PosReceiptBlock *block, guint dot_width);

/* The QR symbol of @block (with a 4-module quiet zone) at @module_size dots
 * per module.  Returns: (transfer full) */
PosBitmap *pos_escpos_qr_bitmap (const PosReceiptBlock *block, guint module_size);

G_END_DECLS
