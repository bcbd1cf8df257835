/* pos-export.h — the catalog and the sales as CSV files.
 *
 * Rows are streamed from one SQL statement (one read snapshot) straight to
 * the file, so exporting a million products or a year of sales never holds
 * them in memory. The file is written next to @path under a temporary name
 * and renamed over it only when complete: a failed export (full disk…)
 * leaves whatever was at @path before.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

/* POS_EXPORT_PLAIN: for machines and for pos_import_products(): ','
 * between fields, amounts "1234.50", days "2026-12-31", UTC timestamps.
 * POS_EXPORT_SPREADSHEET: for the shop's spreadsheet, in the shop's locale:
 * ';' between fields where the decimal mark is a comma, amounts and
 * quantities with the local mark and no grouping ("1234,50"), sale days as
 * the locale writes dates ("31.12.2026") and times as local times of day
 * ("14:05"), UTF-8 with a byte order mark (so Excel keeps every accent).
 * pos_import_products() reads a spreadsheet products export back. */
typedef enum
{
  POS_EXPORT_PLAIN,
  POS_EXPORT_SPREADSHEET,
} PosExportStyle;

/*
 * Writes every product in the native import format (see pos-import.h):
 *   sku,name,barcode,price,cost,unit,tax,category,supplier,supplier_local,
 *   reorder_level,active,stock
 * Barcodes are "|"-separated, amounts decimal in major units of the store
 * currency, stock the current level. pos_import_products() reads the file
 * back into an equal catalog. Ordered by SKU.
 */
gboolean pos_export_products (PosStore *store, const char *path, GError **error);
gboolean pos_export_products_as (PosStore *store, const char *path, PosExportStyle style, GError **error);

/*
 * Writes one row per sale line of the business days @from_day to @to_day
 * (inclusive, "YYYY-MM-DD"; either may be NULL for no bound, so two NULLs
 * export every sale), refunds included with negative quantities:
 *   receipt,date,time,cashier,line,sku,name,qty,unit,unit_price,discount,
 *   total,tax_code,tax_rate,tax
 * date is the business day, time the UTC timestamp of the sale, qty a
 * decimal quantity (kilograms for weighed items), amounts decimal in major
 * units, tax_rate a percent. Ordered by receipt time, then line.
 * POS_ERROR_INVALID for a malformed day or @from_day after @to_day.
 */
gboolean pos_export_sales (PosStore *store, const char *path, const char *from_day, const char *to_day,
                           GError **error);
gboolean pos_export_sales_as (PosStore *store, const char *path, const char *from_day, const char *to_day,
                              PosExportStyle style, GError **error);

G_END_DECLS
