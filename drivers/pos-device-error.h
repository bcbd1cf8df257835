/* pos-device-error.h — errors from printers, drawers and scanners.
 *
 * drivers/ sits beside db/ and cannot use its domain; the codes here say what
 * the person at the till can do about a device.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_DEVICE_ERROR (pos_device_error_quark ())

typedef enum
{
  POS_DEVICE_ERROR_FAILED,
  POS_DEVICE_ERROR_INVALID,   /* a malformed printer URI, an unknown profile */
  POS_DEVICE_ERROR_NOT_FOUND, /* no such queue or device: unplugged, switched off */
  POS_DEVICE_ERROR_OFFLINE,   /* present but not answering */
  POS_DEVICE_ERROR_TIMEOUT,   /* did not answer in time */
  POS_DEVICE_ERROR_PAPER_OUT,
  POS_DEVICE_ERROR_COVER_OPEN,
  POS_DEVICE_ERROR_PERMISSION,  /* the device exists but this user may not open it */
  POS_DEVICE_ERROR_UNSUPPORTED, /* the transport or profile cannot do this */
} PosDeviceErrorCode;

GQuark pos_device_error_quark (void);

G_END_DECLS
