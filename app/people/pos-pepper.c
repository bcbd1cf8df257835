/* pos-pepper.c — the shop's PIN pepper, kept in a 0600 file outside the store. */
#include "pos-pepper.h"

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

char *
pos_pepper_path (void)
{
  char *path;

  g_mutex_lock (&pepper_lock);
  path = path_override != NULL ? g_strdup (path_override)
                               : g_build_filename (g_get_user_config_dir (), "mainstreet", "pepper", NULL);
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
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "The PIN key file %s is damaged", path);
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
make_pepper (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  guint8 fresh[POS_PEPPER_BYTES];
  gboolean ok;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (tmp, O_WRONLY, 0600)) < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Could not make the PIN key file %s: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  randombytes_buf (fresh, sizeof fresh);
  ok = write_all (fd, fresh, sizeof fresh);
  sodium_memzero (fresh, sizeof fresh);
  ok = close (fd) == 0 && ok;
  ok = ok && (link (tmp, path) == 0 || errno == EEXIST);
  if (!ok)
    g_set_error (error, POS_ERROR, POS_ERROR_FAILED, "Could not make the PIN key file %s: %s", path,
                 g_strerror (errno));
  g_unlink (tmp);
  return ok;
}

static gboolean
load_pepper (GError **error)
{
  g_autofree char *path = path_override != NULL
                              ? g_strdup (path_override)
                              : g_build_filename (g_get_user_config_dir (), "mainstreet", "pepper", NULL);

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
