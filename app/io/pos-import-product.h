/* pos-import-product.h — a product row of an import, from the file's
 * columns to the store: reading (pos-import-product-read.c), checking
 * (pos-import-product-check.c) and writing (pos-import-product-write.c).
 * For app/io/pos-import*.c only. */
#pragma once

#include "pos-import-private.h"

G_BEGIN_DECLS

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

void pos_import_product_row_free (ProductRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProductRow, pos_import_product_row_free)

/* Finds the columns of the file's format; FALSE when the header has none
 * of the needed ones. */
gboolean pos_import_product_header (ImportContext *ctx, GPtrArray *header, GError **error);
/* Reads a row of the file's format; problems are recorded and make it
 * return NULL. */
ProductRow *pos_import_product_row_read (ImportContext *ctx, GPtrArray *fields, guint line);
/* Checks a row against the rest of the file and the store. FALSE when the
 * row is invalid (reported) or, with @error set, the store cannot be read. */
gboolean pos_import_product_check (ImportContext *ctx, ProductRow *row, GError **error);
/* Writes a checked row. A failure here is the store's, not the row's. */
gboolean pos_import_product_write (ImportContext *ctx, const ProductRow *row, GError **error);

/* Who has barcode @code: its product id (0 when free, -1 on error) and SKU. */
gint64 pos_import_barcode_owner (PosStore *store, const char *code, char **sku, GError **error);
/* The id of the tax rate with @code (cached), 0 when unknown, -1 on error. */
gint64 pos_import_tax_id_for_code (ImportContext *ctx, const char *code, GError **error);

G_END_DECLS
