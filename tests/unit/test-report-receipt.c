/* test-report-receipt.c — X and Z reports as printable documents: what they
 * say (quantities, local times, names, no internal fields) and their PDF. */
#include "pos-test-shop.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pos-printing.h"
#include "pos-receipt-preview.h"
#include "pos-report-receipt.h"
#include "pos-report.h"
#include "pos-store-private.h"

/* Two teas, a milk and 1.532 kg of cheese, paid in cash. */
static void
ring_up_sale (PosTestShop *shop)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (10000);

  assert_true (pos_cart_add_product (cart, shop->tea, 2 * POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->milk, POS_QTY_ONE, &error));
  assert_true (pos_cart_add_product (cart, shop->cheese, 1532, &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
}

/* Every line the document prints; columns as "left | right". */
static char *
document_text (PosReceipt *receipt)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    {
      const PosReceiptBlock *b = pos_receipt_get_block (receipt, i);
      if (b->kind == POS_BLOCK_TEXT)
        g_string_append_printf (text, "%s\n", b->text);
      else if (b->kind == POS_BLOCK_COLUMNS)
        g_string_append_printf (text, "%s | %s\n", b->text, b->right);
    }
  return g_string_free (text, FALSE);
}

static void
assert_has (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    fail_msg ("the document lacks “%s”:\n%s", needle, text);
}

static void
assert_lacks (const char *text, const char *needle)
{
  if (strstr (text, needle) != NULL)
    fail_msg ("the document says “%s”:\n%s", needle, text);
}

static void
test_x_report_document_reads_as_a_person_would (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *local_hour = g_date_time_format (now, " %H:");
  g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *utc_stamp = g_date_time_format (utc, "%Y-%m-%dT");

  ring_up_sale (shop);
  report = pos_report_x (shop->store, &error);
  pos_assert_no_error (error);
  receipt = pos_report_receipt_build (shop->store, report);
  text = document_text (receipt);

  assert_has (text, "X report");
  assert_has (text, "Gross sales | €38.66");
  /* Tax rates as percents, cashiers by name, shifts opened in local time. */
  assert_has (text, "5 %");
  assert_has (text, "casey");
  assert_has (text, local_hour);
  assert_lacks (text, utc_stamp);
  assert_lacks (text, "rate_bp");
  assert_lacks (text, "Rate bp");
  assert_lacks (text, "Shift id");
  assert_lacks (text, "_id");
}

static void
test_sales_report_document_prints_quantities_as_quantities (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autofree char *text = NULL;

  ring_up_sale (shop);
  report = pos_report_sales (shop->store, NULL, NULL, POS_REPORT_BY_PRODUCT, &error);
  pos_assert_no_error (error);
  receipt = pos_report_receipt_build (shop->store, report);
  text = document_text (receipt);

  assert_has (text, "1.532 kg");
  assert_lacks (text, "1532");
  assert_lacks (text, "2000");
}

static void
test_report_document_exports_as_pdf (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) report = NULL;
  g_autofree char *dir = g_dir_make_tmp ("report-pdf-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "x-report.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  ring_up_sale (shop);
  report = pos_report_x (shop->store, &error);
  pos_assert_no_error (error);
  assert_true (pos_report_receipt_write_pdf (shop->store, report, path, &error));
  pos_assert_no_error (error);

  assert_true (g_file_get_contents (path, &contents, &length, &error));
  assert_true (length > 1000);
  assert_memory_equal (contents, "%PDF-", 5);
  assert_non_null (g_strstr_len (contents + length - 8, 8, "%%EOF"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_pdf_export_to_a_missing_folder_fails_clearly (void **state)
{
  g_autoptr (PosReceipt) receipt = pos_receipt_new ();
  g_autoptr (GError) error = NULL;
  const PosPrinterProfile *profile = pos_printer_profile_lookup ("generic-80");

  pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_LEFT, "X report");
  assert_false (pos_receipt_preview_write_pdf (receipt, profile, "/nonexistent/dir/x.pdf", &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, "/nonexistent/dir/x.pdf"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_x_report_document_reads_as_a_person_would),
    cmocka_unit_test (test_sales_report_document_prints_quantities_as_quantities),
    cmocka_unit_test (test_report_document_exports_as_pdf),
    cmocka_unit_test (test_pdf_export_to_a_missing_folder_fails_clearly),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
