/* test-customer.c — customers: sign-up, finding, editing, search, erasure and export. */
#include "pos-test-shop.h"

#include <string.h>

#include "pos-customer.h"
#include "pos-hlc.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-loyalty.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* ---- helpers ------------------------------------------------------------- */

typedef PosTestStaff Shop;

static gint64
count (Shop *shop, const char *sql)
{
  return pos_test_query_int (shop->store, sql);
}

static PosCustomer *
add (Shop *shop, const char *card, const char *name, const char *phone, const char *email)
{
  PosCustomer draft = { .card_code = (char *)card,
                        .name = (char *)name,
                        .phone = (char *)phone,
                        .email = (char *)email,
                        .consent = TRUE };

  return pos_test_add_customer (shop->store, shop->cashier, &draft);
}

static void
expect_add_refused (Shop *shop, const char *card, const char *phone, const char *email, const char *message)
{
  g_autoptr (GError) error = NULL;
  PosCustomer draft
      = { .card_code = (char *)card, .name = (char *)"X", .phone = (char *)phone, .email = (char *)email };
  g_autoptr (PosCustomer) customer = pos_customer_add (shop->store, shop->cashier, &draft, &error);

  assert_null (customer);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    fail_msg ("“%s” does not contain “%s”", error->message, message);
}

static void
record_points (Shop *shop, gint64 customer, gint64 points, const char *reason, gint64 sale_id)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_begin (shop->store, &error));
  assert_true (pos_loyalty_record (shop->store, customer, points, reason, sale_id, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (shop->store, &error));
}

/* A bare sale row, as checkout would have written it. */
static gint64
add_sale (Shop *shop, gint64 customer, int number, PosAmount total)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO sale (receipt_no, till_id, till_number, customer_id, created_at, business_day, subtotal, "
      "tax_total, total, tendered) VALUES ('T1-%d', 'T1', %d, %" G_GINT64_FORMAT ", "
      "'2026-11-28T09:15:02.120Z', '2026-11-28', %" G_GINT64_FORMAT ", 0, %" G_GINT64_FORMAT
      ", %" G_GINT64_FORMAT ")",
      number, number, customer, total, total, total);

  pos_test_exec (shop->store, sql);
  return sqlite3_last_insert_rowid (pos_store_db (shop->store));
}

/* ---- adding and finding ------------------------------------------------- */

static void
test_add_normalises_and_records_event_and_audit (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) c
      = add (shop, "  LC-1001 ", " Ada Lovelace ", "+44 (20) 7946-0018", "ada@example.org");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (PosCustomer) stored = NULL;
  PosJournalEvent *event;

  assert_true (c->id > 0);
  assert_string_equal (c->card_code, "LC-1001");
  assert_string_equal (c->name, "Ada Lovelace");
  assert_string_equal (c->phone, "+442079460018");
  assert_non_null (c->created_at);
  assert_null (c->erased_at);

  stored = pos_customer_get (shop->store, c->id, &error);
  pos_assert_no_error (error);
  assert_string_equal (stored->phone, "+442079460018");
  assert_string_equal (stored->email, "ada@example.org");
  assert_true (stored->consent);
  assert_int_equal (count (shop, "SELECT count(*) FROM customer WHERE updated_hlc IS NOT NULL"), 1);

  events = pos_journal_read (shop->store, 0, FALSE, 0, &error);
  assert_int_equal (events->len, 4); /* the till's key, its two users, then the customer */
  event = g_ptr_array_index (events, 3);
  assert_string_equal (event->type, "customer.saved");
  pos_assert_contains (event->payload, "\"key\":\"LC-1001\"");
  pos_assert_contains (event->payload, "\"phone\":\"+442079460018\"");
  pos_assert_contains (event->payload, "\"user\":\"carla\"");
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'customer_add' "
                                 "AND detail NOT LIKE '%Ada%'"),
                    1);
}

static void
test_add_refuses_bad_input_and_changes_nothing (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) first = add (shop, "LC-1", "Ada", "0171 555 0100", NULL);

  expect_add_refused (shop, NULL, NULL, NULL, "card code or a phone number");
  expect_add_refused (shop, "  ", "", NULL, "card code or a phone number");
  expect_add_refused (shop, "LC-2", "call me", NULL, "not a phone number");
  expect_add_refused (shop, "LC-2", "12", NULL, "not a phone number");
  expect_add_refused (shop, "LC-2", "1+2345", NULL, "not a phone number");
  expect_add_refused (shop, "LC 2", NULL, NULL, "card code");
  expect_add_refused (shop, "LC-2", NULL, "ada.example.org", "not an email");
  expect_add_refused (shop, "LC-2", NULL, "ada@@example.org", "not an email");
  expect_add_refused (shop, "LC-2", NULL, "a@b@example.org", "not an email");
  expect_add_refused (shop, "LC-2", NULL, "@example.org", "not an email");
  expect_add_refused (shop, "LC-2", NULL, "ada@localhost", "not an email");
  expect_add_refused (shop, "LC-2", NULL, "ada @example.org", "not an email");
  expect_add_refused (shop, "LC-1", NULL, NULL, "Card code LC-1 already");
  expect_add_refused (shop, "LC-2", "0171-555-0100", NULL, "Phone number 01715550100 already");

  assert_int_equal (count (shop, "SELECT count(*) FROM customer"), 1);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM journal WHERE type != 'till.key' AND type NOT LIKE 'user.%'"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action LIKE 'customer%'"), 1);
}

static void
test_find_by_card_or_phone_as_typed (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) ada = add (shop, "LC-1", "Ada", "0171 555 0100", NULL);
  g_autoptr (PosCustomer) bob = add (shop, NULL, "Bob", "+49 30 1234567", NULL);
  g_autoptr (PosCustomer) by_card = NULL;
  g_autoptr (PosCustomer) by_phone = NULL;
  g_autoptr (PosCustomer) missing = NULL;
  g_autoptr (GError) error = NULL;

  by_card = pos_customer_find (shop->store, " LC-1 ", &error);
  pos_assert_no_error (error);
  assert_int_equal (by_card->id, ada->id);
  by_phone = pos_customer_find (shop->store, "+49 (30) 123-4567", &error);
  pos_assert_no_error (error);
  assert_int_equal (by_phone->id, bob->id);
  assert_null (by_phone->card_code);

  missing = pos_customer_find (shop->store, "LC-404", &error);
  assert_null (missing);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_null (pos_customer_find (shop->store, "01715550101", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_null (pos_customer_get (shop->store, 999, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

/* ---- editing ------------------------------------------------------------- */

static void
test_update_saves_profile_with_a_newer_hlc (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) ada = add (shop, "LC-1", "Ada", "0171 555 0100", NULL);
  g_autoptr (PosCustomer) bob = add (shop, "LC-2", "Bob", NULL, NULL);
  g_autoptr (PosCustomer) edit = pos_customer_copy (ada);
  g_autoptr (PosCustomer) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *hlc_before = NULL;
  g_autofree char *hlc_after = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (pos_store_db (shop->store), "SELECT updated_hlc FROM customer WHERE card_code = 'LC-1'",
                      -1, &stmt, NULL);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  hlc_before = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_free (edit->email);
  edit->email = g_strdup ("ada@example.org");
  g_free (edit->card_code);
  edit->card_code = g_strdup ("LC-9");
  edit->consent = FALSE;
  assert_true (pos_customer_update (shop->store, shop->cashier, edit, &error));
  pos_assert_no_error (error);

  stored = pos_customer_get (shop->store, ada->id, &error);
  assert_string_equal (stored->email, "ada@example.org");
  assert_string_equal (stored->card_code, "LC-9");
  assert_false (stored->consent);
  assert_string_equal (stored->created_at, ada->created_at);

  sqlite3_prepare_v2 (pos_store_db (shop->store), "SELECT updated_hlc FROM customer WHERE card_code = 'LC-9'",
                      -1, &stmt, NULL);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  hlc_after = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  assert_true (strcmp (hlc_after, hlc_before) > 0);
  /* other tills still know her by her old card */
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'customer.saved' "
                                 "AND payload LIKE '%\"key\":\"LC-1\"%' AND payload LIKE '%LC-9%'"),
                    1);

  /* taking Bob's card is refused */
  g_free (edit->card_code);
  edit->card_code = g_strdup ("LC-2");
  assert_false (pos_customer_update (shop->store, shop->cashier, edit, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  edit->id = 999;
  g_free (edit->card_code);
  edit->card_code = g_strdup ("LC-7");
  assert_false (pos_customer_update (shop->store, shop->cashier, edit, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  assert_int_equal (
      count (shop, "SELECT count(*) FROM journal WHERE type != 'till.key' AND type NOT LIKE 'user.%'"), 3);
  (void)bob;
}

/* ---- search -------------------------------------------------------------- */

static void
test_search_matches_name_card_or_phone_prefix (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) ada = add (shop, "LC-100", "Ada Lovelace", "0171 555 0100", NULL);
  g_autoptr (PosCustomer) alan = add (shop, "LC-200", "alan Turing", "0171 666 0200", NULL);
  g_autoptr (PosCustomer) grace = add (shop, "GH-300", "Grace Hopper", "0200 777 0300", NULL);
  g_autoptr (PosCustomer) percent = add (shop, "X%1", "100% Organic", NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) a = pos_customer_search (shop->store, "a", 0, &error);
  g_autoptr (GArray) cards = pos_customer_search (shop->store, "LC-", 0, &error);
  g_autoptr (GArray) phones = pos_customer_search (shop->store, "0171 5", 0, &error);
  g_autoptr (GArray) limited = pos_customer_search (shop->store, "LC", 1, &error);
  g_autoptr (GArray) literal = pos_customer_search (shop->store, "%", 0, &error);
  g_autoptr (GArray) none = pos_customer_search (shop->store, "Zed", 0, &error);

  pos_assert_no_error (error);
  assert_int_equal (a->len, 2); /* by name, ignoring case */
  assert_int_equal (g_array_index (a, gint64, 0), ada->id);
  assert_int_equal (g_array_index (a, gint64, 1), alan->id);
  assert_int_equal (cards->len, 2);
  assert_int_equal (phones->len, 1);
  assert_int_equal (g_array_index (phones, gint64, 0), ada->id);
  assert_int_equal (limited->len, 1);
  assert_int_equal (literal->len, 0); /* a prefix, never a pattern */
  assert_int_equal (none->len, 0);
  (void)grace;
  (void)percent;
}

/* ---- erasure ------------------------------------------------------------- */

static void
test_erase_keeps_the_ledger_and_sales_anonymous (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) ada = add (shop, "LC-1", "Ada", "0171 555 0100", "ada@example.org");
  g_autoptr (PosCustomer) erased = NULL;
  g_autoptr (PosCustomer) again = NULL;
  g_autoptr (GError) error = NULL;
  gint64 sale = add_sale (shop, ada->id, 1, 2500);

  record_points (shop, ada->id, 25, "earn", sale);
  record_points (shop, ada->id, -10, "redeem", 0);

  assert_true (pos_customer_erase (shop->store, shop->boss, NULL, ada->id, &error));
  pos_assert_no_error (error);

  erased = pos_customer_get (shop->store, ada->id, &error);
  assert_null (erased->card_code);
  assert_null (erased->name);
  assert_null (erased->phone);
  assert_null (erased->email);
  assert_false (erased->consent);
  assert_non_null (erased->erased_at);
  assert_int_equal (pos_loyalty_balance (shop->store, ada->id), 15);
  assert_int_equal (count (shop, "SELECT count(*) FROM loyalty_entry"), 2);
  assert_int_equal (count (shop, "SELECT count(*) FROM sale WHERE customer_id IS NOT NULL"), 1);

  again = pos_customer_find (shop->store, "LC-1", &error);
  assert_null (again);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'customer.erased'"), 1);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'customer_erase' "
                                 "AND detail NOT LIKE '%Ada%'"),
                    1);

  /* the card code is free again */
  {
    g_autoptr (PosCustomer) newcomer = add (shop, "LC-1", "Bea", NULL, NULL);
  }

  assert_false (pos_customer_erase (shop->store, shop->boss, NULL, ada->id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  assert_false (pos_customer_update (shop->store, shop->boss, ada, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
}

static void
test_erase_needs_approval_for_a_cashier (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) ada = add (shop, "LC-1", "Ada", NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) still = NULL;

  assert_false (pos_customer_erase (shop->store, shop->cashier, NULL, ada->id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_customer_erase (shop->store, shop->boss, NULL, 999, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  still = pos_customer_get (shop->store, ada->id, &error);
  assert_string_equal (still->name, "Ada");
  assert_int_equal (count (shop, "SELECT count(*) FROM journal WHERE type = 'customer.erased'"), 0);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'customer_erase'"), 0);

  assert_true (pos_customer_erase (shop->store, shop->cashier, shop->boss, ada->id, &error));
  pos_assert_no_error (error);
  assert_int_equal (count (shop, "SELECT count(*) FROM audit WHERE action = 'customer_erase' "
                                 "AND approver_id IS NOT NULL"),
                    1);
}

/* ---- export -------------------------------------------------------------- */

static void
test_export_contains_profile_points_and_sales (void **state)
{
  Shop *shop = *state;
  g_autoptr (PosCustomer) ada = add (shop, "LC-1", "Ada", "0171 555 0100", "ada@example.org");
  g_autoptr (PosCustomer) bob = add (shop, "LC-2", "Bob", NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  gint64 sale = add_sale (shop, ada->id, 1, 2599);

  add_sale (shop, bob->id, 2, 100);
  record_points (shop, ada->id, 25, "earn", sale);
  record_points (shop, bob->id, 1, "earn", 0);

  node = pos_customer_export (shop->store, ada->id, &error);
  pos_assert_no_error (error);
  text = pos_json_canonical (node, &error);
  pos_assert_no_error (error);
  pos_assert_contains (text, "\"customer\":{\"card_code\":\"LC-1\",\"consent\":true,\"created_at\":");
  pos_assert_contains (text, "\"email\":\"ada@example.org\",\"erased_at\":null");
  pos_assert_contains (text, "\"name\":\"Ada\",\"phone\":\"01715550100\"");
  pos_assert_contains (text, "\"loyalty\":{\"balance\":25,\"entries\":[{\"created_at\":");
  pos_assert_contains (text, "\"points\":25,\"reason\":\"earn\",\"receipt_no\":\"T1-1\"}]}");
  pos_assert_contains (text, "\"sales\":[{\"created_at\":\"2026-11-28T09:15:02.120Z\",\"kind\":\"sale\","
                             "\"receipt_no\":\"T1-1\",\"total\":2599}]");
  assert_null (strstr (text, "T1-2")); /* nothing of Bob's */

  g_clear_pointer (&node, json_node_unref);
  node = pos_customer_export (shop->store, 999, &error);
  assert_null (node);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

int
main (void)
{
#define SHOP_TEST(name) cmocka_unit_test_setup_teardown (name, pos_test_staff_setup, pos_test_staff_teardown)
  const struct CMUnitTest tests[] = {
    SHOP_TEST (test_add_normalises_and_records_event_and_audit),
    SHOP_TEST (test_add_refuses_bad_input_and_changes_nothing),
    SHOP_TEST (test_find_by_card_or_phone_as_typed),
    SHOP_TEST (test_update_saves_profile_with_a_newer_hlc),
    SHOP_TEST (test_search_matches_name_card_or_phone_prefix),
    SHOP_TEST (test_erase_keeps_the_ledger_and_sales_anonymous),
    SHOP_TEST (test_erase_needs_approval_for_a_cashier),
    SHOP_TEST (test_export_contains_profile_points_and_sales),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
