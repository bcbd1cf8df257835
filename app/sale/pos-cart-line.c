/* pos-cart-line.c — one line of the cart (see pos-cart-line.h). */
#include "pos-cart-line.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

struct _PosCartLine
{
  GObject parent_instance;

  gint64 product_id;
  gint64 category_id; /* for promotions over a category */
  char *brand;        /* (nullable) for promotions over a brand */
  char *sku;
  char *name;
  char *unit;
  char *tax_code;
  gint64 tax_rate_bp;
  gint64 catalog_version;
  PosQty qty;
  PosAmount unit_price;
  gboolean price_overridden;
  gboolean price_embedded;
  PosDiscount discount_rule;
  gint64 approver_id;

  /* Worked out by the cart. */
  PosAmount gross;
  PosAmount discount;
  PosAmount total;
  PosAmount tax;
};

G_DEFINE_FINAL_TYPE (PosCartLine, pos_cart_line, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_SKU,
  PROP_UNIT,
  PROP_QTY,
  PROP_UNIT_PRICE,
  PROP_DISCOUNT,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pos_cart_line_finalize (GObject *object)
{
  PosCartLine *self = POS_CART_LINE (object);

  g_free (self->sku);
  g_free (self->name);
  g_free (self->unit);
  g_free (self->tax_code);
  g_free (self->brand);
  G_OBJECT_CLASS (pos_cart_line_parent_class)->finalize (object);
}

static void
pos_cart_line_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PosCartLine *self = POS_CART_LINE (object);

  switch (prop_id)
    {
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_SKU:
        g_value_set_string (value, self->sku);
        break;
      case PROP_UNIT:
        g_value_set_string (value, self->unit);
        break;
      case PROP_QTY:
        g_value_set_int64 (value, self->qty);
        break;
      case PROP_UNIT_PRICE:
        g_value_set_int64 (value, self->unit_price);
        break;
      case PROP_DISCOUNT:
        g_value_set_int64 (value, self->discount);
        break;
      case PROP_TOTAL:
        g_value_set_int64 (value, self->total);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pos_cart_line_class_init (PosCartLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pos_cart_line_finalize;
  object_class->get_property = pos_cart_line_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_QTY] = g_param_spec_int64 ("qty", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_PRICE]
      = g_param_spec_int64 ("unit-price", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DISCOUNT] = g_param_spec_int64 ("discount", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pos_cart_line_init (PosCartLine *self)
{
}

PosCartLine *
pos_cart_line_new_for_product (const PosProduct *product, PosQty qty)
{
  PosProduct copy = *product;

  copy.brand = g_strdup (product->brand);
  copy.sku = g_strdup (product->sku);
  copy.name = g_strdup (product->name);
  copy.unit = g_strdup (product->unit);
  copy.tax_code = g_strdup (product->tax_code);
  return pos_cart_line_new_taking_product (&copy, qty);
}

/* As pos_cart_line_new_for_product (), taking the product's strings
 * rather than copying them: a scan makes a line from a product it then
 * frees, and ten string copies and frees are a tenth of a scan. */
PosCartLine *
pos_cart_line_new_taking_product (PosProduct *product, PosQty qty)
{
  PosCartLine *self = g_object_new (POS_TYPE_CART_LINE, NULL);

  self->product_id = product->id;
  self->category_id = product->category_id;
  self->brand = g_steal_pointer (&product->brand);
  self->sku = g_steal_pointer (&product->sku);
  self->name = g_steal_pointer (&product->name);
  self->unit = g_steal_pointer (&product->unit);
  self->tax_code = g_steal_pointer (&product->tax_code);
  self->tax_rate_bp = product->tax_rate_bp;
  self->catalog_version = product->version;
  self->unit_price = product->price;
  self->qty = qty;
  return self;
}

gint64
pos_cart_line_get_product_id (PosCartLine *line)
{
  return line->product_id;
}
gint64
pos_cart_line_get_category_id (PosCartLine *line)
{
  return line->category_id;
}
const char *
pos_cart_line_get_brand (PosCartLine *line)
{
  return line->brand;
}
const char *
pos_cart_line_get_sku (PosCartLine *line)
{
  return line->sku;
}
const char *
pos_cart_line_get_name (PosCartLine *line)
{
  return line->name;
}
const char *
pos_cart_line_get_unit (PosCartLine *line)
{
  return line->unit;
}
const char *
pos_cart_line_get_tax_code (PosCartLine *line)
{
  return line->tax_code;
}
gint64
pos_cart_line_get_tax_rate_bp (PosCartLine *line)
{
  return line->tax_rate_bp;
}
gint64
pos_cart_line_get_catalog_version (PosCartLine *line)
{
  return line->catalog_version;
}
PosQty
pos_cart_line_get_qty (PosCartLine *line)
{
  return line->qty;
}
PosAmount
pos_cart_line_get_unit_price (PosCartLine *line)
{
  return line->unit_price;
}
PosDiscount
pos_cart_line_get_discount_rule (PosCartLine *line)
{
  return line->discount_rule;
}
PosAmount
pos_cart_line_get_gross (PosCartLine *line)
{
  return line->gross;
}
PosAmount
pos_cart_line_get_discount (PosCartLine *line)
{
  return line->discount;
}
PosAmount
pos_cart_line_get_total (PosCartLine *line)
{
  return line->total;
}
PosAmount
pos_cart_line_get_tax (PosCartLine *line)
{
  return line->tax;
}
gint64
pos_cart_line_get_approver_id (PosCartLine *line)
{
  return line->approver_id;
}
gboolean
pos_cart_line_get_price_overridden (PosCartLine *line)
{
  return line->price_overridden;
}
gboolean
pos_cart_line_get_price_embedded (PosCartLine *line)
{
  return line->price_embedded;
}

gboolean
pos_cart_line_is_measured (PosCartLine *line)
{
  return pos_unit_is_measured (line->unit) && !line->price_embedded;
}

void
pos_cart_line_set_qty (PosCartLine *line, PosQty qty)
{
  if (line->qty == qty)
    return;
  line->qty = qty;
  g_object_notify_by_pspec (G_OBJECT (line), properties[PROP_QTY]);
}

void
pos_cart_line_set_unit_price (PosCartLine *line, PosAmount price, gboolean overridden, gboolean embedded)
{
  line->price_overridden = overridden;
  line->price_embedded = embedded;
  if (line->unit_price == price)
    return;
  line->unit_price = price;
  g_object_notify_by_pspec (G_OBJECT (line), properties[PROP_UNIT_PRICE]);
}

void
pos_cart_line_set_discount_rule (PosCartLine *line, PosDiscount discount)
{
  line->discount_rule = discount;
}

void
pos_cart_line_set_approver_id (PosCartLine *line, gint64 approver_id)
{
  line->approver_id = approver_id;
}

void
pos_cart_line_set_amounts (PosCartLine *line, PosAmount gross, PosAmount discount, PosAmount total,
                           PosAmount tax)
{
  gboolean discount_changed = line->discount != discount;
  gboolean total_changed = line->total != total;

  line->gross = gross;
  line->discount = discount;
  line->total = total;
  line->tax = tax;
  if (discount_changed)
    g_object_notify_by_pspec (G_OBJECT (line), properties[PROP_DISCOUNT]);
  if (total_changed)
    g_object_notify_by_pspec (G_OBJECT (line), properties[PROP_TOTAL]);
}

/*
 * Parses a discount as a cashier types it: "10%" (percent, up to two
 * decimals: "12.5%") or "2.50" (an amount in major units). Negative or
 * zero discounts and percentages over 100 are refused.
 */
gboolean
pos_discount_parse (const char *text, const PosCurrency *currency, PosDiscount *out, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  gsize len = strlen (copy);
  PosAmount value;

  if (len > 0 && copy[len - 1] == '%')
    {
      static const PosCurrency percent = { "%", 2, 1, "%", NULL };
      copy[len - 1] = '\0';
      if (!pos_amount_parse (g_strstrip (copy), &percent, &value, error))
        return FALSE;
      if (value <= 0 || value > 10000)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("A discount is between 0 and 100 %%, not %s%%"), copy);
          return FALSE;
        }
      *out = (PosDiscount){ POS_DISCOUNT_PERCENT, value };
      return TRUE;
    }
  if (!pos_amount_parse (copy, currency, &value, error))
    return FALSE;
  if (value <= 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A discount must be more than zero"));
      return FALSE;
    }
  *out = (PosDiscount){ POS_DISCOUNT_AMOUNT, value };
  return TRUE;
}
