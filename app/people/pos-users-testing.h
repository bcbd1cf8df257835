/* pos-users-testing.h — for test programs only; the app never includes it.
 *
 * Argon2id with the till's limits takes a noticeable moment per PIN,
 * which adds up over a test suite that makes thousands of users. Test
 * programs and test fixtures choose libsodium's minimum limits instead.
 * Verification never depends on this setting: each stored Argon2id string
 * carries the limits it was made with.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POS_HASH_COST_INTERACTIVE, /* what a till uses: 32 MiB, 3 passes */
  POS_HASH_COST_MINIMUM,     /* libsodium's minimum: tests and fixtures only */
} PosHashCost;

/* Sets the limits of the PIN hashes this process makes from now on. */
void pos_users_set_hash_cost_for_tests (PosHashCost cost);

G_END_DECLS
