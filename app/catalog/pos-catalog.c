/* pos-catalog.c — products (see pos-catalog.h). */
#include "pos-catalog.h"

#include "pos-journal.h"
#include "pos-store-private.h"

PosProduct *
pos_product_new (void)
{
  PosProduct *product = g_new0 (PosProduct, 1);

  product->unit = g_strdup ("each");
  product->cost = -1;
  product->reorder_level = -1;
  product->active = TRUE;
  return product;
}

PosProduct *
pos_product_copy (const PosProduct *product)
{
  PosProduct *copy = g_memdup2 (product, sizeof *product);

  copy->sku = g_strdup (product->sku);
  copy->name = g_strdup (product->name);
  copy->unit = g_strdup (product->unit);
  copy->tax_code = g_strdup (product->tax_code);
  return copy;
}

void
pos_product_free (PosProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->sku);
  g_free (product->name);
  g_free (product->unit);
  g_free (product->tax_code);
  g_free (product);
}

gboolean
pos_product_is_weighed (const PosProduct *product)
{
  return g_strcmp0 (product->unit, "kg") == 0;
}

#define PRODUCT_COLUMNS                                                                                      \
  "p.id, p.sku, p.name, p.unit, p.price, p.cost, p.tax_rate_id, t.code, t.rate_bp, p.category_id, "          \
  "p.supplier_id, p.reorder_level, p.active, p.version"
#define PRODUCT_FROM " FROM product p JOIN tax_rate t ON t.id = p.tax_rate_id "

static PosProduct *
product_from_row (PosStmt *stmt)
{
  PosProduct *product = g_new0 (PosProduct, 1);

  product->id = sqlite3_column_int64 (stmt, 0);
  product->sku = pos_stmt_dup_text (stmt, 1);
  product->name = pos_stmt_dup_text (stmt, 2);
  product->unit = pos_stmt_dup_text (stmt, 3);
  product->price = sqlite3_column_int64 (stmt, 4);
  product->cost = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
  product->tax_rate_id = sqlite3_column_int64 (stmt, 6);
  product->tax_code = pos_stmt_dup_text (stmt, 7);
  product->tax_rate_bp = sqlite3_column_int64 (stmt, 8);
  product->category_id = sqlite3_column_int64 (stmt, 9);
  product->supplier_id = sqlite3_column_int64 (stmt, 10);
  product->reorder_level
      = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 11);
  product->active = sqlite3_column_int (stmt, 12);
  product->version = sqlite3_column_int64 (stmt, 13);
  return product;
}

static PosProduct *
fetch_one (PosStore *store, PosStmt *stmt, const char *what, GError **error)
{
  int rc = pos_store_step_row (store, stmt, error);

  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "No product %s", what);
      return NULL;
    }
  return product_from_row (stmt);
}

PosProduct *
pos_catalog_get (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *what = g_strdup_printf ("with id %" G_GINT64_FORMAT, id);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return fetch_one (store, stmt, what, error);
}

/*
 * Finds the product a scanned or typed code stands for: first the barcode
 * table (the key from pos_barcode_parse), then the SKU, in any case. Inactive products
 * are found too; the caller decides whether they may be sold.
 */
PosProduct *
pos_catalog_lookup (PosStore *store, const char *key, GError **error)
{
  static const char by_barcode[]
      = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "JOIN barcode b ON b.product_id = p.id WHERE b.code = ?1";
  static const char by_sku[] = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.sku = ?1";
  /* A SKU typed in the wrong case (index product_sku_nocase); the exact
   * match above wins when two SKUs differ only in case. */
  static const char by_sku_nocase[]
      = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.sku = ?1 COLLATE NOCASE ORDER BY p.id LIMIT 1";
  const char *queries[] = { by_barcode, by_sku, by_sku_nocase };
  g_autofree char *what = g_strdup_printf ("with code “%s”", key);

  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, queries[i], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      rc = pos_store_step_row (store, stmt, error);
      if (rc < 0)
        return NULL;
      if (rc == SQLITE_ROW)
        return product_from_row (stmt);
    }
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "No product %s", what);
  return NULL;
}

/* Turns what a cashier typed into an FTS5 query: every word becomes a
 * quoted prefix term ("app" "jui"*), so punctuation in the input can never
 * be read as FTS syntax. Returns NULL when nothing searchable is left. */
char *
pos_catalog_fts_query (const char *text)
{
  g_autoptr (GString) query = g_string_new (NULL);
  g_auto (GStrv) words = g_str_tokenize_and_fold (text ? text : "", NULL, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;
      g_auto (GStrv) parts = g_strsplit (words[i], "\"", -1);

      if (*words[i] == '\0')
        continue;
      quoted = g_strjoinv ("\"\"", parts);
      g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", quoted);
    }
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Ranking costs a bm25 score per match: a word prefix that matches more
 * products than this ("s", "gr" in a million) is listed unranked. */
#define SEARCH_RANK_MAX 500

/*
 * The first matches of @query in catalog order, up to SEARCH_RANK_MAX + 1
 * of them: enough to tell whether it is selective enough to rank. One pass
 * over the match list, which for a prefix longer than the FTS prefix index
 * is built whole whatever the LIMIT.
 */
static gboolean
first_matches (PosStore *store, const char *query, GArray *found, GError **error)
{
  static const char sql[] = "SELECT rowid FROM product_fts WHERE product_fts MATCH ?1 LIMIT ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, SEARCH_RANK_MAX + 1);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (found, id);
    }
  return rc == SQLITE_DONE;
}

/* The active ones of @found, in order, up to @limit. */
static gboolean
keep_active (PosStore *store, GArray *found, guint limit, GArray *ids, GError **error)
{
  static const char sql[] = "SELECT active FROM product WHERE id = ?1";

  for (guint i = 0; i < found->len && limit > 0; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
      gint64 id = g_array_index (found, gint64, i);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = pos_store_step_row (store, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0))
        g_array_append_val (ids, id), limit--;
    }
  return TRUE;
}

/*
 * Appends to @ids (gint64) the ids of up to @limit active products whose
 * name or SKU words start with the typed words: best match first when the
 * words are selective, in catalog order when they match so many products
 * (one or two letters) that ranking them all would make typing wait.
 */
gboolean
pos_catalog_search_ids (PosStore *store, const char *text, guint limit, GArray *ids, GError **error)
{
  static const char ranked[] = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
                               "WHERE product_fts MATCH ?1 AND p.active = 1 ORDER BY f.rank LIMIT ?2";
  g_autofree char *query = pos_catalog_fts_query (text);
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ids != NULL, FALSE);

  if (query == NULL)
    return TRUE;
  if (!first_matches (store, query, found, error))
    return FALSE;
  if (found->len > SEARCH_RANK_MAX)
    return keep_active (store, found, limit, ids, error);
  stmt = pos_store_prepare (store, ranked, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int)limit);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

/* Long names break receipts and the sale page, and let an import fill the
 * store with junk. Counted in characters, not bytes. */
static gboolean
name_is_too_long (const char *name)
{
  return g_utf8_strlen (name, -1) > POS_PRODUCT_NAME_MAX_CHARS;
}

static void
set_name_too_long (const PosProduct *product, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Product %s: a name can have at most %d characters",
               product->sku, POS_PRODUCT_NAME_MAX_CHARS);
}

static gboolean
validate (const PosProduct *product, GError **error)
{
  if (product->sku == NULL || *g_strstrip (product->sku) == '\0')
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "A product needs a SKU");
  else if (product->name == NULL || *g_strstrip (product->name) == '\0')
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Product %s needs a name", product->sku);
  else if (name_is_too_long (product->name))
    set_name_too_long (product, error);
  else if (product->price < 0)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Product %s: a price cannot be negative", product->sku);
  else if (product->cost < -1)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Product %s: a cost cannot be negative", product->sku);
  else if (g_strcmp0 (product->unit, "each") != 0 && g_strcmp0 (product->unit, "kg") != 0)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Product %s: the unit must be “each” or “kg”",
                 product->sku);
  else
    return TRUE;
  return FALSE;
}

static void
bind_nullable (PosStmt *stmt, int column, gint64 value, gint64 none)
{
  if (value == none)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

/*
 * The one statement that adds products: the catalog, imports, sync and the
 * demo shop all come through here, so a new column has one place to go.
 */
gint64
pos_catalog_insert (PosStore *store, const PosProduct *product, const char *updated_hlc, GError **error)
{
  static const char insert[]
      = "INSERT INTO product (sku, name, unit, price, cost, tax_rate_id, category_id, supplier_id, "
        "reorder_level, active, updated_hlc, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && product != NULL, 0);

  if (product->name != NULL && name_is_too_long (product->name))
    {
      set_name_too_long (product, error);
      return 0;
    }
  if ((stmt = pos_store_prepare (store, insert, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, product->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, product->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, product->price);
  bind_nullable (stmt, 5, product->cost, -1);
  sqlite3_bind_int64 (stmt, 6, product->tax_rate_id);
  bind_nullable (stmt, 7, product->category_id, 0);
  bind_nullable (stmt, 8, product->supplier_id, 0);
  bind_nullable (stmt, 9, product->reorder_level, -1);
  sqlite3_bind_int (stmt, 10, product->active);
  if (updated_hlc != NULL)
    sqlite3_bind_text (stmt, 11, updated_hlc, -1, SQLITE_STATIC);
  bind_nullable (stmt, 12, product->id, 0);
  if (!pos_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pos_store_db (store));
}

gboolean
pos_catalog_update_synced (PosStore *store, const PosProduct *product, const char *updated_hlc,
                           GError **error)
{
  static const char update[] = "UPDATE product SET name = ?1, unit = ?2, price = ?3, cost = ?4, "
                               "tax_rate_id = ?5, reorder_level = ?6, active = ?7, updated_hlc = ?8 "
                               "WHERE id = ?9";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && product != NULL && product->id != 0, FALSE);

  if (product->name != NULL && name_is_too_long (product->name))
    return set_name_too_long (product, error), FALSE;
  if ((stmt = pos_store_prepare (store, update, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, product->price);
  bind_nullable (stmt, 4, product->cost, -1);
  sqlite3_bind_int64 (stmt, 5, product->tax_rate_id);
  bind_nullable (stmt, 6, product->reorder_level, -1);
  sqlite3_bind_int (stmt, 7, product->active);
  sqlite3_bind_text (stmt, 8, updated_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, product->id);
  return pos_store_step_done (store, stmt, error);
}

gboolean
pos_catalog_set_cost (PosStore *store, gint64 product_id, PosAmount cost, GError **error)
{
  static const char sql[] = "UPDATE product SET cost = ?2 WHERE id = ?1 AND cost IS NOT ?2";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && cost >= 0, FALSE);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, cost);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
write_row (PosStore *store, PosProduct *product, GError **error)
{
  static const char update[] = "UPDATE product SET sku = ?1, name = ?2, unit = ?3, price = ?4, cost = ?5, "
                               "tax_rate_id = ?6, category_id = ?7, supplier_id = ?8, reorder_level = ?9, "
                               "active = ?10 WHERE id = ?11";
  g_autoptr (PosStmt) stmt = NULL;

  if (product->id == 0)
    return (product->id = pos_catalog_insert (store, product, NULL, error)) != 0;
  if ((stmt = pos_store_prepare (store, update, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, product->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, product->price);
  bind_nullable (stmt, 5, product->cost, -1);
  sqlite3_bind_int64 (stmt, 6, product->tax_rate_id);
  bind_nullable (stmt, 7, product->category_id, 0);
  bind_nullable (stmt, 8, product->supplier_id, 0);
  bind_nullable (stmt, 9, product->reorder_level, -1);
  sqlite3_bind_int (stmt, 10, product->active);
  sqlite3_bind_int64 (stmt, 11, product->id);
  return pos_store_step_done (store, stmt, error);
}

/* The event other tills replay: the product by SKU, its stable key. */
static JsonObject *
product_event (PosStore *store, const PosProduct *product)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "sku", product->sku);
  json_object_set_string_member (o, "name", product->name);
  json_object_set_string_member (o, "unit", product->unit);
  json_object_set_int_member (o, "price", product->price);
  json_object_set_int_member (o, "cost", product->cost);
  json_object_set_string_member (o, "tax_code", product->tax_code ? product->tax_code : "");
  json_object_set_int_member (o, "reorder_level", product->reorder_level);
  json_object_set_boolean_member (o, "active", product->active);
  json_object_set_int_member (o, "version", product->version);
  return o;
}

/*
 * Inserts a new product (id 0) or updates an existing one, validating it
 * first, in one transaction with its journal event; the version the sale
 * lines copy is bumped by the schema's trigger. Joins the caller's
 * transaction when one is open (imports save many products in one).
 */
gboolean
pos_catalog_save (PosStore *store, PosProduct *product, GError **error)
{
  g_autoptr (JsonObject) event = NULL;
  g_autoptr (PosJournalEvent) appended = NULL;
  g_autoptr (PosProduct) saved = NULL;
  gboolean own = !pos_store_in_transaction (store);

  g_return_val_if_fail (product != NULL, FALSE);

  if (!validate (product, error))
    return FALSE;
  if (own && !pos_store_begin (store, error))
    return FALSE;
  if (!write_row (store, product, error) || !(saved = pos_catalog_get (store, product->id, error)))
    goto fail;
  event = product_event (store, saved);
  appended = pos_journal_append_object (store, "product.saved", event, error);
  if (appended == NULL)
    goto fail;
  product->version = saved->version;
  if (own && !pos_store_commit (store, error))
    return FALSE;
  return TRUE;

fail:
  if (own)
    pos_store_rollback (store);
  return FALSE;
}

/* Adds a barcode (already normalised to its lookup key) to a product. */
gboolean
pos_catalog_add_barcode (PosStore *store, gint64 product_id, const char *code, GError **error)
{
  static const char sql[] = "INSERT INTO barcode (code, product_id) VALUES (?1, ?2)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GError) local = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, product_id);
  if (!pos_store_step_done (store, stmt, &local))
    {
      if (g_error_matches (local, POS_ERROR, POS_ERROR_INVALID))
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "Barcode %s already belongs to another product",
                     code);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
pos_catalog_barcodes (PosStore *store, gint64 product_id, GError **error)
{
  static const char sql[] = "SELECT code FROM barcode WHERE product_id = ?1 ORDER BY code";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (codes, pos_stmt_dup_text (stmt, 0));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&codes);
}

gint64
pos_catalog_tax_rate_id (PosStore *store, const char *code, GError **error)
{
  static const char sql[] = "SELECT id FROM tax_rate WHERE code = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "No tax rate with code “%s”", code);
  return 0;
}

gint64
pos_catalog_supplier_id (PosStore *store, const char *name, GError **error)
{
  static const char sql[] = "SELECT id FROM supplier WHERE name = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, "There is no supplier “%s”", name);
  return 0;
}

gint64
pos_catalog_count (PosStore *store)
{
  static const char sql[] = "SELECT count(*) FROM product";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}
