/* pos-printer-uri.h — where a receipt printer is: cups:, usb:, tcp: or file:.
 *
 * The till stores one short string per printer; this turns it into its
 * parts and back, and refuses anything it cannot use with a clear message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_PRINTER_TCP_DEFAULT_PORT 9100

typedef enum
{
  POS_PRINTER_URI_CUPS, /* cups:QUEUE */
  POS_PRINTER_URI_USB,  /* usb:VID:PID[:SERIAL], ids in hex */
  POS_PRINTER_URI_TCP,  /* tcp:HOST[:PORT], IPv6 as tcp:[::1]:9100 */
  POS_PRINTER_URI_FILE, /* file:PATH */
} PosPrinterUriKind;

typedef struct
{
  PosPrinterUriKind kind;
  char *queue;       /* cups */
  guint16 vendor_id; /* usb */
  guint16 product_id;
  char *serial; /* usb, (nullable): any device with that VID:PID */
  char *host;   /* tcp */
  guint16 port;
  char *path; /* file */
} PosPrinterUri;

/* Parses @text; POS_DEVICE_ERROR_INVALID with the reason when it is not a
 * printer URI we know. Returns: (transfer full) (nullable). */
PosPrinterUri *pos_printer_uri_parse (const char *text, GError **error);

/* The canonical text form (lower-case hex ids, port always written for tcp).
 * Returns: (transfer full). */
char *pos_printer_uri_to_string (const PosPrinterUri *uri);

PosPrinterUri *pos_printer_uri_copy (const PosPrinterUri *uri);
void pos_printer_uri_free (PosPrinterUri *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPrinterUri, pos_printer_uri_free)

G_END_DECLS
