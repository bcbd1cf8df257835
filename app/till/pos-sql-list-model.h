/* pos-sql-list-model.h — a GListModel over the row ids an SQL query returns.
 *
 * The model holds only the ids (8 bytes a row), in the order of the query,
 * and makes the item objects when a view asks for them, keeping the most
 * recently used few in a small cache. Sorting and filtering are the query's
 * job (ORDER BY, WHERE, FTS5 MATCH), so a list of a million products costs a
 * few megabytes and scrolls like a list of ten.
 *
 * When the query changes, the model emits one "items-changed" covering only
 * the span between the longest common prefix and suffix of the old and new
 * id lists, so views keep their scroll position and selection where they can.
 */
#pragma once

#include <gio/gio.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_TYPE_SQL_LIST_MODEL (pos_sql_list_model_get_type ())
G_DECLARE_FINAL_TYPE (PosSqlListModel, pos_sql_list_model, POS, SQL_LIST_MODEL, GObject)

/* Makes the item for row @id, read from @store. Returns: (transfer full) */
typedef GObject *(*PosSqlListLoadFunc) (PosStore *store, gint64 id, gpointer user_data);

#define POS_SQL_LIST_CACHE_SIZE 256

/* @store must outlive the model. Returns: (transfer full) */
PosSqlListModel *pos_sql_list_model_new (GType item_type, PosStore *store, PosSqlListLoadFunc load,
                                         gpointer user_data, GDestroyNotify destroy);

/* Runs @sql, whose first column is the row id, with @params (nullable,
 * NULL-terminated) bound as text to ?1, ?2…, and shows its rows. On error
 * the model keeps its rows. */
gboolean pos_sql_list_model_set_query (PosSqlListModel *self, const char *sql, const char *const *params,
                                       GError **error);

/* The same in a worker thread on its own read-only connection to the store
 * file, for queries that may take long (a whole catalog). A later call
 * supersedes an earlier one still running: its result is dropped. */
void pos_sql_list_model_set_query_async (PosSqlListModel *self, const char *sql, const char *const *params,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean pos_sql_list_model_set_query_finish (PosSqlListModel *self, GAsyncResult *result, GError **error);

/* Replaces the rows with @ids (copied), emitting the minimal change. */
void pos_sql_list_model_set_ids (PosSqlListModel *self, const gint64 *ids, guint n_ids);

/* The id at @position, or 0 past the end. */
gint64 pos_sql_list_model_get_id (PosSqlListModel *self, guint position);

/* Position of @id, or G_MAXUINT. Linear in the number of rows. */
guint pos_sql_list_model_find (PosSqlListModel *self, gint64 id);

/* Forgets the cached item of @id (it was edited) and tells views to re-read it. */
void pos_sql_list_model_reload_id (PosSqlListModel *self, gint64 id);

/* Items currently held in the cache (for tests). */
guint pos_sql_list_model_get_n_cached (PosSqlListModel *self);

G_END_DECLS
