/* pos-store-vfs.c — the store's files, with each commit's log written in one piece (see pos-store-vfs.h). */
#include "pos-store-vfs.h"

#include <sqlite3.h>
#include <string.h>

#define VFS_NAME "mainstreet"

/* The most a log keeps unwritten: a sale's 24 frames and more. SQLite's
 * unix VFS writes at most 128 KiB less one byte in one call. */
#define GATHER_MAX_BYTES (128 * 1024 - 1)

typedef struct GatherFile GatherFile;

struct GatherFile
{
  sqlite3_file base;
  sqlite3_file *real; /* the wrapped VFS's file, in the memory after this one */
  /* The main database file: whether its connection commits with
   * synchronous=FULL, so that each commit flushes the log. */
  gboolean commits_flush;
  /* A log: its database's file, whose connection writes it. */
  GatherFile *database;
  /* The log's writes not made yet: @length bytes that go at @offset. */
  char *pending;
  size_t length;
  sqlite3_int64 offset;
};

static const sqlite3_io_methods gather_methods;

static sqlite3_file *
real_of (sqlite3_file *file)
{
  return ((GatherFile *)file)->real;
}

/* Writes what the log gathered, in one call. */
static int
flush (GatherFile *self)
{
  int rc;

  if (self->length == 0)
    return SQLITE_OK;
  rc = self->real->pMethods->xWrite (self->real, self->pending, (int)self->length, self->offset);
  self->length = 0;
  return rc;
}

static gboolean
may_gather (GatherFile *self)
{
  return self->database != NULL && self->database->commits_flush;
}

static int
gather_close (sqlite3_file *file)
{
  GatherFile *self = (GatherFile *)file;
  int flushed = flush (self);
  int rc = self->real->pMethods->xClose (self->real);

  g_free (self->pending);
  return flushed != SQLITE_OK ? flushed : rc;
}

static int
gather_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  int rc = flush ((GatherFile *)file);

  return rc != SQLITE_OK ? rc : real_of (file)->pMethods->xRead (real_of (file), buffer, amount, offset);
}

/* A write that follows the gathered ones joins them; any other is made
 * after them, and one as big as the buffer is made at once. */
static int
gather_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  GatherFile *self = (GatherFile *)file;
  int rc = SQLITE_OK;

  if (self->length > 0
      && (!may_gather (self) || offset != self->offset + (sqlite3_int64)self->length
          || self->length + (size_t)amount > GATHER_MAX_BYTES))
    rc = flush (self);
  if (rc != SQLITE_OK)
    return rc;
  if (!may_gather (self) || (size_t)amount >= GATHER_MAX_BYTES)
    return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
  if (self->pending == NULL)
    self->pending = g_malloc (GATHER_MAX_BYTES);
  if (self->length == 0)
    self->offset = offset;
  memcpy (self->pending + self->length, buffer, (size_t)amount);
  self->length += (size_t)amount;
  return SQLITE_OK;
}

static int
gather_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  int rc = flush ((GatherFile *)file);

  return rc != SQLITE_OK ? rc : real_of (file)->pMethods->xTruncate (real_of (file), size);
}

static int
gather_sync (sqlite3_file *file, int flags)
{
  int rc = flush ((GatherFile *)file);

  return rc != SQLITE_OK ? rc : real_of (file)->pMethods->xSync (real_of (file), flags);
}

static int
gather_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  int rc = flush ((GatherFile *)file);

  return rc != SQLITE_OK ? rc : real_of (file)->pMethods->xFileSize (real_of (file), size);
}

static int
gather_lock (sqlite3_file *file, int level)
{
  return real_of (file)->pMethods->xLock (real_of (file), level);
}

static int
gather_unlock (sqlite3_file *file, int level)
{
  return real_of (file)->pMethods->xUnlock (real_of (file), level);
}

static int
gather_check_reserved_lock (sqlite3_file *file, int *reserved)
{
  return real_of (file)->pMethods->xCheckReservedLock (real_of (file), reserved);
}

/* "PRAGMA synchronous = FULL" (or EXTRA, 2, 3) lets the log gather; any
 * lower setting stops it. A query of the setting changes nothing. */
static void
watch_synchronous (GatherFile *self, char **pragma)
{
  const char *value = pragma[2];

  if (g_ascii_strcasecmp (pragma[1], "synchronous") != 0 || value == NULL)
    return;
  self->commits_flush = g_ascii_strcasecmp (value, "full") == 0 || g_ascii_strcasecmp (value, "extra") == 0
                        || strcmp (value, "2") == 0 || strcmp (value, "3") == 0;
}

/* The wrapped file answers every control; this one only looks on. */
static int
gather_file_control (sqlite3_file *file, int op, void *arg)
{
  GatherFile *self = (GatherFile *)file;
  int rc = flush (self);

  if (rc != SQLITE_OK)
    return rc;
  if (op == SQLITE_FCNTL_PRAGMA)
    watch_synchronous (self, arg);
  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
gather_sector_size (sqlite3_file *file)
{
  return real_of (file)->pMethods->xSectorSize (real_of (file));
}

static int
gather_device_characteristics (sqlite3_file *file)
{
  return real_of (file)->pMethods->xDeviceCharacteristics (real_of (file));
}

static int
gather_shm_map (sqlite3_file *file, int page, int page_size, int extend, void volatile **memory)
{
  return real_of (file)->pMethods->xShmMap (real_of (file), page, page_size, extend, memory);
}

static int
gather_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return real_of (file)->pMethods->xShmLock (real_of (file), offset, n, flags);
}

static void
gather_shm_barrier (sqlite3_file *file)
{
  real_of (file)->pMethods->xShmBarrier (real_of (file));
}

static int
gather_shm_unmap (sqlite3_file *file, int delete)
{
  return real_of (file)->pMethods->xShmUnmap (real_of (file), delete);
}

static int
gather_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer)
{
  int rc = flush ((GatherFile *)file);

  return rc != SQLITE_OK ? rc : real_of (file)->pMethods->xFetch (real_of (file), offset, amount, pointer);
}

static int
gather_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
  return real_of (file)->pMethods->xUnfetch (real_of (file), offset, pointer);
}

/* The database file of the log @name, when this VFS opened it. */
static GatherFile *
database_of_log (const char *name)
{
  sqlite3_file *database = sqlite3_database_file_object (name);

  if (database == NULL || database->pMethods != &gather_methods)
    return NULL;
  return (GatherFile *)database;
}

/* The VFS this one wraps: SQLite's default when the store opened. */
static sqlite3_vfs *
base_of (sqlite3_vfs *vfs)
{
  return vfs->pAppData;
}

static int
gather_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  GatherFile *self = (GatherFile *)file;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *)&self[1];
  rc = base_of (vfs)->xOpen (base_of (vfs), name, self->real, flags, out_flags);
  /* This VFS passes on version 3 of the file methods (shared memory for
   * the log's index, mapped reads): an older file cannot hold a store. */
  if (rc == SQLITE_OK && self->real->pMethods->iVersion < 3)
    rc = SQLITE_CANTOPEN;
  if (rc != SQLITE_OK)
    {
      /* SQLite closes a file whose xOpen failed only if it has methods. */
      if (self->real->pMethods != NULL)
        self->real->pMethods->xClose (self->real);
      return rc;
    }
  if ((flags & SQLITE_OPEN_WAL) && name != NULL)
    self->database = database_of_log (name);
  self->base.pMethods = &gather_methods;
  return SQLITE_OK;
}

/* Everything but opening a file is the wrapped VFS's. */

static int
vfs_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return base_of (vfs)->xDelete (base_of (vfs), name, sync_dir);
}

static int
vfs_access (sqlite3_vfs *vfs, const char *name, int flags, int *result)
{
  return base_of (vfs)->xAccess (base_of (vfs), name, flags, result);
}

static int
vfs_full_pathname (sqlite3_vfs *vfs, const char *name, int size, char *out)
{
  return base_of (vfs)->xFullPathname (base_of (vfs), name, size, out);
}

static int
vfs_randomness (sqlite3_vfs *vfs, int size, char *out)
{
  return base_of (vfs)->xRandomness (base_of (vfs), size, out);
}

static void *
vfs_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return base_of (vfs)->xDlOpen (base_of (vfs), name);
}

static void
vfs_dl_error (sqlite3_vfs *vfs, int size, char *out)
{
  base_of (vfs)->xDlError (base_of (vfs), size, out);
}

static void (*vfs_dl_sym (sqlite3_vfs *vfs, void *library, const char *symbol)) (void)
{
  return base_of (vfs)->xDlSym (base_of (vfs), library, symbol);
}

static void
vfs_dl_close (sqlite3_vfs *vfs, void *library)
{
  base_of (vfs)->xDlClose (base_of (vfs), library);
}

static int
vfs_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return base_of (vfs)->xSleep (base_of (vfs), microseconds);
}

static int
vfs_current_time (sqlite3_vfs *vfs, double *now)
{
  return base_of (vfs)->xCurrentTime (base_of (vfs), now);
}

static int
vfs_get_last_error (sqlite3_vfs *vfs, int size, char *out)
{
  return base_of (vfs)->xGetLastError (base_of (vfs), size, out);
}

static int
vfs_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *now)
{
  return base_of (vfs)->xCurrentTimeInt64 (base_of (vfs), now);
}

static const sqlite3_io_methods gather_methods = {
  3,
  gather_close,
  gather_read,
  gather_write,
  gather_truncate,
  gather_sync,
  gather_file_size,
  gather_lock,
  gather_unlock,
  gather_check_reserved_lock,
  gather_file_control,
  gather_sector_size,
  gather_device_characteristics,
  gather_shm_map,
  gather_shm_lock,
  gather_shm_barrier,
  gather_shm_unmap,
  gather_fetch,
  gather_unfetch,
};

static sqlite3_vfs *
wrap (sqlite3_vfs *base)
{
  sqlite3_vfs *vfs = g_new0 (sqlite3_vfs, 1);
  int rc;

  *vfs = (sqlite3_vfs){
    .iVersion = 2,
    .szOsFile = (int)sizeof (GatherFile) + base->szOsFile,
    .mxPathname = base->mxPathname,
    .zName = g_strconcat (VFS_NAME "-", base->zName, NULL),
    .pAppData = base,
    .xOpen = gather_open,
    .xDelete = vfs_delete,
    .xAccess = vfs_access,
    .xFullPathname = vfs_full_pathname,
    .xDlOpen = vfs_dl_open,
    .xDlError = vfs_dl_error,
    .xDlSym = vfs_dl_sym,
    .xDlClose = vfs_dl_close,
    .xRandomness = vfs_randomness,
    .xSleep = vfs_sleep,
    .xCurrentTime = vfs_current_time,
    .xGetLastError = vfs_get_last_error,
    .xCurrentTimeInt64 = vfs_current_time_int64,
  };
  if ((rc = sqlite3_vfs_register (vfs, 0)) != SQLITE_OK)
    g_error ("Cannot register the store's file system: %s", sqlite3_errstr (rc));
  return vfs;
}

/* Wraps SQLite's default VFS as it is now, so that a store opened after a
 * test makes another VFS the default goes through that one too. Each
 * wrapper is made once and lives as long as the process. */
const char *
pos_store_vfs_name (void)
{
  static GMutex lock;
  static GPtrArray *wrappers;
  sqlite3_vfs *base = sqlite3_vfs_find (NULL);
  sqlite3_vfs *vfs = NULL;

  if (base == NULL || base->iVersion < 2)
    g_error ("SQLite has no file system of version 2 or later to build on");
  g_mutex_lock (&lock);
  if (wrappers == NULL)
    wrappers = g_ptr_array_new ();
  for (guint i = 0; vfs == NULL && i < wrappers->len; i++)
    if (((sqlite3_vfs *)g_ptr_array_index (wrappers, i))->pAppData == base)
      vfs = g_ptr_array_index (wrappers, i);
  if (vfs == NULL)
    g_ptr_array_add (wrappers, vfs = wrap (base));
  g_mutex_unlock (&lock);
  return vfs->zName;
}
