/* pos-powercut-vfs.c — an SQLite VFS that can pull the plug (see pos-powercut-vfs.h). */
#include "pos-powercut-vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

/* The unit a disk writes whole or not at all; a torn write is torn inside one. */
#define SECTOR 512

/* What the disk is sure to hold of one file: its size at the last sync and,
 * for each sector written since, that sector's content at the last sync. */
typedef struct
{
  char *path;
  gint64 durable_size;
  GHashTable *old; /* sector number → GBytes (shorter than SECTOR at the end of the file) */
} CutFile;

typedef struct
{
  sqlite3_file base;
  CutFile *record; /* NULL for files SQLite opens without a name */
  sqlite3_file *real;
} ShimFile;

typedef enum
{
  POWER_ON,
  POWER_GOES_NOW,
  POWER_OFF,
} Power;

static sqlite3_vfs *base_vfs;
static sqlite3_vfs shim_vfs;
static GHashTable *records; /* path → CutFile */
static GMutex lock;
static GRand *cut_rand;
static guint64 n_ops;
static guint64 cut_at;
static gboolean off;

static void
cut_file_free (CutFile *file)
{
  g_free (file->path);
  g_hash_table_unref (file->old);
  g_free (file);
}

static CutFile *
record_for (const char *path, sqlite3_file *real)
{
  CutFile *file = g_hash_table_lookup (records, path);
  sqlite3_int64 size = 0;

  if (file != NULL)
    return file;
  /* What existed before the shim saw it counts as already on the disk. */
  real->pMethods->xFileSize (real, &size);
  file = g_new0 (CutFile, 1);
  file->path = g_strdup (path);
  file->durable_size = size;
  file->old = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_bytes_unref);
  g_hash_table_insert (records, file->path, file);
  return file;
}

/* Keeps the synced content of every sector in [offset, offset + length)
 * not yet changed since the last sync, before it is overwritten. */
static void
remember (ShimFile *self, sqlite3_int64 offset, sqlite3_int64 length)
{
  CutFile *file = self->record;

  for (gint64 s = offset / SECTOR; length > 0 && s <= (offset + length - 1) / SECTOR; s++)
    {
      gint64 start = s * SECTOR;
      gint64 n = CLAMP (file->durable_size - start, 0, SECTOR);
      guint8 *old;

      if (g_hash_table_contains (file->old, &s))
        continue;
      old = g_malloc0 (SECTOR);
      if (n > 0)
        self->real->pMethods->xRead (self->real, old, (int)n, start);
      g_hash_table_insert (file->old, g_memdup2 (&s, sizeof s), g_bytes_new_take (old, (gsize)n));
    }
}

/* Counts one change to a file and says whether the power is still on for it. */
static Power
count_op (void)
{
  if (off)
    return POWER_OFF;
  n_ops++;
  if (cut_at != 0 && n_ops == cut_at)
    {
      off = TRUE;
      return POWER_GOES_NOW;
    }
  return POWER_ON;
}

static int
shim_close (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xClose (self->real);
}

static int
shim_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xRead (self->real, buffer, amount, offset);
}

static int
shim_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  ShimFile *self = (ShimFile *)file;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  Power power;
  int partial;

  if (self->record == NULL)
    return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
  power = count_op ();
  if (power == POWER_OFF)
    return SQLITE_IOERR_WRITE;
  remember (self, offset, amount);
  if (power == POWER_ON)
    return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
  /* The write the power cut interrupted: only a part of it lands. */
  partial = g_rand_int_range (cut_rand, 0, amount);
  if (partial > 0)
    self->real->pMethods->xWrite (self->real, buffer, partial, offset);
  return SQLITE_IOERR_WRITE;
}

static int
shim_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  ShimFile *self = (ShimFile *)file;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  sqlite3_int64 current = 0;

  if (self->record == NULL)
    return self->real->pMethods->xTruncate (self->real, size);
  if (count_op () != POWER_ON)
    return SQLITE_IOERR_TRUNCATE;
  self->real->pMethods->xFileSize (self->real, &current);
  if (size < current)
    remember (self, size, current - size);
  return self->real->pMethods->xTruncate (self->real, size);
}

static int
shim_sync (sqlite3_file *file, int flags)
{
  ShimFile *self = (ShimFile *)file;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  sqlite3_int64 size = 0;
  int rc;

  if (self->record == NULL)
    return self->real->pMethods->xSync (self->real, flags);
  if (count_op () != POWER_ON)
    return SQLITE_IOERR_FSYNC;
  rc = self->real->pMethods->xSync (self->real, flags);
  if (rc == SQLITE_OK)
    {
      /* Everything written so far is now on the disk for good. */
      self->real->pMethods->xFileSize (self->real, &size);
      self->record->durable_size = size;
      g_hash_table_remove_all (self->record->old);
    }
  return rc;
}

static int
shim_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xFileSize (self->real, size);
}

static int
shim_lock (sqlite3_file *file, int level)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xLock (self->real, level);
}

static int
shim_unlock (sqlite3_file *file, int level)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xUnlock (self->real, level);
}

static int
shim_check_reserved_lock (sqlite3_file *file, int *reserved)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xCheckReservedLock (self->real, reserved);
}

static int
shim_file_control (sqlite3_file *file, int op, void *arg)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
shim_sector_size (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xSectorSize (self->real);
}

static int
shim_device_characteristics (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
shim_shm_map (sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xShmMap (self->real, region, size, extend, out);
}

static int
shim_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *file)
{
  ShimFile *self = (ShimFile *)file;
  self->real->pMethods->xShmBarrier (self->real);
}

static int
shim_shm_unmap (sqlite3_file *file, int delete_flag)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
shim_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xFetch (self->real, offset, amount, out);
}

static int
shim_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  ShimFile *self = (ShimFile *)file;
  return self->real->pMethods->xUnfetch (self->real, offset, page);
}

static const sqlite3_io_methods shim_io = {
  .iVersion = 3,
  .xClose = shim_close,
  .xRead = shim_read,
  .xWrite = shim_write,
  .xTruncate = shim_truncate,
  .xSync = shim_sync,
  .xFileSize = shim_file_size,
  .xLock = shim_lock,
  .xUnlock = shim_unlock,
  .xCheckReservedLock = shim_check_reserved_lock,
  .xFileControl = shim_file_control,
  .xSectorSize = shim_sector_size,
  .xDeviceCharacteristics = shim_device_characteristics,
  .xShmMap = shim_shm_map,
  .xShmLock = shim_shm_lock,
  .xShmBarrier = shim_shm_barrier,
  .xShmUnmap = shim_shm_unmap,
  .xFetch = shim_fetch,
  .xUnfetch = shim_unfetch,
};

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *self = (ShimFile *)file;
  const int durable = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL;
  int rc;

  self->real = (sqlite3_file *)&self[1];
  self->record = NULL;
  rc = base_vfs->xOpen (base_vfs, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (self->real->pMethods != NULL)
        self->real->pMethods->xClose (self->real);
      self->base.pMethods = NULL;
      return rc;
    }
  if (name != NULL && (flags & durable) != 0)
    {
      g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
      self->record = record_for (name, self->real);
    }
  self->base.pMethods = &shim_io;
  return SQLITE_OK;
}

static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  CutFile *file;
  int rc;

  if (off)
    return SQLITE_IOERR_DELETE;
  rc = base_vfs->xDelete (base_vfs, name, sync_dir);
  /* A deleted file is gone for good (unix syncs the folder); one made
   * again under the same name starts with nothing on the disk. */
  if (rc == SQLITE_OK && (file = g_hash_table_lookup (records, name)) != NULL)
    {
      file->durable_size = 0;
      g_hash_table_remove_all (file->old);
    }
  return rc;
}

void
pos_powercut_vfs_arm (guint64 at, GRand *rand)
{
  g_mutex_lock (&lock);
  if (base_vfs == NULL)
    {
      base_vfs = sqlite3_vfs_find ("unix");
      g_assert (base_vfs != NULL);
      shim_vfs = *base_vfs;
      shim_vfs.pNext = NULL;
      shim_vfs.zName = "powercut";
      shim_vfs.szOsFile = (int)sizeof (ShimFile) + base_vfs->szOsFile;
      shim_vfs.xOpen = shim_open;
      shim_vfs.xDelete = shim_delete;
      records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)cut_file_free);
    }
  cut_rand = rand;
  n_ops = 0;
  cut_at = at;
  off = FALSE;
  g_mutex_unlock (&lock);
  sqlite3_vfs_register (&shim_vfs, 1);
}

gboolean
pos_powercut_vfs_is_off (void)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  return off;
}

guint64
pos_powercut_vfs_n_ops (void)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  return n_ops;
}

/* Decides the fate of each unsynced sector of @file's content in @data:
 * it reached the disk, or the disk still holds what was synced. Returns
 * the file's size after the cut. */
static gsize
settle_content (CutFile *file, GByteArray *data, guint keep_percent, GRand *rand, guint *n_dropped)
{
  gsize current = data->len;
  gsize size = MIN ((gsize)file->durable_size, current);
  GHashTableIter iter;
  gpointer key, value;

  if ((gsize)file->durable_size > current)
    g_byte_array_set_size (data, (guint)file->durable_size);
  g_hash_table_iter_init (&iter, file->old);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize start = (gsize)(*(gint64 *)key) * SECTOR;
      gsize n_old = g_bytes_get_size (value);
      gsize end = MIN (start + SECTOR, data->len);

      if (start >= data->len)
        continue;
      if ((guint)g_rand_int_range (rand, 0, 100) < keep_percent)
        {
          if (start < current)
            size = MAX (size, MIN (start + SECTOR, current));
          continue;
        }
      memcpy (data->data + start, g_bytes_get_data (value, NULL), n_old);
      memset (data->data + start + n_old, 0, end - start - n_old);
      size = MAX (size, start + n_old);
      (*n_dropped)++;
    }
  return size;
}

static void
settle_file (CutFile *file, guint keep_percent, GRand *rand, guint *n_dropped)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GByteArray) data = NULL;
  gsize size;
  int fd;

  if (!g_file_get_contents (file->path, &contents, &length, NULL))
    return;
  data = g_byte_array_new_take ((guint8 *)g_steal_pointer (&contents), length);
  size = settle_content (file, data, keep_percent, rand, n_dropped);
  fd = open (file->path, O_WRONLY | O_TRUNC);
  g_assert (fd >= 0);
  g_assert (write (fd, data->data, size) == (ssize_t)size);
  close (fd);
}

guint
pos_powercut_vfs_settle (GRand *rand)
{
  /* All, none or about half of what was not synced made it to the disk. */
  static const guint keep_percents[] = { 0, 50, 100 };
  guint keep_percent = keep_percents[g_rand_int_range (rand, 0, G_N_ELEMENTS (keep_percents))];
  guint n_dropped = 0;
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&lock);
  off = TRUE;
  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    settle_file (value, keep_percent, rand, &n_dropped);
  g_hash_table_remove_all (records);
  g_mutex_unlock (&lock);
  sqlite3_vfs_register (base_vfs, 1);
  return n_dropped;
}
