/* pos-product-item.c — one product row as the stock list shows it. */
#include "pos-product-item.h"
#include "pos-store-private.h"

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
  static const char sql[] = "SELECT p.sku, p.name, p.unit, p.price, COALESCE (s.qty, 0), p.reorder_level, "
                            "p.active FROM product p LEFT JOIN stock_level s ON s.product_id = p.id "
                            "WHERE p.id = ?1";
  PosProductItem *self = g_object_new (POS_TYPE_PRODUCT_ITEM, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, &error);

  self->id = id;
  if (stmt == NULL)
    {
      g_warning ("Cannot read product %" G_GINT64_FORMAT ": %s", id, error->message);
      return G_OBJECT (self);
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (pos_store_step_row (store, stmt, &error) != SQLITE_ROW)
    return G_OBJECT (self);
  self->sku = pos_stmt_dup_text (stmt, 0);
  self->name = pos_stmt_dup_text (stmt, 1);
  self->unit = pos_stmt_dup_text (stmt, 2);
  self->price = sqlite3_column_int64 (stmt, 3);
  self->stock = sqlite3_column_int64 (stmt, 4);
  self->reorder_level = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
  self->active = sqlite3_column_int (stmt, 6) != 0;
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
