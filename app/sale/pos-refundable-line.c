/* pos-refundable-line.c — a receipt line as a refund sees it (see pos-refundable-line.h). */
#include "pos-refundable-line.h"

#include "pos-catalog.h"

struct _PosRefundableLine
{
  GObject parent_instance;

  guint line_no;
  char *name;
  char *unit;
  PosQty sold_qty;
  PosAmount sold_total;
  PosQty left_qty;
};

G_DEFINE_FINAL_TYPE (PosRefundableLine, pos_refundable_line, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LINE_NO,
  PROP_NAME,
  PROP_UNIT,
  PROP_SOLD_QTY,
  PROP_SOLD_TOTAL,
  PROP_LEFT_QTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PosRefundableLine *
pos_refundable_line_new (guint line_no, const char *name, const char *unit, PosQty sold_qty,
                         PosAmount sold_total, PosQty left_qty)
{
  PosRefundableLine *self = g_object_new (POS_TYPE_REFUNDABLE_LINE, NULL);

  self->line_no = line_no;
  self->name = g_strdup (name ? name : "");
  self->unit = g_strdup (unit ? unit : "each");
  self->sold_qty = sold_qty;
  self->sold_total = sold_total;
  self->left_qty = left_qty;
  return self;
}

guint
pos_refundable_line_get_line_no (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), 0);
  return self->line_no;
}

const char *
pos_refundable_line_get_name (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), NULL);
  return self->name;
}

const char *
pos_refundable_line_get_unit (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), NULL);
  return self->unit;
}

PosQty
pos_refundable_line_get_sold_qty (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), 0);
  return self->sold_qty;
}

PosAmount
pos_refundable_line_get_sold_total (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), 0);
  return self->sold_total;
}

PosQty
pos_refundable_line_get_left_qty (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), 0);
  return self->left_qty;
}

gboolean
pos_refundable_line_get_weighed (PosRefundableLine *self)
{
  g_return_val_if_fail (POS_IS_REFUNDABLE_LINE (self), FALSE);
  return pos_unit_is_measured (self->unit);
}

static void
pos_refundable_line_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosRefundableLine *self = POS_REFUNDABLE_LINE (object);

  switch (prop_id)
    {
      case PROP_LINE_NO:
        g_value_set_uint (value, self->line_no);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_UNIT:
        g_value_set_string (value, self->unit);
        break;
      case PROP_SOLD_QTY:
        g_value_set_int64 (value, self->sold_qty);
        break;
      case PROP_SOLD_TOTAL:
        g_value_set_int64 (value, self->sold_total);
        break;
      case PROP_LEFT_QTY:
        g_value_set_int64 (value, self->left_qty);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pos_refundable_line_finalize (GObject *object)
{
  PosRefundableLine *self = POS_REFUNDABLE_LINE (object);

  g_free (self->name);
  g_free (self->unit);
  G_OBJECT_CLASS (pos_refundable_line_parent_class)->finalize (object);
}

static void
pos_refundable_line_class_init (PosRefundableLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pos_refundable_line_get_property;
  object_class->finalize = pos_refundable_line_finalize;

  properties[PROP_LINE_NO] = g_param_spec_uint ("line-no", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_SOLD_QTY] = g_param_spec_int64 ("sold-qty", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SOLD_TOTAL]
      = g_param_spec_int64 ("sold-total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_LEFT_QTY] = g_param_spec_int64 ("left-qty", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pos_refundable_line_init (PosRefundableLine *self)
{
}
