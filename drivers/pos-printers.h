/* pos-printers.h — which receipt printers this till can see.
 *
 * CUPS queues (from the CUPS server CUPS_SERVER names, or the local one) and
 * USB devices with a printer-class interface, each with the URI to give
 * pos_transport_open().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *uri;         /* "cups:receipt", "usb:04b8:0202:J7X0012345" */
  char *description; /* the queue's description or the USB make and model */
  gboolean is_default;
} PosPrinterInfo;

void pos_printer_info_free (PosPrinterInfo *info);

/* CUPS queues; POS_DEVICE_ERROR_OFFLINE when CUPS cannot be reached within
 * @timeout_ms. Returns: (transfer full) (element-type PosPrinterInfo). */
GPtrArray *pos_printers_list_cups (guint timeout_ms, GError **error);

/* USB devices with a printer interface. The serial number is included when
 * the device may be opened to read it. Returns: (transfer full). */
GPtrArray *pos_printers_list_usb (GError **error);

/* Both lists, CUPS first; a source that fails is left out, so this never
 * fails. Returns: (transfer full) (element-type PosPrinterInfo). */
GPtrArray *pos_printers_list (guint timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPrinterInfo, pos_printer_info_free)

G_END_DECLS
