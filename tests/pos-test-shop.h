/* pos-test-shop.h — a tiny shop on a fresh store for sale tests:
 * tax A 20 %, B 5 %; products TEA (3.49, A, barcode 4006381333931),
 * MILK (1.19, B), BREAD (2.50, B), CHEESE per kg (19.90, B, weighed,
 * in-store code 2812345000000 for prefix 28 weight), and users
 * cashier "casey" 1234, supervisor "sam" 2580, owner "olivia" 4321. */
#pragma once

#include "pos-test-util.h"

#include "pos-cart.h"
#include "pos-checkout.h"
#include "pos-users.h"

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *cashier;
  PosUser *supervisor;
  PosUser *owner;
  gint64 tea, milk, bread, cheese;
} PosTestShop;

PosTestShop *pos_test_shop_new (const char *currency, const char *tax_mode);
PosTestShop *pos_test_shop_new_at (const char *path, const char *currency, const char *tax_mode);
void pos_test_shop_free (PosTestShop *shop);
PosTender pos_test_cash (PosAmount amount);
PosTender pos_test_card (PosAmount amount, const char *reference);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTestShop, pos_test_shop_free)
