/* pos-catalog.c — products (see pos-catalog.h). */
#include "pos-catalog.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-journal.h"
#include "pos-product-image.h"
#include "pos-store-private.h"

PosProduct *
pos_product_new (void)
{
  PosProduct *product = g_new0 (PosProduct, 1);

  product->unit = g_strdup ("each");
  product->cost = -1;
  product->reorder_level = -1;
  product->active = TRUE;
  product->own_price = TRUE;
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
  copy->content_unit = g_strdup (product->content_unit);
  copy->quick_key_colour = g_strdup (product->quick_key_colour);
  copy->image_path = g_strdup (product->image_path);
  copy->brand = g_strdup (product->brand);
  copy->variant_options = g_strdup (product->variant_options);
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
  g_free (product->content_unit);
  g_free (product->quick_key_colour);
  g_free (product->image_path);
  g_free (product->brand);
  g_free (product->variant_options);
  g_free (product);
}

gboolean
pos_product_is_weighed (const PosProduct *product)
{
  return g_strcmp0 (product->unit, "kg") == 0;
}

gboolean
pos_unit_is_measured (const char *unit)
{
  return g_strcmp0 (unit, "kg") == 0 || g_strcmp0 (unit, "l") == 0 || g_strcmp0 (unit, "m") == 0;
}

gboolean
pos_unit_is_valid (const char *unit)
{
  return g_strcmp0 (unit, "each") == 0 || pos_unit_is_measured (unit);
}

gboolean
pos_product_is_measured (const PosProduct *product)
{
  return pos_unit_is_measured (product->unit);
}

/* What a sale reads of a product (pos_catalog_lookup_for_sale ()): the
 * fields a cart line carries and those the till checks before it sells. */
#define SALE_COLUMNS                                                                                         \
  "p.id, p.sku, p.name, p.unit, p.price, t.code, t.rate_bp, p.category_id, p.active, p.version, "            \
  "p.open_price_limit, p.parent_id, p.own_price, p.has_variants, p.brand"
/* The whole product: what a sale reads, then the rest. */
#define PRODUCT_COLUMNS                                                                                      \
  SALE_COLUMNS                                                                                               \
  ", p.cost, p.tax_rate_id, p.supplier_id, p.reorder_level, p.content_qty, p.content_unit, "                 \
  "p.unit_price_base, p.quick_key_colour, p.quick_key_position, p.image_path, p.variant_options"
#define PRODUCT_FROM " FROM product p JOIN tax_rate t ON t.id = p.tax_rate_id "

/* A product from a row of SALE_COLUMNS: the fields it does not read hold
 * their values of none. */
static PosProduct *
sale_product_from_row (PosStmt *stmt)
{
  PosProduct *product = g_new0 (PosProduct, 1);

  product->id = sqlite3_column_int64 (stmt, 0);
  product->sku = pos_stmt_dup_text (stmt, 1);
  product->name = pos_stmt_dup_text (stmt, 2);
  product->unit = pos_stmt_dup_text (stmt, 3);
  product->price = sqlite3_column_int64 (stmt, 4);
  product->tax_code = pos_stmt_dup_text (stmt, 5);
  product->tax_rate_bp = sqlite3_column_int64 (stmt, 6);
  product->category_id = sqlite3_column_int64 (stmt, 7);
  product->active = sqlite3_column_int (stmt, 8);
  product->version = sqlite3_column_int64 (stmt, 9);
  product->open_price_limit = sqlite3_column_int64 (stmt, 10);
  product->parent_id = sqlite3_column_int64 (stmt, 11);
  product->own_price = sqlite3_column_int (stmt, 12);
  product->has_variants = sqlite3_column_int (stmt, 13);
  product->brand = pos_stmt_dup_text (stmt, 14);
  product->cost = -1;
  product->reorder_level = -1;
  return product;
}

/* A product from a row of PRODUCT_COLUMNS. */
static PosProduct *
product_from_row (PosStmt *stmt)
{
  PosProduct *product = sale_product_from_row (stmt);

  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    product->cost = sqlite3_column_int64 (stmt, 15);
  product->tax_rate_id = sqlite3_column_int64 (stmt, 16);
  product->supplier_id = sqlite3_column_int64 (stmt, 17);
  if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
    product->reorder_level = sqlite3_column_int64 (stmt, 18);
  product->content_qty = sqlite3_column_int64 (stmt, 19);
  product->content_unit = pos_stmt_dup_text (stmt, 20);
  product->unit_price_base = sqlite3_column_int64 (stmt, 21);
  product->quick_key_colour = pos_stmt_dup_text (stmt, 22);
  product->quick_key_position = sqlite3_column_int64 (stmt, 23);
  product->image_path = pos_stmt_dup_text (stmt, 24);
  product->variant_options = pos_stmt_dup_text (stmt, 25);
  return product;
}

PosProduct *
pos_catalog_get (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = "SELECT " PRODUCT_COLUMNS PRODUCT_FROM "WHERE p.id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *what = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    return product_from_row (stmt);
  /* Worded only when nothing is found, as in lookup_key (). */
  what = g_strdup_printf (_ ("with id %lld"), (long long)id);
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No product %s"), what);
  return NULL;
}

/* The first product that one of @queries (by barcode, by SKU, by SKU in
 * any case) finds for @key, read by @from_row. */
static PosProduct *
lookup_key (PosStore *store, const char *const queries[3], PosProduct *(*from_row) (PosStmt *stmt),
            const char *key, GError **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < 3; i++)
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
        return from_row (stmt);
    }
  /* Worded only when nothing is found: a scan that finds its product
   * spends nothing on the message. */
  what = g_strdup_printf (_ ("with code “%s”"), key);
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No product %s"), what);
  return NULL;
}

/* The three ways a code finds its product, reading @columns: the barcode
 * table (the key from pos_barcode_parse), the SKU, and the SKU typed in
 * the wrong case (index product_sku_nocase), where the exact match wins
 * when two SKUs differ only in case. */
#define LOOKUP_QUERIES(columns)                                                                              \
  {                                                                                                          \
    "SELECT " columns PRODUCT_FROM "JOIN barcode b ON b.product_id = p.id WHERE b.code = ?1",                \
        "SELECT " columns PRODUCT_FROM "WHERE p.sku = ?1",                                                   \
        "SELECT " columns PRODUCT_FROM "WHERE p.sku = ?1 COLLATE NOCASE ORDER BY p.id LIMIT 1"               \
  }

/*
 * Finds the product a scanned or typed code stands for: first the barcode
 * table, then the SKU, in any case. Inactive products are found too; the
 * caller decides whether they may be sold.
 */
PosProduct *
pos_catalog_lookup (PosStore *store, const char *key, GError **error)
{
  static const char *const queries[] = LOOKUP_QUERIES (PRODUCT_COLUMNS);

  return lookup_key (store, queries, product_from_row, key, error);
}

/* As pos_catalog_lookup(), reading only SALE_COLUMNS: each column read
 * adds to the time from a scan to its line. */
PosProduct *
pos_catalog_lookup_for_sale (PosStore *store, const char *key, GError **error)
{
  static const char *const queries[] = LOOKUP_QUERIES (SALE_COLUMNS);

  return lookup_key (store, queries, sale_product_from_row, key, error);
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

/* The active ones of @found that are not variants, in order, up to @limit. */
static gboolean
keep_active (PosStore *store, GArray *found, guint limit, GArray *ids, GError **error)
{
  static const char sql[] = "SELECT active AND parent_id IS NULL FROM product WHERE id = ?1";

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
 * Variants are left out: the till offers them in their product's grid.
 */
gboolean
pos_catalog_search_ids (PosStore *store, const char *text, guint limit, GArray *ids, GError **error)
{
  static const char ranked[] = "SELECT p.id FROM product_fts f JOIN product p ON p.id = f.rowid "
                               "WHERE product_fts MATCH ?1 AND p.active = 1 AND p.parent_id IS NULL "
                               "ORDER BY f.rank LIMIT ?2";
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

gboolean
pos_product_check_name (const char *name, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("name: a product needs a name"));
  else if (!g_utf8_validate (trimmed, -1, NULL))
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("name: the name is not valid text"));
  else if (g_utf8_strlen (trimmed, -1) > POS_PRODUCT_NAME_MAX)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("name: %ld characters, more than the %d allowed"),
                 g_utf8_strlen (trimmed, -1), POS_PRODUCT_NAME_MAX);
  else
    return TRUE;
  return FALSE;
}

/* A price or cost: never negative, and never so large it can only be a
 * typing slip (a barcode pasted into the price). */
gboolean
pos_product_check_amount (PosAmount amount, const char *what, GError **error)
{
  if (amount < 0)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s: a %s cannot be negative"), what, what);
  else if (amount > POS_PRODUCT_PRICE_MAX)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s: %lld minor units is not a believable %s"), what,
                 (long long)amount, what);
  else
    return TRUE;
  return FALSE;
}

static gboolean
is_colour (const char *text)
{
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
fail_field (const char **field, const char *name)
{
  if (field != NULL)
    *field = name;
  return FALSE;
}

static gboolean
validate_extras (const PosProduct *p, const char **field, GError **error)
{
  gboolean has_content = p->content_qty != 0 || p->content_unit != NULL || p->unit_price_base != 0;

  if (has_content
      && (p->content_qty <= 0 || p->unit_price_base <= 0 || !pos_unit_is_measured (p->content_unit)))
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                 _ ("content: give a positive content in kg, l or m and the quantity its unit price is for"));
  else if (p->quick_key_colour != NULL && !is_colour (p->quick_key_colour))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("quick_key_colour: “%s” is not a colour written #rrggbb"), p->quick_key_colour),
           fail_field (field, "quick_key_colour");
  else if (p->quick_key_position < 0 || p->quick_key_position > 1000)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("quick_key_position: a position is a number from 1 to 1000")),
           fail_field (field, "quick_key_position");
  else if (p->open_price_limit != 0
           && !pos_product_check_amount (p->open_price_limit, "open price limit", error))
    return fail_field (field, "open_price_limit");
  else if (p->brand != NULL && g_utf8_strlen (p->brand, -1) > POS_PRODUCT_BRAND_MAX)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("brand: a brand has at most %d characters"),
                        POS_PRODUCT_BRAND_MAX),
           fail_field (field, "brand");
  else
    return TRUE;
  return fail_field (field, "content");
}

gboolean
pos_product_validate (PosProduct *p, const char **field, GError **error)
{
  g_return_val_if_fail (p != NULL, FALSE);

  if (p->sku != NULL)
    g_strstrip (p->sku);
  if (p->name != NULL)
    g_strstrip (p->name);
  /* a blank brand is no brand */
  if (p->brand != NULL && *g_strstrip (p->brand) == '\0')
    g_clear_pointer (&p->brand, g_free);
  if (p->sku == NULL || *p->sku == '\0')
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("sku: a product needs a SKU")),
           fail_field (field, "sku");
  if (!pos_product_check_name (p->name, error))
    return fail_field (field, "name");
  if (!pos_product_check_amount (p->price, "price", error))
    return fail_field (field, "price");
  if (p->cost != -1 && !pos_product_check_amount (p->cost, "cost", error))
    return fail_field (field, "cost");
  if (!pos_unit_is_valid (p->unit))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("unit: the unit must be “piece”, “kg”, “l” or “m”")),
           fail_field (field, "unit");
  return validate_extras (p, field, error);
}

/* Binds the columns of migrations 010 and 013 (but parent_id, which an
 * edit never changes) from @column on, in table order. */
static void
bind_details (PosStmt *stmt, int column, const PosProduct *product)
{
  pos_stmt_bind_int64_or_null (stmt, column, product->content_qty, 0);
  sqlite3_bind_text (stmt, column + 1, product->content_unit, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, column + 2, product->unit_price_base, 0);
  sqlite3_bind_text (stmt, column + 3, product->quick_key_colour, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, column + 4, product->quick_key_position, 0);
  sqlite3_bind_text (stmt, column + 5, product->image_path, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, column + 6, product->open_price_limit, 0);
  sqlite3_bind_text (stmt, column + 7, product->variant_options, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, column + 8, product->parent_id == 0 || product->own_price);
  pos_stmt_bind_text_or_null (stmt, column + 9, product->brand);
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
        "reorder_level, active, updated_hlc, id, content_qty, content_unit, unit_price_base, "
        "quick_key_colour, quick_key_position, image_path, open_price_limit, variant_options, own_price, "
        "brand, parent_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
        "?21, ?22, ?23)";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && product != NULL, 0);

  if (product->name != NULL && !pos_product_check_name (product->name, error))
    return 0;
  if ((stmt = pos_store_prepare (store, insert, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, product->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, product->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, product->price);
  pos_stmt_bind_int64_or_null (stmt, 5, product->cost, -1);
  sqlite3_bind_int64 (stmt, 6, product->tax_rate_id);
  pos_stmt_bind_int64_or_null (stmt, 7, product->category_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 8, product->supplier_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 9, product->reorder_level, -1);
  sqlite3_bind_int (stmt, 10, product->active);
  if (updated_hlc != NULL)
    sqlite3_bind_text (stmt, 11, updated_hlc, -1, SQLITE_STATIC);
  pos_stmt_bind_int64_or_null (stmt, 12, product->id, 0);
  bind_details (stmt, 13, product);
  pos_stmt_bind_int64_or_null (stmt, 23, product->parent_id, 0);
  if (!pos_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pos_store_db (store));
}

gboolean
pos_catalog_update_synced (PosStore *store, const PosProduct *product, const char *updated_hlc,
                           GError **error)
{
  static const char update[] = "UPDATE product SET name = ?1, unit = ?2, price = ?3, cost = ?4, "
                               "tax_rate_id = ?5, reorder_level = ?6, active = ?7, updated_hlc = ?8, "
                               "variant_options = ?10, own_price = ?11, brand = ?12 WHERE id = ?9";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && product != NULL && product->id != 0, FALSE);

  if (product->name != NULL && !pos_product_check_name (product->name, error))
    return FALSE;
  if ((stmt = pos_store_prepare (store, update, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, product->price);
  pos_stmt_bind_int64_or_null (stmt, 4, product->cost, -1);
  sqlite3_bind_int64 (stmt, 5, product->tax_rate_id);
  pos_stmt_bind_int64_or_null (stmt, 6, product->reorder_level, -1);
  sqlite3_bind_int (stmt, 7, product->active);
  sqlite3_bind_text (stmt, 8, updated_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, product->id);
  sqlite3_bind_text (stmt, 10, product->variant_options, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, product->parent_id == 0 || product->own_price);
  pos_stmt_bind_text_or_null (stmt, 12, product->brand);
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
  static const char update[]
      = "UPDATE product SET sku = ?1, name = ?2, unit = ?3, price = ?4, cost = ?5, "
        "tax_rate_id = ?6, category_id = ?7, supplier_id = ?8, reorder_level = ?9, "
        "active = ?10, content_qty = ?12, content_unit = ?13, unit_price_base = ?14, "
        "quick_key_colour = ?15, quick_key_position = ?16, image_path = ?17, open_price_limit = ?18, "
        "variant_options = ?19, own_price = ?20, brand = ?21 WHERE id = ?11";
  g_autoptr (PosStmt) stmt = NULL;

  if (product->id == 0)
    return (product->id = pos_catalog_insert (store, product, NULL, error)) != 0;
  if ((stmt = pos_store_prepare (store, update, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, product->unit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, product->price);
  pos_stmt_bind_int64_or_null (stmt, 5, product->cost, -1);
  sqlite3_bind_int64 (stmt, 6, product->tax_rate_id);
  pos_stmt_bind_int64_or_null (stmt, 7, product->category_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 8, product->supplier_id, 0);
  pos_stmt_bind_int64_or_null (stmt, 9, product->reorder_level, -1);
  sqlite3_bind_int (stmt, 10, product->active);
  sqlite3_bind_int64 (stmt, 11, product->id);
  bind_details (stmt, 12, product);
  return pos_store_step_done (store, stmt, error);
}

static void
set_optional_string (JsonObject *o, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
}

/* The product's barcodes as a JSON array, or NULL on error. */
static JsonArray *
barcodes_array (PosStore *store, gint64 product_id, GError **error)
{
  g_autoptr (GPtrArray) codes = pos_catalog_barcodes (store, product_id, error);
  JsonArray *array;

  if (codes == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < codes->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (codes, i));
  return array;
}

/* A variant's part of its event: its product by SKU and its options. */
static gboolean
add_variant_members (PosStore *store, JsonObject *o, const PosProduct *variant, GError **error)
{
  g_autoptr (PosProduct) parent = pos_catalog_get (store, variant->parent_id, error);

  if (parent == NULL)
    return FALSE;
  json_object_set_string_member (o, "parent_sku", parent->sku);
  json_object_set_string_member (o, "options", variant->variant_options);
  json_object_set_boolean_member (o, "own_price", variant->own_price);
  return TRUE;
}

/* The picture by its name only: its bytes travel on their own, once
 * (pos-picture-sync.h). A picture that is a path on this machine stays here. */
static void
add_picture_member (JsonObject *o, const PosProduct *product)
{
  g_autofree char *picture = pos_product_image_name (product->image_path);

  if (picture != NULL)
    json_object_set_string_member (o, "picture", picture);
}

/* The event other tills replay: the product by SKU, its stable key. The
 * details of migrations 010 and 013 and the barcodes are there only when the
 * product has them, so events of products without them stay as they were. */
static JsonObject *
product_event (PosStore *store, const PosProduct *product, GError **error)
{
  JsonObject *o = json_object_new ();
  JsonArray *codes = barcodes_array (store, product->id, error);

  json_object_set_string_member (o, "sku", product->sku);
  json_object_set_string_member (o, "name", product->name);
  json_object_set_string_member (o, "unit", product->unit);
  json_object_set_int_member (o, "price", product->price);
  json_object_set_int_member (o, "cost", product->cost);
  json_object_set_string_member (o, "tax_code", product->tax_code ? product->tax_code : "");
  json_object_set_int_member (o, "reorder_level", product->reorder_level);
  json_object_set_boolean_member (o, "active", product->active);
  json_object_set_int_member (o, "version", product->version);
  if (product->content_qty > 0)
    {
      json_object_set_int_member (o, "content_qty", product->content_qty);
      set_optional_string (o, "content_unit", product->content_unit);
      json_object_set_int_member (o, "unit_price_base", product->unit_price_base);
    }
  set_optional_string (o, "quick_key_colour", product->quick_key_colour);
  if (product->quick_key_position > 0)
    json_object_set_int_member (o, "quick_key_position", product->quick_key_position);
  if (product->open_price_limit > 0)
    json_object_set_int_member (o, "open_price_limit", product->open_price_limit);
  set_optional_string (o, "brand", product->brand);
  add_picture_member (o, product);
  if (codes != NULL && product->parent_id != 0 && !add_variant_members (store, o, product, error))
    g_clear_pointer (&codes, json_array_unref);
  if (codes == NULL)
    return json_object_unref (o), NULL;
  if (json_array_get_length (codes) > 0)
    json_object_set_array_member (o, "barcodes", codes);
  else
    json_array_unref (codes);
  return o;
}

/* Adds a barcode (already normalised to its lookup key) to a product. */
static gboolean
insert_barcode (PosStore *store, gint64 product_id, const char *code, GError **error)
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
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Barcode %s already belongs to another product"),
                     code);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Adds those of @keys (nullable) that @product_id does not have yet. No
 * barcode.added events: the product.saved event that follows carries them,
 * so another till never meets a code before its product. */
static gboolean
add_missing_barcodes (PosStore *store, gint64 product_id, const char *const *keys, GError **error)
{
  static const char owned[] = "SELECT 1 FROM barcode WHERE code = ?1 AND product_id = ?2";

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, owned, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, product_id);
      if ((rc = pos_store_step_row (store, stmt, error)) < 0)
        return FALSE;
      if (rc == SQLITE_DONE && !insert_barcode (store, product_id, keys[i], error))
        return FALSE;
    }
  return TRUE;
}

/* The product's sync clock: a pull's older edit of it then loses to this
 * one (pos-sync-apply.h, last writer wins by HLC). */
static gboolean
stamp_clock (PosStore *store, gint64 product_id, const char *hlc, GError **error)
{
  static const char sql[] = "UPDATE product SET updated_hlc = ?1 WHERE id = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, product_id);
  return pos_store_step_done (store, stmt, error);
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
  return pos_catalog_save_with_barcodes (store, product, NULL, error);
}

/*
 * pos_catalog_save() that also adds the barcodes @keys (lookup keys the
 * caller checked: see pos_catalog_check_barcode()) in the same transaction,
 * so the journal event carries them.
 */
gboolean
pos_catalog_save_with_barcodes (PosStore *store, PosProduct *product, const char *const *keys, GError **error)
{
  g_autoptr (JsonObject) event = NULL;
  g_autoptr (PosJournalEvent) appended = NULL;
  g_autoptr (PosProduct) saved = NULL;
  gboolean own = !pos_store_in_transaction (store);

  g_return_val_if_fail (product != NULL, FALSE);

  if (!pos_product_validate (product, NULL, error))
    return FALSE;
  if (own && !pos_store_begin (store, error))
    return FALSE;
  if (!write_row (store, product, error) || !add_missing_barcodes (store, product->id, keys, error)
      || !(saved = pos_catalog_get (store, product->id, error)))
    goto fail;
  if ((event = product_event (store, saved, error)) == NULL)
    goto fail;
  appended = pos_journal_append_object (store, "product.saved", event, error);
  if (appended == NULL || !stamp_clock (store, product->id, appended->hlc, error))
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

char *
pos_catalog_dup_sku (PosStore *store, gint64 product_id, GError **error)
{
  static const char sql[] = "SELECT sku FROM product WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    return pos_stmt_dup_text (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no product with id %lld"),
                 (long long)product_id);
  return NULL;
}

/* Other tills learn a product's codes from this event: the code and the
 * product's SKU, its stable key across stores. */
static gboolean
journal_barcode (PosStore *store, gint64 product_id, const char *code, GError **error)
{
  static const char sql[] = "SELECT sku FROM product WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (JsonObject) event = NULL;
  g_autoptr (PosJournalEvent) appended = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No product %lld"), (long long)product_id),
           FALSE;
  event = json_object_new ();
  json_object_set_string_member (event, "code", code);
  json_object_set_string_member (event, "sku", (const char *)sqlite3_column_text (stmt, 0));
  appended = pos_journal_append_object (store, "barcode.added", event, error);
  return appended != NULL;
}

/* Adds a barcode (already normalised to its lookup key) to a product, in
 * one transaction with its journal event (the caller's when one is open). */
gboolean
pos_catalog_add_barcode (PosStore *store, gint64 product_id, const char *code, GError **error)
{
  gboolean own = !pos_store_in_transaction (store);

  if (own && !pos_store_begin (store, error))
    return FALSE;
  if (!insert_barcode (store, product_id, code, error) || !journal_barcode (store, product_id, code, error))
    {
      if (own)
        pos_store_rollback (store);
      return FALSE;
    }
  return !own || pos_store_commit (store, error);
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
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("No tax rate with code “%s”"), code);
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
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no supplier “%s”"), name);
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
