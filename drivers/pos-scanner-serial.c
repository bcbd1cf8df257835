/* pos-scanner-serial.c — reading codes from a serial line. */
#include "pos-scanner-serial.h"

#include "pos-device-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <termios.h>
#include <unistd.h>

#define MAX_LINE 4096 /* longer is noise, not a code */

struct _PosScannerSerial
{
  PosScanner parent_instance;
  int fd;
  GSource *watch;
  GString *line;
  char *path;
};

G_DEFINE_FINAL_TYPE (PosScannerSerial, pos_scanner_serial, POS_TYPE_SCANNER)

/* Emits the line collected so far, if any, and starts a new one. */
static void
flush_line (PosScannerSerial *self)
{
  if (self->line->len > 0)
    {
      g_autofree char *text = g_strdup (self->line->str);
      g_string_truncate (self->line, 0);
      pos_scanner_emit_text (POS_SCANNER (self), text);
    }
}

static void
consume (PosScannerSerial *self, const char *bytes, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (bytes[i] == '\r' || bytes[i] == '\n')
        flush_line (self);
      else if (self->line->len < MAX_LINE)
        g_string_append_c (self->line, bytes[i]);
    }
}

/* Stops watching and says why; the scanner was unplugged. */
static gboolean
lost (PosScannerSerial *self, int saved_errno)
{
  g_autoptr (GError) error
      = g_error_new (POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND, "Scanner on %s went away: %s", self->path,
                     saved_errno ? g_strerror (saved_errno) : "line hung up");

  g_clear_pointer (&self->watch, g_source_unref);
  pos_scanner_queue_disconnected (POS_SCANNER (self), error);
  return G_SOURCE_REMOVE;
}

static gboolean
on_readable_cb (int fd, GIOCondition condition, gpointer user_data)
{
  PosScannerSerial *self = user_data;
  char buffer[512];
  gssize n = 0;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    consume (self, buffer, (gsize)n);
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  if (n == 0 && !(condition & (G_IO_HUP | G_IO_ERR)))
    return G_SOURCE_CONTINUE;
  return lost (self, n < 0 ? errno : 0);
}

static void
pos_scanner_serial_stop (PosScanner *scanner)
{
  PosScannerSerial *self = POS_SCANNER_SERIAL (scanner);

  if (self->watch)
    g_source_destroy (self->watch);
  g_clear_pointer (&self->watch, g_source_unref);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

static void
pos_scanner_serial_finalize (GObject *object)
{
  PosScannerSerial *self = POS_SCANNER_SERIAL (object);

  g_string_free (self->line, TRUE);
  g_free (self->path);
  G_OBJECT_CLASS (pos_scanner_serial_parent_class)->finalize (object);
}

static void
pos_scanner_serial_class_init (PosScannerSerialClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_scanner_serial_finalize;
  POS_SCANNER_CLASS (klass)->stop = pos_scanner_serial_stop;
}

static void
pos_scanner_serial_init (PosScannerSerial *self)
{
  self->fd = -1;
  self->line = g_string_new (NULL);
}

static speed_t
baud_to_speed (guint baud)
{
  switch (baud)
    {
      case 9600:
        return B9600;
      case 19200:
        return B19200;
      case 38400:
        return B38400;
      case 57600:
        return B57600;
      case 115200:
        return B115200;
      default:
        return B0;
    }
}

/* Raw bytes in, nothing echoed or translated, reads never block. */
static gboolean
make_raw (int fd, guint baud, const char *path, GError **error)
{
  struct termios tio;

  if (tcgetattr (fd, &tio) < 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED, "%s is not a serial line: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  cfmakeraw (&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  if (baud != 0)
    cfsetspeed (&tio, baud_to_speed (baud));
  if (tcsetattr (fd, TCSANOW, &tio) < 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED, "Could not set up %s: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  tcflush (fd, TCIFLUSH); /* old bytes are not a scan */
  return TRUE;
}

static void
set_open_error (GError **error, int saved_errno, const char *path)
{
  PosDeviceErrorCode code = POS_DEVICE_ERROR_FAILED;

  if (saved_errno == ENOENT || saved_errno == ENODEV || saved_errno == ENXIO)
    code = POS_DEVICE_ERROR_NOT_FOUND;
  else if (saved_errno == EACCES || saved_errno == EPERM)
    code = POS_DEVICE_ERROR_PERMISSION;
  g_set_error (error, POS_DEVICE_ERROR, code, "Could not open scanner %s: %s", path,
               g_strerror (saved_errno));
}

PosScanner *
pos_scanner_serial_new (const char *path, guint baud, GError **error)
{
  g_autoptr (PosScannerSerial) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (baud == 0 || baud_to_speed (baud) != B0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (POS_TYPE_SCANNER_SERIAL, NULL);
  self->path = g_strdup (path);
  self->fd = open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (self->fd < 0)
    {
      set_open_error (error, errno, path);
      return NULL;
    }
  if (!make_raw (self->fd, baud, path, error))
    return NULL;
  self->watch = g_unix_fd_source_new (self->fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->watch, G_SOURCE_FUNC (on_readable_cb), self, NULL);
  g_source_attach (self->watch, g_main_context_get_thread_default ());
  return POS_SCANNER (g_steal_pointer (&self));
}
