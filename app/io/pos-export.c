/* pos-export.c — the catalog and the sales as CSV files (see pos-export.h). */
#include "pos-export.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-csv.h"
#include "pos-format.h"
#include "pos-money.h"
#include "pos-nf525-jet.h"
#include "pos-shop.h"
#include "pos-store-private.h"

/* How the numbers of one export are written. */
typedef struct
{
  const PosCurrency *currency; /* with the shop's locale */
  PosExportStyle style;
  char *decimal; /* the locale's decimal mark, for a spreadsheet */
} ExportFormat;

/* @text ("12.5") with the spreadsheet's decimal mark ("12,5"). (transfer full) */
static char *
local_decimal (const ExportFormat *f, char *text)
{
  g_auto (GStrv) parts = NULL;

  if (f->style != POS_EXPORT_SPREADSHEET || strchr (text, '.') == NULL)
    return text;
  parts = g_strsplit (text, ".", 2);
  g_free (text);
  return g_strjoinv (f->decimal, parts);
}

/* Column @i of the current row as an amount in major units, or NULL for SQL NULL. */
static char *
amount_text (PosStmt *stmt, int i, const ExportFormat *f)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return local_decimal (f, pos_amount_to_string (sqlite3_column_int64 (stmt, i), f->currency));
}

static char *
qty_text (PosStmt *stmt, int i, const ExportFormat *f)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return local_decimal (f, pos_qty_to_string (sqlite3_column_int64 (stmt, i)));
}

/* Basis points as a percent with two decimals: 1950 → "19.50". */
static char *
percent_text (gint64 bp, const ExportFormat *f)
{
  return local_decimal (f, g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, bp < 0 ? "-" : "",
                                            ABS (bp) / 100, ABS (bp) % 100));
}

static void
free_row (char **row, guint n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&row[i], g_free);
}

/* Runs @stmt (bound already) and writes each row that @format_row makes of
 * it, then closes the file into place. The statement is one read snapshot;
 * rows are never gathered in memory. */
static gboolean
stream_rows (PosStore *store, PosStmt *stmt, const char *path, const char *const *header, guint n_columns,
             PosExportStyle style, void (*format_row) (PosStmt *stmt, const ExportFormat *f, char **row),
             GError **error)
{
  g_autoptr (PosCsvWriter) writer = pos_csv_writer_new_for_path (path, error);
  const PosCurrency *currency = pos_shop_currency (store);
  g_autofree char *decimal = pos_locale_decimal_separator (pos_currency_get_locale (currency));
  ExportFormat f = { currency, style, decimal };
  g_autofree char **row = g_new0 (char *, n_columns);
  int rc;

  if (writer == NULL)
    return FALSE;
  /* Where the decimal mark is a comma, spreadsheets separate with ';'. */
  if (style == POS_EXPORT_SPREADSHEET)
    pos_csv_writer_set_spreadsheet (writer, g_str_equal (decimal, ",") ? ';' : ',');
  if (!pos_csv_writer_row_n (writer, header, n_columns, error))
    return FALSE;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gboolean ok;

      format_row (stmt, &f, row);
      ok = pos_csv_writer_row_n (writer, (const char *const *)row, n_columns, error);
      free_row (row, n_columns);
      if (!ok)
        return FALSE;
    }
  if (rc < 0)
    return FALSE;
  return pos_csv_writer_close (writer, error) && pos_nf525_jet_record (store, POS_JET_EXPORT, path, error);
}

enum
{
  P_SKU,
  P_NAME,
  P_BARCODES,
  P_PRICE,
  P_COST,
  P_UNIT,
  P_TAX,
  P_CATEGORY,
  P_SUPPLIER,
  P_SUPPLIER_LOCAL,
  P_REORDER,
  P_ACTIVE,
  P_STOCK,
  N_PRODUCT_COLUMNS
};

static void
format_product (PosStmt *stmt, const ExportFormat *f, char **row)
{
  static const int text_columns[] = { P_SKU, P_NAME, P_BARCODES, P_UNIT, P_TAX, P_CATEGORY, P_SUPPLIER };

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    row[text_columns[i]] = pos_csv_text_for_spreadsheet (pos_stmt_dup_text (stmt, text_columns[i]));
  row[P_PRICE] = amount_text (stmt, P_PRICE, f);
  row[P_COST] = amount_text (stmt, P_COST, f);
  row[P_SUPPLIER_LOCAL] = pos_stmt_dup_text (stmt, P_SUPPLIER_LOCAL);
  row[P_REORDER] = qty_text (stmt, P_REORDER, f);
  row[P_ACTIVE] = pos_stmt_dup_text (stmt, P_ACTIVE);
  row[P_STOCK] = qty_text (stmt, P_STOCK, f);
}

gboolean
pos_export_products (PosStore *store, const char *path, GError **error)
{
  return pos_export_products_as (store, path, POS_EXPORT_PLAIN, error);
}

gboolean
pos_export_products_as (PosStore *store, const char *path, PosExportStyle style, GError **error)
{
  static const char sql[]
      = "SELECT p.sku, p.name, "
        "(SELECT group_concat (code, '|') FROM (SELECT code FROM barcode WHERE product_id = p.id ORDER BY "
        "code)), "
        "p.price, p.cost, p.unit, t.code, c.name, s.name, s.is_local, p.reorder_level, p.active, "
        "coalesce (l.qty, 0) "
        "FROM product p JOIN tax_rate t ON t.id = p.tax_rate_id "
        "LEFT JOIN category c ON c.id = p.category_id LEFT JOIN supplier s ON s.id = p.supplier_id "
        "LEFT JOIN stock_level l ON l.product_id = p.id ORDER BY p.sku";
  static const char *const header[]
      = { "sku",      "name",     "barcode",        "price",         "cost",   "unit", "tax",
          "category", "supplier", "supplier_local", "reorder_level", "active", "stock" };
  g_autoptr (PosStmt) stmt = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (header) == N_PRODUCT_COLUMNS);
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  return stream_rows (store, stmt, path, header, N_PRODUCT_COLUMNS, style, format_product, error);
}

enum
{
  S_RECEIPT,
  S_DATE,
  S_TIME,
  S_CASHIER,
  S_LINE,
  S_SKU,
  S_NAME,
  S_QTY,
  S_UNIT,
  S_UNIT_PRICE,
  S_DISCOUNT,
  S_TOTAL,
  S_TAX_CODE,
  S_TAX_RATE,
  S_TAX,
  N_SALE_COLUMNS
};

/* For a spreadsheet: the business day "2026-12-31" as the locale writes
 * it ("31.12.2026") and the UTC timestamp as the local time of day. */
static void
localise_when (const ExportFormat *f, char **day, char **time)
{
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *midnight = *day != NULL ? g_strdup_printf ("%sT00:00:00Z", *day) : NULL;
  const char *locale = pos_currency_get_locale (f->currency);

  if (midnight != NULL && (date = g_date_time_new_from_iso8601 (midnight, NULL)) != NULL)
    {
      g_free (*day);
      *day = pos_date_format (date, locale);
    }
  if (*time != NULL && (utc = g_date_time_new_from_iso8601 (*time, NULL)) != NULL)
    {
      local = g_date_time_to_local (utc);
      g_free (*time);
      *time = pos_time_format (local, locale);
    }
}

static void
format_sale_line (PosStmt *stmt, const ExportFormat *f, char **row)
{
  static const int text_columns[]
      = { S_RECEIPT, S_DATE, S_TIME, S_CASHIER, S_LINE, S_SKU, S_NAME, S_UNIT, S_TAX_CODE };

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    row[text_columns[i]] = pos_csv_text_for_spreadsheet (pos_stmt_dup_text (stmt, text_columns[i]));
  if (f->style == POS_EXPORT_SPREADSHEET)
    localise_when (f, &row[S_DATE], &row[S_TIME]);
  row[S_QTY] = qty_text (stmt, S_QTY, f);
  row[S_UNIT_PRICE] = amount_text (stmt, S_UNIT_PRICE, f);
  row[S_DISCOUNT] = amount_text (stmt, S_DISCOUNT, f);
  row[S_TOTAL] = amount_text (stmt, S_TOTAL, f);
  row[S_TAX_RATE] = percent_text (sqlite3_column_int64 (stmt, S_TAX_RATE), f);
  row[S_TAX] = amount_text (stmt, S_TAX, f);
}

/* TRUE when @day is a real date written "YYYY-MM-DD". */
static gboolean
is_day (const char *day)
{
  guint64 y, m, d;

  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
      return FALSE;
  y = g_ascii_strtoull (day, NULL, 10);
  m = g_ascii_strtoull (day + 5, NULL, 10);
  d = g_ascii_strtoull (day + 8, NULL, 10);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

gboolean
pos_export_sales (PosStore *store, const char *path, const char *from_day, const char *to_day, GError **error)
{
  return pos_export_sales_as (store, path, from_day, to_day, POS_EXPORT_PLAIN, error);
}

gboolean
pos_export_sales_as (PosStore *store, const char *path, const char *from_day, const char *to_day,
                     PosExportStyle style, GError **error)
{
  /* Driven by the business-day index and sale_line's (sale_id, line_no)
   * key, so rows come out in this order without a sort. */
  static const char sql[]
      = "SELECT s.receipt_no, s.business_day, s.created_at, u.name, l.line_no, l.sku, l.name, l.qty, l.unit, "
        "l.unit_price, l.discount, l.line_total, l.tax_code, l.tax_rate_bp, l.tax_amount "
        "FROM sale s JOIN sale_line l ON l.sale_id = s.id LEFT JOIN user u ON u.id = s.user_id "
        "WHERE s.business_day >= coalesce (?1, '') AND s.business_day <= coalesce (?2, '9999-12-31') "
        "ORDER BY s.business_day, s.till_id, s.id, l.line_no";
  static const char *const header[]
      = { "receipt", "date",       "time",     "cashier", "line",     "sku",      "name", "qty",
          "unit",    "unit_price", "discount", "total",   "tax_code", "tax_rate", "tax" };
  g_autoptr (PosStmt) stmt = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (header) == N_SALE_COLUMNS);
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Either end may be left open: the export then starts with the first
   * sale or runs to the last one. */
  if ((from_day != NULL && !is_day (from_day)) || (to_day != NULL && !is_day (to_day)))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A day is written YYYY-MM-DD (got “%s” to “%s”)"),
                   from_day ? from_day : "", to_day ? to_day : "");
      return FALSE;
    }
  if (from_day != NULL && to_day != NULL && strcmp (from_day, to_day) > 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The first day %s is after the last day %s"),
                   from_day, to_day);
      return FALSE;
    }
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from_day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_STATIC);
  return stream_rows (store, stmt, path, header, N_SALE_COLUMNS, style, format_sale_line, error);
}
