/* hub-load-till.c — one till of the hub load test (test-hub-load.c), as a
 * process of its own.
 *
 * hub-load-till STORE CONNINFO TILL_ID SECONDS MAX_SALES
 *
 * Sets the till up in a new store at STORE the way a till joins a shop
 * (its till id and one tax rate; everything else comes from the hub),
 * then sells and syncs until SECONDS have passed since it joined or
 * MAX_SALES are sold, and syncs once more. Prints "sold N" and exits 0; on any failure says
 * why on stderr and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pos-cart.h"
#include "pos-checkout.h"
#include "pos-shop.h"
#include "pos-sync.h"
#include "pos-tax-rate.h"
#include "pos-users-testing.h"
#include "pos-users.h"

/* Sales between two syncs: a till syncs every few sales, as the worker does. */
#define SALES_PER_SYNC 3
/* A loaded hub may refuse a login for a moment: a till tries again. */
#define OFFLINE_TRIES 20

static const char *const skus[] = { "TEA", "MILK", "BREAD" };

/* Over the till's kept connection, as the worker syncs. */
static gboolean
sync_now (PosStore *store, const char *conninfo, PGconn **hub, GError **error)
{
  for (int i = 0;; i++)
    {
      g_autoptr (GError) local = NULL;

      if (pos_sync_run_kept (store, conninfo, hub, NULL, NULL, &local))
        return TRUE;
      if (i + 1 >= OFFLINE_TRIES || !g_error_matches (local, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_usleep (200 * 1000);
    }
}

static gboolean
sell (PosStore *store, const PosUser *cashier, int i, GError **error)
{
  g_autoptr (PosCart) cart = pos_cart_new (store);
  g_autoptr (PosSaleResult) result = NULL;
  PosTender cash = { POS_TENDER_CASH, 10000, NULL, 0 };

  if (!pos_cart_add_code (cart, skus[i % 3], error))
    return FALSE;
  result = pos_checkout_commit (store, cart, cashier, &cash, 1, error);
  return result != NULL;
}

static gboolean
run (const char *path, const char *conninfo, const char *till_id, double seconds, int max_sales, int *sold,
     GError **error)
{
  g_autoptr (PosStore) store = pos_store_open (path, POS_STORE_OPEN_CREATE, error);
  g_autoptr (PosUser) cashier = NULL;
  g_autoptr (PGconn) hub = NULL;
  gint64 end;

  if (store == NULL || !pos_shop_setting_init (store, "till_id", till_id, error)
      || pos_tax_rate_insert (store, "A", "Standard", 2000, TRUE, error) == 0
      || !sync_now (store, conninfo, &hub, error))
    return FALSE;
  /* The cashier was added at head office and came with the first pull. */
  if ((cashier = pos_users_authenticate (store, "casey", "1234", error)) == NULL)
    return FALSE;
  /* Selling time starts once the till has joined: a loaded machine may
   * take long to set fifty tills up, and every till sells at least once. */
  end = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);
  while (*sold < max_sales && g_get_monotonic_time () < end)
    {
      if (!sell (store, cashier, *sold, error))
        return FALSE;
      ++*sold;
      if (*sold % SALES_PER_SYNC == 0 && !sync_now (store, conninfo, &hub, error))
        return FALSE;
    }
  return sync_now (store, conninfo, &hub, error);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int sold = 0;

  if (argc != 6)
    {
      fprintf (stderr, "usage: hub-load-till STORE CONNINFO TILL_ID SECONDS MAX_SALES\n");
      return 2;
    }
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  if (!run (argv[1], argv[2], argv[3], g_ascii_strtod (argv[4], NULL), atoi (argv[5]), &sold, &error))
    {
      fprintf (stderr, "till %s after %d sales: %s\n", argv[3], sold, error->message);
      return 1;
    }
  printf ("sold %d\n", sold);
  return 0;
}
