/* pos-printer-status.c — DLE EOT requests and the bits of their replies.
 *
 * Every reply byte has bits 0 and 7 clear and bits 1 and 4 set; that lets us
 * tell a status byte from stray data still in the printer's output buffer.
 */
#include "pos-printer-status.h"

#include "pos-device-error.h"

#define DLE 0x10
#define EOT 0x04
#define FIXED_MASK 0x93
#define FIXED_BITS 0x12

GBytes *
pos_printer_status_request (PosStatusRequest request)
{
  guint8 bytes[3] = { DLE, EOT, (guint8)request };

  g_return_val_if_fail (request >= POS_STATUS_PRINTER && request <= POS_STATUS_PAPER, NULL);

  return g_bytes_new (bytes, sizeof bytes);
}

gboolean
pos_printer_status_decode (PosStatusRequest request, guint8 reply, PosDrawerPolarity polarity,
                           PosPrinterState *state, GError **error)
{
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((reply & FIXED_MASK) != FIXED_BITS)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                   "The printer's answer 0x%02x is not a status reply", reply);
      return FALSE;
    }
  switch (request)
    {
      case POS_STATUS_PRINTER:
        state->online = (reply & 0x08) == 0;
        state->drawer_open = ((reply & 0x04) != 0) == (polarity == POS_DRAWER_OPEN_WHEN_HIGH);
        break;
      case POS_STATUS_OFFLINE:
        state->cover_open = (reply & 0x04) != 0;
        state->paper_out = state->paper_out || (reply & 0x20) != 0;
        break;
      case POS_STATUS_ERROR:
        state->cutter_error = (reply & 0x08) != 0;
        state->unrecoverable_error = (reply & 0x20) != 0;
        state->recoverable_error = (reply & 0x40) != 0;
        break;
      case POS_STATUS_PAPER:
        state->paper_near_end = (reply & 0x0c) != 0;
        state->paper_out = (reply & 0x60) != 0;
        break;
      default:
        g_return_val_if_reached (FALSE);
    }
  return TRUE;
}

/* Sends one request and reads its single reply byte. */
static gboolean
ask (PosTransport *transport, PosStatusRequest request, guint timeout_ms, guint8 *reply, GError **error)
{
  g_autoptr (GBytes) bytes = pos_printer_status_request (request);
  gssize n = 0;

  if (!pos_transport_write (transport, bytes, timeout_ms, error))
    return FALSE;
  n = pos_transport_read (transport, reply, 1, timeout_ms, error);
  return n == 1;
}

gboolean
pos_printer_status_query (PosTransport *transport, guint timeout_ms, PosDrawerPolarity polarity,
                          PosPrinterState *state, GError **error)
{
  static const PosStatusRequest order[]
      = { POS_STATUS_PRINTER, POS_STATUS_OFFLINE, POS_STATUS_ERROR, POS_STATUS_PAPER };
  PosPrinterState result = { 0 };

  g_return_val_if_fail (POS_IS_TRANSPORT (transport), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint8 reply = 0;

      if (!ask (transport, order[i], timeout_ms, &reply, error)
          || !pos_printer_status_decode (order[i], reply, polarity, &result, error))
        return FALSE;
    }
  *state = result;
  return TRUE;
}

gboolean
pos_printer_state_check_ready (const PosPrinterState *state, GError **error)
{
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (state->paper_out)
    g_set_error_literal (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_PAPER_OUT,
                         "The receipt printer is out of paper: put in a new roll");
  else if (state->cover_open)
    g_set_error_literal (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_COVER_OPEN,
                         "The receipt printer's cover is open: close it");
  else if (state->unrecoverable_error || state->cutter_error)
    g_set_error_literal (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE,
                         "The receipt printer reports an error (cutter jammed?): switch it off and on");
  else if (!state->online)
    g_set_error_literal (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE, "The receipt printer is offline");
  else
    return TRUE;
  return FALSE;
}
