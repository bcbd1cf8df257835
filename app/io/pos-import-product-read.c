/* pos-import-product-read.c — a product row as the file gives it: the
 * columns of the native and the Open Source POS formats, and each row read
 * into a ProductRow, with nothing looked up in the store yet. */
#include "pos-import-product.h"

#include <glib/gi18n-lib.h>

void
pos_import_product_row_free (ProductRow *row)
{
  g_free (row->sku);
  g_free (row->name);
  g_free (row->unit);
  g_free (row->tax_code);
  g_free (row->tax_name);
  g_free (row->category);
  g_free (row->supplier);
  g_clear_pointer (&row->codes, g_ptr_array_unref);
  g_free (row);
}

static ProductRow *
product_row_new (guint line)
{
  ProductRow *row = g_new0 (ProductRow, 1);

  row->line = line;
  row->tax_bp = -1;
  row->price = row->cost = row->reorder = -1;
  row->active = row->supplier_local = -1;
  row->codes = g_ptr_array_new_with_free_func (g_free);
  return row;
}

/* Parses the "|"-separated codes of a cell into their lookup keys. */
static gboolean
read_barcodes (ImportContext *ctx, const char *text, ProductRow *row)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", "|", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr (PosBarcode) barcode = NULL;
      g_autoptr (GError) local = NULL;
      const char *code = g_strstrip (parts[i]);

      if (*code == '\0')
        continue;
      barcode = pos_barcode_parse (code, ctx->layouts, &local);
      if (barcode == NULL)
        return pos_import_row_fail (ctx, row->line, "barcode “%s”: %s", code, local->message);
      if (barcode->kind == POS_BARCODE_GS1 && barcode->key[0] == '(')
        return pos_import_row_fail (ctx, row->line, "barcode “%s” names no product (no GTIN in it)", code);
      g_ptr_array_add (row->codes, g_strdup (barcode->key));
    }
  return TRUE;
}

static gboolean
native_product_header (ImportContext *ctx, GPtrArray *header, GError **error)
{
  static const char *const names[] = {
    [COL_SKU] = "sku",
    [COL_NAME] = "name",
    [COL_BARCODE] = "barcode",
    [COL_PRICE] = "price",
    [COL_COST] = "cost",
    [COL_UNIT] = "unit",
    [COL_TAX] = "tax",
    [COL_CATEGORY] = "category",
    [COL_SUPPLIER] = "supplier",
    [COL_SUPPLIER_LOCAL] = "supplier_local",
    [COL_REORDER] = "reorder_level",
    [COL_ACTIVE] = "active",
    [COL_STOCK] = "stock",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ctx->columns[i] = pos_csv_header_index (header, names[i]);
  if (ctx->columns[COL_SKU] < 0)
    {
      g_set_error (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("line 1: the header has no “sku” column; is this an Open Source POS file (--format ospos)?"));
      return FALSE;
    }
  return TRUE;
}

/* Reads a native row; problems are recorded and make it return NULL. */
static ProductRow *
native_product_row (ImportContext *ctx, GPtrArray *fields, guint line)
{
  g_autoptr (ProductRow) row = product_row_new (line);
  const int *col = ctx->columns;
  g_autofree char *codes = pos_import_cell (fields, col[COL_BARCODE]);
  gboolean has_reorder = FALSE;

  row->sku = pos_import_cell (fields, col[COL_SKU]);
  row->name = pos_import_cell (fields, col[COL_NAME]);
  row->unit = pos_import_cell (fields, col[COL_UNIT]);
  if (row->unit != NULL)
    {
      char *lower = g_ascii_strdown (row->unit, -1); /* "KG" from a spreadsheet */
      g_free (row->unit);
      row->unit = lower;
    }
  row->tax_code = pos_import_cell (fields, col[COL_TAX]);
  row->category = pos_import_cell (fields, col[COL_CATEGORY]);
  row->supplier = pos_import_cell (fields, col[COL_SUPPLIER]);
  if (row->sku == NULL)
    {
      pos_import_row_fail (ctx, line, "the SKU is missing");
      return NULL;
    }
  if (!pos_import_read_amount (ctx, fields, col[COL_PRICE], line, "price", &row->price)
      || !pos_import_read_amount (ctx, fields, col[COL_COST], line, "cost", &row->cost)
      || !pos_import_read_qty (ctx, fields, col[COL_REORDER], line, "reorder level", FALSE, &row->reorder,
                               &has_reorder)
      || !pos_import_read_flag (ctx, fields, col[COL_ACTIVE], line, "active", &row->active)
      || !pos_import_read_flag (ctx, fields, col[COL_SUPPLIER_LOCAL], line, "supplier_local",
                                &row->supplier_local)
      || !pos_import_read_qty (ctx, fields, col[COL_STOCK], line, "stock", TRUE, &row->stock, &row->has_stock)
      || !read_barcodes (ctx, codes, row))
    return NULL;
  if (!has_reorder)
    row->reorder = -1;
  return g_steal_pointer (&row);
}

static gboolean
ospos_product_header (ImportContext *ctx, GPtrArray *header, GError **error)
{
  int *col = ctx->columns;

  for (guint i = 0; i < N_PRODUCT_COLUMNS; i++)
    col[i] = -1;
  col[COL_ID] = pos_csv_header_index (header, "Id");
  col[COL_BARCODE] = pos_csv_header_index (header, "Barcode");
  if (col[COL_BARCODE] < 0)
    col[COL_BARCODE] = pos_csv_header_index (header, "UPC/EAN/ISBN");
  col[COL_NAME] = pos_csv_header_index (header, "Item Name");
  col[COL_CATEGORY] = pos_csv_header_index (header, "Category");
  col[COL_COST] = pos_csv_header_index (header, "Cost Price");
  col[COL_PRICE] = pos_csv_header_index (header, "Unit Price");
  col[COL_TAX1_NAME] = pos_csv_header_index (header, "Tax 1 Name");
  col[COL_TAX1_PERCENT] = pos_csv_header_index (header, "Tax 1 Percent");
  col[COL_TAX2_NAME] = pos_csv_header_index (header, "Tax 2 Name");
  col[COL_TAX2_PERCENT] = pos_csv_header_index (header, "Tax 2 Percent");
  col[COL_REORDER] = pos_csv_header_index (header, "Reorder Level");

  /* Quantities: one column per stock location in current files, a single
   * one in older ones. */
  for (guint i = 0; i < header->len && i <= G_MAXINT; i++)
    if (g_ascii_strncasecmp (g_strstrip ((char *)g_ptr_array_index (header, i)), "location_", 9) == 0)
      g_array_append_val (ctx->stock_columns, (int){ (int)i });
  if (ctx->stock_columns->len == 0)
    {
      int q = pos_csv_header_index (header, "Quantity");
      if (q < 0)
        q = pos_csv_header_index (header, "quantity1");
      if (q >= 0)
        g_array_append_val (ctx->stock_columns, q);
    }

  if (col[COL_NAME] < 0 || col[COL_PRICE] < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("line 1: the header has no “Item Name” or “Unit Price” column; "
                      "is this an Open Source POS items file?"));
      return FALSE;
    }
  return TRUE;
}

/* A tax percent with up to two decimals ("8", "7.25", "19.000") as basis
 * points; -1 when not given. */
static gboolean
read_percent (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what, gint64 *bp)
{
  PosQty thousandths;
  gboolean has;

  *bp = -1;
  if (!pos_import_read_qty (ctx, fields, index, line, what, FALSE, &thousandths, &has))
    return FALSE;
  if (!has)
    return TRUE;
  if (thousandths % 10 != 0 || thousandths > 100000 * 10)
    return pos_import_row_fail (ctx, line,
                                "%s “%s” is not a percent between 0 and 1000 with at most two decimals", what,
                                pos_csv_field (fields, index));
  *bp = thousandths / 10;
  return TRUE;
}

/* The two OSPOS taxes become one rate: their percents added up. */
static gboolean
ospos_tax (ImportContext *ctx, GPtrArray *fields, ProductRow *row)
{
  const int *col = ctx->columns;
  g_autofree char *name1 = pos_import_cell (fields, col[COL_TAX1_NAME]);
  g_autofree char *name2 = pos_import_cell (fields, col[COL_TAX2_NAME]);
  gint64 bp1, bp2;

  if (!read_percent (ctx, fields, col[COL_TAX1_PERCENT], row->line, "Tax 1 Percent", &bp1)
      || !read_percent (ctx, fields, col[COL_TAX2_PERCENT], row->line, "Tax 2 Percent", &bp2))
    return FALSE;
  row->tax_bp = MAX (bp1, 0) + MAX (bp2, 0);
  if (row->tax_bp > 100000)
    return pos_import_row_fail (ctx, row->line, "the taxes add up to more than 1000 %%");
  if (bp1 >= 0 && bp2 >= 0 && name1 != NULL && name2 != NULL)
    row->tax_name = g_strdup_printf ("%s + %s", name1, name2);
  else if (bp1 >= 0 && name1 != NULL)
    row->tax_name = g_steal_pointer (&name1);
  else if (bp2 >= 0 && name2 != NULL)
    row->tax_name = g_steal_pointer (&name2);
  return TRUE;
}

/* The quantities of every stock location, added up. */
static gboolean
ospos_stock (ImportContext *ctx, GPtrArray *fields, ProductRow *row)
{
  for (guint i = 0; i < ctx->stock_columns->len; i++)
    {
      int index = g_array_index (ctx->stock_columns, int, i);
      PosQty qty;
      gboolean has;

      if (!pos_import_read_qty (ctx, fields, index, row->line, "quantity", TRUE, &qty, &has))
        return FALSE;
      if (!has)
        continue;
      if (__builtin_add_overflow (row->stock, qty, &row->stock))
        return pos_import_row_fail (ctx, row->line, "the quantities are too large");
      row->has_stock = TRUE;
    }
  return TRUE;
}

static ProductRow *
ospos_product_row (ImportContext *ctx, GPtrArray *fields, guint line)
{
  g_autoptr (ProductRow) row = product_row_new (line);
  const int *col = ctx->columns;
  g_autofree char *code = pos_import_cell (fields, col[COL_BARCODE]);
  g_autofree char *id = pos_import_cell (fields, col[COL_ID]);
  gboolean has_reorder = FALSE;

  if (code != NULL)
    row->sku = g_strdup (code);
  else if (id != NULL && g_strcmp0 (id, "0") != 0)
    row->sku = g_strdup (id);
  else
    {
      pos_import_row_fail (ctx, line, "the item has neither a Barcode nor an Id");
      return NULL;
    }
  row->name = pos_import_cell (fields, col[COL_NAME]);
  row->category = pos_import_cell (fields, col[COL_CATEGORY]);
  if (!pos_import_read_amount (ctx, fields, col[COL_PRICE], line, "Unit Price", &row->price)
      || !pos_import_read_amount (ctx, fields, col[COL_COST], line, "Cost Price", &row->cost)
      || !pos_import_read_qty (ctx, fields, col[COL_REORDER], line, "Reorder Level", FALSE, &row->reorder,
                               &has_reorder)
      || !ospos_tax (ctx, fields, row) || !ospos_stock (ctx, fields, row) || !read_barcodes (ctx, code, row))
    return NULL;
  if (!has_reorder)
    row->reorder = -1;
  return g_steal_pointer (&row);
}

gboolean
pos_import_product_header (ImportContext *ctx, GPtrArray *header, GError **error)
{
  if (ctx->format == POS_IMPORT_OSPOS)
    return ospos_product_header (ctx, header, error);
  return native_product_header (ctx, header, error);
}

ProductRow *
pos_import_product_row_read (ImportContext *ctx, GPtrArray *fields, guint line)
{
  if (ctx->format == POS_IMPORT_OSPOS)
    return ospos_product_row (ctx, fields, line);
  return native_product_row (ctx, fields, line);
}
