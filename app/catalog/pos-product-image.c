/* pos-product-image.c — quick-key pictures beside the store (see pos-product-image.h). */
#include "pos-product-image.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pos-error.h"

#define IMAGE_FOLDER "images"

/* The lower-case extension of a picture file we take, or NULL. */
static char *
image_extension (const char *path)
{
  static const char *const known[] = { "png", "jpg", "jpeg", "webp", "svg" };
  const char *dot = strrchr (path, '.');
  g_autofree char *ext = dot != NULL ? g_ascii_strdown (dot + 1, -1) : NULL;

  for (guint i = 0; ext != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (ext, known[i]))
      return g_steal_pointer (&ext);
  return NULL;
}

static char *
store_folder (PosStore *store)
{
  return g_path_get_dirname (pos_store_path (store));
}

/* Reads @source whole, refusing what is too big for a button. */
static gboolean
read_picture (const char *source, char **bytes, gsize *size, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (source, bytes, size, &local))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("image: %s"), local->message);
      return FALSE;
    }
  if (*size > POS_PRODUCT_IMAGE_MAX)
    {
      g_clear_pointer (bytes, g_free);
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("image: the picture is bigger than 4 MB"));
      return FALSE;
    }
  return TRUE;
}

char *
pos_product_image_import (PosStore *store, const char *source, GError **error)
{
  g_autofree char *ext = NULL, *bytes = NULL, *hash = NULL, *name = NULL, *folder = NULL, *target = NULL;
  g_autofree char *base = NULL, *dir = NULL;
  g_autoptr (GError) local = NULL;
  gsize size = 0;

  g_return_val_if_fail (store != NULL && source != NULL, NULL);

  if ((ext = image_extension (source)) == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("image: choose a PNG, JPEG, WebP or SVG picture"));
      return NULL;
    }
  if (!read_picture (source, &bytes, &size, error))
    return NULL;
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)bytes, size);
  hash[16] = '\0'; /* 64 bits tell a shop's pictures apart */
  name = g_strdup_printf ("%s.%s", hash, ext);
  base = store_folder (store);
  dir = g_build_filename (base, IMAGE_FOLDER, NULL);
  target = g_build_filename (dir, name, NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0 || !g_file_set_contents (target, bytes, (gssize)size, &local))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("image: cannot keep the picture in %s: %s"), dir,
                   local != NULL ? local->message : g_strerror (errno));
      return NULL;
    }
  return g_strconcat (IMAGE_FOLDER "/", name, NULL);
}

char *
pos_product_image_resolve (PosStore *store, const char *image_path)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  if (image_path == NULL || *image_path == '\0')
    return NULL;
  if (g_path_is_absolute (image_path))
    return g_strdup (image_path);
  base = store_folder (store);
  return g_build_filename (base, image_path, NULL);
}

gboolean
pos_product_image_is_imported (const char *image_path)
{
  return image_path != NULL && g_str_has_prefix (image_path, IMAGE_FOLDER "/");
}
