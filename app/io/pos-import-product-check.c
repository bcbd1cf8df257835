/* pos-import-product-check.c — a product row checked against the rest of
 * the file and the store before anything is written for it. */
#include "pos-import-product.h"

#include "pos-catalog.h"

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
gint64
pos_import_barcode_owner (PosStore *store, const char *code, char **sku, GError **error)
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
gint64
pos_import_tax_id_for_code (ImportContext *ctx, const char *code, GError **error)
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
  g_hash_table_insert (ctx->tax_by_code, g_strdup (code), pos_import_id_new (id));
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
    return pos_import_row_fail (ctx, row->line, "%s", local->message);
  return TRUE;
}

/* Checks a row against the rest of the file and the store. FALSE when the
 * row is invalid (reported) or, with @error set, the store cannot be read. */
gboolean
pos_import_product_check (ImportContext *ctx, ProductRow *row, GError **error)
{
  guint line = row->line;

  if (!pos_import_claim_once (ctx, ctx->seen_keys, row->sku, line, "SKU"))
    return FALSE;
  if (row->unit != NULL && !pos_unit_is_valid (row->unit))
    return pos_import_row_fail (ctx, line, "unit “%s” must be “each”, “kg”, “l” or “m”", row->unit);
  if ((row->existing = product_id_for_sku (ctx->store, row->sku, error)) < 0)
    return FALSE;
  if (row->existing == 0 && row->name == NULL)
    return pos_import_row_fail (ctx, line, "the name of new product %s is missing", row->sku);
  if (row->existing == 0 && row->price < 0)
    return pos_import_row_fail (ctx, line, "the price of new product %s is missing", row->sku);
  if (!check_product_fields (ctx, row))
    return FALSE;
  if (row->existing == 0 && row->tax_bp < 0 && row->tax_code == NULL)
    return pos_import_row_fail (ctx, line, "the tax code of new product %s is missing", row->sku);
  if (row->tax_code != NULL)
    {
      gint64 tax = pos_import_tax_id_for_code (ctx, row->tax_code, error);
      if (tax < 0)
        return FALSE;
      if (tax == 0)
        return pos_import_row_fail (ctx, line, "unknown tax code “%s”", row->tax_code);
    }
  for (guint i = 0; i < row->codes->len; i++)
    {
      const char *code = g_ptr_array_index (row->codes, i);
      g_autofree char *owner_sku = NULL;
      gint64 owner;

      if (!pos_import_claim_once (ctx, ctx->seen_codes, code, line, "barcode"))
        return FALSE;
      if ((owner = pos_import_barcode_owner (ctx->store, code, &owner_sku, error)) < 0)
        return FALSE;
      if (owner != 0 && owner != row->existing)
        return pos_import_row_fail (ctx, line, "barcode %s already belongs to product %s", code, owner_sku);
    }
  return TRUE;
}
