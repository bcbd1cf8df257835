/* pos-ui-demo-store.c — makes a small demo shop for the UI tests.
 *
 *   pos-ui-demo-store PATH [N_EXTRA_PRODUCTS]
 *   pos-ui-demo-store PATH --corner-shop
 *
 * The second makes the believable demo shop of app/pos-demo.h instead
 * (olivia 4321, sam 2580, casey 1234; weeks of sales), for screenshots.
 *
 * Users come from pos_users_add() (Argon2id PINs); the catalog is plain SQL
 * so a million generated products take one statement.
 *   Alice  cashier     1234
 *   Sam    supervisor  2222
 *   Olivia owner      4321
 */
#include <stdio.h>
#include <stdlib.h>

#include "pos-demo.h"
#include "pos-store-private.h"
#include "pos-users.h"
#include "pos-users-testing.h"

static const char catalog_sql[]
    = "INSERT INTO setting (key, value) VALUES ('shop_name', 'Corner Shop'), ('till_id', 'T1'),"
      " ('currency', 'EUR');"
      "INSERT INTO tax_rate (id, code, name, rate_bp) VALUES (1, 'A', 'Standard', 1900), (2, 'B', 'Reduced', "
      "700);"
      "INSERT INTO category (id, name) VALUES (1, 'Groceries'), (2, 'Fresh'), (3, 'Household');"
      "INSERT INTO supplier (id, name, is_local, distance_km) VALUES (1, 'Valley Farm', 1, 12),"
      " (2, 'Big Wholesale', 0, 340);"
      "INSERT INTO product (id, sku, name, unit, price, cost, tax_rate_id, category_id, supplier_id,"
      " reorder_level) VALUES"
      " (1, 'FAB-1', 'Faber-Castell pencil', 'each', 120, 40, 1, 3, 2, 10000),"
      " (2, 'MILK-1', 'Whole milk 1 l', 'each', 119, 80, 2, 2, 1, 20000),"
      " (3, 'BREAD-1', 'Sourdough loaf', 'each', 450, 200, 2, 1, 1, 5000),"
      " (4, 'APPLE-KG', 'Apples Elstar', 'kg', 299, 150, 2, 2, 1, 10000),"
      " (5, 'COFFEE-1', 'Coffee beans 500 g', 'each', 899, 500, 2, 1, 2, 4000),"
      " (6, 'SOAP-1', 'Olive oil soap', 'each', 350, 120, 1, 3, 1, 3000);"
      "INSERT INTO barcode (code, product_id) VALUES ('4006381333931', 1), ('4000417025005', 2),"
      " ('2000000000015', 3), ('5449000000996', 5);"
      "INSERT INTO stock_move (product_id, qty, reason, reference, created_at) VALUES"
      " (1, 50000, 'receive', 'demo', '2026-11-01T08:00:00.000Z'),"
      " (2, 12000, 'receive', 'demo', '2026-11-01T08:00:00.000Z'),"
      " (3, 3000, 'receive', 'demo', '2026-11-01T08:00:00.000Z'),"
      " (4, 25000, 'receive', 'demo', '2026-11-01T08:00:00.000Z'),"
      " (5, 20000, 'receive', 'demo', '2026-11-01T08:00:00.000Z');";

/* Generated products: SKU GEN-<n>, names that sort and search well. */
static const char generate_sql[]
    = "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) "
      "INSERT INTO product (sku, name, unit, price, tax_rate_id, reorder_level) "
      "SELECT 'GEN-' || i, 'Item ' || printf ('%07d', i) || ' ' || "
      "  CASE i % 5 WHEN 0 THEN 'tea' WHEN 1 THEN 'jam' WHEN 2 THEN 'rice' WHEN 3 THEN 'soap' ELSE 'oats' "
      "END, "
      "  'each', 100 + i % 900, 1 + i % 2, CASE WHEN i % 100 = 0 THEN 1000 ELSE NULL END FROM n";

static int
fail (GError *error)
{
  fprintf (stderr, "pos-ui-demo-store: %s\n", error->message);
  g_error_free (error);
  return 1;
}

int
main (int argc, char *argv[])
{
  GError *error = NULL;
  g_autoptr (PosStore) store = NULL;
  static const struct
  {
    const char *name;
    PosRole role;
    const char *pin;
  } users[] = {
    { "Alice", POS_ROLE_CASHIER, "1234" },
    { "Sam", POS_ROLE_SUPERVISOR, "2222" },
    { "Olivia", POS_ROLE_OWNER, "4321" },
  };

  /* Real Argon2id strings, made with the minimum limits: the app verifies
   * each with the limits it carries, so signing in stays quick. */
  pos_users_set_hash_cost_for_tests (POS_HASH_COST_MINIMUM);
  if (argc < 2)
    {
      fprintf (stderr, "usage: pos-ui-demo-store PATH [N_EXTRA_PRODUCTS]\n");
      return 2;
    }
  store = pos_store_open (argv[1], POS_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return fail (error);
  if (argc > 2 && g_str_equal (argv[2], "--corner-shop"))
    return pos_demo_populate (store, NULL, &error) ? 0 : fail (error);
  if (!pos_store_exec (store, catalog_sql, &error))
    return fail (error);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr (PosUser) user = pos_users_add (store, users[i].name, users[i].role, users[i].pin, &error);
      if (user == NULL)
        return fail (error);
    }
  if (argc > 2)
    {
      g_autoptr (PosStmt) stmt = pos_store_prepare (store, generate_sql, &error);
      if (stmt == NULL)
        return fail (error);
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (argv[2], NULL, 10));
      if (!pos_store_step_done (store, stmt, &error))
        return fail (error);
    }
  return 0;
}
