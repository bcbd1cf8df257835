/* pos-store-private.h — what lies behind the store's handle, for db/ and
 * app/ only: cached prepared statements, transactions, the key/value tables
 * and errors a person can act on.
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/* A prepared statement owned by the store's cache. g_autoptr(PosStmt) resets
 * it (and clears its bindings) at the end of the scope, which also ends the
 * read snapshot it held; it is never finalized by the caller. */
typedef sqlite3_stmt PosStmt;

sqlite3 *pos_store_db (PosStore *store);

PosStmt *pos_store_prepare (PosStore *store, const char *sql, GError **error);
gboolean pos_store_exec (PosStore *store, const char *sql, GError **error);
gboolean pos_store_step_done (PosStore *store, PosStmt *stmt, GError **error);
int pos_store_step_row (PosStore *store, PosStmt *stmt, GError **error);

/* Sets the connection's page cache to @size (PRAGMA cache_size units:
 * pages, or KiB when negative), keeping the old size in @old (nullable). */
gboolean pos_store_set_cache_size (PosStore *store, gint64 size, gint64 *old, GError **error);

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

/* Called before a store that holds a shop is upgraded to a newer schema,
 * with its version and the one it is about to get. The app backs the store
 * up there (app/io/pos-backup-create.c); when that fails the upgrade is
 * refused and the store stays as the older version left it. */
typedef gboolean (*PosStoreUpgradeFunc) (PosStore *store, int from_version, int to_version, GError **error);
void pos_store_set_upgrade_hook (PosStoreUpgradeFunc func);
int pos_store_schema_version (PosStore *store);

void pos_stmt_release (PosStmt *stmt);

/* Column helpers that copy: the text of a cached statement dies with reset. */
char *pos_stmt_dup_text (PosStmt *stmt, int column);

/* The one way to bind an optional value: NULL when @value equals @none (0
 * for an id, -1 for an amount or level that may be unset), else @value. */
void pos_stmt_bind_int64_or_null (PosStmt *stmt, int index, gint64 value, gint64 none);
/* @text copied, or NULL when @text is NULL. */
void pos_stmt_bind_text_or_null (PosStmt *stmt, int index, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStmt, pos_stmt_release)

G_END_DECLS
