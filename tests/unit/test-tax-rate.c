/* test-tax-rate.c — the one writer of tax rates and their list. */
#include "pos-test-util.h"

#include "pos-error.h"
#include "pos-tax-rate.h"

static void
test_tax_rate_insert_and_list_by_code (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GPtrArray) rates = NULL;
  g_autoptr (GError) error = NULL;
  gint64 b = pos_tax_rate_insert (t->store, "B", "Reduced", 700, FALSE, &error);
  gint64 a = pos_tax_rate_insert (t->store, "A", "Standard", 1900, FALSE, &error);

  pos_assert_no_error (error);
  assert_true (a > 0 && b > 0 && a != b);
  rates = pos_tax_rate_list (t->store, FALSE, &error);
  pos_assert_no_error (error);
  assert_int_equal (rates->len, 2);
  assert_string_equal (((PosTaxRate *)rates->pdata[0])->code, "A");
  assert_int_equal (((PosTaxRate *)rates->pdata[0])->id, a);
  assert_string_equal (((PosTaxRate *)rates->pdata[1])->name, "Reduced");
  assert_int_equal (((PosTaxRate *)rates->pdata[1])->rate_bp, 700);
}

/* The demo shop and `init` keep a code that exists; anyone else is told. */
static void
test_tax_rate_code_taken_is_kept_or_refused (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  gint64 a = pos_tax_rate_insert (t->store, "A", "Standard", 1900, FALSE, &error);

  assert_int_equal (pos_tax_rate_insert (t->store, "A", "Other", 500, TRUE, &error), a);
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 1900);
  assert_int_equal (pos_tax_rate_insert (t->store, "A", "Other", 500, FALSE, &error), 0);
  assert_non_null (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM tax_rate"), 1);
}

/* Edits and retirements of the shop's rates, by this till's owner or
 * another till's, all come through here. */
static void
test_tax_rate_update_retire_and_put (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  assert_true (pos_tax_rate_insert (t->store, "A", "Standard", 1900, FALSE, &error) != 0);
  assert_true (pos_tax_rate_update (t->store, "A", "Standard", 2000, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT rate_bp FROM tax_rate WHERE code = 'A'"), 2000);
  assert_false (pos_tax_rate_update (t->store, "Z", "None", 100, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_true (pos_tax_rate_retire (t->store, "A", TRUE, &error));
  assert_int_equal (pos_test_query_int (t->store, "SELECT active FROM tax_rate WHERE code = 'A'"), 0);
  /* A retired rate cannot be edited or retired again by the owner… */
  assert_false (pos_tax_rate_update (t->store, "A", "Standard", 2100, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_tax_rate_retire (t->store, "A", TRUE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* …while another till's retirement of it changes nothing, quietly. */
  assert_true (pos_tax_rate_retire (t->store, "A", FALSE, &error));
  pos_assert_no_error (error);

  /* Another till's rate: added, or brought back with its name and rate. */
  assert_true (pos_tax_rate_put (t->store, "A", "Standard", 2100, &error));
  assert_true (pos_tax_rate_put (t->store, "C", "Food", 700, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT rate_bp FROM tax_rate WHERE code = 'A' AND active"),
                    2100);
  assert_int_equal (pos_test_query_int (t->store, "SELECT rate_bp FROM tax_rate WHERE code = 'C' AND active"),
                    700);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM tax_rate"), 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tax_rate_insert_and_list_by_code),
    cmocka_unit_test (test_tax_rate_code_taken_is_kept_or_refused),
    cmocka_unit_test (test_tax_rate_update_retire_and_put),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
