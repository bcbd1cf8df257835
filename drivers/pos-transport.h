/* pos-transport.h — sending bytes to a receipt printer, whatever the cable.
 *
 * A transport moves opaque bytes (already encoded ESC/POS) to the printer
 * named by a printer URI, and reads the printer's replies where the cable
 * allows (USB, TCP, a device file). Every call has a timeout: a printer that
 * is off, unplugged or out of paper gives an error, never a hang.
 *
 * Transports block; call them from a worker thread (GTask), not the UI.
 */
#pragma once

#include <glib-object.h>

#include "pos-printer-uri.h"

G_BEGIN_DECLS

/* How long opening (connecting, finding the USB device) may take. */
#define POS_TRANSPORT_DEFAULT_OPEN_TIMEOUT_MS 3000

#define POS_TYPE_TRANSPORT (pos_transport_get_type ())
G_DECLARE_DERIVABLE_TYPE (PosTransport, pos_transport, POS, TRANSPORT, GObject)

struct _PosTransportClass
{
  GObjectClass parent_class;

  /* Sends all of @data or fails; @timeout_ms bounds each wait for progress. */
  gboolean (*write) (PosTransport *self, GBytes *data, guint timeout_ms, GError **error);
  /* Reads up to @size bytes, at least one; NULL when the cable cannot read. */
  gssize (*read) (PosTransport *self, guint8 *buffer, gsize size, guint timeout_ms, GError **error);
  /* Releases the device; called once, by pos_transport_close() or dispose. */
  gboolean (*close) (PosTransport *self, GError **error);
};

/* Opens the printer at @uri (see pos-printer-uri.h) with the default open
 * timeout. Returns: (transfer full) (nullable). */
PosTransport *pos_transport_open (const char *uri, GError **error);

/* Opens the printer at @uri, waiting at most @timeout_ms to reach it.
 * Returns: (transfer full) (nullable). */
PosTransport *pos_transport_open_full (const PosPrinterUri *uri, guint timeout_ms, GError **error);

/* Sends @data. For cups: each write is one raw job, and the call waits up to
 * @timeout_ms for CUPS to report it printed. For the others @timeout_ms is the
 * longest the printer may go without accepting more bytes. */
gboolean pos_transport_write (PosTransport *self, GBytes *data, guint timeout_ms, GError **error);

/* Whether pos_transport_read() can work on this cable (not on cups:). */
gboolean pos_transport_can_read (PosTransport *self);

/* Reads what the printer sent back, at most @size bytes; waits up to
 * @timeout_ms for the first byte. Returns the count, or -1 with
 * POS_DEVICE_ERROR_TIMEOUT, _UNSUPPORTED, _OFFLINE… */
gssize pos_transport_read (PosTransport *self, guint8 *buffer, gsize size, guint timeout_ms, GError **error);

/* Releases the device. Later writes fail. Safe to call twice. */
gboolean pos_transport_close (PosTransport *self, GError **error);

/* The URI this transport was opened with. */
const PosPrinterUri *pos_transport_get_uri (PosTransport *self);

G_END_DECLS
