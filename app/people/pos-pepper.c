/* pos-pepper.c — the shop's PIN pepper, kept in a 0600 file outside the store. */
#include "pos-pepper.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "pos-error.h"

static GMutex pepper_lock;
static gboolean pepper_loaded;
static guint8 pepper[POS_PEPPER_BYTES];
static char *path_override;

/* The file's path, with pepper_lock held. */
static char *
locked_path (void)
{
  return path_override != NULL ? g_strdup (path_override)
                               : g_build_filename (g_get_user_config_dir (), "mainstreet", "pepper", NULL);
}

char *
pos_pepper_path (void)
{
  char *path;

  g_mutex_lock (&pepper_lock);
  path = locked_path ();
  g_mutex_unlock (&pepper_lock);
  return path;
}

void
pos_pepper_use_path_for_tests (const char *path)
{
  g_mutex_lock (&pepper_lock);
  g_free (path_override);
  path_override = g_strdup (path);
  pepper_loaded = FALSE;
  sodium_memzero (pepper, sizeof pepper);
  g_mutex_unlock (&pepper_lock);
}

static gboolean
read_pepper (const char *path, guint8 out[POS_PEPPER_BYTES], GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length != POS_PEPPER_BYTES)
    {
      sodium_memzero (contents, length);
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("The PIN key file %s is damaged"), path);
      return FALSE;
    }
  memcpy (out, contents, POS_PEPPER_BYTES);
  sodium_memzero (contents, length);
  return TRUE;
}

static gboolean
write_all (int fd, const guint8 *bytes, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, bytes, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      bytes += n;
      length -= (gsize)n;
    }
  return fsync (fd) == 0;
}

/* Writes a fresh pepper to a private temporary file and links it into place:
 * link() never replaces, so when two processes race the first one wins and
 * the other reads the winner's pepper. */
static gboolean
install_pepper (const char *path, const guint8 fresh[POS_PEPPER_BYTES], GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gboolean ok;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (tmp, O_WRONLY, 0600)) < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not make the PIN key file %s: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  ok = write_all (fd, fresh, POS_PEPPER_BYTES);
  ok = close (fd) == 0 && ok;
  ok = ok && (link (tmp, path) == 0 || errno == EEXIST);
  if (!ok)
    g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not make the PIN key file %s: %s"), path,
                 g_strerror (errno));
  g_unlink (tmp);
  return ok;
}

static gboolean
make_pepper (const char *path, GError **error)
{
  guint8 fresh[POS_PEPPER_BYTES];
  gboolean ok;

  randombytes_buf (fresh, sizeof fresh);
  ok = install_pepper (path, fresh, error);
  sodium_memzero (fresh, sizeof fresh);
  return ok;
}

static gboolean
load_pepper (GError **error)
{
  g_autofree char *path = locked_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !make_pepper (path, error))
    return FALSE;
  return read_pepper (path, pepper, error);
}

gboolean
pos_pepper_get (guint8 out[POS_PEPPER_BYTES], GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);

  g_mutex_lock (&pepper_lock);
  if (!pepper_loaded)
    ok = pepper_loaded = load_pepper (error);
  if (ok)
    memcpy (out, pepper, POS_PEPPER_BYTES);
  g_mutex_unlock (&pepper_lock);
  return ok;
}

/* Installs @shop's pepper where there is none yet; either way, what this
 * till now holds must be it. */
static gboolean
adopt_locked (const guint8 shop[POS_PEPPER_BYTES], GError **error)
{
  g_autofree char *path = locked_path ();

  if (!pepper_loaded && !g_file_test (path, G_FILE_TEST_EXISTS) && !install_pepper (path, shop, error))
    return FALSE;
  if (!pepper_loaded && !(pepper_loaded = read_pepper (path, pepper, error)))
    return FALSE;
  if (sodium_memcmp (pepper, shop, POS_PEPPER_BYTES) == 0)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_STATE,
               _ ("This till's PIN key %s is not the shop's, so PINs could not be used across tills. If this "
                  "till is new to the shop, move that file aside and sync again (PINs set on this till alone "
                  "must then be set again)"),
               path);
  return FALSE;
}

gboolean
pos_pepper_adopt (const guint8 shop[POS_PEPPER_BYTES], GError **error)
{
  gboolean ok;

  g_return_val_if_fail (shop != NULL, FALSE);

  g_mutex_lock (&pepper_lock);
  ok = adopt_locked (shop, error);
  g_mutex_unlock (&pepper_lock);
  return ok;
}
