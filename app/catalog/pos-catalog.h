/* pos-catalog.h — products: lookup by barcode or SKU, type-ahead search,
 * and saving edits.
 *
 * Lookups are single indexed reads and search is an FTS5 prefix query with a
 * LIMIT, so neither ever touches more than a handful of rows, whatever the
 * size of the catalog.
 */
#pragma once

#include "pos-money.h"
#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *sku;
  char *name;
  char *unit;      /* "each" (a piece), or a measure: "kg", "l" or "m" */
  PosAmount price; /* per piece, or per kg / l / m */
  PosAmount cost;  /* -1 when unknown */
  gint64 tax_rate_id;
  char *tax_code;
  gint64 tax_rate_bp;
  gint64 category_id;   /* 0 = none */
  gint64 supplier_id;   /* 0 = none */
  PosQty reorder_level; /* -1 = none */
  gboolean active;
  gint64 version;
  /* What a packaged product holds, for the unit price on its label: 0 and
   * NULL when not given. */
  PosQty content_qty;        /* thousandths of content_unit */
  char *content_unit;        /* "kg", "l" or "m" */
  PosQty unit_price_base;    /* thousandths: 1000 = per kg / l / m, 100 = per 100 g */
  char *quick_key_colour;    /* (nullable) "#rrggbb" */
  gint64 quick_key_position; /* 0 = not on the quick keys */
  char *image_path;          /* (nullable) */
  /* 0: the price is fixed; else an open-price key whose price the cashier
   * types, up to this amount. */
  PosAmount open_price_limit;
  /* Variants (pos-variant.h): a variant names its product in parent_id (0:
   * not a variant) and its options as "name=value" lines in the grid's
   * order; without a price of its own it has, and follows, its product's. */
  gint64 parent_id;
  char *variant_options; /* (nullable) "size=M\ncolour=red" */
  gboolean own_price;
  gboolean has_variants; /* read only: some product is a variant of this one (set by the schema) */
  char *brand;           /* (nullable) as printed on the goods; promotions may cover a brand */
} PosProduct;

/* Limits a product's fields are checked against (pos_product_validate()). */
#define POS_PRODUCT_SKU_MAX 64          /* characters, of a product made by hand */
#define POS_PRODUCT_NAME_MAX 120        /* characters */
#define POS_PRODUCT_PRICE_MAX 100000000 /* minor units: a million in a two-decimal currency */
#define POS_PRODUCT_BRAND_MAX 60        /* characters */

PosProduct *pos_product_new (void);
PosProduct *pos_product_copy (const PosProduct *product);
void pos_product_free (PosProduct *product);
gboolean pos_product_is_weighed (const PosProduct *product);
/* The units a product is sold in: "each" (a piece: whole quantities) or a
 * measure, "kg", "l" or "m", whose quantity is weighed or typed with
 * decimals and kept in thousandths (grams, millilitres, millimetres). */
gboolean pos_unit_is_valid (const char *unit);
gboolean pos_unit_is_measured (const char *unit);
/* Sold by a measure (kg, l or m): its quantity need not be whole. */
gboolean pos_product_is_measured (const PosProduct *product);
/* Checks the fields of @product on their own (not against the store): SKU,
 * name (1–POS_PRODUCT_NAME_MAX characters), price and cost (0 to
 * POS_PRODUCT_PRICE_MAX), unit, content, quick key. On failure sets *@field
 * (nullable) to the field at fault ("sku", "name", "price", "cost", "unit",
 * "content", "quick_key_colour", "quick_key_position",
 * "open_price_limit", "brand") and @error to
 * POS_ERROR_INVALID with a message that names it. Trims SKU, name and
 * brand; a blank brand becomes none. */
gboolean pos_product_validate (PosProduct *product, const char **field, GError **error);
/* The checks of pos_product_validate() for a name and an amount alone,
 * for readers (imports) that check fields before they build a product. */
gboolean pos_product_check_name (const char *name, GError **error);
gboolean pos_product_check_amount (PosAmount amount, const char *what, GError **error);

PosProduct *pos_catalog_get (PosStore *store, gint64 id, GError **error);
PosProduct *pos_catalog_lookup (PosStore *store, const char *key, GError **error);
/* As pos_catalog_lookup(), for the till's scan: reads only what a sale
 * needs (id, SKU, name, unit, price, tax code and rate, category, brand,
 * version, active, open-price limit, variant fields) and leaves the rest
 * (cost, supplier, reorder level, content, quick key, picture, tax rate id,
 * variant options) at their values of none. */
PosProduct *pos_catalog_lookup_for_sale (PosStore *store, const char *key, GError **error);
gboolean pos_catalog_search_ids (PosStore *store, const char *text, guint limit, GArray *ids, GError **error);
char *pos_catalog_fts_query (const char *text);
gboolean pos_catalog_save (PosStore *store, PosProduct *product, GError **error);
gboolean pos_catalog_save_with_barcodes (PosStore *store, PosProduct *product, const char *const *keys,
                                         GError **error);
/* Writes the row of a new product as given, nothing else (no checks, no
 * journal event): for callers that did both already. A @product->id other
 * than 0 is kept; @updated_hlc (nullable) is the sync clock of the edit.
 * Returns: the new product's id, or 0 on error. */
gint64 pos_catalog_insert (PosStore *store, const PosProduct *product, const char *updated_hlc,
                           GError **error);
/* Writes another till's edit of product @product->id as given: name, unit,
 * price, cost, tax rate, reorder level, active and a variant's options and
 * own price, with @updated_hlc, the
 * sync clock of the edit (no journal event: it has one). The name is
 * checked as for any product. */
gboolean pos_catalog_update_synced (PosStore *store, const PosProduct *product, const char *updated_hlc,
                                    GError **error);
/* Sets product @product_id's cost from a delivery (no journal event: the
 * delivery's records it); only a real change bumps the product's version. */
gboolean pos_catalog_set_cost (PosStore *store, gint64 product_id, PosAmount cost, GError **error);
gboolean pos_catalog_add_barcode (PosStore *store, gint64 product_id, const char *code, GError **error);
GPtrArray *pos_catalog_barcodes (PosStore *store, gint64 product_id, GError **error);
gint64 pos_catalog_tax_rate_id (PosStore *store, const char *code, GError **error);
/* The SKU of @product_id, the key other tills know the product by;
 * NULL with POS_ERROR_NOT_FOUND when there is no such product. (transfer full) */
char *pos_catalog_dup_sku (PosStore *store, gint64 product_id, GError **error);
/* The supplier named @name; 0 with POS_ERROR_NOT_FOUND when there is none. */
gint64 pos_catalog_supplier_id (PosStore *store, const char *name, GError **error);
gint64 pos_catalog_count (PosStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosProduct, pos_product_free)

G_END_DECLS
