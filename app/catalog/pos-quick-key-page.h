/* pos-quick-key-page.h — the sale screen's quick keys as pages ("Bakery",
 * "Drinks"), each an ordered grid of keys that sell a product or variant.
 *
 * Every change is one transaction with its journal event, which carries
 * the whole layout (pages, keys by SKU), so other tills take the newest
 * layout by HLC (pos_quick_key_apply_event()). Changes need a supervisor or
 * an owner (POS_ACTION_EDIT_CATALOG). Positions count from 0 and stay
 * without gaps.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

#define POS_QUICK_KEY_TEXT_MAX 40 /* characters of a page's name or a key's label */

typedef struct
{
  gint64 id;
  gint64 product_id;
  char *sku;
  char *name;           /* the product's name */
  char *label;          /* (nullable) the key's own label */
  char *colour;         /* (nullable) "#rrggbb", the key's own colour */
  char *product_colour; /* (nullable) the product's quick-key colour */
  char *image_path;     /* (nullable) the product's picture, on this machine */
  char *unit;
} PosQuickKey;

typedef struct
{
  gint64 id;
  char *name;
  GPtrArray *keys; /* PosQuickKey, in order */
} PosQuickKeyPage;

void pos_quick_key_free (PosQuickKey *key);
void pos_quick_key_page_free (PosQuickKeyPage *page);
/* What the key shows: its label, else the product's name. */
const char *pos_quick_key_shown_label (const PosQuickKey *key);
/* (nullable) Its colour, else the product's. */
const char *pos_quick_key_shown_colour (const PosQuickKey *key);

/* The pages with their keys, in order; empty when the shop has none.
 * Returns: (transfer full) (element-type PosQuickKeyPage) */
GPtrArray *pos_quick_key_pages_read (PosStore *store, GError **error);

/* pos_quick_key_pages_read() on a connection of its own, in a worker. */
void pos_quick_key_pages_read_async (PosStore *store, GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
GPtrArray *pos_quick_key_pages_read_finish (GAsyncResult *result, GError **error);

/* The page called @text or of id @text; 0 with @error when there is none. */
gint64 pos_quick_key_page_find (PosStore *store, const char *text, GError **error);

/* Returns the new page's id (appended last), 0 on error. */
gint64 pos_quick_key_page_add (PosStore *store, const PosUser *user, const char *name, GError **error);
gboolean pos_quick_key_page_rename (PosStore *store, const PosUser *user, gint64 page_id, const char *name,
                                    GError **error);
/* Removes a page and its keys. */
gboolean pos_quick_key_page_remove (PosStore *store, const PosUser *user, gint64 page_id, GError **error);
gboolean pos_quick_key_page_move (PosStore *store, const PosUser *user, gint64 page_id, gint position,
                                  GError **error);

/* Adds a key for @product_id at the end of @page_id, with an optional
 * @label and @colour ("#rrggbb"). Returns the key's id, 0 on error. */
gint64 pos_quick_key_add (PosStore *store, const PosUser *user, gint64 page_id, gint64 product_id,
                          const char *label, const char *colour, GError **error);
/* Moves a key to @position of @page_id (its own page or another), from 0
 * to the number of keys the page has without it. */
gboolean pos_quick_key_move (PosStore *store, const PosUser *user, gint64 key_id, gint64 page_id,
                             gint position, GError **error);
/* Sets a key's label and colour; NULL or "" for the product's own. */
gboolean pos_quick_key_set_look (PosStore *store, const PosUser *user, gint64 key_id, const char *label,
                                 const char *colour, GError **error);
gboolean pos_quick_key_remove (PosStore *store, const PosUser *user, gint64 key_id, GError **error);

/* 1 when the shop has quick-key pages (a product's key is then placed on
 * them, not by product.quick_key_position), 0 when not, -1 on error. */
int pos_quick_key_pages_exist (PosStore *store, GError **error);

/* Where a product's key is: its first key, by the pages' order. */
typedef struct
{
  gint64 key_id;
  gint64 page_id;
  char *page_name;
  gint position; /* from 0 */
} PosQuickKeyPlace;

void pos_quick_key_place_clear (PosQuickKeyPlace *place);

/* Fills @place with @product_id's key: 1 when it has one, 0 when it has
 * none, -1 on error. Clear it with pos_quick_key_place_clear(). */
int pos_quick_key_find_product (PosStore *store, gint64 product_id, PosQuickKeyPlace *place, GError **error);

/* Puts @product_id's key at @position (from 0) of @page_id: its first key
 * is moved there (as pos_quick_key_move() does), or a key is added (as
 * pos_quick_key_add() does) when it has none; a position past the page's
 * last key puts it last. A @position below 0 takes all its keys off.
 * Nothing is written when the key is there already. Runs in the caller's
 * transaction (the product's save) and journals the layout. */
gboolean pos_quick_key_place_product (PosStore *store, gint64 product_id, gint64 page_id, gint position,
                                      GError **error);

/* Applies another till's "quick_keys.saved" event @body, journalled at
 * @hlc: its layout replaces this store's unless this store's is newer.
 * Runs in the caller's transaction. */
gboolean pos_quick_key_apply_event (PosStore *store, JsonObject *body, const char *hlc, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosQuickKey, pos_quick_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosQuickKeyPage, pos_quick_key_page_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosQuickKeyPlace, pos_quick_key_place_clear)

G_END_DECLS
