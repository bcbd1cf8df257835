/* pos-batch-item.h — one batch row as the Stock page's Expiring list shows it. */
#pragma once

#include <glib-object.h>

#include "pos-batch.h"

G_BEGIN_DECLS

#define POS_TYPE_BATCH_ITEM (pos_batch_item_get_type ())
G_DECLARE_FINAL_TYPE (PosBatchItem, pos_batch_item, POS, BATCH_ITEM, GObject)

/* Reads stock_batch row @id (a PosSqlListLoadFunc). A row that is gone
 * gives an empty item: the view asked for a row.
 * Returns: (transfer full) */
GObject *pos_batch_item_load (PosStore *store, gint64 id, gpointer user_data);

/* The row as read (its fields may be NULL for an empty item). */
const PosBatchRow *pos_batch_item_get_row (PosBatchItem *self);

G_END_DECLS
