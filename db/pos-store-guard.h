/* pos-store-guard.h — a writer's hold on the store's file.
 *
 * Every connection that writes holds a shared advisory lock (flock) on the
 * store file for as long as it is open; a restore takes it exclusively,
 * so it cannot swap the file from under a running till. And because a
 * till that goes on committing into a file someone unlinked, replaced or
 * whose write-ahead log was deleted is acknowledging sales nobody will
 * ever find, the guard also tells whether the file (and its log) are
 * still the ones the connection opened.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PosStoreGuard PosStoreGuard;

/* A writer's shared hold on @path. POS_ERROR_BUSY while a restore holds it.
 * Returns: (transfer full) (nullable) */
PosStoreGuard *pos_store_guard_share (const char *path, GError **error);

/* The exclusive hold a restore needs: POS_ERROR_BUSY, naming the reason,
 * while any till or command has the store open for writing.
 * Returns: (transfer full) (nullable) */
PosStoreGuard *pos_store_guard_exclusive (const char *path, GError **error);

/* Whether @path and its -wal are still the files this guard's connection
 * writes to: POS_ERROR_STORE_DAMAGED saying what happened when the store
 * was deleted or replaced, or its log deleted or replaced. */
gboolean pos_store_guard_check (PosStoreGuard *guard, GError **error);

void pos_store_guard_release (PosStoreGuard *guard);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStoreGuard, pos_store_guard_release)

G_END_DECLS
