/* pos-stock-take.c — stock take sessions, their counts, the variance report
 * and its approval (see pos-stock-take.h for the rule). */
#include "pos-stock-take.h"

#include <glib/gi18n-lib.h>

#include "pos-audit.h"
#include "pos-catalog.h"
#include "pos-clock.h"
#include "pos-permission.h"
#include "pos-stock-shop.h"
#include "pos-stock.h"
#include "pos-store-private.h"

void
pos_stock_take_line_free (PosStockTakeLine *line)
{
  if (line == NULL)
    return;
  g_free (line->sku);
  g_free (line->name);
  g_free (line);
}

void
pos_stock_take_unknown_free (PosStockTakeUnknown *unknown)
{
  if (unknown == NULL)
    return;
  g_free (unknown->code);
  g_free (unknown);
}

void
pos_stock_take_report_free (PosStockTakeReport *report)
{
  if (report == NULL)
    return;
  g_free (report->status);
  g_free (report->category);
  g_free (report->started_at);
  g_clear_pointer (&report->lines, g_ptr_array_unref);
  g_clear_pointer (&report->unknown, g_ptr_array_unref);
  g_free (report);
}

/* Runs @body between BEGIN and COMMIT, rolling back when it fails. */
typedef gboolean (*TakeBody) (PosStore *store, gpointer data, GError **error);

static gboolean
run_action (PosStore *store, TakeBody body, gpointer data, GError **error)
{
  if (!pos_store_require_healthy (store, error) || !pos_store_begin (store, error))
    return FALSE;
  if (!body (store, data, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  return pos_store_commit (store, error);
}

static gboolean
audit (PosStore *store, const PosUser *user, const char *action, gint64 id, GError **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"stock_take\": %" G_GINT64_FORMAT "}", id);

  return pos_audit_record (store, user, NULL, action, 0, detail, error);
}

/* The newest stock move: what a count row or the session's start saw. */
static gint64
last_move (PosStore *store)
{
  static const char sql[] = "SELECT coalesce (max (id), 0) FROM stock_move";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, NULL);

  return stmt != NULL && pos_store_step_row (store, stmt, NULL) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0)
                                                                              : 0;
}

/* Starting ----------------------------------------------------------------- */

typedef struct
{
  const PosUser *user;
  const char *category;
  gint64 id;
} Start;

static gboolean
category_id (PosStore *store, const char *name, gint64 *out, GError **error)
{
  static const char sql[] = "SELECT id FROM category WHERE name = ?1 COLLATE NOCASE";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no category “%s”"), name);
  return rc == SQLITE_ROW;
}

static gboolean
start_body (PosStore *store, gpointer data, GError **error)
{
  static const char sql[] = "INSERT INTO stock_take (scope, category_id, started_at, started_by, start_move) "
                            "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
  Start *s = data;
  g_autoptr (PosStmt) stmt = NULL;
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());
  gint64 category = 0;

  if (pos_stock_take_open_id (store, error) != 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                        _ ("A stock take is open already: approve or cancel it first")),
           FALSE;
  if (s->category != NULL && !category_id (store, s->category, &category, error))
    return FALSE;
  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category != 0 ? "category" : "shop", -1, SQLITE_STATIC);
  if (category != 0)
    sqlite3_bind_int64 (stmt, 2, category);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, s->user->id);
  sqlite3_bind_int64 (stmt, 5, last_move (store));
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  s->id = sqlite3_column_int64 (stmt, 0);
  return audit (store, s->user, "stock_take_start", s->id, error);
}

gint64
pos_stock_take_start (PosStore *store, const PosUser *user, const char *category, GError **error)
{
  Start s = { user, category, 0 };

  g_return_val_if_fail (store != NULL && user != NULL, 0);
  return run_action (store, start_body, &s, error) ? s.id : 0;
}

gint64
pos_stock_take_open_id (PosStore *store, GError **error)
{
  static const char sql[] = "SELECT id FROM stock_take WHERE status = 'open'";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  g_return_val_if_fail (store != NULL, 0);
  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* Counting ----------------------------------------------------------------- */

/* The status and category (0: the whole shop) of stock take @id. */
static char *
take_state (PosStore *store, gint64 id, gint64 *category, GError **error)
{
  static const char sql[] = "SELECT status, coalesce (category_id, 0) FROM stock_take WHERE id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no stock take %lld"), (long long)id);
  if (rc != SQLITE_ROW)
    return NULL;
  if (category != NULL)
    *category = sqlite3_column_int64 (stmt, 1);
  return pos_stmt_dup_text (stmt, 0);
}

static gboolean
require_open (PosStore *store, gint64 id, gint64 *category, GError **error)
{
  g_autofree char *status = take_state (store, id, category, error);

  if (status == NULL)
    return FALSE;
  if (!g_str_equal (status, "open"))
    return g_set_error (error, POS_ERROR, POS_ERROR_STATE, _ ("Stock take %lld is not open"), (long long)id),
           FALSE;
  return TRUE;
}

static gboolean
note_unknown (PosStore *store, gint64 id, const char *code, PosQty qty, GError **error)
{
  static const char sql[]
      = "INSERT INTO stock_take_unknown (take_id, code, qty, noted_at) VALUES (?1, ?2, ?3, ?4)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, qty);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
add_count (PosStore *store, const PosUser *user, gint64 id, gint64 product_id, PosQty qty, GError **error)
{
  static const char sql[] = "INSERT INTO stock_take_count (take_id, product_id, qty, seen_move, counted_at, "
                            "user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  sqlite3_bind_int64 (stmt, 3, qty);
  sqlite3_bind_int64 (stmt, 4, last_move (store));
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, user->id);
  return pos_store_step_done (store, stmt, error);
}

/* What has been counted of @product in stock take @id so far. */
static gboolean
counted_so_far (PosStore *store, gint64 id, gint64 product_id, PosQty *out, GError **error)
{
  static const char sql[]
      = "SELECT coalesce (sum (qty), 0) FROM stock_take_count WHERE take_id = ?1 AND product_id = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

typedef struct
{
  const PosUser *user;
  gint64 id;
  const char *code;
  PosQty qty;
  PosStockTakeLine *line;
  gboolean unknown;
} Count;

static gboolean
count_product (PosStore *store, Count *c, const PosProduct *product, gint64 category, GError **error)
{
  PosStockTakeLine *line;

  if (category != 0 && product->category_id != category)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                        _ ("%s is not in the category this stock take counts"), product->name),
           FALSE;
  if (!add_count (store, c->user, c->id, product->id, c->qty, error))
    return FALSE;
  line = g_new0 (PosStockTakeLine, 1);
  line->product_id = product->id;
  line->sku = g_strdup (product->sku);
  line->name = g_strdup (product->name);
  c->line = line;
  return counted_so_far (store, c->id, product->id, &line->counted, error);
}

static gboolean
count_body (PosStore *store, gpointer data, GError **error)
{
  Count *c = data;
  g_autoptr (GError) missing = NULL;
  g_autoptr (PosProduct) product = NULL;
  gint64 category = 0;

  if (!require_open (store, c->id, &category, error))
    return FALSE;
  product = pos_catalog_lookup (store, c->code, &missing);
  if (product != NULL)
    return count_product (store, c, product, category, error);
  if (!g_error_matches (missing, POS_ERROR, POS_ERROR_NOT_FOUND))
    return g_propagate_error (error, g_steal_pointer (&missing)), FALSE;
  c->unknown = TRUE;
  return note_unknown (store, c->id, c->code, c->qty, error);
}

static gboolean
check_count (const char *code, PosQty qty, GError **error)
{
  if (qty < 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A counted quantity cannot be negative")),
           FALSE;
  if (qty == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("A counted quantity must be more than 0")),
           FALSE;
  if (code == NULL || *code == '\0')
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Scan or type a code to count")), FALSE;
  return pos_qty_check_sane (qty, _ ("A counted quantity"), error);
}

gboolean
pos_stock_take_count (PosStore *store, const PosUser *user, gint64 id, const char *code, PosQty qty,
                      PosStockTakeLine **out, gboolean *unknown, GError **error)
{
  Count c = { user, id, code, qty, NULL, FALSE };
  gboolean ok;

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  if (!check_count (code, qty, error))
    return FALSE;
  ok = run_action (store, count_body, &c, error);
  if (unknown != NULL)
    *unknown = ok && c.unknown;
  if (ok && out != NULL)
    *out = g_steal_pointer (&c.line);
  pos_stock_take_line_free (c.line);
  return ok;
}

/* The report --------------------------------------------------------------- */

static gboolean
read_header (PosStore *store, gint64 id, PosStockTakeReport *r, GError **error)
{
  static const char sql[] = "SELECT t.status, c.name, t.started_at FROM stock_take t "
                            "LEFT JOIN category c ON c.id = t.category_id WHERE t.id = ?1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = pos_store_step_row (store, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no stock take %lld"), (long long)id);
  if (rc != SQLITE_ROW)
    return FALSE;
  r->id = id;
  r->status = pos_stmt_dup_text (stmt, 0);
  r->category = pos_stmt_dup_text (stmt, 1);
  r->started_at = pos_stmt_dup_text (stmt, 2);
  return TRUE;
}

/* Expected = the level now less this shop's moves after the product's
 * last count row: its level at the start plus every move up to that count.
 * The level is this shop's alone, so another shop's moves synced in since
 * are not taken off it. */
static gboolean
read_lines (PosStore *store, PosStockTakeReport *r, GError **error)
{
  static const char sql[]
      = "WITH c AS (SELECT product_id, sum (qty) AS counted, max (seen_move) AS seen "
        "FROM stock_take_count WHERE take_id = ?1 GROUP BY product_id) "
        "SELECT c.product_id, p.sku, p.name, c.counted, "
        "coalesce ((SELECT qty FROM stock_level WHERE product_id = c.product_id), 0) "
        "- coalesce ((SELECT sum (g.qty) FROM stock_ledger g WHERE g.product_id = c.product_id "
        "AND g.shop_id = (SELECT shop_id FROM local_shop) AND g.move_id > c.seen "
        "AND g.move_id < " POS_STOCK_LEVEL_KEY "), 0) "
        "FROM c JOIN product p ON p.id = c.product_id ORDER BY p.sku";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosStockTakeLine *l = g_new0 (PosStockTakeLine, 1);

      l->product_id = sqlite3_column_int64 (stmt, 0);
      l->sku = pos_stmt_dup_text (stmt, 1);
      l->name = pos_stmt_dup_text (stmt, 2);
      l->counted = sqlite3_column_int64 (stmt, 3);
      l->expected = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (r->lines, l);
      if (__builtin_sub_overflow (l->counted, l->expected, &l->variance))
        return g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("%s: the variance is out of range"),
                            l->sku),
               FALSE;
    }
  return rc == SQLITE_DONE;
}

static gboolean
read_unknown (PosStore *store, PosStockTakeReport *r, GError **error)
{
  static const char sql[] = "SELECT code, sum (qty) FROM stock_take_unknown WHERE take_id = ?1 "
                            "GROUP BY code ORDER BY code";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosStockTakeUnknown *u = g_new0 (PosStockTakeUnknown, 1);

      u->code = pos_stmt_dup_text (stmt, 0);
      u->qty = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (r->unknown, u);
    }
  return rc == SQLITE_DONE;
}

PosStockTakeReport *
pos_stock_take_report (PosStore *store, gint64 id, GError **error)
{
  g_autoptr (PosStockTakeReport) r = g_new0 (PosStockTakeReport, 1);

  g_return_val_if_fail (store != NULL, NULL);
  r->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_stock_take_line_free);
  r->unknown = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_stock_take_unknown_free);
  if (!read_header (store, id, r, error) || !read_lines (store, r, error) || !read_unknown (store, r, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* Approving and cancelling ------------------------------------------------- */

typedef struct
{
  const PosUser *user;
  gint64 id;
  const char *reason;
} Close;

static gboolean
set_status (PosStore *store, const Close *c, const char *status, GError **error)
{
  static const char sql[] = "UPDATE stock_take SET status = ?2, ended_at = ?3, ended_by = ?4, reason = ?5 "
                            "WHERE id = ?1 AND status = 'open'";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autofree char *now = pos_clock_iso_utc (pos_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, c->user->id);
  sqlite3_bind_text (stmt, 5, c->reason, -1, SQLITE_STATIC);
  return pos_store_step_done (store, stmt, error);
}

static gboolean
approve_body (PosStore *store, gpointer data, GError **error)
{
  const Close *c = data;
  g_autoptr (PosStockTakeReport) r = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (PosStockCountLine));
  g_autofree char *reference = NULL;

  if (!require_open (store, c->id, NULL, error) || (r = pos_stock_take_report (store, c->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < r->lines->len; i++)
    {
      PosStockTakeLine *l = g_ptr_array_index (r->lines, i);
      PosStockCountLine line = { l->product_id, l->counted, l->variance };

      g_array_append_val (lines, line);
    }
  reference = c->reason != NULL && *c->reason != '\0'
                  ? g_strdup_printf ("ST-%" G_GINT64_FORMAT " %s", c->id, c->reason)
                  : g_strdup_printf ("ST-%" G_GINT64_FORMAT, c->id);
  return (lines->len == 0
          || pos_stock_count_within (store, c->user, (PosStockCountLine *)(void *)lines->data, lines->len,
                                     reference, error))
         && set_status (store, c, "approved", error)
         && audit (store, c->user, "stock_take_approve", c->id, error);
}

gboolean
pos_stock_take_approve (PosStore *store, const PosUser *user, gint64 id, const char *reason, GError **error)
{
  Close c = { user, id, reason };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error))
    return FALSE;
  return run_action (store, approve_body, &c, error);
}

static gboolean
cancel_body (PosStore *store, gpointer data, GError **error)
{
  const Close *c = data;

  return require_open (store, c->id, NULL, error) && set_status (store, c, "cancelled", error)
         && audit (store, c->user, "stock_take_cancel", c->id, error);
}

gboolean
pos_stock_take_cancel (PosStore *store, const PosUser *user, gint64 id, GError **error)
{
  Close c = { user, id, NULL };

  g_return_val_if_fail (store != NULL && user != NULL, FALSE);
  if (!pos_permission_check (user, POS_ACTION_ADJUST_STOCK, NULL, error))
    return FALSE;
  return run_action (store, cancel_body, &c, error);
}
