/* pos-transport-usb.c — usb:VID:PID[:SERIAL], a USB receipt printer via libusb.
 *
 * Claims the printer-class (0x07) interface, letting libusb detach the
 * kernel's usblp driver for the time we hold it, writes to its bulk OUT
 * endpoint and reads DLE EOT replies from its bulk IN endpoint. Every
 * transfer has a timeout.
 */
#include "pos-transport-private.h"

#include "pos-device-error.h"

#include <libusb.h>
#include <string.h>

#define USB_CLASS_PRINTER 0x07
#define CHUNK_SIZE 4096
#define READ_SIZE 512

struct _PosTransportUsb
{
  PosTransport parent_instance;
  libusb_context *context;
  libusb_device_handle *handle;
  int interface;
  gboolean claimed;
  guint8 ep_out;
  guint8 ep_in;        /* 0: write-only printer */
  GByteArray *pending; /* read but not yet handed out */
  char *name;
};

G_DEFINE_FINAL_TYPE (PosTransportUsb, pos_transport_usb, POS_TYPE_TRANSPORT)

/* Explains a libusb error code in terms of what the cashier can do. */
static void
set_usb_error (GError **error, int status, const char *name, const char *what)
{
  PosDeviceErrorCode code = POS_DEVICE_ERROR_FAILED;
  const char *hint = "";

  switch (status)
    {
      case LIBUSB_ERROR_TIMEOUT:
        code = POS_DEVICE_ERROR_TIMEOUT;
        hint = " (out of paper, cover open or switched off?)";
        break;
      case LIBUSB_ERROR_NO_DEVICE:
      case LIBUSB_ERROR_NOT_FOUND:
        code = POS_DEVICE_ERROR_NOT_FOUND;
        hint = " (unplugged?)";
        break;
      case LIBUSB_ERROR_ACCESS:
        code = POS_DEVICE_ERROR_PERMISSION;
        hint = " (are the udev rules installed?)";
        break;
      case LIBUSB_ERROR_BUSY:
        code = POS_DEVICE_ERROR_PERMISSION;
        hint = " (another program, e.g. CUPS, is using it)";
        break;
      case LIBUSB_ERROR_PIPE:
      case LIBUSB_ERROR_IO:
        code = POS_DEVICE_ERROR_OFFLINE;
        break;
      default:
        break;
    }
  g_set_error (error, POS_DEVICE_ERROR, code, "USB printer %s: %s: %s%s", name, what,
               libusb_strerror (status), hint);
}

static gboolean
pos_transport_usb_write (PosTransport *transport, GBytes *data, guint timeout_ms, GError **error)
{
  PosTransportUsb *self = POS_TRANSPORT_USB (transport);
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  gsize done = 0;

  while (done < size)
    {
      int chunk = (int)MIN (size - done, CHUNK_SIZE);
      int sent = 0;
      int status = libusb_bulk_transfer (self->handle, self->ep_out, (guint8 *)bytes + done, chunk, &sent,
                                         timeout_ms);

      done += (gsize)sent;
      if (status == LIBUSB_ERROR_TIMEOUT && sent > 0)
        continue; /* slow but moving: each wait gets its own timeout */
      if (status != 0)
        {
          set_usb_error (error, status, self->name, "could not send the receipt");
          return FALSE;
        }
    }
  return TRUE;
}

/* Hands out bytes kept from an earlier, longer reply. */
static gssize
take_pending (PosTransportUsb *self, guint8 *buffer, gsize size)
{
  gsize n = MIN (size, self->pending->len);

  memcpy (buffer, self->pending->data, n);
  g_byte_array_remove_range (self->pending, 0, (guint)n);
  return (gssize)n;
}

static gssize
pos_transport_usb_read (PosTransport *transport, guint8 *buffer, gsize size, guint timeout_ms, GError **error)
{
  PosTransportUsb *self = POS_TRANSPORT_USB (transport);
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  if (self->ep_in == 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED,
                   "USB printer %s cannot send its status back", self->name);
      return -1;
    }
  while (self->pending->len == 0)
    {
      guint8 chunk[READ_SIZE];
      int got = 0;
      guint left_ms = (guint)(pos_transport_remaining_us (deadline) / 1000);
      int status
          = libusb_bulk_transfer (self->handle, self->ep_in, chunk, sizeof chunk, &got, MAX (left_ms, 1));

      g_byte_array_append (self->pending, chunk, (guint)got);
      if (got > 0)
        break;
      if (status == 0 && left_ms > 0)
        continue; /* a zero-length packet: nothing to say yet */
      set_usb_error (error, status ? status : LIBUSB_ERROR_TIMEOUT, self->name, "no status reply");
      return -1;
    }
  return take_pending (self, buffer, size);
}

static gboolean
pos_transport_usb_close (PosTransport *transport, GError **error)
{
  PosTransportUsb *self = POS_TRANSPORT_USB (transport);

  /* Gives the interface back; with auto-detach the kernel driver returns. */
  if (self->handle && self->claimed)
    libusb_release_interface (self->handle, self->interface);
  self->claimed = FALSE;
  g_clear_pointer (&self->handle, libusb_close);
  g_clear_pointer (&self->context, libusb_exit);
  return TRUE;
}

static void
pos_transport_usb_finalize (GObject *object)
{
  PosTransportUsb *self = POS_TRANSPORT_USB (object);

  g_clear_pointer (&self->handle, libusb_close);
  g_clear_pointer (&self->context, libusb_exit);
  g_byte_array_unref (self->pending);
  g_free (self->name);
  G_OBJECT_CLASS (pos_transport_usb_parent_class)->finalize (object);
}

static void
pos_transport_usb_class_init (PosTransportUsbClass *klass)
{
  PosTransportClass *transport_class = POS_TRANSPORT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pos_transport_usb_finalize;
  transport_class->write = pos_transport_usb_write;
  transport_class->read = pos_transport_usb_read;
  transport_class->close = pos_transport_usb_close;
}

static void
pos_transport_usb_init (PosTransportUsb *self)
{
  self->interface = -1;
  self->pending = g_byte_array_new ();
}

/* Whether the open device @handle has the serial number @serial. */
static gboolean
serial_matches (libusb_device_handle *handle, const struct libusb_device_descriptor *desc, const char *serial)
{
  unsigned char text[256];
  int n = 0;

  if (desc->iSerialNumber == 0)
    return FALSE;
  n = libusb_get_string_descriptor_ascii (handle, desc->iSerialNumber, text, sizeof text);
  return n > 0 && (gsize)n == strlen (serial) && memcmp (text, serial, (gsize)n) == 0;
}

/* Opens the first device matching the URI. Returns a libusb status. */
static int
open_matching (PosTransportUsb *self, const PosPrinterUri *uri)
{
  libusb_device **list = NULL;
  ssize_t count = libusb_get_device_list (self->context, &list);
  int status = LIBUSB_ERROR_NO_DEVICE;

  for (ssize_t i = 0; i < count && self->handle == NULL; i++)
    {
      struct libusb_device_descriptor desc;
      libusb_device_handle *handle = NULL;

      if (libusb_get_device_descriptor (list[i], &desc) != 0 || desc.idVendor != uri->vendor_id
          || desc.idProduct != uri->product_id)
        continue;
      status = libusb_open (list[i], &handle);
      if (status != 0)
        continue;
      if (uri->serial == NULL || serial_matches (handle, &desc, uri->serial))
        self->handle = handle;
      else
        {
          libusb_close (handle);
          status = LIBUSB_ERROR_NO_DEVICE;
        }
    }
  if (list != NULL)
    libusb_free_device_list (list, 1);
  return self->handle ? 0 : status;
}

/* Picks the bulk endpoints of one printer-class alternate setting. */
static gboolean
take_endpoints (PosTransportUsb *self, const struct libusb_interface_descriptor *alt)
{
  self->ep_out = 0;
  self->ep_in = 0;
  for (int e = 0; e < alt->bNumEndpoints; e++)
    {
      const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];

      if ((ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
        continue;
      if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN)
        self->ep_in = self->ep_in ? self->ep_in : ep->bEndpointAddress;
      else
        self->ep_out = self->ep_out ? self->ep_out : ep->bEndpointAddress;
    }
  return self->ep_out != 0;
}

/* Finds the printer interface; returns its alternate setting or -1. */
static int
find_printer_interface (PosTransportUsb *self)
{
  struct libusb_config_descriptor *config = NULL;
  libusb_device *device = libusb_get_device (self->handle);
  int found = -1;

  if (libusb_get_active_config_descriptor (device, &config) != 0
      && libusb_get_config_descriptor (device, 0, &config) != 0)
    return -1;
  for (int i = 0; i < config->bNumInterfaces && found < 0; i++)
    for (int a = 0; a < config->interface[i].num_altsetting && found < 0; a++)
      {
        const struct libusb_interface_descriptor *alt = &config->interface[i].altsetting[a];

        if (alt->bInterfaceClass == USB_CLASS_PRINTER && take_endpoints (self, alt))
          {
            self->interface = alt->bInterfaceNumber;
            found = alt->bAlternateSetting;
          }
      }
  libusb_free_config_descriptor (config);
  return found;
}

/* Claims the printer interface, detaching usblp while we hold it. */
static gboolean
claim_printer (PosTransportUsb *self, GError **error)
{
  int alt = find_printer_interface (self);
  int status = 0;

  if (alt < 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED,
                   "USB device %s has no printer interface with a bulk OUT endpoint", self->name);
      return FALSE;
    }
  libusb_set_auto_detach_kernel_driver (self->handle, 1);
  status = libusb_claim_interface (self->handle, self->interface);
  self->claimed = status == 0;
  if (status == 0 && alt != 0)
    status = libusb_set_interface_alt_setting (self->handle, self->interface, alt);
  if (status != 0)
    {
      set_usb_error (error, status, self->name, "could not take the printer interface");
      return FALSE;
    }
  return TRUE;
}

PosTransport *
pos_transport_usb_open (const PosPrinterUri *uri, guint timeout_ms, GError **error)
{
  g_autoptr (PosTransportUsb) self = g_object_new (POS_TYPE_TRANSPORT_USB, NULL);
  int status = 0;

  g_assert (uri->kind == POS_PRINTER_URI_USB);

  self->name = pos_printer_uri_to_string (uri);
  status = libusb_init (&self->context);
  if (status != 0)
    {
      set_usb_error (error, status, self->name, "USB is not available");
      return NULL;
    }
  status = open_matching (self, uri);
  if (status != 0)
    {
      set_usb_error (error, status, self->name, "could not open it");
      return NULL;
    }
  if (!claim_printer (self, error))
    return NULL;
  return POS_TRANSPORT (g_steal_pointer (&self));
}
