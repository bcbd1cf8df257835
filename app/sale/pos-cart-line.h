/* pos-cart-line.h — one line of the cart being rung up.
 *
 * A line copies what it uses from the catalog when it is added (name,
 * price, tax rate, catalog version: docs/ARCHITECTURE.md Invariant 6), so an edit of
 * the product while the customer waits changes nothing on their receipt.
 * Its amounts are worked out by the cart, which owns the whole-cart rules
 * (cart discount shares, tax rounding per receipt).
 */
#pragma once

#include <glib-object.h>

#include "pos-catalog.h"
#include "pos-money.h"

G_BEGIN_DECLS

typedef enum
{
  POS_DISCOUNT_NONE,
  POS_DISCOUNT_AMOUNT,  /* value in minor units */
  POS_DISCOUNT_PERCENT, /* value in basis points: 1000 = 10 % */
} PosDiscountKind;

typedef struct
{
  PosDiscountKind kind;
  gint64 value;
} PosDiscount;

gboolean pos_discount_parse (const char *text, const PosCurrency *currency, PosDiscount *out, GError **error);

#define POS_TYPE_CART_LINE (pos_cart_line_get_type ())
G_DECLARE_FINAL_TYPE (PosCartLine, pos_cart_line, POS, CART_LINE, GObject)

PosCartLine *pos_cart_line_new_for_product (const PosProduct *product, PosQty qty);
PosCartLine *pos_cart_line_new_taking_product (PosProduct *product, PosQty qty);

gint64 pos_cart_line_get_product_id (PosCartLine *line);
gint64 pos_cart_line_get_category_id (PosCartLine *line);
const char *pos_cart_line_get_brand (PosCartLine *line); /* (nullable) */
const char *pos_cart_line_get_sku (PosCartLine *line);
const char *pos_cart_line_get_name (PosCartLine *line);
const char *pos_cart_line_get_unit (PosCartLine *line);
const char *pos_cart_line_get_tax_code (PosCartLine *line);
gint64 pos_cart_line_get_tax_rate_bp (PosCartLine *line);
gint64 pos_cart_line_get_catalog_version (PosCartLine *line);
PosQty pos_cart_line_get_qty (PosCartLine *line);
PosAmount pos_cart_line_get_unit_price (PosCartLine *line);
PosDiscount pos_cart_line_get_discount_rule (PosCartLine *line);
PosAmount pos_cart_line_get_gross (PosCartLine *line);
PosAmount pos_cart_line_get_discount (PosCartLine *line);
PosAmount pos_cart_line_get_total (PosCartLine *line);
PosAmount pos_cart_line_get_tax (PosCartLine *line);
gint64 pos_cart_line_get_approver_id (PosCartLine *line);
gboolean pos_cart_line_get_price_overridden (PosCartLine *line);
gboolean pos_cart_line_get_price_embedded (PosCartLine *line);
/* Sold by a measure (kg, l, m) at a price per unit, so its quantity need
 * not be whole; not when the price came in the barcode. */
gboolean pos_cart_line_is_measured (PosCartLine *line);

/* Used by the cart only: */
void pos_cart_line_set_qty (PosCartLine *line, PosQty qty);
void pos_cart_line_set_unit_price (PosCartLine *line, PosAmount price, gboolean overridden,
                                   gboolean embedded);
void pos_cart_line_set_discount_rule (PosCartLine *line, PosDiscount discount);
void pos_cart_line_set_approver_id (PosCartLine *line, gint64 approver_id);
void pos_cart_line_set_amounts (PosCartLine *line, PosAmount gross, PosAmount discount, PosAmount total,
                                PosAmount tax);

G_END_DECLS
