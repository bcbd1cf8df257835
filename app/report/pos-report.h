/* pos-report.h — X and Z reports and sales reports.
 *
 * Every report is a JSON object: the command line prints it (as text, or
 * as is with --json) and the app shows it. Amounts are integers in minor
 * units of the store currency and are formatted by whoever shows them.
 *
 * X and Z reports cover the sales of this till since its last Z, tracked by
 * sale id, so a sale is counted by exactly one Z even when it was rung up
 * after midnight before that Z was taken. They read running totals kept by
 * the schema's triggers per till and Z period, not the sales themselves, so
 * their cost does not grow with the day's trade. They contain:
 *   type ("X" or "Z"), till_id, business_day, currency, first_sale,
 *   last_sale, first_receipt, last_receipt (null when there are no sales),
 *   sales, refunds (counts), gross_sales (Σ total of sales), gross_refunds
 *   (Σ total of refunds, ≤ 0), gross (their sum, tax included, before cash
 *   rounding), tax, net (gross − tax), discounts, rounding, total (gross +
 *   rounding: what the till took), points_redeemed,
 *   taxes: [ { code, rate_bp, net, tax, gross } ] from sale_tax,
 *   payments: [ { method, count, amount } ] (cash net of change given),
 *   shifts: [ { shift_id, cashier_id, opening_float, …, expected_cash } ] open shifts,
 *   expected_cash (Σ over the open shifts);
 * and a Z also: number, grand_total, closed_at, closed_by_id, closed_by.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

/*
 * The X report: this till's business so far since its last Z. Reads only.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_report_x (PosStore *store, GError **error);

/*
 * The Z report: closes the business day of this till. Covers this till's
 * sales after the previous Z up to the newest one dated today or earlier.
 * The Z is numbered gaplessly per till, carries grand_total = previous
 * grand_total + total, is stored in z_report and recorded in the audit and
 * the journal ("report.z"), all in one transaction. Needs a supervisor
 * (@user, or @approver with a PIN just entered).
 *
 * The day it closes is the oldest day of the sales it covers (a Z taken at
 * 00:30 closes yesterday), but never a day already closed; with no sales it
 * is today. POS_ERROR_ALREADY_DONE when that day would be after today, i.e.
 * today is closed already: sales made after today's Z go in tomorrow's.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_report_z (PosStore *store, const PosUser *user, const PosUser *approver, GError **error);

/*
 * Z report number @number of this till, as it was stored (for a reprint).
 * POS_ERROR_NOT_FOUND when there is none.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_report_z_get (PosStore *store, gint64 number, GError **error);

/*
 * Proves that the running totals X and Z reports read (per till and Z
 * period: sales, taxes by code and rate, payments by method) equal the sums
 * of the sales, tax rows and payments they stand for. POS_ERROR_STORE_DAMAGED
 * naming the first period that differs. Sets @n_periods (nullable) to the
 * number of periods checked. Reads every sale: for `mainstreet-admin verify`.
 */
gboolean pos_report_verify_totals (PosStore *store, gint64 *n_periods, GError **error);

typedef enum
{
  POS_REPORT_BY_DAY,
  POS_REPORT_BY_PRODUCT,
  POS_REPORT_BY_CATEGORY,
  POS_REPORT_BY_HOUR,
  POS_REPORT_BY_CASHIER,
  POS_REPORT_BY_TAX,
  POS_REPORT_BY_PAYMENT,
  POS_REPORT_BY_SUPPLIER,
  POS_REPORT_BY_LINE,
  POS_REPORT_BY_DAY_MARGIN,
} PosReportBy;

/* "day", "product", "category", "hour", "cashier", "tax", "payment", "supplier", "line", "day-margin". */
gboolean pos_report_by_parse (const char *text, PosReportBy *out);
const char *pos_report_by_to_string (PosReportBy by);

/*
 * Sales of all tills in this store from @from_day to @to_day inclusive
 * ("YYYY-MM-DD" business days; NULL means today), grouped by @by:
 *   { from, to, by, currency, rows: [ … ], totals: { … } }
 * Rows, largest first except for days and hours (in order):
 *   day:      { day, sales, refunds, total, tax, net }   (from the daily summary)
 *   day-margin: { day, qty, gross, tax, net, discounts, cost, margin, uncosted }   (from the lines)
 *   product:  { product_id, sku, name, qty, gross, tax, net, discounts, cost, margin, uncosted }
 *   category: { category_id, category (null: none), qty, gross, tax, net, discounts, cost, margin,
 *               uncosted }
 *   supplier: { supplier_id, supplier (null: none), the columns of category }
 *   line:     { receipt, day, line_no, sku, name, qty, gross, tax, net, unit_cost, cost, margin }
 *   hour:     { hour (local, 0–23), sales, refunds, gross, tax, net }
 *   cashier:  { user_id, cashier, sales, refunds, gross, tax, net }
 *   tax:      { code, rate_bp, net, tax, gross }
 *   payment:  { method, count, amount, points }
 * totals holds the sum of each amount column. Products are grouped by the
 * sku the sale line copied; categories and suppliers are the products'
 * current ones. cost is Σ of each line's unit cost as sold × quantity
 * (rounded per line), margin Σ (net − cost) over the lines with a cost,
 * uncosted the number of lines sold without one (docs/ARCHITECTURE.md,
 * "Cost and margin"); null when no line has a cost.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_report_sales (PosStore *store, const char *from_day, const char *to_day, PosReportBy by,
                            GError **error);

/* pos_report_sales () in a worker thread, on a read-only connection of its
 * own to the store at @store_path: a month over a big store takes long
 * enough to hold a window. */
void pos_report_sales_async (const char *store_path, const char *from_day, const char *to_day, PosReportBy by,
                             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
/* Returns: (transfer full) (nullable) */
JsonNode *pos_report_sales_finish (GAsyncResult *result, GError **error);

/*
 * Stock valued at cost as it stood when business day @day ("YYYY-MM-DD";
 * NULL: today) ended: { at, currency, rows: [ { product_id, sku, name, qty,
 * unit_cost, value } ], value (Σ of the rows with a cost), uncosted (rows
 * without one) }. Only products with stock above zero; value = qty ×
 * unit_cost / 1000, rounded half up (docs/ARCHITECTURE.md, "Cost and
 * margin").
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_report_stock_value (PosStore *store, const char *day, GError **error);

/*
 * The "value" and "uncosted" of pos_report_stock_value() for @day
 * ("YYYY-MM-DD"), summed in SQL without reading the rows out, so a catalog
 * of a million products is never held in memory. @uncosted is nullable.
 */
gboolean pos_report_stock_value_total (PosStore *store, const char *day, PosAmount *value, gint64 *uncosted,
                                       GError **error);

/*
 * Keeps the shop's closing stock at the end of business day @day
 * ("YYYY-MM-DD"), so that a valuation at that day or later recounts only
 * the products that changed since (db/migrations/031-stock-close.sql).
 * Nothing is written when a close at or after that instant exists. Runs in
 * the caller's transaction when there is one.
 */
gboolean pos_report_stock_close (PosStore *store, const char *day, GError **error);

/* Checks that the shop's latest closing stock still equals the sum of the
 * stock moves before it (POS_ERROR_STORE_DAMAGED otherwise); @n_closes
 * (nullable) gets how many closes the shop has. */
gboolean pos_report_stock_close_verify (PosStore *store, gint64 *n_closes, GError **error);

G_END_DECLS
