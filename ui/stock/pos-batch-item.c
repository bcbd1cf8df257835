/* pos-batch-item.c — one batch row as the Expiring list shows it. */
#include "pos-batch-item.h"

struct _PosBatchItem
{
  GObject parent_instance;

  PosBatchRow *row;
};

G_DEFINE_FINAL_TYPE (PosBatchItem, pos_batch_item, G_TYPE_OBJECT)

static void
pos_batch_item_finalize (GObject *object)
{
  PosBatchItem *self = POS_BATCH_ITEM (object);

  g_clear_pointer (&self->row, pos_batch_row_free);
  G_OBJECT_CLASS (pos_batch_item_parent_class)->finalize (object);
}

static void
pos_batch_item_class_init (PosBatchItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_batch_item_finalize;
}

static void
pos_batch_item_init (PosBatchItem *self)
{
}

GObject *
pos_batch_item_load (PosStore *store, gint64 id, gpointer user_data)
{
  PosBatchItem *self = g_object_new (POS_TYPE_BATCH_ITEM, NULL);
  g_autoptr (GError) error = NULL;

  self->row = pos_batch_row_load (store, id, &error);
  if (self->row == NULL)
    {
      if (!g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND))
        g_warning ("Cannot read batch %lld: %s", (long long)id, error->message);
      self->row = g_new0 (PosBatchRow, 1);
      self->row->id = id;
    }
  return G_OBJECT (self);
}

const PosBatchRow *
pos_batch_item_get_row (PosBatchItem *self)
{
  g_return_val_if_fail (POS_IS_BATCH_ITEM (self), NULL);
  return self->row;
}
