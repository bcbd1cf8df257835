/* test-printer-status.c — decoding DLE EOT replies into a printer state. */
#include "pos-test-util.h"

#include "pos-device-error.h"
#include "pos-printer-status.h"

static void
test_request_is_dle_eot_n (void **state)
{
  g_autoptr (GBytes) bytes = pos_printer_status_request (POS_STATUS_PAPER);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  assert_int_equal (size, 3);
  assert_int_equal (data[0], 0x10);
  assert_int_equal (data[1], 0x04);
  assert_int_equal (data[2], 4);
}

static PosPrinterState
decode_all (guint8 printer, guint8 offline, guint8 error_byte, guint8 paper, PosDrawerPolarity polarity)
{
  PosPrinterState state = { 0 };
  g_autoptr (GError) error = NULL;

  assert_true (pos_printer_status_decode (POS_STATUS_PRINTER, printer, polarity, &state, &error));
  assert_true (pos_printer_status_decode (POS_STATUS_OFFLINE, offline, polarity, &state, &error));
  assert_true (pos_printer_status_decode (POS_STATUS_ERROR, error_byte, polarity, &state, &error));
  assert_true (pos_printer_status_decode (POS_STATUS_PAPER, paper, polarity, &state, &error));
  pos_assert_no_error (error);
  return state;
}

static void
test_healthy_printer_is_ready (void **state)
{
  PosPrinterState s = decode_all (0x16, 0x12, 0x12, 0x12, POS_DRAWER_OPEN_WHEN_LOW);
  g_autoptr (GError) error = NULL;

  assert_true (s.online);
  assert_false (s.drawer_open); /* pin 3 high: closed for most drawers */
  assert_false (s.paper_out || s.paper_near_end || s.cover_open);
  assert_true (pos_printer_state_check_ready (&s, &error));
  pos_assert_no_error (error);
}

static void
test_paper_out_is_reported_before_offline (void **state)
{
  /* Offline (bit 3), stopped for paper end (offline bit 5), roll sensors empty. */
  PosPrinterState s = decode_all (0x1a, 0x32, 0x12, 0x7e, POS_DRAWER_OPEN_WHEN_LOW);
  g_autoptr (GError) error = NULL;

  assert_false (s.online);
  assert_true (s.paper_out);
  assert_true (s.paper_near_end);
  assert_false (pos_printer_state_check_ready (&s, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_PAPER_OUT);
}

static void
test_cover_open_is_reported (void **state)
{
  PosPrinterState s = decode_all (0x1a, 0x16, 0x12, 0x12, POS_DRAWER_OPEN_WHEN_LOW);
  g_autoptr (GError) error = NULL;

  assert_true (s.cover_open);
  assert_false (pos_printer_state_check_ready (&s, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_COVER_OPEN);
}

static void
test_paper_near_end_alone_still_prints (void **state)
{
  PosPrinterState s = decode_all (0x16, 0x12, 0x12, 0x1e, POS_DRAWER_OPEN_WHEN_LOW);
  g_autoptr (GError) error = NULL;

  assert_true (s.paper_near_end);
  assert_false (s.paper_out);
  assert_true (pos_printer_state_check_ready (&s, &error));
}

static void
test_drawer_polarity_is_configurable (void **state)
{
  PosPrinterState low = decode_all (0x12, 0x12, 0x12, 0x12, POS_DRAWER_OPEN_WHEN_LOW);
  PosPrinterState high = decode_all (0x16, 0x12, 0x12, 0x12, POS_DRAWER_OPEN_WHEN_HIGH);
  PosPrinterState high_closed = decode_all (0x12, 0x12, 0x12, 0x12, POS_DRAWER_OPEN_WHEN_HIGH);

  assert_true (low.drawer_open);
  assert_true (high.drawer_open);
  assert_false (high_closed.drawer_open);
}

static void
test_cutter_error_is_not_ready (void **state)
{
  PosPrinterState s = decode_all (0x12, 0x12, 0x1a, 0x12, POS_DRAWER_OPEN_WHEN_LOW);
  g_autoptr (GError) error = NULL;

  assert_true (s.cutter_error);
  assert_false (pos_printer_state_check_ready (&s, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE);
}

static void
test_bytes_with_wrong_fixed_bits_are_refused (void **state)
{
  static const guint8 bad[] = { 0x00, 0xff, 0x13, 0x92, 0x10, 0x02, 'A' };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      PosPrinterState s = { .online = TRUE };
      g_autoptr (GError) error = NULL;

      assert_false (
          pos_printer_status_decode (POS_STATUS_PRINTER, bad[i], POS_DRAWER_OPEN_WHEN_LOW, &s, &error));
      pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
      assert_true (s.online); /* left alone */
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_request_is_dle_eot_n),
    cmocka_unit_test (test_healthy_printer_is_ready),
    cmocka_unit_test (test_paper_out_is_reported_before_offline),
    cmocka_unit_test (test_cover_open_is_reported),
    cmocka_unit_test (test_paper_near_end_alone_still_prints),
    cmocka_unit_test (test_drawer_polarity_is_configurable),
    cmocka_unit_test (test_cutter_error_is_not_ready),
    cmocka_unit_test (test_bytes_with_wrong_fixed_bits_are_refused),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
