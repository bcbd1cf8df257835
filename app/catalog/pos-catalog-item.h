/* pos-catalog-item.h — one product as the till offers it: a search result
 * or a quick key. */
#pragma once

#include <glib-object.h>

#include "pos-catalog.h"

G_BEGIN_DECLS

#define POS_TYPE_CATALOG_ITEM (pos_catalog_item_get_type ())
G_DECLARE_FINAL_TYPE (PosCatalogItem, pos_catalog_item, POS, CATALOG_ITEM, GObject)

/* Returns: (transfer full) */
PosCatalogItem *pos_catalog_item_new (const PosProduct *product);

/* Reads product @id (a PosSqlListLoadFunc). A product that vanished gives
 * an item with an empty name rather than no item: the view asked for a row.
 * Returns: (transfer full) */
GObject *pos_catalog_item_load (PosStore *store, gint64 id, gpointer user_data);

gint64 pos_catalog_item_get_id (PosCatalogItem *self);
const char *pos_catalog_item_get_sku (PosCatalogItem *self);
const char *pos_catalog_item_get_name (PosCatalogItem *self);
PosAmount pos_catalog_item_get_price (PosCatalogItem *self);
/* "each" (by the piece), "kg", "l" or "m" (pos_unit_is_measured()). */
const char *pos_catalog_item_get_unit (PosCatalogItem *self);
/* How its quick key looks: a colour "#rrggbb" and a picture's path on this
 * machine, both (nullable); set for quick keys only. */
void pos_catalog_item_set_look (PosCatalogItem *self, const char *colour, const char *image);
const char *pos_catalog_item_get_colour (PosCatalogItem *self);
const char *pos_catalog_item_get_image (PosCatalogItem *self);

G_END_DECLS
