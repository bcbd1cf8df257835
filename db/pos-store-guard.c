/* pos-store-guard.c — a writer's hold on the store's file (see pos-store-guard.h). */
#include "pos-store-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pos-error.h"

/* The lock is taken on <store>.lock, never on the store itself: closing
 * any descriptor of the store file would drop the POSIX locks SQLite holds
 * on it for every connection of the process. For the same reason the
 * store's identity is checked with stat(), by name, not through a
 * descriptor of our own. */
struct _PosStoreGuard
{
  int fd; /* of <store>.lock */
  char *path;
  char *wal_path;
  dev_t dev;
  ino_t ino;
  dev_t wal_dev;
  ino_t wal_ino; /* 0 until the log was first seen */
};

static PosStoreGuard *
guard_open (const char *path, int operation, GError **error)
{
  g_autoptr (PosStoreGuard) guard = g_new0 (PosStoreGuard, 1);
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  GStatBuf st;

  guard->path = g_strdup (path);
  guard->wal_path = g_strconcat (path, "-wal", NULL);
  guard->fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (guard->fd < 0 || g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, POS_ERROR, saved == ENOENT ? POS_ERROR_NOT_FOUND : POS_ERROR_STORE,
                   "Cannot open the store %s: %s", path, g_strerror (saved));
      return NULL;
    }
  guard->dev = st.st_dev;
  guard->ino = st.st_ino;
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
  GStatBuf named, wal;

  g_return_val_if_fail (guard != NULL, FALSE);

  if (g_stat (guard->path, &named) != 0)
    return lost (guard, "was deleted or moved", error);
  if (named.st_dev != guard->dev || named.st_ino != guard->ino)
    return lost (guard, "was replaced", error);
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
    close (guard->fd); /* also drops the lock; the lock file stays for the next writer */
  g_free (guard->path);
  g_free (guard->wal_path);
  g_free (guard);
}
