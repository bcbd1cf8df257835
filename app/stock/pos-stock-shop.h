/* pos-stock-shop.h — which shop a till belongs to, and stock per shop.
 *
 * Each till belongs to one shop (a location); a shop has one or more
 * tills. The till's shop is its shop_id setting ("main", the single shop,
 * until set at init or setup). Every stock move records the shop it
 * happened in: the shop of the till whose journal event it is. A till
 * announces its shop with a "till.shop" event, so every other till (and
 * the hub's stock_by_shop view) knows where its moves belong.
 *
 * stock_ledger (migration 030) keeps each product's moves and its level in
 * every shop in one B-tree, keyed by (product_id, shop_id, move_id): a
 * move's row has its stock_move id, the level's row POS_STOCK_LEVEL_KEY,
 * after every move. stock_level is the view of this till's shop's levels.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-store.h"

G_BEGIN_DECLS

#define POS_STOCK_SHOP_DEFAULT "main"

/* stock_ledger's move_id of a level row, for SQL text: the largest
 * INTEGER, so a product's level follows its moves in the B-tree. */
#define POS_STOCK_LEVEL_KEY "9223372036854775807"

/* This till's shop. Returns: (transfer full) */
char *pos_stock_shop_local (PosStore *store);

/* Whether @shop_id is a usable shop id: 1 to 32 letters, digits, '-' or
 * '_'. POS_ERROR_INVALID with a sentence otherwise. */
gboolean pos_stock_shop_check_id (const char *shop_id, GError **error);

/*
 * Makes this till part of shop @shop_id: the setting, its till_shop row
 * and a "till.shop" event, in one transaction. Set once when the till is set up; a later
 * change moves no stock, it only changes which shop's stock this till
 * shows and where its next moves count.
 */
gboolean pos_stock_shop_set (PosStore *store, const char *shop_id, GError **error);

/* The shop a stock move of journal event @event_id (nullable) belongs to:
 * for an event of another till, that till's shop ("main" when it never
 * said); for this till's own actions (whose event is not yet written),
 * this till's shop. Returns: (transfer full) */
char *pos_stock_shop_of_event (PosStore *store, const char *event_id, GError **error);

/* The stock of @product_id in shop @shop_id: the sum of its moves there,
 * as its level row in stock_ledger keeps it. */
gboolean pos_stock_shop_level (PosStore *store, const char *shop_id, gint64 product_id, PosQty *level,
                               GError **error);

/* The shops this store knows of (this till's, other tills', those that
 * have moves), sorted. Returns: (transfer full) (element-type utf8) */
GPtrArray *pos_stock_shop_list (PosStore *store, GError **error);

/* Applies another till's "till.shop" event (inside the caller's
 * transaction). */
gboolean pos_stock_shop_apply (PosStore *store, const char *till_id, JsonObject *body, GError **error);

G_END_DECLS
