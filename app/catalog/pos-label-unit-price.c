/* pos-label-unit-price.c — unit prices for shelf labels, in exact integers. */
#include "pos-label-unit-price.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

static const struct
{
  const char *label;
  gint64 quantity; /* grams or millilitres the unit price is for */
} bases[] = {
  [POS_UNIT_BASE_KG] = { "1 kg", 1000 }, [POS_UNIT_BASE_100G] = { "100 g", 100 },
  [POS_UNIT_BASE_L] = { "1 l", 1000 },   [POS_UNIT_BASE_100ML] = { "100 ml", 100 },
  [POS_UNIT_BASE_M] = { "1 m", 1000 },
};

const char *
pos_unit_base_label (PosUnitBase base)
{
  g_return_val_if_fail (base <= POS_UNIT_BASE_M, "");
  return bases[base].label;
}

gboolean
pos_unit_price_compute (PosAmount pack_price, gint64 content, PosUnitBase base, PosAmount *out,
                        GError **error)
{
  g_return_val_if_fail (base <= POS_UNIT_BASE_M, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (content <= 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("A unit price needs a net content of more than 0"));
      return FALSE;
    }
  if (pack_price < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A unit price needs a price of 0 or more"));
      return FALSE;
    }
  return pos_amount_mul_div (pack_price, bases[base].quantity, content, out, error);
}

/* The label base for a content in @unit priced per @per thousandths of it
 * (1000: per kg, l or m; 100: per 100 g or 100 ml; lengths are priced per
 * metre only). FALSE for any other. */
static gboolean
base_for_content (const char *unit, PosQty per, PosUnitBase *base)
{
  gboolean litres = g_strcmp0 (unit, "l") == 0;

  if (g_strcmp0 (unit, "m") == 0 && per == 1000)
    return *base = POS_UNIT_BASE_M, TRUE;
  if (!litres && g_strcmp0 (unit, "kg") != 0)
    return FALSE;
  if (per == 1000)
    *base = litres ? POS_UNIT_BASE_L : POS_UNIT_BASE_KG;
  else if (per == 100)
    *base = litres ? POS_UNIT_BASE_100ML : POS_UNIT_BASE_100G;
  else
    return FALSE;
  return TRUE;
}

gboolean
pos_unit_price_for_product (const PosProduct *product, PosUnitBase *base, PosAmount *out)
{
  g_return_val_if_fail (product != NULL && base != NULL && out != NULL, FALSE);

  /* A measured product's price is its price per kg, l or m (pos-catalog.h). */
  if (pos_product_is_measured (product))
    {
      *base = g_str_equal (product->unit, "kg")  ? POS_UNIT_BASE_KG
              : g_str_equal (product->unit, "l") ? POS_UNIT_BASE_L
                                                 : POS_UNIT_BASE_M;
      *out = product->price;
      return TRUE;
    }
  /* A pack's content is in thousandths of its unit: grams or millilitres. */
  return product->content_qty > 0 && base_for_content (product->content_unit, product->unit_price_base, base)
         && pos_unit_price_compute (product->price, product->content_qty, *base, out, NULL);
}
