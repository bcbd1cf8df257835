/* pos-printer-status.h — asking an ESC/POS printer how it is (DLE EOT n).
 *
 * The printer answers each DLE EOT n with one byte whose bits say whether it
 * is online, its cover is open, the paper is nearly or completely gone, and
 * what the cash drawer's switch reads. Only cables that can read (USB, TCP,
 * a device file) can ask; CUPS cannot.
 */
#pragma once

#include <glib.h>

#include "pos-transport.h"

G_BEGIN_DECLS

typedef enum
{
  POS_STATUS_PRINTER = 1, /* online, drawer switch */
  POS_STATUS_OFFLINE = 2, /* why offline: cover open, paper end */
  POS_STATUS_ERROR = 3,   /* cutter, unrecoverable errors */
  POS_STATUS_PAPER = 4,   /* roll paper sensors */
} PosStatusRequest;

/* What the drawer switch reading means; drawers are wired both ways. */
typedef enum
{
  POS_DRAWER_OPEN_WHEN_LOW, /* most drawers: pin 3 high while closed */
  POS_DRAWER_OPEN_WHEN_HIGH,
} PosDrawerPolarity;

typedef struct
{
  gboolean online;
  gboolean cover_open;
  gboolean paper_near_end;
  gboolean paper_out;
  gboolean drawer_open;
  gboolean cutter_error;
  gboolean unrecoverable_error;
  gboolean recoverable_error;
} PosPrinterState;

/* The three bytes DLE EOT n. Returns: (transfer full). */
GBytes *pos_printer_status_request (PosStatusRequest request);

/* Folds one reply byte into @state (other fields are left alone); refuses a
 * byte whose fixed bits are wrong (not a status reply) with
 * POS_DEVICE_ERROR_INVALID. */
gboolean pos_printer_status_decode (PosStatusRequest request, guint8 reply, PosDrawerPolarity polarity,
                                    PosPrinterState *state, GError **error);

/* Sends the four requests over @transport and decodes the answers; each
 * answer may take up to @timeout_ms. */
gboolean pos_printer_status_query (PosTransport *transport, guint timeout_ms, PosDrawerPolarity polarity,
                                   PosPrinterState *state, GError **error);

/* TRUE when a receipt can be printed; otherwise the reason as
 * POS_DEVICE_ERROR_PAPER_OUT, _COVER_OPEN or _OFFLINE with a message for the
 * cashier. Paper near end alone is not an error. */
gboolean pos_printer_state_check_ready (const PosPrinterState *state, GError **error);

G_END_DECLS
