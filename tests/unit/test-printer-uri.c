/* test-printer-uri.c — reading and writing printer addresses. */
#include "pos-test-util.h"

#include "pos-device-error.h"
#include "pos-printer-uri.h"

static PosPrinterUri *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  PosPrinterUri *uri = pos_printer_uri_parse (text, &error);

  pos_assert_no_error (error);
  assert_non_null (uri);
  return uri;
}

static void
test_cups_queue_is_parsed (void **state)
{
  g_autoptr (PosPrinterUri) uri = parse_ok ("cups:Receipt_Till-1");
  g_autofree char *text = pos_printer_uri_to_string (uri);

  assert_int_equal (uri->kind, POS_PRINTER_URI_CUPS);
  assert_string_equal (uri->queue, "Receipt_Till-1");
  assert_string_equal (text, "cups:Receipt_Till-1");
}

static void
test_usb_ids_are_hex_and_serial_optional (void **state)
{
  g_autoptr (PosPrinterUri) plain = parse_ok ("usb:04B8:202");
  g_autoptr (PosPrinterUri) serial = parse_ok ("usb:0519:0003:SN:42");
  g_autofree char *plain_text = pos_printer_uri_to_string (plain);
  g_autofree char *serial_text = pos_printer_uri_to_string (serial);

  assert_int_equal (plain->kind, POS_PRINTER_URI_USB);
  assert_int_equal (plain->vendor_id, 0x04b8);
  assert_int_equal (plain->product_id, 0x0202);
  assert_null (plain->serial);
  assert_string_equal (plain_text, "usb:04b8:0202");
  /* Only the first two colons separate; a serial may hold more. */
  assert_string_equal (serial->serial, "SN:42");
  assert_string_equal (serial_text, "usb:0519:0003:SN:42");
}

static void
test_tcp_port_defaults_to_9100 (void **state)
{
  g_autoptr (PosPrinterUri) host = parse_ok ("tcp:printer.local");
  g_autoptr (PosPrinterUri) port = parse_ok ("tcp:192.168.1.50:9101");
  g_autoptr (PosPrinterUri) v6 = parse_ok ("tcp:[fe80::1]");
  g_autofree char *v6_text = pos_printer_uri_to_string (v6);

  assert_string_equal (host->host, "printer.local");
  assert_int_equal (host->port, 9100);
  assert_string_equal (port->host, "192.168.1.50");
  assert_int_equal (port->port, 9101);
  assert_string_equal (v6->host, "fe80::1");
  assert_string_equal (v6_text, "tcp:[fe80::1]:9100");
}

static void
test_file_path_is_kept_as_given (void **state)
{
  g_autoptr (PosPrinterUri) uri = parse_ok ("file:/dev/usb/lp0");

  assert_int_equal (uri->kind, POS_PRINTER_URI_FILE);
  assert_string_equal (uri->path, "/dev/usb/lp0");
}

static void
test_malformed_addresses_are_refused (void **state)
{
  static const char *const bad[] = {
    "",
    "printer",
    "ipp://host/printers/x",
    "cups:",
    "cups:my queue",
    "cups:a/b",
    "usb:",
    "usb:04b8",
    "usb:04b8:",
    "usb:xyz:0202",
    "usb:12345:0001",
    "usb:04b8:0202:",
    "tcp:",
    "tcp::9100",
    "tcp:host:0",
    "tcp:host:65536",
    "tcp:host:port",
    "tcp:fe80::1",
    "tcp:[::1",
    "tcp:[::1]x",
    "tcp:a b",
    "file:",
    "lpt:1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PosPrinterUri) uri = pos_printer_uri_parse (bad[i], &error);

      if (uri != NULL)
        fail_msg ("\"%s\" was accepted", bad[i]);
      pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
      assert_non_null (strstr (error->message, "not valid"));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_cups_queue_is_parsed),
    cmocka_unit_test (test_usb_ids_are_hex_and_serial_optional),
    cmocka_unit_test (test_tcp_port_defaults_to_9100),
    cmocka_unit_test (test_file_path_is_kept_as_given),
    cmocka_unit_test (test_malformed_addresses_are_refused),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
