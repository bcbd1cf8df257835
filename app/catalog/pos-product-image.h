/* pos-product-image.h — the picture on a product's quick key.
 *
 * Pictures live beside the store, in the folder "images" next to the store
 * file, each named by a hash of its bytes: product.image_path holds
 * "images/<hash>.<ext>", which means the same on every till that has the
 * folder, and the same picture chosen twice is kept once. An absolute path
 * (as `product add --image` may give) is kept as it is. The store's backup
 * does not carry the pictures: copy the folder with it.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_PRODUCT_IMAGE_MAX (4 * 1024 * 1024) /* bytes: a photo for a button, not a poster */

/* Copies the picture at @source into the store's picture folder and returns
 * the image_path to save with the product (transfer full). POS_ERROR_INVALID
 * for a file that is not a PNG, JPEG, WebP or SVG by its name, or bigger
 * than POS_PRODUCT_IMAGE_MAX; POS_ERROR_FAILED when it cannot be read or
 * written. */
char *pos_product_image_import (PosStore *store, const char *source, GError **error);

/* Where @image_path (as saved with a product) is on this machine, or NULL
 * for NULL or an empty one (transfer full). */
char *pos_product_image_resolve (PosStore *store, const char *image_path);

/* Whether @image_path is one pos_product_image_import() made. */
gboolean pos_product_image_is_imported (const char *image_path);

G_END_DECLS
