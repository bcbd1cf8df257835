/* test-scanner-serial.c — a serial scanner on a real pseudo-terminal.
 *
 * The test writes what a CDC-ACM scanner would send to the master side; the
 * scanner source reads the slave side like /dev/ttyACM0.
 */
#define _GNU_SOURCE /* posix_openpt, ptsname */
#include "pos-test-util.h"

#include "pos-device-error.h"
#include "pos-scanner-serial.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct
{
  GPtrArray *codes;
  GPtrArray *symbologies;
  GError *lost;
} Received;

static void
on_scanned_cb (PosScanner *scanner, const char *code, const char *symbology, Received *received)
{
  g_ptr_array_add (received->codes, g_strdup (code));
  g_ptr_array_add (received->symbologies, g_strdup (symbology));
}

static void
on_disconnected_cb (PosScanner *scanner, GError *error, Received *received)
{
  g_clear_error (&received->lost);
  received->lost = g_error_copy (error);
}

static int
open_master (char **slave_path)
{
  int master = posix_openpt (O_RDWR | O_NOCTTY);

  assert_true (master >= 0);
  assert_int_equal (grantpt (master), 0);
  assert_int_equal (unlockpt (master), 0);
  *slave_path = g_strdup (ptsname (master));
  return master;
}

/* Runs the default main context once, or naps when it has nothing to do. */
static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

/* Runs the default main context until @count codes arrived or @ms passed. */
static void
wait_for_codes (Received *received, guint count, guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)ms * 1000;

  while (received->codes->len < count && g_get_monotonic_time () < deadline)
    iterate ();
}

static void
received_clear (Received *received)
{
  g_ptr_array_unref (received->codes);
  g_ptr_array_unref (received->symbologies);
  g_clear_error (&received->lost);
}

static void
write_all (int fd, const char *text)
{
  assert_int_equal (write (fd, text, strlen (text)), (ssize_t)strlen (text));
}

static void
test_line_from_scanner_becomes_a_scan (void **state)
{
  g_autofree char *slave = NULL;
  int master = open_master (&slave);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosScanner) scanner = pos_scanner_serial_new (slave, 9600, &error);
  Received received = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };

  pos_assert_no_error (error);
  g_signal_connect (scanner, "scanned", G_CALLBACK (on_scanned_cb), &received);
  write_all (master, "4006381333931\r\n");
  wait_for_codes (&received, 1, 2000);
  assert_int_equal (received.codes->len, 1);
  assert_string_equal (g_ptr_array_index (received.codes, 0), "4006381333931");
  assert_string_equal (g_ptr_array_index (received.symbologies, 0), "");
  pos_scanner_stop (scanner);
  close (master);
  received_clear (&received);
}

static void
test_codes_split_across_reads_and_joined_in_one (void **state)
{
  g_autofree char *slave = NULL;
  int master = open_master (&slave);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosScanner) scanner = pos_scanner_serial_new (slave, 0, &error);
  Received received = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };

  pos_assert_no_error (error);
  g_signal_connect (scanner, "scanned", G_CALLBACK (on_scanned_cb), &received);
  write_all (master, "]E0978014");
  wait_for_codes (&received, 1, 200);
  assert_int_equal (received.codes->len, 0); /* no terminator yet */
  write_all (master, "3007375\r96385074\n\n]C1ABC-123\r");
  wait_for_codes (&received, 3, 2000);
  assert_int_equal (received.codes->len, 3);
  assert_string_equal (g_ptr_array_index (received.codes, 0), "9780143007375");
  assert_string_equal (g_ptr_array_index (received.symbologies, 0), "]E0");
  assert_string_equal (g_ptr_array_index (received.codes, 1), "96385074");
  assert_string_equal (g_ptr_array_index (received.codes, 2), "ABC-123");
  assert_string_equal (g_ptr_array_index (received.symbologies, 2), "]C1");
  close (master);
  received_clear (&received);
}

static void
test_unplugged_scanner_reports_disconnected (void **state)
{
  g_autofree char *slave = NULL;
  int master = open_master (&slave);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosScanner) scanner = pos_scanner_serial_new (slave, 0, &error);
  Received received = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  pos_assert_no_error (error);
  g_signal_connect (scanner, "disconnected", G_CALLBACK (on_disconnected_cb), &received);
  close (master); /* the cable is pulled */
  while (received.lost == NULL && g_get_monotonic_time () < deadline)
    iterate ();
  pos_assert_error (received.lost, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND);
  received_clear (&received);
}

static void
test_missing_device_is_not_found (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosScanner) scanner = pos_scanner_serial_new ("/dev/ttyACM-none", 0, &error);

  assert_null (scanner);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND);
}

static void
test_regular_file_is_not_a_serial_line (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosScanner) scanner = pos_scanner_serial_new ("/dev/null", 0, &error);

  assert_null (scanner);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_line_from_scanner_becomes_a_scan),
    cmocka_unit_test (test_codes_split_across_reads_and_joined_in_one),
    cmocka_unit_test (test_unplugged_scanner_reports_disconnected),
    cmocka_unit_test (test_missing_device_is_not_found),
    cmocka_unit_test (test_regular_file_is_not_a_serial_line),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
