/* test-permission.c — what each role may do, and approval by another user. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <string.h>

#include "pos-audit.h"
#include "pos-permission.h"
#include "pos-store-private.h"

/* The matrix, written out in full rather than derived from the code. */
static const struct
{
  PosAction action;
  const char *name;
  gboolean cashier, supervisor, owner;
} matrix[] = {
  { POS_ACTION_SELL, "sell", TRUE, TRUE, TRUE },
  { POS_ACTION_VOID_LINE, "void_line", FALSE, TRUE, TRUE },
  { POS_ACTION_REFUND, "refund", FALSE, TRUE, TRUE },
  { POS_ACTION_DISCOUNT_OVER_LIMIT, "discount_over_limit", FALSE, TRUE, TRUE },
  { POS_ACTION_PRICE_OVERRIDE, "price_override", FALSE, TRUE, TRUE },
  { POS_ACTION_NO_SALE, "no_sale", FALSE, TRUE, TRUE },
  { POS_ACTION_CASH_MOVE, "cash_move", FALSE, TRUE, TRUE },
  { POS_ACTION_CLOSE_DAY, "close_day", FALSE, TRUE, TRUE },
  { POS_ACTION_EDIT_CATALOG, "edit_catalog", FALSE, TRUE, TRUE },
  { POS_ACTION_ADJUST_STOCK, "adjust_stock", FALSE, TRUE, TRUE },
  { POS_ACTION_MANAGE_USERS, "manage_users", FALSE, FALSE, TRUE },
  { POS_ACTION_SETTINGS, "settings", FALSE, FALSE, TRUE },
  { POS_ACTION_CUSTOMER_DATA, "customer_data", FALSE, TRUE, TRUE },
  { POS_ACTION_UNLOCK_USER, "unlock_user", FALSE, TRUE, TRUE },
  { POS_ACTION_TRAINING, "training", FALSE, TRUE, TRUE },
};

static PosUser
user_of (gint64 id, const char *name, PosRole role, gboolean pin_verified)
{
  return (
      PosUser){ .id = id, .name = (char *)name, .role = role, .active = TRUE, .pin_verified = pin_verified };
}

static void
test_every_role_and_action_follows_the_matrix (void **state)
{
  assert_int_equal (G_N_ELEMENTS (matrix), POS_N_ACTIONS);
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      PosAction action = matrix[i].action;

      assert_int_equal (pos_role_may (POS_ROLE_CASHIER, action), matrix[i].cashier);
      assert_int_equal (pos_role_may (POS_ROLE_SUPERVISOR, action), matrix[i].supervisor);
      assert_int_equal (pos_role_may (POS_ROLE_OWNER, action), matrix[i].owner);
    }
}

static void
test_permission_check_agrees_with_the_matrix (void **state)
{
  const gboolean *allowed;

  for (PosRole role = POS_ROLE_CASHIER; role <= POS_ROLE_OWNER; role++)
    for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
      {
        PosUser user = user_of (1, "Someone", role, FALSE);
        g_autoptr (GError) error = NULL;
        gboolean ok = pos_permission_check (&user, matrix[i].action, NULL, &error);

        allowed = role == POS_ROLE_CASHIER      ? &matrix[i].cashier
                  : role == POS_ROLE_SUPERVISOR ? &matrix[i].supervisor
                                                : &matrix[i].owner;
        assert_int_equal (ok, *allowed);
        if (!ok)
          pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
        else
          assert_null (error);
      }
}

static void
test_action_names_are_the_audit_names (void **state)
{
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      PosAction parsed = POS_ACTION_SELL;

      assert_string_equal (pos_action_to_string (matrix[i].action), matrix[i].name);
      assert_true (pos_action_parse (matrix[i].name, &parsed));
      assert_int_equal (parsed, matrix[i].action);
    }
  PosAction untouched = POS_ACTION_REFUND;
  assert_false (pos_action_parse ("fly", &untouched));
  assert_false (pos_action_parse (NULL, &untouched));
  assert_int_equal (untouched, POS_ACTION_REFUND);
}

static void
test_refusal_names_the_role_needed (void **state)
{
  PosUser cashier = user_of (1, "Anna", POS_ROLE_CASHIER, TRUE);
  PosUser supervisor = user_of (2, "Sue", POS_ROLE_SUPERVISOR, TRUE);
  g_autoptr (GError) error = NULL;

  assert_false (pos_permission_check (&cashier, POS_ACTION_REFUND, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_string_equal (error->message, "Refunds need a supervisor's approval");
  g_clear_error (&error);

  assert_false (pos_permission_check (&supervisor, POS_ACTION_SETTINGS, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_string_equal (error->message, "Changing settings needs an owner's approval");
}

static void
test_verified_approver_lets_a_cashier_act (void **state)
{
  PosUser cashier = user_of (1, "Anna", POS_ROLE_CASHIER, TRUE);
  PosUser supervisor = user_of (2, "Sue", POS_ROLE_SUPERVISOR, TRUE);
  PosUser owner = user_of (3, "Olga", POS_ROLE_OWNER, TRUE);
  g_autoptr (GError) error = NULL;

  assert_true (pos_permission_check (&cashier, POS_ACTION_VOID_LINE, &supervisor, &error));
  assert_true (pos_permission_check (&cashier, POS_ACTION_REFUND, &owner, &error));
  assert_true (pos_permission_check (&supervisor, POS_ACTION_MANAGE_USERS, &owner, &error));
  pos_assert_no_error (error);
}

static void
test_approver_must_have_the_role_and_have_entered_a_pin (void **state)
{
  PosUser cashier = user_of (1, "Anna", POS_ROLE_CASHIER, TRUE);
  PosUser other_cashier = user_of (4, "Ben", POS_ROLE_CASHIER, TRUE);
  PosUser supervisor = user_of (2, "Sue", POS_ROLE_SUPERVISOR, TRUE);
  PosUser unverified = user_of (3, "Olga", POS_ROLE_OWNER, FALSE);
  PosUser inactive = user_of (5, "Otto", POS_ROLE_OWNER, TRUE);
  g_autoptr (GError) error = NULL;

  inactive.active = FALSE;
  assert_false (pos_permission_check (&cashier, POS_ACTION_REFUND, &other_cashier, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_non_null (strstr (error->message, "supervisor's approval"));
  g_clear_error (&error);

  assert_false (pos_permission_check (&cashier, POS_ACTION_SETTINGS, &supervisor, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_non_null (strstr (error->message, "owner's approval"));
  g_clear_error (&error);

  assert_false (pos_permission_check (&cashier, POS_ACTION_REFUND, &unverified, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_non_null (strstr (error->message, "PIN"));
  g_clear_error (&error);

  assert_false (pos_permission_check (&cashier, POS_ACTION_REFUND, &inactive, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
}

/* The whole path a till takes: approver signs in, check, audit with both. */
static void
test_approved_refund_is_audited_with_the_approver (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) anna = pos_users_add (t->store, "Anna", POS_ROLE_CASHIER, "1234", &error);
  g_autoptr (PosUser) sue_added = pos_users_add (t->store, "Sue", POS_ROLE_SUPERVISOR, "1111", &error);
  g_autoptr (PosUser) cashier = pos_users_authenticate (t->store, "Anna", "1234", &error);
  g_autoptr (PosUser) sue_looked_up = pos_users_lookup (t->store, "Sue", &error);
  g_autoptr (PosUser) sue = NULL;
  g_autofree char *sql = NULL;

  pos_assert_no_error (error);
  assert_false (pos_permission_check (cashier, POS_ACTION_REFUND, sue_looked_up, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);

  sue = pos_users_authenticate (t->store, "Sue", "1111", &error);
  pos_assert_no_error (error);
  assert_true (pos_permission_check (cashier, POS_ACTION_REFUND, sue, &error));
  assert_true (pos_store_begin (t->store, &error));
  assert_true (
      pos_audit_record (t->store, cashier, sue, pos_action_to_string (POS_ACTION_REFUND), 0, NULL, &error));
  assert_true (pos_store_commit (t->store, &error));
  pos_assert_no_error (error);

  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'refund' AND user_id = %" G_GINT64_FORMAT
                         " AND approver_id = %" G_GINT64_FORMAT,
                         anna->id, sue_added->id);
  assert_int_equal (pos_test_query_int (t->store, sql), 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_every_role_and_action_follows_the_matrix),
    cmocka_unit_test (test_permission_check_agrees_with_the_matrix),
    cmocka_unit_test (test_action_names_are_the_audit_names),
    cmocka_unit_test (test_refusal_names_the_role_needed),
    cmocka_unit_test (test_verified_approver_lets_a_cashier_act),
    cmocka_unit_test (test_approver_must_have_the_role_and_have_entered_a_pin),
    cmocka_unit_test (test_approved_refund_is_audited_with_the_approver),
  };

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
