/* pos-test-shop.h — a tiny shop on a fresh store for sale tests:
 * tax A 20 %, B 5 %; products TEA (3.49, A, barcode 4006381333931),
 * MILK (1.19, B), BREAD (2.50, B), CHEESE per kg (19.90, B, weighed,
 * in-store code 2812345000000 for prefix 28 weight), and users
 * cashier "casey" 1234, supervisor "sam" 2580, owner "olivia" 4321, and
 * casey's shift open with a float of 100.00.
 * Also a bare store with only its staff, for tests of one unit that set
 * up the rest themselves, and helpers to add users and customers. */
#pragma once

#include "pos-test-util.h"

#include "pos-cart.h"
#include "pos-checkout.h"
#include "pos-customer.h"
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

/* Adds user @name with @role and @pin and signs them in, as after entering
 * the PIN; fails the test when either is refused.
 * Returns: (transfer full) */
PosUser *pos_test_sign_in (PosStore *store, const char *name, PosRole role, const char *pin);

/* Adds the customer @draft describes, signed up by @by; fails the test when
 * refused.
 * Returns: (transfer full) */
PosCustomer *pos_test_add_customer (PosStore *store, const PosUser *by, const PosCustomer *draft);

/* A fresh store with nothing in it but two signed-in users: cashier
 * "carla" and supervisor "sam", both PIN 1234. No settings, no taxes,
 * no catalog. */
typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *cashier;
  PosUser *boss; /* a supervisor who just entered their PIN */
} PosTestStaff;

PosTestStaff *pos_test_staff_new (void);
void pos_test_staff_free (PosTestStaff *staff);

/* cmocka setup and teardown with a PosTestStaff as the state. */
int pos_test_staff_setup (void **state);
int pos_test_staff_teardown (void **state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTestStaff, pos_test_staff_free)
