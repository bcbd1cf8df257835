/* test-transport-file.c — printing to a file or a device node.
 *
 * A pseudo-terminal is a real character device: the test plays the printer
 * on its master side and answers the status requests.
 */
#define _GNU_SOURCE /* posix_openpt, ptsname */
#include "pos-test-util.h"

#include "pos-device-error.h"
#include "pos-printer-status.h"
#include "pos-transport.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static void
test_file_receives_writes_appended (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) first = g_bytes_new_static ("\x1b@Hello\n", 8);
  g_autoptr (GBytes) second = g_bytes_new_static ("\x1dV\x00", 3);
  g_autofree char *contents = NULL;
  gsize length = 0;

  for (int round = 0; round < 2; round++)
    {
      g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
      pos_assert_no_error (error);
      assert_true (pos_transport_write (transport, round == 0 ? first : second, 1000, &error));
      pos_assert_no_error (error);
      assert_true (pos_transport_close (transport, &error));
    }
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_int_equal (length, 11);
  assert_memory_equal (contents, "\x1b@Hello\n\x1dV\x00", 11);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A receipt file names customers and what they bought: one the printer
 * creates is the shop account's alone, like the store, whatever the umask. */
static void
test_created_receipt_file_is_private (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "receipts.bin", NULL);
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new_static ("\x1b@Hello\n", 8);
  mode_t saved = umask (022);
  struct stat st;

  {
    g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
    pos_assert_no_error (error);
    assert_true (pos_transport_write (transport, bytes, 1000, &error));
    assert_true (pos_transport_close (transport, &error));
    pos_assert_no_error (error);
  }
  umask (saved);
  assert_int_equal (stat (path, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_missing_folder_is_not_found (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open ("file:/nonexistent-folder/receipt.bin", &error);

  assert_null (transport);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND);
}

static void
test_plain_file_cannot_read_status (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *uri = g_strconcat ("file:", dir, "/x.bin", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  PosPrinterState printer_state = { 0 };

  pos_assert_no_error (error);
  assert_false (pos_printer_status_query (transport, 100, POS_DRAWER_OPEN_WHEN_LOW, &printer_state, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED);
  pos_transport_close (transport, NULL);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A pty whose slave side behaves like a raw device node. */
static int
open_raw_pty (char **slave_path)
{
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  struct termios tio;
  int slave = -1;

  assert_true (master >= 0);
  assert_int_equal (grantpt (master), 0);
  assert_int_equal (unlockpt (master), 0);
  *slave_path = g_strdup (ptsname (master));
  /* Make the line raw so bytes pass unchanged both ways. */
  slave = open (*slave_path, O_RDWR | O_NOCTTY);
  assert_true (slave >= 0);
  assert_int_equal (tcgetattr (slave, &tio), 0);
  cfmakeraw (&tio);
  assert_int_equal (tcsetattr (slave, TCSANOW, &tio), 0);
  close (slave);
  return master;
}

typedef struct
{
  int master;
  guint8 replies[5];
} PtyPrinter;

/* Answers four DLE EOT requests on the master side, like a printer with its cover open. */
static gpointer
pty_printer_run (gpointer data)
{
  PtyPrinter *printer = data;
  guint8 request[3];

  for (int i = 0; i < 4; i++)
    {
      gsize got = 0;
      while (got < 3)
        {
          gssize n = read (printer->master, request + got, 3 - got);
          if (n <= 0)
            return NULL;
          got += (gsize)n;
        }
      if (request[0] == 0x10 && request[1] == 0x04 && request[2] <= 4)
        g_assert_true (write (printer->master, &printer->replies[request[2]], 1) == 1);
    }
  return NULL;
}

static void
test_device_node_answers_status (void **state)
{
  g_autofree char *slave_path = NULL;
  PtyPrinter printer = { .replies = { 0, 0x1e, 0x16, 0x12, 0x12 } };
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = NULL;
  PosPrinterState printer_state = { 0 };
  GThread *thread = NULL;

  printer.master = open_raw_pty (&slave_path);
  uri = g_strconcat ("file:", slave_path, NULL);
  transport = pos_transport_open (uri, &error);
  pos_assert_no_error (error);
  assert_true (pos_transport_can_read (transport));
  thread = g_thread_new ("pty-printer", pty_printer_run, &printer);
  assert_true (pos_printer_status_query (transport, 2000, POS_DRAWER_OPEN_WHEN_LOW, &printer_state, &error));
  pos_assert_no_error (error);
  g_thread_join (thread);
  assert_false (printer_state.online);
  assert_true (printer_state.cover_open);
  assert_false (printer_state.paper_out);
  assert_false (pos_printer_state_check_ready (&printer_state, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_COVER_OPEN);
  pos_transport_close (transport, NULL);
  close (printer.master);
}

static void
test_device_node_that_never_answers_times_out (void **state)
{
  g_autofree char *slave_path = NULL;
  int master = open_raw_pty (&slave_path);
  g_autofree char *uri = g_strconcat ("file:", slave_path, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosTransport) transport = pos_transport_open (uri, &error);
  guint8 byte = 0;
  gint64 start = g_get_monotonic_time ();

  pos_assert_no_error (error);
  assert_int_equal (pos_transport_read (transport, &byte, 1, 150, &error), -1);
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT);
  assert_true (g_get_monotonic_time () - start < G_USEC_PER_SEC);
  pos_transport_close (transport, NULL);
  close (master);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_file_receives_writes_appended),
    cmocka_unit_test (test_created_receipt_file_is_private),
    cmocka_unit_test (test_missing_folder_is_not_found),
    cmocka_unit_test (test_plain_file_cannot_read_status),
    cmocka_unit_test (test_device_node_answers_status),
    cmocka_unit_test (test_device_node_that_never_answers_times_out),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
