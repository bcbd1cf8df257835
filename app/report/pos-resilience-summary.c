/* pos-resilience-summary.c — sales by month and by product, category,
 * supplier and customer, kept beside the store for the owner's page.
 *
 * Twelve months of concentration would otherwise read every sale line of
 * the year. The summary is a file of its own ("<store>-summary", attached
 * as "summary") rather than tables in the store, so bringing it up to date
 * writes nothing the till waits on: the report's connection reads the
 * store in a WAL snapshot while the till sells. Sales are append-only and
 * their ids grow, so the summary covers every sale up to an id and adds
 * the newer ones a slice at a time. It remembers the receipt of the last
 * sale it covers; when that sale is gone or another (the store was
 * restored from a backup) it starts over.
 *
 * Beside them: the margin of each business day, each card customer's
 * first two days with a purchase (whether they came back), and each
 * product's last day with a sale (refunds are not sales), for dead stock.
 *
 * Per month and dimension it keeps Σ gross and Σ gross² over the keys, so
 * the Herfindahl–Hirschman index of a month is one row: adding d to a key
 * that had g adds d² + 2·g·d to Σ gross². Category and supplier are the
 * product's when its sale was summarised. A line's cost is the one it
 * recorded when it was sold (sale_line.cost, rounded as in the sales
 * report); a line without one falls back to its product's cost today, as
 * an estimate. costed_net is the net sales with a cost of either kind,
 * recorded_net the part of it whose cost was recorded, so the page can say
 * how much of a margin is estimated.
 */
#include "pos-resilience-private.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* The summary's layout: a file of another one is made again. */
#define SUMMARY_VERSION 3

/* Sales added in one transaction: a slice stays short however far behind. */
#define SLICE_SALES 20000

static const char schema_sql[]
    = "CREATE TABLE IF NOT EXISTS summary.covered (one INTEGER PRIMARY KEY CHECK (one = 1), "
      " upto INTEGER NOT NULL, receipt TEXT);"
      "CREATE TABLE IF NOT EXISTS summary.month_key (month TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT "
      "NULL,"
      " gross INTEGER NOT NULL, net INTEGER NOT NULL, cost INTEGER NOT NULL, costed_net INTEGER NOT NULL,"
      " PRIMARY KEY (month, dim, key)) WITHOUT ROWID;"
      "CREATE INDEX IF NOT EXISTS summary.month_key_gross ON month_key (dim, month, gross);"
      "CREATE TABLE IF NOT EXISTS summary.month_dim (month TEXT NOT NULL, dim TEXT NOT NULL,"
      " gross INTEGER NOT NULL, sumsq REAL NOT NULL, net INTEGER NOT NULL, cost INTEGER NOT NULL,"
      " costed_net INTEGER NOT NULL, recorded_net INTEGER NOT NULL, PRIMARY KEY (month, dim)) WITHOUT ROWID;"
      "CREATE INDEX IF NOT EXISTS summary.month_key_by_key ON month_key (dim, key, month);"
      "CREATE TABLE IF NOT EXISTS summary.day_margin (day TEXT PRIMARY KEY, costed_net INTEGER NOT NULL,"
      " cost INTEGER NOT NULL, recorded_net INTEGER NOT NULL) WITHOUT ROWID;"
      "CREATE TABLE IF NOT EXISTS summary.customer_visit (customer INTEGER PRIMARY KEY, first TEXT NOT NULL,"
      " second TEXT);"
      "CREATE INDEX IF NOT EXISTS summary.customer_visit_first ON customer_visit (first);"
      "CREATE TABLE IF NOT EXISTS summary.last_sale (product_id INTEGER PRIMARY KEY, day TEXT NOT NULL);"
      "CREATE TEMP TABLE IF NOT EXISTS summary_delta (month TEXT, dim TEXT, key TEXT, gross INTEGER,"
      " net INTEGER, cost INTEGER, costed_net INTEGER, recorded_net INTEGER, PRIMARY KEY (month, dim, key))"
      " WITHOUT ROWID;";

/* A line's cost: the one recorded at sale time, else the product's now. */
#define LINE_COST                                                                                            \
  "CASE WHEN l.cost IS NOT NULL THEN (l.cost * l.qty + CASE WHEN l.qty < 0 THEN -500 ELSE 500 END) / 1000"   \
  " ELSE p.cost * l.qty / 1000 END"

static const char wipe_sql[]
    = "DELETE FROM summary.covered; DELETE FROM summary.month_key; DELETE FROM summary.month_dim; "
      "DELETE FROM summary.day_margin; DELETE FROM summary.customer_visit; DELETE FROM summary.last_sale;";

/* The sales' lines once per dimension; customer only for card sales. */
static const char delta_sql[]
    = "INSERT INTO summary_delta "
      "WITH l AS MATERIALIZED ("
      " SELECT substr (s.business_day, 1, 7) AS month, s.customer_id AS customer, l.sku AS sku,"
      "  p.category_id AS category, p.supplier_id AS supplier, l.line_total AS gross,"
      "  l.line_total - l.tax_amount AS net, ifnull (" LINE_COST ", 0) AS cost,"
      "  CASE WHEN l.cost IS NULL AND p.cost IS NULL THEN 0 ELSE l.line_total - l.tax_amount END AS "
      "costed_net,"
      "  CASE WHEN l.cost IS NULL THEN 0 ELSE l.line_total - l.tax_amount END AS recorded_net"
      " FROM sale s JOIN sale_line l ON l.sale_id = s.id LEFT JOIN product p ON p.id = l.product_id"
      " WHERE s.id > ?1 AND s.id <= ?2) "
      "SELECT month, dim, key, sum (gross), sum (net), sum (cost), sum (costed_net), sum (recorded_net) FROM "
      "("
      " SELECT month, 'product' AS dim, sku AS key, gross, net, cost, costed_net, recorded_net FROM l"
      " UNION ALL SELECT month, 'category', ifnull (category, ''), gross, net, cost, costed_net, recorded_net"
      "  FROM l"
      " UNION ALL SELECT month, 'supplier', ifnull (supplier, ''), gross, net, cost, costed_net, recorded_net"
      "  FROM l"
      " UNION ALL SELECT month, 'customer', customer, gross, net, cost, costed_net, recorded_net FROM l"
      "  WHERE customer IS NOT NULL) "
      "GROUP BY month, dim, key";

static const char add_dims_sql[]
    = "INSERT INTO summary.month_dim (month, dim, gross, sumsq, net, cost, costed_net, recorded_net) "
      "SELECT d.month, d.dim, sum (d.gross), sum (1.0 * d.gross * d.gross + 2.0 * d.gross * ifnull (k.gross, "
      "0)),"
      " sum (d.net), sum (d.cost), sum (d.costed_net), sum (d.recorded_net) "
      "FROM summary_delta d LEFT JOIN summary.month_key k"
      " ON k.month = d.month AND k.dim = d.dim AND k.key = d.key WHERE true GROUP BY d.month, d.dim "
      "ON CONFLICT (month, dim) DO UPDATE SET gross = gross + excluded.gross, sumsq = sumsq + excluded.sumsq,"
      " net = net + excluded.net, cost = cost + excluded.cost, costed_net = costed_net + excluded.costed_net,"
      " recorded_net = recorded_net + excluded.recorded_net";

static const char add_keys_sql[]
    = "INSERT INTO summary.month_key (month, dim, key, gross, net, cost, costed_net) "
      "SELECT month, dim, key, gross, net, cost, costed_net FROM summary_delta WHERE true "
      "ON CONFLICT (month, dim, key) DO UPDATE SET gross = gross + excluded.gross, net = net + excluded.net,"
      " cost = cost + excluded.cost, costed_net = costed_net + excluded.costed_net";

/* The margin by business day, for today against earlier weeks. */
static const char add_days_sql[]
    = "INSERT INTO summary.day_margin (day, costed_net, cost, recorded_net) "
      "SELECT s.business_day, ifnull (sum (CASE WHEN l.cost IS NOT NULL OR p.cost IS NOT NULL"
      " THEN l.line_total - l.tax_amount END), 0),"
      " ifnull (sum (" LINE_COST "), 0),"
      " ifnull (sum (CASE WHEN l.cost IS NOT NULL THEN l.line_total - l.tax_amount END), 0) "
      "FROM sale s JOIN sale_line l ON l.sale_id = s.id LEFT JOIN product p ON p.id = l.product_id "
      "WHERE s.id > ?1 AND s.id <= ?2 GROUP BY s.business_day "
      "ON CONFLICT (day) DO UPDATE SET costed_net = costed_net + excluded.costed_net,"
      " cost = cost + excluded.cost, recorded_net = recorded_net + excluded.recorded_net";

static const char add_last_sale_sql[]
    = "INSERT INTO summary.last_sale (product_id, day) "
      "SELECT l.product_id, max (s.business_day) FROM sale s JOIN sale_line l ON l.sale_id = s.id "
      "WHERE s.id > ?1 AND s.id <= ?2 AND l.qty > 0 AND l.product_id IS NOT NULL GROUP BY l.product_id "
      "ON CONFLICT (product_id) DO UPDATE SET day = max (day, excluded.day)";

/* Each card customer's first two days with a purchase: the slice's two
 * earliest merged with the two known. */
static const char add_visits_sql[]
    = "INSERT INTO summary.customer_visit (customer, first, second) "
      "WITH f AS (SELECT customer_id AS customer, min (business_day) AS first FROM sale"
      " WHERE id > ?1 AND id <= ?2 AND customer_id IS NOT NULL AND kind = 'sale' GROUP BY customer_id) "
      "SELECT customer, first, (SELECT min (t.business_day) FROM sale t WHERE t.customer_id = f.customer"
      " AND t.id > ?1 AND t.id <= ?2 AND t.kind = 'sale' AND t.business_day > f.first) FROM f WHERE true "
      "ON CONFLICT (customer) DO UPDATE SET"
      " second = (SELECT min (v) FROM (SELECT first AS v UNION ALL SELECT second UNION ALL SELECT "
      "excluded.first"
      "  UNION ALL SELECT excluded.second) WHERE v > min (first, excluded.first)),"
      " first = min (first, excluded.first)";

static const char mark_sql[] = "INSERT OR REPLACE INTO summary.covered (one, upto, receipt) "
                               "VALUES (1, ?2, (SELECT receipt_no FROM sale WHERE id = ?2))";

/* The summary file of @store; an in-memory one for a store without a file. */
static char *
summary_path (PosStore *store)
{
  const char *path = pos_store_path (store);

  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    return g_strdup (":memory:");
  return g_strconcat (path, "-summary", NULL);
}

/* Two workers (the page and the PDF, or the app and the CLI) may bring the
 * summary up to date at once, and each would add the same sales. An
 * exclusive lock on the file, held for the whole refresh, makes the second
 * wait and then find the sales already added. It also makes the file, which
 * the store's connection may open but not create; private like the store.
 * Returns the descriptor that holds the lock, or -1 with @error set. */
static int
lock_file (const char *path, GError **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd >= 0 && flock (fd, LOCK_EX) == 0)
    return fd;
  g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot use %s: %s"), path, g_strerror (errno));
  if (fd >= 0)
    close (fd);
  return -1;
}

/* Drops a summary of an older layout; it is rebuilt from the sales. */
static gboolean
same_layout (PosStore *store, GError **error)
{
  static const char drop_sql[]
      = "DROP TABLE IF EXISTS summary.covered; DROP TABLE IF EXISTS summary.month_key;"
        "DROP TABLE IF EXISTS summary.month_dim; DROP TABLE IF EXISTS summary.day_margin;"
        "DROP TABLE IF EXISTS summary.customer_visit; DROP TABLE IF EXISTS summary.last_sale;";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "PRAGMA summary.user_version", error);
  g_autofree char *set = g_strdup_printf ("PRAGMA summary.user_version = %d", SUMMARY_VERSION);
  gint64 version = 0;

  if (stmt == NULL || !pos_resilience_query_ints (store, stmt, &version, 1, 0, error))
    return FALSE;
  if (version == SUMMARY_VERSION)
    return TRUE;
  return pos_store_exec (store, drop_sql, error) && pos_store_exec (store, set, error);
}

static gboolean
attach (PosStore *store, GError **error)
{
  g_autofree char *path = summary_path (store);
  g_autoptr (PosStmt) known = pos_store_prepare (store,
                                                 "SELECT 1 FROM pragma_database_list WHERE name = "
                                                 "'summary'",
                                                 error);
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  if (known == NULL || (rc = pos_store_step_row (store, known, error)) < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    return TRUE;
  stmt = pos_store_prepare (store, "ATTACH DATABASE ?1 AS summary", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error) && same_layout (store, error)
         && pos_store_exec (store, schema_sql, error);
}

/* How far the summary goes (0: nowhere), and whether that is still so in
 * this store. */
static gboolean
read_covered (PosStore *store, gint64 *upto, gboolean *still_true, GError **error)
{
  g_autoptr (PosStmt) stmt
      = pos_store_prepare (store,
                           "SELECT c.upto, c.receipt IS (SELECT receipt_no FROM sale WHERE id = c.upto) "
                           "FROM summary.covered c",
                           error);
  gint64 row[2];

  if (stmt == NULL || !pos_resilience_query_ints (store, stmt, row, 2, -1, error))
    return FALSE;
  *upto = MAX (row[0], 0);
  *still_true = row[0] <= 0 || row[1] == 1;
  return TRUE;
}

static gboolean
run_range (PosStore *store, const char *sql, gint64 after, gint64 upto, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  /* ?1 is where the range starts, ?2 where it ends. */
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, after);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, upto);
  return pos_store_step_done (store, stmt, error);
}

/* Adds the sales after @after up to @upto, in one transaction of the
 * summary alone (BEGIN, not IMMEDIATE: the store is only read). */
static gboolean
add_slice (PosStore *store, gint64 after, gint64 upto, GError **error)
{
  if (!pos_store_exec (store, "BEGIN", error))
    return FALSE;
  if (!pos_store_exec (store, "DELETE FROM summary_delta", error)
      || !run_range (store, delta_sql, after, upto, error) || !run_range (store, add_dims_sql, 0, 0, error)
      || !run_range (store, add_keys_sql, 0, 0, error) || !run_range (store, add_days_sql, after, upto, error)
      || !run_range (store, add_visits_sql, after, upto, error)
      || !run_range (store, add_last_sale_sql, after, upto, error)
      || !run_range (store, mark_sql, after, upto, error) || !pos_store_commit (store, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
newest_sale (PosStore *store, gint64 *out, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, "SELECT max (id) FROM sale", error);

  return stmt != NULL && pos_resilience_query_ints (store, stmt, out, 1, 0, error);
}

static gboolean
refresh (PosStore *store, GError **error)
{
  gint64 upto = 0, newest = 0;
  gboolean still_true = TRUE;

  if (!attach (store, error) || !read_covered (store, &upto, &still_true, error)
      || !newest_sale (store, &newest, error))
    return FALSE;
  if (!still_true || upto > newest)
    {
      if (!pos_store_exec (store, wipe_sql, error))
        return FALSE;
      upto = 0;
    }
  while (upto < newest)
    {
      gint64 next = MIN (newest, upto + SLICE_SALES);

      if (!add_slice (store, upto, next, error))
        return FALSE;
      upto = next;
    }
  return TRUE;
}

gboolean
pos_resilience_summary_refresh (PosStore *store, GError **error)
{
  g_autofree char *path = NULL;
  gboolean done;
  int lock = -1;

  g_return_val_if_fail (store != NULL, FALSE);

  path = summary_path (store);
  if (!g_str_equal (path, ":memory:") && (lock = lock_file (path, error)) < 0)
    return FALSE;
  done = refresh (store, error);
  if (lock >= 0)
    close (lock);
  return done;
}
