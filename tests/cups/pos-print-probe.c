/* pos-print-probe.c — a small program the CUPS test drives.
 *
 *   pos-print-probe capture PORTFILE OUTFILE   play a network printer: listen on
 *                                              127.0.0.1, write the port to PORTFILE,
 *                                              append every byte received to OUTFILE
 *   pos-print-probe print URI FILE TIMEOUT_MS  send FILE through the transport
 *   pos-print-probe list                       print the printers pos_printers_list() sees
 *
 * "print" exits 0 on success, otherwise 2 and prints "ERROR <code-name>: <message>".
 */
#include "pos-device-error.h"
#include "pos-printers.h"
#include "pos-transport.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>

static const char *
code_name (int code)
{
  static const char *const names[] = { "FAILED",    "INVALID",    "NOT_FOUND",  "OFFLINE",    "TIMEOUT",
                                       "PAPER_OUT", "COVER_OPEN", "PERMISSION", "UNSUPPORTED" };

  return code >= 0 && code < (int)G_N_ELEMENTS (names) ? names[code] : "?";
}

/* Appends everything one client sends to @out until it closes. */
static void
capture_client (GSocket *client, FILE *out)
{
  char buffer[4096];
  gssize n = 0;

  while ((n = g_socket_receive (client, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      fwrite (buffer, 1, (size_t)n, out);
      fflush (out);
    }
}

static int
run_capture (const char *port_file, const char *out_file)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket) listener = NULL;
  g_autofree char *port = NULL;
  FILE *out = fopen (out_file, "ab");

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  if (out == NULL || listener == NULL || !g_socket_bind (listener, address, TRUE, NULL)
      || !g_socket_listen (listener, NULL))
    return 1;
  bound = g_socket_get_local_address (listener, NULL);
  port = g_strdup_printf ("%u\n", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  if (!g_file_set_contents (port_file, port, -1, NULL))
    return 1;
  for (;;)
    {
      g_autoptr (GSocket) client = g_socket_accept (listener, NULL, NULL);
      if (client)
        capture_client (client, out);
    }
}

static int
run_print (const char *uri, const char *file, const char *timeout)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (file, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  transport = pos_transport_open (uri, &error);
  if (transport == NULL || !pos_transport_write (transport, bytes, (guint)atoi (timeout), &error)
      || !pos_transport_close (transport, &error))
    {
      g_printerr ("ERROR %s: %s\n", code_name (error->code), error->message);
      return 2;
    }
  return 0;
}

static int
run_list (void)
{
  g_autoptr (GPtrArray) printers = pos_printers_list (2000);

  for (guint i = 0; i < printers->len; i++)
    {
      PosPrinterInfo *info = g_ptr_array_index (printers, i);
      g_print ("%s\t%s\n", info->uri, info->description);
    }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "capture"))
    return run_capture (argv[2], argv[3]);
  if (argc == 5 && g_str_equal (argv[1], "print"))
    return run_print (argv[2], argv[3], argv[4]);
  if (argc == 2 && g_str_equal (argv[1], "list"))
    return run_list ();
  g_printerr ("usage: pos-print-probe capture PORTFILE OUTFILE | print URI FILE TIMEOUT_MS | list\n");
  return 1;
}
