/* pos-usb-monitor.h — noticing receipt printers and scanners come and go.
 *
 * Uses libusb hotplug where the platform has it, otherwise polls the device
 * list. Signals are emitted in the main context of the creating thread:
 *   "device-added"   (PosUsbDevice *device)
 *   "device-removed" (PosUsbDevice *device)
 * Devices present at start are announced as added. Only printer-class
 * devices and scanners from known scanner makers are reported.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  POS_USB_DEVICE_PRINTER = 1 << 0,
  POS_USB_DEVICE_SCANNER = 1 << 1,
} PosUsbDeviceKind;

typedef struct
{
  guint8 bus;
  guint8 address;
  guint16 vendor_id;
  guint16 product_id;
  PosUsbDeviceKind kind;
} PosUsbDevice;

#define POS_TYPE_USB_DEVICE (pos_usb_device_get_type ())
GType pos_usb_device_get_type (void) G_GNUC_CONST;
PosUsbDevice *pos_usb_device_copy (const PosUsbDevice *device);
void pos_usb_device_free (PosUsbDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosUsbDevice, pos_usb_device_free)

#define POS_USB_MONITOR_DEFAULT_POLL_MS 2000

#define POS_TYPE_USB_MONITOR (pos_usb_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PosUsbMonitor, pos_usb_monitor, POS, USB_MONITOR, GObject)

/* Starts watching. @use_hotplug FALSE forces polling every @poll_ms.
 * Returns: (transfer full) (nullable): NULL when USB is not available. */
PosUsbMonitor *pos_usb_monitor_new (gboolean use_hotplug, guint poll_ms, GError **error);

/* Whether libusb hotplug events drive this monitor (else it polls). */
gboolean pos_usb_monitor_uses_hotplug (PosUsbMonitor *self);

/* Compares the device list with what was last seen and emits the
 * differences now. Polling mode calls it on its timer. */
void pos_usb_monitor_poll (PosUsbMonitor *self);

/* The devices known now. Returns: (transfer container) (element-type PosUsbDevice). */
GPtrArray *pos_usb_monitor_get_devices (PosUsbMonitor *self);

/* What kind of POS device a libusb device is, 0 when neither. */
PosUsbDeviceKind pos_usb_classify (guint16 vendor_id, const guint8 *interface_classes, gsize n_interfaces);

G_END_DECLS
