/* pos-import.c — CSV imports of products and customers (see pos-import.h).
 *
 * One pass over the file, one transaction over the whole import. Each row is
 * first read into a plain record and checked completely (against the file
 * so far and against the store) before anything is written for it, so a
 * row is either written whole or reported; a write that still fails after
 * that is the store's problem (disk full…) and ends the import with
 * nothing written. Whether the transaction commits is decided at the end:
 * a dry run or an invalid row without skip_invalid rolls everything back.
 */
#include "pos-import.h"

#include <stdarg.h>

#include "pos-barcode.h"
#include "pos-catalog.h"
#include "pos-csv.h"
#include "pos-customer.h"
#include "pos-loyalty.h"
#include "pos-money.h"
#include "pos-permission.h"
#include "pos-stock.h"
#include "pos-store-private.h"
#include "pos-tax-rate.h"

/* How many row problems the error of a refused import quotes. */
#define QUOTED_ROW_ERRORS 5

typedef struct _ImportContext ImportContext;

/* What differs between products and customers, native and OSPOS. */
typedef struct
{
  const char *what; /* "products" */
  gboolean (*read_header) (ImportContext *ctx, GPtrArray *header, GError **error);
  /* FALSE only for a failure that ends the import; row problems go to the report. */
  gboolean (*import_row) (ImportContext *ctx, GPtrArray *fields, guint line, GError **error);
} ImportKind;

struct _ImportContext
{
  PosStore *store;
  const PosUser *user; /* (nullable) who imports customers */
  PosImportFormat format;
  PosImportReport *report;
  const PosCurrency *currency;
  PosBarcodeLayouts *layouts;
  char *reference;         /* "import products.csv": stock moves name their origin */
  int columns[32];         /* column index per field of the kind, -1 when absent */
  GArray *stock_columns;   /* OSPOS: every location quantity column (int) */
  GHashTable *seen_keys;   /* SKU or card code → first line (GUINT_TO_POINTER) */
  GHashTable *seen_codes;  /* barcode key or phone → first line */
  GHashTable *categories;  /* name → gint64 * id */
  GHashTable *suppliers;   /* name → gint64 * id */
  GHashTable *tax_by_code; /* code → gint64 * id (0: unknown) */
  GHashTable *tax_by_bp;   /* "bp" → gint64 * id */
};

void
pos_import_report_free (PosImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->row_errors, g_ptr_array_unref);
  g_free (report);
}

gboolean
pos_import_format_parse (const char *text, PosImportFormat *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && g_ascii_strcasecmp (text, "native") == 0)
    *out = POS_IMPORT_NATIVE;
  else if (text != NULL && g_ascii_strcasecmp (text, "ospos") == 0)
    *out = POS_IMPORT_OSPOS;
  else
    return FALSE;
  return TRUE;
}

/* Records a problem with the row at @line. Always returns FALSE. */
G_GNUC_PRINTF (3, 4)
static gboolean
row_fail (ImportContext *ctx, guint line, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->report->row_errors, g_strdup_printf ("line %u: %s", line, message));
  ctx->report->skipped++;
  return FALSE;
}

/* The trimmed text of a cell, or NULL when the column is absent or the
 * cell empty: an empty cell means "not given". (transfer full) */
static char *
cell (GPtrArray *fields, int index)
{
  const char *text = pos_csv_field (fields, index);
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* Parses an optional non-negative amount in major units; -1 when not given. */
static gboolean
read_amount (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what, PosAmount *out)
{
  g_autofree char *text = cell (fields, index);
  g_autoptr (GError) local = NULL;

  *out = -1;
  if (text == NULL)
    return TRUE;
  if (!pos_amount_parse (text, ctx->currency, out, &local))
    return row_fail (ctx, line, "%s “%s” is not an amount: %s", what, text, local->message);
  if (*out < 0)
    return row_fail (ctx, line, "%s “%s” cannot be negative", what, text);
  return TRUE;
}

/* Parses an optional quantity; @has is FALSE when not given. */
static gboolean
read_qty (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what, gboolean signed_ok,
          PosQty *out, gboolean *has)
{
  g_autofree char *text = cell (fields, index);
  g_autoptr (GError) local = NULL;

  *has = text != NULL;
  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!pos_qty_parse (text, out, &local))
    return row_fail (ctx, line, "%s “%s” is not a quantity: %s", what, text, local->message);
  if (!signed_ok && *out < 0)
    return row_fail (ctx, line, "%s “%s” cannot be negative", what, text);
  return TRUE;
}

/* Parses an optional yes/no cell into 1/0, -1 when not given. */
static gboolean
read_flag (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what, int *out)
{
  static const char *const yes[] = { "1", "y", "yes", "true", "x" };
  static const char *const no[] = { "0", "n", "no", "false" };
  g_autofree char *text = cell (fields, index);

  *out = -1;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      *out = 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      *out = 0;
  if (*out < 0)
    return row_fail (ctx, line, "%s “%s” must be 0 or 1", what, text);
  return TRUE;
}

/* Notes that @key was used on @line; a second use is a problem of the file. */
static gboolean
claim_once (ImportContext *ctx, GHashTable *seen, const char *key, guint line, const char *what)
{
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

  if (first != 0)
    return row_fail (ctx, line, "%s “%s” already appears on line %u", what, key, first);
  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (line));
  return TRUE;
}

static gint64 *
id_new (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* ---- Products ---------------------------------------------------------- */

enum
{
  COL_SKU,
  COL_NAME,
  COL_BARCODE,
  COL_PRICE,
  COL_COST,
  COL_UNIT,
  COL_TAX,
  COL_CATEGORY,
  COL_SUPPLIER,
  COL_SUPPLIER_LOCAL,
  COL_REORDER,
  COL_ACTIVE,
  COL_STOCK,
  /* OSPOS only */
  COL_ID,
  COL_TAX1_NAME,
  COL_TAX1_PERCENT,
  COL_TAX2_NAME,
  COL_TAX2_PERCENT,
  N_PRODUCT_COLUMNS
};

G_STATIC_ASSERT (N_PRODUCT_COLUMNS <= G_N_ELEMENTS (((ImportContext *)0)->columns));

/* One row, read and checked, ready to be written. */
typedef struct
{
  guint line;
  char *sku;
  char *name;      /* (nullable) */
  char *unit;      /* (nullable) */
  char *tax_code;  /* (nullable) native */
  gint64 tax_bp;   /* OSPOS: the rate in basis points; -1 for native */
  char *tax_name;  /* (nullable) OSPOS */
  char *category;  /* (nullable) */
  char *supplier;  /* (nullable) */
  PosAmount price; /* -1: not given */
  PosAmount cost;  /* -1: not given */
  PosQty reorder;  /* -1: not given */
  int active;      /* -1: not given */
  int supplier_local;
  gboolean has_stock;
  PosQty stock;
  GPtrArray *codes; /* barcode lookup keys */
  gint64 existing;  /* the product with this SKU, 0 when new */
} ProductRow;

static void
product_row_free (ProductRow *row)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProductRow, product_row_free)

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
        return row_fail (ctx, row->line, "barcode “%s”: %s", code, local->message);
      if (barcode->kind == POS_BARCODE_GS1 && barcode->key[0] == '(')
        return row_fail (ctx, row->line, "barcode “%s” names no product (no GTIN in it)", code);
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
          "line 1: the header has no “sku” column; is this an Open Source POS file (--format ospos)?");
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
  g_autofree char *codes = cell (fields, col[COL_BARCODE]);
  gboolean has_reorder = FALSE;

  row->sku = cell (fields, col[COL_SKU]);
  row->name = cell (fields, col[COL_NAME]);
  row->unit = cell (fields, col[COL_UNIT]);
  if (row->unit != NULL)
    {
      char *lower = g_ascii_strdown (row->unit, -1); /* "KG" from a spreadsheet */
      g_free (row->unit);
      row->unit = lower;
    }
  row->tax_code = cell (fields, col[COL_TAX]);
  row->category = cell (fields, col[COL_CATEGORY]);
  row->supplier = cell (fields, col[COL_SUPPLIER]);
  if (row->sku == NULL)
    {
      row_fail (ctx, line, "the SKU is missing");
      return NULL;
    }
  if (!read_amount (ctx, fields, col[COL_PRICE], line, "price", &row->price)
      || !read_amount (ctx, fields, col[COL_COST], line, "cost", &row->cost)
      || !read_qty (ctx, fields, col[COL_REORDER], line, "reorder level", FALSE, &row->reorder, &has_reorder)
      || !read_flag (ctx, fields, col[COL_ACTIVE], line, "active", &row->active)
      || !read_flag (ctx, fields, col[COL_SUPPLIER_LOCAL], line, "supplier_local", &row->supplier_local)
      || !read_qty (ctx, fields, col[COL_STOCK], line, "stock", TRUE, &row->stock, &row->has_stock)
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
                   "line 1: the header has no “Item Name” or “Unit Price” column; "
                   "is this an Open Source POS items file?");
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
  if (!read_qty (ctx, fields, index, line, what, FALSE, &thousandths, &has))
    return FALSE;
  if (!has)
    return TRUE;
  if (thousandths % 10 != 0 || thousandths > 100000 * 10)
    return row_fail (ctx, line, "%s “%s” is not a percent between 0 and 1000 with at most two decimals", what,
                     pos_csv_field (fields, index));
  *bp = thousandths / 10;
  return TRUE;
}

/* The two OSPOS taxes become one rate: their percents added up. */
static gboolean
ospos_tax (ImportContext *ctx, GPtrArray *fields, ProductRow *row)
{
  const int *col = ctx->columns;
  g_autofree char *name1 = cell (fields, col[COL_TAX1_NAME]);
  g_autofree char *name2 = cell (fields, col[COL_TAX2_NAME]);
  gint64 bp1, bp2;

  if (!read_percent (ctx, fields, col[COL_TAX1_PERCENT], row->line, "Tax 1 Percent", &bp1)
      || !read_percent (ctx, fields, col[COL_TAX2_PERCENT], row->line, "Tax 2 Percent", &bp2))
    return FALSE;
  row->tax_bp = MAX (bp1, 0) + MAX (bp2, 0);
  if (row->tax_bp > 100000)
    return row_fail (ctx, row->line, "the taxes add up to more than 1000 %%");
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

      if (!read_qty (ctx, fields, index, row->line, "quantity", TRUE, &qty, &has))
        return FALSE;
      if (!has)
        continue;
      if (__builtin_add_overflow (row->stock, qty, &row->stock))
        return row_fail (ctx, row->line, "the quantities are too large");
      row->has_stock = TRUE;
    }
  return TRUE;
}

static ProductRow *
ospos_product_row (ImportContext *ctx, GPtrArray *fields, guint line)
{
  g_autoptr (ProductRow) row = product_row_new (line);
  const int *col = ctx->columns;
  g_autofree char *code = cell (fields, col[COL_BARCODE]);
  g_autofree char *id = cell (fields, col[COL_ID]);
  gboolean has_reorder = FALSE;

  if (code != NULL)
    row->sku = g_strdup (code);
  else if (id != NULL && g_strcmp0 (id, "0") != 0)
    row->sku = g_strdup (id);
  else
    {
      row_fail (ctx, line, "the item has neither a Barcode nor an Id");
      return NULL;
    }
  row->name = cell (fields, col[COL_NAME]);
  row->category = cell (fields, col[COL_CATEGORY]);
  if (!read_amount (ctx, fields, col[COL_PRICE], line, "Unit Price", &row->price)
      || !read_amount (ctx, fields, col[COL_COST], line, "Cost Price", &row->cost)
      || !read_qty (ctx, fields, col[COL_REORDER], line, "Reorder Level", FALSE, &row->reorder, &has_reorder)
      || !ospos_tax (ctx, fields, row) || !ospos_stock (ctx, fields, row) || !read_barcodes (ctx, code, row))
    return NULL;
  if (!has_reorder)
    row->reorder = -1;
  return g_steal_pointer (&row);
}

/* The id of the product with @sku, 0 when there is none, -1 on error. */
static gint64
product_id_for_sku (PosStore *store, const char *sku, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE sku = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Who has barcode @code: its product id (0 when free, -1 on error) and SKU. */
static gint64
barcode_owner (PosStore *store, const char *code, char **sku, GError **error)
{
  static const char sql[]
      = "SELECT p.id, p.sku FROM barcode b JOIN product p ON p.id = b.product_id WHERE b.code = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return -1;
  if (rc == SQLITE_DONE)
    return 0;
  if (sku != NULL)
    *sku = pos_stmt_dup_text (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

/* The id of the tax rate with @code (cached), 0 when unknown, -1 on error. */
static gint64
tax_id_for_code (ImportContext *ctx, const char *code, GError **error)
{
  static const char sql[] = "SELECT id FROM tax_rate WHERE code = ?1";
  gint64 *cached = g_hash_table_lookup (ctx->tax_by_code, code);
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  if (cached != NULL)
    return *cached;
  stmt = pos_store_prepare (ctx->store, sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  rc = pos_store_step_row (ctx->store, stmt, error);
  if (rc < 0)
    return -1;
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  g_hash_table_insert (ctx->tax_by_code, g_strdup (code), id_new (id));
  return id;
}

/* The catalog's own checks of a name and the amounts (pos_catalog_save
 * would refuse them), made before anything of the row is written. */
static gboolean
check_product_fields (ImportContext *ctx, const ProductRow *row)
{
  g_autoptr (GError) local = NULL;

  if ((row->name != NULL && !pos_product_check_name (row->name, &local))
      || (row->price >= 0 && !pos_product_check_amount (row->price, "price", &local))
      || (row->cost >= 0 && !pos_product_check_amount (row->cost, "cost", &local)))
    return row_fail (ctx, row->line, "%s", local->message);
  return TRUE;
}

/* Checks a row against the rest of the file and the store. FALSE when the
 * row is invalid (reported) or, with @error set, the store cannot be read. */
static gboolean
check_product_row (ImportContext *ctx, ProductRow *row, GError **error)
{
  guint line = row->line;

  if (!claim_once (ctx, ctx->seen_keys, row->sku, line, "SKU"))
    return FALSE;
  if (row->unit != NULL && g_strcmp0 (row->unit, "each") != 0 && g_strcmp0 (row->unit, "kg") != 0)
    return row_fail (ctx, line, "unit “%s” must be “each” or “kg”", row->unit);
  if ((row->existing = product_id_for_sku (ctx->store, row->sku, error)) < 0)
    return FALSE;
  if (row->existing == 0 && row->name == NULL)
    return row_fail (ctx, line, "the name of new product %s is missing", row->sku);
  if (row->existing == 0 && row->price < 0)
    return row_fail (ctx, line, "the price of new product %s is missing", row->sku);
  if (!check_product_fields (ctx, row))
    return FALSE;
  if (row->existing == 0 && row->tax_bp < 0 && row->tax_code == NULL)
    return row_fail (ctx, line, "the tax code of new product %s is missing", row->sku);
  if (row->tax_code != NULL)
    {
      gint64 tax = tax_id_for_code (ctx, row->tax_code, error);
      if (tax < 0)
        return FALSE;
      if (tax == 0)
        return row_fail (ctx, line, "unknown tax code “%s”", row->tax_code);
    }
  for (guint i = 0; i < row->codes->len; i++)
    {
      const char *code = g_ptr_array_index (row->codes, i);
      g_autofree char *owner_sku = NULL;
      gint64 owner;

      if (!claim_once (ctx, ctx->seen_codes, code, line, "barcode"))
        return FALSE;
      if ((owner = barcode_owner (ctx->store, code, &owner_sku, error)) < 0)
        return FALSE;
      if (owner != 0 && owner != row->existing)
        return row_fail (ctx, line, "barcode %s already belongs to product %s", code, owner_sku);
    }
  return TRUE;
}

/* The id of the category or supplier called @name, created when new. The
 * cache lives as long as the import's transaction, so a rolled back
 * import never leaves a stale id behind. 0 on error. */
static gint64
named_id (ImportContext *ctx, GHashTable *cache, const char *select, const char *insert, const char *name,
          GError **error)
{
  gint64 *cached = g_hash_table_lookup (cache, name);
  gint64 id = 0;

  if (cached != NULL)
    return *cached;
  {
    g_autoptr (PosStmt) stmt = pos_store_prepare (ctx->store, select, error);
    int rc;

    if (stmt == NULL)
      return 0;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    if ((rc = pos_store_step_row (ctx->store, stmt, error)) < 0)
      return 0;
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (stmt, 0);
  }
  if (id == 0)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (ctx->store, insert, error);

      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      if (!pos_store_step_done (ctx->store, stmt, error))
        return 0;
      id = sqlite3_last_insert_rowid (pos_store_db (ctx->store));
    }
  g_hash_table_insert (cache, g_strdup (name), id_new (id));
  return id;
}

static gint64
category_id (ImportContext *ctx, const char *name, GError **error)
{
  static const char select[] = "SELECT id FROM category WHERE name = ?1";
  static const char insert[] = "INSERT INTO category (name) VALUES (?1)";

  return named_id (ctx, ctx->categories, select, insert, name, error);
}

static gint64
supplier_id (ImportContext *ctx, const char *name, GError **error)
{
  static const char select[] = "SELECT id FROM supplier WHERE name = ?1";
  static const char insert[] = "INSERT INTO supplier (name) VALUES (?1)";

  return named_id (ctx, ctx->suppliers, select, insert, name, error);
}

/* Marks a supplier local or not; TRUE in *changed when it was different. */
static gboolean
set_supplier_local (ImportContext *ctx, gint64 id, int local, gboolean *changed, GError **error)
{
  static const char sql[] = "UPDATE supplier SET is_local = ?2 WHERE id = ?1 AND is_local <> ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (ctx->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, local);
  if (!pos_store_step_done (ctx->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (pos_store_db (ctx->store)) > 0)
    *changed = TRUE;
  return TRUE;
}

/* A code for a new tax rate: the first free letter, else T1, T2, … */
static char *
free_tax_code (ImportContext *ctx, GError **error)
{
  for (guint i = 0;; i++)
    {
      g_autofree char *code = i < 26 ? g_strdup_printf ("%c", 'A' + i) : g_strdup_printf ("T%u", i - 25);
      gint64 id = tax_id_for_code (ctx, code, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        return g_steal_pointer (&code);
    }
}

/* The active tax rate of @bp basis points, created (with a new code) when
 * the shop has none. 0 on error. */
static gint64
tax_id_for_rate (ImportContext *ctx, gint64 bp, const char *name, GError **error)
{
  static const char select[]
      = "SELECT id FROM tax_rate WHERE rate_bp = ?1 AND active = 1 ORDER BY id LIMIT 1";
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, bp);
  gint64 *cached = g_hash_table_lookup (ctx->tax_by_bp, key);
  g_autofree char *code = NULL;
  g_autofree char *fallback_name = NULL;
  gint64 id = 0;

  if (cached != NULL)
    return *cached;
  {
    g_autoptr (PosStmt) stmt = pos_store_prepare (ctx->store, select, error);
    int rc;

    if (stmt == NULL)
      return 0;
    sqlite3_bind_int64 (stmt, 1, bp);
    if ((rc = pos_store_step_row (ctx->store, stmt, error)) < 0)
      return 0;
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (stmt, 0);
  }
  if (id == 0)
    {
      if ((code = free_tax_code (ctx, error)) == NULL)
        return 0;
      fallback_name = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%", bp / 100, bp % 100);
      if ((id = pos_tax_rate_insert (ctx->store, code, name ? name : fallback_name, bp, FALSE, error)) == 0)
        return 0;
      g_hash_table_insert (ctx->tax_by_code, g_strdup (code), id_new (id));
    }
  g_hash_table_insert (ctx->tax_by_bp, g_steal_pointer (&key), id_new (id));
  return id;
}

static void
replace_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Copies what the row gives onto @p, resolving names to ids. */
static gboolean
apply_product_row (ImportContext *ctx, const ProductRow *row, PosProduct *p, GError **error)
{
  if (row->name != NULL)
    replace_string (&p->name, row->name);
  if (row->unit != NULL)
    replace_string (&p->unit, row->unit);
  if (row->price >= 0)
    p->price = row->price;
  if (row->cost >= 0)
    p->cost = row->cost;
  if (row->reorder >= 0)
    p->reorder_level = row->reorder;
  if (row->active >= 0)
    p->active = row->active;
  if (row->tax_code != NULL)
    p->tax_rate_id = tax_id_for_code (ctx, row->tax_code, error);
  else if (row->tax_bp >= 0)
    p->tax_rate_id = tax_id_for_rate (ctx, row->tax_bp, row->tax_name, error);
  if (p->tax_rate_id <= 0)
    return FALSE;
  if (row->category != NULL && (p->category_id = category_id (ctx, row->category, error)) == 0)
    return FALSE;
  if (row->supplier != NULL && (p->supplier_id = supplier_id (ctx, row->supplier, error)) == 0)
    return FALSE;
  return TRUE;
}

static gboolean
product_differs (const PosProduct *a, const PosProduct *b)
{
  return g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->unit, b->unit) != 0 || a->price != b->price
         || a->cost != b->cost || a->tax_rate_id != b->tax_rate_id || a->category_id != b->category_id
         || a->supplier_id != b->supplier_id || a->reorder_level != b->reorder_level
         || a->active != b->active;
}

/* Adds the row's barcodes the product does not have yet. */
static gboolean
add_barcodes (ImportContext *ctx, const ProductRow *row, gint64 product_id, gboolean *changed, GError **error)
{
  for (guint i = 0; i < row->codes->len; i++)
    {
      const char *code = g_ptr_array_index (row->codes, i);
      gint64 owner = row->existing ? barcode_owner (ctx->store, code, NULL, error) : 0;

      if (owner < 0)
        return FALSE;
      if (owner == product_id)
        continue;
      if (!pos_catalog_add_barcode (ctx->store, product_id, code, error))
        return FALSE;
      *changed = TRUE;
    }
  return TRUE;
}

/* Writes a checked row. A failure here is the store's, not the row's. */
static gboolean
write_product_row (ImportContext *ctx, const ProductRow *row, GError **error)
{
  g_autoptr (PosProduct) product = NULL;
  g_autoptr (PosProduct) before = NULL;
  gboolean changed;

  product = row->existing ? pos_catalog_get (ctx->store, row->existing, error) : pos_product_new ();
  if (product == NULL)
    return FALSE;
  if (row->existing)
    before = pos_product_copy (product);
  if (row->existing == 0)
    product->sku = g_strdup (row->sku);
  if (!apply_product_row (ctx, row, product, error))
    return FALSE;
  changed = before == NULL || product_differs (before, product);
  if (changed && !pos_catalog_save (ctx->store, product, error))
    return FALSE;
  if (!add_barcodes (ctx, row, product->id, &changed, error))
    return FALSE;
  if (row->supplier != NULL && row->supplier_local >= 0
      && !set_supplier_local (ctx, product->supplier_id, row->supplier_local, &changed, error))
    return FALSE;
  if (row->existing == 0 && row->has_stock && row->stock != 0
      && !pos_stock_record_move (ctx->store, product->id, row->stock,
                                 row->stock > 0 ? POS_STOCK_RECEIVE : POS_STOCK_ADJUST, ctx->reference, 0, 0,
                                 error))
    return FALSE;
  if (row->existing == 0)
    ctx->report->added++;
  else if (changed)
    ctx->report->updated++;
  return TRUE;
}

static gboolean
import_product_row (ImportContext *ctx, GPtrArray *fields, guint line, GError **error)
{
  g_autoptr (ProductRow) row = NULL;
  g_autoptr (GError) local = NULL;

  if (ctx->format == POS_IMPORT_OSPOS)
    row = ospos_product_row (ctx, fields, line);
  else
    row = native_product_row (ctx, fields, line);
  if (row == NULL)
    return TRUE;
  if (!check_product_row (ctx, row, &local))
    {
      if (local == NULL)
        return TRUE; /* invalid: in the report, nothing written */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return write_product_row (ctx, row, error);
}

static gboolean
product_header (ImportContext *ctx, GPtrArray *header, GError **error)
{
  if (ctx->format == POS_IMPORT_OSPOS)
    return ospos_product_header (ctx, header, error);
  return native_product_header (ctx, header, error);
}

static const ImportKind product_kind = { "products", product_header, import_product_row };

/* ---- Customers --------------------------------------------------------- */

enum
{
  COL_CARD,
  COL_CUSTOMER_NAME,
  COL_PHONE,
  COL_EMAIL,
  COL_CONSENT,
  COL_POINTS,
  /* OSPOS only */
  COL_FIRST_NAME,
  COL_LAST_NAME,
};

static gboolean
customer_header (ImportContext *ctx, GPtrArray *header, GError **error)
{
  int *col = ctx->columns;
  gboolean ospos = ctx->format == POS_IMPORT_OSPOS;

  col[COL_CARD] = pos_csv_header_index (header, ospos ? "Account Number" : "card_code");
  col[COL_PHONE] = pos_csv_header_index (header, ospos ? "Phone Number" : "phone");
  col[COL_EMAIL] = pos_csv_header_index (header, ospos ? "Email" : "email");
  col[COL_CONSENT] = pos_csv_header_index (header, ospos ? "Consent" : "consent");
  if (ospos)
    {
      col[COL_FIRST_NAME] = pos_csv_header_index (header, "First Name");
      col[COL_LAST_NAME] = pos_csv_header_index (header, "Last Name");
    }
  else
    {
      col[COL_CUSTOMER_NAME] = pos_csv_header_index (header, "name");
      col[COL_POINTS] = pos_csv_header_index (header, "points");
    }
  if (col[COL_CARD] < 0 && col[COL_PHONE] < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   "line 1: the header has neither a “%s” nor a “%s” column",
                   ospos ? "Account Number" : "card_code", ospos ? "Phone Number" : "phone");
      return FALSE;
    }
  return TRUE;
}

/* The customer's name: "name", or OSPOS first and last name joined. */
static char *
customer_name (ImportContext *ctx, GPtrArray *fields)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (ctx->format != POS_IMPORT_OSPOS)
    return cell (fields, ctx->columns[COL_CUSTOMER_NAME]);
  first = cell (fields, ctx->columns[COL_FIRST_NAME]);
  last = cell (fields, ctx->columns[COL_LAST_NAME]);
  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s %s", first, last);
  return first != NULL ? g_steal_pointer (&first) : g_steal_pointer (&last);
}

/* Opening loyalty points: a whole number, not negative; 0 when not given. */
static gboolean
read_points (ImportContext *ctx, GPtrArray *fields, guint line, gint64 *points)
{
  g_autofree char *text = cell (fields, ctx->columns[COL_POINTS]);
  guint64 value;

  *points = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return row_fail (ctx, line, "points “%s” must be a whole number, not negative", text);
  *points = (gint64)value;
  return TRUE;
}

/* Reads a customer row and checks its card code and phone number are not
 * used twice in the file; the rest is checked by pos_customer_add(). */
static PosCustomer *
read_customer_row (ImportContext *ctx, GPtrArray *fields, guint line, gint64 *points)
{
  g_autoptr (PosCustomer) draft = g_new0 (PosCustomer, 1);
  g_autofree char *phone = cell (fields, ctx->columns[COL_PHONE]);
  g_autoptr (GError) local = NULL;
  int consent;

  draft->card_code = cell (fields, ctx->columns[COL_CARD]);
  draft->name = customer_name (ctx, fields);
  draft->email = cell (fields, ctx->columns[COL_EMAIL]);
  if (!read_flag (ctx, fields, ctx->columns[COL_CONSENT], line, "consent", &consent)
      || !read_points (ctx, fields, line, points))
    return NULL;
  draft->consent = consent == 1;
  if (draft->card_code == NULL && phone == NULL)
    {
      row_fail (ctx, line, "a customer needs a card code or a phone number");
      return NULL;
    }
  if (phone != NULL && (draft->phone = pos_customer_normalize_phone (phone, &local)) == NULL)
    {
      row_fail (ctx, line, "phone “%s”: %s", phone, local->message);
      return NULL;
    }
  if (draft->card_code != NULL && !claim_once (ctx, ctx->seen_keys, draft->card_code, line, "card code"))
    return NULL;
  if (draft->phone != NULL && !claim_once (ctx, ctx->seen_codes, draft->phone, line, "phone number"))
    return NULL;
  return g_steal_pointer (&draft);
}

static gboolean
import_customer_row (ImportContext *ctx, GPtrArray *fields, guint line, GError **error)
{
  g_autoptr (PosCustomer) draft = NULL;
  g_autoptr (PosCustomer) saved = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *note = NULL;
  gint64 points = 0;

  if ((draft = read_customer_row (ctx, fields, line, &points)) == NULL)
    return TRUE;
  /* pos_customer_add() validates before it writes anything, so its
   * POS_ERROR_INVALID is a problem of this row and leaves no trace. */
  saved = pos_customer_add (ctx->store, ctx->user, draft, &local);
  if (saved == NULL && g_error_matches (local, POS_ERROR, POS_ERROR_INVALID))
    {
      row_fail (ctx, line, "%s", local->message);
      return TRUE;
    }
  if (saved == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  note = g_strdup_printf ("opening balance (%s)", ctx->reference);
  if (points > 0 && !pos_loyalty_adjust (ctx->store, ctx->user, NULL, saved->id, points, note, error))
    return FALSE;
  ctx->report->added++;
  return TRUE;
}

static const ImportKind customer_kind = { "customers", customer_header, import_customer_row };

/* ---- Running an import ------------------------------------------------- */

static const PosCurrency *
store_currency (PosStore *store)
{
  g_autofree char *code = pos_store_dup_setting (store, "currency");
  const PosCurrency *currency = code ? pos_currency_lookup (code) : NULL;

  return currency ? currency : pos_currency_lookup ("EUR");
}

static ImportContext *
context_new (PosStore *store, const char *path, PosImportFormat format)
{
  ImportContext *ctx = g_new0 (ImportContext, 1);
  g_autofree char *base = g_path_get_basename (path);

  ctx->store = store;
  ctx->format = format;
  ctx->report = g_new0 (PosImportReport, 1);
  ctx->report->row_errors = g_ptr_array_new_with_free_func (g_free);
  ctx->currency = store_currency (store);
  ctx->layouts = pos_barcode_layouts_new_default ();
  ctx->reference = g_strdup_printf ("import %s", base);
  for (guint i = 0; i < G_N_ELEMENTS (ctx->columns); i++)
    ctx->columns[i] = -1;
  ctx->stock_columns = g_array_new (FALSE, FALSE, sizeof (int));
  ctx->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->seen_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->suppliers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->tax_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx->tax_by_bp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return ctx;
}

static void
context_free (ImportContext *ctx)
{
  pos_import_report_free (ctx->report);
  pos_barcode_layouts_free (ctx->layouts);
  g_free (ctx->reference);
  g_array_unref (ctx->stock_columns);
  g_hash_table_unref (ctx->seen_keys);
  g_hash_table_unref (ctx->seen_codes);
  g_hash_table_unref (ctx->categories);
  g_hash_table_unref (ctx->suppliers);
  g_hash_table_unref (ctx->tax_by_code);
  g_hash_table_unref (ctx->tax_by_bp);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportContext, context_free)

/* Reads the header row and lets the kind find its columns. */
static gboolean
read_header (ImportContext *ctx, const ImportKind *kind, PosCsvReader *reader, GError **error)
{
  g_autoptr (GPtrArray) header = NULL;

  if (!pos_csv_reader_next (reader, &header, error))
    return FALSE;
  if (header == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "line 1: the file is empty; expected a header row");
      return FALSE;
    }
  return kind->read_header (ctx, header, error);
}

/* The error of an import refused for its invalid rows: how many, and the
 * first few of them, so one line on a terminal says what to fix. */
static void
set_rows_invalid_error (PosImportReport *report, const char *what, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = report->row_errors->len;

  g_string_printf (text, "Nothing was imported: %u of %u rows of %s are invalid: ", n, report->rows, what);
  for (guint i = 0; i < n && i < QUOTED_ROW_ERRORS; i++)
    g_string_append_printf (text, "%s%s", i ? "; " : "", (char *)g_ptr_array_index (report->row_errors, i));
  if (n > QUOTED_ROW_ERRORS)
    g_string_append_printf (text, "; and %u more", n - QUOTED_ROW_ERRORS);
  g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, text->str);
}

/* Reads every row into the open transaction; FALSE ends the import. */
static gboolean
import_rows (ImportContext *ctx, const ImportKind *kind, PosCsvReader *reader, GError **error)
{
  for (;;)
    {
      g_autoptr (GPtrArray) fields = NULL;

      if (!pos_csv_reader_next (reader, &fields, error))
        return FALSE;
      if (fields == NULL)
        return TRUE;
      ctx->report->rows++;
      if (!kind->import_row (ctx, fields, pos_csv_reader_line (reader), error))
        return FALSE;
    }
}

static PosImportReport *
run_import (PosStore *store, const PosUser *user, const char *path, PosImportFormat format,
            const ImportKind *kind, gboolean dry_run, gboolean skip_invalid, GError **error)
{
  g_autoptr (ImportContext) ctx = NULL;
  g_autoptr (PosCsvReader) reader = NULL;
  gboolean keep;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (format == POS_IMPORT_NATIVE || format == POS_IMPORT_OSPOS, NULL);
  g_return_val_if_fail (!pos_store_in_transaction (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx = context_new (store, path, format);
  ctx->user = user;
  if ((reader = pos_csv_reader_new_for_path (path, error)) == NULL)
    return NULL;
  if (!read_header (ctx, kind, reader, error))
    return NULL;
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return NULL;
  if (!import_rows (ctx, kind, reader, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  keep = !dry_run && (skip_invalid || ctx->report->row_errors->len == 0);
  if (!keep)
    pos_store_rollback (store);
  else if (!pos_store_commit (store, error))
    return NULL;
  if (!dry_run && !skip_invalid && ctx->report->row_errors->len > 0)
    {
      set_rows_invalid_error (ctx->report, kind->what, error);
      return NULL;
    }
  return g_steal_pointer (&ctx->report);
}

PosImportReport *
pos_import_products (PosStore *store, const char *path, PosImportFormat format, gboolean dry_run,
                     gboolean skip_invalid, GError **error)
{
  return run_import (store, NULL, path, format, &product_kind, dry_run, skip_invalid, error);
}

PosImportReport *
pos_import_customers (PosStore *store, const PosUser *user, const char *path, PosImportFormat format,
                      gboolean dry_run, gboolean skip_invalid, GError **error)
{
  g_return_val_if_fail (user != NULL, NULL);

  if (!pos_permission_check (user, POS_ACTION_CUSTOMER_DATA, NULL, error))
    return NULL;
  return run_import (store, user, path, format, &customer_kind, dry_run, skip_invalid, error);
}
