/* pos-store.h — the shop's SQLite store as the rest of the program sees it:
 * an opaque handle, how it is opened and whether it is healthy.
 *
 * Only db/ and app/ see what is behind the handle (pos-store-private.h:
 * statements, transactions, settings); the GTK app reaches the store
 * through app/ alone, and its build cannot include that header.
 */
#pragma once

#include <glib.h>

#include "pos-error.h"

G_BEGIN_DECLS

typedef struct _PosStore PosStore;

typedef enum
{
  POS_STORE_OPEN_DEFAULT = 0,
  POS_STORE_OPEN_CREATE = 1 << 0,   /* create (0600) and migrate a new store */
  POS_STORE_OPEN_READONLY = 1 << 1, /* a reader: reports, exports */
  POS_STORE_OPEN_NO_CHECK = 1 << 2, /* defer PRAGMA quick_check to pos_store_check() */
} PosStoreOpenFlags;

typedef enum
{
  POS_STORE_UNCHECKED,
  POS_STORE_CHECKING, /* a check runs on another connection; writes go on meanwhile */
  POS_STORE_HEALTHY,
  POS_STORE_DAMAGED,
} PosStoreHealth;

PosStore *pos_store_open (const char *path, PosStoreOpenFlags flags, GError **error);
void pos_store_close (PosStore *store);
const char *pos_store_path (PosStore *store);

gboolean pos_store_check (PosStore *store, GError **error);
PosStoreHealth pos_store_health (PosStore *store);
/* Records the outcome of pos_store_check() run on another connection to
 * the same file (a worker's), so this one need not run it again. */
void pos_store_set_health (PosStore *store, PosStoreHealth health);
gboolean pos_store_require_healthy (PosStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStore, pos_store_close)

G_END_DECLS
