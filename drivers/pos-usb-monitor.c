/* pos-usb-monitor.c — hotplug or polling, one set of signals. */
#include "pos-usb-monitor.h"

#include "pos-device-error.h"

#include <libusb.h>

#define USB_CLASS_CDC 0x02
#define USB_CLASS_HID 0x03
#define USB_CLASS_PRINTER 0x07
#define USB_CLASS_CDC_DATA 0x0a
#define MAX_INTERFACES 32
#define EVENT_WAIT_US 100000

G_DEFINE_BOXED_TYPE (PosUsbDevice, pos_usb_device, pos_usb_device_copy, pos_usb_device_free)

PosUsbDevice *
pos_usb_device_copy (const PosUsbDevice *device)
{
  g_return_val_if_fail (device != NULL, NULL);

  return g_memdup2 (device, sizeof *device);
}

void
pos_usb_device_free (PosUsbDevice *device)
{
  g_free (device);
}

struct _PosUsbMonitor
{
  GObject parent_instance;
  libusb_context *context;
  GMainContext *main_context;
  GHashTable *devices; /* bus << 8 | address → PosUsbDevice */
  gboolean hotplug;
  libusb_hotplug_callback_handle callback;
  GThread *thread;
  gint stopping; /* atomic */
  GSource *poll_source;
};

enum
{
  SIGNAL_ADDED,
  SIGNAL_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PosUsbMonitor, pos_usb_monitor, G_TYPE_OBJECT)

PosUsbDeviceKind
pos_usb_classify (guint16 vendor_id, const guint8 *interface_classes, gsize n_interfaces)
{
  /* Symbol/Zebra, Honeywell (Metrologic, Hand Held Products), Datalogic, Newland. */
  static const guint16 scanner_vendors[] = { 0x05e0, 0x0c2e, 0x0536, 0x05f9, 0x1eab };
  gboolean scanner_vendor = FALSE;
  PosUsbDeviceKind kind = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (scanner_vendors); i++)
    scanner_vendor = scanner_vendor || scanner_vendors[i] == vendor_id;
  for (gsize i = 0; i < n_interfaces; i++)
    {
      guint8 c = interface_classes[i];

      if (c == USB_CLASS_PRINTER)
        kind |= POS_USB_DEVICE_PRINTER;
      else if (scanner_vendor && (c == USB_CLASS_HID || c == USB_CLASS_CDC || c == USB_CLASS_CDC_DATA))
        kind |= POS_USB_DEVICE_SCANNER;
    }
  return kind;
}

/* Describes @device, or returns FALSE when it is no POS device. */
static gboolean
describe (libusb_device *device, PosUsbDevice *out)
{
  struct libusb_device_descriptor desc;
  struct libusb_config_descriptor *config = NULL;
  guint8 classes[MAX_INTERFACES];
  gsize n = 0;

  if (libusb_get_device_descriptor (device, &desc) != 0
      || (libusb_get_active_config_descriptor (device, &config) != 0
          && libusb_get_config_descriptor (device, 0, &config) != 0))
    return FALSE;
  for (int i = 0; i < config->bNumInterfaces && n < MAX_INTERFACES; i++)
    if (config->interface[i].num_altsetting > 0)
      classes[n++] = config->interface[i].altsetting[0].bInterfaceClass;
  libusb_free_config_descriptor (config);
  out->bus = libusb_get_bus_number (device);
  out->address = libusb_get_device_address (device);
  out->vendor_id = desc.idVendor;
  out->product_id = desc.idProduct;
  out->kind = pos_usb_classify (desc.idVendor, classes, n);
  return out->kind != 0;
}

static guint
device_key (const PosUsbDevice *device)
{
  return (guint)device->bus << 8 | device->address;
}

/* Records an arrival and tells listeners; runs in the main context. */
static void
note_added (PosUsbMonitor *self, const PosUsbDevice *device)
{
  if (g_hash_table_contains (self->devices, GUINT_TO_POINTER (device_key (device))))
    return;
  g_hash_table_insert (self->devices, GUINT_TO_POINTER (device_key (device)), pos_usb_device_copy (device));
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, device);
}

static void
note_removed (PosUsbMonitor *self, guint key)
{
  PosUsbDevice *known = g_hash_table_lookup (self->devices, GUINT_TO_POINTER (key));
  g_autoptr (PosUsbDevice) device = NULL;

  if (known == NULL)
    return;
  device = pos_usb_device_copy (known);
  g_hash_table_remove (self->devices, GUINT_TO_POINTER (key));
  g_signal_emit (self, signals[SIGNAL_REMOVED], 0, device);
}

typedef struct
{
  PosUsbMonitor *monitor;
  PosUsbDevice device;
  gboolean added;
} HotplugEvent;

static void
hotplug_event_free (gpointer data)
{
  HotplugEvent *event = data;

  g_object_unref (event->monitor);
  g_free (event);
}

static gboolean
on_hotplug_dispatch_cb (gpointer data)
{
  HotplugEvent *event = data;

  if (g_atomic_int_get (&event->monitor->stopping))
    return G_SOURCE_REMOVE;
  if (event->added)
    note_added (event->monitor, &event->device);
  else
    note_removed (event->monitor, device_key (&event->device));
  return G_SOURCE_REMOVE;
}

/* libusb calls this on the event thread; the work moves to the main context. */
static int
on_hotplug_cb (libusb_context *context, libusb_device *device, libusb_hotplug_event kind, void *user_data)
{
  PosUsbMonitor *self = user_data;
  HotplugEvent *event = g_new0 (HotplugEvent, 1);
  g_autoptr (GSource) source = NULL;

  event->added = kind == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED;
  event->device.bus = libusb_get_bus_number (device);
  event->device.address = libusb_get_device_address (device);
  if (event->added && !describe (device, &event->device))
    {
      g_free (event);
      return 0;
    }
  event->monitor = g_object_ref (self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_hotplug_dispatch_cb, event, hotplug_event_free);
  g_source_attach (source, self->main_context);
  return 0;
}

static gpointer
handle_events (gpointer data)
{
  PosUsbMonitor *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      struct timeval tv = { 0, EVENT_WAIT_US };
      libusb_handle_events_timeout_completed (self->context, &tv, &self->stopping);
    }
  return NULL;
}

void
pos_usb_monitor_poll (PosUsbMonitor *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  libusb_device **list = NULL;
  ssize_t count = 0;
  GHashTableIter iter;
  gpointer key = NULL;
  g_autoptr (GArray) gone = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (POS_IS_USB_MONITOR (self));

  count = libusb_get_device_list (self->context, &list);
  for (ssize_t i = 0; i < count; i++)
    {
      PosUsbDevice device = { 0 };

      if (!describe (list[i], &device))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (device_key (&device)));
      note_added (self, &device);
    }
  if (list != NULL)
    libusb_free_device_list (list, 1);
  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint gone_key = GPOINTER_TO_UINT (key);
      if (!g_hash_table_contains (seen, key))
        g_array_append_val (gone, gone_key);
    }
  for (guint i = 0; i < gone->len; i++)
    note_removed (self, g_array_index (gone, guint, i));
}

static gboolean
on_poll_timeout_cb (gpointer data)
{
  pos_usb_monitor_poll (data);
  return G_SOURCE_CONTINUE;
}

static void
pos_usb_monitor_dispose (GObject *object)
{
  PosUsbMonitor *self = POS_USB_MONITOR (object);

  g_atomic_int_set (&self->stopping, TRUE);
  if (self->poll_source)
    g_source_destroy (self->poll_source);
  g_clear_pointer (&self->poll_source, g_source_unref);
  if (self->hotplug && self->context)
    libusb_hotplug_deregister_callback (self->context, self->callback); /* wakes the event thread */
  self->hotplug = FALSE;
  g_clear_pointer (&self->thread, g_thread_join);
  G_OBJECT_CLASS (pos_usb_monitor_parent_class)->dispose (object);
}

static void
pos_usb_monitor_finalize (GObject *object)
{
  PosUsbMonitor *self = POS_USB_MONITOR (object);

  g_clear_pointer (&self->context, libusb_exit);
  g_hash_table_unref (self->devices);
  g_main_context_unref (self->main_context);
  G_OBJECT_CLASS (pos_usb_monitor_parent_class)->finalize (object);
}

static void
pos_usb_monitor_class_init (PosUsbMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pos_usb_monitor_dispose;
  object_class->finalize = pos_usb_monitor_finalize;

  signals[SIGNAL_ADDED] = g_signal_new ("device-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 1, POS_TYPE_USB_DEVICE);
  signals[SIGNAL_REMOVED] = g_signal_new ("device-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, POS_TYPE_USB_DEVICE);
}

static void
pos_usb_monitor_init (PosUsbMonitor *self)
{
  self->devices = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)pos_usb_device_free);
  self->main_context = g_main_context_ref_thread_default ();
}

/* Registers for hotplug events (existing devices are enumerated as arrivals)
 * and starts the thread that lets libusb deliver them. */
static gboolean
start_hotplug (PosUsbMonitor *self)
{
  int status = libusb_hotplug_register_callback (
      self->context, LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT,
      LIBUSB_HOTPLUG_ENUMERATE, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
      on_hotplug_cb, self, &self->callback);

  if (status != 0)
    return FALSE;
  self->hotplug = TRUE;
  self->thread = g_thread_new ("pos-usb-monitor", handle_events, self);
  return TRUE;
}

PosUsbMonitor *
pos_usb_monitor_new (gboolean use_hotplug, guint poll_ms, GError **error)
{
  g_autoptr (PosUsbMonitor) self = g_object_new (POS_TYPE_USB_MONITOR, NULL);
  int status = libusb_init (&self->context);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (status != 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED, "USB is not available: %s",
                   libusb_strerror (status));
      return NULL;
    }
  if (use_hotplug && libusb_has_capability (LIBUSB_CAP_HAS_HOTPLUG) && start_hotplug (self))
    return g_steal_pointer (&self);
  pos_usb_monitor_poll (self);
  self->poll_source = g_timeout_source_new (poll_ms ? poll_ms : POS_USB_MONITOR_DEFAULT_POLL_MS);
  g_source_set_callback (self->poll_source, on_poll_timeout_cb, self, NULL);
  g_source_attach (self->poll_source, self->main_context);
  return g_steal_pointer (&self);
}

gboolean
pos_usb_monitor_uses_hotplug (PosUsbMonitor *self)
{
  g_return_val_if_fail (POS_IS_USB_MONITOR (self), FALSE);

  return self->hotplug;
}

GPtrArray *
pos_usb_monitor_get_devices (PosUsbMonitor *self)
{
  GPtrArray *devices = NULL;
  GHashTableIter iter;
  gpointer value = NULL;

  g_return_val_if_fail (POS_IS_USB_MONITOR (self), NULL);

  devices = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (devices, value);
  return devices;
}
