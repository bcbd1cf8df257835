/* test-users.c — users, PINs, the wrong-PIN lockout and user management. */
#include "pos-test-util.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-pepper.h"
#include "pos-sign-in.h"
#include "pos-users-testing.h"
#include "pos-users.h"
#include "pos-store-private.h"

/* ---- helpers ---------------------------------------------------------- */

static PosUser *
add (PosStore *store, const char *name, PosRole role, const char *pin)
{
  g_autoptr (GError) error = NULL;
  PosUser *user = pos_users_add (store, name, role, pin, &error);

  pos_assert_no_error (error);
  assert_non_null (user);
  return user;
}

static PosUser *
sign_in (PosStore *store, const char *name, const char *pin)
{
  g_autoptr (GError) error = NULL;
  PosUser *user = pos_users_authenticate (store, name, pin, &error);

  pos_assert_no_error (error);
  assert_non_null (user);
  return user;
}

/* Tries a PIN that must be refused with @code; returns the message. */
static char *
refused (PosStore *store, const char *name, const char *pin, PosErrorCode code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = pos_users_authenticate (store, name, pin, &error);

  assert_null (user);
  pos_assert_error (error, POS_ERROR, code);
  return g_strdup (error->message);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    fail_msg ("“%s” does not contain “%s”", haystack, needle);
}

static gint64
at (const char *iso)
{
  gint64 us = 0;

  assert_true (pos_clock_parse_iso (iso, &us));
  return us;
}

static gint64
failed_tries (PosStore *store, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT failed_tries FROM user WHERE name = '%s'", name);

  return pos_test_query_int (store, sql);
}

static int
reset_clock (void **state)
{
  pos_clock_set_fixed_for_testing (0);
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return 0;
}

/* ---- adding and signing in -------------------------------------------- */

static void
test_added_user_signs_in_with_pin_verified (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) added = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = sign_in (t->store, "Anna", "1234");
  g_autoptr (PosUser) by_other_case = sign_in (t->store, "anna", "1234");

  assert_true (added->id > 0);
  assert_false (added->pin_verified);
  assert_int_equal (user->id, added->id);
  assert_string_equal (user->name, "Anna");
  assert_int_equal (user->role, POS_ROLE_CASHIER);
  assert_true (user->active);
  assert_true (user->pin_verified);
  assert_int_equal (by_other_case->id, added->id);
}

static void
test_pin_is_stored_only_as_argon2id (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) user = add (t->store, "Anna", POS_ROLE_CASHIER, "48151623");
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *hash = NULL;

  assert_int_equal (
      sqlite3_prepare_v2 (pos_store_db (t->store), "SELECT pin_hash FROM user", -1, &stmt, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  hash = pos_stmt_dup_text (stmt, 0);
  sqlite3_finalize (g_steal_pointer (&stmt));

  assert_true (g_str_has_prefix (hash, "$pepper1$argon2id$"));
  assert_null (strstr (hash, "48151623"));
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE pin_hash LIKE '%4815%'"),
                    0);
}

/* Unless a test program asks otherwise, the interactive limits are used:
 * 32 MiB, 3 passes; no environment variable weakens them. */
static void
test_default_hash_uses_interactive_limits (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) again = NULL;

  g_setenv ("MAINSTREET_FAST_PWHASH", "1", TRUE);
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_INTERACTIVE);
  user = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  g_unsetenv ("MAINSTREET_FAST_PWHASH");

  assert_int_equal (pos_test_query_int (t->store,
                                        "SELECT count(*) FROM user "
                                        "WHERE pin_hash LIKE '$pepper1$argon2id$v=19$m=32768,t=3,p=1$%'"),
                    1);
  again = sign_in (t->store, "Olga", "2468"); /* verifies with the limits it was made with */
}

/* A hash a test fixture made with the minimum limits verifies in a process
 * set for the interactive ones: the limits travel in the stored string. */
static void
test_fixture_hash_verifies_by_its_own_limits (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) user = add (t->store, "Fay", POS_ROLE_CASHIER, "1357");
  g_autoptr (PosUser) again = NULL;

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_INTERACTIVE);
  again = sign_in (t->store, "Fay", "1357");
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);

  assert_int_equal (
      pos_test_query_int (
          t->store, "SELECT count(*) FROM user WHERE pin_hash LIKE '$pepper1$argon2id$v=19$m=8,t=1,p=1$%'"),
      1);
  assert_true (again->pin_verified);
}

typedef struct
{
  PosUser *user;
  GError *error;
  gboolean done;
} AsyncResult;

static void
on_authenticated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncResult *answer = user_data;

  answer->user = pos_users_authenticate_finish (result, &answer->error);
  answer->done = TRUE;
}

static void
authenticate_in_background (PosStore *store, const char *name, const char *pin, AsyncResult *answer)
{
  *answer = (AsyncResult){ 0 };
  pos_users_authenticate_async (store, name, pin, NULL, on_authenticated_cb, answer);
  assert_false (answer->done); /* the answer comes from the main loop */
  while (!answer->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The screen's PIN check: the right PIN signs in, a wrong one is counted in
 * the store (by the worker's own connection) like any other. */
static void
test_authenticate_async_signs_in_and_counts_wrong_pins (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  AsyncResult answer;

  authenticate_in_background (t->store, "Anna", "9999", &answer);
  assert_null (answer.user);
  assert_true (g_error_matches (answer.error, POS_ERROR, POS_ERROR_AUTH));
  g_clear_error (&answer.error);
  assert_int_equal (failed_tries (t->store, "Anna"), 1);

  authenticate_in_background (t->store, "anna", "1234", &answer);
  assert_null (answer.error);
  assert_non_null (answer.user);
  assert_int_equal (answer.user->id, anna->id);
  assert_true (answer.user->pin_verified);
  assert_int_equal (failed_tries (t->store, "Anna"), 0);
  pos_user_free (answer.user);
}

/* The approval dialog offers these names: active supervisors and owners. */
static void
test_approvers_are_active_supervisors_and_owners (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) owner = add (t->store, "Olivia", POS_ROLE_OWNER, "4321");
  g_autoptr (PosUser) sam = add (t->store, "sam", POS_ROLE_SUPERVISOR, "2222");
  g_autoptr (PosUser) ben = add (t->store, "Ben", POS_ROLE_SUPERVISOR, "3333");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (GPtrArray) approvers = NULL;

  assert_true (pos_users_set_active (t->store, owner, "Ben", FALSE, NULL));
  approvers = pos_users_list_approvers (t->store, NULL);

  assert_non_null (approvers);
  assert_int_equal (approvers->len, 2);
  assert_string_equal (((PosUser *)g_ptr_array_index (approvers, 0))->name, "Olivia");
  assert_string_equal (((PosUser *)g_ptr_array_index (approvers, 1))->name, "sam");
  assert_false (((PosUser *)g_ptr_array_index (approvers, 0))->pin_verified);
}

static void
test_pin_must_be_4_to_8_digits (void **state)
{
  static const char *const bad[]
      = { "",     "123",   "123456789",
          "12a4", " 1234", "1234 ",
          "12.4", "-123",  "\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4" /* Arabic-Indic digits */ };
  g_autoptr (PosTestStore) t = pos_test_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PosUser) user = pos_users_add (t->store, "Anna", POS_ROLE_CASHIER, bad[i], &error);

      assert_null (user);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
      assert_contains (error->message, "4 to 8 digits");
    }
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM user"), 0);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), 0);

  g_autoptr (PosUser) four = add (t->store, "Four", POS_ROLE_CASHIER, "0000");
  g_autoptr (PosUser) eight = add (t->store, "Eight", POS_ROLE_CASHIER, "99999999");
}

static void
test_bad_or_duplicate_name_is_refused (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "  Anna ", POS_ROLE_CASHIER, "1234");
  g_autofree char *long_name = g_strnfill (POS_USER_NAME_MAX + 1, 'x');
  const char *const bad[] = { "", "   ", "an\tna", long_name, "ANNA", "anna" };

  assert_string_equal (anna->name, "Anna");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PosUser) user = pos_users_add (t->store, bad[i], POS_ROLE_CASHIER, "1234", &error);

      assert_null (user);
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
    }
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM user"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), 1);
}

static void
test_role_names_round_trip (void **state)
{
  PosRole role = POS_ROLE_CASHIER;

  for (PosRole r = POS_ROLE_CASHIER; r <= POS_ROLE_OWNER; r++)
    {
      assert_true (pos_role_parse (pos_role_to_string (r), &role));
      assert_int_equal (role, r);
    }
  assert_string_equal (pos_role_to_string (POS_ROLE_SUPERVISOR), "supervisor");
  assert_false (pos_role_parse ("admin", &role));
  assert_false (pos_role_parse (NULL, &role));
  assert_int_equal (role, POS_ROLE_OWNER);
}

/* ---- wrong PINs and the lockout --------------------------------------- */

static void
test_wrong_pin_counts_and_says_tries_left (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autofree char *first = refused (t->store, "Anna", "4321", POS_ERROR_AUTH);
  g_autofree char *second = refused (t->store, "Anna", "12345", POS_ERROR_AUTH);
  g_autofree char *malformed = refused (t->store, "Anna", "abcd", POS_ERROR_AUTH);

  assert_contains (first, "Wrong name or PIN");
  assert_contains (first, "4 tries left");
  assert_contains (second, "3 tries left");
  assert_contains (malformed, "2 tries left");
  assert_int_equal (failed_tries (t->store, "Anna"), 3);
}

static void
test_right_pin_resets_the_count (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = NULL;

  for (int i = 0; i < POS_USER_MAX_TRIES - 1; i++)
    g_free (refused (t->store, "Anna", "0000", POS_ERROR_AUTH));
  assert_int_equal (failed_tries (t->store, "Anna"), 4);
  user = sign_in (t->store, "Anna", "1234");
  assert_int_equal (failed_tries (t->store, "Anna"), 0);

  /* Four more wrong ones are again allowed: the count restarted. */
  for (int i = 0; i < POS_USER_MAX_TRIES - 1; i++)
    g_free (refused (t->store, "Anna", "0000", POS_ERROR_AUTH));
}

static void
test_fifth_wrong_pin_locks_even_the_right_pin_out (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autofree char *fifth = NULL;
  g_autofree char *right = NULL;
  gint64 until = 0;

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:00Z"));
  for (int i = 0; i < POS_USER_MAX_TRIES - 1; i++)
    g_free (refused (t->store, "Anna", "9999", POS_ERROR_AUTH));
  fifth = refused (t->store, "Anna", "9999", POS_ERROR_LOCKED_OUT);
  assert_contains (fifth, "Locked until 09:30");

  right = refused (t->store, "Anna", "1234", POS_ERROR_LOCKED_OUT);
  assert_contains (right, "Locked until 09:30");
  assert_true (pos_users_is_locked (t->store, "Anna", &until, NULL));
  assert_int_equal (until, at ("2026-11-28T09:30:00Z"));
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE locked_until = "
                                                  "'2026-11-28T09:30:00.000Z'"),
                    1);
  /* Attempts while locked are not counted further; the lock is audited once. */
  assert_int_equal (failed_tries (t->store, "Anna"), 5);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE action = 'user_locked_out'"), 1);
}

static void
test_lock_message_rounds_the_end_up_to_the_minute (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autofree char *message = NULL;

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:20.500Z"));
  for (int i = 0; i < POS_USER_MAX_TRIES - 1; i++)
    g_free (refused (t->store, "Anna", "9999", POS_ERROR_AUTH));
  message = refused (t->store, "Anna", "9999", POS_ERROR_LOCKED_OUT);
  assert_contains (message, "Locked until 09:31");
}

static void
lock_out (PosStore *store, const char *name)
{
  for (int i = 0; i < POS_USER_MAX_TRIES - 1; i++)
    g_free (refused (store, name, "9999", POS_ERROR_AUTH));
  g_free (refused (store, name, "9999", POS_ERROR_LOCKED_OUT));
}

static void
test_lock_ends_after_15_minutes (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = NULL;
  g_autofree char *after = NULL;

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:00Z"));
  lock_out (t->store, "Anna");

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:29:59.999Z"));
  g_free (refused (t->store, "Anna", "1234", POS_ERROR_LOCKED_OUT));

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:30:00Z"));
  assert_false (pos_users_is_locked (t->store, "Anna", NULL, NULL));
  /* After the lock a wrong PIN starts a fresh count, not an instant relock. */
  after = refused (t->store, "Anna", "9999", POS_ERROR_AUTH);
  assert_contains (after, "4 tries left");
  user = sign_in (t->store, "Anna", "1234");
  assert_int_equal (failed_tries (t->store, "Anna"), 0);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE locked_until IS NOT NULL"),
                    0);
}

static void
test_supervisor_unlocks_and_cashier_cannot (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) ben = add (t->store, "Ben", POS_ROLE_CASHIER, "5678");
  g_autoptr (PosUser) sue = add (t->store, "Sue", POS_ROLE_SUPERVISOR, "1111");
  g_autoptr (PosUser) user = NULL;
  g_autoptr (GError) error = NULL;

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:00Z"));
  lock_out (t->store, "Anna");

  assert_false (pos_users_unlock (t->store, ben, "Anna", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_true (pos_users_is_locked (t->store, "Anna", NULL, NULL));
  g_clear_error (&error);

  assert_true (pos_users_unlock (t->store, sue, "Anna", &error));
  pos_assert_no_error (error);
  user = sign_in (t->store, "Anna", "1234");
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE action = 'user_unlock' "
                                                  "AND user_id = (SELECT id FROM user WHERE name = 'Sue')"),
                    1);
}

static void
test_wrong_pin_count_survives_reopening_the_store (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (GError) error = NULL;

  for (int i = 0; i < 3; i++)
    g_free (refused (t->store, "Anna", "9999", POS_ERROR_AUTH));
  g_clear_pointer (&t->store, pos_store_close);

  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (failed_tries (t->store, "Anna"), 3);
  g_free (refused (t->store, "Anna", "9999", POS_ERROR_AUTH));
  g_free (refused (t->store, "Anna", "9999", POS_ERROR_LOCKED_OUT));
  g_free (refused (t->store, "Anna", "1234", POS_ERROR_LOCKED_OUT));
}

/* The count is committed at once: another connection sees it. */
static void
test_wrong_pin_is_committed_on_its_own (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosStore) other = NULL;
  g_autoptr (GError) error = NULL;

  g_free (refused (t->store, "Anna", "9999", POS_ERROR_AUTH));
  assert_false (pos_store_in_transaction (t->store));
  other = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
  assert_int_equal (failed_tries (other, "Anna"), 1);
}

/* One attempt's answer: the error's code and message, as the till or the
 * command line would show it. */
static char *
answer (PosStore *store, const char *name, const char *pin)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) user = pos_users_authenticate (store, name, pin, &error);

  assert_null (user);
  assert_non_null (error);
  assert_true (error->domain == POS_ERROR);
  return g_strdup_printf ("%d %s", error->code, error->message);
}

/* Wrong PINs under a name nobody has are counted and locked out just like a
 * real user's, so that no answer tells whether a name exists; the real
 * user's row and the audit trail are left alone. */
static void
test_unknown_name_answers_like_a_wrong_pin_to_the_lock_and_beyond (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = NULL;

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:00Z"));
  for (int i = 0; i < POS_USER_MAX_TRIES + 1; i++)
    {
      g_autofree char *known = answer (t->store, "Anna", "9999");
      g_autofree char *unknown = answer (t->store, "Nobody", "9999");

      assert_string_equal (unknown, known);
      if (i == 0)
        assert_contains (known, "Wrong name or PIN (4 tries left");
      if (i >= POS_USER_MAX_TRIES - 1)
        assert_contains (known, "Locked until");
    }
  /* Typed in other case, it is the same name, as it is for a user. */
  {
    g_autofree char *known = answer (t->store, "ANNA", "1234");
    g_autofree char *unknown = answer (t->store, "NOBODY", "1234");
    assert_string_equal (unknown, known);
  }
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM sign_in_miss"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE action = "
                                                  "'user_locked_out' AND detail LIKE '%Nobody%'"),
                    0);

  /* Both locks run out alike; the real user's PIN still works. */
  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:31:00Z"));
  {
    g_autofree char *known = answer (t->store, "Anna", "9999");
    g_autofree char *unknown = answer (t->store, "Nobody", "9999");
    assert_string_equal (unknown, known);
    assert_contains (known, "4 tries left");
  }
  user = sign_in (t->store, "Anna", "1234");
}

static void
test_inactive_user_cannot_sign_in (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  assert_true (pos_users_set_active (t->store, olga, "Anna", FALSE, &error));
  pos_assert_no_error (error);
  message = refused (t->store, "Anna", "1234", POS_ERROR_AUTH);
  /* It answers as a name nobody has: counted, but not on the user's row. */
  assert_string_equal (message, "Wrong name or PIN (4 tries left before a 15-minute lock)");
  assert_int_equal (failed_tries (t->store, "Anna"), 0);
}

/* ---- looking up and listing ------------------------------------------- */

static void
test_lookup_finds_users_without_verifying_a_pin (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) by_name = NULL;
  g_autoptr (PosUser) by_id = NULL;
  g_autoptr (PosUser) copy = NULL;
  g_autoptr (PosUser) none = NULL;
  g_autoptr (GError) error = NULL;

  by_name = pos_users_lookup (t->store, "ANNA", &error);
  pos_assert_no_error (error);
  by_id = pos_users_lookup_by_id (t->store, anna->id, &error);
  pos_assert_no_error (error);
  assert_int_equal (by_name->id, anna->id);
  assert_string_equal (by_id->name, "Anna");
  assert_false (by_name->pin_verified);

  copy = pos_user_copy (by_id);
  assert_string_equal (copy->name, "Anna");
  assert_ptr_not_equal (copy->name, by_id->name);

  none = pos_users_lookup (t->store, "Nobody", &error);
  assert_null (none);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  none = pos_users_lookup_by_id (t->store, 999, &error);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

static void
test_list_has_active_users_first_by_name (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) zoe = add (t->store, "Zoe", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) bob = add (t->store, "Bob", POS_ROLE_SUPERVISOR, "1234");
  g_autoptr (GPtrArray) users = NULL;
  g_autoptr (GError) error = NULL;
  const char *expected[] = { "Bob", "olga", "Zoe", "Anna" };

  assert_true (pos_users_set_active (t->store, olga, "Anna", FALSE, &error));
  users = pos_users_list (t->store, &error);
  pos_assert_no_error (error);
  assert_int_equal (users->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < users->len; i++)
    {
      PosUser *user = g_ptr_array_index (users, i);
      assert_string_equal (user->name, expected[i]);
      assert_int_equal (user->active, i < 3);
    }
}

/* ---- managing users --------------------------------------------------- */

static void
test_owner_changes_role_with_an_audit_row (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'user_set_role' "
                                          "AND user_id = %" G_GINT64_FORMAT " AND approver_id IS NULL "
                                          "AND json_extract (detail, '$.user') = 'Anna' "
                                          "AND json_extract (detail, '$.role') = 'supervisor'",
                                          olga->id);

  assert_true (pos_users_set_role (t->store, olga, "Anna", POS_ROLE_SUPERVISOR, &error));
  pos_assert_no_error (error);
  after = pos_users_lookup (t->store, "Anna", &error);
  assert_int_equal (after->role, POS_ROLE_SUPERVISOR);
  assert_int_equal (pos_test_query_int (t->store, sql), 1);
}

static void
test_only_an_owner_manages_users (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) sue = add (t->store, "Sue", POS_ROLE_SUPERVISOR, "1111");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) added = NULL;
  g_autoptr (GError) error = NULL;
  gint64 audits = pos_test_query_int (t->store, "SELECT count(*) FROM audit");

  assert_false (pos_users_set_role (t->store, sue, "Anna", POS_ROLE_SUPERVISOR, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  assert_contains (error->message, "owner");
  g_clear_error (&error);
  assert_false (pos_users_set_active (t->store, sue, "Anna", FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  assert_false (pos_users_set_pin (t->store, anna, "Sue", "9999", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Refused before looking: a cashier cannot probe for names. */
  assert_false (pos_users_set_role (t->store, anna, "Nobody", POS_ROLE_OWNER, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);
  added = pos_users_add_as (t->store, sue, "Eve", POS_ROLE_CASHIER, "1234", &error);
  assert_null (added);
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);

  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE role = 'cashier' AND active"), 1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), audits);

  added = pos_users_add_as (t->store, olga, "Eve", POS_ROLE_CASHIER, "1234", &error);
  pos_assert_no_error (error);
  assert_non_null (added);
  assert_true (pos_users_set_role (t->store, olga, "Nobody", POS_ROLE_OWNER, &error) == FALSE);
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
}

/* The store is asked, not the caller's old copy of the actor. */
static void
test_demoted_owner_copy_no_longer_counts (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) otto = add (t->store, "Otto", POS_ROLE_OWNER, "1357");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (GError) error = NULL;

  assert_true (pos_users_set_role (t->store, olga, "Otto", POS_ROLE_CASHIER, &error));
  pos_assert_no_error (error);
  assert_int_equal (otto->role, POS_ROLE_OWNER); /* the stale copy */
  assert_false (pos_users_set_role (t->store, otto, "Anna", POS_ROLE_OWNER, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
  g_clear_error (&error);

  assert_true (pos_users_set_active (t->store, olga, "Otto", FALSE, &error));
  assert_false (pos_users_set_pin (t->store, otto, "Otto", "0000", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_PERMISSION);
}

static void
test_last_active_owner_cannot_be_demoted_or_deactivated (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) otto = NULL;
  g_autoptr (GError) error = NULL;

  assert_false (pos_users_set_role (t->store, olga, "Olga", POS_ROLE_SUPERVISOR, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  assert_contains (error->message, "last active owner");
  g_clear_error (&error);
  assert_false (pos_users_set_active (t->store, olga, "Olga", FALSE, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE role = 'owner' AND active"), 1);

  /* An inactive second owner does not count. */
  otto = add (t->store, "Otto", POS_ROLE_OWNER, "1357");
  assert_true (pos_users_set_active (t->store, olga, "Otto", FALSE, &error));
  assert_false (pos_users_set_role (t->store, olga, "Olga", POS_ROLE_SUPERVISOR, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_STATE);
  g_clear_error (&error);

  /* With another active owner it is allowed. */
  assert_true (pos_users_set_active (t->store, olga, "Otto", TRUE, &error));
  assert_true (pos_users_set_role (t->store, olga, "Olga", POS_ROLE_SUPERVISOR, &error));
  pos_assert_no_error (error);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE role = 'owner' AND active"), 1);
}

static void
test_anyone_may_change_their_own_pin (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = NULL;
  g_autoptr (GError) error = NULL;

  assert_false (pos_users_set_pin (t->store, anna, "Anna", "12", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  g_clear_error (&error);
  g_free (refused (t->store, "Anna", "12", POS_ERROR_AUTH));

  assert_true (pos_users_set_pin (t->store, anna, "Anna", "86420", &error));
  pos_assert_no_error (error);
  g_free (refused (t->store, "Anna", "1234", POS_ERROR_AUTH));
  user = sign_in (t->store, "Anna", "86420");
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE action = 'user_set_pin'"),
                    1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE detail LIKE '%86420%'"),
                    0);
}

static void
test_owner_setting_a_pin_clears_the_lock (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = NULL;
  g_autoptr (GError) error = NULL;

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:00Z"));
  lock_out (t->store, "Anna");
  assert_true (pos_users_set_pin (t->store, olga, "Anna", "7777", &error));
  pos_assert_no_error (error);
  user = sign_in (t->store, "Anna", "7777");
}

/* Other tills learn of users from the journal: every change has its event,
 * with the user's state after it and the PIN only as its hash. */
static void
test_user_changes_are_journal_events_without_the_pin (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (GError) error = NULL;

  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type = 'user.added'"),
                    2);
  assert_true (pos_users_set_role (t->store, olga, "Anna", POS_ROLE_SUPERVISOR, &error));
  assert_true (pos_users_set_pin (t->store, olga, "Anna", "864209", &error));
  assert_true (pos_users_set_active (t->store, olga, "Anna", FALSE, &error));
  pos_assert_no_error (error);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM journal j JOIN user u ON u.name = 'Anna' "
                                    "WHERE j.id = (SELECT max (id) FROM journal) AND j.type = 'user.changed' "
                                    "AND json_extract (j.payload, '$.name') = 'Anna' "
                                    "AND json_extract (j.payload, '$.role') = 'supervisor' "
                                    "AND json_extract (j.payload, '$.active') = 0 "
                                    "AND json_extract (j.payload, '$.pin_hash') = u.pin_hash"),
      1);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type = 'user.changed'"),
                    3);
  assert_int_equal (pos_test_query_int (t->store,
                                        "SELECT count(*) FROM journal WHERE payload LIKE '%864209%' "
                                        "OR payload LIKE '%\"pin\"%'"),
                    0);
  assert_true (pos_users_set_active (t->store, olga, "Anna", TRUE, &error));
  lock_out (t->store, "Anna");
  assert_true (pos_users_unlock (t->store, olga, "Anna", &error));
  pos_assert_no_error (error);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE type = 'user.unlocked'"), 1);
}

/* ---- audit ------------------------------------------------------------ */

static void
test_audit_row_lives_and_dies_with_the_callers_transaction (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) sue = add (t->store, "Sue", POS_ROLE_SUPERVISOR, "1111");
  g_autoptr (GError) error = NULL;
  gint64 before = pos_test_query_int (t->store, "SELECT count(*) FROM audit");
  g_autofree char *sql = NULL;

  assert_true (pos_store_begin (t->store, &error));
  assert_true (pos_audit_record (t->store, anna, sue, "no_sale", 0, "{\"reason\":\"change\"}", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), before + 1);
  pos_store_rollback (t->store);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), before);

  pos_clock_set_fixed_for_testing (at ("2026-11-28T09:15:02.120Z"));
  assert_true (pos_store_begin (t->store, &error));
  assert_true (pos_audit_record (t->store, anna, sue, "no_sale", 0, "{\"reason\":\"change\"}", &error));
  assert_true (pos_store_commit (t->store, &error));
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'no_sale' AND user_id = %" G_GINT64_FORMAT
                         " AND approver_id = %" G_GINT64_FORMAT " AND sale_id IS NULL"
                         " AND created_at = '2026-11-28T09:15:02.120Z'"
                         " AND json_extract (detail, '$.reason') = 'change'",
                         anna->id, sue->id);
  assert_int_equal (pos_test_query_int (t->store, sql), 1);
}

static void
test_audit_detail_must_be_a_json_object (void **state)
{
  static const char *const bad[] = { "not json", "[1, 2]", "\"text\"", "{\"a\":" };
  g_autoptr (PosTestStore) t = pos_test_store_new ();

  assert_true (pos_store_begin (t->store, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      assert_false (pos_audit_record (t->store, NULL, NULL, "no_sale", 0, bad[i], &error));
      pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
    }
  assert_true (pos_audit_record (t->store, NULL, NULL, "no_sale", 0, NULL, NULL));
  assert_true (pos_store_commit (t->store, NULL));
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), 1);
}

static void
test_user_changes_leave_audit_rows_that_cannot_be_edited (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) olga = add (t->store, "Olga", POS_ROLE_OWNER, "2468");
  g_autoptr (GError) error = NULL;

  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit WHERE action = 'user_add' "
                                                  "AND user_id IS NULL AND json_extract (detail, '$.role') "
                                                  "= 'owner'"),
                    1);
  assert_false (pos_store_exec (t->store, "DELETE FROM audit", &error));
  assert_contains (error->message, "append-only");
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM audit"), 1);
}

/* ---- the pepper ------------------------------------------------------- */

/* A store copied to a machine without the shop's pepper file cannot check
 * any PIN: the hash alone gives a guesser nothing to test against. */
static void
test_store_copied_without_the_pepper_cannot_verify_a_pin (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *shop = g_build_filename (dir, "shop", "pepper", NULL);
  g_autofree char *thief = g_build_filename (dir, "elsewhere", "pepper", NULL);
  g_autoptr (PosUser) anna = NULL;
  g_autoptr (PosUser) again = NULL;
  g_autofree char *message = NULL;

  pos_pepper_use_path_for_tests (shop);
  anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");

  pos_pepper_use_path_for_tests (thief);
  message = refused (t->store, "Anna", "1234", POS_ERROR_AUTH);
  assert_contains (message, "Wrong name or PIN");

  pos_pepper_use_path_for_tests (shop);
  again = sign_in (t->store, "Anna", "1234");
  pos_pepper_use_path_for_tests (NULL);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

static void
test_pepper_file_is_private_and_made_once (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "mainstreet", "pepper", NULL);
  guint8 first[POS_PEPPER_BYTES], second[POS_PEPPER_BYTES];
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  pos_pepper_use_path_for_tests (path);
  assert_true (pos_pepper_get (first, &error));
  pos_pepper_use_path_for_tests (path); /* forget it: read the file again */
  assert_true (pos_pepper_get (second, &error));
  pos_assert_no_error (error);

  assert_int_equal (g_stat (path, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);
  assert_int_equal (st.st_size, POS_PEPPER_BYTES);
  assert_memory_equal (first, second, POS_PEPPER_BYTES);
  pos_pepper_use_path_for_tests (NULL);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* A hash from before the pepper (plain Argon2id of the PIN) still signs in,
 * and is replaced by a peppered one on that sign-in. */
static void
test_hash_from_before_the_pepper_signs_in_and_is_replaced (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (PosUser) user = NULL;
  g_autoptr (PosUser) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStmt) stmt = NULL;
  char old[crypto_pwhash_STRBYTES];

  assert_int_equal (crypto_pwhash_str_alg (old, "1234", 4, crypto_pwhash_argon2id_OPSLIMIT_MIN,
                                           crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
                    0);
  assert_int_equal (
      sqlite3_prepare_v2 (pos_store_db (t->store), "UPDATE user SET pin_hash = ?1", -1, &stmt, NULL),
      SQLITE_OK);
  sqlite3_bind_text (stmt, 1, old, -1, SQLITE_STATIC);
  assert_int_equal (sqlite3_step (stmt), SQLITE_DONE);
  sqlite3_finalize (g_steal_pointer (&stmt));

  user = sign_in (t->store, "Anna", "1234");
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM user WHERE pin_hash LIKE '$pepper1$%'"), 1);
  again = sign_in (t->store, "Anna", "1234");
  g_free (refused (t->store, "Anna", "4321", POS_ERROR_AUTH));
}

/* Cashiers keep 4 to 8 digits; supervisors and owners may use up to 12. */
static void
test_supervisors_and_owners_may_have_longer_pins (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) owner = add (t->store, "Olga", POS_ROLE_OWNER, "123456789012");
  g_autoptr (PosUser) boss = add (t->store, "Sam", POS_ROLE_SUPERVISOR, "1234567890");
  g_autoptr (PosUser) signed_in = sign_in (t->store, "Olga", "123456789012");
  g_autoptr (PosUser) cashier = NULL;
  g_autoptr (PosUser) too_long = NULL;
  g_autoptr (GError) error = NULL;

  cashier = pos_users_add (t->store, "Anna", POS_ROLE_CASHIER, "123456789", &error);
  assert_null (cashier);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_contains (error->message, "4 to 8 digits");
  g_clear_error (&error);

  too_long = pos_users_add (t->store, "Max", POS_ROLE_OWNER, "1234567890123", &error);
  assert_null (too_long);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_contains (error->message, "4 to 12 digits");
  g_clear_error (&error);

  cashier = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  assert_false (pos_users_set_pin (t->store, signed_in, "Anna", "1234567890", &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
  assert_true (pos_users_set_pin (t->store, signed_in, "Sam", "987654321098", NULL));
}

/* An attempt that cannot be written down (here a trigger stands in for a
 * full disk) fails alike for the right and a wrong PIN: same error, same
 * code, so the disk being full does not open the way to uncounted guesses. */
static void
test_attempt_that_cannot_be_counted_reads_the_same_for_any_pin (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosUser) anna = add (t->store, "Anna", POS_ROLE_CASHIER, "1234");
  g_autoptr (GError) wrong = NULL;
  g_autoptr (GError) right = NULL;
  g_autoptr (PosUser) as_wrong = NULL;
  g_autoptr (PosUser) as_right = NULL;
  g_autoptr (PosUser) after = NULL;

  pos_test_exec (t->store, "CREATE TEMP TRIGGER no_room BEFORE UPDATE ON main.user "
                           "BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END");
  as_wrong = pos_users_authenticate (t->store, "Anna", "9999", &wrong);
  as_right = pos_users_authenticate (t->store, "Anna", "1234", &right);
  assert_null (as_wrong);
  assert_null (as_right);
  assert_non_null (wrong);
  assert_non_null (right);
  assert_int_equal (right->domain, wrong->domain);
  assert_int_equal (right->code, wrong->code);
  assert_string_equal (right->message, wrong->message);

  pos_test_exec (t->store, "DROP TRIGGER no_room");
  assert_int_equal (failed_tries (t->store, "Anna"), 0);
  after = sign_in (t->store, "Anna", "1234");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_teardown (test_added_user_signs_in_with_pin_verified, reset_clock),
    cmocka_unit_test_teardown (test_pin_is_stored_only_as_argon2id, reset_clock),
    cmocka_unit_test_teardown (test_default_hash_uses_interactive_limits, reset_clock),
    cmocka_unit_test_teardown (test_fixture_hash_verifies_by_its_own_limits, reset_clock),
    cmocka_unit_test_teardown (test_authenticate_async_signs_in_and_counts_wrong_pins, reset_clock),
    cmocka_unit_test_teardown (test_approvers_are_active_supervisors_and_owners, reset_clock),
    cmocka_unit_test_teardown (test_pin_must_be_4_to_8_digits, reset_clock),
    cmocka_unit_test_teardown (test_bad_or_duplicate_name_is_refused, reset_clock),
    cmocka_unit_test_teardown (test_role_names_round_trip, reset_clock),
    cmocka_unit_test_teardown (test_wrong_pin_counts_and_says_tries_left, reset_clock),
    cmocka_unit_test_teardown (test_right_pin_resets_the_count, reset_clock),
    cmocka_unit_test_teardown (test_fifth_wrong_pin_locks_even_the_right_pin_out, reset_clock),
    cmocka_unit_test_teardown (test_lock_message_rounds_the_end_up_to_the_minute, reset_clock),
    cmocka_unit_test_teardown (test_lock_ends_after_15_minutes, reset_clock),
    cmocka_unit_test_teardown (test_supervisor_unlocks_and_cashier_cannot, reset_clock),
    cmocka_unit_test_teardown (test_wrong_pin_count_survives_reopening_the_store, reset_clock),
    cmocka_unit_test_teardown (test_wrong_pin_is_committed_on_its_own, reset_clock),
    cmocka_unit_test_teardown (test_unknown_name_answers_like_a_wrong_pin_to_the_lock_and_beyond,
                               reset_clock),
    cmocka_unit_test_teardown (test_inactive_user_cannot_sign_in, reset_clock),
    cmocka_unit_test_teardown (test_lookup_finds_users_without_verifying_a_pin, reset_clock),
    cmocka_unit_test_teardown (test_list_has_active_users_first_by_name, reset_clock),
    cmocka_unit_test_teardown (test_owner_changes_role_with_an_audit_row, reset_clock),
    cmocka_unit_test_teardown (test_only_an_owner_manages_users, reset_clock),
    cmocka_unit_test_teardown (test_demoted_owner_copy_no_longer_counts, reset_clock),
    cmocka_unit_test_teardown (test_last_active_owner_cannot_be_demoted_or_deactivated, reset_clock),
    cmocka_unit_test_teardown (test_anyone_may_change_their_own_pin, reset_clock),
    cmocka_unit_test_teardown (test_owner_setting_a_pin_clears_the_lock, reset_clock),
    cmocka_unit_test_teardown (test_audit_row_lives_and_dies_with_the_callers_transaction, reset_clock),
    cmocka_unit_test_teardown (test_audit_detail_must_be_a_json_object, reset_clock),
    cmocka_unit_test_teardown (test_user_changes_leave_audit_rows_that_cannot_be_edited, reset_clock),
    cmocka_unit_test_teardown (test_user_changes_are_journal_events_without_the_pin, reset_clock),
    cmocka_unit_test_teardown (test_store_copied_without_the_pepper_cannot_verify_a_pin, reset_clock),
    cmocka_unit_test_teardown (test_pepper_file_is_private_and_made_once, reset_clock),
    cmocka_unit_test_teardown (test_hash_from_before_the_pepper_signs_in_and_is_replaced, reset_clock),
    cmocka_unit_test_teardown (test_supervisors_and_owners_may_have_longer_pins, reset_clock),
    cmocka_unit_test_teardown (test_attempt_that_cannot_be_counted_reads_the_same_for_any_pin, reset_clock),
  };

  /* Lock times are shown in local time; the tests read them in UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
