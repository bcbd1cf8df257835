/* pos-catalog-search.c — type-ahead results and quick keys (see pos-catalog-search.h). */
#include "pos-catalog-search.h"

#include "pos-i18n.h"
#include "pos-product-image.h"
#include "pos-store-private.h"

PosSqlListModel *
pos_catalog_search_model_new (PosStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);

  return pos_sql_list_model_new (POS_TYPE_CATALOG_ITEM, store, pos_catalog_item_load, NULL, NULL);
}

guint
pos_catalog_search_model_set_text (PosSqlListModel *model, PosStore *store, const char *text, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (POS_IS_SQL_LIST_MODEL (model), 0);
  g_return_val_if_fail (store != NULL, 0);

  if (text != NULL && *text != '\0'
      && !pos_catalog_search_ids (store, text, POS_CATALOG_SEARCH_LIMIT, ids, error))
    g_array_set_size (ids, 0);
  pos_sql_list_model_set_ids (model, (const gint64 *)(gpointer)ids->data, ids->len);
  return ids->len;
}

typedef struct
{
  char *store_path;
  GStrv skus;
  guint max;
} QuickKeysJob;

static void
quick_keys_job_free (QuickKeysJob *job)
{
  g_free (job->store_path);
  g_strfreev (job->skus);
  g_free (job);
}

/* The first @max active products, in catalog order. */
static gboolean
first_products (PosStore *store, guint max, GArray *ids, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE active = 1 ORDER BY id LIMIT ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, max);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

/* The active products the catalog puts on the quick keys, in key order
 * (read through the partial index product_quick_key, 018). */
static gboolean
catalog_keys (PosStore *store, guint max, GArray *ids, GError **error)
{
  static const char sql[] = "SELECT id FROM product WHERE quick_key_position IS NOT NULL AND active = 1 "
                            "ORDER BY quick_key_position, id LIMIT ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, max);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return rc == SQLITE_DONE;
}

/* A quick key for @product, with its colour and picture. */
static PosCatalogItem *
key_item (PosStore *store, const PosProduct *product)
{
  PosCatalogItem *item = pos_catalog_item_new (product);
  g_autofree char *image = pos_product_image_resolve (store, product->image_path);

  pos_catalog_item_set_look (item, product->quick_key_colour, image);
  return item;
}

/* The quick keys' products, read on @store: the till's own list of SKUs,
 * else the keys the catalog sets (quick_key_position), else the first
 * products. */
static GPtrArray *
read_quick_keys (PosStore *store, const char *const *skus, guint max, GError **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; skus != NULL && skus[i] != NULL && keys->len < max; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_lookup (store, skus[i], NULL);
      if (product != NULL)
        g_ptr_array_add (keys, key_item (store, product));
    }
  if (keys->len > 0)
    return g_steal_pointer (&keys);
  if (!catalog_keys (store, max, ids, error) || (ids->len == 0 && !first_products (store, max, ids, error)))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (PosProduct) product = pos_catalog_get (store, g_array_index (ids, gint64, i), NULL);
      if (product != NULL)
        g_ptr_array_add (keys, key_item (store, product));
    }
  return g_steal_pointer (&keys);
}

/* Runs in a worker thread: its own connection, so the till's stays free. */
static void
quick_keys_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  QuickKeysJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store
      = pos_store_open (job->store_path, POS_STORE_OPEN_READONLY | POS_STORE_OPEN_NO_CHECK, &error);
  GPtrArray *keys;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  keys = read_quick_keys (store, (const char *const *)job->skus, job->max, &error);
  if (keys == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, keys, (GDestroyNotify)g_ptr_array_unref);
}

void
pos_catalog_quick_keys_async (PosStore *store, const char *const *skus, guint max, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  QuickKeysJob *job;

  g_return_if_fail (store != NULL);

  job = g_new0 (QuickKeysJob, 1);
  job->store_path = g_strdup (pos_store_path (store));
  job->skus = g_strdupv ((GStrv)skus);
  job->max = max;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_catalog_quick_keys_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify)quick_keys_job_free);
  pos_i18n_run_in_thread (task, quick_keys_thread);
}

GPtrArray *
pos_catalog_quick_keys_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_catalog_quick_keys_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
