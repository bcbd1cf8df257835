/* pos-product-image.c — quick-key pictures beside the store (see pos-product-image.h). */
#include "pos-product-image.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pos-error.h"
#include "pos-store-private.h"

#define IMAGE_FOLDER "images"
#define SHA256_HEX 64
#define CHECK_SIDE 64 /* pixels: the check decodes a small copy only */

static const char *const picture_types[] = { "png", "jpeg", "webp", "svg" };

static gboolean
is_picture_type (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (picture_types); i++)
    if (g_str_equal (type, picture_types[i]))
      return TRUE;
  return FALSE;
}

static char *
store_folder (PosStore *store)
{
  return g_path_get_dirname (pos_store_path (store));
}

/* Refuses a picture too large to show before it is decoded, and decodes
 * the rest at a small size: checking must not cost a poster's memory. */
static void
on_size_prepared_cb (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  gboolean *too_large = data;
  double scale;

  if (width > POS_PRODUCT_IMAGE_MAX_SIDE || height > POS_PRODUCT_IMAGE_MAX_SIDE)
    *too_large = TRUE;
  scale = (double)CHECK_SIDE / MAX (MAX (width, height), 1);
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX ((int)(width * scale), 1), MAX ((int)(height * scale), 1));
}

/* The loader's name of the format of @bytes when it reads them whole and
 * they are not too large; NULL otherwise. */
static char *
decoded_type (GBytes *bytes, gboolean *too_large)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);
  GdkPixbufFormat *format;
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), too_large);
  ok = gdk_pixbuf_loader_write (loader, data, size, NULL);
  ok = gdk_pixbuf_loader_close (loader, NULL) && ok;
  if (!ok || *too_large || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    return NULL;
  format = gdk_pixbuf_loader_get_format (loader);
  return format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;
}

gboolean
pos_product_image_check (GBytes *bytes, char **type, GError **error)
{
  g_autofree char *found = NULL;
  gboolean too_large = FALSE;

  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_bytes_get_size (bytes) > POS_PRODUCT_IMAGE_MAX)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("image: the picture is bigger than 4 MB")),
           FALSE;
  if (g_bytes_get_size (bytes) > 0)
    found = decoded_type (bytes, &too_large);
  if (too_large)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("image: the picture is more than %d pixels wide or high"),
                        POS_PRODUCT_IMAGE_MAX_SIDE),
           FALSE;
  if (!is_picture_type (found))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("image: this is not a PNG, JPEG, WebP or SVG picture")),
           FALSE;
  if (type != NULL)
    *type = g_steal_pointer (&found);
  return TRUE;
}

/* Lists the picture @file as held whole here; a picture known already
 * keeps what it knew of the hub unless the hub now holds it. */
static gboolean
record_picture (PosStore *store, const char *sha256, const char *file, gsize size, gboolean on_hub,
                GError **error)
{
  static const char sql[] = "INSERT INTO picture (sha256, file, size, on_hub) VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (sha256) DO UPDATE SET file = excluded.file, "
                            "on_hub = max (on_hub, excluded.on_hub)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, file, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64)size);
  sqlite3_bind_int (stmt, 4, on_hub ? 1 : 0);
  return pos_store_step_done (store, stmt, error);
}

/* Writes @bytes as @name into the picture folder (whole or not at all) and
 * lists it. */
static gboolean
keep_picture (PosStore *store, const char *name, GBytes *bytes, gboolean on_hub, GError **error)
{
  g_autofree char *base = store_folder (store);
  g_autofree char *dir = g_build_filename (base, IMAGE_FOLDER, NULL);
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *file = g_strconcat (IMAGE_FOLDER "/", name, NULL);
  g_autofree char *sha256 = g_strndup (name, SHA256_HEX);
  g_autoptr (GError) local = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (g_mkdir_with_parents (dir, 0755) != 0 || !g_file_set_contents (target, data, (gssize)size, &local))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("image: cannot keep the picture in %s: %s"), dir,
                   local != NULL ? local->message : g_strerror (errno));
      return FALSE;
    }
  return record_picture (store, sha256, file, size, on_hub, error);
}

gboolean
pos_product_image_add_bytes (PosStore *store, const char *name, GBytes *bytes, gboolean on_hub,
                             GError **error)
{
  g_autofree char *hash = NULL, *type = NULL;
  gsize size = 0;
  const guchar *data;

  g_return_val_if_fail (store != NULL && name != NULL && bytes != NULL, FALSE);

  if (!pos_product_image_name_is_valid (name))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not the name of a picture"), name),
           FALSE;
  data = g_bytes_get_data (bytes, &size);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  if (strncmp (hash, name, SHA256_HEX) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("picture %.64s: its bytes do not match their SHA-256, so it was refused"), name),
           FALSE;
  if (!pos_product_image_check (bytes, &type, error))
    return FALSE;
  return keep_picture (store, name, bytes, on_hub, error);
}

/* Reads @source whole, refusing what is too big for a button before
 * reading it. */
static GBytes *
read_picture (const char *source, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *bytes = NULL;
  gsize size = 0;
  GStatBuf st;

  if (g_stat (source, &st) == 0 && st.st_size > POS_PRODUCT_IMAGE_MAX)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("image: the picture is bigger than 4 MB"));
      return NULL;
    }
  if (!g_file_get_contents (source, &bytes, &size, &local))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("image: %s"), local->message);
      return NULL;
    }
  return g_bytes_new_take (bytes, size);
}

gboolean
pos_product_image_check_file (const char *source, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (source != NULL, FALSE);

  return (bytes = read_picture (source, error)) != NULL && pos_product_image_check (bytes, NULL, error);
}

char *
pos_product_image_import (PosStore *store, const char *source, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *type = NULL, *hash = NULL, *name = NULL;

  g_return_val_if_fail (store != NULL && source != NULL, NULL);

  if ((bytes = read_picture (source, error)) == NULL || !pos_product_image_check (bytes, &type, error))
    return NULL;
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  name = g_strdup_printf ("%s.%s", hash, type);
  if (!keep_picture (store, name, bytes, FALSE, error))
    return NULL;
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

gboolean
pos_product_image_name_is_valid (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (strlen (name) <= SHA256_HEX + 1 || name[SHA256_HEX] != '.')
    return FALSE;
  for (guint i = 0; i < SHA256_HEX; i++)
    if (!g_ascii_isxdigit (name[i]) || g_ascii_isupper (name[i]))
      return FALSE;
  return is_picture_type (name + SHA256_HEX + 1);
}

char *
pos_product_image_name (const char *image_path)
{
  const char *name;

  if (!pos_product_image_is_imported (image_path))
    return NULL;
  name = image_path + strlen (IMAGE_FOLDER "/");
  return pos_product_image_name_is_valid (name) ? g_strdup (name) : NULL;
}

gboolean
pos_product_image_set_synced (PosStore *store, const char *sku, const char *name, GError **error)
{
  static const char set_sql[] = "UPDATE product SET image_path = ?1 WHERE sku = ?2";
  static const char clear_sql[] = "UPDATE product SET image_path = NULL WHERE sku = ?1 "
                                  "AND image_path LIKE '" IMAGE_FOLDER "/%'";
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (store != NULL && sku != NULL, FALSE);

  if (name != NULL && !pos_product_image_name_is_valid (name))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not the name of a picture"), name),
           FALSE;
  if ((stmt = pos_store_prepare (store, name != NULL ? set_sql : clear_sql, error)) == NULL)
    return FALSE;
  path = name != NULL ? g_strconcat (IMAGE_FOLDER "/", name, NULL) : NULL;
  if (path != NULL)
    sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, path != NULL ? 2 : 1, sku, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}
