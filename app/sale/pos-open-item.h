/* pos-open-item.h — selling a code the catalog does not know.
 *
 * When a scan finds nothing, a cashier can keep the queue moving by selling
 * it as an open item: a department, a price and a tax rate, on a sale line
 * with no product (and so no stock move), catalog version 0, and the
 * scanned code as its SKU. The owner later finds those codes listed and
 * creates the products; a code stops being listed once a product has it.
 */
#pragma once

#include "pos-cart.h"

G_BEGIN_DECLS

/* Adds @code sold as an open item of @department at @price (per piece)
 * with tax rate @tax_code. Bad input (an invalid check digit, a code the
 * catalog knows, no department, a price out of range, an unknown tax
 * rate) is POS_ERROR_INVALID and leaves the cart as it was. */
gboolean pos_cart_add_open_item (PosCart *cart, const char *code, const char *department, PosAmount price,
                                 const char *tax_code, GError **error);

/* Adds @qty of the open-price key @product_id (a department such as
 * "Bakery 7 %") at the @price the cashier typed: more than 0 and at most the
 * key's limit, else POS_ERROR_INVALID and the cart as it was. */
gboolean pos_cart_add_open_price (PosCart *cart, gint64 product_id, PosAmount price, PosQty qty,
                                  GError **error);

typedef struct
{
  char *code;       /* the scanned code, as its lookup key */
  char *department; /* as the cashier named it */
  gint64 times;     /* sale lines that sold it */
  PosAmount price;  /* the last price it was sold at */
  char *tax_code;
} PosOpenItem;

void pos_open_item_free (PosOpenItem *item);

/* The codes sold as open items that no product has yet, most sold first.
 * Returns: (transfer full) an array of PosOpenItem, or NULL on error. */
GPtrArray *pos_open_items_list (PosStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosOpenItem, pos_open_item_free)

G_END_DECLS
