/* test-price-schedule.c — scheduled price changes: checked when scheduled,
 * applied when the clock reaches them (as a catalog version, the label
 * listed as changed), and learnt by another till from the journal. */
#include "pos-test-util.h"

#include "pos-clock.h"
#include "pos-price-schedule.h"
#include "pos-product-edit.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"
#include "pos-test-shop.h"
#include "pos-variant.h"

#define NOW G_GINT64_CONSTANT (1796000000000000) /* 2026-11-30, a fixed clock */
#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static int
fix_clock (void **state)
{
  pos_clock_set_fixed_for_testing (NOW);
  return 0;
}

static int
real_clock (void **state)
{
  pos_clock_set_fixed_for_testing (0);
  return 0;
}

static void
test_bad_schedules_are_refused_and_change_nothing (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  gint64 events = pos_test_query_int (shop->store, "SELECT count(*) FROM journal");
  struct
  {
    PosAmount price;
    gint64 starts;
    const char *field;
  } bad[] = {
    { 299, NOW - 1, "from" },
    { 299, NOW, "from" },
    { -1, NOW + HOUR, "price" },
    { POS_PRODUCT_PRICE_MAX + 1, NOW + HOUR, "price" },
  };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) local = NULL;
      const char *field = NULL;

      assert_false (pos_price_schedule_add (shop->store, shop->owner, shop->tea, bad[i].price, bad[i].starts,
                                            &field, &local));
      pos_assert_error (local, POS_ERROR, POS_ERROR_INVALID);
      if (g_strcmp0 (field, bad[i].field) != 0)
        fail_msg ("case %u: field %s, expected %s (%s)", i, field, bad[i].field, local->message);
    }
  assert_false (
      pos_price_schedule_add (shop->store, shop->cashier, shop->tea, 299, NOW + HOUR, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM price_change"), 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal"), events);
}

/* Nothing changes before the start; at the start the price switches as a
 * catalog version, the shelf label is listed as changed, and a variant that
 * follows its product's price follows this one too. */
static void
test_price_switches_when_the_clock_reaches_it (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (PosProduct) variant = pos_product_new ();
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GError) error = NULL;
  const char *pairs[] = { "size=large", NULL };

  variant->sku = g_strdup ("TEA-L");
  variant->parent_id = shop->tea;
  variant->own_price = FALSE;
  variant->variant_options = pos_variant_options_from_pairs (pairs, NULL);
  assert_true (pos_product_edit_save (shop->store, shop->owner, variant, NULL, NULL, &error));
  pos_assert_no_error (error);
  assert_true (pos_price_schedule_add (shop->store, shop->owner, shop->tea, 299, NOW + HOUR, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = "
                                                     "'price.scheduled' AND payload ->> '$.price' = 299"),
                    1);
  assert_true (pos_price_schedule_next_due (shop->store, NULL) == NOW + HOUR);
  pending = pos_price_schedule_list (shop->store, FALSE, &error);
  assert_int_equal (pending->len, 1);
  assert_int_equal (((PosPriceChange *)g_ptr_array_index (pending, 0))->old_price, 349);

  pos_clock_set_fixed_for_testing (NOW + HOUR - 1);
  assert_true (pos_price_schedule_apply_due (shop->store, changed, &error));
  assert_int_equal (changed->len, 0);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT price FROM product WHERE sku = 'TEA'"), 349);

  pos_clock_set_fixed_for_testing (NOW + HOUR);
  assert_true (pos_price_schedule_apply_due (shop->store, changed, &error));
  pos_assert_no_error (error);
  assert_int_equal (changed->len, 1);
  assert_int_equal (g_array_index (changed, gint64, 0), shop->tea);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT price FROM product WHERE sku = 'TEA'"), 299);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT price FROM product WHERE sku = 'TEA-L'"), 299);
  versions = pos_catalog_versions (shop->store, shop->tea, &error);
  assert_int_equal (versions->len, 1);
  assert_int_equal (((PosProduct *)g_ptr_array_index (versions, 0))->price, 349);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM label_price l JOIN product p ON "
                                                     "p.id = l.product_id WHERE l.price <> p.price"),
                    2);
  assert_true (pos_price_schedule_next_due (shop->store, NULL) == 0);
  /* Applied once: a later run changes nothing. */
  assert_true (pos_price_schedule_apply_due (shop->store, changed, &error));
  assert_int_equal (changed->len, 1);
}

/* The schedule reaches another till, which switches at the same moment by
 * its own clock, offline or not. */
static void
test_another_till_switches_from_the_scheduled_event (void **state)
{
  g_autoptr (PosTestShop) here = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosTestShop) there = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GError) error = NULL;

  assert_true (pos_price_schedule_add (here->store, here->owner, here->tea, 299, NOW + HOUR, NULL, &error));
  stmt = pos_store_prepare (here->store, "SELECT payload, hlc FROM journal WHERE type = 'price.scheduled'",
                            NULL);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  {
    PosJournalEvent event = {
      .event_id = (char *)"01900000-0000-7000-8000-000000000001",
      .till_id = (char *)"T2",
      .till_seq = 1,
      .hlc = (char *)sqlite3_column_text (stmt, 1),
      .type = (char *)"price.scheduled",
      .payload = (char *)sqlite3_column_text (stmt, 0),
    };

    assert_true (pos_store_begin (there->store, NULL));
    assert_true (pos_sync_apply_event (there->store, &event, &error));
    pos_assert_no_error (error);
    assert_true (pos_store_commit (there->store, NULL));
  }
  assert_true (pos_price_schedule_apply_due (there->store, NULL, &error));
  assert_int_equal (pos_test_query_int (there->store, "SELECT price FROM product WHERE sku = 'TEA'"), 349);
  pos_clock_set_fixed_for_testing (NOW + 2 * HOUR);
  assert_true (pos_price_schedule_apply_due (there->store, NULL, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (there->store, "SELECT price FROM product WHERE sku = 'TEA'"), 299);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_bad_schedules_are_refused_and_change_nothing, fix_clock,
                                     real_clock),
    cmocka_unit_test_setup_teardown (test_price_switches_when_the_clock_reaches_it, fix_clock, real_clock),
    cmocka_unit_test_setup_teardown (test_another_till_switches_from_the_scheduled_event, fix_clock,
                                     real_clock),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
