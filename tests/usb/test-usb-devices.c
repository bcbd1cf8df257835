/* test-usb-devices.c — USB receipt printer and HID POS scanner under umockdev.
 *
 * umockdev gives libusb a sysfs with our devices and forwards every usbdevfs
 * ioctl on their device nodes to handle_ioctl_cb() below, which plays the
 * hardware: the printer's bulk OUT endpoint captures bytes and its bulk IN
 * endpoint answers DLE EOT n; the scanner's interrupt IN endpoint delivers
 * scanned-data reports. Our code runs unchanged: open, claim, transfers,
 * timeouts, hotplug. Run under umockdev-wrapper.
 */
#include "pos-test-util.h"

#include "pos-device-error.h"
#include "pos-printer-status.h"
#include "pos-printers.h"
#include "pos-scanner-hid.h"
#include "pos-transport.h"
#include "pos-usb-monitor.h"

#include <errno.h>
#include <linux/ioctl.h>
#include <linux/usbdevice_fs.h>
#include <umockdev.h>

#define PRINTER_NODE "/dev/bus/usb/001/001"
#define SCANNER_NODE "/dev/bus/usb/002/001"

/* An Epson-like printer: class 7 interface, bulk OUT 0x01 and IN 0x82,
 * strings "EPSON", "TM-T20II", serial "J7X0012345". */
static const char printer_sysfs[]
    = "P: /devices/usb1\n"
      "N: bus/usb/001/001\n"
      "E: SUBSYSTEM=usb\n"
      "E: DEVTYPE=usb_device\n"
      "E: DRIVER=usb\n"
      "E: BUSNUM=001\n"
      "E: DEVNUM=001\n"
      "E: DEVNAME=/dev/bus/usb/001/001\n"
      "A: busnum=1\\n\n"
      "A: devnum=1\\n\n"
      "A: bConfigurationValue=1\\n\n"
      "A: speed=12\\n\n"
      "H: "
      "descriptors="
      "1201000200000040b804020200010102030109022000010100c0320904000002070102000705010240000007058202"
      "400000\n";

/* A Honeywell-like HID POS scanner: HID interface, interrupt IN 0x81. */
static const char scanner_sysfs[]
    = "P: /devices/usb2\n"
      "N: bus/usb/002/001\n"
      "E: SUBSYSTEM=usb\n"
      "E: DEVTYPE=usb_device\n"
      "E: DRIVER=usb\n"
      "E: BUSNUM=002\n"
      "E: DEVNUM=001\n"
      "E: DEVNAME=/dev/bus/usb/002/001\n"
      "A: busnum=2\\n\n"
      "A: devnum=1\\n\n"
      "A: bConfigurationValue=1\\n\n"
      "A: speed=12\\n\n"
      "H: "
      "descriptors="
      "12010002000000402e0c610b00010000000109022200010100803209040000010300000009211101000122400007058103"
      "400001\n";

typedef struct
{
  UMockdevIoctlData *data;
  UMockdevIoctlData *buffer; /* the transfer's data, resolved from the client */
  char *devnode;
} Urb;

typedef struct
{
  GMutex lock;
  UMockdevTestbed *testbed;
  UMockdevIoctlBase *handler;
  GByteArray *printer_received;
  GByteArray *printer_replies;
  guint8 status_replies[5];
  gboolean printer_stalled;
  GQueue scanner_reports; /* GBytes */
  gboolean scanner_gone;
  GList *parked;    /* Urb: IN transfers waiting for data, stalled OUT transfers */
  GList *done;      /* Urb: finished, waiting to be reaped */
  GList *discarded; /* Urb: cancelled by libusb, waiting to be reaped */
} Fixture;

static void
urb_free (Urb *urb)
{
  umockdev_ioctl_data_unref (urb->data);
  g_clear_pointer (&urb->buffer, umockdev_ioctl_data_unref);
  g_free (urb->devnode);
  g_free (urb);
}

static struct usbdevfs_urb *
urb_struct (Urb *urb)
{
  return (struct usbdevfs_urb *)urb->data->data;
}

/* Answers a control transfer: string descriptors, nothing else. */
static void
answer_control (Urb *urb, guint8 *buffer)
{
  static const char *const strings[] = { NULL, "EPSON", "TM-T20II", "J7X0012345" };
  struct usbdevfs_urb *u = urb_struct (urb);
  guint8 index = buffer[2];
  guint16 length = (guint16)(buffer[6] | buffer[7] << 8);
  guint8 reply[64] = { 0 };
  gsize n = 0;

  if (buffer[1] == 0x06 && buffer[3] == 0x03 && index == 0)
    n = 4, reply[0] = 4, reply[1] = 3, reply[2] = 0x09, reply[3] = 0x04;
  else if (buffer[1] == 0x06 && buffer[3] == 0x03 && index < G_N_ELEMENTS (strings)
           && g_str_has_suffix (urb->devnode, "001/001"))
    {
      n = 2 + 2 * strlen (strings[index]);
      reply[0] = (guint8)n;
      reply[1] = 3;
      for (gsize i = 0; strings[index][i]; i++)
        reply[2 + 2 * i] = (guint8)strings[index][i];
    }
  n = MIN (n, length);
  memcpy (buffer + 8, reply, n);
  u->actual_length = (int)n;
  u->status = n > 0 ? 0 : -EPIPE;
}

/* The printer takes bytes; a DLE EOT n among them queues its answer. */
static void
printer_receive (Fixture *f, const guint8 *bytes, gsize n)
{
  g_byte_array_append (f->printer_received, bytes, (guint)n);
  for (gsize i = 0; i + 2 < n; i++)
    if (bytes[i] == 0x10 && bytes[i + 1] == 0x04 && bytes[i + 2] >= 1 && bytes[i + 2] <= 4)
      g_byte_array_append (f->printer_replies, &f->status_replies[bytes[i + 2]], 1);
}

static gboolean
submit_urb (Fixture *f, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
  Urb *urb = g_new0 (Urb, 1);
  struct usbdevfs_urb *u = NULL;
  UMockdevIoctlData *buffer = NULL;

  urb->data = umockdev_ioctl_data_resolve (arg, 0, sizeof (struct usbdevfs_urb), NULL);
  urb->devnode = g_strdup (umockdev_ioctl_client_get_devnode (client));
  u = urb_struct (urb);
  buffer = urb->buffer = umockdev_ioctl_data_resolve (
      urb->data, G_STRUCT_OFFSET (struct usbdevfs_urb, buffer), (gsize)u->buffer_length, NULL);
  if (f->scanner_gone && g_str_equal (urb->devnode, SCANNER_NODE))
    {
      urb_free (urb);
      umockdev_ioctl_client_complete (client, -1, ENODEV);
      return TRUE;
    }
  if (u->type == USBDEVFS_URB_TYPE_CONTROL)
    {
      answer_control (urb, buffer->data);
      f->done = g_list_append (f->done, urb);
    }
  else if (u->endpoint == 0x01 && !f->printer_stalled)
    {
      printer_receive (f, buffer->data, (gsize)u->buffer_length);
      u->actual_length = u->buffer_length;
      f->done = g_list_append (f->done, urb);
    }
  else
    f->parked = g_list_append (f->parked, urb); /* IN, or OUT to a stalled printer */
  umockdev_ioctl_client_complete (client, 0, 0);
  return TRUE;
}

/* Gives a parked IN transfer its data if some is waiting. */
static gboolean
fill_parked (Fixture *f, Urb *urb)
{
  struct usbdevfs_urb *u = urb_struct (urb);
  g_autoptr (GBytes) report = NULL;
  gsize n = 0;

  if (u->endpoint == 0x82 && f->printer_replies->len > 0)
    {
      n = MIN ((gsize)u->buffer_length, f->printer_replies->len);
      memcpy (urb->buffer->data, f->printer_replies->data, n); /* written back to the client on reaping */
      g_byte_array_remove_range (f->printer_replies, 0, (guint)n);
    }
  else if (u->endpoint == 0x81 && (report = g_queue_pop_head (&f->scanner_reports)) != NULL)
    {
      n = MIN ((gsize)u->buffer_length, g_bytes_get_size (report));
      memcpy (urb->buffer->data, g_bytes_get_data (report, NULL), n);
    }
  else
    return FALSE;
  u->actual_length = (int)n;
  u->status = 0;
  return TRUE;
}

/* Takes the first URB of @list belonging to @devnode (and, for parked ones,
 * now satisfiable). */
static Urb *
take_for (Fixture *f, GList **list, const char *devnode, gboolean fill)
{
  for (GList *l = *list; l != NULL; l = l->next)
    {
      Urb *urb = l->data;

      if (!g_str_equal (urb->devnode, devnode) || (fill && !fill_parked (f, urb)))
        continue;
      *list = g_list_delete_link (*list, l);
      return urb;
    }
  return NULL;
}

static gboolean
reap_urb (Fixture *f, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
  const char *devnode = umockdev_ioctl_client_get_devnode (client);
  Urb *urb = take_for (f, &f->discarded, devnode, FALSE);
  g_autoptr (UMockdevIoctlData) pointer = NULL;

  if (urb)
    urb_struct (urb)->status = -ENOENT;
  if (urb == NULL)
    urb = take_for (f, &f->done, devnode, FALSE);
  if (urb == NULL)
    urb = take_for (f, &f->parked, devnode, TRUE);
  if (urb == NULL)
    {
      umockdev_ioctl_client_complete (client, -1, EAGAIN);
      return TRUE;
    }
  pointer = umockdev_ioctl_data_resolve (arg, 0, sizeof (gpointer), NULL);
  umockdev_ioctl_data_set_ptr (pointer, 0, urb->data);
  urb_free (urb);
  umockdev_ioctl_client_complete (client, 0, 0);
  return TRUE;
}

static gint
compare_client_addr (gconstpointer item, gconstpointer addr)
{
  const Urb *urb = item;

  return urb->data->client_addr != (gulong)addr;
}

static gboolean
discard_urb (Fixture *f, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
  GList *l = g_list_find_custom (f->parked, *(void **)arg->data, compare_client_addr);

  if (l == NULL)
    {
      umockdev_ioctl_client_complete (client, -1, EINVAL);
      return TRUE;
    }
  f->discarded = g_list_append (f->discarded, l->data);
  f->parked = g_list_delete_link (f->parked, l);
  umockdev_ioctl_client_complete (client, 0, 0);
  return TRUE;
}

static gboolean
handle_request (Fixture *f, UMockdevIoctlClient *client, gulong request, UMockdevIoctlData *arg)
{
  switch (request)
    {
      case USBDEVFS_GET_CAPABILITIES:
        {
          g_autoptr (UMockdevIoctlData) caps = umockdev_ioctl_data_resolve (arg, 0, sizeof (guint32), NULL);
          *(guint32 *)caps->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM
                                   | USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
          umockdev_ioctl_client_complete (client, 0, 0);
          return TRUE;
        }
      case USBDEVFS_CLAIMINTERFACE:
      case USBDEVFS_RELEASEINTERFACE:
      case USBDEVFS_DISCONNECT_CLAIM:
      case USBDEVFS_IOCTL:
      case USBDEVFS_SETINTERFACE:
      case USBDEVFS_CLEAR_HALT:
      case USBDEVFS_RESET:
      case USBDEVFS_RESETEP:
        umockdev_ioctl_client_complete (client, 0, 0);
        return TRUE;
      case USBDEVFS_GETDRIVER:
        umockdev_ioctl_client_complete (client, -1, ENODATA);
        return TRUE;
      case USBDEVFS_SUBMITURB:
        return submit_urb (f, client, arg);
      case USBDEVFS_REAPURB:
      case USBDEVFS_REAPURBNDELAY:
        return reap_urb (f, client, arg);
      case USBDEVFS_DISCARDURB:
        return discard_urb (f, client, arg);
      default:
        g_printerr ("unhandled usbdevfs ioctl 0x%lx on %s\n", request,
                    umockdev_ioctl_client_get_devnode (client));
        return FALSE;
    }
}

/* Runs on umockdev's thread for every ioctl on our device nodes. */
static gboolean
handle_ioctl_cb (UMockdevIoctlBase *handler, UMockdevIoctlClient *client, Fixture *f)
{
  gboolean handled = FALSE;

  g_mutex_lock (&f->lock);
  handled = handle_request (f, client, umockdev_ioctl_client_get_request (client),
                            umockdev_ioctl_client_get_arg (client));
  g_mutex_unlock (&f->lock);
  return handled;
}

static void
add_device (Fixture *f, const char *node, const char *sysfs)
{
  g_autoptr (GError) error = NULL;

  /* The handler must be in place before the device appears. */
  assert_true (umockdev_testbed_attach_ioctl (f->testbed, node, f->handler, &error));
  assert_true (umockdev_testbed_add_from_string (f->testbed, sysfs, &error));
  pos_assert_no_error (error);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  g_mutex_init (&f->lock);
  f->testbed = umockdev_testbed_new ();
  f->handler = umockdev_ioctl_base_new ();
  g_signal_connect (f->handler, "handle-ioctl", G_CALLBACK (handle_ioctl_cb), f);
  f->printer_received = g_byte_array_new ();
  f->printer_replies = g_byte_array_new ();
  memcpy (f->status_replies, (guint8[]){ 0, 0x16, 0x12, 0x12, 0x12 }, 5); /* all well */
  add_device (f, PRINTER_NODE, printer_sysfs);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  g_clear_object (&f->handler);
  g_clear_object (&f->testbed);
  g_list_free_full (f->parked, (GDestroyNotify)urb_free);
  g_list_free_full (f->done, (GDestroyNotify)urb_free);
  g_list_free_full (f->discarded, (GDestroyNotify)urb_free);
  g_queue_clear_full (&f->scanner_reports, (GDestroyNotify)g_bytes_unref);
  g_byte_array_unref (f->printer_received);
  g_byte_array_unref (f->printer_replies);
  g_mutex_clear (&f->lock);
  g_free (f);
  return 0;
}

static void
test_usb_printer_receives_the_bytes (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open ("usb:04b8:0202", &error);
  g_autofree guint8 *data = g_malloc (10000);
  g_autoptr (GBytes) bytes = NULL;

  pos_assert_no_error (error);
  for (gsize i = 0; i < 10000; i++)
    data[i] = (guint8)(i % 251);
  bytes = g_bytes_new (data, 10000);
  assert_true (pos_transport_write (transport, bytes, 1000, &error));
  pos_assert_no_error (error);
  assert_true (pos_transport_close (transport, &error));
  g_mutex_lock (&f->lock);
  assert_int_equal (f->printer_received->len, 10000);
  assert_memory_equal (f->printer_received->data, data, 10000);
  g_mutex_unlock (&f->lock);
}

static void
test_usb_printer_is_chosen_by_serial_number (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) right = pos_transport_open ("usb:04b8:0202:J7X0012345", &error);
  g_autoptr (PosTransport) wrong = NULL;

  pos_assert_no_error (error);
  assert_non_null (right);
  pos_transport_close (right, NULL);
  wrong = pos_transport_open ("usb:04b8:0202:J7X0099999", &error);
  assert_null (wrong);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND);
}

static void
test_usb_printer_out_of_paper_is_reported (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open ("usb:04b8:0202", &error);
  PosPrinterState printer_state = { 0 };

  pos_assert_no_error (error);
  g_mutex_lock (&f->lock);
  memcpy (f->status_replies, (guint8[]){ 0, 0x1a, 0x32, 0x12, 0x72 }, 5);
  g_mutex_unlock (&f->lock);
  assert_true (pos_printer_status_query (transport, 1000, POS_DRAWER_OPEN_WHEN_LOW, &printer_state, &error));
  pos_assert_no_error (error);
  assert_true (printer_state.paper_out);
  assert_false (printer_state.online);
  assert_false (pos_printer_state_check_ready (&printer_state, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_PAPER_OUT);
  g_mutex_lock (&f->lock);
  assert_int_equal (f->printer_received->len, 12); /* four DLE EOT n requests */
  assert_memory_equal (f->printer_received->data, "\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04", 12);
  g_mutex_unlock (&f->lock);
}

static void
test_usb_printer_that_takes_nothing_times_out (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open ("usb:04b8:0202", &error);
  g_autoptr (GBytes) bytes = g_bytes_new_static ("\x1b@Hello\n", 8);
  guint8 reply = 0;
  gint64 start = g_get_monotonic_time ();

  pos_assert_no_error (error);
  g_mutex_lock (&f->lock);
  f->printer_stalled = TRUE;
  g_mutex_unlock (&f->lock);
  assert_false (pos_transport_write (transport, bytes, 200, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT);
  g_clear_error (&error);
  /* A printer with nothing to say times out the same way. */
  assert_int_equal (pos_transport_read (transport, &reply, 1, 200, &error), -1);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT);
  assert_true (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC);
}

static void
test_absent_usb_printer_is_not_found (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open ("usb:1234:5678", &error);

  assert_null (transport);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND);
}

static void
test_usb_printer_is_listed_with_its_serial (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) printers = NULL;
  PosPrinterInfo *info = NULL;

  add_device (f, SCANNER_NODE, scanner_sysfs); /* not a printer: not listed */
  printers = pos_printers_list_usb (&error);
  pos_assert_no_error (error);
  assert_int_equal (printers->len, 1);
  info = g_ptr_array_index (printers, 0);
  assert_string_equal (info->uri, "usb:04b8:0202:J7X0012345");
  assert_string_equal (info->description, "EPSON TM-T20II");
}

typedef struct
{
  char *code;
  char *symbology;
  GError *lost;
} Scan;

static void
on_scanned_cb (PosScanner *scanner, const char *code, const char *symbology, Scan *scan)
{
  g_free (scan->code);
  g_free (scan->symbology);
  scan->code = g_strdup (code);
  scan->symbology = g_strdup (symbology);
}

static void
on_disconnected_cb (PosScanner *scanner, GError *error, Scan *scan)
{
  scan->lost = g_error_copy (error);
}

/* Iterates the default main context until *@done is non-NULL or 3 s pass. */
static void
wait_until (gpointer *done)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (*done == NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
queue_report (Fixture *f, const char *aim, const char *data)
{
  guint8 report[64] = { 0x02, (guint8)strlen (data) };

  memcpy (report + 2, aim, 3);
  memcpy (report + 5, data, strlen (data));
  g_mutex_lock (&f->lock);
  g_queue_push_tail (&f->scanner_reports, g_bytes_new (report, sizeof report));
  g_mutex_unlock (&f->lock);
}

static void
test_hid_pos_scanner_delivers_code_then_unplug (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosScanner) scanner = NULL;
  Scan scan = { 0 };

  add_device (f, SCANNER_NODE, scanner_sysfs);
  scanner = pos_scanner_hid_new (0x0c2e, 0x0b61, POS_HID_MODE_AUTO, &error);
  pos_assert_no_error (error);
  g_signal_connect (scanner, "scanned", G_CALLBACK (on_scanned_cb), &scan);
  g_signal_connect (scanner, "disconnected", G_CALLBACK (on_disconnected_cb), &scan);
  queue_report (f, "]E0", "4006381333931");
  wait_until ((gpointer *)&scan.code);
  assert_non_null (scan.code);
  assert_string_equal (scan.code, "4006381333931");
  assert_string_equal (scan.symbology, "]E0");

  g_mutex_lock (&f->lock);
  f->scanner_gone = TRUE;
  g_mutex_unlock (&f->lock);
  wait_until ((gpointer *)&scan.lost);
  pos_assert_error (scan.lost, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND);
  pos_scanner_stop (scanner);
  g_free (scan.code);
  g_free (scan.symbology);
  g_clear_error (&scan.lost);
}

typedef struct
{
  GPtrArray *added;
  GPtrArray *removed;
} Seen;

static void
on_device_added_cb (PosUsbMonitor *monitor, PosUsbDevice *device, Seen *seen)
{
  g_ptr_array_add (seen->added, pos_usb_device_copy (device));
}

static void
on_device_removed_cb (PosUsbMonitor *monitor, PosUsbDevice *device, Seen *seen)
{
  g_ptr_array_add (seen->removed, pos_usb_device_copy (device));
}

static void
wait_for_count (GPtrArray *array, guint count)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (array->len < count && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
check_monitor (Fixture *f, PosUsbMonitor *monitor, Seen *seen, gboolean polling)
{
  PosUsbDevice *device = NULL;

  wait_for_count (seen->added, 1);
  assert_int_equal (seen->added->len, 1);
  device = g_ptr_array_index (seen->added, 0);
  assert_int_equal (device->vendor_id, 0x04b8);
  assert_int_equal (device->kind, POS_USB_DEVICE_PRINTER);

  add_device (f, SCANNER_NODE, scanner_sysfs);
  if (polling)
    {
      g_usleep (200000); /* let libusb's own device list catch up */
      pos_usb_monitor_poll (monitor);
    }
  wait_for_count (seen->added, 2);
  assert_int_equal (seen->added->len, 2);
  device = g_ptr_array_index (seen->added, 1);
  assert_int_equal (device->vendor_id, 0x0c2e);
  assert_int_equal (device->kind, POS_USB_DEVICE_SCANNER);

  umockdev_testbed_uevent (f->testbed, "/sys/devices/usb2", "remove");
  if (polling)
    {
      g_usleep (200000);
      pos_usb_monitor_poll (monitor);
    }
  wait_for_count (seen->removed, 1);
  assert_int_equal (seen->removed->len, 1);
  device = g_ptr_array_index (seen->removed, 0);
  assert_int_equal (device->vendor_id, 0x0c2e);
}

static void
test_monitor_reports_hotplug_add_and_remove (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUsbMonitor) monitor = pos_usb_monitor_new (TRUE, 0, &error);
  Seen seen = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };

  pos_assert_no_error (error);
  assert_true (pos_usb_monitor_uses_hotplug (monitor));
  g_signal_connect (monitor, "device-added", G_CALLBACK (on_device_added_cb), &seen);
  g_signal_connect (monitor, "device-removed", G_CALLBACK (on_device_removed_cb), &seen);
  check_monitor (f, monitor, &seen, FALSE);
  g_clear_object (&monitor);
  g_ptr_array_unref (seen.added);
  g_ptr_array_unref (seen.removed);
}

static void
test_monitor_polling_sees_add_and_remove (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUsbMonitor) monitor = NULL;
  Seen seen = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr (GPtrArray) devices = NULL;

  monitor = pos_usb_monitor_new (FALSE, 60000, &error);
  pos_assert_no_error (error);
  assert_false (pos_usb_monitor_uses_hotplug (monitor));
  devices = pos_usb_monitor_get_devices (monitor);
  assert_int_equal (devices->len, 1); /* the printer, found by the first poll */
  g_signal_connect (monitor, "device-added", G_CALLBACK (on_device_added_cb), &seen);
  g_signal_connect (monitor, "device-removed", G_CALLBACK (on_device_removed_cb), &seen);
  /* The first poll happened before we connected; replay it as an arrival. */
  g_ptr_array_add (seen.added, pos_usb_device_copy (g_ptr_array_index (devices, 0)));
  check_monitor (f, monitor, &seen, TRUE);
  g_clear_object (&monitor);
  g_ptr_array_unref (seen.added);
  g_ptr_array_unref (seen.removed);
}

#ifdef POS_USB_PRINTER_RUN
#include <sys/wait.h>

/*
 * The same emulated printer for other programs: runs COMMAND with the
 * printer plugged in (it inherits the testbed through UMOCKDEV_DIR and the
 * preload library), then saves every byte the printer received to OUTFILE
 * and exits with COMMAND's status.  --paper-out makes it answer DLE EOT as
 * a printer whose paper ran out.
 *
 *   pos-usb-printer-run OUTFILE [--paper-out] -- COMMAND [ARG…]
 */
int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  void *state = NULL;
  Fixture *f;
  int first = 2, wait_status = 0;
  gboolean ok;

  if (argc > 2 && g_str_equal (argv[2], "--paper-out"))
    first++;
  if (argc < first + 2 || !g_str_equal (argv[first], "--"))
    {
      g_printerr ("usage: pos-usb-printer-run OUTFILE [--paper-out] -- COMMAND [ARG…]\n");
      return 2;
    }
  setup (&state);
  f = state;
  if (first == 3)
    memcpy (f->status_replies, (guint8[]){ 0, 0x1a, 0x32, 0x12, 0x72 }, 5);
  /* The ioctl handler runs on umockdev's thread while we wait here. */
  ok = g_spawn_sync (NULL, argv + first + 1, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                     NULL, NULL, NULL, &wait_status, &error);
  g_mutex_lock (&f->lock);
  ok = ok
       && g_file_set_contents (argv[1], (const char *)f->printer_received->data, f->printer_received->len,
                               &error);
  g_mutex_unlock (&f->lock);
  teardown (&state);
  if (!ok)
    {
      g_printerr ("pos-usb-printer-run: %s\n", error->message);
      return 2;
    }
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 2;
}
#else
int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_usb_printer_receives_the_bytes, setup, teardown),
    cmocka_unit_test_setup_teardown (test_usb_printer_is_chosen_by_serial_number, setup, teardown),
    cmocka_unit_test_setup_teardown (test_usb_printer_out_of_paper_is_reported, setup, teardown),
    cmocka_unit_test_setup_teardown (test_usb_printer_that_takes_nothing_times_out, setup, teardown),
    cmocka_unit_test_setup_teardown (test_absent_usb_printer_is_not_found, setup, teardown),
    cmocka_unit_test_setup_teardown (test_usb_printer_is_listed_with_its_serial, setup, teardown),
    cmocka_unit_test_setup_teardown (test_hid_pos_scanner_delivers_code_then_unplug, setup, teardown),
    cmocka_unit_test_setup_teardown (test_monitor_reports_hotplug_add_and_remove, setup, teardown),
    cmocka_unit_test_setup_teardown (test_monitor_polling_sees_add_and_remove, setup, teardown),
  };

  if (g_strrstr (g_getenv ("LD_PRELOAD") ? g_getenv ("LD_PRELOAD") : "", "umockdev-preload") == NULL)
    {
      g_printerr ("run this under umockdev-wrapper\n");
      return 77;
    }
  return cmocka_run_group_tests (tests, NULL, NULL);
}
#endif
