/* pos-import-product-write.c — a checked product row written to the
 * store: names resolved to ids (categories, suppliers and tax rates made
 * when new), the product saved through the catalog, its barcodes and
 * opening stock added. Also the product kind of import: read, check, write. */
#include "pos-import-product.h"

#include "pos-catalog.h"
#include "pos-stock.h"
#include "pos-tax-rate.h"

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
  g_hash_table_insert (cache, g_strdup (name), pos_import_id_new (id));
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
      gint64 id = pos_import_tax_id_for_code (ctx, code, error);

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
      g_hash_table_insert (ctx->tax_by_code, g_strdup (code), pos_import_id_new (id));
    }
  g_hash_table_insert (ctx->tax_by_bp, g_steal_pointer (&key), pos_import_id_new (id));
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
    p->tax_rate_id = pos_import_tax_id_for_code (ctx, row->tax_code, error);
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
      gint64 owner = row->existing ? pos_import_barcode_owner (ctx->store, code, NULL, error) : 0;

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
gboolean
pos_import_product_write (ImportContext *ctx, const ProductRow *row, GError **error)
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

  if ((row = pos_import_product_row_read (ctx, fields, line)) == NULL)
    return TRUE;
  if (!pos_import_product_check (ctx, row, &local))
    {
      if (local == NULL)
        return TRUE; /* invalid: in the report, nothing written */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return pos_import_product_write (ctx, row, error);
}

const ImportKind pos_import_product_kind = { "products", pos_import_product_header, import_product_row };
