/* test-shift.c — shifts, cash moves and the drawer count. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <stdlib.h>
#include <time.h>

#include "pos-clock.h"
#include "pos-json.h"
#include "pos-shift.h"
#include "pos-users.h"
#include "pos-store-private.h"

typedef struct
{
  PosTestStore *t;
  PosUser *cashier;
  PosUser *other;
  PosUser *super;    /* looked up: may act alone, but has not entered a PIN */
  PosUser *approver; /* the supervisor, authenticated just now */
  gint64 n_sales;
} Fixture;

static gint64
at (const char *iso)
{
  gint64 us = 0;

  if (!pos_clock_parse_iso (iso, &us))
    fail_msg ("bad time %s", iso);
  return us;
}

static int
setup (void **state)
{
  g_autoptr (GError) error = NULL;
  Fixture *f = g_new0 (Fixture, 1);

  f->t = pos_test_store_new ();
  assert_true (pos_store_set_setting (f->t->store, "till_id", "T1", &error));
  assert_true (pos_store_set_setting (f->t->store, "currency", "EUR", &error));
  pos_clock_set_fixed_for_testing (at ("2026-11-28T08:00:00Z"));
  f->cashier = pos_users_add (f->t->store, "alice", POS_ROLE_CASHIER, "1111", &error);
  f->other = pos_users_add (f->t->store, "carl", POS_ROLE_CASHIER, "3333", &error);
  f->super = pos_users_add (f->t->store, "sam", POS_ROLE_SUPERVISOR, "2222", &error);
  pos_assert_no_error (error);
  f->approver = pos_users_authenticate (f->t->store, "sam", "2222", &error);
  pos_assert_no_error (error);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  pos_user_free (f->cashier);
  pos_user_free (f->other);
  pos_user_free (f->super);
  pos_user_free (f->approver);
  pos_test_store_free (f->t);
  pos_clock_set_fixed_for_testing (0);
  g_free (f);
  return 0;
}

static gint64
count (Fixture *f, const char *sql)
{
  return pos_test_query_int (f->t->store, sql);
}

static void
exec (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;

  if (!pos_store_exec (f->t->store, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

/* A sale of one line with one payment, shaped as the checkout writes it.
 * A negative @total makes a refund of the previous sale. */
static void
add_sale (Fixture *f, gint64 shift_id, PosAmount total, const char *method, PosAmount paid, PosAmount change)
{
  g_autofree char *sql = NULL;
  gint64 n = ++f->n_sales;
  gboolean refund = total < 0;

  sql = g_strdup_printf (
      "INSERT INTO sale (id, receipt_no, till_id, till_number, kind, refund_of, shift_id, user_id, "
      "created_at, "
      "business_day, subtotal, tax_total, total, tendered, change) VALUES (%" G_GINT64_FORMAT
      ", 'T1-%" G_GINT64_FORMAT "', 'T1', %" G_GINT64_FORMAT ", '%s', %s, %" G_GINT64_FORMAT
      ", %" G_GINT64_FORMAT ", '2026-11-28T09:00:00.000Z', '2026-11-28', %" G_GINT64_FORMAT
      ", 0, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
      "INSERT INTO payment (id, sale_id, method, amount) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
      ", '%s', %" G_GINT64_FORMAT ");",
      n, n, n, refund ? "refund" : "sale", refund ? "1" : "NULL", shift_id, f->cashier->id, total, total,
      paid, change, n, n, method, paid - change);
  exec (f, sql);
}

static PosShift *
open_shift (Fixture *f, PosAmount opening_float)
{
  g_autoptr (GError) error = NULL;
  PosShift *shift = pos_shift_open (f->t->store, f->cashier, opening_float, &error);

  pos_assert_no_error (error);
  assert_non_null (shift);
  return shift;
}

static void
test_open_shift_records_it_and_journals (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 10000);
  g_autoptr (PosShift) current = pos_shift_current (f->t->store, &error);

  pos_assert_no_error (error);
  assert_non_null (current);
  assert_int_equal (current->id, shift->id);
  assert_string_equal (current->till_id, "T1");
  assert_int_equal (current->user_id, f->cashier->id);
  assert_int_equal (current->opening_float, 10000);
  assert_string_equal (current->opened_at, "2026-11-28T08:00:00.000Z");
  assert_null (current->closed_at);
  assert_int_equal (count (f, "SELECT count(*) FROM journal WHERE type = 'shift.open'"), 1);
}

static void
test_open_shift_twice_is_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) first = open_shift (f, 10000);
  g_autoptr (PosShift) second = pos_shift_open (f->t->store, f->other, 5000, &error);

  assert_null (second);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (count (f, "SELECT count(*) FROM shift"), 1);
  assert_int_equal (
      count (f, "SELECT count(*) FROM journal WHERE type != 'till.key' AND type NOT LIKE 'user.%'"), 1);
}

static void
test_open_shift_with_negative_float_is_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = pos_shift_open (f->t->store, f->cashier, -1, &error);

  assert_null (shift);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (count (f, "SELECT count(*) FROM shift"), 0);
}

static void
test_no_open_shift_is_a_state_error (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = pos_shift_current (f->t->store, &error);

  assert_null (shift);
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_non_null (strstr (error->message, "No shift is open"));
  g_clear_error (&error);
  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_in", 500, "change", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_int_equal (count (f, "SELECT count(*) FROM cash_move"), 0);
  assert_int_equal (count (f, "SELECT count(*) FROM audit WHERE action = 'cash_move'"), 0);
}

/* float 100.00 + cash 20.00 − change 2.50 − refunded 5.00 + in 10.00 − out 3.00;
 * the card sale moves no cash. */
static void
test_expected_cash_adds_float_sales_refunds_change_and_moves (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 10000);

  add_sale (f, shift->id, 1750, "cash", 2000, 250);
  add_sale (f, shift->id, 1000, "card", 1000, 0);
  add_sale (f, shift->id, -500, "cash", -500, 0);
  assert_int_equal (pos_shift_expected_cash (f->t->store, shift->id, &error), 10000 + 2000 - 250 - 500);
  assert_true (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_in", 1000, "coins from bank", &error));
  assert_true (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_out", 300, "window cleaner", &error));
  assert_true (
      pos_shift_cash_move (f->t->store, f->super, NULL, "no_sale", 0, "customer needed change", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_shift_expected_cash (f->t->store, shift->id, &error), 11950);
  pos_assert_no_error (error);
}

static void
test_expected_cash_of_unknown_shift_is_not_found (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;

  assert_int_equal (pos_shift_expected_cash (f->t->store, 42, &error), 0);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_cash_move_needs_a_supervisor (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 10000);

  assert_false (pos_shift_cash_move (f->t->store, f->cashier, NULL, "paid_in", 500, "float top-up", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  /* a supervisor who did not enter a PIN cannot approve */
  assert_false (pos_shift_cash_move (f->t->store, f->cashier, f->super, "no_sale", 0, "change", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_int_equal (count (f, "SELECT count(*) FROM cash_move"), 0);

  assert_true (
      pos_shift_cash_move (f->t->store, f->cashier, f->approver, "paid_in", 500, "float top-up", &error));
  pos_assert_no_error (error);
  assert_int_equal (count (f, "SELECT count(*) FROM cash_move WHERE kind = 'paid_in' AND amount = 500 "
                              "AND reason = 'float top-up' AND user_id = 1 AND approver_id = 3"),
                    1);
  assert_int_equal (count (f, "SELECT count(*) FROM audit WHERE action = 'cash_move' AND user_id = 1 "
                              "AND approver_id = 3 AND json_extract (detail, '$.amount') = 500"),
                    1);
  assert_int_equal (count (f, "SELECT count(*) FROM journal WHERE type = 'cash.move' "
                              "AND json_extract (payload, '$.kind') = 'paid_in'"),
                    1);
}

static void
test_cash_move_needs_a_reason (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 10000);

  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_out", 100, "  ", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "no_sale", 0, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_int_equal (count (f, "SELECT count(*) FROM cash_move"), 0);
  assert_int_equal (count (f, "SELECT count(*) FROM audit WHERE action IN ('cash_move', 'no_sale')"), 0);
  assert_int_equal (count (f, "SELECT count(*) FROM journal WHERE type = 'cash.move'"), 0);
}

static void
test_cash_move_kind_and_amount_are_checked (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 1000);

  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "borrow", 100, "x", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_in", 0, "x", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "no_sale", 100, "x", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  /* the drawer holds the 10.00 float only */
  assert_false (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_out", 1001, "x", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_non_null (strstr (error->message, "10.00"));
  g_clear_error (&error);
  assert_int_equal (count (f, "SELECT count(*) FROM cash_move"), 0);
  assert_true (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_out", 1000, "x", &error));
  assert_int_equal (
      count (f, "SELECT count(*) FROM audit WHERE action = 'cash_move' AND approver_id IS NULL"), 1);
}

static void
test_close_reports_expected_counted_and_variance (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 10000);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (PosShift) next = NULL;
  const PosCashCount counted[] = { { 5000, 2 }, { 1000, 1 }, { 200, 4 }, { 5, 3 } };
  JsonObject *summary;
  JsonArray *lines;

  add_sale (f, shift->id, 1750, "cash", 2000, 250);
  assert_true (pos_shift_cash_move (f->t->store, f->super, NULL, "paid_out", 500, "milk for coffee", &error));
  pos_clock_set_fixed_for_testing (at ("2026-11-28T17:30:00Z"));
  node = pos_shift_close (f->t->store, f->cashier, counted, G_N_ELEMENTS (counted), &error);
  pos_assert_no_error (error);
  summary = json_node_get_object (node);

  assert_int_equal (pos_json_get_int (summary, "expected_cash", -1), 10000 + 2000 - 250 - 500);
  assert_int_equal (pos_json_get_int (summary, "counted_cash", -1), 10000 + 1000 + 800 + 15);
  assert_int_equal (pos_json_get_int (summary, "variance", -1), 11815 - 11250);
  assert_int_equal (pos_json_get_int (summary, "cash_taken", -1), 2000 - 250); /* handed over less change */
  assert_int_equal (pos_json_get_int (summary, "change_given", -1), 250);
  assert_int_equal (pos_json_get_int (summary, "paid_out", -1), 500);
  assert_string_equal (pos_json_get_string (summary, "closed_at"), "2026-11-28T17:30:00.000Z");
  lines = json_object_get_array_member (summary, "counted");
  assert_int_equal (json_array_get_length (lines), 4);
  assert_int_equal (pos_json_get_int (json_array_get_object_element (lines, 2), "amount", -1), 800);

  assert_int_equal (count (f, "SELECT count(*) FROM shift WHERE closed_at = '2026-11-28T17:30:00.000Z' "
                              "AND closed_by = 1 AND expected_cash = 11250 AND counted_cash = 11815 "
                              "AND counted_json = '{\"1000\":1,\"200\":4,\"5\":3,\"5000\":2}'"),
                    1);
  assert_int_equal (count (f, "SELECT count(*) FROM journal WHERE type = 'shift.close' "
                              "AND json_extract (payload, '$.variance') = 565"),
                    1);
  assert_null (pos_shift_current (f->t->store, &error));
  g_clear_error (&error);
  next = open_shift (f, 0);
  assert_true (next->id > shift->id);
}

static void
test_close_with_invalid_denomination_is_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 10000);
  g_autoptr (PosShift) still = NULL;
  const PosCashCount not_euro[] = { { 5000, 2 }, { 300, 1 } };
  const PosCashCount negative[] = { { 5000, -1 } };
  const PosCashCount twice[] = { { 200, 1 }, { 200, 2 } };
  JsonNode *node;

  node = pos_shift_close (f->t->store, f->cashier, not_euro, G_N_ELEMENTS (not_euro), &error);
  assert_null (node);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_non_null (strstr (error->message, "300"));
  g_clear_error (&error);
  assert_null (pos_shift_close (f->t->store, f->cashier, negative, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (pos_shift_close (f->t->store, f->cashier, twice, 2, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);

  still = pos_shift_current (f->t->store, &error);
  pos_assert_no_error (error);
  assert_int_equal (still->id, shift->id);
  assert_int_equal (count (f, "SELECT count(*) FROM journal WHERE type = 'shift.close'"), 0);
}

static void
test_close_uses_the_store_currency (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 0);
  g_autoptr (JsonNode) node = NULL;
  const PosCashCount quarters[] = { { 25, 4 } }; /* a US coin, not a euro one */

  assert_null (pos_shift_close (f->t->store, f->cashier, quarters, 1, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  assert_true (pos_store_set_setting (f->t->store, "currency", "USD", &error));
  node = pos_shift_close (f->t->store, f->cashier, quarters, 1, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_json_get_int (json_node_get_object (node), "variance", -1), 100);
}

static void
test_close_by_another_cashier_is_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosShift) shift = open_shift (f, 0);
  g_autoptr (JsonNode) node = NULL;

  assert_null (pos_shift_close (f->t->store, f->other, NULL, 0, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_int_equal (count (f, "SELECT count(*) FROM shift WHERE closed_at IS NULL"), 1);
  node = pos_shift_close (f->t->store, f->super, NULL, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (pos_json_get_int (json_node_get_object (node), "closed_by_id", -1), f->super->id);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_open_shift_records_it_and_journals, setup, teardown),
    cmocka_unit_test_setup_teardown (test_open_shift_twice_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_open_shift_with_negative_float_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_open_shift_is_a_state_error, setup, teardown),
    cmocka_unit_test_setup_teardown (test_expected_cash_adds_float_sales_refunds_change_and_moves, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_expected_cash_of_unknown_shift_is_not_found, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cash_move_needs_a_supervisor, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cash_move_needs_a_reason, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cash_move_kind_and_amount_are_checked, setup, teardown),
    cmocka_unit_test_setup_teardown (test_close_reports_expected_counted_and_variance, setup, teardown),
    cmocka_unit_test_setup_teardown (test_close_with_invalid_denomination_is_refused, setup, teardown),
    cmocka_unit_test_setup_teardown (test_close_uses_the_store_currency, setup, teardown),
    cmocka_unit_test_setup_teardown (test_close_by_another_cashier_is_refused, setup, teardown),
  };

  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
