/* test-chain.c — rows tied to their events, a damaged chain stops selling,
 * and every event signed with the till's key. */
#define _GNU_SOURCE /* memmem */
#include "pos-test-shop.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pos-backup.h"
#include "pos-event-rows.h"
#include "pos-journal.h"
#include "pos-stock.h"
#include "pos-store-private.h"
#include "pos-till-key.h"

static char *
replace (const char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
sell_milk (PosTestShop *shop, PosTender tender)
{
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;

  assert_true (pos_cart_add_code (cart, "MILK", &error));
  assert_true (pos_cart_add_code (cart, "4006381333931", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &tender, 1, &error);
  pos_assert_no_error (error);
}

/* The rows check fails with a message naming @table. */
static void
assert_rows_fail_naming (PosStore *store, const char *table)
{
  g_autoptr (GError) error = NULL;

  assert_false (pos_event_rows_verify (store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  assert_true (g_str_has_prefix (error->message, table));
}

static void
test_untouched_sales_match_their_rows (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  PosEventRowsCheck check = { 0 };

  sell_milk (shop, pos_test_cash (1000));
  sell_milk (shop, pos_test_card (468, "REF1"));
  assert_true (pos_event_rows_verify (shop->store, &check, &error));
  pos_assert_no_error (error);
  assert_int_equal (check.covered, 2);
  assert_int_equal (check.older, 0);
}

static void
test_changed_line_price_is_named (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  sell_milk (shop, pos_test_cash (1000));
  sell_milk (shop, pos_test_cash (1000));
  pos_test_exec (shop->store, "DROP TRIGGER sale_line_no_update; "
                              "UPDATE sale_line SET unit_price = unit_price + 1 WHERE id = 3");
  assert_false (pos_event_rows_verify (shop->store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  pos_assert_contains (error->message, "sale_line row 3");
  pos_assert_contains (error->message, "T1-2");
}

static void
test_changed_payment_amount_is_named (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");

  sell_milk (shop, pos_test_cash (1000));
  pos_test_exec (shop->store, "DROP TRIGGER payment_no_update; UPDATE payment SET amount = amount + 4");
  assert_rows_fail_naming (shop->store, "payment row 1");
}

static void
test_changed_sale_stock_move_is_named (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");

  sell_milk (shop, pos_test_cash (1000));
  pos_test_exec (shop->store,
                 "DROP TRIGGER stock_move_no_update; "
                 "UPDATE stock_move SET qty = qty + 1 WHERE id = (SELECT max (id) FROM stock_move)");
  assert_rows_fail_naming (shop->store, "stock_move row");
}

static void
test_changed_adjustment_qty_is_named (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autofree char *row = NULL;

  assert_true (
      pos_stock_adjust (shop->store, shop->owner, NULL, shop->milk, -2000, POS_STOCK_WASTE, "spilt", &error));
  pos_assert_no_error (error);
  assert_true (pos_event_rows_verify (shop->store, NULL, &error));
  row = g_strdup_printf ("stock_move row %" G_GINT64_FORMAT,
                         pos_test_query_int (shop->store, "SELECT max (id) FROM stock_move"));
  pos_test_exec (shop->store,
                 "DROP TRIGGER stock_move_no_update; "
                 "UPDATE stock_move SET qty = -200 WHERE id = (SELECT max (id) FROM stock_move)");
  assert_rows_fail_naming (shop->store, row);
}

/* Events written before they listed their rows are counted, not failed. */
static void
test_events_without_rows_are_counted_as_older (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  PosEventRowsCheck check = { 0 };

  json_object_set_string_member (payload, "receipt_no", "T1-1");
  assert_true (pos_store_begin (t->store, &error));
  event = pos_journal_append_object (t->store, "sale", payload, &error);
  pos_assert_no_error (error);
  assert_true (pos_store_commit (t->store, &error));
  assert_true (pos_event_rows_verify (t->store, &check, &error));
  assert_int_equal (check.older, 1);
  assert_int_equal (check.covered, 0);
}

/* Someone edits the newest event: the next sale is refused, nothing written. */
static void
test_sale_is_refused_when_the_newest_event_was_changed (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (PosCart) cart = pos_cart_new (shop->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = pos_test_cash (1000);
  gint64 events, sales;

  sell_milk (shop, cash);
  pos_test_exec (shop->store, "DROP TRIGGER journal_no_update; "
                              "UPDATE journal SET payload = replace (payload, '\"total\":', '\"total\":1') "
                              "WHERE id = (SELECT max (id) FROM journal)");
  events = pos_test_query_int (shop->store, "SELECT count(*) FROM journal");
  sales = pos_test_query_int (shop->store, "SELECT count(*) FROM sale");

  assert_true (pos_cart_add_code (cart, "MILK", &error));
  result = pos_checkout_commit (shop->store, cart, shop->cashier, &cash, 1, &error);
  assert_null (result);
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  assert_string_equal (error->message, "The journal is damaged: restore the latest backup");
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal"), events);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM sale"), sales);
  assert_false (pos_journal_check_chain (shop->store, NULL));
}

/* Re-hashing the chain after an edit does not make it pass: the edited
 * event's signature no longer matches. */
static void
test_rehashed_forgery_fails_on_its_signature (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prev = NULL;
  PosJournalCheck check = { 0 };

  sell_milk (shop, pos_test_cash (1000));
  sell_milk (shop, pos_test_cash (1000));
  assert_true (pos_journal_verify_signed (shop->store, &check, &error));
  pos_assert_no_error (error);
  assert_int_equal (check.unsigned_, 0);
  assert_true (check.signed_ == check.events);

  /* Forge the first sale and re-hash everything after it. */
  events = pos_journal_read (shop->store, 0, FALSE, 0, &error);
  pos_test_exec (shop->store, "DROP TRIGGER journal_no_update");
  prev = g_strdup (POS_JOURNAL_GENESIS_HASH);
  for (guint i = 0; i < events->len; i++)
    {
      PosJournalEvent *e = events->pdata[i];
      char *sql;

      if (g_str_equal (e->type, "sale") && strstr (e->payload, "\"till_number\":1,") != NULL)
        {
          char *forged = replace (e->payload, "\"tendered\":1000", "\"tendered\":9000");
          g_free (e->payload);
          e->payload = forged;
        }
      g_free (e->prev_hash);
      e->prev_hash = g_strdup (prev);
      g_free (e->hash);
      e->hash = pos_journal_event_hash (e);
      g_free (prev);
      prev = g_strdup (e->hash);
      sql = sqlite3_mprintf ("UPDATE journal SET payload = %Q, prev_hash = %Q, hash = %Q WHERE id = %lld",
                             e->payload, e->prev_hash, e->hash, (long long)e->id);
      pos_test_exec (shop->store, sql);
      sqlite3_free (sql);
    }
  assert_false (pos_journal_verify (shop->store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  pos_assert_contains (error->message, "signature");
  /* The chain itself holds: only the key tells the forgery. */
  assert_true (pos_journal_check_chain (shop->store, NULL));
}

/* An unsigned event after signed ones is a forgery, not an old event. */
static void
test_stripped_signature_fails_verify (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;

  sell_milk (shop, pos_test_cash (1000));
  pos_test_exec (shop->store,
                 "DROP TRIGGER journal_no_update; "
                 "UPDATE journal SET signature = NULL WHERE id = (SELECT max (id) FROM journal)");
  assert_false (pos_journal_verify (shop->store, NULL, &error));
  pos_assert_contains (error->message, "not signed");
}

/* A signature changed after it was made, with a later signature of its
 * till that verifies: the event's content is proven (each hash covers the
 * one before it), and verify counts it. The newest event's has no later
 * one to prove it: a break. */
static void
test_changed_signature_is_proven_only_by_a_later_one (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  PosJournalCheck check = { 0 };

  sell_milk (shop, pos_test_cash (1000));
  sell_milk (shop, pos_test_cash (1000));
  pos_test_exec (shop->store, "DROP TRIGGER journal_no_update; "
                              "UPDATE journal SET signature = randomblob (64) "
                              "WHERE id = (SELECT min (id) FROM journal WHERE type = 'sale')");
  assert_true (pos_journal_verify_signed (shop->store, &check, &error));
  pos_assert_no_error (error);
  assert_int_equal (check.proven_later, 1);
  assert_int_equal (check.signed_, check.events);

  pos_test_exec (shop->store, "UPDATE journal SET signature = randomblob (64) "
                              "WHERE id = (SELECT max (id) FROM journal)");
  assert_false (pos_journal_verify_signed (shop->store, &check, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  pos_assert_contains (error->message, "no later signature of its till proves it");
}

static gboolean
file_holds (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  assert_true (g_file_get_contents (path, &data, &len, NULL));
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* The private key is a 0600 file outside the store's folder; neither the
 * store nor its backup holds it, only the public key. */
static void
test_key_file_is_private_and_outside_store_and_backup (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *folder = NULL;
  struct stat st;

  sell_milk (shop, pos_test_cash (1000));
  path = pos_till_key_path (shop->store, "T1", &error);
  pos_assert_no_error (error);
  assert_int_equal (stat (path, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);
  assert_false (g_str_has_prefix (path, shop->t->dir));
  assert_true (g_file_get_contents (path, &seed, NULL, NULL));
  g_strstrip (seed);
  assert_int_equal (strlen (seed), 64);

  folder = g_build_filename (shop->t->dir, "backups", NULL);
  assert_true (pos_backup_to_folder (shop->store, folder, 3, &backup, &error));
  pos_assert_no_error (error);
  pos_test_exec (shop->store, "PRAGMA wal_checkpoint (TRUNCATE)");
  assert_false (file_holds (shop->t->path, seed));
  assert_false (file_holds (backup, seed));
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM till_key"), 1);
}

/* A store copied to a machine without the key: its signatures still check
 * against the public key; the next event comes with a new key pair, first
 * announced in a till.key event. */
static void
test_copied_store_without_key_verifies_and_announces_a_new_key (void **state)
{
  g_autoptr (PosTestShop) shop = pos_test_shop_new ("EUR", "inclusive");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  PosJournalCheck check = { 0 };

  sell_milk (shop, pos_test_cash (1000));
  path = pos_till_key_path (shop->store, "T1", &error);
  assert_int_equal (g_unlink (path), 0);
  pos_till_key_forget_cached ();
  assert_true (pos_journal_verify_signed (shop->store, &check, &error));
  pos_assert_no_error (error);

  sell_milk (shop, pos_test_cash (1000));
  assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM till_key"), 2);
  assert_int_equal (pos_test_query_int (shop->store, "SELECT count(*) FROM journal WHERE type = 'till.key'"),
                    2);
  assert_true (pos_journal_verify_signed (shop->store, &check, &error));
  pos_assert_no_error (error);
  assert_int_equal (check.unsigned_, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_untouched_sales_match_their_rows),
    cmocka_unit_test (test_changed_line_price_is_named),
    cmocka_unit_test (test_changed_payment_amount_is_named),
    cmocka_unit_test (test_changed_sale_stock_move_is_named),
    cmocka_unit_test (test_changed_adjustment_qty_is_named),
    cmocka_unit_test (test_events_without_rows_are_counted_as_older),
    cmocka_unit_test (test_sale_is_refused_when_the_newest_event_was_changed),
    cmocka_unit_test (test_rehashed_forgery_fails_on_its_signature),
    cmocka_unit_test (test_stripped_signature_fails_verify),
    cmocka_unit_test (test_changed_signature_is_proven_only_by_a_later_one),
    cmocka_unit_test (test_key_file_is_private_and_outside_store_and_backup),
    cmocka_unit_test (test_copied_store_without_key_verifies_and_announces_a_new_key),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
