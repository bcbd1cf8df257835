/* pos-printers.c — listing CUPS queues and USB printers. */
#include "pos-printers.h"

#include "pos-device-error.h"

#include <cups/cups.h>
#include <libusb.h>
#include <string.h>

#define USB_CLASS_PRINTER 0x07

void
pos_printer_info_free (PosPrinterInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uri);
  g_free (info->description);
  g_free (info);
}

static PosPrinterInfo *
info_new (char *uri, char *description, gboolean is_default)
{
  PosPrinterInfo *info = g_new0 (PosPrinterInfo, 1);

  info->uri = uri;
  info->description = description;
  info->is_default = is_default;
  return info;
}

GPtrArray *
pos_printers_list_cups (guint timeout_ms, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_printer_info_free);
  int cancel = 0;
  http_t *http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1,
                               (int)timeout_ms, &cancel);
  cups_dest_t *dests = NULL;
  int count = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (http == NULL)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE,
                   "Could not reach CUPS at %s:%d: is it running?", cupsServer (), ippPort ());
      return NULL;
    }
  httpSetTimeout (http, MAX (timeout_ms, 1000) / 1000.0, NULL, NULL);
  count = cupsGetDests2 (http, &dests);
  for (int i = 0; i < count; i++)
    {
      const char *info = cupsGetOption ("printer-info", dests[i].num_options, dests[i].options);

      if (dests[i].instance != NULL)
        continue; /* instances share the queue */
      g_ptr_array_add (list, info_new (g_strconcat ("cups:", dests[i].name, NULL),
                                       g_strdup (info && *info ? info : dests[i].name), dests[i].is_default));
    }
  cupsFreeDests (count, dests);
  httpClose (http);
  return g_steal_pointer (&list);
}

/* Whether any interface of @device is printer class. */
static gboolean
has_printer_interface (libusb_device *device)
{
  struct libusb_config_descriptor *config = NULL;
  gboolean found = FALSE;

  if (libusb_get_active_config_descriptor (device, &config) != 0
      && libusb_get_config_descriptor (device, 0, &config) != 0)
    return FALSE;
  for (int i = 0; i < config->bNumInterfaces && !found; i++)
    for (int a = 0; a < config->interface[i].num_altsetting && !found; a++)
      found = config->interface[i].altsetting[a].bInterfaceClass == USB_CLASS_PRINTER;
  libusb_free_config_descriptor (config);
  return found;
}

/* Reads one string descriptor, or NULL. */
static char *
read_string (libusb_device_handle *handle, guint8 index)
{
  unsigned char text[256];
  int n = index ? libusb_get_string_descriptor_ascii (handle, index, text, sizeof text) : -1;

  return n > 0 ? g_strndup ((const char *)text, (gsize)n) : NULL;
}

/* Builds the entry for one USB printer, reading its strings if we may. */
static PosPrinterInfo *
describe_usb (libusb_device *device, const struct libusb_device_descriptor *desc)
{
  libusb_device_handle *handle = NULL;
  g_autofree char *maker = NULL;
  g_autofree char *product = NULL;
  g_autofree char *serial = NULL;
  char *uri = NULL;
  char *description = NULL;

  if (libusb_open (device, &handle) == 0)
    {
      maker = read_string (handle, desc->iManufacturer);
      product = read_string (handle, desc->iProduct);
      serial = read_string (handle, desc->iSerialNumber);
      libusb_close (handle);
    }
  if (serial && strchr (serial, ' ') == NULL)
    uri = g_strdup_printf ("usb:%04x:%04x:%s", desc->idVendor, desc->idProduct, serial);
  else
    uri = g_strdup_printf ("usb:%04x:%04x", desc->idVendor, desc->idProduct);
  if (maker || product)
    description = g_strstrip (g_strdup_printf ("%s %s", maker ? maker : "", product ? product : ""));
  else
    description = g_strdup_printf ("USB printer %04x:%04x", desc->idVendor, desc->idProduct);
  return info_new (uri, description, FALSE);
}

GPtrArray *
pos_printers_list_usb (GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_printer_info_free);
  libusb_context *context = NULL;
  libusb_device **devices = NULL;
  ssize_t count = 0;
  int status = libusb_init (&context);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (status != 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED, "USB is not available: %s",
                   libusb_strerror (status));
      return NULL;
    }
  count = libusb_get_device_list (context, &devices);
  for (ssize_t i = 0; i < count; i++)
    {
      struct libusb_device_descriptor desc;

      if (libusb_get_device_descriptor (devices[i], &desc) == 0 && has_printer_interface (devices[i]))
        g_ptr_array_add (list, describe_usb (devices[i], &desc));
    }
  if (devices != NULL)
    libusb_free_device_list (devices, 1);
  libusb_exit (context);
  return g_steal_pointer (&list);
}

GPtrArray *
pos_printers_list (guint timeout_ms)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_printer_info_free);
  g_autoptr (GPtrArray) cups = pos_printers_list_cups (timeout_ms, NULL);
  g_autoptr (GPtrArray) usb = pos_printers_list_usb (NULL);

  if (cups)
    g_ptr_array_extend_and_steal (all, g_steal_pointer (&cups));
  if (usb)
    g_ptr_array_extend_and_steal (all, g_steal_pointer (&usb));
  return all;
}
