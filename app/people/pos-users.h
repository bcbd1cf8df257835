/* pos-users.h — the people who use the till: names, roles and PINs.
 *
 * PINs are 4 to 8 digits for a cashier, up to 12 for a supervisor or owner,
 * and are stored only as Argon2id strings of the PIN keyed with the shop's
 * pepper (pos-pepper.h; libsodium crypto_pwhash_str, 32 MiB and 3 passes).
 * Hashes from before the pepper still verify and are replaced at the next
 * sign-in. A stored string
 * verifies with whatever limits it was made with, so users made by a test
 * fixture (pos-users-testing.h) verify quickly without any setting here.
 *
 * Five wrong PINs in a row lock a user for 15 minutes. The count lives in
 * the store, so it survives restarts and is shared by every process.
 */
#pragma once

#include <glib-object.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_PIN_MIN_DIGITS 4
#define POS_PIN_MAX_DIGITS 12 /* supervisors and owners */
#define POS_PIN_MAX_DIGITS_CASHIER 8
#define POS_USER_MAX_TRIES 5
#define POS_USER_LOCK_MINUTES 15
#define POS_USER_NAME_MAX 64

/* Ordered: each role may do everything the one before it may. */
typedef enum
{
  POS_ROLE_CASHIER,
  POS_ROLE_SUPERVISOR,
  POS_ROLE_OWNER,
} PosRole;

typedef struct
{
  gint64 id;
  char *name;
  PosRole role;
  gboolean active;
  /* TRUE only on a user returned by pos_users_authenticate(): the PIN was
   * entered just now. pos_permission_check() requires it of an approver. */
  gboolean pin_verified;
  char *language; /* of their screen: "de", "fr_CH"; "" for the till's own (pos-i18n.h) */
} PosUser;

#define POS_TYPE_USER (pos_user_get_type ())
GType pos_user_get_type (void) G_GNUC_CONST;
PosUser *pos_user_copy (const PosUser *user);
void pos_user_free (PosUser *user);

/* "cashier", "supervisor", "owner": the names in the store and on the command line. */
const char *pos_role_to_string (PosRole role);
gboolean pos_role_parse (const char *text, PosRole *out);

/* Checks a PIN is 4 to 12 ASCII digits; POS_ERROR_INVALID with a message otherwise. */
gboolean pos_pin_validate (const char *pin, GError **error);

/* Checks a PIN suits @role: 4 to 8 digits for a cashier, 4 to 12 for a
 * supervisor or owner. POS_ERROR_INVALID with a message otherwise. */
gboolean pos_pin_validate_for_role (const char *pin, PosRole role, GError **error);

/*
 * Adds a user, active, with an Argon2id hash of @pin, and an audit row
 * "user_add" with no actor, in one transaction. For trusted callers that
 * already hold the store file: `mainstreet-admin init` and `users add`.
 * The app uses pos_users_add_as(). Names are unique ignoring ASCII case.
 * Returns: (transfer full) (nullable): the new user.
 */
PosUser *pos_users_add (PosStore *store, const char *name, PosRole role, const char *pin, GError **error);

/* pos_users_add() by @actor, who must be an active owner; the audit row names them. */
PosUser *pos_users_add_as (PosStore *store, const PosUser *actor, const char *name, PosRole role,
                           const char *pin, GError **error);

/*
 * Checks @name's PIN. Must be called outside a transaction: a wrong PIN is
 * counted (and a lockout recorded) in a transaction of its own, so it
 * sticks even when the caller's action later fails.
 *
 * Errors: POS_ERROR_AUTH for an unknown or inactive name or a wrong PIN
 * (same wording; an unknown name changes nothing), POS_ERROR_LOCKED_OUT
 * ("Locked until 09:30") on the fifth wrong PIN and for every attempt,
 * right or wrong, until the lock ends or someone unlocks the user.
 * Returns: (transfer full) (nullable): the user, with pin_verified set.
 */
PosUser *pos_users_authenticate (PosStore *store, const char *name, const char *pin, GError **error);

/* Finds a user, active or not, without a PIN. POS_ERROR_NOT_FOUND if none.
 * Returns: (transfer full) (nullable) */
PosUser *pos_users_lookup (PosStore *store, const char *name, GError **error);
PosUser *pos_users_lookup_by_id (PosStore *store, gint64 id, GError **error);

/* Every user, active ones first, each group by name.
 * Returns: (transfer full) (element-type PosUser) (nullable) */
GPtrArray *pos_users_list (PosStore *store, GError **error);

/* The active users who may approve what a cashier may not: supervisors and
 * owners, by name.
 * Returns: (transfer full) (element-type PosUser) (nullable) */
GPtrArray *pos_users_list_approvers (PosStore *store, GError **error);

/* Whether @name is locked out now; @until_us (nullable) gets the end. */
gboolean pos_users_is_locked (PosStore *store, const char *name, gint64 *until_us, GError **error);

/*
 * Changes to a user. Each runs in its own transaction with an audit row
 * naming @actor, who must be an active owner (checked again in the store,
 * so a stale PosUser of a demoted owner is refused) — except that anyone
 * may change their own PIN, and a supervisor may unlock. Setting a PIN also
 * clears wrong tries and any lock. The last active owner can be neither
 * demoted nor deactivated (POS_ERROR_STATE).
 */
gboolean pos_users_set_pin (PosStore *store, const PosUser *actor, const char *name, const char *new_pin,
                            GError **error);
/* Sets the language of @name's screen ("de", "fr_CH"; "" for the till's
 * own). Users may set their own; others need an owner. Journalled with
 * the user, so it travels to the shop's other tills. */
gboolean pos_users_set_language (PosStore *store, const PosUser *actor, const char *name,
                                 const char *language, GError **error);
gboolean pos_users_set_role (PosStore *store, const PosUser *actor, const char *name, PosRole role,
                             GError **error);
gboolean pos_users_set_active (PosStore *store, const PosUser *actor, const char *name, gboolean active,
                               GError **error);
gboolean pos_users_unlock (PosStore *store, const PosUser *actor, const char *name, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosUser, pos_user_free)

G_END_DECLS
