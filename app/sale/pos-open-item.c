/* pos-open-item.c — selling a code the catalog does not know (see pos-open-item.h). */
#include "pos-open-item.h"

#include <glib/gi18n-lib.h>

#include "pos-barcode.h"
#include "pos-cart-line.h"
#include "pos-catalog.h"
#include "pos-shop.h"
#include "pos-store-private.h"

void
pos_open_item_free (PosOpenItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->department);
  g_free (item->tax_code);
  g_free (item);
}

/* Fills in the tax of @product from the rate coded @code. */
static gboolean
open_item_tax (PosStore *store, const char *code, PosProduct *product, GError **error)
{
  static const char sql[] = "SELECT id, rate_bp FROM tax_rate WHERE code = ?1 AND active = 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code ? code : "", -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("tax: the shop has no tax rate “%s”"),
                        code ? code : ""),
           FALSE;
  product->tax_rate_id = sqlite3_column_int64 (stmt, 0);
  product->tax_rate_bp = sqlite3_column_int64 (stmt, 1);
  product->tax_code = g_strdup (code);
  return TRUE;
}

/* The lookup key of @code when it is valid and the catalog does not know it. */
static char *
unknown_code_key (PosStore *store, const char *code, GError **error)
{
  g_autoptr (PosBarcodeLayouts) layouts = pos_shop_barcode_layouts (store);
  g_autoptr (PosBarcode) barcode = NULL;
  g_autoptr (PosProduct) known = NULL;
  g_autoptr (GError) local = NULL;

  if ((barcode = pos_barcode_parse (code, layouts, &local)) == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("barcode “%s”: %s"), code, local->message);
      return NULL;
    }
  if ((known = pos_catalog_lookup (store, barcode->key, NULL)) != NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("barcode %s is product %s: sell it as such"),
                   barcode->key, known->sku);
      return NULL;
    }
  return g_strdup (barcode->key);
}

gboolean
pos_cart_add_open_item (PosCart *cart, const char *code, const char *department, PosAmount price,
                        const char *tax_code, GError **error)
{
  PosStore *store;
  g_autoptr (PosProduct) item = pos_product_new ();
  g_autoptr (PosCartLine) line = NULL;

  g_return_val_if_fail (POS_IS_CART (cart) && code != NULL, FALSE);

  store = pos_cart_get_store (cart);
  if ((item->sku = unknown_code_key (store, code, error)) == NULL)
    return FALSE;
  if (!pos_product_check_name (department, error))
    {
      g_prefix_error (error, _ ("department: "));
      return FALSE;
    }
  item->name = g_strstrip (g_strdup (department));
  if (!pos_product_check_amount (price, "price", error) || !open_item_tax (store, tax_code, item, error))
    return FALSE;
  if (price == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("price: an open item needs its price")),
           FALSE;
  item->price = price;
  item->version = 0; /* no catalog entry: the mark of an open item */
  line = pos_cart_line_new_for_product (item, 1000);
  return pos_cart_add_line (cart, line, error);
}

gboolean
pos_cart_add_open_price (PosCart *cart, gint64 product_id, PosAmount price, PosQty qty, GError **error)
{
  g_autoptr (PosProduct) product = NULL;
  g_autoptr (PosCartLine) line = NULL;
  g_autofree char *limit = NULL;

  g_return_val_if_fail (POS_IS_CART (cart), FALSE);

  if ((product = pos_catalog_get (pos_cart_get_store (cart), product_id, error)) == NULL)
    return FALSE;
  if (!product->active)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("%s is no longer sold"), product->name), FALSE;
  if (product->open_price_limit == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s has a fixed price"), product->name),
           FALSE;
  if (qty <= 0 || qty % POS_QTY_ONE != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s is sold by the piece"), product->name),
           FALSE;
  limit = pos_amount_to_string (product->open_price_limit, pos_cart_get_currency (cart));
  if (price <= 0 || price > product->open_price_limit)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("price: %s takes a price above 0 and up to %s"), product->name, limit),
           FALSE;
  line = pos_cart_line_new_for_product (product, qty);
  /* typed for this line, like a price in the code: never merged with another */
  pos_cart_line_set_unit_price (line, price, FALSE, TRUE);
  return pos_cart_add_line (cart, line, error);
}

GPtrArray *
pos_open_items_list (PosStore *store, GError **error)
{
  /* The partial index sale_line_open_item keeps this off the sale lines
   * of catalog products. */
  static const char sql[]
      = "SELECT l.sku, l.name, count(*), l.unit_price, l.tax_code, max(l.id) AS newest FROM sale_line l "
        "WHERE l.product_id IS NULL AND l.catalog_version = 0 AND l.refund_of_line IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM barcode b WHERE b.code = l.sku) "
        "GROUP BY l.sku ORDER BY count(*) DESC, l.sku";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_open_item_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosOpenItem *item = g_new0 (PosOpenItem, 1);

      item->code = pos_stmt_dup_text (stmt, 0);
      item->department = pos_stmt_dup_text (stmt, 1);
      item->times = sqlite3_column_int64 (stmt, 2);
      item->price = sqlite3_column_int64 (stmt, 3);
      item->tax_code = pos_stmt_dup_text (stmt, 4);
      g_ptr_array_add (items, item);
    }
  return rc < 0 ? NULL : g_steal_pointer (&items);
}
