/* test-customers-account.c — the account line on the customers page says
 * what the customer owes, or how much they have in credit, never a
 * negative debt. */
#include "pos-test-shop.h"

#include "customers/pos-customers-account.h"
#include "pos-account.h"
#include "pos-context.h"

typedef struct
{
  PosTestShop *shop;
  PosContext *context;
  gint64 ada; /* with an account and a limit of 50.00 */
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  PosCustomer draft = { .card_code = (char *)"LC-1", .name = (char *)"Ada Lovelace" };
  g_autoptr (PosCustomer) ada = NULL;
  g_autoptr (GError) error = NULL;

  f->shop = pos_test_shop_new ("EUR", "inclusive");
  ada = pos_test_add_customer (f->shop->store, f->shop->cashier, &draft);
  assert_true (pos_account_set_limit (f->shop->store, f->shop->owner, NULL, ada->id, 5000, &error));
  pos_assert_no_error (error);
  f->ada = ada->id;
  f->context = pos_context_new (f->shop->t->path, &error);
  pos_assert_no_error (error);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  g_clear_object (&f->context);
  pos_test_shop_free (f->shop);
  g_free (f);
  return 0;
}

/* @amount as the till shows money. */
static char *
money (Fixture *f, PosAmount amount)
{
  return pos_context_format_amount (f->context, amount);
}

static void
test_summary_of_a_debt_says_what_is_owed (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *owed = money (f, 1250), *limit = money (f, 5000);
  g_autofree char *want = g_strdup_printf ("Account: owes %s of a %s limit", owed, limit);

  assert_true (pos_account_adjust (f->shop->store, f->shop->supervisor, NULL, f->ada, 1250, "tab", &error));
  pos_assert_no_error (error);
  summary = pos_customers_account_summary (f->context, f->ada);
  assert_string_equal (summary, want);
}

static void
test_summary_of_a_credit_says_in_credit_not_a_negative_debt (void **state)
{
  Fixture *f = *state;
  g_autoptr (GError) error = NULL;
  PosAccountPayment deposit = { f->ada, POS_ACCOUNT_DEPOSIT, POS_TENDER_CARD, 150, "T-1", NULL };
  g_autofree char *summary = NULL;
  g_autofree char *credit = money (f, 150), *limit = money (f, 5000);
  g_autofree char *want = g_strdup_printf ("Account: %s in credit (limit %s)", credit, limit);

  assert_true (pos_account_pay (f->shop->store, f->shop->cashier, &deposit, &error));
  pos_assert_no_error (error);
  summary = pos_customers_account_summary (f->context, f->ada);
  assert_string_equal (summary, want);
}

static void
test_summary_of_a_settled_account_says_nothing_is_owed (void **state)
{
  Fixture *f = *state;
  g_autofree char *summary = pos_customers_account_summary (f->context, f->ada);
  g_autofree char *limit = money (f, 5000);
  g_autofree char *want = g_strdup_printf ("Account: nothing owed (limit %s)", limit);

  assert_string_equal (summary, want);
}

static void
test_no_summary_without_an_account (void **state)
{
  Fixture *f = *state;
  PosCustomer draft = { .card_code = (char *)"LC-2", .name = (char *)"Bob" };
  g_autoptr (PosCustomer) bob = pos_test_add_customer (f->shop->store, f->shop->cashier, &draft);
  g_autofree char *summary = pos_customers_account_summary (f->context, bob->id);

  assert_null (summary);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_summary_of_a_debt_says_what_is_owed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_summary_of_a_credit_says_in_credit_not_a_negative_debt, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_summary_of_a_settled_account_says_nothing_is_owed, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_summary_without_an_account, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
