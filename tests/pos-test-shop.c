#include "pos-test-shop.h"

#include "pos-users-testing.h"

#include "pos-catalog.h"
#include "pos-shift.h"
#include "pos-store-private.h"

static gint64
add_product (PosStore *store, const char *sku, const char *name, const char *unit, PosAmount price,
             const char *tax, const char *barcode)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup (sku);
  p->name = g_strdup (name);
  g_free (p->unit);
  p->unit = g_strdup (unit);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (store, tax, NULL);
  if (!pos_catalog_save (store, p, &error))
    fail_msg ("cannot add %s: %s", sku, error->message);
  if (barcode != NULL && !pos_catalog_add_barcode (store, p->id, barcode, &error))
    fail_msg ("cannot add barcode %s: %s", barcode, error->message);
  return p->id;
}

PosUser *
pos_test_sign_in (PosStore *store, const char *name, PosRole role, const char *pin)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosUser) added = NULL;
  PosUser *user;

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  added = pos_users_add (store, name, role, pin, &error);
  if (added == NULL)
    fail_msg ("cannot add %s: %s", name, error->message);
  user = pos_users_authenticate (store, name, pin, &error);
  if (user == NULL)
    fail_msg ("cannot sign in %s: %s", name, error->message);
  return user;
}

static PosTestShop *
populate (PosTestShop *shop, const char *currency, const char *tax_mode)
{
  g_autoptr (PosShift) shift = NULL;
  g_autoptr (GError) error = NULL;

  assert_true (pos_store_set_setting (shop->store, "currency", currency, NULL));
  assert_true (pos_store_set_setting (shop->store, "tax_mode", tax_mode, NULL));
  assert_true (pos_store_set_setting (shop->store, "till_id", "T1", NULL));
  assert_true (pos_store_exec (shop->store,
                               "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000), "
                               "('B', 'Reduced', 500)",
                               NULL));
  shop->tea = add_product (shop->store, "TEA", "Earl Grey tea", "each", 349, "A", "4006381333931");
  shop->milk = add_product (shop->store, "MILK", "Whole milk 1l", "each", 119, "B", NULL);
  shop->bread = add_product (shop->store, "BREAD", "Sourdough loaf", "each", 250, "B", NULL);
  shop->cheese = add_product (shop->store, "CHEESE", "Mountain cheese", "kg", 1990, "B", "2812340000002");
  shop->cashier = pos_test_sign_in (shop->store, "casey", POS_ROLE_CASHIER, "1234");
  shop->supervisor = pos_test_sign_in (shop->store, "sam", POS_ROLE_SUPERVISOR, "2580");
  shop->owner = pos_test_sign_in (shop->store, "olivia", POS_ROLE_OWNER, "4321");
  /* Cash is taken only while a shift is open: the day has begun. */
  shift = pos_shift_open (shop->store, shop->cashier, 10000, &error);
  if (shift == NULL)
    fail_msg ("cannot open the shift: %s", error->message);
  return shop;
}

PosTestShop *
pos_test_shop_new (const char *currency, const char *tax_mode)
{
  PosTestShop *shop = g_new0 (PosTestShop, 1);

  shop->t = pos_test_store_new ();
  shop->store = shop->t->store;
  return populate (shop, currency, tax_mode);
}

/* The shop in a store at @path (its folder is the caller's to remove). */
PosTestShop *
pos_test_shop_new_at (const char *path, const char *currency, const char *tax_mode)
{
  PosTestShop *shop = g_new0 (PosTestShop, 1);
  g_autoptr (GError) error = NULL;

  shop->t = g_new0 (PosTestStore, 1);
  shop->t->path = g_strdup (path);
  shop->t->store = pos_store_open (path, POS_STORE_OPEN_CREATE, &error);
  if (shop->t->store == NULL)
    fail_msg ("cannot create a store: %s", error->message);
  shop->store = shop->t->store;
  return populate (shop, currency, tax_mode);
}

void
pos_test_shop_free (PosTestShop *shop)
{
  if (shop == NULL)
    return;
  pos_user_free (shop->cashier);
  pos_user_free (shop->supervisor);
  pos_user_free (shop->owner);
  pos_test_store_free (shop->t);
  g_free (shop);
}

PosTender
pos_test_cash (PosAmount amount)
{
  return (PosTender){ POS_TENDER_CASH, amount, NULL, 0 };
}

PosTender
pos_test_card (PosAmount amount, const char *reference)
{
  return (PosTender){ POS_TENDER_CARD, amount, (char *)reference, 0 };
}

PosCustomer *
pos_test_add_customer (PosStore *store, const PosUser *by, const PosCustomer *draft)
{
  g_autoptr (GError) error = NULL;
  PosCustomer *customer = pos_customer_add (store, by, draft, &error);

  if (customer == NULL)
    fail_msg ("cannot add customer %s: %s", draft->name ? draft->name : "(no name)", error->message);
  return customer;
}

PosTestStaff *
pos_test_staff_new (void)
{
  PosTestStaff *staff = g_new0 (PosTestStaff, 1);

  staff->t = pos_test_store_new ();
  staff->store = staff->t->store;
  staff->cashier = pos_test_sign_in (staff->store, "carla", POS_ROLE_CASHIER, "1234");
  staff->boss = pos_test_sign_in (staff->store, "sam", POS_ROLE_SUPERVISOR, "1234");
  return staff;
}

void
pos_test_staff_free (PosTestStaff *staff)
{
  if (staff == NULL)
    return;
  pos_user_free (staff->cashier);
  pos_user_free (staff->boss);
  pos_test_store_free (staff->t);
  g_free (staff);
}

int
pos_test_staff_setup (void **state)
{
  *state = pos_test_staff_new ();
  return 0;
}

int
pos_test_staff_teardown (void **state)
{
  g_clear_pointer ((PosTestStaff **)state, pos_test_staff_free);
  return 0;
}
