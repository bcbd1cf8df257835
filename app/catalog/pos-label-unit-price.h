/* pos-label-unit-price.h — the price per kg, l or 100 g on a shelf label.
 *
 * The EU price-indication rule (Directive 98/6/EC) asks for the selling
 * price and the unit price: per kilogram or litre, or per 100 g / 100 ml
 * where a member state allows it for small packs. A product sold by weight
 * (or l, or m) is priced per its unit already; a pack is unit-priced from its net content in
 * kg, l or m and the base the owner chose for it (per 1 or per 100 g / ml).
 */
#pragma once

#include "pos-catalog.h"
#include "pos-money.h"

G_BEGIN_DECLS

typedef enum
{
  POS_UNIT_BASE_KG,    /* content in grams */
  POS_UNIT_BASE_100G,  /* content in grams */
  POS_UNIT_BASE_L,     /* content in millilitres */
  POS_UNIT_BASE_100ML, /* content in millilitres */
  POS_UNIT_BASE_M,     /* content in millimetres */
} PosUnitBase;

/* "1 kg", "100 g", "1 l", "100 ml", "1 m". */
const char *pos_unit_base_label (PosUnitBase base);

/* The price of @base of a pack costing @pack_price that holds @content grams
 * (or millilitres, by @base), rounded half away from zero. POS_ERROR_INVALID
 * for a content of 0 or less or a negative price, POS_ERROR_OVERFLOW when
 * the result leaves the int64 range. */
gboolean pos_unit_price_compute (PosAmount pack_price, gint64 content, PosUnitBase base, PosAmount *out,
                                 GError **error);

/* The unit price to print for @product: TRUE with @base and @out set when it
 * has one (a product sold by the kg, l or m, or a pack with a content in kg, l or m),
 * FALSE when it has none. */
gboolean pos_unit_price_for_product (const PosProduct *product, PosUnitBase *base, PosAmount *out);

G_END_DECLS
