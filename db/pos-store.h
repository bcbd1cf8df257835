/* pos-store.h — the shop's SQLite store: opening it safely, transactions,
 * cached prepared statements and errors a person can act on.
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

#include "pos-error.h"

G_BEGIN_DECLS

typedef struct _PosStore PosStore;

/* A prepared statement owned by the store's cache. g_autoptr(PosStmt) resets
 * it (and clears its bindings) at the end of the scope, which also ends the
 * read snapshot it held; it is never finalized by the caller. */
typedef sqlite3_stmt PosStmt;

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
sqlite3 *pos_store_db (PosStore *store);

gboolean pos_store_check (PosStore *store, GError **error);
PosStoreHealth pos_store_health (PosStore *store);
/* Records the outcome of pos_store_check() run on another connection to
 * the same file (a worker's), so this one need not run it again. */
void pos_store_set_health (PosStore *store, PosStoreHealth health);
gboolean pos_store_require_healthy (PosStore *store, GError **error);

PosStmt *pos_store_prepare (PosStore *store, const char *sql, GError **error);
gboolean pos_store_exec (PosStore *store, const char *sql, GError **error);
gboolean pos_store_step_done (PosStore *store, PosStmt *stmt, GError **error);
int pos_store_step_row (PosStore *store, PosStmt *stmt, GError **error);

gboolean pos_store_begin (PosStore *store, GError **error);
gboolean pos_store_commit (PosStore *store, GError **error);
void pos_store_rollback (PosStore *store);
gboolean pos_store_in_transaction (PosStore *store);

gboolean pos_store_set_error (PosStore *store, int rc, GError **error, const char *what);

char *pos_store_dup_setting (PosStore *store, const char *key);
gint64 pos_store_get_setting_int (PosStore *store, const char *key, gint64 fallback);
gboolean pos_store_set_setting (PosStore *store, const char *key, const char *value, GError **error);
char *pos_store_dup_sync_state (PosStore *store, const char *key);
gboolean pos_store_set_sync_state (PosStore *store, const char *key, const char *value, GError **error);

gboolean pos_store_migrate (PosStore *store, GError **error);
int pos_store_schema_version (PosStore *store);

void pos_stmt_release (PosStmt *stmt);

/* Column helpers that copy: the text of a cached statement dies with reset. */
char *pos_stmt_dup_text (PosStmt *stmt, int column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStore, pos_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStmt, pos_stmt_release)

G_END_DECLS
