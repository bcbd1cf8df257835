/* test-training.c — training mode at the till: a training sale leaves
 * every total, stock level, Z, loyalty balance and receipt number as it
 * was; it prints as TRAINING; and each fiscal profile marks it as its law
 * asks (AT-RKSV: a signed training receipt whose turnover field says
 * "TRA"; DE: "AVTraining" process data; FR: a line in the event log). */
#include "pos-test-shop.h"
#include "pos-users-testing.h"

#include "pos-clock.h"
#include "pos-fiscal-profile.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-kassensichv.h"
#include "pos-loyalty.h"
#include "pos-receipt-build.h"
#include "pos-refund.h"
#include "pos-report.h"
#include "pos-rksv-code.h"
#include "pos-rksv-jws.h"
#include "pos-rksv-till.h"
#include "pos-shop.h"
#include "pos-tax-rate.h"
#include "pos-store-private.h"
#include "pos-training.h"

static gint64
count (PosTestShop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static char *
sell (PosTestShop *shop, const char *code, const char *customer)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (2000);

  if (customer != NULL)
    assert_true (pos_cart_set_customer (cart, customer, &error));
  assert_true (pos_cart_add_code (cart, code, &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  return g_strdup (result->receipt_no);
}

static void
training (PosTestShop *shop, gboolean on)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_training_set (shop->store, shop->supervisor, NULL, on, &error));
  pos_assert_no_error (error);
}

/* What the X report says of the takings, without its time of day. */
static char *
x_totals (PosTestShop *shop)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) x = pos_report_x (shop->store, &error);
  JsonObject *o;

  pos_assert_no_error (error);
  o = json_node_get_object (x);
  json_object_remove_member (o, "created_at");
  json_object_remove_member (o, "generated_at");
  return pos_json_canonical (x, NULL);
}

static gboolean
receipt_says (PosReceipt *receipt, const char *text)
{
  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    {
      const PosReceiptBlock *b = pos_receipt_get_block (receipt, i);
      if (g_strcmp0 (b->text, text) == 0 || g_strcmp0 (b->right, text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_training_sale_leaves_every_total_as_it_was (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  PosCustomer draft = { .card_code = (char *)"LOYAL-7", .name = (char *)"Ada" };
  g_autoptr (PosCustomer) customer = pos_test_add_customer (shop->store, shop->cashier, &draft);
  g_autofree char *first = sell (shop, "TEA", "LOYAL-7");
  g_autofree char *x_before = x_totals (shop);
  gint64 points = pos_loyalty_balance (shop->store, customer->id);
  gint64 moves = count (shop, "SELECT count (*) FROM stock_move");
  g_autofree char *trained = NULL, *x_after = NULL, *next = NULL;

  training (shop, TRUE);
  assert_true (pos_training_is_on (shop->store));
  trained = sell (shop, "TEA", "LOYAL-7");
  assert_string_equal (trained, "T1-T1");
  x_after = x_totals (shop);
  assert_string_equal (x_after, x_before);
  assert_int_equal (pos_loyalty_balance (shop->store, customer->id), points);
  assert_int_equal (count (shop, "SELECT count (*) FROM stock_move"), moves);
  assert_int_equal (count (shop, "SELECT count (*) FROM sale"), 1);
  assert_int_equal (count (shop, "SELECT count (*) FROM payment"), 1);
  assert_int_equal (count (shop, "SELECT count (*) FROM journal WHERE type = 'training.sale'"), 1);
  assert_int_equal (count (shop, "SELECT count (*) FROM journal WHERE type = 'training.on'"), 1);

  training (shop, FALSE);
  next = sell (shop, "TEA", NULL);
  assert_string_equal (first, "T1-1");
  assert_string_equal (next, "T1-2"); /* the customer's numbering never saw the training sale */
  assert_true (pos_journal_verify (shop->store, NULL, NULL));
}

static void
test_z_report_leaves_the_training_sale_out (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *real = sell (shop, "TEA", NULL);
  g_autofree char *trained = NULL;
  g_autoptr (JsonNode) z = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *o;

  training (shop, TRUE);
  trained = sell (shop, "MILK", NULL);
  training (shop, FALSE);
  z = pos_report_z (shop->store, shop->supervisor, NULL, &error);
  pos_assert_no_error (error);
  o = json_node_get_object (z);
  assert_int_equal (pos_json_get_int (o, "total", -1), 349);
  assert_int_equal (pos_json_get_int (o, "sales", -1), 1);
  assert_int_equal (pos_json_get_int (o, "expected_cash", -1), 10000 + 349);
}

static void
test_training_receipt_says_so_top_and_bottom (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *trained = NULL;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GError) error = NULL;
  const PosReceiptBlock *first, *last;

  training (shop, TRUE);
  trained = sell (shop, "TEA", NULL);
  receipt = pos_receipt_build (shop->store, trained, &error);
  pos_assert_no_error (error);
  first = pos_receipt_get_block (receipt, 0);
  last = pos_receipt_get_block (receipt, pos_receipt_get_n_blocks (receipt) - 2);
  assert_string_equal (first->text, "TRAINING");
  assert_string_equal (last->text, "TRAINING");
  assert_true (receipt_says (receipt, "T1-T1"));
  assert_true (receipt_says (receipt, "€3.49"));
  assert_null (pos_receipt_build (shop->store, "T1-T9", &error));
}

static void
test_switching_needs_a_supervisor_and_is_journalled (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  assert_false (pos_training_set (shop->store, shop->cashier, NULL, TRUE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_training_is_on (shop->store));
  assert_true (pos_training_set (shop->store, shop->cashier, shop->supervisor, TRUE, &error));
  pos_assert_no_error (error);
  assert_false (pos_training_set (shop->store, shop->owner, NULL, TRUE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
  assert_int_equal (count (shop, "SELECT count (*) FROM journal WHERE type = 'training.on' AND "
                                 "json_extract (payload, '$.approver') = 'sam'"),
                    1);
}

static void
test_points_cannot_pay_a_training_sale (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  PosTender voucher = { POS_TENDER_VOUCHER, 349, (char *)"GIFT-1", 0 };

  training (shop, TRUE);
  assert_true (pos_cart_add_code (cart, "TEA", NULL));
  assert_null (pos_checkout_commit (shop->store, cart, shop->cashier, &voucher, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (pos_cart_get_n_lines (cart), 1);
}

static void
test_no_refund_in_training_mode (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *real = sell (shop, "TEA", NULL);
  g_autoptr (GError) error = NULL;
  PosTender cash = pos_test_cash (349);

  training (shop, TRUE);
  assert_null (pos_refund_commit (shop->store, real, NULL, 0, shop->supervisor, NULL, &cash, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (count (shop, "SELECT count (*) FROM sale"), 1);
}

static void
set_profile (PosTestShop *shop, const char *profile)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_shop_setting_set (shop->store, shop->owner, POS_FISCAL_PROFILE_SETTING, profile, &error));
  pos_assert_no_error (error);
}

static void
test_german_training_is_kept_as_avtraining (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autofree char *real = NULL, *trained = NULL;
  g_autoptr (PosReceipt) receipt = NULL;

  /* Germany's normal rate in place of the test shop's 20 %. */
  assert_true (pos_tax_rate_put (shop->store, "A", "Normal", 1900, &error));
  pos_assert_no_error (error);
  set_profile (shop, "DE-KassenSichV");
  real = sell (shop, "TEA", NULL);
  training (shop, TRUE);
  trained = sell (shop, "TEA", NULL);
  assert_int_equal (count (shop, "SELECT count (*) FROM fiscal_receipt WHERE kind = 'training' AND "
                                 "receipt_id = 'T1-T1' AND sale_id IS NULL AND fiscal_data = "
                                 "'AVTraining^3.49_0.00_0.00_0.00_0.00^3.49:Bar'"),
                    1);
  assert_int_equal (count (shop, "SELECT count (*) FROM fiscal_receipt WHERE kind = 'sale' AND "
                                 "fiscal_data LIKE 'Beleg^%'"),
                    1);
  receipt = pos_receipt_build (shop->store, trained, &error);
  pos_assert_no_error (error);
  assert_true (receipt_says (receipt, POS_KASSENSICHV_NO_TSE));
}

static void
test_french_training_is_in_the_event_log_not_the_totals (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *real = NULL, *trained = NULL;

  set_profile (shop, "FR-NF525");
  real = sell (shop, "TEA", NULL);
  training (shop, TRUE);
  trained = sell (shop, "MILK", NULL);
  training (shop, FALSE);
  assert_int_equal (count (shop, "SELECT count (*) FROM fiscal_event WHERE kind = 'training'"), 3);
  assert_int_equal (count (shop, "SELECT count (*) FROM fiscal_event WHERE kind = 'training' AND line LIKE "
                                 "'%sale T1-T1 total 119%'"),
                    1);
  assert_int_equal (count (shop, "SELECT count (*) FROM fiscal_receipt WHERE profile = 'FR-NF525'"), 1);
}

/* AT-RKSV on a SoftHSM2 token made in a temporary folder. */
static void
make_token (const char *dir)
{
  g_autofree char *lib
      = g_build_filename (g_getenv ("POS_SOURCE_DIR"), "tests", "integration", "lib-softhsm.sh", NULL);
  g_autofree char *script = g_strdup_printf (". '%s' && softhsm_token '%s' kasse 2468 rksv-key", lib, dir);
  const char *argv[] = { "bash", "-c", script, NULL };
  g_autofree char *conf = g_build_filename (dir, "softhsm2.conf", NULL);
  int status = -1;

  assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  assert_int_equal (status, 0);
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);
}

static void
start_cash_box (PosTestShop *shop)
{
  PosRksvSetup setup = { "KASSE-1", "U:ATU12345678-K1", NULL, "kasse", "rksv-key", "2468" };
  g_autoptr (GError) error = NULL;
  const char *modules[]
      = { "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", NULL };

  for (guint i = 0; modules[i] != NULL && setup.module_path == NULL; i++)
    if (g_file_test (modules[i], G_FILE_TEST_EXISTS))
      setup.module_path = modules[i];
  assert_non_null (setup.module_path);
  assert_true (pos_rksv_till_setup (shop->store, shop->owner, &setup, &error));
  pos_assert_no_error (error);
}

static void
test_austrian_training_receipt_is_signed_and_says_tra (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autofree char *hsm = pos_test_tmpdir_new ();
  g_autofree char *real = NULL, *trained = NULL, *jws = NULL, *text = NULL;
  g_auto (PosRksvCode) code = { 0 };
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GError) error = NULL;
  gint64 turnover;
  guint receipts = 0;

  make_token (hsm);
  start_cash_box (shop);
  real = sell (shop, "TEA", NULL);
  turnover = count (shop, "SELECT turnover FROM fiscal_receipt ORDER BY id DESC LIMIT 1");
  assert_int_equal (turnover, 349);
  training (shop, TRUE);
  trained = sell (shop, "TEA", NULL);
  assert_int_equal (count (shop, "SELECT turnover FROM fiscal_receipt WHERE kind = 'training'"), turnover);
  {
    g_autoptr (PosStmt) stmt = pos_store_prepare (
        shop->store, "SELECT fiscal_data FROM fiscal_receipt WHERE kind = 'training'", NULL);
    assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
    jws = pos_stmt_dup_text (stmt, 0);
  }
  text = pos_rksv_jws_code (jws, NULL, &error);
  pos_assert_no_error (error);
  assert_true (pos_rksv_code_parse (text, &code, &error));
  assert_string_equal (code.receipt_id, "T1-T1");
  assert_string_equal (code.turnover, "VFJB"); /* base64 of "TRA" */
  assert_int_equal (code.sums[POS_RKSV_RATE_NORMAL], 349);
  assert_true (pos_rksv_till_verify (shop->store, &receipts, &error));
  pos_assert_no_error (error);
  assert_int_equal (receipts, 3); /* start, sale, training */
  receipt = pos_receipt_build (shop->store, trained, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_receipt_get_block (receipt, pos_receipt_get_n_blocks (receipt) - 3)->kind,
                    POS_BLOCK_QR);
  pos_test_tmpdir_free (g_steal_pointer (&hsm));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_training_sale_leaves_every_total_as_it_was),
    cmocka_unit_test (test_z_report_leaves_the_training_sale_out),
    cmocka_unit_test (test_training_receipt_says_so_top_and_bottom),
    cmocka_unit_test (test_switching_needs_a_supervisor_and_is_journalled),
    cmocka_unit_test (test_points_cannot_pay_a_training_sale),
    cmocka_unit_test (test_no_refund_in_training_mode),
    cmocka_unit_test (test_german_training_is_kept_as_avtraining),
    cmocka_unit_test (test_french_training_is_in_the_event_log_not_the_totals),
    cmocka_unit_test (test_austrian_training_receipt_is_signed_and_says_tra),
  };

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
