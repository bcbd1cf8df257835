/* pos-transport-file.c — file:PATH, a file or a device node (/dev/usb/lp0).
 *
 * A regular file is appended to (handy for tests and for keeping a copy of
 * what was printed); one it creates is for the shop's account only (0600),
 * like the store, since receipts name customers and what they bought. A character device is opened for
 * reading too when allowed, so a usblp printer can answer status requests.
 */
#include "pos-transport-private.h"

#include "pos-device-error.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

struct _PosTransportFile
{
  PosTransport parent_instance;
  int fd;
  gboolean readable;
};

G_DEFINE_FINAL_TYPE (PosTransportFile, pos_transport_file, POS_TYPE_TRANSPORT)

/* Maps an errno from open/write/read to a code the till can explain. */
static void
set_errno_error (GError **error, int saved_errno, const char *what, const char *path)
{
  PosDeviceErrorCode code = POS_DEVICE_ERROR_FAILED;

  if (saved_errno == ENOENT || saved_errno == ENODEV || saved_errno == ENXIO)
    code = POS_DEVICE_ERROR_NOT_FOUND;
  else if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    code = POS_DEVICE_ERROR_PERMISSION;
  else if (saved_errno == EIO || saved_errno == EPIPE)
    code = POS_DEVICE_ERROR_OFFLINE;
  g_set_error (error, POS_DEVICE_ERROR, code, "Could not %s printer file %s: %s", what, path,
               g_strerror (saved_errno));
}

static void
set_timeout_error (GError **error, const char *path)
{
  g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT, "Printer file %s did not answer in time",
               path);
}

/* Waits until @fd is ready for @events or @deadline passes. */
static gboolean
wait_fd (int fd, short events, gint64 deadline, const char *path, GError **error)
{
  struct pollfd pfd = { .fd = fd, .events = events };
  int ready = 0;

  do
    ready = poll (&pfd, 1, (int)((pos_transport_remaining_us (deadline) + 999) / 1000));
  while (ready < 0 && errno == EINTR);
  if (ready > 0)
    return TRUE;
  if (ready < 0)
    set_errno_error (error, errno, "wait for", path);
  else
    set_timeout_error (error, path);
  return FALSE;
}

static const char *
self_path (PosTransportFile *self)
{
  return pos_transport_get_uri (POS_TRANSPORT (self))->path;
}

static gboolean
pos_transport_file_write (PosTransport *transport, GBytes *data, guint timeout_ms, GError **error)
{
  PosTransportFile *self = POS_TRANSPORT_FILE (transport);
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  gsize done = 0;

  while (done < size)
    {
      gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
      gssize n = 0;

      if (!wait_fd (self->fd, POLLOUT, deadline, self_path (self), error))
        return FALSE;
      n = write (self->fd, bytes + done, size - done);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "write to", self_path (self));
          return FALSE;
        }
      done += (gsize)n;
    }
  return TRUE;
}

static gssize
pos_transport_file_read (PosTransport *transport, guint8 *buffer, gsize size, guint timeout_ms,
                         GError **error)
{
  PosTransportFile *self = POS_TRANSPORT_FILE (transport);
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  if (!self->readable)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED,
                   "Printer file %s is not a device that can answer", self_path (self));
      return -1;
    }
  for (;;)
    {
      gssize n = 0;

      if (!wait_fd (self->fd, POLLIN, deadline, self_path (self), error))
        return -1;
      n = read (self->fd, buffer, size);
      if (n > 0)
        return n;
      if (n < 0 && errno != EINTR && errno != EAGAIN)
        {
          set_errno_error (error, errno, "read from", self_path (self));
          return -1;
        }
      if (n == 0 && pos_transport_remaining_us (deadline) == 0)
        {
          set_timeout_error (error, self_path (self));
          return -1;
        }
      if (n == 0)
        g_usleep (10000); /* usblp reports 0 while the printer has nothing to say */
    }
}

static gboolean
pos_transport_file_close (PosTransport *transport, GError **error)
{
  PosTransportFile *self = POS_TRANSPORT_FILE (transport);
  int fd = self->fd;

  self->fd = -1;
  if (fd >= 0 && close (fd) < 0 && errno != EINTR)
    {
      set_errno_error (error, errno, "close", self_path (self));
      return FALSE;
    }
  return TRUE;
}

static void
pos_transport_file_class_init (PosTransportFileClass *klass)
{
  PosTransportClass *transport_class = POS_TRANSPORT_CLASS (klass);

  transport_class->write = pos_transport_file_write;
  transport_class->read = pos_transport_file_read;
  transport_class->close = pos_transport_file_close;
}

static void
pos_transport_file_init (PosTransportFile *self)
{
  self->fd = -1;
}

/* Opens a device node read-write when we may, else write-only. */
static int
open_device (const char *path, gboolean *readable)
{
  int fd = open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

  *readable = fd >= 0;
  if (fd < 0 && (errno == EACCES || errno == EPERM))
    fd = open (path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  return fd;
}

PosTransport *
pos_transport_file_open (const PosPrinterUri *uri, guint timeout_ms, GError **error)
{
  g_autoptr (PosTransportFile) self = NULL;
  struct stat st;
  int fd = -1;
  gboolean readable = FALSE;

  g_assert (uri->kind == POS_PRINTER_URI_FILE);

  if (stat (uri->path, &st) == 0 && S_ISCHR (st.st_mode))
    fd = open_device (uri->path, &readable);
  else
    fd = open (uri->path, O_WRONLY | O_CREAT | O_APPEND | O_NONBLOCK | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, "open", uri->path);
      return NULL;
    }
  self = g_object_new (POS_TYPE_TRANSPORT_FILE, NULL);
  self->fd = fd;
  self->readable = readable;
  return POS_TRANSPORT (g_steal_pointer (&self));
}
