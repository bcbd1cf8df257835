/* pos-sign-in.h — PIN checks for the screen, off its main thread.
 *
 * An Argon2id verification is slow on purpose, so the sign-in page and the
 * approval dialog ask here instead of calling pos_users_authenticate() on
 * the UI's store connection. Each check runs in a worker thread on a store
 * connection of its own (WAL lets it beside the till's writer); a wrong PIN
 * is counted there, exactly as pos_users_authenticate() counts it.
 */
#pragma once

#include <gio/gio.h>

#include "pos-users.h"

G_BEGIN_DECLS

/* Checks @name's PIN against the store @store has open. */
void pos_users_authenticate_async (PosStore *store, const char *name, const char *pin,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);

/* Errors as pos_users_authenticate(), or G_IO_ERROR_CANCELLED.
 * Returns: (transfer full) (nullable): the user, with pin_verified set. */
PosUser *pos_users_authenticate_finish (GAsyncResult *result, GError **error);

G_END_DECLS
