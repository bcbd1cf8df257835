/* pos-accounting-export.h — a day's takings as bookings for the accountant.
 *
 * For one business day of this till's shop: the takings per tax rate, the
 * cash rounding, the payments per method, gift cards sold and spent,
 * payments and corrections of customer accounts, money towards layaways
 * (advances per VAT rate) and the cost of the goods sold,
 * as double-entry bookings between the shop's accounts (settings, SKR03
 * by default; docs/ARCHITECTURE.md, "Accounting export"). Written either
 * as a DATEV booking batch (EXTF "Buchungsstapel": a header line, the
 * column names, one booking a line; semicolons, decimal comma,
 * Windows-1252, CRLF) or as a generic double-entry CSV (UTF-8: each entry
 * one line per account, debits equal to credits). The file is written
 * whole or not at all.
 */
#pragma once

#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

typedef enum
{
  POS_ACCOUNTING_DATEV,
  POS_ACCOUNTING_CSV,
} PosAccountingFormat;

/* "datev" or "csv". */
gboolean pos_accounting_format_parse (const char *text, PosAccountingFormat *out);

/*
 * Writes the bookings of business day @day ("YYYY-MM-DD") into folder
 * @folder: EXTF_Buchungsstapel_<day>.csv (DATEV) or bookings_<day>.csv.
 * POS_ERROR_INVALID for a bad day or account setting, POS_ERROR_NOT_FOUND
 * for a day without sales or a missing folder.
 * Returns: (transfer full) (nullable) the file's path.
 */
char *pos_accounting_export (PosStore *store, const char *day, PosAccountingFormat format, const char *folder,
                             GError **error);

G_END_DECLS
