/* test-sync.c — tills syncing through a real PostgreSQL hub. */
#include "pos-test-util.h"
#include "pos-users-testing.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pos-account.h"
#include "pos-cart.h"
#include "pos-catalog.h"
#include "pos-checkout.h"
#include "pos-customer.h"
#include "pos-hub.h"
#include "pos-journal.h"
#include "pos-layaway.h"
#include "pos-loyalty.h"
#include "pos-pepper.h"
#include "pos-shop.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"
#include "pos-sync.h"
#include "pos-sync-apply.h"
#include "pos-sync-worker.h"
#include "pos-tax-rate.h"
#include "pos-test-hub.h"
#include "pos-test-pg.h"
#include "pos-till-key.h"
#include "pos-transfer.h"
#include "pos-users.h"
#include "pos-voucher.h"
#include "pos-store-private.h"

static PosTestPg *pg;

/* Fixtures ------------------------------------------------------------------- */

typedef struct
{
  PosTestStore *t;
  PosStore *store;
  PosUser *cashier;
  PosUser *owner;
  char *till_id;
  char *conninfo; /* the till's own role */
} Till;

static void
till_free (Till *till)
{
  pos_user_free (till->cashier);
  pos_user_free (till->owner);
  pos_test_store_free (till->t);
  g_free (till->till_id);
  g_free (till->conninfo);
  g_free (till);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Till, till_free)

static PosUser *
sign_in (PosStore *store, const char *name, PosRole role, const char *pin)
{
  g_autoptr (PosUser) added = pos_users_add (store, name, role, pin, NULL);
  PosUser *user = pos_users_authenticate (store, name, pin, NULL);

  assert_non_null (user);
  return user;
}

/* A till with its own store, tax rates and users, registered on @hub.
 * Products come from the hub, unless the test adds them here. */
static Till *
till_new (PosTestHub *hub, const char *till_id)
{
  Till *till = g_new0 (Till, 1);

  till->till_id = g_strdup (till_id);
  till->t = pos_test_store_new ();
  till->store = till->t->store;
  assert_true (pos_store_set_setting (till->store, "till_id", till_id, NULL));
  assert_true (pos_store_set_setting (till->store, "currency", "EUR", NULL));
  assert_true (pos_store_set_setting (till->store, "tax_mode", "inclusive", NULL));
  /* Sales here are about sync, not the drawer: no shift to open first. */
  assert_true (pos_store_set_setting (till->store, "shift_required", "0", NULL));
  assert_true (pos_store_exec (till->store,
                               "INSERT INTO tax_rate (code, name, rate_bp) VALUES ('A', 'Standard', 2000), "
                               "('B', 'Reduced', 500)",
                               NULL));
  till->cashier = sign_in (till->store, "casey", POS_ROLE_CASHIER, "1234");
  till->owner = sign_in (till->store, "olivia", POS_ROLE_OWNER, "4321");
  till->conninfo = pos_test_hub_add_till (hub, till_id);
  return till;
}

static gint64
add_product (Till *till, const char *sku, PosAmount price, const char *tax)
{
  g_autoptr (PosProduct) p = pos_product_new ();
  g_autoptr (GError) error = NULL;

  p->sku = g_strdup (sku);
  p->name = g_strdup_printf ("Product %s", sku);
  p->price = price;
  p->tax_rate_id = pos_catalog_tax_rate_id (till->store, tax, NULL);
  assert_true (pos_catalog_save (till->store, p, &error));
  pos_assert_no_error (error);
  return p->id;
}

static gint64
product_id (Till *till, const char *sku)
{
  g_autoptr (PosProduct) p = pos_catalog_lookup (till->store, sku, NULL);

  assert_non_null (p);
  return p->id;
}

/* Head office at till T1: the catalog, a delivery (one LAST unit only), a
 * loyalty customer with 100 points. */
static void
set_up_catalog (Till *till)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PosCustomer) added = NULL;
  PosCustomer draft = { .card_code = "LC-1", .name = "Ada" };
  PosStockItem items[4];

  add_product (till, "TEA", 349, "A");
  add_product (till, "MILK", 119, "B");
  add_product (till, "BREAD", 250, "B");
  add_product (till, "LAST", 999, "A");
  items[0] = (PosStockItem){ product_id (till, "TEA"), 1000 * POS_QTY_ONE, 150 };
  items[1] = (PosStockItem){ product_id (till, "MILK"), 1000 * POS_QTY_ONE, -1 };
  items[2] = (PosStockItem){ product_id (till, "BREAD"), 1000 * POS_QTY_ONE, -1 };
  items[3] = (PosStockItem){ product_id (till, "LAST"), 1 * POS_QTY_ONE, -1 };
  assert_true (pos_stock_receive (till->store, till->owner, 0, "DN-1", items, 4, &error));
  pos_assert_no_error (error);
  added = pos_customer_add (till->store, till->cashier, &draft, &error);
  pos_assert_no_error (error);
  assert_true (pos_loyalty_adjust (till->store, till->owner, NULL, added->id, 100, "welcome", &error));
  pos_assert_no_error (error);
}

static void
sync_ok (Till *till, PosSyncStats *out)
{
  g_autoptr (GError) error = NULL;
  PosSyncStats stats = { 0 };

  if (!pos_sync_run (till->store, till->conninfo, NULL, &stats, &error))
    fail_msg ("sync of %s failed: %s", till->till_id, error->message);
  if (out != NULL)
    *out = stats;
}

/* One sale of @sku (and sometimes milk), for the loyalty customer when
 * @customer; @points redeemed when > 0. */
static void
sell (Till *till, const char *sku, gboolean customer, gint64 points)
{
  g_autoptr (PosCart) cart = pos_cart_new (till->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tenders[2] = { { POS_TENDER_CASH, 5000, NULL, 0 }, { POS_TENDER_POINTS, 0, NULL, points } };

  assert_true (pos_cart_add_code (cart, sku, &error));
  if (g_str_equal (sku, "TEA"))
    assert_true (pos_cart_add_code (cart, "MILK", &error));
  if (customer)
    assert_true (pos_cart_set_customer (cart, "LC-1", &error));
  pos_assert_no_error (error);
  result = pos_checkout_commit (till->store, cart, till->cashier, tenders, points > 0 ? 2 : 1, &error);
  if (result == NULL)
    fail_msg ("sale at %s failed: %s", till->till_id, error->message);
}

static void
sell_many (Till *till, int n)
{
  static const char *const skus[] = { "TEA", "MILK", "BREAD" };

  for (int i = 0; i < n; i++)
    sell (till, skus[i % 3], i % 10 == 0, 0);
}

static char *
store_text (PosStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  assert_int_equal (sqlite3_prepare_v2 (pos_store_db (store), sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text ? text : g_strdup ("");
}

#define STOCK_SQL                                                                                            \
  "SELECT group_concat (sku || '=' || qty, ' ') FROM (SELECT p.sku, coalesce (l.qty, 0) AS qty "             \
  "FROM product p LEFT JOIN stock_level l ON l.product_id = p.id ORDER BY p.sku)"
#define LOYALTY_SQL                                                                                          \
  "SELECT group_concat (card || '=' || balance, ' ') FROM (SELECT c.card_code AS card, "                     \
  "coalesce (sum (e.points), 0) AS balance FROM customer c LEFT JOIN loyalty_entry e "                       \
  "ON e.customer_id = c.id GROUP BY c.id ORDER BY c.card_code)"
#define SALES_SQL "SELECT count(*) || ' sales, ' || coalesce (sum (total + rounding), 0) FROM sale"

/* Every till holds the same stock, balances, sales and journal. */
static void
assert_converged (Till **tills, guint n)
{
  g_autofree char *stock = store_text (tills[0]->store, STOCK_SQL);
  g_autofree char *loyalty = store_text (tills[0]->store, LOYALTY_SQL);
  g_autofree char *sales = store_text (tills[0]->store, SALES_SQL);
  gint64 events = pos_test_query_int (tills[0]->store, "SELECT count(*) FROM journal");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = store_text (tills[i]->store, STOCK_SQL);
      g_autofree char *l = store_text (tills[i]->store, LOYALTY_SQL);
      g_autofree char *c = store_text (tills[i]->store, SALES_SQL);
      g_autoptr (GError) error = NULL;

      assert_string_equal (s, stock);
      assert_string_equal (l, loyalty);
      assert_string_equal (c, sales);
      assert_int_equal (pos_test_query_int (tills[i]->store, "SELECT count(*) FROM journal"), events);
      assert_true (pos_journal_verify (tills[i]->store, NULL, &error));
      pos_assert_no_error (error);
      assert_true (pos_stock_verify (tills[i]->store, NULL, &error));
      pos_assert_no_error (error);
      assert_int_equal (pos_journal_count_unpushed (tills[i]->store), 0);
    }
}

/* Tests ---------------------------------------------------------------------- */

static int
sales_per_till (void)
{
  const char *n = g_getenv ("POS_SYNC_SALES");

  return n ? atoi (n) : 300;
}

/* Gift cards ------------------------------------------------------------------ */

/* Pays @qty × @sku at @till with voucher @code alone. */
static PosSaleResult *
pay_by_voucher (Till *till, const char *sku, int qty, const char *code, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (till->store);
  PosTender t = { POS_TENDER_VOUCHER, 0, (char *)code, 0 };

  pos_cart_set_multiplier (cart, qty * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, sku, NULL));
  t.amount = pos_cart_get_total (cart);
  return pos_checkout_commit (till->store, cart, till->cashier, &t, 1, error);
}

static PosAmount
voucher_balance (Till *till, const char *code)
{
  g_autoptr (PosVoucher) v = pos_voucher_lookup (till->store, code, NULL);

  assert_non_null (v);
  return v->balance;
}

static void
test_two_offline_tills_overdraw_a_gift_card_and_both_see_it (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  Till *tills[] = { t1, t2 };
  g_autoptr (PosCart) cart = pos_cart_new (t1->store);
  g_autoptr (PosSaleResult) sold = NULL, at_t1 = NULL, at_t2 = NULL, refused = NULL, after = NULL;
  g_autoptr (GError) error = NULL;
  PosVoucherSale card = { "GIFT-77", POS_VOUCHER_MPV, 5000, NULL, NULL };
  PosTender cash = { POS_TENDER_CASH, 5000, NULL, 0 };

  set_up_catalog (t1);
  assert_true (pos_voucher_add_to_cart (cart, &card, NULL, &error));
  sold = pos_checkout_commit (t1->store, cart, t1->cashier, &cash, 1, &error);
  pos_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      assert_true (pos_store_set_setting (tills[i]->store, POS_VOUCHER_OFFLINE_LIMIT_SETTING, "4000", NULL));
      sync_ok (tills[i], NULL);
    }
  assert_int_equal (voucher_balance (t2, "GIFT-77"), 5000);

  /* Both offline: each takes 34.90 from the 50.00 it knows of. */
  at_t1 = pay_by_voucher (t1, "TEA", 10, "GIFT-77", &error);
  pos_assert_no_error (error);
  at_t2 = pay_by_voucher (t2, "TEA", 10, "GIFT-77", &error);
  pos_assert_no_error (error);
  /* T1 has 15.10 left to see, but may not hold more than 40.00 unsynced. */
  refused = pay_by_voucher (t1, "BREAD", 3, "GIFT-77", &error);
  assert_null (refused);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  g_clear_error (&error);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 2; i++)
      sync_ok (tills[i], NULL);

  /* Neither redemption is lost or doubled; the overdraw is the same on
   * both tills and names both receipts. */
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type = 'voucher.redeemed'"), 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GPtrArray) overdraws = pos_voucher_overdraws (tills[i]->store, &error);
      PosVoucherOverdraw *o;
      g_autofree char *receipts = NULL;

      pos_assert_no_error (error);
      assert_int_equal (voucher_balance (tills[i], "GIFT-77"), 5000 - 2 * 3490);
      assert_int_equal (overdraws->len, 1);
      o = g_ptr_array_index (overdraws, 0);
      assert_string_equal (o->code, "GIFT-77");
      assert_int_equal (o->balance, -1980);
      assert_int_equal (o->redemptions->len, 2);
      receipts
          = g_strdup_printf ("%s %s", ((PosVoucherMove *)g_ptr_array_index (o->redemptions, 0))->receipt_no,
                             ((PosVoucherMove *)g_ptr_array_index (o->redemptions, 1))->receipt_no);
      pos_assert_contains (receipts, at_t1->receipt_no);
      pos_assert_contains (receipts, at_t2->receipt_no);
    }
  /* The overdrawn card pays nothing more, on either till. */
  after = pay_by_voucher (t2, "MILK", 1, "GIFT-77", &error);
  assert_null (after);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
}

/* Customer accounts ------------------------------------------------------------ */

/* Charges @qty × @sku at @till to the account of card LC-1. */
static PosSaleResult *
sell_on_account (Till *till, const char *sku, int qty, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (till->store);
  PosTender t = { POS_TENDER_ACCOUNT, 0, NULL, 0 };

  pos_cart_set_multiplier (cart, qty * POS_QTY_ONE);
  assert_true (pos_cart_add_code (cart, sku, NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", NULL));
  t.amount = pos_cart_get_total (cart);
  return pos_checkout_commit (till->store, cart, till->cashier, &t, 1, error);
}

static void
test_two_offline_tills_charge_an_account_over_its_limit_and_the_owner_is_told (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  Till *tills[] = { t1, t2 };
  g_autoptr (PosSaleResult) at_t1 = NULL, at_t2 = NULL, after = NULL;
  g_autoptr (PosCustomer) ada = NULL;
  g_autoptr (GError) error = NULL;

  set_up_catalog (t1);
  ada = pos_customer_find (t1->store, "LC-1", NULL);
  assert_true (pos_account_set_limit (t1->store, t1->owner, NULL, ada->id, 1000, &error));
  pos_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    sync_ok (tills[i], NULL);

  /* Both offline: each charges 6.98 against the 10.00 limit it knows of. */
  at_t1 = sell_on_account (t1, "TEA", 2, &error);
  pos_assert_no_error (error);
  at_t2 = sell_on_account (t2, "TEA", 2, &error);
  pos_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 2; i++)
      sync_ok (tills[i], NULL);

  /* Neither charge is lost or doubled: 13.96 owed everywhere, 3.96 over the
   * limit; each till was told of the other's charge by a sync alarm. */
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type = 'account.moved'"), 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PosCustomer) c = pos_customer_find (tills[i]->store, "LC-1", NULL);
      g_autoptr (PosAccount) a = pos_account_get (tills[i]->store, c->id, &error);
      g_autoptr (GPtrArray) overdrawn = pos_account_overdrawn (tills[i]->store, &error);
      g_autoptr (GPtrArray) alarms = pos_sync_alarms_after (tills[i]->store, 0, &error);
      PosAccountOverdrawn *o;
      PosSyncAlarm *alarm = NULL;
      g_autofree char *receipts = NULL;

      pos_assert_no_error (error);
      assert_int_equal (a->balance, 1396);
      assert_int_equal (a->credit_limit, 1000);
      assert_int_equal (overdrawn->len, 1);
      o = g_ptr_array_index (overdrawn, 0);
      assert_int_equal (o->charges->len, 2);
      receipts = g_strdup_printf ("%s %s", ((PosAccountMove *)g_ptr_array_index (o->charges, 0))->receipt_no,
                                  ((PosAccountMove *)g_ptr_array_index (o->charges, 1))->receipt_no);
      pos_assert_contains (receipts, at_t1->receipt_no);
      pos_assert_contains (receipts, at_t2->receipt_no);
      for (guint j = 0; j < alarms->len; j++)
        if (g_str_has_prefix (((PosSyncAlarm *)g_ptr_array_index (alarms, j))->subject, "account:"))
          alarm = g_ptr_array_index (alarms, j);
      assert_non_null (alarm);
      pos_assert_contains (alarm->message, "Ada");
      pos_assert_contains (alarm->message, i == 0 ? at_t2->receipt_no : at_t1->receipt_no);
    }
  /* The account takes no more on either till without a supervisor. */
  after = sell_on_account (t2, "MILK", 1, &error);
  assert_null (after);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_PERMISSION));
}

/* Layaways ------------------------------------------------------------------- */

static PosLayaway *
lay_away_last (Till *till, const char *name, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (till->store);
  PosLayawayOpening o = { name, POS_TENDER_CASH, 200, NULL };

  assert_true (pos_cart_add_code (cart, "LAST", NULL));
  return pos_layaway_open (till->store, cart, till->cashier, &o, error);
}

static void
test_a_layaway_opened_on_one_till_is_paid_and_collected_on_another (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  Till *tills[] = { t1, t2 };
  g_autoptr (PosLayaway) opened = NULL, refused = NULL;
  g_autoptr (PosSaleResult) sale = NULL;
  g_autoptr (GError) error = NULL;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  /* T1 holds the one LAST (9.99) for Ada with 2.00 down */
  opened = lay_away_last (t1, "Ada", &error);
  pos_assert_no_error (error);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type LIKE 'layaway.%'"), 2);

  /* T2 knows it is held, takes the rest, and T1 hands the goods over */
  assert_int_equal (pos_layaway_reserved (t2->store, product_id (t2, "LAST")), POS_QTY_ONE);
  refused = lay_away_last (t2, "Bob", &error);
  assert_null (refused);
  assert_true (g_error_matches (error, POS_ERROR, POS_ERROR_STATE));
  g_clear_error (&error);
  assert_true (pos_layaway_pay (t2->store, t2->cashier, opened->number, POS_TENDER_CASH, 799, NULL, &error));
  pos_assert_no_error (error);
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);
  sale = pos_layaway_collect (t1->store, t1->cashier, opened->number, &error);
  pos_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 2; i++)
      sync_ok (tills[i], NULL);

  assert_converged (tills, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PosLayaway) l = pos_layaway_get (tills[i]->store, opened->number, &error);

      pos_assert_no_error (error);
      assert_int_equal (l->state, POS_LAYAWAY_COLLECTED);
      assert_int_equal (l->paid, 999);
      assert_string_equal (l->receipt_no, sale->receipt_no);
      assert_int_equal (pos_layaway_reserved (tills[i]->store, product_id (tills[i], "LAST")), 0);
      assert_int_equal (pos_stock_level (tills[i]->store, product_id (tills[i], "LAST")), 0);
    }
}

/* Points paid towards a customer's layaway on one till leave the
 * customer's points on every till. */
static void
test_points_paid_towards_a_layaway_leave_every_till (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  Till *tills[] = { t1, t2 };
  g_autoptr (PosCart) cart = NULL;
  g_autoptr (PosLayaway) opened = NULL;
  g_autoptr (GError) error = NULL;
  PosLayawayOpening o = { "Ada", POS_TENDER_CASH, 200, NULL };
  PosTender points = { .method = POS_TENDER_POINTS, .points = 60 };

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  cart = pos_cart_new (t1->store);
  assert_true (pos_cart_add_code (cart, "LAST", NULL));
  assert_true (pos_cart_set_customer (cart, "LC-1", &error));
  opened = pos_layaway_open (t1->store, cart, t1->cashier, &o, &error);
  pos_assert_no_error (error);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  assert_true (pos_layaway_pay_tender (t2->store, t2->cashier, opened->number, &points, &error));
  pos_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 2; i++)
      sync_ok (tills[i], NULL);

  assert_converged (tills, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PosCustomer) c = pos_customer_find (tills[i]->store, "LC-1", NULL);
      g_autoptr (PosLayaway) l = pos_layaway_get (tills[i]->store, opened->number, &error);

      pos_assert_no_error (error);
      assert_int_equal (l->paid, 260);
      assert_int_equal (pos_loyalty_balance (tills[i]->store, c->id), 40);
    }
}

static void
test_three_tills_selling_offline_converge (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (Till) t3 = till_new (hub, "T3");
  Till *tills[] = { t1, t2, t3 };
  int n = sales_per_till ();
  gint64 own_totals = 0, own_events = 0;
  gint64 t0 = g_get_monotonic_time ();

  set_up_catalog (t1);
  for (guint i = 0; i < 3; i++)
    sync_ok (tills[i], NULL);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM product"), 4);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT qty FROM stock_level l JOIN product p ON "
                                                   "p.id = l.product_id WHERE p.sku = 'LAST'"),
                    POS_QTY_ONE);

  /* Offline: every till sells, each sells the one LAST unit, two redeem
   * the same 80 points the customer had. */
  for (guint i = 0; i < 3; i++)
    {
      sell_many (tills[i], n);
      sell (tills[i], "LAST", FALSE, 0);
    }
  sell (t2, "BREAD", TRUE, 80);
  sell (t3, "BREAD", TRUE, 80);
  fprintf (stderr, "# %d sales per till in %.1f s\n", n + 1, (g_get_monotonic_time () - t0) / 1e6);

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 3; i++)
      sync_ok (tills[i], NULL);
  fprintf (stderr, "# until synced twice: %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);

  assert_converged (tills, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *own = g_strdup_printf ("SELECT coalesce (sum (total + rounding), 0) FROM sale "
                                              "WHERE till_id = '%s'",
                                              tills[i]->till_id);
      g_autofree char *events
          = g_strdup_printf ("SELECT count(*) FROM journal WHERE till_id = '%s'", tills[i]->till_id);
      own_totals += pos_test_query_int (tills[i]->store, own);
      own_events += pos_test_query_int (tills[i]->store, events);
    }
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale"), 3 * (n + 1) + 2);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type = 'sale'"),
                    3 * (n + 1) + 2);
  assert_int_equal (pos_test_hub_int (hub, "SELECT sum (total) FROM sales_by_day"), own_totals);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), own_events);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(DISTINCT (till_id, till_seq)) FROM event"),
                    own_events);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM journal"), own_events);
  /* The last unit was sold three times: stock is -2 everywhere, flagged. */
  assert_int_equal (pos_stock_level (t3->store, product_id (t3, "LAST")), -2 * POS_QTY_ONE);
  assert_int_equal (pos_test_hub_int (hub, "SELECT qty FROM stock_by_product WHERE sku = 'LAST'"),
                    -2 * POS_QTY_ONE);
  assert_int_equal (pos_test_hub_int (hub, "SELECT qty FROM stock_by_product WHERE sku = 'TEA'"),
                    pos_stock_level (t1->store, product_id (t1, "TEA")));
  /* Both redemptions happened: the balance went below 0 the same everywhere. */
  {
    g_autoptr (PosCustomer) c = pos_customer_find (t2->store, "LC-1", NULL);
    gint64 balance = pos_loyalty_balance (t2->store, c->id);
    gint64 earned
        = pos_test_query_int (t2->store, "SELECT sum (points) FROM loyalty_entry WHERE reason = 'earn'");

    assert_int_equal (balance, 100 - 160 + earned);
  }
}

static void
test_push_again_after_a_lost_answer_doubles_nothing (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  PosSyncStats stats = { 0 };
  gint64 events;

  set_up_catalog (t1);
  sell_many (t1, 20);
  sync_ok (t1, &stats);
  events = pos_test_hub_int (hub, "SELECT count(*) FROM event");
  assert_int_equal (events, pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
  /* The hub committed but the till never heard: nothing is marked pushed. */
  pos_test_push_again (t1->store);
  sync_ok (t1, &stats);
  assert_int_equal (stats.pushed, events);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), events);
  assert_int_equal (pos_test_hub_int (hub, "SELECT max (server_seq) FROM event"), events);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
  /* The marks went in without a flush of their own; what the store
   * commits next, a sale, flushes again. */
  assert_int_equal (pos_test_query_int (t1->store, "PRAGMA synchronous"), 2); /* FULL */
}

/* The answer to a push was lost, and the till sold on: pushed again in
 * batches of ten, the held events are compared, the new ones go in after
 * them, each once and in chain order. */
static void
test_push_in_batches_after_a_lost_answer_adds_only_the_new (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  PosSyncOptions tens = { 10, FALSE };
  PosSyncStats stats = { 0 };
  gint64 held, mine;

  set_up_catalog (t1);
  sell_many (t1, 20);
  sync_ok (t1, NULL);
  held = pos_test_hub_int (hub, "SELECT count(*) FROM event");
  pos_test_push_again (t1->store);
  sell_many (t1, 15);
  mine = pos_test_query_int (t1->store, "SELECT count(*) FROM journal");
  assert_true (mine > held + 10);

  assert_true (pos_sync_run (t1->store, t1->conninfo, &tens, &stats, &error));
  pos_assert_no_error (error);
  assert_int_equal (stats.pushed, mine);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), mine);
  assert_int_equal (pos_test_hub_int (hub,
                                      "SELECT count(*) FROM event WHERE till_seq <> "
                                      "(SELECT count(*) FROM event f WHERE f.till_seq <= event.till_seq)"),
                    0);
  sync_ok (t2, NULL);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sale"), 35);
  assert_true (pos_journal_verify (t2->store, NULL, &error));
  pos_assert_no_error (error);
}

/* The store's read of the outbox, prepared once and kept, and how many
 * times it had run when a fault was set on it. */
typedef struct
{
  sqlite3 *db;
  int runs_before;
} OutboxFault;

static sqlite3_stmt *
outbox_read (sqlite3 *db)
{
  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    if (strstr (sqlite3_sql (s), "FROM journal_outbox CROSS JOIN journal") != NULL)
      return s;
  return NULL;
}

static int
outbox_runs (sqlite3 *db)
{
  sqlite3_stmt *read = outbox_read (db);

  return read != NULL ? sqlite3_stmt_status (read, SQLITE_STMTSTATUS_RUN, FALSE) : 0;
}

/* Progress handler: interrupts the second read of the outbox since the
 * fault was set, the read of a push's next batch. */
static int
interrupt_second_outbox_read (void *data)
{
  OutboxFault *fault = data;
  sqlite3_stmt *read = outbox_read (fault->db);

  return read != NULL && sqlite3_stmt_busy (read) && outbox_runs (fault->db) >= fault->runs_before + 2;
}

/* The store fails to read a push's next batch while the batch before it is
 * on its way: that batch still goes in and is marked pushed, the push
 * stops with the store's error, and the next sync pushes the rest once. */
static void
test_push_stops_when_the_next_batch_cannot_be_read (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  PosSyncOptions tens = { 10, FALSE };
  OutboxFault fault = { pos_store_db (t1->store), 0 };
  gint64 mine;

  set_up_catalog (t1);
  sell_many (t1, 20);
  mine = pos_test_query_int (t1->store, "SELECT count(*) FROM journal");
  fault.runs_before = outbox_runs (fault.db);
  sqlite3_progress_handler (fault.db, 10, interrupt_second_outbox_read, &fault);
  assert_false (pos_sync_run (t1->store, t1->conninfo, &tens, NULL, &error));
  sqlite3_progress_handler (fault.db, 0, NULL, NULL);
  assert_non_null (error);
  pos_assert_contains (error->message, "interrupt");
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), 10);
  assert_int_equal (pos_journal_count_unpushed (t1->store), mine - 10);

  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), mine);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
  sync_ok (t2, NULL);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sale"), 20);
}

typedef struct
{
  sqlite3 *db;
  gboolean interrupted;
} MarkFault;

/* Progress handler: interrupts the first mark of a pushed batch. */
static int
interrupt_first_mark (void *data)
{
  MarkFault *fault = data;

  for (sqlite3_stmt *s = sqlite3_next_stmt (fault->db, NULL); s != NULL && !fault->interrupted;
       s = sqlite3_next_stmt (fault->db, s))
    if (sqlite3_stmt_busy (s) && strstr (sqlite3_sql (s), "DELETE FROM journal_outbox") != NULL)
      fault->interrupted = TRUE;
  return fault->interrupted;
}

/* The store fails to mark a batch pushed while the next one is on its way:
 * the push stops with the store's error, and the next sync pushes both
 * again, which the hub, holding them, compares: every event goes in once,
 * in chain order. */
static void
test_push_stops_when_a_batch_cannot_be_marked (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  PosSyncOptions tens = { 10, FALSE };
  MarkFault fault = { pos_store_db (t1->store), FALSE };
  gint64 mine;

  set_up_catalog (t1);
  sell_many (t1, 20);
  mine = pos_test_query_int (t1->store, "SELECT count(*) FROM journal");
  sqlite3_progress_handler (fault.db, 1, interrupt_first_mark, &fault);
  assert_false (pos_sync_run (t1->store, t1->conninfo, &tens, NULL, &error));
  sqlite3_progress_handler (fault.db, 0, NULL, NULL);
  assert_non_null (error);
  pos_assert_contains (error->message, "interrupt");
  assert_int_equal (pos_journal_count_unpushed (t1->store), mine);
  /* The batch on its way went in as its session ended. */
  for (guint i = 0; i < 100 && pos_test_hub_int (hub, "SELECT count(*) FROM event") < 20; i++)
    g_usleep (G_USEC_PER_SEC / 20);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), 20);

  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), mine);
  assert_int_equal (pos_test_hub_int (hub,
                                      "SELECT count(*) FROM event WHERE till_seq <> "
                                      "(SELECT count(*) FROM event f WHERE f.till_seq <= event.till_seq)"),
                    0);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
  sync_ok (t2, NULL);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sale"), 20);
}

/* A push sends each column as one array literal: whatever a payload holds
 * reaches PostgreSQL as the till wrote it. */
static void
test_array_literals_reach_the_hub_as_written (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "arrays");
  g_autoptr (PGconn) conn = pos_hub_connect (hub->admin, NULL);
  const char *texts[] = { "",           "plain",        "{\"name\":\"Caf\u00e9 \\\"Z\\\"\"}",
                          "\\",         "\"",           "a,b}{",
                          "NULL",       "ends with \\", "\"\"\\\\",
                          "Kürbis 日本" };
  g_autoptr (GString) array = g_string_new ("{");
  const char *params[1];
  g_autoptr (PGresult) rows = NULL;

  assert_non_null (conn);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    pos_hub_array_append (array, texts[i]);
  g_string_append_c (array, '}');
  params[0] = array->str;
  rows = PQexecParams (conn,
                       "SELECT t, t IS NULL FROM unnest ($1::text[]) WITH ORDINALITY u (t, n) ORDER BY n", 1,
                       NULL, params, NULL, NULL, 0);
  assert_int_equal (PQresultStatus (rows), PGRES_TUPLES_OK);
  assert_int_equal (PQntuples (rows), G_N_ELEMENTS (texts));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      assert_string_equal (PQgetvalue (rows, (int)i, 0), texts[i]);
      assert_string_equal (PQgetvalue (rows, (int)i, 1), "f");
    }
}

/* A pull sets its connection's flush and page cache for its own time; the
 * store has its own back whether the pull went through or failed. */
static void
assert_store_settings_back (Till *till, gint64 cache_size)
{
  assert_int_equal (pos_test_query_int (till->store, "PRAGMA synchronous"), 2 /* FULL */);
  assert_int_equal (pos_test_query_int (till->store, "PRAGMA cache_size"), cache_size);
}

static void
test_connection_cut_mid_push_and_mid_pull_recovers (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PosTestProxy) proxy = pos_test_proxy_new (pg->port);
  g_autofree char *role2 = pos_hub_role_name (hub->db, "T2");
  g_autofree char *via_proxy
      = pos_test_pg_conninfo (pg, hub->db, role2, "secret-T2-pw", pos_test_proxy_port (proxy));
  g_autoptr (GError) error = NULL;
  PosSyncOptions small = { 50, FALSE };
  Till *tills[] = { t1, t2 };
  gint64 pushed_before;
  gint64 cache_size = pos_test_query_int (t2->store, "PRAGMA cache_size");

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sell_many (t1, 150);
  sell_many (t2, 150);

  /* Mid-push: cut after ~120 kB sent (a batch of 50 signed sales with
   * their row digests is about 100 kB). Batches before the cut stay pushed. */
  pos_test_proxy_cut_after (proxy, 120000, 0);
  assert_false (pos_sync_run (t2->store, via_proxy, &small, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE);
  assert_true (pos_test_proxy_was_cut (proxy));
  g_clear_error (&error);
  pushed_before = pos_test_query_int (t2->store, "SELECT count(*) FROM journal WHERE till_id = 'T2' "
                                                 "AND id NOT IN (SELECT id FROM journal_outbox)");
  assert_true (pushed_before > 0);
  assert_true (pos_journal_count_unpushed (t2->store) > 0);
  assert_true (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'") >= pushed_before);

  /* Mid-pull: T1's sales are on the hub; cut T2's pull after ~40 kB. */
  sync_ok (t1, NULL);
  pos_test_proxy_cut_after (proxy, 0, 40000);
  assert_false (pos_sync_run (t2->store, via_proxy, &small, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE);
  assert_true (pos_sync_cursor (t2->store) < pos_test_hub_int (hub, "SELECT max (server_seq) FROM event"));
  g_clear_error (&error);
  assert_store_settings_back (t2, cache_size);

  /* Back online: everything arrives once. */
  sync_ok (t2, NULL);
  assert_store_settings_back (t2, cache_size);
  sync_ok (t1, NULL);
  assert_converged (tills, 2);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
}

static void
test_hub_down_then_back (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (GError) error = NULL;

  set_up_catalog (t1);
  assert_true (pos_test_pg_stop_server (pg));
  assert_false (pos_sync_run (t1->store, t1->conninfo, NULL, NULL, &error));
  assert_true (pos_test_pg_start_server (pg));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE);
  sell_many (t1, 5); /* the till sells on */
  sync_ok (t1, NULL);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
}

/* The newest public key (hex) @store holds for @till_id. */
static char *
key_hex (PosStore *store, const char *till_id)
{
  g_autofree char *sql
      = g_strdup_printf ("SELECT lower (hex (public_key)) FROM till_key WHERE till_id = '%s' "
                         "ORDER BY id DESC LIMIT 1",
                         till_id);

  return store_text (store, sql);
}

/* One event as a till pushes it. */
static const char insert_event_sql[]
    = "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash, "
      "signature, public_key) VALUES ($1, $2, $3, $4, $5, $6, encode (sha256 (convert_to ($6, 'UTF8')), "
      "'hex'), $7, $8, $9, $10)";

/* Sends that insert without waiting for its answer. */
static void
send_insert_event (PGconn *conn, const PosJournalEvent *e, const char *signature, const char *public_key)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->till_seq);
  const char *params[] = { e->event_id, e->till_id,   seq,     e->type,   e->hlc,
                           e->payload,  e->prev_hash, e->hash, signature, public_key };

  assert_true (PQsendQueryParams (conn, insert_event_sql, 10, NULL, params, NULL, NULL, 0));
}

/* The answer to an insert sent: the hub's error message, or NULL. */
static char *
insert_event_answer (PGconn *conn)
{
  g_autoptr (PGresult) result = PQgetResult (conn);
  g_autofree char *message = NULL;
  PGresult *end;

  assert_non_null (result);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    message = g_strdup (PQresultErrorMessage (result));
  while ((end = PQgetResult (conn)) != NULL)
    PQclear (end);
  return g_steal_pointer (&message);
}

/* Inserts @e into the hub over @conn, naming @public_key as its signer;
 * the hub's error message, or NULL when it took it. */
static char *
insert_event (PGconn *conn, const PosJournalEvent *e, const char *signature, const char *public_key)
{
  send_insert_event (conn, e, signature, public_key);
  return insert_event_answer (conn);
}

/* Inserts the till's unpushed journal row @row (0-based) into the hub over @conn. */
static void
insert_raw (PGconn *conn, PosStore *store, guint row)
{
  g_autoptr (GPtrArray) events = pos_journal_read (store, 0, TRUE, 0, NULL);
  const PosJournalEvent *e = g_ptr_array_index (events, row);
  g_autofree char *signature = pos_journal_signature_hex (e);
  g_autofree char *key = key_hex (store, e->till_id);
  g_autofree char *message = insert_event (conn, e, signature ? signature : "", key);

  if (message != NULL)
    fail_msg ("raw insert failed: %s", message);
}

/* A push that got its transaction id first but its server_seq last must
 * not be skipped: pushes of different tills run side by side. */
static void
test_late_commit_with_smaller_server_seq_is_not_skipped (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (Till) t3 = till_new (hub, "T3");
  g_autoptr (PGconn) a = pos_hub_connect (hub->admin, NULL);
  g_autoptr (PGconn) b = pos_hub_connect (hub->admin, NULL);
  g_autoptr (PGconn) puller = NULL;
  PosSyncStats stats = { 0 };
  gboolean pulled_ok;
  gint64 pulled_while_open;

  set_up_catalog (t1);
  assert_true (pos_journal_ensure_key (t2->store, NULL)); /* the tills' till.key events go out first */
  assert_true (pos_journal_ensure_key (t3->store, NULL));
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sync_ok (t3, NULL);
  /* T1 takes T2's and T3's till.key and user events now, so that the
   * pulls below count the two sales only. */
  sync_ok (t1, NULL);
  sell_many (t2, 1);
  sell_many (t3, 1);
  /* B takes its transaction id first, A inserts (smaller server_seq) and
   * stays open, B inserts (larger server_seq) and commits. */
  assert_true (pos_hub_exec (b, "BEGIN; SELECT pg_current_xact_id ()", NULL));
  assert_true (pos_hub_exec (a, "BEGIN", NULL));
  insert_raw (a, t2->store, 0);
  insert_raw (b, t3->store, 0);
  assert_true (pos_hub_exec (b, "COMMIT", NULL));
  puller = pos_hub_connect (t1->conninfo, NULL);
  pulled_ok = pos_sync_pull (t1->store, puller, NULL, &stats, NULL);
  pulled_while_open = stats.pulled;
  /* A ends before anything is asserted: an open transaction holds back
   * the pulls of every later test on this server. */
  assert_true (pos_hub_exec (a, "COMMIT", NULL));
  assert_true (pulled_ok);
  assert_int_equal (pulled_while_open, 1); /* B's row: its transaction is older than A's */
  assert_true (pos_sync_pull (t1->store, puller, NULL, &stats, NULL));
  assert_int_equal (stats.pulled, 2);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale WHERE till_id = 'T2'"), 1);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale WHERE till_id = 'T3'"), 1);
}

/* Runs @sql as a till over @conn; the error message, or NULL when it worked. */
static char *
till_exec_error (PGconn *conn, const char *sql)
{
  g_autoptr (GError) error = NULL;

  if (pos_hub_exec (conn, sql, &error))
    return NULL;
  return g_strdup (error->message);
}

static void
test_forged_event_is_refused_and_other_tills_keep_syncing (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (Till) t3 = till_new (hub, "T3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PGconn) as_t2 = NULL;
  g_autofree char *message = NULL;
  gint64 t2_events;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sync_ok (t3, NULL);
  sell_many (t2, 2);
  sync_ok (t2, NULL);
  t2_events = pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'");

  /* A damaged journal at T2: a sale's total changed after it was hashed. */
  sell_many (t2, 1);
  assert_true (pos_store_exec (t2->store,
                               "DROP TRIGGER journal_no_update; UPDATE journal SET payload = "
                               "replace (payload, '\"total\":', '\"total\":1') "
                               "WHERE id IN (SELECT id FROM journal_outbox)",
                               NULL));
  assert_false (pos_sync_run (t2->store, t2->conninfo, NULL, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB);
  assert_non_null (strstr (error->message, "refused"));
  assert_non_null (strstr (error->message, "does not match its hash"));
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"), t2_events);
  assert_int_equal (pos_test_query_int (t2->store, "PRAGMA synchronous"), 2); /* FULL, after a refusal too */

  /* T2's login writing out of order or off the chain is refused too. */
  as_t2 = pos_hub_connect (t2->conninfo, NULL);
  message
      = till_exec_error (as_t2, "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, "
                                "body_hash, prev_hash, hash) VALUES (gen_random_uuid (), 'T2', 1000, 'x', "
                                "'h', '{}', encode (sha256 ('{}'), 'hex'), 'p', 'h')");
  assert_non_null (message);
  assert_non_null (strstr (message, "the hub holds till T2 up to"));
  g_free (g_steal_pointer (&message));
  message = till_exec_error (as_t2, "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, "
                                    "body_hash, prev_hash, hash) SELECT gen_random_uuid (), 'T2', "
                                    "max (till_seq) + 1, 'x', 'h', '{}', encode (sha256 ('{}'), 'hex'), "
                                    "repeat ('1', 64), 'h' FROM event WHERE till_id = 'T2'");
  assert_non_null (message);
  assert_non_null (strstr (message, "previous hash"));

  /* Meanwhile T1 sells and T3 receives it. */
  sell_many (t1, 3);
  sync_ok (t1, NULL);
  sync_ok (t3, NULL);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 3);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T2'"), 2);
}

/* A till's connection that freezes inside a push holds up nobody else,
 * and the server ends it. */
static void
test_frozen_push_blocks_no_other_till_and_is_cut (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) frozen = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *impatient = NULL;
  PosSyncStats stats = { 0 };
  gint64 started;

  set_up_catalog (t1);
  add_product (t2, "SOAP", 199, "A");
  frozen = pos_hub_connect (t1->conninfo, &error);
  pos_assert_no_error (error);
  assert_true (pos_hub_exec (frozen, "BEGIN", NULL));
  insert_raw (frozen, t1->store, 0);
  /* Without a lock wait limit of its own a blocked push would wait forever. */
  impatient = g_strconcat (t2->conninfo, " options='-c lock_timeout=8000'", NULL);
  started = g_get_monotonic_time ();
  assert_true (pos_sync_run (t2->store, impatient, NULL, &stats, &error));
  pos_assert_no_error (error);
  assert_true (g_get_monotonic_time () - started < 4 * G_USEC_PER_SEC);
  assert_int_equal (pos_journal_count_unpushed (t2->store), 0);
  /* The idle transaction is ended by the server (idle timeout 10 s). */
  g_usleep (12 * G_USEC_PER_SEC);
  assert_false (pos_hub_exec (frozen, "SELECT 1", NULL));
  sync_ok (t1, NULL);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
}

static void
test_changed_event_on_the_hub_is_an_alarm (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (GError) error = NULL;
  gint64 events;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  events = pos_test_hub_int (hub, "SELECT count(*) FROM event");
  pos_test_hub_exec (hub, "UPDATE event SET hash = repeat ('0', 64) WHERE till_seq = 2");
  assert_true (pos_store_exec (
      t1->store, "INSERT OR IGNORE INTO journal_outbox (id) SELECT id FROM journal WHERE till_seq >= 2",
      NULL));
  assert_false (pos_sync_run (t1->store, t1->conninfo, NULL, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM);
  assert_non_null (strstr (error->message, "ALARM"));
  assert_int_equal (pos_journal_count_unpushed (t1->store), events - 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), events);
}

/* The hub's owner damages one of T1's events in the middle of a page of
 * T2's pull: the events before it are kept, the cursor stays just before
 * it and the sync names it; once the hub's copy is put right, the rest
 * arrives. */
static void
test_refused_event_mid_page_keeps_the_events_before_it (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  g_autofree char *damage = NULL, *repair = NULL, *bad_id = NULL;
  PosSyncOptions pages_of_ten = { 10, FALSE };
  Till *tills[] = { t1, t2 };
  gint64 bad, before, t1_events;

  set_up_catalog (t1);
  sell_many (t1, 12);
  sync_ok (t1, NULL);
  t1_events = pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'");
  assert_true (t1_events > 20);
  /* T1's 15th event in pull order: the fifth row of T2's second page. */
  before = pos_test_hub_int (
      hub, "SELECT server_seq FROM event WHERE till_id = 'T1' ORDER BY received_tx, server_seq "
           "OFFSET 13 LIMIT 1");
  bad = pos_test_hub_int (
      hub, "SELECT server_seq FROM event WHERE till_id = 'T1' ORDER BY received_tx, server_seq "
           "OFFSET 14 LIMIT 1");
  damage = g_strdup_printf ("UPDATE event SET hlc = hlc || ':x' WHERE server_seq = %" G_GINT64_FORMAT, bad);
  pos_test_hub_exec (hub, damage);
  {
    g_autofree char *seq_sql
        = g_strdup_printf ("SELECT till_seq FROM event WHERE server_seq = %" G_GINT64_FORMAT, bad);
    g_autofree char *id_sql = g_strdup_printf (
        "SELECT event_id FROM journal WHERE till_id = 'T1' AND till_seq = %" G_GINT64_FORMAT,
        pos_test_hub_int (hub, seq_sql));
    bad_id = store_text (t1->store, id_sql);
  }

  assert_false (pos_sync_run (t2->store, t2->conninfo, &pages_of_ten, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM);
  pos_assert_contains (error->message, bad_id);
  pos_assert_contains (error->message, "does not match its hash");
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM journal WHERE till_id = 'T1'"), 14);
  assert_int_equal (pos_sync_cursor (t2->store), before);
  g_clear_error (&error);

  /* Refused again, the same way, until the hub's copy is put right. */
  assert_false (pos_sync_run (t2->store, t2->conninfo, &pages_of_ten, NULL, &error));
  pos_assert_contains (error->message, "does not match its hash");
  assert_int_equal (pos_sync_cursor (t2->store), before);
  repair
      = g_strdup_printf ("UPDATE event SET hlc = left (hlc, -2) WHERE server_seq = %" G_GINT64_FORMAT, bad);
  pos_test_hub_exec (hub, repair);
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM journal WHERE till_id = 'T1'"),
                    t1_events);
  assert_converged (tills, 2);
}

/* T1 with three sales on the hub, compared with its journal once; returns
 * the first sale's till_seq, its event id in @event_id. */
static gint64
first_sale_compared (Till *t1, char **event_id)
{
  g_autofree char *sql = NULL;
  gint64 seq;

  set_up_catalog (t1);
  sell_many (t1, 3);
  sync_ok (t1, NULL);
  sync_ok (t1, NULL); /* compared once: the change on the hub comes later */
  seq = pos_test_query_int (t1->store, "SELECT min (till_seq) FROM journal WHERE type = 'sale'");
  sql = g_strdup_printf ("SELECT event_id FROM journal WHERE till_seq = %" G_GINT64_FORMAT, seq);
  *event_id = store_text (t1->store, sql);
  return seq;
}

/* T1's next sync stops with an alarm that names @event_id as changed. */
static void
assert_sync_names_changed (Till *t1, const char *event_id)
{
  g_autoptr (GError) error = NULL;

  assert_false (pos_sync_run (t1->store, t1->conninfo, NULL, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_ALARM);
  assert_non_null (strstr (error->message, event_id));
  assert_non_null (strstr (error->message, "differs from"));
}

/* The hub's owner rewrites one of T1's sales and re-hashes it so its chain
 * link still holds: T1's next sync names that event. */
static void
test_rehashed_event_on_the_hub_is_named_by_its_till (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autofree char *event_id = NULL, *forge = NULL;
  gint64 seq = first_sale_compared (t1, &event_id);

  forge = g_strdup_printf (
      "UPDATE event SET payload = replace (payload, '\"total\":', '\"total\":1'), "
      "body_hash = encode (sha256 (convert_to (replace (payload, '\"total\":', "
      "'\"total\":1'), 'UTF8')), 'hex') WHERE till_id = 'T1' AND till_seq = %" G_GINT64_FORMAT
      "; UPDATE event SET hash = encode (sha256 (convert_to (prev_hash || "
      "hub_event_canonical (event), 'UTF8')), 'hex') WHERE till_id = 'T1' AND till_seq = %" G_GINT64_FORMAT,
      seq, seq);
  pos_test_hub_exec (hub, forge);
  assert_sync_names_changed (t1, event_id);
}

/* The hub's owner changes one of T1's sales and nothing else, so its
 * body_hash still names the payload the till sent: T1 compares the hash
 * of the payload the hub holds, and its next sync names that event. A hub
 * from before version 16 refused that UPDATE with a CHECK; its upgrade
 * drops the CHECK, which the event's hash and this comparison stand for. */
static void
test_payload_changed_alone_on_the_hub_is_named_by_its_till (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autofree char *event_id = NULL, *forge = NULL;
  gint64 seq;

  /* The CHECK as a hub of version 15 holds it, then that hub upgraded. */
  pos_test_hub_exec (hub, "ALTER TABLE event ADD CONSTRAINT event_check CHECK (body_hash = encode (sha256 "
                          "(convert_to (payload, 'UTF8')), 'hex'))");
  pos_test_hub_init (hub);
  assert_int_equal (pos_test_hub_int (hub,
                                      "SELECT count(*) FROM pg_constraint WHERE conrelid = "
                                      "'event'::regclass AND pg_get_constraintdef (oid) LIKE '%body_hash%'"),
                    0);
  seq = first_sale_compared (t1, &event_id);
  forge = g_strdup_printf ("UPDATE event SET payload = replace (payload, '\"total\":', '\"total\":1') "
                           "WHERE till_id = 'T1' AND till_seq = %" G_GINT64_FORMAT,
                           seq);
  pos_test_hub_exec (hub, forge);
  assert_sync_names_changed (t1, event_id);
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  assert_true (g_file_get_contents (from, &data, &len, NULL));
  assert_true (g_file_set_contents (to, data, len, NULL));
}

/* Closes the store, checkpointed, so its file is the whole store. */
static void
reopen (Till *till, const char *from)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (till->t->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (till->t->path, "-shm", NULL);

  pos_store_close (till->t->store);
  if (from != NULL)
    {
      copy_file (from, till->t->path);
      g_unlink (wal);
      g_unlink (shm);
    }
  till->t->store = till->store = pos_store_open (till->t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
}

static void
test_restored_backup_is_stopped_then_adopts_the_hub_chain (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autofree char *backup = g_build_filename (t1->t->dir, "backup.db", NULL);
  g_autoptr (GError) error = NULL;
  PosSyncOptions adopt = { 0, TRUE };
  PosSyncStats stats = { 0 };

  set_up_catalog (t1);
  sell_many (t1, 5);
  sync_ok (t1, NULL);
  reopen (t1, NULL);
  copy_file (t1->t->path, backup);
  sell_many (t1, 3);
  sync_ok (t1, NULL);

  /* The disk died; last night's backup comes back. */
  reopen (t1, backup);
  assert_false (pos_sync_run (t1->store, t1->conninfo, NULL, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_BEHIND);
  assert_non_null (strstr (error->message, "--adopt-hub-chain"));
  g_clear_error (&error);
  assert_true (pos_sync_run (t1->store, t1->conninfo, &adopt, &stats, &error));
  pos_assert_no_error (error);
  assert_int_equal (stats.adopted, 3);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale"), 8);
  sell (t1, "TEA", FALSE, 0);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT max (till_number) FROM sale"), 9);
  sync_ok (t1, NULL);

  /* Restored again and sold before syncing: the chain forked. */
  reopen (t1, backup);
  sell (t1, "MILK", FALSE, 0);
  assert_false (pos_sync_run (t1->store, t1->conninfo, &adopt, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_FORKED);
}

static void
test_a_till_cannot_write_as_another_or_change_events (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) as_t1 = NULL;
  g_autoptr (GError) error = NULL;

  set_up_catalog (t2);
  sync_ok (t2, NULL);
  as_t1 = pos_hub_connect (t1->conninfo, &error);
  pos_assert_no_error (error);
  /* T2's events pushed by T1's role: refused by row-level security. */
  pos_test_push_again (t2->store);
  assert_false (pos_sync_push (t2->store, as_t1, NULL, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_DENIED);
  g_clear_error (&error);
  assert_false (pos_hub_exec (as_t1, "UPDATE event SET type = 'x'", &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_DENIED);
  g_clear_error (&error);
  assert_false (pos_hub_exec (as_t1, "DELETE FROM event", &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_DENIED);
  g_clear_error (&error);
  assert_false (pos_hub_exec (as_t1, "TRUNCATE event", &error));
  g_clear_error (&error);
  assert_false (pos_hub_exec (as_t1, "UPDATE till SET role_name = current_user", &error));
  g_clear_error (&error);
  /* Nor may it forge the pull cursor's columns. */
  assert_false (
      pos_hub_exec (as_t1,
                    "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, "
                    "prev_hash, hash, received_tx) VALUES (gen_random_uuid (), 'T1', 1, 'x', 'h', '{}', "
                    "encode (sha256 ('{}'), 'hex'), 'p', 'h', '1')",
                    &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_DENIED);
  g_clear_error (&error);
  /* A wrong password is refused at the door. */
  {
    g_autofree char *role = pos_hub_role_name (hub->db, "T1");
    g_autofree char *wrong = pos_test_pg_conninfo (pg, hub->db, role, "not-the-password", 0);

    assert_null (pos_hub_connect (wrong, &error));
    pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_DENIED);
  }
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'"), 0);
}

/* What `hub add-till` prints is what the till can log in with: the role as
 * created (lower case), the hub's host and database, never the owner's
 * user or password. */
static void
test_added_till_connects_with_the_printed_conninfo (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (PGconn) admin = pos_hub_connect (hub->admin, NULL);
  g_autoptr (PGconn) as_till = NULL;
  g_autoptr (PGresult) who = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *admin_with_password = g_strconcat (hub->admin, " password='s3cret it\\'s'", NULL);
  g_autofree char *kept = NULL;

  assert_true (pos_hub_add_till (admin, "Shop_T2", "secret-T2-pw", &role, &error));
  pos_assert_no_error (error);
  conninfo = pos_hub_till_conninfo (admin_with_password, role, &error);
  pos_assert_no_error (error);
  assert_non_null (strstr (conninfo, role));
  assert_null (strstr (conninfo, "s3cret"));
  with_password = g_strconcat (conninfo, " password=secret-T2-pw", NULL);
  as_till = pos_hub_connect (with_password, &error);
  pos_assert_no_error (error);
  who = PQexec (as_till, "SELECT current_user, current_database ()");
  assert_int_equal (PQresultStatus (who), PGRES_TUPLES_OK);
  assert_string_equal (PQgetvalue (who, 0, 0), role);
  assert_string_equal (PQgetvalue (who, 0, 1), hub->db);
  kept = g_strdup_printf ("SELECT count(*) FROM till WHERE role_name = '%s'", role);
  assert_int_equal (pos_test_hub_int (hub, kept), 1);
  assert_null (pos_hub_till_conninfo ("host='unterminated", role, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB);
}

/* A product's barcodes reach the other tills: a till that joins the shop
 * can scan what head office added, and a code moved to another product
 * moves there too. */
static void
test_barcodes_reach_other_tills (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PosProduct) found = NULL;
  g_autoptr (PosProduct) moved = NULL;
  g_autoptr (GError) error = NULL;

  add_product (t1, "OIL", 840, "B");
  add_product (t1, "VINEGAR", 390, "B");
  assert_true (pos_catalog_add_barcode (t1->store, product_id (t1, "OIL"), "4006381333931", &error));
  pos_assert_no_error (error);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  found = pos_catalog_lookup (t2->store, "4006381333931", &error);
  pos_assert_no_error (error);
  assert_non_null (found);
  assert_string_equal (found->sku, "OIL");
  assert_int_equal (found->price, 840);

  assert_true (pos_store_exec (t1->store, "DELETE FROM barcode WHERE code = '4006381333931'", NULL));
  assert_true (pos_catalog_add_barcode (t1->store, product_id (t1, "VINEGAR"), "4006381333931", &error));
  pos_assert_no_error (error);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  moved = pos_catalog_lookup (t2->store, "4006381333931", &error);
  assert_non_null (moved);
  assert_string_equal (moved->sku, "VINEGAR");
}

/* Journals a test.note event of @payload on @from, syncs @from and then
 * @to, and checks that @to holds the payload byte for byte. */
static PosJournalEvent *
note_synced (Till *from, Till *to, JsonObject *payload)
{
  g_autoptr (PosJournalEvent) event = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL, *pulled = NULL;

  assert_true (pos_store_begin (from->store, NULL));
  event = pos_journal_append_object (from->store, "test.note", payload, &error);
  pos_assert_no_error (error);
  assert_non_null (event);
  assert_true (pos_store_commit (from->store, NULL));
  sync_ok (from, NULL);
  sync_ok (to, NULL);
  sql = g_strdup_printf ("SELECT payload FROM journal WHERE event_id = '%s'", event->event_id);
  pulled = store_text (to->store, sql);
  assert_string_equal (pulled, event->payload);
  return g_steal_pointer (&event);
}

/* A pull reads the hub's rows in COPY's text form, which escapes tabs,
 * newlines and backslashes: an event whose payload holds them (and text
 * beyond ASCII) reaches another till byte for byte, its chain whole. */
static void
test_pulled_payload_with_escapes_arrives_byte_for_byte (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL, *hash = NULL;

  json_object_set_string_member (payload, "note",
                                 "tab\there \"quoted\" back\\slash\nnew line \\N \x01 Straße 5 €");
  json_object_set_string_member (payload, "tail", "\\");
  event = note_synced (t1, t2, payload);
  assert_non_null (strchr (event->payload, '\\'));

  sql = g_strdup_printf ("SELECT hash FROM journal WHERE event_id = '%s'", event->event_id);
  hash = store_text (t2->store, sql);
  assert_string_equal (hash, event->hash);
  assert_true (pos_journal_verify (t2->store, NULL, &error));
  pos_assert_no_error (error);
}

/* The hub takes only payloads its views can read as jsonb. The text
 * "\u0000" with its backslash escaped is a backslash and five letters,
 * which jsonb reads; the escape itself is a NUL, which it cannot hold. */
static void
test_hub_takes_only_payloads_its_views_can_read (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (GError) error = NULL;
  const struct
  {
    const char *payload, *why;
  } refused[] = {
    { "not json", "invalid input syntax for type json" },
    { "{\"note\":1", "invalid input syntax for type json" },
    { "{\"note\":\"a\\u0000b\"}", "unsupported Unicode escape sequence" },
  };

  json_object_set_string_member (payload, "note", "C:\\u0000");
  event = note_synced (t1, t2, payload);
  pos_assert_contains (event->payload, "\\\\u0000");
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event, CAST (payload AS jsonb) body "
                                           "WHERE body ->> 'note' = 'C:\\u0000'"),
                    1);

  conn = pos_hub_connect (hub->admin, &error);
  pos_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *insert = g_strdup_printf (
          "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash) "
          "VALUES (gen_random_uuid (), 'T1', 1000, 'x', 'h', '%s', "
          "encode (sha256 (convert_to ('%s', 'UTF8')), 'hex'), 'p', 'h')",
          refused[i].payload, refused[i].payload);
      g_autofree char *message = till_exec_error (conn, insert);

      assert_non_null (message);
      pos_assert_contains (message, refused[i].why);
    }
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_seq = 1000"), 0);
}

static void
test_push_rate_against_a_bare_insert (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (GError) error = NULL;
  double push = 0, bare = 0;

  assert_true (pos_sync_bench_push_rate (hub->admin, 5000, &push, &bare, &error));
  pos_assert_no_error (error);
  fprintf (stderr, "# push %.0f events/s, bare INSERT %.0f events/s: %.0f %%\n", push, bare,
           100 * push / bare);
  assert_true (push > 0 && bare > 0);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'mainstreet_bench%'"), 0);
}

/* Figures 8 and 12 divide a push by a bare insert of the same rows: the
 * floor carries every column the push sends, the signature and the key
 * included, as the hub holds them after the push. */
static void
test_the_bare_floor_inserts_what_a_push_sends (void **state)
{
  static const char same_rows[]
      = "SELECT count(*) FROM floor_check.bare_event b JOIN floor_check.event e ON (b.event_id, b.till_id, "
        "b.till_seq, b.type, b.hlc, b.payload, b.body_hash, b.prev_hash, b.hash, b.signature, b.public_key) "
        "= (e.event_id, e.till_id, e.till_seq, e.type, e.hlc, e.payload, e.body_hash, e.prev_hash, e.hash, "
        "e.signature, e.public_key) WHERE length (b.signature) = 128 AND length (b.public_key) = 64";
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autoptr (PosStore) store = pos_sync_bench_store (path, "FLOOR", 30, NULL);
  g_autoptr (PGconn) conn = pos_hub_connect (hub->admin, NULL);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;

  assert_non_null (store);
  assert_non_null (conn);
  assert_true (
      pos_sync_bench_schema (conn, "floor_check", &error)
      && pos_hub_exec (conn, "INSERT INTO till (till_id, role_name) VALUES ('FLOOR', current_user)", &error));
  pos_assert_no_error (error);
  events = pos_journal_read (store, 0, FALSE, 0, &error);
  pos_assert_no_error (error);
  assert_true (pos_sync_push (store, conn, NULL, NULL, &error));
  assert_true (pos_sync_bench_bare_insert (conn, store, events, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM floor_check.bare_event"), events->len);
  assert_int_equal (pos_test_hub_int (hub, same_rows), events->len);
}

/* Figure 10's push after many pushed events: both pushes ran, each into a
 * scratch schema that is gone afterwards, and the store with the pushed
 * events is kept for the next run. */
static void
test_push_after_many_pushed_events (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *kept = g_build_filename (dir, "bench-pushed-20000-100.db", NULL);
  g_autoptr (GArray) after = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) fresh = g_array_new (FALSE, FALSE, sizeof (gint64));

  assert_true (pos_sync_bench_push_after (hub->admin, dir, 20000, 100, 2, after, fresh, &error));
  pos_assert_no_error (error);
  assert_int_equal (after->len, 2);
  assert_int_equal (fresh->len, 2);
  assert_true (g_array_index (after, gint64, 0) > 0 && g_array_index (fresh, gint64, 0) > 0);
  assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'mainstreet_bench%'"), 0);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

typedef gboolean (*WorkerCheck) (PosSyncWorker *worker);

static gboolean
has_synced_all (PosSyncWorker *worker)
{
  return pos_sync_worker_get_online (worker) && pos_sync_worker_get_last_sync (worker) > 0
         && pos_sync_worker_get_unsynced (worker) == 0;
}

static gboolean
is_offline (PosSyncWorker *worker)
{
  return !pos_sync_worker_get_online (worker) && pos_sync_worker_get_unsynced (worker) > 0;
}

/* Runs the main context (where the worker notifies) until @check holds. */
static gboolean
wait_for (PosSyncWorker *worker, WorkerCheck check, int seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!check (worker) && g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return check (worker);
}

static void
on_online_notified_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(int *)data)++;
}

/* The hub's session of till T1. */
static const char till_session_sql[]
    = "SELECT pid FROM pg_stat_activity WHERE usename = (SELECT role_name FROM till WHERE till_id = 'T1')";

static void
test_worker_reports_offline_and_catches_up (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PosSyncWorker) worker = pos_sync_worker_new (t1->t->path, t1->conninfo);
  g_autofree char *last_error = NULL;
  int notified = 0;
  gint64 pid, synced, end;

  set_up_catalog (t1);
  g_signal_connect (worker, "notify::online", G_CALLBACK (on_online_notified_cb), &notified);
  pos_sync_worker_set_intervals (worker, 1, 2);
  pos_sync_worker_start (worker);
  assert_true (wait_for (worker, has_synced_all, 30));
  assert_true (notified > 0);
  /* The next sync runs in the same session on the hub. */
  pid = pos_test_hub_int (hub, till_session_sql);
  synced = pos_sync_worker_get_last_sync (worker);
  sell_many (t1, 1);
  pos_sync_worker_sync_now (worker);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (pos_sync_worker_get_last_sync (worker) == synced && g_get_monotonic_time () < end)
    g_usleep (20 * 1000);
  assert_true (wait_for (worker, has_synced_all, 30));
  assert_int_equal (pos_test_hub_int (hub, till_session_sql), pid);

  assert_true (pos_test_pg_stop_server (pg));
  sell_many (t1, 3); /* the till sells while the worker fails */
  pos_sync_worker_sync_now (worker);
  assert_true (wait_for (worker, is_offline, 30));
  last_error = pos_sync_worker_dup_last_error (worker);
  assert_non_null (last_error);
  assert_true (pos_test_pg_start_server (pg));
  assert_true (wait_for (worker, has_synced_all, 30));
  pos_sync_worker_stop (worker);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
}

/* A sync of @till over *@kept, through @conninfo (NULL: the till's own). */
static void
sync_kept_ok (Till *till, const char *conninfo, PGconn **kept)
{
  g_autoptr (GError) error = NULL;

  if (!pos_sync_run_kept (till->store, conninfo ? conninfo : till->conninfo, kept, NULL, NULL, &error))
    fail_msg ("sync of %s failed: %s", till->till_id, error->message);
  assert_non_null (*kept);
}

/* A kept connection serves the next sync; one the hub closed meanwhile is
 * made again without a word; a sync that fails closes it. */
static void
test_sync_keeps_its_connection_and_replaces_a_closed_one (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PGconn) kept = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *terminate = NULL;
  int pid;

  set_up_catalog (t1);
  sync_kept_ok (t1, NULL, &kept);
  pid = PQbackendPID (kept);
  sell (t1, "BREAD", FALSE, 0);
  sync_kept_ok (t1, NULL, &kept);
  assert_int_equal (PQbackendPID (kept), pid);
  assert_int_equal (pos_test_hub_int (hub, till_session_sql), pid);

  terminate = g_strdup_printf ("SELECT pg_terminate_backend (%d)::int", pid);
  assert_int_equal (pos_test_hub_int (hub, terminate), 1);
  sell (t1, "TEA", FALSE, 0);
  sync_kept_ok (t1, NULL, &kept);
  assert_int_not_equal (PQbackendPID (kept), pid);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);

  pos_test_hub_exec (hub, "UPDATE hub_meta SET value = 'another' WHERE key = 'hub_id'");
  assert_false (pos_sync_run_kept (t1->store, t1->conninfo, &kept, NULL, NULL, &error));
  assert_true (g_error_matches (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB));
  assert_null (kept);
}

/* A network that dies while the kept connection waits says nothing: the
 * next sync finds out within the connection's connect_timeout (here 2 s),
 * not after the minute the kernel would wait, and the sync after the
 * network came back goes through. */
static void
test_kept_connection_on_a_dead_network_fails_within_the_connect_timeout (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PosTestProxy) proxy = pos_test_proxy_new (pg->port);
  g_autofree char *role = pos_hub_role_name (hub->db, "T1");
  g_autofree char *proxied
      = pos_test_pg_conninfo (pg, hub->db, role, "secret-T1-pw", pos_test_proxy_port (proxy));
  g_autofree char *via_proxy = g_strconcat (proxied, " connect_timeout=2", NULL);
  g_autoptr (PGconn) kept = NULL;
  g_autoptr (GError) error = NULL;
  gint64 started;

  set_up_catalog (t1);
  sync_kept_ok (t1, via_proxy, &kept);

  pos_test_proxy_stall (proxy, TRUE);
  sell (t1, "BREAD", FALSE, 0);
  started = g_get_monotonic_time ();
  assert_false (pos_sync_run_kept (t1->store, via_proxy, &kept, NULL, NULL, &error));
  pos_assert_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE);
  assert_null (kept);
  /* The kept connection's 2 s, then a new one's 2 s. */
  assert_true (g_get_monotonic_time () - started < 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  pos_test_proxy_stall (proxy, FALSE);
  sync_kept_ok (t1, via_proxy, &kept);
  assert_int_equal (pos_journal_count_unpushed (t1->store), 0);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
}

/* Shop settings, tax rates and users -------------------------------------------- */

/* A till set up the way `init --till ID` sets one up: its till id and the
 * one default tax rate, no users, no products. */
static Till *
joining_till_new (PosTestHub *hub, const char *till_id)
{
  Till *till = g_new0 (Till, 1);
  g_autoptr (GError) error = NULL;

  till->till_id = g_strdup (till_id);
  till->t = pos_test_store_new ();
  till->store = till->t->store;
  assert_true (pos_shop_setting_init (till->store, "till_id", till_id, &error));
  assert_true (pos_tax_rate_insert (till->store, "A", "Standard", 2000, TRUE, &error) != 0);
  pos_assert_no_error (error);
  till->conninfo = pos_test_hub_add_till (hub, till_id);
  return till;
}

static void
set_setting (Till *till, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;

  if (!pos_shop_setting_set (till->store, till->owner, key, value, &error))
    fail_msg ("%s = %s at %s: %s", key, value, till->till_id, error->message);
}

static char *
setting (Till *till, const char *key)
{
  return pos_shop_setting_get (till->store, key);
}

#define TAX_RATES_SQL                                                                                        \
  "SELECT group_concat (code || ' ' || name || ' ' || rate_bp || ' ' || active, ', ') "                      \
  "FROM (SELECT * FROM tax_rate ORDER BY code)"
#define LAST_SALE_SQL                                                                                        \
  "SELECT s.total || ' tax ' || s.tax_total || ' ' || group_concat (l.sku || ' ' || l.unit_price || ' ' "    \
  "|| l.tax_code || ' ' || l.tax_rate_bp || ' ' || l.tax_amount, ' ') FROM sale s JOIN sale_line l ON "      \
  "l.sale_id = "                                                                                             \
  "s.id WHERE s.id = (SELECT max (id) FROM sale WHERE till_id = '%s') GROUP BY s.id"

static char *
last_sale (Till *till)
{
  g_autofree char *sql = g_strdup_printf (LAST_SALE_SQL, till->till_id);

  return store_text (till->store, sql);
}

static void
sell_one (Till *till, const char *sku)
{
  g_autoptr (PosCart) cart = pos_cart_new (till->store);
  g_autoptr (PosSaleResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PosTender tender = { POS_TENDER_CASH, 10000, NULL, 0 };

  assert_true (pos_cart_add_code (cart, sku, &error));
  pos_assert_no_error (error);
  result = pos_checkout_commit (till->store, cart, till->cashier, &tender, 1, &error);
  if (result == NULL)
    fail_msg ("sale at %s failed: %s", till->till_id, error->message);
}

static void
test_joining_till_takes_the_shops_settings_tax_rates_and_users (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = joining_till_new (hub, "T2");
  g_autoptr (PosUser) pat = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *rates1 = NULL, *rates2 = NULL, *sale1 = NULL, *sale2 = NULL;
  const char *keys[] = { "tax_mode", "shift_required", "receipt_footer", "shop_name" };

  /* Head office on T1: its rates, settings, a user and the catalog. */
  assert_true (pos_shop_add_tax_rate (t1->store, t1->owner, "C", "Food", 700, &error));
  assert_true (pos_shop_edit_tax_rate (t1->store, t1->owner, "B", "Reduced", 1000, &error));
  pos_assert_no_error (error);
  set_setting (t1, "tax_mode", "exclusive");
  set_setting (t1, "shift_required", "0");
  set_setting (t1, "receipt_footer", "See you at the market");
  set_setting (t1, "shop_name", "Corner Dairy");
  set_setting (t1, "printer", "file:/dev/null");
  pat = pos_users_add_as (t1->store, t1->owner, "Pat", POS_ROLE_SUPERVISOR, "5678", &error);
  pos_assert_no_error (error);
  add_product (t1, "DAI-0001", 199, "B");
  add_product (t1, "DAI-0002", 450, "C");
  sync_ok (t1, NULL);

  sync_ok (t2, NULL);

  rates1 = store_text (t1->store, TAX_RATES_SQL);
  rates2 = store_text (t2->store, TAX_RATES_SQL);
  assert_string_equal (rates2, rates1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *v1 = setting (t1, keys[i]);
      g_autofree char *v2 = setting (t2, keys[i]);
      assert_string_equal (v2, v1);
    }
  /* The till's own settings stay its own. */
  {
    g_autofree char *till_id = setting (t2, "till_id");
    g_autofree char *printer = setting (t2, "printer");
    assert_string_equal (till_id, "T2");
    assert_string_equal (printer, "");
  }

  /* Pat signs in on T2 with the PIN set on T1, and sells there. */
  t2->cashier = pos_users_authenticate (t2->store, "pat", "5678", &error);
  pos_assert_no_error (error);
  assert_non_null (t2->cashier);
  assert_int_equal (t2->cashier->role, POS_ROLE_SUPERVISOR);
  sell_one (t1, "DAI-0001");
  sell_one (t1, "DAI-0002");
  sell_one (t2, "DAI-0001");
  sell_one (t2, "DAI-0002");
  sale1 = last_sale (t1);
  sale2 = last_sale (t2);
  assert_string_equal (sale2, sale1);
  assert_non_null (strstr (sale2, "DAI-0002 450 C 700"));
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sync_alarm"), 0);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sync_alarm"), 0);
}

/* The pepper file of a till on a machine of its own under @dir. */
static char *
machine_pepper (const char *dir, const char *machine)
{
  return g_build_filename (dir, machine, "mainstreet", "pepper", NULL);
}

static void
assert_same_file (const char *a, const char *b)
{
  g_autofree char *ca = NULL, *cb = NULL;
  gsize la = 0, lb = 0;

  assert_true (g_file_get_contents (a, &ca, &la, NULL));
  assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  assert_int_equal (la, lb);
  assert_memory_equal (ca, cb, la);
}

/* Each till on a machine of its own, with its own config directory: the
 * shop's PIN pepper reaches a joining till through the hub, so a user made
 * on T1 signs in on T2; a till that made another pepper refuses to sync. */
static void
test_users_sign_in_on_a_till_with_its_own_config_directory (void **state)
{
  g_autofree char *dir = pos_test_tmpdir_new ();
  g_autofree char *p1 = machine_pepper (dir, "t1");
  g_autofree char *p2 = machine_pepper (dir, "t2");
  g_autofree char *p3 = machine_pepper (dir, "t3");
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = NULL, t2 = NULL, t3 = NULL;
  g_autoptr (PosUser) pat = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  pos_pepper_use_path_for_tests (p1);
  t1 = till_new (hub, "T1");
  add_product (t1, "DAI-0001", 199, "A");
  pat = pos_users_add_as (t1->store, t1->owner, "Pat", POS_ROLE_SUPERVISOR, "5678", &error);
  pos_assert_no_error (error);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM shop_secret WHERE name = 'pin_pepper'"), 1);

  pos_pepper_use_path_for_tests (p2);
  t2 = joining_till_new (hub, "T2");
  assert_true (pos_store_set_setting (t2->store, "shift_required", "0", NULL));
  assert_false (g_file_test (p2, G_FILE_TEST_EXISTS));
  sync_ok (t2, NULL);
  assert_same_file (p1, p2);
  assert_int_equal (g_stat (p2, &st), 0);
  assert_int_equal (st.st_mode & 0777, 0600);
  t2->cashier = pos_users_authenticate (t2->store, "pat", "5678", &error);
  pos_assert_no_error (error);
  assert_non_null (t2->cashier);
  pos_pepper_use_path_for_tests (p2); /* read back from the file, not memory */
  g_clear_pointer (&t2->cashier, pos_user_free);
  t2->cashier = pos_users_authenticate (t2->store, "pat", "5678", &error);
  pos_assert_no_error (error);
  assert_non_null (t2->cashier);
  sell_one (t2, "DAI-0001");
  sync_ok (t2, NULL);

  /* Set up on its own first: its PINs were hashed with another pepper. */
  pos_pepper_use_path_for_tests (p3);
  t3 = till_new (hub, "T3");
  assert_false (pos_sync_run (t3->store, t3->conninfo, NULL, NULL, &error));
  assert_non_null (error);
  assert_int_equal (error->code, POS_SYNC_ERROR_ALARM);
  pos_assert_contains (error->message, "PIN key");
  pos_assert_contains (error->message, p3);
  pos_assert_contains (error->message, "is not the shop's");
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T3'"), 0);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM shop_secret"), 1);
  pos_test_tmpdir_free (g_steal_pointer (&dir));
}

/* The other tests' tills share this process's config directory again. */
static int
forget_pepper_path (void **state)
{
  pos_pepper_use_path_for_tests (NULL);
  return 0;
}

static void
assert_one_alarm (Till *till, const char *subject, const char *local, const char *remote, const char *kept)
{
  g_autoptr (GPtrArray) alarms = pos_sync_alarms_after (till->store, 0, NULL);
  const PosSyncAlarm *a;

  assert_non_null (alarms);
  for (guint i = 0; i < alarms->len; i++)
    {
      a = g_ptr_array_index (alarms, i);
      if (!g_str_equal (a->subject, subject))
        continue;
      assert_string_equal (a->local_value, local);
      assert_string_equal (a->remote_value, remote);
      assert_string_equal (a->kept, kept);
      return;
    }
  fail_msg ("no alarm about %s at %s", subject, till->till_id);
}

/* `mainstreet-admin --json sync` on @till's store: its stdout parsed, its
 * stderr in @err. */
static JsonObject *
admin_sync (Till *till, char **err)
{
  const char *admin = g_getenv ("MAINSTREET_ADMIN");
  const char *argv[] = { admin, "--store", till->t->path, "--json", "sync", "--hub", till->conninfo, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  int status = 0;

  assert_non_null (admin);
  assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, err, &status, &error));
  pos_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    fail_msg ("sync of %s failed: %s", till->till_id, *err);
  node = json_from_string (out, &error);
  pos_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
test_conflicting_changes_are_an_alarm_and_the_later_one_wins (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  g_autofree char *footer1 = NULL, *footer2 = NULL, *rates1 = NULL, *rates2 = NULL, *err = NULL;
  g_autoptr (JsonObject) report = NULL;

  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);

  /* Both tills change the same setting and tax rate before they sync; T2 later. */
  set_setting (t1, "receipt_footer", "From T1");
  assert_true (pos_shop_edit_tax_rate (t1->store, t1->owner, "B", "Reduced", 600, &error));
  g_usleep (5000);
  set_setting (t2, "receipt_footer", "From T2");
  assert_true (pos_shop_edit_tax_rate (t2->store, t2->owner, "B", "Reduced", 800, &error));
  pos_assert_no_error (error);

  sync_ok (t2, NULL);
  /* T1 pulls T2's later changes over its own, and says so. */
  report = admin_sync (t1, &err);
  assert_int_equal (json_array_get_length (json_object_get_array_member (report, "alarms")), 2);
  assert_non_null (strstr (err, "ALARM: Setting receipt_footer was changed on this till to “From T1” and on "
                                "till T2 to “From T2”"));
  assert_non_null (strstr (err, "ALARM: Tax rate B"));
  sync_ok (t2, NULL); /* pulls T1's older ones, which T2 had not changed since */

  footer1 = setting (t1, "receipt_footer");
  footer2 = setting (t2, "receipt_footer");
  assert_string_equal (footer1, "From T2");
  assert_string_equal (footer2, "From T2");
  rates1 = store_text (t1->store, TAX_RATES_SQL);
  rates2 = store_text (t2->store, TAX_RATES_SQL);
  assert_string_equal (rates1, rates2);
  assert_non_null (strstr (rates1, "B Reduced 800 1"));
  assert_one_alarm (t1, "setting:receipt_footer", "From T1", "From T2", "remote");
  assert_one_alarm (t1, "tax_rate:B", "Reduced 6.00 %", "Reduced 8.00 %", "remote");
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sync_alarm"), 2);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sync_alarm"), 0);
}

/* Lists that are missing or hold something else are refused, with an error
 * naming the event, never a GLib critical (fatal here). */
static void
test_events_with_malformed_lists_are_refused (void **state)
{
  static const struct
  {
    const char *type, *payload;
  } cases[] = {
    { "stock.receive", "{\"reference\":\"DN-9\"}" },
    { "stock.count", "{\"items\":7}" },
    { "stock.receive", "{\"items\":[3]}" },
    { "sale", "{\"created_at\":\"2026-11-19T10:00:00Z\",\"business_day\":\"2026-11-19\",\"receipt_no\":"
              "\"T2-1\",\"till_number\":1,\"taxes\":[],\"payments\":[]}" },
    { "sale", "{\"created_at\":\"2026-11-19T10:00:00Z\",\"business_day\":\"2026-11-19\",\"receipt_no\":"
              "\"T2-1\",\"till_number\":1,\"lines\":[],\"payments\":[]}" },
    { "sale", "{\"created_at\":\"2026-11-19T10:00:00Z\",\"business_day\":\"2026-11-19\",\"receipt_no\":"
              "\"T2-1\",\"till_number\":1,\"lines\":[],\"taxes\":[],\"payments\":{}}" },
  };
  g_autoptr (PosTestStore) t = pos_test_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      PosJournalEvent event = {
        .event_id = (char *)"01900000-0000-7000-8000-000000000001",
        .till_id = (char *)"T2",
        .till_seq = i + 1,
        .hlc = (char *)"000001764321000123:00002:T2",
        .type = (char *)cases[i].type,
        .payload = (char *)cases[i].payload,
        .prev_hash = (char *)POS_JOURNAL_GENESIS_HASH,
      };

      assert_true (pos_store_begin (t->store, NULL));
      assert_false (pos_sync_apply_event (t->store, &event, &error));
      pos_store_rollback (t->store);
      assert_non_null (error);
      assert_true (g_error_matches (error, POS_SYNC_ERROR, POS_SYNC_ERROR_APPLY));
      assert_non_null (strstr (error->message, cases[i].type));
    }
}

/* Another till's edit of a product goes through the catalog's checks: a
 * name over the limit is refused, as it is for a product added here. */
static void
test_synced_product_edit_is_held_to_the_name_limit (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *fits = NULL, *too_long = NULL;
  PosJournalEvent event = {
    .event_id = (char *)"01900000-0000-7000-8000-000000000001",
    .till_id = (char *)"T2",
    .till_seq = 1,
    .hlc = (char *)"000001764321000123:00002:T2",
    .type = (char *)"product.saved",
    .prev_hash = (char *)POS_JOURNAL_GENESIS_HASH,
  };

  assert_true (pos_tax_rate_insert (t->store, "A", "Standard", 2000, FALSE, &error) != 0);
  for (int i = 0; i < POS_PRODUCT_NAME_MAX; i++)
    g_string_append (name, "é");
  fits = g_strdup_printf ("{\"sku\":\"TEA-1\",\"name\":\"%s\",\"unit\":\"each\",\"price\":250,"
                          "\"tax_code\":\"A\"}",
                          name->str);
  g_string_append (name, "é");
  too_long = g_strdup_printf ("{\"sku\":\"TEA-1\",\"name\":\"%s\",\"unit\":\"each\",\"price\":300,"
                              "\"tax_code\":\"A\"}",
                              name->str);

  event.payload = fits;
  assert_true (pos_store_begin (t->store, NULL));
  assert_true (pos_sync_apply_event (t->store, &event, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (t->store, NULL));

  event.payload = too_long;
  event.till_seq = 2;
  event.hlc = (char *)"000001764321000124:00002:T2";
  assert_true (pos_store_begin (t->store, NULL));
  assert_false (pos_sync_apply_event (t->store, &event, &error));
  pos_store_rollback (t->store);
  assert_true (g_error_matches (error, POS_SYNC_ERROR, POS_SYNC_ERROR_APPLY));
  pos_assert_contains (error->message, "more than the 120 allowed");
  assert_int_equal (pos_test_query_int (t->store, "SELECT price FROM product WHERE sku = 'TEA-1'"), 250);
}

/* A signature of @hash by a key pair made here, not by any till (hex). */
static char *
stranger_signature (const char *hash, char *public_hex)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  char *hex = g_malloc (2 * sizeof sig + 1);

  assert_true (sodium_init () >= 0);
  crypto_sign_keypair (pk, sk);
  crypto_sign_detached (sig, NULL, (const guint8 *)hash, strlen (hash), sk);
  sodium_bin2hex (hex, 2 * sizeof sig + 1, sig, sizeof sig);
  if (public_hex != NULL)
    sodium_bin2hex (public_hex, 2 * sizeof pk + 1, pk, sizeof pk);
  return hex;
}

/* The hub cannot check Ed25519, so a hub administrator can slip in an
 * event with a right chain and hash but a signature not made by its till.
 * Every pulling till checks it against the till's key on the hub: it
 * names the event in an alarm, holds back that till's events and keeps
 * taking the others'. */
static void
test_forged_signature_on_the_hub_is_named_and_other_tills_flow (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (Till) t3 = till_new (hub, "T3");
  g_autoptr (PGconn) admin = pos_hub_connect (hub->admin, NULL);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) alarms = NULL;
  g_autofree char *forged = NULL, *key = NULL, *message = NULL;
  const PosJournalEvent *e;
  const PosSyncAlarm *a;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sync_ok (t3, NULL);
  /* A sale of T2, chained and hashed right, signed by someone else. */
  sell_many (t2, 1);
  events = pos_journal_read (t2->store, 0, TRUE, 0, NULL);
  e = g_ptr_array_index (events, events->len - 1);
  assert_string_equal (e->type, "sale");
  forged = stranger_signature (e->hash, NULL);
  key = key_hex (t2->store, "T2");
  message = insert_event (admin, e, forged, key);
  if (message != NULL)
    fail_msg ("the hub cannot check signatures, so it takes this one: %s", message);
  sell_many (t1, 2);
  sync_ok (t1, NULL);

  sync_ok (t3, NULL);
  alarms = pos_sync_alarms_after (t3->store, 0, NULL);
  assert_non_null (alarms);
  assert_int_equal (alarms->len, 1);
  a = g_ptr_array_index (alarms, 0);
  assert_string_equal (a->subject, "signature:T2");
  assert_string_equal (a->event_id, e->event_id);
  pos_assert_contains (a->message, e->event_id);
  pos_assert_contains (a->message, "signature does not verify with the key of till T2");
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T2'"), 0);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 2);

  /* Next time the event is refused again, with no second alarm, and T1's
   * new sales still arrive. */
  sell_many (t1, 1);
  sync_ok (t1, NULL);
  sync_ok (t3, NULL);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sync_alarm"), 1);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 3);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T2'"), 0);
}

/* The hub's owner rewrites @till_id's sale #@seq (its total) and
 * re-hashes the till's chain from there, so every link holds again but no
 * signature from there on verifies. */
static void
rewrite_sale_on_hub (PosTestHub *hub, const char *till_id, gint64 seq)
{
  g_autofree char *sql = g_strdup_printf (
      "DO $$ DECLARE s bigint; BEGIN "
      "UPDATE event SET payload = replace (payload, '\"total\":', '\"total\":1') "
      "WHERE till_id = '%s' AND till_seq = %" G_GINT64_FORMAT "; "
      "FOR s IN SELECT till_seq FROM event WHERE till_id = '%s' AND till_seq >= %" G_GINT64_FORMAT
      " ORDER BY till_seq LOOP "
      "UPDATE event SET prev_hash = (SELECT p.hash FROM event p WHERE p.till_id = '%s' AND p.till_seq = s - "
      "1) "
      "WHERE till_id = '%s' AND till_seq = s AND s > 1; "
      "UPDATE event SET hash = encode (sha256 (convert_to (prev_hash || hub_event_canonical (event), "
      "'UTF8')), 'hex') WHERE till_id = '%s' AND till_seq = s; "
      "END LOOP; END $$",
      till_id, seq, till_id, seq, till_id, till_id, till_id);

  pos_test_hub_exec (hub, sql);
}

/* The id of @till_id's event #@seq in @store. */
static char *
event_id_at (PosStore *store, const char *till_id, gint64 seq)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT event_id FROM journal WHERE till_id = '%s' AND till_seq = %" G_GINT64_FORMAT, till_id, seq);

  return store_text (store, sql);
}

/* @store holds no alarm when @event_id is NULL, else exactly one, about
 * that event, its message containing @text. */
static void
assert_alarms (PosStore *store, const char *event_id, const char *text)
{
  g_autoptr (GPtrArray) alarms = pos_sync_alarms_after (store, 0, NULL);
  const PosSyncAlarm *a;

  assert_non_null (alarms);
  assert_int_equal (alarms->len, event_id != NULL);
  if (event_id == NULL)
    return;
  a = g_ptr_array_index (alarms, 0);
  assert_string_equal (a->event_id, event_id);
  pos_assert_contains (a->message, text);
}

/* The hub's owner changes the signature of one of T1's sales and nothing
 * else. A joining till takes the sale: each hash covers the one before,
 * so T1's later signature proves its content, and its verify counts it as
 * proven so. T1's next sync names the change. */
static void
test_signature_changed_alone_on_the_hub_is_proven_by_a_later_one (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  g_autofree char *event_id = NULL, *hash_sql = NULL, *hash = NULL, *forged = NULL, *forge = NULL;
  PosJournalCheck check = { 0 };
  PosSyncStats stats = { 0 };
  gint64 seq = first_sale_compared (t1, &event_id);

  hash_sql
      = g_strdup_printf ("SELECT hash FROM event WHERE till_id = 'T1' AND till_seq = %" G_GINT64_FORMAT, seq);
  hash = pos_test_hub_text (hub, hash_sql);
  forged = stranger_signature (hash, NULL);
  forge = g_strdup_printf (
      "UPDATE event SET signature = '%s' WHERE till_id = 'T1' AND till_seq = %" G_GINT64_FORMAT, forged, seq);
  pos_test_hub_exec (hub, forge);

  sync_ok (t2, &stats);
  assert_alarms (t2->store, NULL, NULL);
  assert_int_equal (stats.pulled, pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'"));
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 3);
  assert_true (pos_journal_verify_signed (t2->store, &check, &error));
  pos_assert_no_error (error);
  assert_int_equal (check.proven_later, 1);

  assert_sync_names_changed (t1, event_id);
}

/* The hub's owner rewrites T1's first sale and re-hashes T1's chain from
 * there, so every link holds but no signature after it verifies. A
 * joining till's pull proves T1's events by the newest signature, which
 * fails: it takes them again checking each, keeps the events before the
 * rewritten sale and names that sale, counting no event twice. */
static void
test_rewritten_chain_on_the_hub_is_named_at_its_first_changed_event (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autofree char *event_id = NULL;
  PosSyncStats stats = { 0 };
  gint64 seq;

  set_up_catalog (t1);
  sell_many (t1, 3);
  sync_ok (t1, NULL);
  seq = pos_test_query_int (t1->store, "SELECT min (till_seq) FROM journal WHERE type = 'sale'");
  event_id = event_id_at (t1->store, "T1", seq);
  rewrite_sale_on_hub (hub, "T1", seq);

  sync_ok (t2, &stats);
  assert_alarms (t2->store, event_id, "signature does not verify with the key of till T1");
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM journal WHERE till_id = 'T1'"),
                    seq - 1);
  assert_int_equal (stats.pulled, seq - 1);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 0);
}

/* T2's key file is lost: its next sale comes with a new key, which the
 * hub's owner lets in by clearing the old one, and T2 syncs. */
static void
change_key (PosTestHub *hub, Till *t2)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = pos_till_key_path (t2->store, t2->till_id, &error);
  g_autofree char *clear
      = g_strdup_printf ("UPDATE till SET public_key = NULL WHERE till_id = '%s'", t2->till_id);

  pos_assert_no_error (error);
  assert_int_equal (g_unlink (path), 0);
  pos_till_key_forget_cached ();
  sell_many (t2, 1);
  pos_test_hub_exec (hub, clear);
  sync_ok (t2, NULL);
}

/* Signs @till's events @from..@to on the hub again with the till's key,
 * as whoever holds that key could. */
static void
sign_again_on_hub (PosTestHub *hub, Till *till, gint64 from, gint64 to)
{
  g_autoptr (GError) error = NULL;
  gboolean announce = FALSE;
  const PosTillKey *key;

  assert_true (pos_store_begin (till->store, NULL)); /* the key is read inside a transaction */
  key = pos_till_key_for_signing (till->store, till->till_id, &announce, &error);
  pos_store_rollback (till->store);
  assert_non_null (key);
  for (gint64 seq = from; seq <= to; seq++)
    {
      g_autofree char *hash_sql = g_strdup_printf (
          "SELECT hash FROM event WHERE till_id = '%s' AND till_seq = %" G_GINT64_FORMAT, till->till_id, seq);
      g_autofree char *hash = pos_test_hub_text (hub, hash_sql);
      g_autoptr (GBytes) signature = pos_till_key_sign (key, hash);
      PosJournalEvent signed_again = { .signature = signature };
      g_autofree char *hex = pos_journal_signature_hex (&signed_again);
      g_autofree char *sql = NULL;

      sql = g_strdup_printf (
          "UPDATE event SET signature = '%s' WHERE till_id = '%s' AND till_seq = %" G_GINT64_FORMAT, hex,
          till->till_id, seq);
      pos_test_hub_exec (hub, sql);
    }
}

/* T2 lost its key file and signs with a new key, which the hub's owner let
 * in. A till that joins then takes T2's events signed with either key (it
 * learns the first from T2's first till.key event). Then someone who
 * holds the new key and can write to the hub rewrites a sale T2 signed
 * with its old key, re-hashes the chain and signs every event after the
 * key change again: the newest signature verifies. A pull proves each
 * key's events by that key's own newest signature, so the old key's
 * fails, and the rewritten sale is named and not taken. */
static void
test_a_new_key_cannot_vouch_for_events_of_the_old (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (Till) t3 = till_new (hub, "T3");
  g_autoptr (Till) t4 = till_new (hub, "T4");
  g_autoptr (GError) error = NULL;
  g_autofree char *event_id = NULL;
  PosSyncOptions pages_of_ten = { 10, FALSE };
  gint64 sale, announced, last;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sell_many (t2, 2);
  sync_ok (t2, NULL);
  change_key (hub, t2);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM till_key WHERE till_id = 'T2'"), 2);

  sync_ok (t4, NULL);
  assert_alarms (t4->store, NULL, NULL);
  assert_int_equal (pos_test_query_int (t4->store, "SELECT count(*) FROM journal WHERE till_id = 'T2'"),
                    pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"));
  assert_true (pos_journal_verify (t4->store, NULL, NULL));

  sale = pos_test_query_int (t2->store,
                             "SELECT min (till_seq) FROM journal WHERE till_id = 'T2' AND type = 'sale'");
  announced = pos_test_query_int (
      t2->store, "SELECT max (till_seq) FROM journal WHERE till_id = 'T2' AND type = 'till.key'");
  last = pos_test_query_int (t2->store, "SELECT max (till_seq) FROM journal WHERE till_id = 'T2'");
  assert_true (sale < announced && announced < last);
  event_id = event_id_at (t2->store, "T2", sale);
  rewrite_sale_on_hub (hub, "T2", sale);
  sign_again_on_hub (hub, t2, announced, last);
  /* T1's sales after it keep the hub's COPY going, a page of ten at a
   * time, when the proof fails: the pull stops it and starts again. */
  sell_many (t1, 12);
  sync_ok (t1, NULL);

  assert_true (pos_sync_run (t3->store, t3->conninfo, &pages_of_ten, NULL, &error));
  pos_assert_no_error (error);
  assert_alarms (t3->store, event_id, "signature does not verify");
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM journal WHERE till_id = 'T2'"),
                    sale - 1);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 12);
}

/* The hub's till table holds each till's key from its first till.key
 * event: an event naming another key is refused at insert, and so is a
 * new key that only the new key vouches for. */
static void
test_hub_refuses_events_under_another_key (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) as_t2 = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (PosJournalEvent) announce = g_new0 (PosJournalEvent, 1);
  g_autofree char *t1_key = NULL, *t2_key = NULL, *message = NULL, *signature = NULL;
  char new_key[2 * crypto_sign_PUBLICKEYBYTES + 1];
  const PosJournalEvent *e, *head;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  t1_key = key_hex (t1->store, "T1");
  t2_key = key_hex (t2->store, "T2");
  assert_int_equal (strlen (t2_key), 64);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM till WHERE till_id = 'T2' AND public_key = "
                             "(SELECT payload::jsonb ->> 'public_key' FROM event WHERE till_id = 'T2' "
                             "AND type = 'till.key')"),
      1);

  /* T2's next sale, named as signed with T1's key. */
  sell_many (t2, 1);
  events = pos_journal_read (t2->store, 0, TRUE, 0, NULL);
  e = g_ptr_array_index (events, 0);
  signature = pos_journal_signature_hex (e);
  as_t2 = pos_hub_connect (t2->conninfo, NULL);
  message = insert_event (as_t2, e, signature, t1_key);
  assert_non_null (message);
  pos_assert_contains (message, e->event_id);
  pos_assert_contains (message, "but the key of till T2 on the hub is");
  g_clear_pointer (&message, g_free);
  /* Unsigned under the right key. */
  message = insert_event (as_t2, e, "", t2_key);
  assert_non_null (message);
  pos_assert_contains (message, "it carries no signature");
  g_clear_pointer (&message, g_free);
  /* Anything but 128 lowercase hex digits is no signature either. */
  {
    g_autofree char *short_by_one = g_strndup (signature, 127);
    g_autofree char *long_by_one = g_strconcat (signature, "0", NULL);
    g_autofree char *upper = g_ascii_strup (signature, -1);
    g_autofree char *not_hex = g_strdup (signature);
    const char *const malformed[] = { short_by_one, long_by_one, upper, not_hex };

    not_hex[64] = 'g';
    for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
      {
        message = insert_event (as_t2, e, malformed[i], t2_key);
        assert_non_null (message);
        pos_assert_contains (message, "it carries no signature");
        g_clear_pointer (&message, g_free);
      }
  }

  /* A new key for T2 signed only by itself. */
  head = g_ptr_array_index (events, 0);
  g_clear_pointer (&signature, g_free);
  announce->event_id = pos_journal_new_event_id ();
  announce->till_id = g_strdup ("T2");
  announce->till_seq = head->till_seq;
  announce->hlc = g_strdup (head->hlc);
  announce->type = g_strdup ("till.key");
  announce->prev_hash = g_strdup (head->prev_hash);
  g_free (stranger_signature ("", new_key)); /* for its new key pair */
  announce->payload = g_strdup_printf ("{\"public_key\":\"%s\"}", new_key);
  announce->hash = pos_journal_event_hash (announce);
  signature = stranger_signature (announce->hash, NULL);
  message = insert_event (as_t2, announce, signature, new_key);
  assert_non_null (message);
  pos_assert_contains (message, "a key change must be signed with the till's key on the hub");
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2' AND type = 'sale'"), 0);

  /* The till's own push goes through. */
  sync_ok (t2, NULL);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2' AND type = 'sale'"), 1);
}

/* T2's next sale as T2 would push it, but carrying @event_id: the hub's
 * error message, or NULL when it took it. */
static char *
push_next_sale_with_id (Till *t2, const char *t2_key, const char *event_id)
{
  g_autoptr (GPtrArray) events = pos_journal_read (t2->store, 0, TRUE, 0, NULL);
  g_autoptr (PGconn) as_t2 = pos_hub_connect (t2->conninfo, NULL);
  PosJournalEvent *e = g_ptr_array_index (events, 0);
  g_autofree char *signature = NULL;

  g_free (e->event_id);
  e->event_id = g_strdup (event_id);
  g_free (e->hash);
  e->hash = pos_journal_event_hash (e);
  signature = stranger_signature (e->hash, NULL);
  return insert_event (as_t2, e, signature, t2_key);
}

/* An event id belongs to one event of the whole chain: T2's next sale
 * carrying the id of one of T1's events, or of one of its own, its chain,
 * hash and key right, is refused and names the event that holds the id;
 * the sale with its own id goes through. */
static void
test_hub_refuses_an_event_id_another_till_holds (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autofree char *t2_key = NULL, *taken = NULL, *own = NULL, *message = NULL, *expected = NULL;
  gint64 t2_events, next_seq;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  t2_key = key_hex (t2->store, "T2");
  taken = pos_test_hub_text (hub, "SELECT event_id::text FROM event WHERE till_id = 'T1' AND till_seq = 2");
  own = pos_test_hub_text (hub, "SELECT event_id::text FROM event WHERE till_id = 'T2' AND till_seq = 1");
  t2_events = pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'");
  next_seq = t2_events + 1;

  sell_many (t2, 1);
  message = push_next_sale_with_id (t2, t2_key, taken);
  assert_non_null (message);
  expected = g_strdup_printf (
      "Event %s of till T2 #%" G_GINT64_FORMAT " refused: its id is taken by till T1 #2", taken, next_seq);
  pos_assert_contains (message, expected);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"), t2_events);

  /* The id of the till's own first event: a new event, not that one again. */
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&expected, g_free);
  message = push_next_sale_with_id (t2, t2_key, own);
  assert_non_null (message);
  expected = g_strdup_printf (
      "Event %s of till T2 #%" G_GINT64_FORMAT " refused: its id is taken by till T2 #1", own, next_seq);
  pos_assert_contains (message, expected);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"), t2_events);

  /* The till's own push, with the sale's own id, goes through. */
  sync_ok (t2, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"), t2_events + 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event_id_claim"),
                    pos_test_hub_int (hub, "SELECT count(*) FROM event"));
}

/* Two tills pushing one event id at the same moment: the second waits on
 * the first's claim of it, and is refused once the first commits. */
static void
test_hub_refuses_an_event_id_pushed_twice_at_once (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) as_t1 = NULL, as_t2 = NULL;
  g_autoptr (GPtrArray) events1 = NULL, events2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *t1_key = NULL, *t2_key = NULL, *signature1 = NULL, *signature2 = NULL;
  g_autofree char *message = NULL, *expected = NULL;
  PosJournalEvent *e1, *e2;
  gint64 t2_events;
  guint waited = 0;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  t1_key = key_hex (t1->store, "T1");
  t2_key = key_hex (t2->store, "T2");
  t2_events = pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'");
  sell_many (t1, 1);
  sell_many (t2, 1);
  events1 = pos_journal_read (t1->store, 0, TRUE, 0, NULL);
  events2 = pos_journal_read (t2->store, 0, TRUE, 0, NULL);
  e1 = g_ptr_array_index (events1, 0);
  e2 = g_ptr_array_index (events2, 0);
  g_free (e2->event_id);
  e2->event_id = g_strdup (e1->event_id);
  g_free (e2->hash);
  e2->hash = pos_journal_event_hash (e2);
  signature1 = pos_journal_signature_hex (e1);
  signature2 = stranger_signature (e2->hash, NULL);

  /* T1's push is in, not committed; T2's comes and must wait. */
  as_t1 = pos_hub_connect (t1->conninfo, NULL);
  as_t2 = pos_hub_connect (t2->conninfo, NULL);
  assert_true (pos_hub_exec (as_t1, "BEGIN", &error));
  message = insert_event (as_t1, e1, signature1, t1_key);
  assert_null (message);
  send_insert_event (as_t2, e2, signature2, t2_key);
  while (pos_test_hub_int (hub, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                "AND query LIKE 'INSERT INTO event %'")
         == 0)
    {
      assert_true (PQconsumeInput (as_t2));
      if (!PQisBusy (as_t2))
        fail_msg ("T2's insert did not wait for T1's claim of the id: %s", PQerrorMessage (as_t2));
      assert_true (++waited < 500); /* 10 s */
      g_usleep (20 * 1000);
    }
  assert_true (pos_hub_exec (as_t1, "COMMIT", &error));
  pos_assert_no_error (error);

  message = insert_event_answer (as_t2);
  assert_non_null (message);
  expected = g_strdup_printf ("Event %s of till T2 #%" G_GINT64_FORMAT
                              " refused: its id is taken by till T1 #%" G_GINT64_FORMAT,
                              e1->event_id, e2->till_seq, e1->till_seq);
  pos_assert_contains (message, expected);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"), t2_events);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event_id_claim"),
                    pos_test_hub_int (hub, "SELECT count(*) FROM event"));

  /* Each till's own push goes on: T1's sale is there once, T2's goes in. */
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  g_free (expected);
  expected = g_strdup_printf ("SELECT count(*) FROM event WHERE event_id = '%s'", e1->event_id);
  assert_int_equal (pos_test_hub_int (hub, expected), 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"), t2_events + 1);
}

/* The hub takes events only of tills it knows, even from its owner, and
 * keeps a till that has events: what a foreign key did before version 10,
 * which `hub init` drops from an older hub. */
static void
test_hub_keeps_events_and_their_tills_together (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PGconn) admin = pos_hub_connect (hub->admin, NULL);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL, *signature = NULL, *key = NULL, *spare = NULL;
  PosJournalEvent *e;
  gint64 held;

  pos_test_hub_exec (
      hub, "ALTER TABLE event ADD CONSTRAINT event_till_id_fkey FOREIGN KEY (till_id) "
           "REFERENCES till (till_id); UPDATE hub_meta SET value = '9' WHERE key = 'schema_version'");
  pos_test_hub_init (hub);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_constraint WHERE conname = 'event_till_id_fkey'"), 0);
  assert_int_equal (pos_test_hub_int (hub, "SELECT value::int FROM hub_meta WHERE key = 'schema_version'"),
                    POS_HUB_SCHEMA_VERSION);

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  held = pos_test_hub_int (hub, "SELECT count(*) FROM event");
  sell_many (t1, 1);
  events = pos_journal_read (t1->store, 0, TRUE, 0, NULL);
  e = g_ptr_array_index (events, 0);
  signature = pos_journal_signature_hex (e);
  key = key_hex (t1->store, "T1");
  g_free (e->till_id);
  e->till_id = g_strdup ("T9");
  message = insert_event (admin, e, signature, key);
  assert_non_null (message);
  pos_assert_contains (message, "till T9 is not on the hub");
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), held);

  assert_false (pos_hub_exec (admin, "DELETE FROM till WHERE till_id = 'T1'", &error));
  pos_assert_contains (error->message, "till T1 has events on the hub");
  g_clear_error (&error);
  assert_false (pos_hub_exec (admin, "UPDATE till SET till_id = 'T1B' WHERE till_id = 'T1'", &error));
  pos_assert_contains (error->message, "it cannot be removed or renamed");
  g_clear_error (&error);
  assert_true (pos_hub_exec (admin, "UPDATE till SET till_id = till_id, public_key = public_key", &error));
  pos_assert_no_error (error);

  /* A till with no events yet can go. */
  spare = pos_test_hub_add_till (hub, "T3");
  assert_true (pos_hub_exec (admin, "DELETE FROM till WHERE till_id = 'T3'", &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM till"), 1);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), held + 1);
}

/* Events the hub's owner deleted, pushed again around an event the hub
 * still holds: each links to the one before it on the hub, held or new.
 * That held event changed on the hub is named as the broken link. */
static void
test_hub_takes_back_deleted_events_around_held_ones (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PGconn) as_t1 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *delete = NULL, *change = NULL, *expected = NULL;
  gint64 held, last;

  set_up_catalog (t1);
  sell_many (t1, 3);
  sync_ok (t1, NULL);
  held = pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'");
  last = pos_test_hub_int (hub, "SELECT max (till_seq) FROM event WHERE till_id = 'T1'");
  delete = g_strdup_printf ("DELETE FROM event WHERE till_id = 'T1' AND till_seq IN (%" G_GINT64_FORMAT
                            ", %" G_GINT64_FORMAT ")",
                            last - 3, last - 1);

  pos_test_hub_exec (hub, delete);
  pos_test_push_again (t1->store);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'"), held);

  pos_test_hub_exec (hub, delete);
  change = g_strdup_printf ("UPDATE event SET hash = repeat ('a', 64) WHERE till_id = 'T1' AND till_seq = "
                            "%" G_GINT64_FORMAT,
                            last - 2);
  pos_test_hub_exec (hub, change);
  pos_test_push_again (t1->store);
  as_t1 = pos_hub_connect (t1->conninfo, NULL);
  assert_false (pos_sync_push (t1->store, as_t1, NULL, NULL, &error));
  expected = g_strdup_printf ("#%" G_GINT64_FORMAT " refused: its previous hash", last - 1);
  pos_assert_contains (error->message, expected);
  g_free (expected);
  expected = g_strdup_printf ("is not the hash of #%" G_GINT64_FORMAT " (aaaaaaaaaaaa)", last - 2);
  pos_assert_contains (error->message, expected);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'"), held - 2);
}

/* A push that took its transaction id before another push of the same
 * till committed would sort before that push on pull: it is refused, to
 * be sent again. */
static void
test_hub_refuses_a_push_overtaken_by_the_tills_next (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PGconn) early = NULL, late = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *signature = NULL, *key = NULL, *message = NULL;
  const PosJournalEvent *second;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sell_many (t1, 2);
  events = pos_journal_read (t1->store, 0, TRUE, 0, NULL);
  assert_true (events->len >= 2);
  second = g_ptr_array_index (events, 1);
  signature = pos_journal_signature_hex (second);
  key = key_hex (t1->store, "T1");

  early = pos_hub_connect (t1->conninfo, NULL);
  late = pos_hub_connect (t1->conninfo, NULL);
  assert_true (pos_hub_exec (early, "BEGIN; SELECT pg_current_xact_id ()", &error));
  insert_raw (late, t1->store, 0); /* committed, under a later transaction id */
  message = insert_event (early, second, signature, key);
  assert_non_null (message);
  pos_assert_contains (message, "another push of till T1 went first: sync again");
  assert_true (pos_hub_exec (early, "ROLLBACK", &error));

  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal WHERE till_id = 'T1'"));
}

/* Inserts @a and @b, two tills' events, in one statement as the hub's
 * owner could; the hub's error message, or NULL when it took them. */
static char *
insert_two_events (PGconn *conn, const PosJournalEvent *a, PosStore *a_store, const PosJournalEvent *b,
                   PosStore *b_store)
{
  const PosJournalEvent *events[] = { a, b };
  PosStore *stores[] = { a_store, b_store };
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) sql
      = g_string_new ("INSERT INTO event (event_id, till_id, till_seq, type, hlc, "
                      "payload, body_hash, prev_hash, hash, signature, public_key) VALUES ");
  const char *params[20];
  g_autoptr (PGresult) result = NULL;

  for (guint i = 0; i < 2; i++)
    {
      const PosJournalEvent *e = events[i];
      char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->till_seq);
      char *signature = pos_journal_signature_hex (e);
      char *key = key_hex (stores[i], e->till_id);
      const char *row[] = { e->event_id, e->till_id,   seq,     e->type,   e->hlc,
                            e->payload,  e->prev_hash, e->hash, signature, key };

      g_ptr_array_add (owned, seq);
      g_ptr_array_add (owned, signature);
      g_ptr_array_add (owned, key);
      memcpy (&params[i * 10], row, sizeof row);
      g_string_append_printf (sql,
                              "%s($%u, $%u, $%u, $%u, $%u, $%u, encode (sha256 (convert_to ($%u, 'UTF8')), "
                              "'hex'), $%u, $%u, $%u, $%u)",
                              i ? ", " : "", i * 10 + 1, i * 10 + 2, i * 10 + 3, i * 10 + 4, i * 10 + 5,
                              i * 10 + 6, i * 10 + 6, i * 10 + 7, i * 10 + 8, i * 10 + 9, i * 10 + 10);
    }
  result = PQexecParams (conn, sql->str, 20, NULL, params, NULL, NULL, 0);
  return PQresultStatus (result) == PGRES_COMMAND_OK ? NULL : g_strdup (PQresultErrorMessage (result));
}

/* One insert carrying two tills' events (the hub's owner may send one):
 * each event joins its own till's chain, and one till's broken link
 * refuses the whole insert. */
static void
test_hub_checks_each_tills_chain_in_one_insert (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) owner = NULL;
  g_autoptr (GPtrArray) events1 = NULL, events2 = NULL;
  g_autofree char *message = NULL, *expected = NULL;
  const PosJournalEvent *e1, *e2_first, *e2_second;
  gint64 held;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sell_many (t1, 1);
  sell_many (t2, 2);
  events1 = pos_journal_read (t1->store, 0, TRUE, 0, NULL);
  events2 = pos_journal_read (t2->store, 0, TRUE, 0, NULL);
  assert_true (events2->len >= 2);
  e1 = g_ptr_array_index (events1, 0);
  e2_first = g_ptr_array_index (events2, 0);
  e2_second = g_ptr_array_index (events2, 1);
  owner = pos_hub_connect (hub->admin, NULL);
  held = pos_test_hub_int (hub, "SELECT count(*) FROM event");

  message = insert_two_events (owner, e1, t1->store, e2_second, t2->store);
  assert_non_null (message);
  expected = g_strdup_printf ("of till T2 #%" G_GINT64_FORMAT " refused: it is #%" G_GINT64_FORMAT
                              " but the hub holds till T2 up to #%" G_GINT64_FORMAT,
                              e2_second->till_seq, e2_second->till_seq, e2_first->till_seq - 1);
  pos_assert_contains (message, expected);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), held);

  g_clear_pointer (&message, g_free);
  message = insert_two_events (owner, e1, t1->store, e2_first, t2->store);
  assert_null (message);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"), held + 2);

  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T2'"),
                    pos_test_query_int (t2->store, "SELECT count(*) FROM journal WHERE till_id = 'T2'"));
}

/* A version 6 hub: `event` one plain table, as hubs before partitioning
 * held it (its checks and policies left out: the upgrade replaces them). */
static const char hub_v6_sql[]
    = "DROP VIEW sales_by_day, stock_by_product, stock_by_shop, transfer_received_twice;\n"
      "CREATE TABLE event_v6 (\n"
      "  event_id uuid PRIMARY KEY, till_id text NOT NULL REFERENCES till (till_id),\n"
      "  till_seq bigint NOT NULL CHECK (till_seq >= 1), type text NOT NULL, hlc text NOT NULL,\n"
      "  payload text NOT NULL, body jsonb GENERATED ALWAYS AS (payload::jsonb) STORED,\n"
      "  body_hash text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL,\n"
      "  received_tx xid8 NOT NULL DEFAULT pg_current_xact_id (),\n"
      "  received_at timestamptz NOT NULL DEFAULT now (),\n"
      "  server_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE, UNIQUE (till_id, till_seq),\n"
      "  signature text NOT NULL DEFAULT '', public_key text NOT NULL DEFAULT '');\n"
      "INSERT INTO event_v6 (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash,\n"
      "                      received_tx, received_at, server_seq, signature, public_key) OVERRIDING SYSTEM "
      "VALUE\n"
      "  SELECT event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash, received_tx,\n"
      "         received_at, server_seq, signature, public_key FROM event;\n"
      "DROP TABLE event CASCADE;\n"
      "ALTER TABLE event_v6 RENAME TO event;\n"
      "ALTER INDEX event_v6_pkey RENAME TO event_pkey;\n"
      "ALTER INDEX event_v6_till_id_till_seq_key RENAME TO event_till_id_till_seq_key;\n"
      "ALTER INDEX event_v6_server_seq_key RENAME TO event_server_seq_key;\n"
      "CREATE INDEX event_type ON event (type);\n"
      "CREATE INDEX event_pull ON event (received_tx, server_seq);\n"
      "DROP TABLE event_id_claim;\n"
      "UPDATE hub_meta SET value = '6' WHERE key = 'schema_version';\n";

/* What identifies every event on the hub and its place in the pull order. */
static const char hub_fingerprint_sql[]
    = "SELECT md5 (string_agg (event_id || till_id || till_seq || hash || signature || public_key || "
      "received_tx || server_seq, ',' ORDER BY server_seq)) FROM event";

/* `hub init` over @conn, twice: each time every event keeps what
 * identifies it and its place in the pull order (@before, the
 * fingerprint taken before the first). */
static void
init_keeps_every_event (PosTestHub *hub, PGconn *conn, const char *before)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;

      assert_true (pos_hub_init (conn, &error));
      pos_assert_no_error (error);
      after = pos_test_hub_text (hub, hub_fingerprint_sql);
      assert_string_equal (after, before);
    }
}

/* `hub init` on a version 6 hub with events moves them into the partitioned
 * table, each with its server_seq and transaction, and the tills sync on:
 * their cursors hold, new events follow the old ones, a new till gets
 * every event once. */
static void
test_hub_upgrade_partitions_the_events (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (Till) t3 = NULL;
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 events, last_seq;

  set_up_catalog (t1);
  sell_many (t1, 3);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sell_many (t2, 2);
  sync_ok (t2, NULL);
  pos_test_hub_exec (hub, hub_v6_sql);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_class WHERE relname = 'event' AND relkind = 'r'"), 1);
  events = pos_test_hub_int (hub, "SELECT count(*) FROM event");
  last_seq = pos_test_hub_int (hub, "SELECT max (server_seq) FROM event");
  before = pos_test_hub_text (hub, hub_fingerprint_sql);

  conn = pos_hub_connect (hub->admin, &error);
  init_keeps_every_event (hub, conn, before);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_class WHERE relname = 'event' AND relkind = 'p'"), 1);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'event'::regclass"), 8);
  assert_int_equal (pos_test_hub_int (hub, "SELECT value::int FROM hub_meta WHERE key = 'schema_version'"),
                    POS_HUB_SCHEMA_VERSION);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM pg_class WHERE relname = 'event_unpartitioned'"), 0);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(DISTINCT tableoid) FROM event"), 2);
  /* Every held event's id is claimed for it. */
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event_id_claim c JOIN event e USING "
                                           "(event_id, till_id, till_seq)"),
                    events);

  /* Both tills sell and sync on; new events come after the old ones. */
  sell_many (t1, 2);
  sell_many (t2, 1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);
  assert_true (pos_test_hub_int (hub, "SELECT count(*) FROM event") >= events + 3);
  {
    g_autofree char *sql
        = g_strdup_printf ("SELECT count(*) FROM event WHERE server_seq > %" G_GINT64_FORMAT, last_seq);

    assert_int_equal (pos_test_hub_int (hub, sql),
                      pos_test_hub_int (hub, "SELECT count(*) FROM event") - events);
  }
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale WHERE till_id = 'T2'"), 3);
  assert_int_equal (pos_test_query_int (t2->store, "SELECT count(*) FROM sale WHERE till_id = 'T1'"), 5);
  /* The hub still checks each event: a link off the chain is refused. */
  {
    g_autoptr (PGconn) as_t2 = pos_hub_connect (t2->conninfo, NULL);
    g_autofree char *message = till_exec_error (
        as_t2, "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, "
               "hash) SELECT gen_random_uuid (), 'T2', max (till_seq) + 1, 'x', 'h', '{}', encode (sha256 "
               "('{}'), 'hex'), repeat ('1', 64), 'h' FROM event WHERE till_id = 'T2'");

    assert_non_null (message);
    assert_non_null (strstr (message, "previous hash"));
  }

  /* A new till gets every event exactly once, chains whole. */
  t3 = till_new (hub, "T3");
  sync_ok (t3, NULL);
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM journal WHERE till_id <> 'T3'"),
                    pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id <> 'T3'"));
  assert_int_equal (pos_test_query_int (t3->store, "SELECT count(*) FROM sale"), 8);
  assert_true (pos_journal_verify (t3->store, NULL, &error));
  pos_assert_no_error (error);
}

/* A version 11 hub: `event` keyed by (event_id, till_id), its payload
 * stored again as jsonb in `body`, which a view reads, and every type and
 * server_seq indexed. */
static const char hub_v11_sql[]
    = "DROP VIEW sales_by_day;\n"
      "ALTER TABLE event DROP CONSTRAINT event_pkey, DROP CONSTRAINT event_payload_json,\n"
      "  ADD COLUMN body jsonb GENERATED ALWAYS AS (payload::jsonb) STORED,\n"
      "  ADD PRIMARY KEY (event_id, till_id), ADD UNIQUE (till_id, till_seq);\n"
      "DROP INDEX event_looked_up_type;\n"
      "CREATE INDEX event_type ON event (type);\n"
      "CREATE INDEX event_server_seq ON event (server_seq);\n"
      "CREATE VIEW sales_by_day AS SELECT body ->> 'business_day' AS business_day, till_id,\n"
      "  count (*) FILTER (WHERE type = 'sale') AS sales, count (*) FILTER (WHERE type = 'refund') AS "
      "refunds,\n"
      "  sum ((body ->> 'total')::bigint + (body ->> 'rounding')::bigint) AS total,\n"
      "  sum ((body ->> 'tax_total')::bigint) AS tax_total\n"
      "FROM event WHERE type IN ('sale', 'refund') GROUP BY 1, 2;\n"
      "UPDATE hub_meta SET value = '11' WHERE key = 'schema_version';\n";

/* What head office's view of the sales shows. */
static const char hub_sales_sql[]
    = "SELECT string_agg (concat_ws (' ', business_day, till_id, sales, refunds, total, tax_total), ',' "
      "ORDER BY business_day, till_id) FROM sales_by_day";

/* `hub init` on a version 11 hub: every event keeps its place in the pull
 * order, the key is (till_id, till_seq), the stored jsonb copy and the
 * indexes nothing reads go, the views read the payload and show what they
 * showed, and the tills sync on. A payload that is not JSON is still
 * refused, as that copy refused it. */
static void
test_hub_upgrade_stores_each_event_once (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *sales_before = NULL, *sales_after = NULL;
  g_autofree char *key = NULL, *message = NULL;

  set_up_catalog (t1);
  sell_many (t1, 3);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  pos_test_hub_exec (hub, hub_v11_sql);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM pg_attribute WHERE attrelid = "
                                           "'event'::regclass AND attname = 'body'"),
                    1);
  before = pos_test_hub_text (hub, hub_fingerprint_sql);
  sales_before = pos_test_hub_text (hub, hub_sales_sql);
  assert_non_null (strstr (sales_before, " T1 3 0 "));

  conn = pos_hub_connect (hub->admin, &error);
  init_keeps_every_event (hub, conn, before);
  assert_int_equal (pos_test_hub_int (hub, "SELECT value::int FROM hub_meta WHERE key = 'schema_version'"),
                    POS_HUB_SCHEMA_VERSION);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM pg_attribute WHERE attrelid = "
                                           "'event'::regclass AND attname = 'body'"),
                    0);
  key = pos_test_hub_text (hub, "SELECT string_agg (a.attname, ',' ORDER BY k.n) FROM pg_constraint c,\n"
                                "  unnest (c.conkey) WITH ORDINALITY k (attnum, n), pg_attribute a\n"
                                "WHERE c.conrelid = 'event'::regclass AND c.contype IN ('p', 'u')\n"
                                "  AND a.attrelid = c.conrelid AND a.attnum = k.attnum");
  assert_string_equal (key, "till_id,till_seq");
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM pg_indexes WHERE tablename = 'event' AND "
                                           "indexname IN ('event_type', 'event_server_seq')"),
                    0);
  sales_after = pos_test_hub_text (hub, hub_sales_sql);
  assert_string_equal (sales_after, sales_before);
  /* The views made again are the tills' to read, as before. */
  {
    g_autoptr (PGconn) as_t1 = pos_hub_connect (t1->conninfo, NULL);
    g_autofree char *refused = till_exec_error (as_t1, "SELECT * FROM sales_by_day, stock_by_product");

    assert_null (refused);
  }

  /* The tills sync on, and the view counts the new sale. */
  sell_many (t2, 1);
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale WHERE till_id = 'T2'"), 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT sum (sales) FROM sales_by_day"), 4);

  message = till_exec_error (conn, "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, "
                                   "body_hash, prev_hash, hash) VALUES (gen_random_uuid (), 'T1', 1000, 'x', "
                                   "'h', 'not json', encode (sha256 ('not json'), 'hex'), 'p', 'h')");
  assert_non_null (message);
  pos_assert_contains (message, "invalid input syntax for type json");
}

/* `hub init` on a version 12 hub, whose payload check parsed every payload
 * as jsonb: the check becomes the json parse, and still refuses the
 * payloads the views cannot read; the tills sync on. */
static void
test_hub_upgrade_checks_payloads_with_the_json_parse (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PGconn) conn = NULL;
  g_autofree char *check = NULL, *message = NULL;

  set_up_catalog (t1);
  sell_many (t1, 2);
  sync_ok (t1, NULL);
  pos_test_hub_exec (hub, "ALTER TABLE event DROP CONSTRAINT event_payload_json,\n"
                          "  ADD CONSTRAINT event_payload_json CHECK (payload::jsonb IS NOT NULL);\n"
                          "UPDATE hub_meta SET value = '12' WHERE key = 'schema_version';\n");

  pos_test_hub_init (hub);
  assert_int_equal (pos_test_hub_int (hub, "SELECT value::int FROM hub_meta WHERE key = 'schema_version'"),
                    POS_HUB_SCHEMA_VERSION);
  check = pos_test_hub_text (hub, "SELECT pg_get_constraintdef (oid) FROM pg_constraint\n"
                                  "WHERE conrelid = 'event'::regclass AND conname = 'event_payload_json'");
  pos_assert_contains (check, "::json IS NOT NULL");
  conn = pos_hub_connect (hub->admin, NULL);
  message = till_exec_error (
      conn,
      "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, "
      "body_hash, prev_hash, hash) VALUES (gen_random_uuid (), 'T1', 1000, 'x', "
      "'h', '{\"a\":\"\\u0000\"}', encode (sha256 (convert_to ('{\"a\":\"\\u0000\"}', 'UTF8')), 'hex'), "
      "'p', 'h')");
  assert_non_null (message);
  pos_assert_contains (message, "unsupported Unicode escape sequence");
  sell_many (t1, 1);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
}

/* A copy of @till_id's newest event on the hub, pushed over @conn as the
 * event @step after it (its previous hash the newest's): what the hub
 * said, or NULL when it went in. */
static char *
push_copy_of_newest (PGconn *conn, const char *till_id, int step)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash, "
      "signature, public_key) SELECT gen_random_uuid (), till_id, till_seq + %d, type, hlc, payload, "
      "body_hash, hash, hash, signature, public_key FROM event WHERE till_id = '%s' "
      "ORDER BY till_seq DESC LIMIT 1",
      step, till_id);

  return till_exec_error (conn, sql);
}

/* `hub init` on a version 13 hub, whose insert check PL/pgSQL planned anew
 * for each of a session's first pushes: the check is planned once per
 * session, and still refuses an event that does not follow its chain,
 * pushed on the session of six pushes before it. */
static void
test_hub_upgrade_plans_the_insert_check_once_per_session (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (PGconn) kept = NULL;
  g_autofree char *config = NULL, *message = NULL;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  pos_test_hub_exec (hub, "ALTER FUNCTION hub_event_validate () RESET plan_cache_mode;\n"
                          "UPDATE hub_meta SET value = '13' WHERE key = 'schema_version';\n");

  pos_test_hub_init (hub);
  assert_int_equal (pos_test_hub_int (hub, "SELECT value::int FROM hub_meta WHERE key = 'schema_version'"),
                    POS_HUB_SCHEMA_VERSION);
  config = pos_test_hub_text (hub, "SELECT array_to_string (proconfig, ' ') FROM pg_proc\n"
                                   "WHERE oid = 'hub_event_validate'::regproc");
  pos_assert_contains (config, "plan_cache_mode=force_generic_plan");
  for (guint i = 0; i < 6; i++)
    {
      sell_many (t1, 1);
      sync_kept_ok (t1, NULL, &kept);
    }
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal"));
  message = push_copy_of_newest (kept, "T1", 2);
  assert_non_null (message);
  pos_assert_contains (message, "but the hub holds till T1 up to");
}

/* A version 14 hub looked up each pushed row's till for its role. The
 * upgrade reads the role's tills once per insert; a till's role still
 * pushes its own events and no other till's. */
static void
test_hub_upgrade_checks_a_pushing_role_against_its_tills_once (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) t1 = till_new (hub, "T1");
  g_autoptr (Till) t2 = till_new (hub, "T2");
  g_autoptr (PGconn) kept = NULL;
  g_autofree char *check = NULL, *message = NULL;

  set_up_catalog (t1);
  sync_ok (t1, NULL);
  sync_ok (t2, NULL);
  pos_test_hub_exec (hub, "DROP POLICY event_insert_own ON event;\n"
                          "CREATE POLICY event_insert_own ON event FOR INSERT WITH CHECK (EXISTS (SELECT 1\n"
                          "  FROM till t WHERE t.till_id = event.till_id AND t.role_name = current_user));\n"
                          "UPDATE hub_meta SET value = '14' WHERE key = 'schema_version';\n");

  pos_test_hub_init (hub);
  check = pos_test_hub_text (hub, "SELECT with_check FROM pg_policies WHERE policyname = 'event_insert_own'");
  assert_null (strstr (check, "EXISTS"));
  pos_assert_contains (check, "ANY");
  sell_many (t1, 3);
  sync_kept_ok (t1, NULL, &kept);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE till_id = 'T1'"),
                    pos_test_query_int (t1->store, "SELECT count(*) FROM journal WHERE till_id = 'T1'"));
  /* T2's next event, pushed over T1's session. */
  message = push_copy_of_newest (kept, "T2", 1);
  assert_non_null (message);
  pos_assert_contains (message, "row-level security");
  sell_many (t2, 2);
  sync_ok (t2, NULL);
  sync_ok (t1, NULL);
  assert_int_equal (pos_test_query_int (t1->store, "SELECT count(*) FROM sale"), 5);
}

static PosQty
level_in (Till *till, const char *shop, const char *sku)
{
  g_autoptr (GError) error = NULL;
  PosQty level = 0;

  assert_true (pos_stock_shop_level (till->store, shop, product_id (till, sku), &level, &error));
  pos_assert_no_error (error);
  return level;
}

static void
set_shop (Till *till, const char *shop)
{
  g_autoptr (GError) error = NULL;

  assert_true (pos_stock_shop_set (till->store, shop, &error));
  pos_assert_no_error (error);
}

/* Two shops on one hub: each keeps its own stock on every till and in the
 * hub's stock_by_shop view, and a transfer between them leaves the source
 * when sent and arrives when received, counted once on both sides. */
static void
test_two_shops_keep_their_own_stock_and_transfer (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) north = till_new (hub, "T1");
  g_autoptr (Till) south = till_new (hub, "T2");
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  PosStockItem delivery = { 0, 50 * POS_QTY_ONE, -1 };
  PosStockItem sent = { 0, 10 * POS_QTY_ONE, -1 };

  set_shop (north, "north");
  set_shop (south, "south");
  set_up_catalog (north); /* 1000 TEA received in the north */
  sync_ok (north, NULL);
  sync_ok (south, NULL);
  delivery.product_id = product_id (south, "TEA");
  assert_true (pos_stock_receive (south->store, south->owner, 0, "DN-S", &delivery, 1, &error));
  pos_assert_no_error (error);
  sell (north, "TEA", FALSE, 0);
  sync_ok (south, NULL);
  sync_ok (north, NULL);
  sync_ok (south, NULL);

  assert_int_equal (pos_stock_level (north->store, product_id (north, "TEA")), 999 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (south->store, product_id (south, "TEA")), 50 * POS_QTY_ONE);
  assert_int_equal (level_in (north, "south", "TEA"), 50 * POS_QTY_ONE);
  assert_int_equal (level_in (south, "north", "TEA"), 999 * POS_QTY_ONE);

  /* Ten teas go south: gone from the north at once, not yet in the south. */
  sent.product_id = product_id (north, "TEA");
  id = pos_transfer_send (north->store, north->owner, "south", &sent, 1, "van", &error);
  pos_assert_no_error (error);
  assert_non_null (id);
  assert_false (pos_transfer_receive (south->store, south->owner, id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (pos_transfer_receive (north->store, north->owner, id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID); /* it goes south */
  g_clear_error (&error);
  sync_ok (north, NULL);
  sync_ok (south, NULL);
  assert_int_equal (pos_stock_level (north->store, product_id (north, "TEA")), 989 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (south->store, product_id (south, "TEA")), 50 * POS_QTY_ONE);
  assert_int_equal (level_in (south, "north", "TEA"), 989 * POS_QTY_ONE);

  assert_true (pos_transfer_receive (south->store, south->owner, id, &error));
  pos_assert_no_error (error);
  assert_false (pos_transfer_receive (south->store, south->owner, id, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  sync_ok (south, NULL);
  sync_ok (north, NULL);
  sync_ok (south, NULL);
  sync_ok (north, NULL); /* again: nothing is counted twice */

  for (guint i = 0; i < 2; i++)
    {
      Till *till = i == 0 ? north : south;

      assert_int_equal (level_in (till, "north", "TEA"), 989 * POS_QTY_ONE);
      assert_int_equal (level_in (till, "south", "TEA"), 60 * POS_QTY_ONE);
      assert_true (pos_stock_verify (till->store, NULL, &error));
      pos_assert_no_error (error);
    }
  assert_int_equal (pos_stock_level (north->store, product_id (north, "TEA")), 989 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (south->store, product_id (south, "TEA")), 60 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (north->store, product_id (north, "MILK")), 999 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (south->store, product_id (south, "MILK")), 0);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT qty FROM stock_by_shop WHERE shop = 'north' AND sku = 'TEA'"),
      989 * POS_QTY_ONE);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT qty FROM stock_by_shop WHERE shop = 'south' AND sku = 'TEA'"),
      60 * POS_QTY_ONE);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM stock_by_shop WHERE shop = 'south'"), 1);
  assert_int_equal (pos_test_hub_int (hub, "SELECT qty FROM stock_by_product WHERE sku = 'TEA'"),
                    1049 * POS_QTY_ONE);
  assert_int_equal (pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type LIKE 'stock.transfer.%'"),
                    2);
}

/* Two tills of the south shop both receive one transfer while offline:
 * each counts it, then each pulls the other's receipt. The goods arrive
 * once on every till and in the hub's views, and the second receipt is
 * an alarm for the owner on every till and in the hub's list. */
static void
test_transfer_received_by_two_offline_tills_counts_once (void **state)
{
  g_autoptr (PosTestHub) hub = pos_test_hub_new (pg, "shop");
  g_autoptr (Till) north = till_new (hub, "T1");
  g_autoptr (Till) south = till_new (hub, "T2");
  g_autoptr (Till) south2 = till_new (hub, "T3");
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  PosStockItem sent = { 0, 10 * POS_QTY_ONE, -1 };
  Till *tills[] = { north, south, south2 };

  set_shop (north, "north");
  set_shop (south, "south");
  set_shop (south2, "south");
  set_up_catalog (north); /* 1000 TEA received in the north */
  sync_ok (north, NULL);
  sent.product_id = product_id (north, "TEA");
  id = pos_transfer_send (north->store, north->owner, "south", &sent, 1, "van", &error);
  pos_assert_no_error (error);
  sync_ok (north, NULL);
  sync_ok (south, NULL);
  sync_ok (south2, NULL);

  /* Both south tills receive it, neither knowing of the other. */
  assert_true (pos_transfer_receive (south->store, south->owner, id, &error));
  pos_assert_no_error (error);
  assert_true (pos_transfer_receive (south2->store, south2->owner, id, &error));
  pos_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (tills); i++)
      sync_ok (tills[i], NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tills); i++)
    {
      assert_int_equal (level_in (tills[i], "south", "TEA"), 10 * POS_QTY_ONE);
      assert_int_equal (level_in (tills[i], "north", "TEA"), 990 * POS_QTY_ONE);
      assert_int_equal (pos_test_query_int (tills[i]->store, "SELECT count(*) FROM sync_alarm WHERE subject "
                                                             "LIKE 'transfer:%'"),
                        1);
      assert_true (pos_stock_verify (tills[i]->store, NULL, &error));
      pos_assert_no_error (error);
    }
  assert_int_equal (pos_stock_level (south->store, product_id (south, "TEA")), 10 * POS_QTY_ONE);
  assert_int_equal (pos_stock_level (south2->store, product_id (south2, "TEA")), 10 * POS_QTY_ONE);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT count(*) FROM event WHERE type = 'stock.transfer.received'"), 2);
  assert_int_equal (
      pos_test_hub_int (hub, "SELECT qty FROM stock_by_shop WHERE shop = 'south' AND sku = 'TEA'"),
      10 * POS_QTY_ONE);
  assert_int_equal (pos_test_hub_int (hub, "SELECT qty FROM stock_by_product WHERE sku = 'TEA'"),
                    1000 * POS_QTY_ONE);
  assert_int_equal (pos_test_hub_int (hub, "SELECT receipts FROM transfer_received_twice"), 2);
}

static int
start_hub_server (void **state)
{
  pg = pos_test_pg_start ();
  return pg == NULL ? -1 : 0;
}

static int
stop_hub_server (void **state)
{
  g_clear_pointer (&pg, pos_test_pg_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_three_tills_selling_offline_converge),
    cmocka_unit_test (test_two_offline_tills_overdraw_a_gift_card_and_both_see_it),
    cmocka_unit_test (test_two_offline_tills_charge_an_account_over_its_limit_and_the_owner_is_told),
    cmocka_unit_test (test_a_layaway_opened_on_one_till_is_paid_and_collected_on_another),
    cmocka_unit_test (test_points_paid_towards_a_layaway_leave_every_till),
    cmocka_unit_test (test_barcodes_reach_other_tills),
    cmocka_unit_test (test_pulled_payload_with_escapes_arrives_byte_for_byte),
    cmocka_unit_test (test_hub_takes_only_payloads_its_views_can_read),
    cmocka_unit_test (test_two_shops_keep_their_own_stock_and_transfer),
    cmocka_unit_test (test_transfer_received_by_two_offline_tills_counts_once),
    cmocka_unit_test (test_push_again_after_a_lost_answer_doubles_nothing),
    cmocka_unit_test (test_push_in_batches_after_a_lost_answer_adds_only_the_new),
    cmocka_unit_test (test_push_stops_when_the_next_batch_cannot_be_read),
    cmocka_unit_test (test_push_stops_when_a_batch_cannot_be_marked),
    cmocka_unit_test (test_array_literals_reach_the_hub_as_written),
    cmocka_unit_test (test_connection_cut_mid_push_and_mid_pull_recovers),
    cmocka_unit_test (test_hub_down_then_back),
    cmocka_unit_test (test_late_commit_with_smaller_server_seq_is_not_skipped),
    cmocka_unit_test (test_forged_event_is_refused_and_other_tills_keep_syncing),
    cmocka_unit_test (test_frozen_push_blocks_no_other_till_and_is_cut),
    cmocka_unit_test (test_changed_event_on_the_hub_is_an_alarm),
    cmocka_unit_test (test_refused_event_mid_page_keeps_the_events_before_it),
    cmocka_unit_test (test_rehashed_event_on_the_hub_is_named_by_its_till),
    cmocka_unit_test (test_payload_changed_alone_on_the_hub_is_named_by_its_till),
    cmocka_unit_test (test_restored_backup_is_stopped_then_adopts_the_hub_chain),
    cmocka_unit_test (test_a_till_cannot_write_as_another_or_change_events),
    cmocka_unit_test (test_added_till_connects_with_the_printed_conninfo),
    cmocka_unit_test (test_worker_reports_offline_and_catches_up),
    cmocka_unit_test (test_sync_keeps_its_connection_and_replaces_a_closed_one),
    cmocka_unit_test (test_kept_connection_on_a_dead_network_fails_within_the_connect_timeout),
    cmocka_unit_test (test_events_with_malformed_lists_are_refused),
    cmocka_unit_test (test_synced_product_edit_is_held_to_the_name_limit),
    cmocka_unit_test (test_joining_till_takes_the_shops_settings_tax_rates_and_users),
    cmocka_unit_test_teardown (test_users_sign_in_on_a_till_with_its_own_config_directory,
                               forget_pepper_path),
    cmocka_unit_test (test_conflicting_changes_are_an_alarm_and_the_later_one_wins),
    cmocka_unit_test (test_forged_signature_on_the_hub_is_named_and_other_tills_flow),
    cmocka_unit_test (test_signature_changed_alone_on_the_hub_is_proven_by_a_later_one),
    cmocka_unit_test (test_rewritten_chain_on_the_hub_is_named_at_its_first_changed_event),
    cmocka_unit_test (test_a_new_key_cannot_vouch_for_events_of_the_old),
    cmocka_unit_test (test_hub_refuses_events_under_another_key),
    cmocka_unit_test (test_hub_refuses_an_event_id_another_till_holds),
    cmocka_unit_test (test_hub_refuses_an_event_id_pushed_twice_at_once),
    cmocka_unit_test (test_hub_keeps_events_and_their_tills_together),
    cmocka_unit_test (test_hub_takes_back_deleted_events_around_held_ones),
    cmocka_unit_test (test_hub_refuses_a_push_overtaken_by_the_tills_next),
    cmocka_unit_test (test_hub_checks_each_tills_chain_in_one_insert),
    cmocka_unit_test (test_hub_upgrade_partitions_the_events),
    cmocka_unit_test (test_hub_upgrade_stores_each_event_once),
    cmocka_unit_test (test_hub_upgrade_checks_payloads_with_the_json_parse),
    cmocka_unit_test (test_hub_upgrade_plans_the_insert_check_once_per_session),
    cmocka_unit_test (test_hub_upgrade_checks_a_pushing_role_against_its_tills_once),
    cmocka_unit_test (test_push_rate_against_a_bare_insert),
    cmocka_unit_test (test_the_bare_floor_inserts_what_a_push_sends),
    cmocka_unit_test (test_push_after_many_pushed_events),
  };

  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  /* POS_SYNC_ONLY=test_name (a glob) runs those tests alone, while working on them */
  if (g_getenv ("POS_SYNC_ONLY") != NULL)
    cmocka_set_test_filter (g_getenv ("POS_SYNC_ONLY"));
  return cmocka_run_group_tests (tests, start_hub_server, stop_hub_server);
}
