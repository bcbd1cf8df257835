/* test-transport-tcp.c — printing to a network printer's port 9100.
 *
 * A real listening socket on 127.0.0.1 stands in for the printer: one
 * captures what it receives, one answers DLE EOT like a printer out of paper,
 * one accepts but never reads (a jammed printer), and a closed port is a
 * switched-off one.
 */
#include "pos-test-util.h"

#include "pos-device-error.h"
#include "pos-printer-status.h"
#include "pos-transport.h"

#include <gio/gio.h>
#include <sys/socket.h>

typedef enum
{
  PRINTER_CAPTURE,   /* reads until EOF */
  PRINTER_PAPER_OUT, /* answers each DLE EOT n */
  PRINTER_SILENT,    /* reads but never answers */
} PrinterMode;

typedef struct
{
  GSocket *listener;
  guint16 port;
  PrinterMode mode;
  GByteArray *received;
  GThread *thread;
} FakePrinter;

/* The answer a printer with an empty paper roll gives to DLE EOT @n. */
static guint8
paper_out_reply (guint8 n)
{
  static const guint8 replies[] = { 0, 0x1a, 0x32, 0x12, 0x72 };

  return n < G_N_ELEMENTS (replies) ? replies[n] : 0;
}

static gpointer
fake_printer_run (gpointer data)
{
  FakePrinter *printer = data;
  g_autoptr (GSocket) client = g_socket_accept (printer->listener, NULL, NULL);
  guint8 buffer[4096];
  gssize n = 0;

  if (client == NULL)
    return NULL;
  while ((n = g_socket_receive (client, (char *)buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_byte_array_append (printer->received, buffer, (guint)n);
      if (printer->mode == PRINTER_PAPER_OUT)
        for (guint i = 0; i + 2 < printer->received->len; i++)
          if (printer->received->data[i] == 0x10 && printer->received->data[i + 1] == 0x04)
            {
              guint8 reply = paper_out_reply (printer->received->data[i + 2]);
              g_socket_send (client, (const char *)&reply, 1, NULL, NULL);
              printer->received->data[i] = 0; /* answered */
            }
    }
  return NULL;
}

/* A listening socket on 127.0.0.1 with a free port; @rcvbuf > 0 makes its
 * receive buffer small so a sender fills it quickly. */
static GSocket *
listen_local (int rcvbuf, guint16 *port)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

  assert_non_null (socket);
  if (rcvbuf > 0)
    g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, rcvbuf, NULL);
  assert_true (g_socket_bind (socket, address, TRUE, NULL));
  assert_true (g_socket_listen (socket, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

static FakePrinter *
fake_printer_start (PrinterMode mode)
{
  FakePrinter *printer = g_new0 (FakePrinter, 1);

  printer->mode = mode;
  printer->received = g_byte_array_new ();
  printer->listener = listen_local (0, &printer->port);
  printer->thread = g_thread_new ("fake-printer", fake_printer_run, printer);
  return printer;
}

/* Waits for the printer thread (the client must have closed) and frees it. */
static GByteArray *
fake_printer_finish (FakePrinter *printer)
{
  GByteArray *received = printer->received;

  g_thread_join (printer->thread);
  g_object_unref (printer->listener);
  g_free (printer);
  return received;
}

static char *
tcp_uri (guint16 port)
{
  return g_strdup_printf ("tcp:127.0.0.1:%u", port);
}

static void
test_bytes_arrive_unchanged (void **state)
{
  FakePrinter *printer = fake_printer_start (PRINTER_CAPTURE);
  g_autofree char *uri = tcp_uri (printer->port);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  g_autofree guint8 *data = g_malloc (200000);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GByteArray) received = NULL;

  pos_assert_no_error (error);
  for (gsize i = 0; i < 200000; i++)
    data[i] = (guint8)(i * 7 + i / 256);
  bytes = g_bytes_new (data, 200000);
  assert_true (pos_transport_write (transport, bytes, 2000, &error));
  pos_assert_no_error (error);
  assert_true (pos_transport_close (transport, &error));
  received = fake_printer_finish (printer);
  assert_int_equal (received->len, 200000);
  assert_memory_equal (received->data, data, 200000);
}

static void
test_closed_port_is_offline_not_a_hang (void **state)
{
  guint16 port = 0;
  GSocket *socket = listen_local (0, &port);
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = NULL;
  gint64 start = 0;

  g_object_unref (socket); /* nobody listens there any more */
  uri = tcp_uri (port);
  start = g_get_monotonic_time ();
  transport = pos_transport_open (uri, &error);
  assert_null (transport);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE);
  assert_non_null (strstr (error->message, "127.0.0.1"));
  assert_true (g_get_monotonic_time () - start < G_USEC_PER_SEC);
}

static void
test_printer_that_stops_reading_times_out (void **state)
{
  guint16 port = 0;
  g_autoptr (GSocket) listener = listen_local (4096, &port);
  g_autofree char *uri = tcp_uri (port);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_malloc0 (32 * 1024 * 1024), 32 * 1024 * 1024);
  gint64 start = g_get_monotonic_time ();

  /* Connected (the kernel accepted for it) but nobody ever reads. */
  pos_assert_no_error (error);
  assert_false (pos_transport_write (transport, bytes, 300, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT);
  assert_true (g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC);
}

static void
test_status_of_printer_out_of_paper (void **state)
{
  FakePrinter *printer = fake_printer_start (PRINTER_PAPER_OUT);
  g_autofree char *uri = tcp_uri (printer->port);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  PosPrinterState printer_state = { 0 };

  pos_assert_no_error (error);
  assert_true (pos_transport_can_read (transport));
  assert_true (pos_printer_status_query (transport, 2000, POS_DRAWER_OPEN_WHEN_LOW, &printer_state, &error));
  pos_assert_no_error (error);
  assert_false (printer_state.online);
  assert_true (printer_state.paper_out);
  assert_false (pos_printer_state_check_ready (&printer_state, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_PAPER_OUT);
  pos_transport_close (transport, NULL);
  g_byte_array_unref (fake_printer_finish (printer));
}

static void
test_silent_printer_status_times_out (void **state)
{
  FakePrinter *printer = fake_printer_start (PRINTER_SILENT);
  g_autofree char *uri = tcp_uri (printer->port);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  PosPrinterState printer_state = { .online = TRUE };
  gint64 start = g_get_monotonic_time ();

  pos_assert_no_error (error);
  assert_false (pos_printer_status_query (transport, 200, POS_DRAWER_OPEN_WHEN_LOW, &printer_state, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT);
  assert_true (printer_state.online); /* untouched on failure */
  assert_true (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC);
  pos_transport_close (transport, NULL);
  g_byte_array_unref (fake_printer_finish (printer));
}

static void
test_write_after_close_fails (void **state)
{
  FakePrinter *printer = fake_printer_start (PRINTER_CAPTURE);
  g_autofree char *uri = tcp_uri (printer->port);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  g_autoptr (GBytes) bytes = g_bytes_new_static ("x", 1);

  pos_assert_no_error (error);
  assert_true (pos_transport_close (transport, NULL));
  assert_true (pos_transport_close (transport, NULL));
  assert_false (pos_transport_write (transport, bytes, 100, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED);
  g_byte_array_unref (fake_printer_finish (printer));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_bytes_arrive_unchanged),
    cmocka_unit_test (test_closed_port_is_offline_not_a_hang),
    cmocka_unit_test (test_printer_that_stops_reading_times_out),
    cmocka_unit_test (test_status_of_printer_out_of_paper),
    cmocka_unit_test (test_silent_printer_status_times_out),
    cmocka_unit_test (test_write_after_close_fails),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
