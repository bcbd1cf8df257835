/* test-receipt-build.c — receipts built from recorded sales, printed and
 * drawn; the cash drawer's kick and its audit trail. */
#include "pos-test-shop.h"

#include <gio/gio.h>

#include "pos-customer.h"
#include "pos-device-error.h"
#include "pos-escpos.h"
#include "pos-printing.h"
#include "pos-receipt-build.h"
#include "pos-receipt-preview.h"
#include "pos-refund.h"
#include "pos-store-private.h"

/* The little shop with the settings a receipt prints. */
static PosTestShop *
receipt_shop (void)
{
  PosTestShop *shop = pos_test_shop_new ("EUR", "inclusive");

  assert_true (pos_store_set_setting (shop->store, "shop_name", "Corner Grocer", NULL));
  assert_true (pos_store_set_setting (shop->store, "shop_address", "12 Main Street, 10115 Berlin", NULL));
  assert_true (pos_store_set_setting (shop->store, "shop_tax_id", "DE123456789", NULL));
  assert_true (pos_store_set_setting (shop->store, "receipt_header", "Open Mon–Sat 8–20", NULL));
  assert_true (pos_store_set_setting (shop->store, "receipt_footer", "Thank you for shopping local!", NULL));
  return shop;
}

/* Two teas (scanned), a milk and 532 g of cheese, paid with €20 cash. */
static char *
ring_up_sale (PosTestShop *shop, const char *discount, const char *customer_card)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (5000);

  pos_cart_set_multiplier (cart, 2 * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->cheese, 532, &error));
  if (discount != NULL)
    {
      PosDiscount d;
      assert_true (pos_discount_parse (discount, pos_cart_get_currency (cart), &d, &error));
      assert_true (pos_cart_set_cart_discount (cart, d, shop->cashier, NULL, &error));
    }
  if (customer_card != NULL)
    assert_true (pos_cart_set_customer (cart, customer_card, &error));
  pos_assert_no_error (error);
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

/* Everything the receipt would print, one block per line, for searching. */
static char *
receipt_text (PosReceipt *receipt)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    {
      const PosReceiptBlock *b = pos_receipt_get_block (receipt, i);
      if (b->kind == POS_BLOCK_TEXT)
        g_string_append_printf (text, "%s\n", b->text);
      else if (b->kind == POS_BLOCK_COLUMNS)
        g_string_append_printf (text, "%s | %s\n", b->text, b->right);
      else if (b->kind == POS_BLOCK_BARCODE)
        g_string_append_printf (text, "[barcode %s]\n", b->text);
    }
  return g_string_free (text, FALSE);
}

static void
assert_has (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    fail_msg ("the receipt lacks “%s”:\n%s", needle, text);
}

static gint64
find_bytes (GBytes *bytes, const void *needle, gsize n)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return (gint64)i;
  return -1;
}

static void
save_preview (PosReceipt *receipt, const char *name)
{
  const char *artifacts = g_getenv ("POS_ARTIFACTS");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (artifacts == NULL)
    return;
  assert_int_equal (g_mkdir_with_parents (artifacts, 0755), 0);
  path = g_build_filename (artifacts, name, NULL);
  assert_true (
      pos_receipt_preview_write_png (receipt, pos_printer_profile_lookup ("generic-80"), path, &error));
  pos_assert_no_error (error);
  assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_receipt_shows_shop_sale_taxes_tenders_and_barcode (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = pos_receipt_build (shop->store, receipt_no, &error);
  g_autofree char *text = NULL;
  const PosReceiptBlock *last;

  pos_assert_no_error (error);
  text = receipt_text (receipt);
  assert_string_equal (receipt_no, "T1-1");
  assert_has (text, "Corner Grocer");
  assert_has (text, "12 Main Street, 10115 Berlin");
  assert_has (text, "Tax ID: DE123456789");
  assert_has (text, "Open Mon–Sat 8–20");
  assert_has (text, "Receipt | T1-1");
  assert_has (text, "Cashier | casey");
  assert_has (text, "Till | T1");
  assert_has (text, "Earl Grey tea | €6.98 A");
  assert_has (text, "  2 × €3.49");
  assert_has (text, "Whole milk 1l | €1.19 B");
  assert_has (text, "  0.532 kg × €19.90/kg");
  assert_has (text, "Mountain cheese | €10.59 B"); /* 19.90 × 0.532 = 10.5868 */
  /* 6.98 + 1.19 + 10.59 = 18.76; A: 6.98 incl. 20 % = 5.82 + 1.16; B: 11.78 incl. 5 % = 11.22 + 0.56 */
  assert_has (text, "TOTAL | €18.76");
  assert_has (text, "A   20% |       5.82       1.16       6.98");
  assert_has (text, "B   5% |      11.22       0.56      11.78");
  assert_has (text, "Cash | €50.00");
  assert_has (text, "Change | €31.24");
  assert_has (text, "Thank you for shopping local!");
  assert_has (text, "[barcode T1-1]");
  assert_null (strstr (text, "COPY"));
  assert_null (strstr (text, "REFUND"));
  assert_null (strstr (text, "Points"));
  last = pos_receipt_get_block (receipt, pos_receipt_get_n_blocks (receipt) - 1);
  assert_int_equal (last->kind, POS_BLOCK_CUT);
  save_preview (receipt, "receipt-sale.png");
}

static void
test_receipt_shows_discounts_and_cash_rounding (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *text = NULL;

  assert_true (pos_store_set_setting (shop->store, "cash_step", "5", NULL));
  receipt_no = ring_up_sale (shop, "10%", NULL);
  receipt = pos_receipt_build (shop->store, receipt_no, &error);
  pos_assert_no_error (error);
  text = receipt_text (receipt);
  /* 10 % of 18.76 = 1.88 off, shared by the lines: 16.88, rounded to 16.90 in cash. */
  assert_has (text, "  Discount | -€0.70");
  assert_has (text, "Subtotal | €18.76");
  assert_has (text, "Discounts | -€1.88");
  assert_has (text, "Total before rounding | €16.88");
  assert_has (text, "Cash rounding | €0.02");
  assert_has (text, "TOTAL | €16.90");
  assert_has (text, "Change | €33.10");
  save_preview (receipt, "receipt-discount.png");
}

static void
test_receipt_shows_loyalty_points (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  PosCustomer draft = { .card_code = (char *)"CARD-0042", .name = (char *)"Alex Doe", .consent = TRUE };
  g_autoptr (PosCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *first = NULL, *second = NULL, *text = NULL;

  customer = pos_test_add_customer (shop->store, shop->cashier, &draft);
  first = ring_up_sale (shop, NULL, "CARD-0042");
  second = ring_up_sale (shop, NULL, "CARD-0042");

  /* Reprinting the first receipt shows the balance as it was then. */
  receipt = pos_receipt_build (shop->store, first, &error);
  pos_assert_no_error (error);
  text = receipt_text (receipt);
  assert_has (text, "Customer | Alex Doe");
  assert_has (text, "Points earned | 18");
  assert_has (text, "Points balance | 18");
  g_clear_pointer (&receipt, pos_receipt_unref);
  g_free (text);
  receipt = pos_receipt_build (shop->store, second, &error);
  text = receipt_text (receipt);
  assert_has (text, "Points balance | 36");
}

static void
test_refund_receipt_says_refund_and_names_the_sale (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autoptr (GError) error = NULL;
  PosRefundLine line = { 1, POS_QTY_ONE };
  g_autoptr (PosSaleResult) refund
      = pos_refund_commit (shop->store, receipt_no, &line, 1, shop->supervisor, NULL, NULL, 0, &error);
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *text = NULL;

  pos_assert_no_error (error);
  receipt = pos_receipt_build (shop->store, refund->receipt_no, &error);
  pos_assert_no_error (error);
  text = receipt_text (receipt);
  assert_has (text, "REFUND\n");
  assert_has (text, "Refund of receipt | T1-1");
  assert_has (text, "Receipt | T1-2");
  assert_has (text, "Earl Grey tea | -€3.49 A");
  assert_has (text, "REFUND | -€3.49");
  assert_has (text, "[barcode T1-2]");
  save_preview (receipt, "receipt-refund.png");
}

static void
test_reprint_says_copy (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = pos_receipt_build_full (shop->store, receipt_no, TRUE, &error);
  g_autofree char *text = NULL;

  pos_assert_no_error (error);
  text = receipt_text (receipt);
  assert_has (text, "COPY\n");
  assert_has (text, "TOTAL | €18.76");
}

static void
test_unknown_receipt_is_not_found (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autoptr (GError) error = NULL;

  assert_null (pos_receipt_build (shop->store, "T1-99", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_print_receipt (shop->store, "T1-99", "file:/dev/null", FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

/* The € must reach the printer as CP858's 0xD5, after ESC t selects it. */
static void
test_euro_sign_is_encoded_in_cp858 (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  const PosPrinterProfile *profile = pos_printer_profile_lookup ("generic-80");
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GBytes) bytes = NULL;
  guint8 number = 0;
  gsize size = 0;
  const guint8 *data;

  /* Only €, × and ASCII: CP858 has them all and comes first (an en dash
   * would have made CP1252 the better page). */
  assert_true (pos_store_set_setting (shop->store, "receipt_header", "Open Mon-Sat 8-20", NULL));
  receipt = pos_receipt_build (shop->store, receipt_no, &error);
  pos_assert_no_error (error);
  bytes = pos_escpos_encode (receipt, profile, &error);
  pos_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  assert_memory_equal (data, "\x1b@", 2);
  assert_int_equal (pos_escpos_pick_codepage (receipt, profile), POS_CODEPAGE_CP858);
  assert_true (pos_printer_profile_codepage_number (profile, POS_CODEPAGE_CP858, &number));
  assert_true (find_bytes (bytes, (guint8[]){ 0x1b, 't', number }, 3) >= 0);
  assert_true (find_bytes (bytes,
                           "\xd5"
                           "18.76",
                           6)
               > 0);
  assert_true (find_bytes (bytes,
                           "2 \x9e \xd5"
                           "3.49",
                           9)
               > 0);                                       /* × is 0x9E in CP850/858 */
  assert_true (find_bytes (bytes, "\xe2\x82\xac", 3) < 0); /* no UTF-8 left */
  assert_true (find_bytes (bytes, "T1-1", 4) > 0);
  assert_true (find_bytes (bytes, "\x1dV", 2) > 0);
}

static char *
tmp_file (PosTestShop *shop, const char *name)
{
  return g_build_filename (shop->t->dir, name, NULL);
}

static void
test_print_to_file_sends_the_encoded_receipt (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autofree char *path = tmp_file (shop, "printer.bin");
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = pos_receipt_build (shop->store, receipt_no, NULL);
  g_autoptr (GBytes) expected = pos_escpos_encode (receipt, pos_printer_profile_lookup ("generic-80"), NULL);
  gsize length = 0;

  /* No printer given or set up: a clear error. */
  assert_false (pos_print_receipt (shop->store, receipt_no, NULL, FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);

  assert_true (pos_store_set_setting (shop->store, "printer", uri, NULL));
  assert_true (pos_print_receipt (shop->store, receipt_no, NULL, FALSE, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_int_equal (length, g_bytes_get_size (expected));
  assert_memory_equal (contents, g_bytes_get_data (expected, NULL), length);
}

static void
test_print_profile_comes_from_the_settings (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autofree char *path = tmp_file (shop, "printer58.bin");
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosReceipt) receipt = pos_receipt_build (shop->store, receipt_no, NULL);
  g_autoptr (GBytes) expected = pos_escpos_encode (receipt, pos_printer_profile_lookup ("generic-58"), NULL);
  gsize length = 0;

  assert_true (pos_store_set_setting (shop->store, "printer_profile", "generic-58", NULL));
  assert_true (pos_print_receipt (shop->store, receipt_no, uri, FALSE, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_int_equal (length, g_bytes_get_size (expected));
  assert_memory_equal (contents, g_bytes_get_data (expected, NULL), length);

  assert_true (pos_store_set_setting (shop->store, "printer_profile", "no-such-printer", NULL));
  assert_false (pos_print_receipt (shop->store, receipt_no, uri, FALSE, &error));
  pos_assert_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID);
}

/* A port nobody listens on: the printer is switched off. */
static char *
dead_printer_uri (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_strdup_printf ("tcp:127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
test_printer_that_is_off_fails_and_the_receipt_can_be_reprinted (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autofree char *dead = dead_printer_uri ();
  g_autofree char *path = tmp_file (shop, "later.bin");
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  assert_false (pos_print_receipt (shop->store, receipt_no, dead, FALSE, &error));
  assert_non_null (error);
  assert_int_equal (error->domain, POS_DEVICE_ERROR);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM sale"), 1);
  g_clear_error (&error);
  assert_true (pos_print_receipt (shop->store, receipt_no, uri, TRUE, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  {
    g_autoptr (GBytes) printed = g_bytes_new (contents, length);
    assert_true (find_bytes (printed, "COPY", 4) > 0);
  }
}

typedef struct
{
  gboolean done;
  gboolean printed;
  GError *error;
} AsyncPrint;

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncPrint *print = data;

  print->printed = pos_print_receipt_finish (result, &print->error);
  print->done = TRUE;
}

static void
test_async_print_uses_its_own_connection (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autofree char *path = tmp_file (shop, "async.bin");
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  AsyncPrint print = { 0 };

  pos_print_receipt_async (shop->store, receipt_no, uri, FALSE, NULL, on_printed_cb, &print);
  while (!print.done)
    g_main_context_iteration (NULL, TRUE);
  pos_assert_no_error (print.error);
  assert_true (print.printed);
  assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  print = (AsyncPrint){ 0 };
  pos_print_receipt_async (shop->store, "T1-404", uri, FALSE, NULL, on_printed_cb, &print);
  while (!print.done)
    g_main_context_iteration (NULL, TRUE);
  pos_assert_error (print.error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&print.error);
}

static gint64
drawer_audits (PosStore *store)
{
  return pos_test_query_int (store, "SELECT count(*) FROM audit WHERE action = 'drawer_open'");
}

static void
test_no_sale_drawer_needs_a_supervisor_and_a_reason (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *path = tmp_file (shop, "drawer.bin");
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  assert_false (
      pos_drawer_open (shop->store, shop->cashier, NULL, "change for the bakery", NULL, uri, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_drawer_open (shop->store, shop->cashier, shop->supervisor, "  ", NULL, uri, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_int_equal (drawer_audits (shop->store), 0);

  assert_true (pos_drawer_open (shop->store, shop->cashier, shop->supervisor, "change for the bakery", NULL,
                                uri, &error));
  pos_assert_no_error (error);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_true (length == 5 && contents[0] == 0x1b && contents[1] == 'p' && contents[2] == 0);
  assert_int_equal (drawer_audits (shop->store), 1);
  assert_int_equal (pos_test_query_int (shop->store,
                                        "SELECT count(*) FROM audit a JOIN user u ON u.id = a.user_id "
                                        "JOIN user v ON v.id = a.approver_id WHERE a.action = 'drawer_open' "
                                        "AND u.name = 'casey' AND v.name = 'sam' AND a.sale_id IS NULL "
                                        "AND json_extract (a.detail, '$.reason') = 'change for the bakery' "
                                        "AND json_extract (a.detail, '$.no_sale') = 1"),
                    1);
  assert_int_equal (
      pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = 'drawer.open'"), 1);
  /* A supervisor may open it alone. */
  assert_true (pos_drawer_open (shop->store, shop->supervisor, NULL, "count the float", NULL, uri, &error));
  assert_int_equal (drawer_audits (shop->store), 2);
}

static void
test_drawer_for_a_sale_is_audited_with_the_sale (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *receipt_no = ring_up_sale (shop, NULL, NULL);
  g_autofree char *path = tmp_file (shop, "drawer.bin");
  g_autofree char *uri = g_strconcat ("file:", path, NULL);
  g_autoptr (GError) error = NULL;

  assert_true (pos_drawer_open (shop->store, shop->cashier, NULL, "cash sale", receipt_no, uri, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (shop->store,
                                        "SELECT count(*) FROM audit a JOIN sale s ON s.id = a.sale_id "
                                        "WHERE a.action = 'drawer_open' AND s.receipt_no = 'T1-1'"),
                    1);
  assert_false (pos_drawer_open (shop->store, shop->cashier, NULL, "cash sale", "T1-77", uri, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (drawer_audits (shop->store), 1);
}

/* A kick that never reached the printer leaves no record of an opening. */
static void
test_failed_drawer_kick_is_not_audited (void **state)
{
  g_autoptr (PosTestShop) shop = receipt_shop ();
  g_autofree char *dead = dead_printer_uri ();
  g_autoptr (GError) error = NULL;
  gint64 events = pos_test_query_int (shop->store, "SELECT count(*) FROM journal");

  assert_false (pos_drawer_open (shop->store, shop->supervisor, NULL, "count the float", NULL, dead, &error));
  assert_non_null (error);
  assert_int_equal (error->domain, POS_DEVICE_ERROR);
  assert_int_equal (drawer_audits (shop->store), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal"), events);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_receipt_shows_shop_sale_taxes_tenders_and_barcode),
    cmocka_unit_test (test_receipt_shows_discounts_and_cash_rounding),
    cmocka_unit_test (test_receipt_shows_loyalty_points),
    cmocka_unit_test (test_refund_receipt_says_refund_and_names_the_sale),
    cmocka_unit_test (test_reprint_says_copy),
    cmocka_unit_test (test_unknown_receipt_is_not_found),
    cmocka_unit_test (test_euro_sign_is_encoded_in_cp858),
    cmocka_unit_test (test_print_to_file_sends_the_encoded_receipt),
    cmocka_unit_test (test_print_profile_comes_from_the_settings),
    cmocka_unit_test (test_printer_that_is_off_fails_and_the_receipt_can_be_reprinted),
    cmocka_unit_test (test_async_print_uses_its_own_connection),
    cmocka_unit_test (test_no_sale_drawer_needs_a_supervisor_and_a_reason),
    cmocka_unit_test (test_drawer_for_a_sale_is_audited_with_the_sale),
    cmocka_unit_test (test_failed_drawer_kick_is_not_audited),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
