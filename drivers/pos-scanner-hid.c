/* pos-scanner-hid.c — HID POS and boot-keyboard scanners over libusb. */
#include "pos-scanner-hid.h"

#include "pos-aim.h"
#include "pos-device-error.h"

#include <libusb.h>
#include <string.h>

#define USB_CLASS_HID 0x03
#define HID_POS_REPORT_ID 0x02
#define HID_POS_DATA_OFFSET 5
#define HID_POS_FULL_REPORT 64
#define MAX_CODE 4096
#define READ_TIMEOUT_MS 200

struct _PosHidDecoder
{
  PosHidMode mode;
  GString *text;
  guint8 keys_down[6];
};

PosHidDecoder *
pos_hid_decoder_new (PosHidMode mode)
{
  PosHidDecoder *decoder = g_new0 (PosHidDecoder, 1);

  decoder->mode = mode == POS_HID_MODE_AUTO ? POS_HID_MODE_POS : mode;
  decoder->text = g_string_new (NULL);
  return decoder;
}

void
pos_hid_decoder_free (PosHidDecoder *decoder)
{
  if (decoder == NULL)
    return;
  g_string_free (decoder->text, TRUE);
  g_free (decoder);
}

/* Hands out the collected text as code + symbology, and starts over. */
static gboolean
finish_code (PosHidDecoder *decoder, const char *symbology, char **code, char **out_symbology)
{
  char aim[POS_AIM_ID_LEN + 1];
  const char *inner = pos_aim_split (decoder->text->str, aim);
  gboolean complete = *inner != '\0';

  if (complete)
    {
      *code = g_strdup (inner);
      *out_symbology = g_strdup (symbology && *symbology ? symbology : aim);
    }
  g_string_truncate (decoder->text, 0);
  return complete;
}

static gboolean
feed_pos (PosHidDecoder *decoder, const guint8 *report, gsize length, char **code, char **symbology)
{
  char aim[POS_AIM_ID_LEN + 1] = "";
  gsize count = 0;
  gboolean more = FALSE;

  if (length < HID_POS_DATA_OFFSET || report[0] != HID_POS_REPORT_ID)
    return FALSE; /* another report (status, trigger…) */
  count = MIN (report[1], length - HID_POS_DATA_OFFSET);
  if (report[2] == ']')
    {
      memcpy (aim, report + 2, POS_AIM_ID_LEN);
      aim[POS_AIM_ID_LEN] = '\0';
    }
  if (decoder->text->len + count <= MAX_CODE)
    g_string_append_len (decoder->text, (const char *)report + HID_POS_DATA_OFFSET, (gssize)count);
  more = length >= HID_POS_FULL_REPORT && (report[length - 1] & 0x01);
  if (more)
    return FALSE;
  return finish_code (decoder, aim, code, symbology);
}

/* The character of a boot-keyboard usage code on a US layout, or 0. */
static char
usage_to_char (guint8 usage, gboolean shift)
{
  static const char digits[] = "1234567890";
  static const char shifted_digits[] = "!@#$%^&*()";
  static const char punct[] = " -=[]\\#;'`,./";
  static const char shifted_punct[] = " _+{}|~:\"~<>?";

  if (usage >= 0x04 && usage <= 0x1d)
    return (char)((shift ? 'A' : 'a') + (usage - 0x04));
  if (usage >= 0x1e && usage <= 0x27)
    return (shift ? shifted_digits : digits)[usage - 0x1e];
  if (usage >= 0x2c && usage <= 0x38)
    return (shift ? shifted_punct : punct)[usage - 0x2c];
  return 0;
}

static gboolean
key_was_down (PosHidDecoder *decoder, guint8 usage)
{
  return memchr (decoder->keys_down, usage, sizeof decoder->keys_down) != NULL;
}

static gboolean
feed_keyboard (PosHidDecoder *decoder, const guint8 *report, gsize length, char **code, char **symbology)
{
  gboolean shift = FALSE;
  gboolean complete = FALSE;

  if (length < 8)
    return FALSE;
  shift = (report[0] & 0x22) != 0;
  for (gsize i = 2; i < 8 && !complete; i++)
    {
      guint8 usage = report[i];
      char c = 0;

      if (usage < 0x04 || key_was_down (decoder, usage))
        continue; /* no key, rollover error, or still held */
      if (usage == 0x28 || usage == 0x58 || usage == 0x2b)
        complete = finish_code (decoder, NULL, code, symbology);
      else if ((c = usage_to_char (usage, shift)) != 0 && decoder->text->len < MAX_CODE)
        g_string_append_c (decoder->text, c);
    }
  memcpy (decoder->keys_down, report + 2, sizeof decoder->keys_down);
  return complete;
}

gboolean
pos_hid_decoder_feed (PosHidDecoder *decoder, const guint8 *report, gsize length, char **code,
                      char **symbology)
{
  g_return_val_if_fail (decoder != NULL, FALSE);
  g_return_val_if_fail (report != NULL || length == 0, FALSE);
  g_return_val_if_fail (code != NULL && symbology != NULL, FALSE);

  if (decoder->mode == POS_HID_MODE_KEYBOARD)
    return feed_keyboard (decoder, report, length, code, symbology);
  return feed_pos (decoder, report, length, code, symbology);
}

struct _PosScannerHid
{
  PosScanner parent_instance;
  libusb_context *context;
  libusb_device_handle *handle;
  int interface;
  gboolean claimed;
  guint8 endpoint;
  guint16 packet_size;
  PosHidDecoder *decoder;
  GThread *thread;
  gint stopping; /* atomic */
  char *name;
};

G_DEFINE_FINAL_TYPE (PosScannerHid, pos_scanner_hid, POS_TYPE_SCANNER)

/* The reader thread: polls the interrupt endpoint until stopped or gone. */
static gpointer
read_reports (gpointer data)
{
  PosScannerHid *self = data;
  g_autofree guint8 *report = g_malloc (self->packet_size);

  while (!g_atomic_int_get (&self->stopping))
    {
      int got = 0;
      int status = libusb_interrupt_transfer (self->handle, self->endpoint, report, self->packet_size, &got,
                                              READ_TIMEOUT_MS);
      char *code = NULL;
      char *symbology = NULL;

      if (status == LIBUSB_ERROR_TIMEOUT || status == LIBUSB_ERROR_INTERRUPTED)
        continue;
      if (status != 0)
        {
          g_autoptr (GError) error
              = g_error_new (POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND, "Scanner %s went away: %s",
                             self->name, libusb_strerror (status));
          pos_scanner_queue_disconnected (POS_SCANNER (self), error);
          break;
        }
      if (pos_hid_decoder_feed (self->decoder, report, (gsize)got, &code, &symbology))
        pos_scanner_queue_scanned (POS_SCANNER (self), code, symbology);
      g_free (code);
      g_free (symbology);
    }
  return NULL;
}

static void
pos_scanner_hid_stop (PosScanner *scanner)
{
  PosScannerHid *self = POS_SCANNER_HID (scanner);

  g_atomic_int_set (&self->stopping, TRUE);
  g_clear_pointer (&self->thread, g_thread_join);
  if (self->handle && self->claimed)
    libusb_release_interface (self->handle, self->interface);
  self->claimed = FALSE;
  g_clear_pointer (&self->handle, libusb_close);
  g_clear_pointer (&self->context, libusb_exit);
}

static void
pos_scanner_hid_finalize (GObject *object)
{
  PosScannerHid *self = POS_SCANNER_HID (object);

  pos_hid_decoder_free (self->decoder);
  g_free (self->name);
  G_OBJECT_CLASS (pos_scanner_hid_parent_class)->finalize (object);
}

static void
pos_scanner_hid_class_init (PosScannerHidClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_scanner_hid_finalize;
  POS_SCANNER_CLASS (klass)->stop = pos_scanner_hid_stop;
}

static void
pos_scanner_hid_init (PosScannerHid *self)
{
  self->interface = -1;
}

/* Finds a HID interface with an interrupt IN endpoint; returns its
 * protocol (1 = boot keyboard) or -1. */
static int
find_hid_interface (PosScannerHid *self)
{
  struct libusb_config_descriptor *config = NULL;
  libusb_device *device = libusb_get_device (self->handle);
  int protocol = -1;

  if (libusb_get_active_config_descriptor (device, &config) != 0
      && libusb_get_config_descriptor (device, 0, &config) != 0)
    return -1;
  for (int i = 0; i < config->bNumInterfaces && protocol < 0; i++)
    {
      const struct libusb_interface_descriptor *alt = &config->interface[i].altsetting[0];

      if (alt->bInterfaceClass != USB_CLASS_HID)
        continue;
      for (int e = 0; e < alt->bNumEndpoints && protocol < 0; e++)
        {
          const struct libusb_endpoint_descriptor *ep = &alt->endpoint[e];

          if ((ep->bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == LIBUSB_TRANSFER_TYPE_INTERRUPT
              && (ep->bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN)
            {
              self->interface = alt->bInterfaceNumber;
              self->endpoint = ep->bEndpointAddress;
              self->packet_size = MAX (ep->wMaxPacketSize, 8);
              protocol = alt->bInterfaceProtocol;
            }
        }
    }
  libusb_free_config_descriptor (config);
  return protocol;
}

static PosDeviceErrorCode
usb_status_code (int status)
{
  if (status == LIBUSB_ERROR_ACCESS || status == LIBUSB_ERROR_BUSY)
    return POS_DEVICE_ERROR_PERMISSION;
  if (status == LIBUSB_ERROR_NO_DEVICE || status == LIBUSB_ERROR_NOT_FOUND)
    return POS_DEVICE_ERROR_NOT_FOUND;
  return POS_DEVICE_ERROR_FAILED;
}

/* Opens the device, picks and claims the HID interface. */
static gboolean
open_device (PosScannerHid *self, guint16 vendor_id, guint16 product_id, PosHidMode mode, GError **error)
{
  int status = libusb_init (&self->context);
  int protocol = -1;

  if (status == 0)
    {
      self->handle = libusb_open_device_with_vid_pid (self->context, vendor_id, product_id);
      status = self->handle ? 0 : LIBUSB_ERROR_NO_DEVICE;
    }
  if (status == 0 && (protocol = find_hid_interface (self)) < 0)
    status = LIBUSB_ERROR_NOT_SUPPORTED;
  if (status == 0)
    {
      libusb_set_auto_detach_kernel_driver (self->handle, 1);
      status = libusb_claim_interface (self->handle, self->interface);
      self->claimed = status == 0;
    }
  if (status != 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, usb_status_code (status), "Could not open scanner %s: %s",
                   self->name, libusb_strerror (status));
      return FALSE;
    }
  if (mode == POS_HID_MODE_AUTO)
    mode = protocol == 1 ? POS_HID_MODE_KEYBOARD : POS_HID_MODE_POS;
  self->decoder = pos_hid_decoder_new (mode);
  return TRUE;
}

PosScanner *
pos_scanner_hid_new (guint16 vendor_id, guint16 product_id, PosHidMode mode, GError **error)
{
  g_autoptr (PosScannerHid) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (POS_TYPE_SCANNER_HID, NULL);
  self->name = g_strdup_printf ("usb:%04x:%04x", vendor_id, product_id);
  if (!open_device (self, vendor_id, product_id, mode, error))
    return NULL;
  self->thread = g_thread_new ("pos-scanner-hid", read_reports, self);
  return POS_SCANNER (g_steal_pointer (&self));
}
