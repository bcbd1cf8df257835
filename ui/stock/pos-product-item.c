/* pos-product-item.c — one product row as the stock list shows it. */
#include "pos-product-item.h"
#include "pos-stock.h"

struct _PosProductItem
{
  GObject parent_instance;

  gint64 id;
  char *sku;
  char *name;
  char *unit;
  gint64 price;
  gint64 stock;
  gint64 reorder_level;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (PosProductItem, pos_product_item, G_TYPE_OBJECT)

static void
pos_product_item_finalize (GObject *object)
{
  PosProductItem *self = POS_PRODUCT_ITEM (object);

  g_free (self->sku);
  g_free (self->name);
  g_free (self->unit);
  G_OBJECT_CLASS (pos_product_item_parent_class)->finalize (object);
}

static void
pos_product_item_class_init (PosProductItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_product_item_finalize;
}

static void
pos_product_item_init (PosProductItem *self)
{
  self->reorder_level = -1;
}

GObject *
pos_product_item_load (PosStore *store, gint64 id, gpointer user_data)
{
  PosProductItem *self = g_object_new (POS_TYPE_PRODUCT_ITEM, NULL);
  g_auto (PosStockProduct) product = { .reorder_level = -1 };
  g_autoptr (GError) error = NULL;

  self->id = id;
  if (!pos_stock_product_read (store, id, &product, &error))
    {
      if (!g_error_matches (error, POS_ERROR, POS_ERROR_NOT_FOUND))
        g_warning ("Cannot read product %" G_GINT64_FORMAT ": %s", id, error->message);
      return G_OBJECT (self);
    }
  self->sku = g_steal_pointer (&product.sku);
  self->name = g_steal_pointer (&product.name);
  self->unit = g_steal_pointer (&product.unit);
  self->price = product.price;
  self->stock = product.stock;
  self->reorder_level = product.reorder_level;
  self->active = product.active;
  return G_OBJECT (self);
}

gint64
pos_product_item_get_id (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), 0);
  return self->id;
}

const char *
pos_product_item_get_sku (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), NULL);
  return self->sku ? self->sku : "";
}

const char *
pos_product_item_get_name (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), NULL);
  return self->name ? self->name : "";
}

const char *
pos_product_item_get_unit (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), NULL);
  return self->unit ? self->unit : "each";
}

gint64
pos_product_item_get_price (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), 0);
  return self->price;
}

gint64
pos_product_item_get_stock (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), 0);
  return self->stock;
}

gint64
pos_product_item_get_reorder_level (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), -1);
  return self->reorder_level;
}

gboolean
pos_product_item_get_active (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), FALSE);
  return self->active;
}

gboolean
pos_product_item_is_low (PosProductItem *self)
{
  g_return_val_if_fail (POS_IS_PRODUCT_ITEM (self), FALSE);
  return self->reorder_level >= 0 && self->stock <= self->reorder_level;
}
