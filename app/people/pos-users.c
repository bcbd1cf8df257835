/* pos-users.c — users, their PINs (Argon2id) and the wrong-PIN lockout.
 *
 * The user table keeps the count of wrong PINs and the end of a lock, so a
 * restart or a second till process cannot be used to get more guesses.
 * Changes to users are written with an audit row in the same transaction,
 * and with a journal event (user.added, user.changed, user.unlocked) that
 * carries the user's whole state — the PIN only as its Argon2id hash — so
 * every till of the shop ends up with the same users (pos-sync-apply.h).
 */
#include "pos-users.h"

#include "pos-i18n.h"
#include "pos-users-testing.h"

#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "pos-audit.h"
#include "pos-clock.h"
#include "pos-journal.h"
#include "pos-nf525-jet.h"
#include "pos-pepper.h"
#include "pos-permission.h"
#include "pos-store-private.h"

G_DEFINE_BOXED_TYPE (PosUser, pos_user, pos_user_copy, pos_user_free)

PosUser *
pos_user_copy (const PosUser *user)
{
  PosUser *copy;

  g_return_val_if_fail (user != NULL, NULL);
  copy = g_memdup2 (user, sizeof *user);
  copy->name = g_strdup (user->name);
  copy->language = g_strdup (user->language);
  return copy;
}

void
pos_user_free (PosUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->language);
  g_free (user);
}

static const char *const role_names[] = { "cashier", "supervisor", "owner" };

const char *
pos_role_to_string (PosRole role)
{
  g_return_val_if_fail ((int)role >= 0 && (int)role < (int)G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
pos_role_parse (const char *text, PosRole *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (text, role_names[i]) == 0)
      {
        *out = (PosRole)i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
role_is_valid (PosRole role)
{
  return (int)role >= 0 && (int)role < (int)G_N_ELEMENTS (role_names);
}

/* ---- PINs ------------------------------------------------------------- */

static gboolean
pin_is_well_formed (const char *pin, size_t max_digits)
{
  size_t length = strlen (pin);

  if (length < POS_PIN_MIN_DIGITS || length > max_digits)
    return FALSE;
  for (size_t i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

/* Supervisors and owners may choose longer PINs: they can approve refunds,
 * import and restore, so theirs are worth more to a guesser. */
static size_t
max_digits_for (PosRole role)
{
  return role == POS_ROLE_CASHIER ? POS_PIN_MAX_DIGITS_CASHIER : POS_PIN_MAX_DIGITS;
}

gboolean
pos_pin_validate_for_role (const char *pin, PosRole role, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pin != NULL && pin_is_well_formed (pin, max_digits_for (role)))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("A %s's PIN must be %d to %d digits (0–9), nothing else"), pos_role_to_string (role),
               POS_PIN_MIN_DIGITS, (int)max_digits_for (role));
  return FALSE;
}

gboolean
pos_pin_validate (const char *pin, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pin != NULL && pin_is_well_formed (pin, POS_PIN_MAX_DIGITS))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A PIN must be %d to %d digits (0–9), nothing else"),
               POS_PIN_MIN_DIGITS, POS_PIN_MAX_DIGITS);
  return FALSE;
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize state = 0; /* 1 = ready, 2 = failed */

  if (g_once_init_enter (&state))
    g_once_init_leave (&state, sodium_init () < 0 ? 2 : 1);
  if (state == 1)
    return TRUE;
  g_set_error_literal (error, POS_ERROR, POS_ERROR_FAILED, _ ("The cryptography library could not start"));
  return FALSE;
}

static gint hash_cost = POS_HASH_COST_INTERACTIVE;

void
pos_users_set_hash_cost_for_tests (PosHashCost cost)
{
  g_atomic_int_set (&hash_cost, cost);
}

/* Marks a hash made from the peppered PIN; hashes without it predate the
 * pepper and are replaced at the user's next sign-in. */
#define PEPPER_TAG "$pepper1"

/* HMAC-SHA256 of @pin under the shop's pepper (see pos-pepper.h). */
static gboolean
key_pin (const char *pin, guint8 out[crypto_auth_hmacsha256_BYTES], GError **error)
{
  guint8 pepper[POS_PEPPER_BYTES];
  gboolean ok;

  G_STATIC_ASSERT (POS_PEPPER_BYTES == crypto_auth_hmacsha256_KEYBYTES);
  ok = pos_pepper_get (pepper, error);
  if (ok)
    crypto_auth_hmacsha256 (out, (const guint8 *)pin, strlen (pin), pepper);
  sodium_memzero (pepper, sizeof pepper);
  return ok;
}

/* Limits measured against the 0.3 s sign-in budget: on a loaded two-core
 * machine 32 MiB with 3 passes took 0.26 s, where libsodium's
 * "interactive" 64 MiB with 2 passes took 0.45-0.5 s. */
#define PIN_HASH_OPS 3
#define PIN_HASH_MEM (32u << 20)

/* Argon2id of the keyed PIN, unless a test program asked for the minimum
 * limits. */
static char *
hash_pin (const char *pin, GError **error)
{
  gboolean fast = g_atomic_int_get (&hash_cost) == POS_HASH_COST_MINIMUM;
  unsigned long long ops = fast ? crypto_pwhash_argon2id_OPSLIMIT_MIN : PIN_HASH_OPS;
  size_t mem = fast ? crypto_pwhash_argon2id_MEMLIMIT_MIN : PIN_HASH_MEM;
  guint8 keyed[crypto_auth_hmacsha256_BYTES];
  char out[crypto_pwhash_STRBYTES];
  int rc;

  if (!ensure_sodium (error) || !key_pin (pin, keyed, error))
    return NULL;
  rc = crypto_pwhash_str_alg (out, (const char *)keyed, sizeof keyed, ops, mem, crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero (keyed, sizeof keyed);
  if (rc != 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_FAILED, _ ("Not enough memory to protect the PIN"));
      return NULL;
    }
  return g_strconcat (PEPPER_TAG, out, NULL);
}

static gboolean
hash_is_peppered (const char *hash)
{
  return g_str_has_prefix (hash, PEPPER_TAG);
}

/* A PIN that cannot be keyed (no pepper) matches nothing. */
static gboolean
pin_matches (const char *hash, const char *pin)
{
  guint8 keyed[crypto_auth_hmacsha256_BYTES];
  gboolean ok;

  if (hash == NULL || !pin_is_well_formed (pin, POS_PIN_MAX_DIGITS))
    return FALSE;
  if (!hash_is_peppered (hash))
    return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
  if (!key_pin (pin, keyed, NULL))
    return FALSE;
  ok = crypto_pwhash_str_verify (hash + strlen (PEPPER_TAG), (const char *)keyed, sizeof keyed) == 0;
  sodium_memzero (keyed, sizeof keyed);
  return ok;
}

/* ---- reading users ---------------------------------------------------- */

#define USER_COLUMNS "id, name, role, active, pin_hash, failed_tries, locked_until, language"

/* A user row with the parts that never leave this file. */
typedef struct
{
  PosUser *user;
  char *pin_hash;
  gint64 failed_tries;
  gint64 locked_until_us; /* 0 = not locked */
} UserRow;

static void
user_row_clear (UserRow *row)
{
  g_clear_pointer (&row->user, pos_user_free);
  if (row->pin_hash != NULL)
    sodium_memzero (row->pin_hash, strlen (row->pin_hash));
  g_clear_pointer (&row->pin_hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserRow, user_row_clear)

static PosUser *
user_from_stmt (PosStmt *stmt)
{
  PosUser *user = g_new0 (PosUser, 1);
  gboolean known_role;

  user->id = sqlite3_column_int64 (stmt, 0);
  user->name = pos_stmt_dup_text (stmt, 1);
  known_role = pos_role_parse ((const char *)sqlite3_column_text (stmt, 2), &user->role);
  g_assert (known_role); /* the schema's CHECK allows only the three */
  user->active = sqlite3_column_int (stmt, 3) != 0;
  user->language = pos_stmt_dup_text (stmt, 7);
  return user;
}

/* The end of a lock in column @col; 0 when none. An unreadable lock time
 * is treated as a lock that never ends: someone must unlock the user rather
 * than it silently vanishing. */
static gint64
lock_from_column (PosStmt *stmt, int col)
{
  gint64 until_us = 0;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return 0;
  if (!pos_clock_parse_iso ((const char *)sqlite3_column_text (stmt, col), &until_us))
    return G_MAXINT64;
  return until_us;
}

static void
user_row_from_stmt (PosStmt *stmt, UserRow *row)
{
  row->user = user_from_stmt (stmt);
  row->pin_hash = pos_stmt_dup_text (stmt, 4);
  row->failed_tries = sqlite3_column_int64 (stmt, 5);
  row->locked_until_us = lock_from_column (stmt, 6);
}

/* Runs a by-name or by-id query: 1 found, 0 none, -1 with @error set. */
static int
step_user_row (PosStore *store, PosStmt *stmt, UserRow *row, GError **error)
{
  int rc = pos_store_step_row (store, stmt, error);

  if (rc == SQLITE_ROW)
    {
      user_row_from_stmt (stmt, row);
      return 1;
    }
  return rc == SQLITE_DONE ? 0 : -1;
}

/* Names match ignoring ASCII case: "anna" at the login is Anna. */
static int
load_row_by_name (PosStore *store, const char *name, UserRow *row, GError **error)
{
  static const char sql[] = "SELECT " USER_COLUMNS " FROM user WHERE name = ?1 COLLATE NOCASE";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return step_user_row (store, stmt, row, error);
}

static int
load_row_by_id (PosStore *store, gint64 id, UserRow *row, GError **error)
{
  static const char sql[] = "SELECT " USER_COLUMNS " FROM user WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  return step_user_row (store, stmt, row, error);
}

static void
set_no_such_user (const char *name, GError **error)
{
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no user named “%s”"), name);
}

PosUser *
pos_users_lookup (PosStore *store, const char *name, GError **error)
{
  g_auto (UserRow) row = { 0 };
  int found;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = load_row_by_name (store, name, &row, error);
  if (found == 0)
    set_no_such_user (name, error);
  return found == 1 ? g_steal_pointer (&row.user) : NULL;
}

PosUser *
pos_users_lookup_by_id (PosStore *store, gint64 id, GError **error)
{
  g_auto (UserRow) row = { 0 };
  int found;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = load_row_by_id (store, id, &row, error);
  if (found == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no user number %lld"), (long long)id);
  return found == 1 ? g_steal_pointer (&row.user) : NULL;
}

GPtrArray *
pos_users_list (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT " USER_COLUMNS " FROM user ORDER BY active DESC, name COLLATE NOCASE, id";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_user_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_stmt (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&users) : NULL;
}

GPtrArray *
pos_users_list_approvers (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT " USER_COLUMNS " FROM user WHERE active = 1 AND role IN "
                            "('supervisor', 'owner') ORDER BY name COLLATE NOCASE, id";
  g_autoptr (PosStmt) stmt = NULL;
  g_autoptr (GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_user_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_stmt (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&users) : NULL;
}

gboolean
pos_users_is_locked (PosStore *store, const char *name, gint64 *until_us, GError **error)
{
  g_auto (UserRow) row = { 0 };
  int found;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  found = load_row_by_name (store, name, &row, error);
  if (found == 0)
    set_no_such_user (name, error);
  if (found != 1 || row.locked_until_us <= pos_clock_now_us ())
    return FALSE;
  if (until_us != NULL)
    *until_us = row.locked_until_us;
  return TRUE;
}

/* ---- audit details ---------------------------------------------------- */

/* A JSON object from NULL-terminated pairs of string keys and values. */
static char *
detail_of (const char *first_key, ...)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, va_arg (args, const char *));
    }
  va_end (args);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- signing in ------------------------------------------------------- */

typedef enum
{
  ATTEMPT_ACCEPTED,
  ATTEMPT_REFUSED, /* wrong PIN, tries left */
  ATTEMPT_LOCKED,  /* locked now (possibly by this very attempt) */
  ATTEMPT_UNKNOWN, /* no such active user: nothing is recorded */
} AttemptResult;

/* What one attempt leaves behind, from the row as it is now. */
typedef struct
{
  AttemptResult result;
  gint64 tries;    /* wrong PINs in a row after this attempt */
  gint64 until_us; /* end of the lock, 0 = none */
  gboolean changed;
} AttemptOutcome;

/* The lockout rule, with no I/O: a lock that has run out starts a fresh
 * count; the fifth wrong PIN in a row locks for POS_USER_LOCK_MINUTES. */
static AttemptOutcome
next_attempt_state (const UserRow *row, gboolean pin_ok, gint64 now)
{
  AttemptOutcome out = { ATTEMPT_ACCEPTED, 0, 0, FALSE };
  gint64 base = row->failed_tries;

  if (row->locked_until_us > now)
    return (AttemptOutcome){ ATTEMPT_LOCKED, row->failed_tries, row->locked_until_us, FALSE };
  if (row->locked_until_us != 0)
    base = 0;
  /* Every attempt writes its row, a right PIN included, so that a store
   * which cannot be written (a full disk) refuses right and wrong PINs
   * alike, and no PIN can be tried there without being counted. */
  out.changed = TRUE;
  if (pin_ok)
    return out;
  out.tries = base + 1;
  out.result = ATTEMPT_REFUSED;
  if (out.tries >= POS_USER_MAX_TRIES)
    {
      out.result = ATTEMPT_LOCKED;
      out.until_us = now + (gint64)POS_USER_LOCK_MINUTES * 60 * G_USEC_PER_SEC;
    }
  return out;
}

static gboolean
save_attempt (PosStore *store, const PosUser *user, const AttemptOutcome *out, GError **error)
{
  static const char sql[] = "UPDATE user SET failed_tries = ?2, locked_until = ?3 WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *until = out->until_us != 0 ? pos_clock_iso_utc (out->until_us) : NULL;
  g_autofree char *detail = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user->id);
  sqlite3_bind_int64 (stmt, 2, out->tries);
  sqlite3_bind_text (stmt, 3, until, -1, SQLITE_STATIC); /* NULL binds NULL */
  if (!pos_store_step_done (store, stmt, error))
    return FALSE;
  if (until == NULL)
    return TRUE;
  detail = detail_of ("user", user->name, "until", until, NULL);
  return pos_audit_record (store, user, NULL, "user_locked_out", 0, detail, error);
}

/*
 * Records one PIN attempt in a transaction of its own. The row is read
 * again under the write lock, so two tills guessing at once both count, and
 * a lock set meanwhile by another process is honoured.
 */
static gboolean
record_attempt (PosStore *store, gint64 id, const char *pin, const char *hash_seen, gboolean pin_ok,
                AttemptOutcome *out, GError **error)
{
  g_auto (UserRow) row = { 0 };
  int found;

  if (!pos_store_begin (store, error))
    return FALSE;
  found = load_row_by_id (store, id, &row, error);
  if (found != 1 || !row.user->active)
    {
      pos_store_rollback (store);
      out->result = ATTEMPT_UNKNOWN;
      return found >= 0;
    }
  if (g_strcmp0 (row.pin_hash, hash_seen) != 0)
    pin_ok = pin_matches (row.pin_hash, pin); /* the PIN was changed meanwhile */
  *out = next_attempt_state (&row, pin_ok, pos_clock_now_us ());
  if (!out->changed)
    {
      pos_store_rollback (store);
      return TRUE;
    }
  if (!save_attempt (store, row.user, out, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

static void
set_wrong_name_or_pin (gint64 tries_left, GError **error)
{
  if (tries_left <= 0)
    g_set_error_literal (error, POS_ERROR, POS_ERROR_AUTH, _ ("Wrong name or PIN"));
  else
    g_set_error (error, POS_ERROR, POS_ERROR_AUTH,
                 _ ("Wrong name or PIN (%lld %s left before a %d-minute lock)"), (long long)tries_left,
                 tries_left == 1 ? "try" : "tries", POS_USER_LOCK_MINUTES);
}

/* The lock's end, rounded up to the minute so "until 09:31" is never early. */
static void
set_locked_out (gint64 until_us, GError **error)
{
  const gint64 minute = 60 * G_USEC_PER_SEC;
  g_autofree char *when = NULL;

  if (until_us == G_MAXINT64)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_LOCKED_OUT,
                           _ ("Locked after too many wrong PINs; a supervisor or owner must unlock"));
      return;
    }
  when = pos_clock_local_hhmm (until_us / minute * minute + (until_us % minute != 0 ? minute : 0));
  g_set_error (error, POS_ERROR, POS_ERROR_LOCKED_OUT,
               _ ("Locked until %s after %d wrong PINs; a supervisor or owner can unlock sooner"), when,
               POS_USER_MAX_TRIES);
}

/* Spends about the time of a real check, so an unknown name does not
 * answer faster than a known one. */
static void
spend_hashing_time (void)
{
  g_autofree char *ignored = hash_pin ("0000", NULL);
}

/* The count of wrong PINs typed under @name, which is no active user, into
 * @row (its failed_tries and locked_until_us only). */
static gboolean
load_miss (PosStore *store, const char *name, UserRow *row, GError **error)
{
  static const char sql[] = "SELECT failed_tries, locked_until FROM sign_in_miss WHERE name = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      row->failed_tries = sqlite3_column_int64 (stmt, 0);
      row->locked_until_us = lock_from_column (stmt, 1);
    }
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
save_miss (PosStore *store, const char *name, const AttemptOutcome *out, GError **error)
{
  static const char sql[] = "INSERT INTO sign_in_miss (name, failed_tries, locked_until) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (name) DO UPDATE SET failed_tries = ?2, locked_until = ?3";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *until = out->until_us != 0 ? pos_clock_iso_utc (out->until_us) : NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, out->tries);
  sqlite3_bind_text (stmt, 3, until, -1, SQLITE_STATIC); /* NULL binds NULL */
  return pos_store_step_done (store, stmt, error);
}

/*
 * A PIN typed under a name that is no active user is counted and locked out
 * just as a real user's wrong PIN, in a transaction of its own: the answer,
 * and whether it can be recorded at all, never tells whether the name
 * exists.
 */
static gboolean
record_miss (PosStore *store, const char *name, AttemptOutcome *out, GError **error)
{
  g_auto (UserRow) row = { 0 };

  if (!pos_store_begin (store, error))
    return FALSE;
  if (!load_miss (store, name, &row, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  *out = next_attempt_state (&row, FALSE, pos_clock_now_us ());
  if (!out->changed)
    {
      pos_store_rollback (store);
      return TRUE;
    }
  if (!save_miss (store, name, out, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

/* Checks @pin and records the attempt. An attempt that cannot be recorded
 * (a full disk, a read-only store) fails the same way whether the PIN was
 * right or wrong, so the answer never tells them apart and no guess goes
 * uncounted. */
static gboolean
record_wrong_or_right (PosStore *store, const UserRow *row, const char *pin, AttemptOutcome *out,
                       GError **error)
{
  gboolean pin_ok = pin_matches (row->pin_hash, pin);

  return record_attempt (store, row->user->id, pin, row->pin_hash, pin_ok, out, error);
}

/* Replaces a hash made before the pepper with a peppered one, now that the
 * PIN is known to be right. Only if nobody changed it meanwhile; a failure
 * leaves the old hash, which still works, for the next sign-in. */
static void
upgrade_hash (PosStore *store, gint64 id, const char *old_hash, const char *pin)
{
  static const char sql[] = "UPDATE user SET pin_hash = ?3 WHERE id = ?1 AND pin_hash = ?2";
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = hash_pin (pin, &error);
  g_autoptr (PosStmt) stmt = NULL;

  if (hash == NULL || (stmt = pos_store_prepare (store, sql, &error)) == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, old_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  if (!pos_store_step_done (store, stmt, &error))
    g_debug ("PIN hash kept as it was: %s", error->message);
}

PosUser *
pos_users_authenticate (PosStore *store, const char *name, const char *pin, GError **error)
{
  g_auto (UserRow) row = { 0 };
  AttemptOutcome out = { ATTEMPT_UNKNOWN };
  int found;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (name != NULL && pin != NULL, NULL);
  g_return_val_if_fail (!pos_store_in_transaction (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_sodium (error) || (found = load_row_by_name (store, name, &row, error)) < 0)
    return NULL;
  if (found == 0 || !row.user->active)
    {
      spend_hashing_time ();
      if (!record_miss (store, name, &out, error))
        return NULL;
    }
  else if (row.locked_until_us > pos_clock_now_us ())
    out = (AttemptOutcome){ ATTEMPT_LOCKED, row.failed_tries, row.locked_until_us, FALSE };
  else if (!record_wrong_or_right (store, &row, pin, &out, error))
    return NULL;
  /* France's event log keeps every sign-in, the refused ones too. */
  if (!pos_nf525_jet_record (store, out.result == ATTEMPT_ACCEPTED ? POS_JET_SIGN_IN : POS_JET_SIGN_IN_FAILED,
                             name, error))
    return NULL;

  switch (out.result)
    {
      case ATTEMPT_ACCEPTED:
        if (!hash_is_peppered (row.pin_hash))
          upgrade_hash (store, row.user->id, row.pin_hash, pin);
        row.user->pin_verified = TRUE;
        return g_steal_pointer (&row.user);
      case ATTEMPT_LOCKED:
        set_locked_out (out.until_us, error);
        return NULL;
      case ATTEMPT_REFUSED:
        set_wrong_name_or_pin (POS_USER_MAX_TRIES - out.tries, error);
        return NULL;
      case ATTEMPT_UNKNOWN:
      default:
        set_wrong_name_or_pin (0, error);
        return NULL;
    }
}

/* ---- managing users --------------------------------------------------- */

/* Checks @actor as the store knows them now, not as the caller remembers:
 * a PosUser kept since before a demotion must not still count as owner. */
static gboolean
actor_may (PosStore *store, const PosUser *actor, PosAction action, GError **error)
{
  g_auto (UserRow) fresh = { 0 };
  int found = load_row_by_id (store, actor->id, &fresh, error);

  if (found < 0)
    return FALSE;
  if (found == 0 || !fresh.user->active)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_PERMISSION, _ ("“%s” is not an active user any more"),
                   actor->name);
      return FALSE;
    }
  return pos_permission_check (fresh.user, action, NULL, error);
}

/*
 * Starts the transaction of a change to user @name by @actor and loads the
 * target into @target. @self_action is what @actor needs when the target is
 * themselves. Permission is checked before existence, so someone who may
 * not manage users cannot probe for names.
 */
static gboolean
begin_change_of (PosStore *store, const PosUser *actor, PosAction action, PosAction self_action,
                 const char *name, UserRow *target, GError **error)
{
  int found;

  if (!pos_store_begin (store, error))
    return FALSE;
  found = load_row_by_name (store, name, target, error);
  if (found >= 0
      && actor_may (store, actor, found == 1 && target->user->id == actor->id ? self_action : action, error))
    {
      if (found == 1)
        return TRUE;
      set_no_such_user (name, error);
    }
  pos_store_rollback (store);
  return FALSE;
}

static gboolean
finish_change (PosStore *store, gboolean ok, GError **error)
{
  if (ok)
    return pos_store_commit (store, error);
  pos_store_rollback (store);
  return FALSE;
}

/* Runs an UPDATE of one user whose ?1 is the id and ?2 (if any) a text. */
static gboolean
update_user (PosStore *store, const char *sql, gint64 id, const char *text, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
audit_change (PosStore *store, const PosUser *actor, const char *action, const PosUser *target,
              const char *key, const char *value, GError **error)
{
  g_autofree char *detail = detail_of ("user", target->name, key, value, NULL);

  return pos_audit_record (store, actor, NULL, action, 0, detail, error);
}

/* The journal event of a change to user @id: its name, role, whether it
 * is active and its PIN hash, as they are after the change. */
static gboolean
journal_user (PosStore *store, const char *type, gint64 id, GError **error)
{
  g_auto (UserRow) row = { 0 };
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  int found = load_row_by_id (store, id, &row, error);

  if (found != 1)
    {
      if (found == 0)
        g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no user number %lld"),
                     (long long)id);
      return FALSE;
    }
  json_object_set_string_member (payload, "name", row.user->name);
  json_object_set_string_member (payload, "role", pos_role_to_string (row.user->role));
  json_object_set_boolean_member (payload, "active", row.user->active);
  json_object_set_string_member (payload, "pin_hash", row.pin_hash);
  /* Only when set, so the events of users without one read as before. */
  if (row.user->language != NULL && *row.user->language != '\0')
    json_object_set_string_member (payload, "language", row.user->language);
  event = pos_journal_append_object (store, type, payload, error);
  return event != NULL;
}

/* A shop must always have an active owner, or nobody could manage users. */
static gboolean
keeps_an_owner (PosStore *store, const PosUser *target, GError **error)
{
  static const char sql[] = "SELECT count(*) FROM user WHERE role = 'owner' AND active = 1 AND id != ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target->id);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (sqlite3_column_int64 (stmt, 0) > 0)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_STATE,
               _ ("“%s” is the last active owner: make someone else an owner first"), target->name);
  return FALSE;
}

gboolean
pos_users_set_pin (PosStore *store, const PosUser *actor, const char *name, const char *new_pin,
                   GError **error)
{
  static const char sql[]
      = "UPDATE user SET pin_hash = ?2, failed_tries = 0, locked_until = NULL WHERE id = ?1";
  g_auto (UserRow) target = { 0 };
  g_autofree char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL && actor != NULL && name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Hash before taking the write lock: Argon2id is deliberately slow. */
  if (!pos_pin_validate (new_pin, error) || (hash = hash_pin (new_pin, error)) == NULL)
    return FALSE;
  if (!begin_change_of (store, actor, POS_ACTION_MANAGE_USERS, POS_ACTION_SELL, name, &target, error))
    return FALSE;
  ok = pos_pin_validate_for_role (new_pin, target.user->role, error)
       && update_user (store, sql, target.user->id, hash, error)
       && audit_change (store, actor, "user_set_pin", target.user, NULL, NULL, error)
       && journal_user (store, "user.changed", target.user->id, error);
  return finish_change (store, ok, error);
}

gboolean
pos_users_set_role (PosStore *store, const PosUser *actor, const char *name, PosRole role, GError **error)
{
  static const char sql[] = "UPDATE user SET role = ?2 WHERE id = ?1";
  g_auto (UserRow) target = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && actor != NULL && name != NULL, FALSE);
  g_return_val_if_fail (role_is_valid (role), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_change_of (store, actor, POS_ACTION_MANAGE_USERS, POS_ACTION_MANAGE_USERS, name, &target, error))
    return FALSE;
  if (target.user->role == role)
    return finish_change (store, TRUE, error);
  ok = (target.user->role != POS_ROLE_OWNER || !target.user->active
        || keeps_an_owner (store, target.user, error))
       && update_user (store, sql, target.user->id, pos_role_to_string (role), error)
       && audit_change (store, actor, "user_set_role", target.user, "role", pos_role_to_string (role), error)
       && journal_user (store, "user.changed", target.user->id, error);
  return finish_change (store, ok, error);
}

gboolean
pos_users_set_language (PosStore *store, const PosUser *actor, const char *name, const char *language,
                        GError **error)
{
  static const char sql[] = "UPDATE user SET language = ?2 WHERE id = ?1";
  g_auto (UserRow) target = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && actor != NULL && name != NULL && language != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pos_i18n_language_is_valid (language))
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("“%s” is no language: give a code such as de, fr or de_CH"), language),
           FALSE;
  /* Anyone who sells may choose the language of their own screen. */
  if (!begin_change_of (store, actor, POS_ACTION_MANAGE_USERS, POS_ACTION_SELL, name, &target, error))
    return FALSE;
  if (g_strcmp0 (target.user->language, language) == 0)
    return finish_change (store, TRUE, error);
  ok = update_user (store, sql, target.user->id, language, error)
       && audit_change (store, actor, "user_set_language", target.user, "language", language, error)
       && journal_user (store, "user.changed", target.user->id, error);
  return finish_change (store, ok, error);
}

gboolean
pos_users_set_active (PosStore *store, const PosUser *actor, const char *name, gboolean active,
                      GError **error)
{
  static const char sql_on[] = "UPDATE user SET active = 1 WHERE id = ?1";
  static const char sql_off[] = "UPDATE user SET active = 0 WHERE id = ?1";
  g_auto (UserRow) target = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && actor != NULL && name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_change_of (store, actor, POS_ACTION_MANAGE_USERS, POS_ACTION_MANAGE_USERS, name, &target, error))
    return FALSE;
  if (target.user->active == !!active)
    return finish_change (store, TRUE, error);
  ok = (active || target.user->role != POS_ROLE_OWNER || keeps_an_owner (store, target.user, error))
       && update_user (store, active ? sql_on : sql_off, target.user->id, NULL, error)
       && audit_change (store, actor, active ? "user_activate" : "user_deactivate", target.user, NULL, NULL,
                        error)
       && journal_user (store, "user.changed", target.user->id, error);
  return finish_change (store, ok, error);
}

gboolean
pos_users_unlock (PosStore *store, const PosUser *actor, const char *name, GError **error)
{
  static const char sql[] = "UPDATE user SET failed_tries = 0, locked_until = NULL WHERE id = ?1";
  g_auto (UserRow) target = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && actor != NULL && name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_change_of (store, actor, POS_ACTION_UNLOCK_USER, POS_ACTION_UNLOCK_USER, name, &target, error))
    return FALSE;
  if (target.failed_tries == 0 && target.locked_until_us == 0)
    return finish_change (store, TRUE, error);
  ok = update_user (store, sql, target.user->id, NULL, error)
       && audit_change (store, actor, "user_unlock", target.user, NULL, NULL, error)
       && journal_user (store, "user.unlocked", target.user->id, error);
  return finish_change (store, ok, error);
}

/* ---- adding users ----------------------------------------------------- */

/* A name people can type and read: trimmed, 1 to 64 characters, no control
 * characters. Returns the trimmed copy. */
static char *
clean_name (const char *name, GError **error)
{
  g_autofree char *clean = NULL;

  if (!g_utf8_validate (name, -1, NULL))
    goto bad;
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0' || g_utf8_strlen (clean, -1) > POS_USER_NAME_MAX)
    goto bad;
  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      goto bad;
  return g_steal_pointer (&clean);

bad:
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("A user name must be 1 to %d characters, without control characters"), POS_USER_NAME_MAX);
  return NULL;
}

static gint64
insert_user (PosStore *store, const char *name, PosRole role, const char *hash, GError **error)
{
  static const char sql[] = "INSERT INTO user (name, role, pin_hash) VALUES (?1, ?2, ?3)";
  g_autoptr (PosStmt) stmt = NULL;
  g_auto (UserRow) existing = { 0 };
  int found = load_row_by_name (store, name, &existing, error);

  if (found != 0)
    {
      if (found == 1)
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("There is already a user named “%s”"),
                     existing.user->name);
      return 0;
    }
  stmt = pos_store_prepare (store, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pos_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  if (!pos_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pos_store_db (store));
}

/* Adds a user and its audit row in one transaction; @actor NULL = trusted caller. */
static PosUser *
add_user (PosStore *store, const PosUser *actor, const char *name, PosRole role, const char *pin,
          GError **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *hash = NULL;
  g_autoptr (PosUser) user = NULL;
  gint64 id;

  if ((clean = clean_name (name, error)) == NULL || !pos_pin_validate_for_role (pin, role, error)
      || (hash = hash_pin (pin, error)) == NULL || !pos_store_begin (store, error))
    return NULL;
  if ((actor != NULL && !actor_may (store, actor, POS_ACTION_MANAGE_USERS, error))
      || (id = insert_user (store, clean, role, hash, error)) == 0
      || (user = pos_users_lookup_by_id (store, id, error)) == NULL
      || !audit_change (store, actor, "user_add", user, "role", pos_role_to_string (role), error)
      || !journal_user (store, "user.added", id, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&user);
}

PosUser *
pos_users_add (PosStore *store, const char *name, PosRole role, const char *pin, GError **error)
{
  g_return_val_if_fail (store != NULL && name != NULL, NULL);
  g_return_val_if_fail (role_is_valid (role), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return add_user (store, NULL, name, role, pin, error);
}

PosUser *
pos_users_add_as (PosStore *store, const PosUser *actor, const char *name, PosRole role, const char *pin,
                  GError **error)
{
  g_return_val_if_fail (store != NULL && actor != NULL && name != NULL, NULL);
  g_return_val_if_fail (role_is_valid (role), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return add_user (store, actor, name, role, pin, error);
}
