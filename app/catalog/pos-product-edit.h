/* pos-product-edit.h — creating, editing and deactivating products as the
 * owner does it, from the command line or the app.
 *
 * Everything is checked before anything is written: the fields
 * (pos_product_validate()), the tax rate, every barcode's check digit and
 * that no other product has it. Then the product, its barcodes and its
 * journal event are written in one transaction by pos_catalog_save, the
 * same writer imports and sync use. Errors are POS_ERROR_INVALID (bad
 * input, *field says which), POS_ERROR_PERMISSION or the store's. A key
 * placed on a quick-key page is written and journalled in the same
 * transaction.
 */
#pragma once

#include "pos-catalog.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* Checks @code as a barcode for the product @product_id (0: a new one): it
 * parses with a valid check digit, names a product and belongs to no other
 * product. Returns: (transfer full) (nullable): its lookup key. */
char *pos_catalog_check_barcode (PosStore *store, const char *code, gint64 product_id, GError **error);

/* What a product links to by name, as an owner types it. */
typedef struct
{
  const char *const *barcodes; /* (nullable) as typed or scanned; ones it has already are kept */
  const char *category;        /* (nullable) unchanged when NULL; added when new */
  const char *supplier;        /* (nullable) unchanged when NULL; added when new */
  /* The product's quick key: 1 is the first key, -1 takes it off, 0 leaves
   * it as it is. When the shop has quick-key pages the key goes onto
   * key_page_id (0: the first page) at that position, as the quick-key
   * editor puts it there (pos_quick_key_place_product()); without pages it
   * is product->quick_key_position, as before pages. */
  gint key_position;
  gint64 key_page_id;
} PosProductLinks;

/* Saves @product (id 0: a new one) with @links (nullable) for @user, who
 * needs to be a supervisor or the owner. A variant (parent_id set) is
 * completed by pos_variant_prepare() first. On bad input *@field (nullable)
 * names the field: those of pos_product_validate() and
 * pos_variant_prepare(), "tax", "barcode", "quick_key_position" or
 * "key_page". */
gboolean pos_product_edit_save (PosStore *store, const PosUser *user, PosProduct *product,
                                const PosProductLinks *links, const char **field, GError **error);

/* Takes the product out of sale (or back in). Products are never deleted:
 * sales, stock moves and reports keep naming them. */
gboolean pos_product_edit_set_active (PosStore *store, const PosUser *user, gint64 product_id,
                                      gboolean active, GError **error);

/* The id of the category or supplier @name, added when the shop has none
 * of that name yet; 0 on error. */
gint64 pos_catalog_ensure_category (PosStore *store, const char *name, GError **error);
gint64 pos_catalog_ensure_supplier (PosStore *store, const char *name, GError **error);
/* The name of category or supplier @id. Returns: (transfer full) (nullable) */
char *pos_catalog_category_name (PosStore *store, gint64 id);
char *pos_catalog_supplier_name (PosStore *store, gint64 id);

/* Up to @limit products in SKU order, from the first SKU after @after
 * (nullable), inactive ones too when @inactive. Returns: (transfer full)
 * an array of PosProduct, or NULL on error. */
GPtrArray *pos_catalog_list (PosStore *store, const char *after, gboolean inactive, guint limit,
                             GError **error);

/* The catalog's version history of a product: the states its edits
 * replaced, oldest first, as PosProducts with name, unit, price, tax and
 * version set. Returns: (transfer full) or NULL on error. */
GPtrArray *pos_catalog_versions (PosStore *store, gint64 product_id, GError **error);

G_END_DECLS
