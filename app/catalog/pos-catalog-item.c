/* pos-catalog-item.c — one product as the till offers it (see pos-catalog-item.h). */
#include "pos-catalog-item.h"

struct _PosCatalogItem
{
  GObject parent_instance;

  gint64 id;
  char *sku;
  char *name;
  PosAmount price;
  const char *unit; /* "each", "kg", "l" or "m": static, from unit_of() */
  char *colour;     /* (nullable) a quick key's "#rrggbb" */
  char *image;      /* (nullable) a quick key's picture, as a path on this machine */
};

G_DEFINE_FINAL_TYPE (PosCatalogItem, pos_catalog_item, G_TYPE_OBJECT)

static void
pos_catalog_item_finalize (GObject *object)
{
  PosCatalogItem *self = POS_CATALOG_ITEM (object);

  g_free (self->sku);
  g_free (self->name);
  g_free (self->colour);
  g_free (self->image);
  G_OBJECT_CLASS (pos_catalog_item_parent_class)->finalize (object);
}

static void
pos_catalog_item_class_init (PosCatalogItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pos_catalog_item_finalize;
}

static void
pos_catalog_item_init (PosCatalogItem *self)
{
}

/* The unit as a static string, so an item of a million-row list holds no
 * copy of it. */
static const char *
unit_of (const char *unit)
{
  static const char *const units[] = { "kg", "l", "m" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (unit, units[i]) == 0)
      return units[i];
  return "each";
}

PosCatalogItem *
pos_catalog_item_new (const PosProduct *product)
{
  PosCatalogItem *self;

  g_return_val_if_fail (product != NULL, NULL);

  self = g_object_new (POS_TYPE_CATALOG_ITEM, NULL);
  self->id = product->id;
  self->sku = g_strdup (product->sku);
  self->name = g_strdup (product->name);
  self->price = product->price;
  self->unit = unit_of (product->unit);
  return self;
}

GObject *
pos_catalog_item_load (PosStore *store, gint64 id, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosProduct) product = pos_catalog_get (store, id, &error);
  PosCatalogItem *self;

  if (product != NULL)
    return G_OBJECT (pos_catalog_item_new (product));
  g_warning ("Cannot read product %" G_GINT64_FORMAT ": %s", id, error->message);
  self = g_object_new (POS_TYPE_CATALOG_ITEM, NULL);
  self->id = id;
  self->sku = g_strdup ("");
  self->name = g_strdup ("");
  self->unit = "each";
  return G_OBJECT (self);
}

gint64
pos_catalog_item_get_id (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), 0);
  return self->id;
}

const char *
pos_catalog_item_get_sku (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), NULL);
  return self->sku;
}

const char *
pos_catalog_item_get_name (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), NULL);
  return self->name;
}

PosAmount
pos_catalog_item_get_price (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), 0);
  return self->price;
}

void
pos_catalog_item_set_look (PosCatalogItem *self, const char *colour, const char *image)
{
  g_return_if_fail (POS_IS_CATALOG_ITEM (self));
  g_free (self->colour), self->colour = g_strdup (colour);
  g_free (self->image), self->image = g_strdup (image);
}

const char *
pos_catalog_item_get_colour (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), NULL);
  return self->colour;
}

const char *
pos_catalog_item_get_image (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), NULL);
  return self->image;
}

const char *
pos_catalog_item_get_unit (PosCatalogItem *self)
{
  g_return_val_if_fail (POS_IS_CATALOG_ITEM (self), "each");
  return self->unit;
}
