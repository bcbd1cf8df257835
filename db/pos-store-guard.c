/* pos-store-guard.c — a writer's hold on the store's file (see pos-store-guard.h). */
#include "pos-store-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pos-error.h"

struct _PosStoreGuard
{
  int fd;
  char *path;
  char *wal_path;
  dev_t wal_dev;
  ino_t wal_ino; /* 0 until the log was first seen */
};

static PosStoreGuard *
guard_open (const char *path, int operation, GError **error)
{
  g_autoptr (PosStoreGuard) guard = g_new0 (PosStoreGuard, 1);

  guard->path = g_strdup (path);
  guard->wal_path = g_strconcat (path, "-wal", NULL);
  guard->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (guard->fd < 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, saved == ENOENT ? POS_ERROR_NOT_FOUND : POS_ERROR_STORE,
                   "Cannot open the store %s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (flock (guard->fd, operation | LOCK_NB) != 0)
    {
      int saved = errno;
      if (saved == EWOULDBLOCK)
        g_set_error (error, POS_ERROR, POS_ERROR_BUSY,
                     operation == LOCK_EX
                         ? "The store %s is open in a running till or command: close it before restoring"
                         : "The store %s is being restored: try again when the restore has finished",
                     path);
      else
        g_set_error (error, POS_ERROR, POS_ERROR_STORE, "Cannot lock the store %s: %s", path,
                     g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&guard);
}

PosStoreGuard *
pos_store_guard_share (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return guard_open (path, LOCK_SH, error);
}

PosStoreGuard *
pos_store_guard_exclusive (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return guard_open (path, LOCK_EX, error);
}

static gboolean
lost (PosStoreGuard *guard, const char *what, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
               "The store %s %s while it was open: nothing more is saved there. Close the app, find out what "
               "happened to the file and restart",
               guard->path, what);
  return FALSE;
}

gboolean
pos_store_guard_check (PosStoreGuard *guard, GError **error)
{
  struct stat held, named, wal;

  g_return_val_if_fail (guard != NULL, FALSE);

  if (fstat (guard->fd, &held) != 0 || held.st_nlink == 0)
    return lost (guard, "was deleted", error);
  if (g_stat (guard->path, &named) != 0 || named.st_dev != held.st_dev || named.st_ino != held.st_ino)
    return lost (guard, "was moved or replaced", error);
  if (g_stat (guard->wal_path, &wal) != 0)
    return guard->wal_ino == 0 || lost (guard, "lost its write-ahead log (the -wal file)", error);
  if (guard->wal_ino == 0)
    {
      guard->wal_dev = wal.st_dev;
      guard->wal_ino = wal.st_ino;
    }
  else if (wal.st_dev != guard->wal_dev || wal.st_ino != guard->wal_ino)
    return lost (guard, "had its write-ahead log (the -wal file) replaced", error);
  return TRUE;
}

void
pos_store_guard_release (PosStoreGuard *guard)
{
  if (guard == NULL)
    return;
  if (guard->fd >= 0)
    close (guard->fd); /* also drops the lock */
  g_free (guard->path);
  g_free (guard->wal_path);
  g_free (guard);
}
