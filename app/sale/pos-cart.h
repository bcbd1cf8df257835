/* pos-cart.h — the sale being rung up.
 *
 * A PosCart is a GListModel of PosCartLine that the till's screen binds to,
 * with the totals as properties that notify only when they change. All the
 * rules of building a sale live here, not in the UI: codes and quantity
 * multipliers, weighed items, line and cart discounts, voids and who may
 * approve them, the attached loyalty customer, parking and resuming.
 * Nothing is written to the store until pos_checkout_commit(), except the
 * audit trail of voids and parked carts.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pos-cart-line.h"
#include "pos-store.h"
#include "pos-tax.h"
#include "pos-users.h"

G_BEGIN_DECLS

#define POS_TYPE_CART (pos_cart_get_type ())
G_DECLARE_FINAL_TYPE (PosCart, pos_cart, POS, CART, GObject)

PosCart *pos_cart_new (PosStore *store);
PosStore *pos_cart_get_store (PosCart *cart);
const PosCurrency *pos_cart_get_currency (PosCart *cart);
PosTaxMode pos_cart_get_tax_mode (PosCart *cart);
PosCartLine *pos_cart_get_line (PosCart *cart, guint position);
guint pos_cart_get_n_lines (PosCart *cart);
gboolean pos_cart_is_empty (PosCart *cart);

PosAmount pos_cart_get_subtotal (PosCart *cart);
PosAmount pos_cart_get_discount_total (PosCart *cart);
PosAmount pos_cart_get_tax_total (PosCart *cart);
PosAmount pos_cart_get_total (PosCart *cart);
const PosTaxSummary *pos_cart_get_tax_summary (PosCart *cart);
PosDiscount pos_cart_get_cart_discount (PosCart *cart);
gint64 pos_cart_get_cart_discount_approver (PosCart *cart);

PosQty pos_cart_get_multiplier (PosCart *cart);
void pos_cart_set_multiplier (PosCart *cart, PosQty qty);

gboolean pos_cart_add_code (PosCart *cart, const char *scanned, GError **error);
gboolean pos_cart_add_product (PosCart *cart, gint64 product_id, PosQty qty, GError **error);
/* Lowering a quantity follows the void rule: POS_ACTION_VOID_LINE of @user
 * or @approver (nullable), and an audit row. */
gboolean pos_cart_set_line_qty (PosCart *cart, guint position, PosQty qty, const PosUser *user,
                                const PosUser *approver, GError **error);
gboolean pos_cart_set_line_price (PosCart *cart, guint position, PosAmount price, const PosUser *user,
                                  const PosUser *approver, GError **error);
gboolean pos_cart_void_line (PosCart *cart, guint position, const PosUser *user, const PosUser *approver,
                             GError **error);
gboolean pos_cart_set_line_discount (PosCart *cart, guint position, PosDiscount discount, const PosUser *user,
                                     const PosUser *approver, GError **error);
gboolean pos_cart_set_cart_discount (PosCart *cart, PosDiscount discount, const PosUser *user,
                                     const PosUser *approver, GError **error);

gboolean pos_cart_set_customer (PosCart *cart, const char *card_or_phone, GError **error);
gboolean pos_cart_set_customer_id (PosCart *cart, gint64 customer_id, GError **error);
void pos_cart_clear_customer (PosCart *cart);
gint64 pos_cart_get_customer_id (PosCart *cart);
const char *pos_cart_get_customer_name (PosCart *cart);

void pos_cart_clear (PosCart *cart);

/* Promotions (app/promo/) apply as the cart changes, to the lines the
 * cashier has not priced or discounted by hand. */
gboolean pos_cart_add_coupon (PosCart *cart, const char *code, GError **error);
/* The coupon codes entered, NULL-terminated. */
const char *const *pos_cart_get_coupons (PosCart *cart);
guint pos_cart_get_n_promotions (PosCart *cart);
const char *pos_cart_get_promotion (PosCart *cart, guint i, PosAmount *saving);
JsonArray *pos_cart_line_promotions (PosCart *cart, guint position);

/* pos-cart-park.c */
gboolean pos_cart_park (PosCart *cart, const PosUser *user, const char *label, gint64 *parked_id,
                        GError **error);
gboolean pos_cart_resume (PosCart *cart, gint64 parked_id, GError **error);
/* The cart as a parked sale keeps it, and back (layaways keep it too).
 * Returns: (transfer full) */
char *pos_cart_to_json (PosCart *cart);
gboolean pos_cart_load_json (PosCart *cart, const char *json, gboolean with_customer, GError **error);
typedef struct
{
  gint64 id;
  char *till_id;
  char *parked_at;
  char *label; /* nullable */
  guint n_lines;
} PosParkedSale;

void pos_parked_sale_free (PosParkedSale *parked);
GPtrArray *pos_cart_list_parked (PosStore *store, GError **error);

/* Adds a line built elsewhere (open items) as a scan would; FALSE and the
 * cart unchanged when the totals would overflow. */
gboolean pos_cart_add_line (PosCart *cart, PosCartLine *line, GError **error);
/* For pos-cart-park.c: re-adds a line as it was parked. */
void pos_cart_append_line (PosCart *cart, PosCartLine *line);
void pos_cart_restore_discount (PosCart *cart, PosDiscount discount, gint64 approver_id);

G_END_DECLS
