/* pos-dsfinvk-dir.c — staging and moving an export folder (see
 * pos-dsfinvk-dir.h). */
#include "pos-dsfinvk-dir.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pos-error.h"

static int
errno_code (int saved)
{
  return saved == ENOSPC ? POS_ERROR_DISK_FULL : POS_ERROR_FAILED;
}

gboolean
pos_dsfinvk_dir_check (const char *dir, GError **error)
{
  g_autoptr (GDir) listing = NULL;

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s exists and is not a folder"), dir), FALSE;
  listing = g_dir_open (dir, 0, NULL);
  if (listing != NULL && g_dir_read_name (listing) != NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("The folder %s is not empty: choose a new or empty folder for the export"), dir),
           FALSE;
  return TRUE;
}

void
pos_dsfinvk_dir_remove (const char *path, GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, (const char *)g_ptr_array_index (names, i), NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static gboolean
write_file (const char *path, const char *text, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    return TRUE;
  g_set_error (error, POS_ERROR,
               g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ? POS_ERROR_DISK_FULL
                                                                         : POS_ERROR_FAILED,
               _ ("Cannot write the export: %s"), local->message);
  return FALSE;
}

char *
pos_dsfinvk_dir_stage (const char *dir, GPtrArray *names, GPtrArray *texts, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *staged = g_build_filename (parent, template, NULL);

  if (g_mkdtemp_full (staged, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, POS_ERROR, errno_code (saved), _ ("Cannot write the export beside %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (staged, (const char *)g_ptr_array_index (names, i), NULL);

      if (!write_file (path, g_ptr_array_index (texts, i), error))
        {
          pos_dsfinvk_dir_remove (staged, names);
          return NULL;
        }
    }
  return g_steal_pointer (&staged);
}

gboolean
pos_dsfinvk_dir_commit (const char *staged, const char *dir, GError **error)
{
  int saved;

  if (g_rename (staged, dir) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, POS_ERROR, errno_code (saved), _ ("Cannot move the export to %s: %s"), dir,
               g_strerror (saved));
  return FALSE;
}
