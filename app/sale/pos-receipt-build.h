/* pos-receipt-build.h — the printed receipt of a recorded sale or refund.
 *
 * Reads only what the sale wrote (its header, lines, tax summary, payments,
 * loyalty entries) and the shop's receipt settings, so a receipt printed a
 * week later says exactly what the first one said, whatever happened to the
 * catalog since.  The result is a printer-independent document
 * (drivers/pos-receipt.h): pos-escpos.h encodes it, pos-receipt-preview.h
 * draws it.
 */
#pragma once

#include "pos-receipt.h"
#include "pos-store.h"

G_BEGIN_DECLS

/*
 * The receipt of @receipt_no: shop name, address, tax id and header text,
 * receipt number, local date and time, cashier and till, every line with
 * its quantity, unit price, discount and total, the totals, tax by rate,
 * cash rounding, tenders and change, loyalty points, the footer, the
 * receipt number as a Code 128 barcode (so a refund can scan it) and a cut.
 * A refund says REFUND and names the receipt it refunds.
 *
 * Errors: POS_ERROR_NOT_FOUND when there is no such receipt.
 * Returns: (transfer full) (nullable)
 */
PosReceipt *pos_receipt_build (PosStore *store, const char *receipt_no, GError **error);

/* pos_receipt_build(), marked "COPY" at the top and bottom when @copy: a
 * reprint must never pass for a second original.
 * Returns: (transfer full) (nullable) */
PosReceipt *pos_receipt_build_full (PosStore *store, const char *receipt_no, gboolean copy, GError **error);

G_END_DECLS
