/* pos-sql-list-model.c — a GListModel over the row ids an SQL query returns. */
#include "pos-sql-list-model.h"
#include "pos-i18n.h"
#include "pos-store-private.h"

typedef struct
{
  gint64 id;
  GObject *item;
  GList link; /* in lru, data = this entry */
} CacheEntry;

struct _PosSqlListModel
{
  GObject parent_instance;

  GType item_type;
  PosStore *store; /* (unowned) */
  PosSqlListLoadFunc load;
  gpointer user_data;
  GDestroyNotify destroy;

  GArray *ids;        /* gint64 */
  GHashTable *cache;  /* gint64* id → CacheEntry* */
  GQueue lru;         /* most recently used first */
  guint query_serial; /* the newest async query; older results are dropped */
};

static void pos_sql_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PosSqlListModel, pos_sql_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pos_sql_list_model_iface_init))

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_object_unref (entry->item);
  g_free (entry);
}

static void
cache_remove (PosSqlListModel *self, gint64 id)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, &id);

  if (entry == NULL)
    return;
  g_queue_unlink (&self->lru, &entry->link);
  g_hash_table_remove (self->cache, &id);
}

static GType
pos_sql_list_model_get_item_type (GListModel *model)
{
  return POS_SQL_LIST_MODEL (model)->item_type;
}

static guint
pos_sql_list_model_get_n_items (GListModel *model)
{
  return POS_SQL_LIST_MODEL (model)->ids->len;
}

/* A cached item moves to the front; a new one is loaded and the least
 * recently used beyond the cache size is dropped (views hold their own
 * references to what they show). */
static gpointer
pos_sql_list_model_get_item (GListModel *model, guint position)
{
  PosSqlListModel *self = POS_SQL_LIST_MODEL (model);
  CacheEntry *entry;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;
  id = g_array_index (self->ids, gint64, position);
  entry = g_hash_table_lookup (self->cache, &id);
  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
      return g_object_ref (entry->item);
    }
  entry = g_new0 (CacheEntry, 1);
  entry->id = id;
  entry->item = self->load (self->store, id, self->user_data);
  g_assert (G_TYPE_CHECK_INSTANCE_TYPE (entry->item, self->item_type));
  entry->link.data = entry;
  g_hash_table_insert (self->cache, &entry->id, entry);
  g_queue_push_head_link (&self->lru, &entry->link);
  while (self->lru.length > POS_SQL_LIST_CACHE_SIZE)
    {
      CacheEntry *last = g_queue_peek_tail (&self->lru);
      cache_remove (self, last->id);
    }
  return g_object_ref (entry->item);
}

static void
pos_sql_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pos_sql_list_model_get_item_type;
  iface->get_n_items = pos_sql_list_model_get_n_items;
  iface->get_item = pos_sql_list_model_get_item;
}

static void
pos_sql_list_model_finalize (GObject *object)
{
  PosSqlListModel *self = POS_SQL_LIST_MODEL (object);

  /* The links live inside the entries: forget them, the table frees the entries. */
  g_queue_init (&self->lru);
  g_hash_table_destroy (self->cache);
  g_array_unref (self->ids);
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  G_OBJECT_CLASS (pos_sql_list_model_parent_class)->finalize (object);
}

static void
pos_sql_list_model_class_init (PosSqlListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_sql_list_model_finalize;
}

static void
pos_sql_list_model_init (PosSqlListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, cache_entry_free);
  g_queue_init (&self->lru);
}

PosSqlListModel *
pos_sql_list_model_new (GType item_type, PosStore *store, PosSqlListLoadFunc load, gpointer user_data,
                        GDestroyNotify destroy)
{
  PosSqlListModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (load != NULL, NULL);

  self = g_object_new (POS_TYPE_SQL_LIST_MODEL, NULL);
  self->item_type = item_type;
  self->store = store;
  self->load = load;
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

/* Takes @ids as the new rows and emits one items-changed for the span
 * that differs: the common prefix and suffix stay put. */
static void
replace_ids (PosSqlListModel *self, GArray *ids)
{
  const gint64 *old = (const gint64 *)(gpointer)self->ids->data;
  const gint64 *new = (const gint64 *)(gpointer)ids->data;
  guint n_old = self->ids->len, n_new = ids->len;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new && old[prefix] == new[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && old[n_old - 1 - suffix] == new[n_new - 1 - suffix])
    suffix++;
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                                n_new - prefix - suffix);
}

void
pos_sql_list_model_set_ids (PosSqlListModel *self, const gint64 *ids, guint n_ids)
{
  g_autoptr (GArray) array = NULL;

  g_return_if_fail (POS_IS_SQL_LIST_MODEL (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (array, ids, n_ids);
  replace_ids (self, array);
}

/* Runs @sql on @store and collects the first column of every row. */
static GArray *
query_ids (PosStore *store, const char *sql, const char *const *params, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  for (int i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&ids);
}

gboolean
pos_sql_list_model_set_query (PosSqlListModel *self, const char *sql, const char *const *params,
                              GError **error)
{
  g_autoptr (GArray) ids = NULL;

  g_return_val_if_fail (POS_IS_SQL_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  self->query_serial++;
  ids = query_ids (self->store, sql, params, error);
  if (ids == NULL)
    return FALSE;
  replace_ids (self, ids);
  return TRUE;
}

typedef struct
{
  char *path;
  char *sql;
  char **params;
  guint serial;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->path);
  g_free (data->sql);
  g_strfreev (data->params);
  g_free (data);
}

static void
query_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  QueryData *data = task_data;
  g_autoptr (PosStore) store = NULL;
  GError *error = NULL;
  GArray *ids;

  store = pos_store_open (data->path, POS_STORE_OPEN_READONLY | POS_STORE_OPEN_NO_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ids = query_ids (store, data->sql, (const char *const *)data->params, &error);
  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify)g_array_unref);
}

void
pos_sql_list_model_set_query_async (PosSqlListModel *self, const char *sql, const char *const *params,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (POS_IS_SQL_LIST_MODEL (self));
  g_return_if_fail (sql != NULL);

  data = g_new0 (QueryData, 1);
  data->path = g_strdup (pos_store_path (self->store));
  data->sql = g_strdup (sql);
  data->params = g_strdupv ((char **)params);
  data->serial = ++self->query_serial;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_sql_list_model_set_query_async);
  g_task_set_task_data (task, data, (GDestroyNotify)query_data_free);
  pos_i18n_run_in_thread (task, query_thread);
}

gboolean
pos_sql_list_model_set_query_finish (PosSqlListModel *self, GAsyncResult *result, GError **error)
{
  QueryData *data;
  g_autoptr (GArray) ids = NULL;

  g_return_val_if_fail (POS_IS_SQL_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  ids = g_task_propagate_pointer (G_TASK (result), error);
  if (ids == NULL)
    return FALSE;
  /* A newer query was started meanwhile: its result will count, not this one. */
  if (data->serial == self->query_serial)
    replace_ids (self, ids);
  return TRUE;
}

gint64
pos_sql_list_model_get_id (PosSqlListModel *self, guint position)
{
  g_return_val_if_fail (POS_IS_SQL_LIST_MODEL (self), 0);
  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

guint
pos_sql_list_model_find (PosSqlListModel *self, gint64 id)
{
  g_return_val_if_fail (POS_IS_SQL_LIST_MODEL (self), G_MAXUINT);
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

void
pos_sql_list_model_reload_id (PosSqlListModel *self, gint64 id)
{
  guint position;

  g_return_if_fail (POS_IS_SQL_LIST_MODEL (self));
  cache_remove (self, id);
  position = pos_sql_list_model_find (self, id);
  if (position != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
pos_sql_list_model_get_n_cached (PosSqlListModel *self)
{
  g_return_val_if_fail (POS_IS_SQL_LIST_MODEL (self), 0);
  return g_hash_table_size (self->cache);
}
