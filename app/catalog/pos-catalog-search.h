/* pos-catalog-search.h — what the till's sale screen reads from the
 * catalog: the type-ahead results as a list model, and the quick keys.
 *
 * Both are small, indexed reads (see pos-catalog.h); the quick keys are read
 * in a worker thread on a connection of their own, so the sale screen comes
 * up without waiting for them.
 */
#pragma once

#include <gio/gio.h>

#include "pos-catalog-item.h"
#include "pos-sql-list-model.h"

G_BEGIN_DECLS

/* How many results the type-ahead shows. */
#define POS_CATALOG_SEARCH_LIMIT 20

/* An empty model of PosCatalogItem over @store, which must outlive it.
 * Returns: (transfer full) */
PosSqlListModel *pos_catalog_search_model_new (PosStore *store);

/* Shows in @model the best matches of @text (empty: none). On error the
 * model is emptied. Returns: the number of matches. */
guint pos_catalog_search_model_set_text (PosSqlListModel *model, PosStore *store, const char *text,
                                         GError **error);

/* Reads the quick keys: the products of @skus (nullable, NULL-terminated)
 * that exist, or, when none does, the first @max active products. */
void pos_catalog_quick_keys_async (PosStore *store, const char *const *skus, guint max,
                                   GCancellable *cancellable, GAsyncReadyCallback callback,
                                   gpointer user_data);

/* Returns: (transfer full) (element-type PosCatalogItem) (nullable) */
GPtrArray *pos_catalog_quick_keys_finish (GAsyncResult *result, GError **error);

G_END_DECLS
