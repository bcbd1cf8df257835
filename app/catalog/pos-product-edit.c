/* pos-product-edit.c — products as the owner edits them (see pos-product-edit.h). */
#include "pos-product-edit.h"

#include <glib/gi18n-lib.h>

#include "pos-barcode.h"
#include "pos-permission.h"
#include "pos-quick-key-page.h"
#include "pos-shop.h"
#include "pos-store-private.h"
#include "pos-variant.h"

static gboolean
set_field (const char **field, const char *name)
{
  if (field != NULL)
    *field = name;
  return FALSE;
}

/* The id of the row of @table (category or supplier) called @name; 0 when
 * there is none, -1 on error. */
static gint64
id_by_name (PosStore *store, const char *select, const char *name, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, select, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gint64
ensure_named (PosStore *store, const char *select, const char *insert, const char *name, GError **error)
{
  g_autoptr (PosStmt) stmt = NULL;
  gint64 id = id_by_name (store, select, name, error);

  if (id != 0)
    return MAX (id, 0);
  if ((stmt = pos_store_prepare (store, insert, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pos_store_db (store));
}

gint64
pos_catalog_ensure_category (PosStore *store, const char *name, GError **error)
{
  static const char select[] = "SELECT id FROM category WHERE name = ?1";
  static const char insert[] = "INSERT INTO category (name) VALUES (?1)";

  g_return_val_if_fail (name != NULL, 0);
  return ensure_named (store, select, insert, name, error);
}

gint64
pos_catalog_ensure_supplier (PosStore *store, const char *name, GError **error)
{
  static const char select[] = "SELECT id FROM supplier WHERE name = ?1";
  static const char insert[] = "INSERT INTO supplier (name) VALUES (?1)";

  g_return_val_if_fail (name != NULL, 0);
  return ensure_named (store, select, insert, name, error);
}

static char *
name_by_id (PosStore *store, const char *select, gint64 id)
{
  g_autoptr (PosStmt) stmt = NULL;

  if (id <= 0 || (stmt = pos_store_prepare (store, select, NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (pos_store_step_row (store, stmt, NULL) != SQLITE_ROW)
    return NULL;
  return pos_stmt_dup_text (stmt, 0);
}

char *
pos_catalog_category_name (PosStore *store, gint64 id)
{
  return name_by_id (store, "SELECT name FROM category WHERE id = ?1", id);
}

char *
pos_catalog_supplier_name (PosStore *store, gint64 id)
{
  return name_by_id (store, "SELECT name FROM supplier WHERE id = ?1", id);
}

/* The product that has barcode @key: 0 when none, -1 on error. */
static gint64
barcode_owner (PosStore *store, const char *key, char **sku, GError **error)
{
  static const char sql[] = "SELECT p.id, p.sku FROM barcode b JOIN product p ON p.id = b.product_id "
                            "WHERE b.code = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return -1;
  if (rc == SQLITE_DONE)
    return 0;
  *sku = pos_stmt_dup_text (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

char *
pos_catalog_check_barcode (PosStore *store, const char *code, gint64 product_id, GError **error)
{
  g_autoptr (PosBarcodeLayouts) layouts = pos_shop_barcode_layouts (store);
  g_autoptr (PosBarcode) barcode = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *sku = NULL;
  gint64 owner;

  g_return_val_if_fail (code != NULL, NULL);

  if ((barcode = pos_barcode_parse (code, layouts, &local)) == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("barcode “%s”: %s"), code, local->message);
      return NULL;
    }
  if (barcode->kind == POS_BARCODE_GS1 && barcode->key[0] == '(')
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("barcode “%s” names no product (no GTIN in it)"),
                   code);
      return NULL;
    }
  if ((owner = barcode_owner (store, barcode->key, &sku, error)) < 0)
    return NULL;
  if (owner != 0 && owner != product_id)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("barcode %s already belongs to product %s"),
                   barcode->key, sku);
      return NULL;
    }
  return g_strdup (barcode->key);
}

/* The lookup keys of @codes, each checked; NULL (with *field) when one is
 * not good. */
static GPtrArray *
check_barcodes (PosStore *store, const char *const *codes, gint64 product_id, const char **field,
                GError **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      char *key = pos_catalog_check_barcode (store, codes[i], product_id, error);

      if (key == NULL)
        return set_field (field, "barcode"), NULL;
      if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("barcode %s is given twice"), key);
          g_free (key);
          return set_field (field, "barcode"), NULL;
        }
      g_ptr_array_add (keys, key);
    }
  g_ptr_array_add (keys, NULL);
  return g_steal_pointer (&keys);
}

/* Whether the product's tax rate exists; fills in its code and rate. */
static gboolean
check_tax (PosStore *store, PosProduct *product, GError **error)
{
  static const char sql[] = "SELECT code, rate_bp FROM tax_rate WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product->tax_rate_id);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("tax: the shop has no such tax rate")), FALSE;
  g_free (product->tax_code);
  product->tax_code = pos_stmt_dup_text (stmt, 0);
  product->tax_rate_bp = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* A new product's SKU must be free; an edit keeps its SKU (it is the key
 * other tills know the product by). */
static gboolean
check_sku (PosStore *store, const PosProduct *product, GError **error)
{
  g_autoptr (PosProduct) same = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (PosProduct) before = NULL;

  if (product->id == 0 && g_utf8_strlen (product->sku, -1) > POS_PRODUCT_SKU_MAX)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("sku: more than %d characters"),
                        POS_PRODUCT_SKU_MAX),
           FALSE;
  if (product->id != 0)
    {
      if ((before = pos_catalog_get (store, product->id, error)) == NULL)
        return FALSE;
      if (g_strcmp0 (before->sku, product->sku) != 0)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("sku: a product keeps its SKU (%s)"),
                            before->sku),
               FALSE;
      return TRUE;
    }
  if (id_by_name (store, "SELECT id FROM product WHERE sku = ?1", product->sku, error) != 0)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("sku: there is already a product %s"),
                     product->sku);
      return FALSE;
    }
  return TRUE;
}

/* Resolves the category and supplier names and saves, inside the
 * transaction pos_product_edit_save() opened. */
static gboolean
write_product (PosStore *store, PosProduct *product, const PosProductLinks *links, GPtrArray *keys,
               GError **error)
{
  if (links->category != NULL
      && (product->category_id = pos_catalog_ensure_category (store, links->category, error)) == 0)
    return FALSE;
  if (links->supplier != NULL
      && (product->supplier_id = pos_catalog_ensure_supplier (store, links->supplier, error)) == 0)
    return FALSE;
  return pos_catalog_save_with_barcodes (store, product, (const char *const *)keys->pdata, error);
}

static gboolean
check_key_position (const PosProductLinks *links, const char **field, GError **error)
{
  if (links->key_position >= -1 && links->key_position <= 1000)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("quick_key_position: a position is a number from 1 to 1000"));
  return set_field (field, "quick_key_position");
}

/* The page the product's key goes on: the one asked for, else the first;
 * 0 when the shop has no pages (the product's own position places it),
 * -1 on error. */
static gint64
key_page (PosStore *store, const PosProductLinks *links, const char **field, GError **error)
{
  g_autoptr (GPtrArray) pages = NULL;
  int exist = pos_quick_key_pages_exist (store, error);

  if (exist <= 0 && links->key_page_id == 0)
    return exist;
  if ((pages = pos_quick_key_pages_read (store, error)) == NULL)
    return -1;
  for (guint i = 0; i < pages->len; i++)
    {
      PosQuickKeyPage *page = g_ptr_array_index (pages, i);

      if (links->key_page_id == 0 || page->id == links->key_page_id)
        return page->id;
    }
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("key_page: there is no quick-key page %lld"),
               (long long)links->key_page_id);
  return set_field (field, "key_page"), -1;
}

/* Saves in the transaction begun, the product's quick key on its page
 * when the shop has pages, else in its own position. */
static gboolean
write_with_key (PosStore *store, PosProduct *product, const PosProductLinks *links, GPtrArray *keys,
                const char **field, GError **error)
{
  gint64 page = links->key_position != 0 ? key_page (store, links, field, error) : 0;

  if (page < 0)
    return FALSE;
  if (page == 0 && links->key_position != 0)
    product->quick_key_position = MAX (links->key_position, 0);
  if (!write_product (store, product, links, keys, error))
    return FALSE;
  return page == 0
         || pos_quick_key_place_product (store, product->id, page, MAX (links->key_position, 0) - 1, error);
}

static gboolean
check_link_name (const char *what, const char *name, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  if (*trimmed != '\0' && g_utf8_validate (trimmed, -1, NULL)
      && g_utf8_strlen (trimmed, -1) <= POS_PRODUCT_NAME_MAX)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s: give a name of 1–%d characters"), what,
               POS_PRODUCT_NAME_MAX);
  return FALSE;
}

gboolean
pos_product_edit_save (PosStore *store, const PosUser *user, PosProduct *product,
                       const PosProductLinks *links, const char **field, GError **error)
{
  static const PosProductLinks none = { 0 };
  g_autoptr (GPtrArray) keys = NULL;

  g_return_val_if_fail (store != NULL && user != NULL && product != NULL, FALSE);

  if (links == NULL)
    links = &none;
  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error))
    return FALSE;
  if (product->parent_id != 0 && !pos_variant_prepare (store, product, field, error))
    return FALSE;
  if (!pos_product_validate (product, field, error))
    return FALSE;
  if (links->category != NULL && !check_link_name ("category", links->category, error))
    return set_field (field, "category");
  if (links->supplier != NULL && !check_link_name ("supplier", links->supplier, error))
    return set_field (field, "supplier");
  if (!check_sku (store, product, error))
    return set_field (field, "sku");
  if (!check_tax (store, product, error))
    return set_field (field, "tax");
  if (!check_key_position (links, field, error))
    return FALSE;
  if ((keys = check_barcodes (store, links->barcodes, product->id, field, error)) == NULL)
    return FALSE;
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!write_with_key (store, product, links, keys, field, error))
    return pos_store_rollback (store), FALSE;
  return pos_store_commit (store, error);
}

gboolean
pos_product_edit_set_active (PosStore *store, const PosUser *user, gint64 product_id, gboolean active,
                             GError **error)
{
  g_autoptr (PosProduct) product = NULL;

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);

  if (!pos_permission_check (user, POS_ACTION_EDIT_CATALOG, NULL, error))
    return FALSE;
  if ((product = pos_catalog_get (store, product_id, error)) == NULL)
    return FALSE;
  if (product->active == active)
    return TRUE;
  product->active = active;
  return pos_catalog_save (store, product, error);
}

GPtrArray *
pos_catalog_list (PosStore *store, const char *after, gboolean inactive, guint limit, GError **error)
{
  static const char sql[]
      = "SELECT id FROM product WHERE sku > ?1 AND (?2 OR active = 1) ORDER BY sku LIMIT ?3";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_product_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, after ? after : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, inactive);
  sqlite3_bind_int (stmt, 3, (int)MIN (limit, G_MAXINT));
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_array_append_val (ids, ((gint64){ sqlite3_column_int64 (stmt, 0) }));
  if (rc < 0)
    return NULL;
  g_clear_pointer (&stmt, pos_stmt_release);
  for (guint i = 0; i < ids->len; i++)
    {
      PosProduct *p = pos_catalog_get (store, g_array_index (ids, gint64, i), error);
      if (p == NULL)
        return NULL;
      g_ptr_array_add (products, p);
    }
  return g_steal_pointer (&products);
}

GPtrArray *
pos_catalog_versions (PosStore *store, gint64 product_id, GError **error)
{
  static const char sql[] = "SELECT v.version, v.name, v.unit, v.price, v.tax_rate_id, t.code, t.rate_bp "
                            "FROM catalog_version v JOIN tax_rate t ON t.id = v.tax_rate_id "
                            "WHERE v.product_id = ?1 ORDER BY v.version";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_product_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosProduct *p = pos_product_new ();

      p->id = product_id;
      p->version = sqlite3_column_int64 (stmt, 0);
      p->name = pos_stmt_dup_text (stmt, 1);
      g_free (p->unit);
      p->unit = pos_stmt_dup_text (stmt, 2);
      p->price = sqlite3_column_int64 (stmt, 3);
      p->tax_rate_id = sqlite3_column_int64 (stmt, 4);
      p->tax_code = pos_stmt_dup_text (stmt, 5);
      p->tax_rate_bp = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (versions, p);
    }
  return rc < 0 ? NULL : g_steal_pointer (&versions);
}
