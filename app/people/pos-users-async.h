/* pos-users-async.h — the slow user changes in a worker thread.
 *
 * Adding a user and setting a PIN hash the PIN with Argon2id, slow on
 * purpose; these run pos_users_add_as() and pos_users_set_pin() in a
 * worker thread on a connection of their own to the store file of @store,
 * so the screen stays live. The PIN is wiped from memory after use.
 */
#pragma once

#include <gio/gio.h>

#include "pos-users.h"

G_BEGIN_DECLS

void pos_users_add_async (PosStore *store, const PosUser *actor, const char *name, PosRole role,
                          const char *pin, GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data);
/* Returns: (transfer full) (nullable): the user added */
PosUser *pos_users_add_finish (GAsyncResult *result, GError **error);

void pos_users_set_pin_async (PosStore *store, const PosUser *actor, const char *name, const char *new_pin,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_users_set_pin_finish (GAsyncResult *result, GError **error);

G_END_DECLS
