/* pos-product-image.h — the picture on a product's quick key.
 *
 * Pictures live beside the store, in the folder "images" next to the store
 * file, each named by the SHA-256 of its bytes: product.image_path holds
 * "images/<sha256>.<type>", which means the same on every till, and the same
 * picture chosen twice is kept once. The table `picture` lists the pictures
 * this till holds whole (migration 026). An absolute path (a picture
 * somewhere on this machine) is kept as it is and stays on this till.
 *
 * Between tills a picture travels on its own, once (pos-picture-sync.h):
 * the product's event names it ("picture": "<sha256>.<type>"), never
 * carries it. Whatever arrives is checked here before it is kept: not too
 * big, a picture the till can show, and bytes that hash to their name.
 * The store's backup does not carry the pictures: copy the folder with it.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_PRODUCT_IMAGE_MAX (4 * 1024 * 1024) /* bytes: a photo for a button, not a poster */
#define POS_PRODUCT_IMAGE_MAX_SIDE 8192         /* pixels a side: more would only eat memory */

/* Copies the picture at @source into the store's picture folder and returns
 * the image_path to save with the product (transfer full). POS_ERROR_INVALID
 * for a file that is not a PNG, JPEG, WebP or SVG picture by its content, or
 * bigger than POS_PRODUCT_IMAGE_MAX; POS_ERROR_FAILED when it cannot be read
 * or written. */
char *pos_product_image_import (PosStore *store, const char *source, GError **error);

/* Whether the file @source passes the checks pos_product_image_import()
 * makes, with the same errors, keeping nothing: for a form that says so
 * as soon as the picture is chosen. */
gboolean pos_product_image_check_file (const char *source, GError **error);

/* Whether @bytes are a picture a till may keep: at most
 * POS_PRODUCT_IMAGE_MAX bytes, a PNG, JPEG, WebP or SVG the picture loader
 * reads whole. @type (nullable) gets "png", "jpeg", "webp" or "svg"
 * (transfer full). POS_ERROR_INVALID says why not. */
gboolean pos_product_image_check (GBytes *bytes, char **type, GError **error);

/*
 * Keeps @bytes, which should be the picture @name ("<sha256>.<type>", as an
 * event names it), in the picture folder and lists it in `picture`, with
 * @on_hub saying whether the hub holds it already. POS_ERROR_INVALID when
 * the bytes do not hash to the name or fail pos_product_image_check():
 * nothing is written then.
 */
gboolean pos_product_image_add_bytes (PosStore *store, const char *name, GBytes *bytes, gboolean on_hub,
                                      GError **error);

/* Where @image_path (as saved with a product) is on this machine, or NULL
 * for NULL or an empty one (transfer full). */
char *pos_product_image_resolve (PosStore *store, const char *image_path);

/* Whether @image_path is one pos_product_image_import() made. */
gboolean pos_product_image_is_imported (const char *image_path);

/* The picture's name, "<sha256>.<type>", when @image_path is a picture
 * named by its SHA-256 (one that can travel to other tills); NULL for an
 * absolute path, none, or a picture kept under an older, shorter name
 * (transfer full). */
char *pos_product_image_name (const char *image_path);

/* Whether @name is a picture name as events carry it, "<sha256>.<type>". */
gboolean pos_product_image_name_is_valid (const char *name);

/*
 * Applies the picture of another till's product event to the product
 * @sku here, inside the caller's transaction: @name (nullable) as the
 * event names it, or none, which takes away a picture that came from the
 * folder (a local absolute path stays). The picture itself may arrive
 * later (pos-picture-sync.h). POS_ERROR_INVALID for a malformed name.
 */
gboolean pos_product_image_set_synced (PosStore *store, const char *sku, const char *name, GError **error);

G_END_DECLS
