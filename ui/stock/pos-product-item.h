/* pos-product-item.h — one product row as the stock list shows it. */
#pragma once

#include <glib-object.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_TYPE_PRODUCT_ITEM (pos_product_item_get_type ())
G_DECLARE_FINAL_TYPE (PosProductItem, pos_product_item, POS, PRODUCT_ITEM, GObject)

/* Reads product @id (a PosSqlListLoadFunc). A product that vanished gives
 * an item with an empty name rather than no item: the view asked for a row.
 * Returns: (transfer full) */
GObject *pos_product_item_load (PosStore *store, gint64 id, gpointer user_data);

gint64 pos_product_item_get_id (PosProductItem *self);
const char *pos_product_item_get_sku (PosProductItem *self);
const char *pos_product_item_get_name (PosProductItem *self);
const char *pos_product_item_get_unit (PosProductItem *self);
gint64 pos_product_item_get_price (PosProductItem *self);
gint64 pos_product_item_get_stock (PosProductItem *self);         /* thousandths */
gint64 pos_product_item_get_reorder_level (PosProductItem *self); /* -1: none */
gboolean pos_product_item_get_active (PosProductItem *self);
gboolean pos_product_item_is_low (PosProductItem *self);

G_END_DECLS
