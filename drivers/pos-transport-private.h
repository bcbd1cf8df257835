/* pos-transport-private.h — what the transport implementations share. */
#pragma once

#include "pos-transport.h"

G_BEGIN_DECLS

#define POS_TYPE_TRANSPORT_FILE (pos_transport_file_get_type ())
G_DECLARE_FINAL_TYPE (PosTransportFile, pos_transport_file, POS, TRANSPORT_FILE, PosTransport)
#define POS_TYPE_TRANSPORT_TCP (pos_transport_tcp_get_type ())
G_DECLARE_FINAL_TYPE (PosTransportTcp, pos_transport_tcp, POS, TRANSPORT_TCP, PosTransport)
#define POS_TYPE_TRANSPORT_CUPS (pos_transport_cups_get_type ())
G_DECLARE_FINAL_TYPE (PosTransportCups, pos_transport_cups, POS, TRANSPORT_CUPS, PosTransport)
#define POS_TYPE_TRANSPORT_USB (pos_transport_usb_get_type ())
G_DECLARE_FINAL_TYPE (PosTransportUsb, pos_transport_usb, POS, TRANSPORT_USB, PosTransport)

/* Each opens its kind of URI; the uri property is set by the caller. */
PosTransport *pos_transport_file_open (const PosPrinterUri *uri, guint timeout_ms, GError **error);
PosTransport *pos_transport_tcp_open (const PosPrinterUri *uri, guint timeout_ms, GError **error);
PosTransport *pos_transport_cups_open (const PosPrinterUri *uri, guint timeout_ms, GError **error);
PosTransport *pos_transport_usb_open (const PosPrinterUri *uri, guint timeout_ms, GError **error);

/* Microseconds left until @deadline (monotonic), at least 0. */
gint64 pos_transport_remaining_us (gint64 deadline);

G_END_DECLS
