/* pos-layaway.c — layaways: reading them, their figures (see pos-layaway.h). */
#include "pos-layaway.h"

#include <glib/gi18n-lib.h>

#include "pos-clock.h"
#include "pos-format.h"
#include "pos-layaway-private.h"
#include "pos-names.h"
#include "pos-shop.h"
#include "pos-stock-shop.h"

static const char *const state_names[] = { "open", "collected", "cancelled" };
static const char *const kind_names[] = { "payment", "collect", "cancel" };

const char *
pos_layaway_state_to_string (PosLayawayState state)
{
  return pos_names_get (state_names, G_N_ELEMENTS (state_names), state);
}

const char *
pos_layaway_state_label (PosLayawayState state)
{
  static const char *const labels[] = {
    NC_ ("layaway state", "Open"),
    NC_ ("layaway state", "Collected"),
    NC_ ("layaway state", "Cancelled"),
  };

  g_return_val_if_fail (state <= POS_LAYAWAY_CANCELLED, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "layaway state", labels[state]);
}

const char *
pos_layaway_move_kind_to_string (PosLayawayMoveKind kind)
{
  return pos_names_get (kind_names, G_N_ELEMENTS (kind_names), kind);
}

gboolean
pos_layaway_move_kind_parse (const char *text, PosLayawayMoveKind *out)
{
  guint value;

  if (!pos_names_parse (kind_names, G_N_ELEMENTS (kind_names), text, &value))
    return FALSE;
  *out = (PosLayawayMoveKind)value;
  return TRUE;
}

void
pos_layaway_line_free (PosLayawayLine *line)
{
  if (line == NULL)
    return;
  g_free (line->sku);
  g_free (line->name);
  g_free (line);
}

void
pos_layaway_move_free (PosLayawayMove *move)
{
  if (move == NULL)
    return;
  g_free (move->method);
  g_free (move->reference);
  g_free (move->receipt_no);
  g_free (move->note);
  g_free (move->till_id);
  g_free (move->created_at);
  g_free (move);
}

void
pos_layaway_free (PosLayaway *layaway)
{
  if (layaway == NULL)
    return;
  g_free (layaway->number);
  g_free (layaway->customer_name);
  g_free (layaway->expires_on);
  g_free (layaway->created_at);
  g_free (layaway->till_id);
  g_free (layaway->receipt_no);
  g_clear_pointer (&layaway->lines, g_ptr_array_unref);
  g_clear_pointer (&layaway->moves, g_ptr_array_unref);
  g_free (layaway);
}

PosAmount
pos_layaway_due (const PosLayaway *layaway)
{
  g_return_val_if_fail (layaway != NULL, 0);
  return layaway->total - layaway->paid;
}

PosAmount
pos_layaway_min_deposit (PosStore *store, PosAmount total)
{
  gint64 pct = CLAMP (pos_store_get_setting_int (store, "layaway_min_deposit_pct", 20), 0, 100);
  PosAmount min = 0;

  if (!pos_amount_percent (total, pct * 100, &min, NULL))
    return total;
  return MIN (min, total);
}

gboolean
pos_layaway_stock_in (PosStore *store, const char *shop_id, gint64 product_id, PosQty *level,
                      PosQty *reserved, GError **error)
{
  /* The level by the ledger's key; a layaway's shop is its till's
   * (till_shop, or "main" for a till that never named one). */
  static const char sql[]
      = "SELECT coalesce ((SELECT qty FROM stock_ledger WHERE product_id = ?1 AND shop_id = ?2 "
        "  AND move_id = " POS_STOCK_LEVEL_KEY "), 0), "
        "coalesce ((SELECT sum (l.qty) FROM layaway_line l JOIN layaway y ON y.id = l.layaway_id "
        "  WHERE l.product_id = ?1 AND coalesce ((SELECT t.shop_id FROM till_shop t "
        "  WHERE t.till_id = y.till_id), '" POS_STOCK_SHOP_DEFAULT "') = ?2 "
        "  AND NOT EXISTS (SELECT 1 FROM layaway_move m WHERE m.layaway_id = l.layaway_id "
        "  AND m.kind IN ('collect', 'cancel'))), 0)";
  g_autoptr (PosStmt) stmt = NULL;

  g_return_val_if_fail (store != NULL && shop_id != NULL, FALSE);
  g_return_val_if_fail (level != NULL && reserved != NULL, FALSE);

  if ((stmt = pos_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_text (stmt, 2, shop_id, -1, SQLITE_TRANSIENT);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *level = sqlite3_column_int64 (stmt, 0);
  *reserved = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

PosQty
pos_layaway_reserved (PosStore *store, gint64 product_id)
{
  g_autofree char *shop_id = NULL;
  PosQty level = 0, reserved = 0;

  g_return_val_if_fail (store != NULL, 0);

  shop_id = pos_stock_shop_local (store);
  return pos_layaway_stock_in (store, shop_id, product_id, &level, &reserved, NULL) ? reserved : 0;
}

gint64
pos_layaway_product_by_sku (PosStore *store, const char *sku)
{
  static const char sql[] = "SELECT id FROM product WHERE sku = ?1";
  g_autoptr (PosStmt) stmt = NULL;

  if (sku == NULL || (stmt = pos_store_prepare (store, sql, NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Reading --------------------------------------------------------------------------- */

/* The state and its figures come from the moves: nothing is updated. */
#define LAYAWAY_COLUMNS                                                                                      \
  "SELECT l.id, l.number, l.customer_name, l.customer_id, l.total, l.min_deposit, l.expires_on, "            \
  "l.created_at, l.till_id, "                                                                                \
  "(SELECT coalesce (sum (amount), 0) FROM layaway_move m WHERE m.layaway_id = l.id AND m.kind = "           \
  "'payment'), "                                                                                             \
  "c.kind, -c.amount, c.receipt_no "                                                                         \
  "FROM layaway l LEFT JOIN layaway_move c ON c.id = (SELECT min (id) FROM layaway_move "                    \
  "WHERE layaway_id = l.id AND kind IN ('collect', 'cancel')) "

static PosLayaway *
layaway_from_row (PosStmt *stmt)
{
  PosLayaway *l = g_new0 (PosLayaway, 1);
  const char *closed = (const char *)sqlite3_column_text (stmt, 10);

  l->id = sqlite3_column_int64 (stmt, 0);
  l->number = pos_stmt_dup_text (stmt, 1);
  l->customer_name = pos_stmt_dup_text (stmt, 2);
  l->customer_id = sqlite3_column_int64 (stmt, 3);
  l->total = sqlite3_column_int64 (stmt, 4);
  l->min_deposit = sqlite3_column_int64 (stmt, 5);
  l->expires_on = pos_stmt_dup_text (stmt, 6);
  l->created_at = pos_stmt_dup_text (stmt, 7);
  l->till_id = pos_stmt_dup_text (stmt, 8);
  l->paid = sqlite3_column_int64 (stmt, 9);
  l->state = closed == NULL                    ? POS_LAYAWAY_OPEN
             : g_str_equal (closed, "collect") ? POS_LAYAWAY_COLLECTED
                                               : POS_LAYAWAY_CANCELLED;
  if (l->state == POS_LAYAWAY_CANCELLED)
    l->given_back = sqlite3_column_int64 (stmt, 11);
  if (l->state == POS_LAYAWAY_COLLECTED)
    l->receipt_no = pos_stmt_dup_text (stmt, 12);
  return l;
}

static gboolean
read_lines (PosStore *store, PosLayaway *l, GError **error)
{
  static const char sql[]
      = "SELECT sku, name, qty, amount FROM layaway_line WHERE layaway_id = ?1 ORDER BY line_no";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  l->lines = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_layaway_line_free);
  sqlite3_bind_int64 (stmt, 1, l->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosLayawayLine *line = g_new0 (PosLayawayLine, 1);

      line->sku = pos_stmt_dup_text (stmt, 0);
      line->name = pos_stmt_dup_text (stmt, 1);
      line->qty = sqlite3_column_int64 (stmt, 2);
      line->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (l->lines, line);
    }
  return rc >= 0;
}

static gboolean
read_moves (PosStore *store, PosLayaway *l, GError **error)
{
  static const char sql[] = "SELECT id, kind, amount, method, reference, receipt_no, note, till_id, "
                            "created_at FROM layaway_move WHERE layaway_id = ?1 ORDER BY created_at, id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  l->moves = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_layaway_move_free);
  sqlite3_bind_int64 (stmt, 1, l->id);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosLayawayMove *m = g_new0 (PosLayawayMove, 1);
      g_autofree char *kind = pos_stmt_dup_text (stmt, 1);

      m->id = sqlite3_column_int64 (stmt, 0);
      pos_layaway_move_kind_parse (kind, &m->kind);
      m->amount = sqlite3_column_int64 (stmt, 2);
      m->method = pos_stmt_dup_text (stmt, 3);
      m->reference = pos_stmt_dup_text (stmt, 4);
      m->receipt_no = pos_stmt_dup_text (stmt, 5);
      m->note = pos_stmt_dup_text (stmt, 6);
      m->till_id = pos_stmt_dup_text (stmt, 7);
      m->created_at = pos_stmt_dup_text (stmt, 8);
      g_ptr_array_add (l->moves, m);
    }
  return rc >= 0;
}

static PosLayaway *
get_where (PosStore *store, const char *sql, const char *number, gint64 id, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (PosLayaway) l = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (number != NULL)
    sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no layaway %s"),
                        number ? number : "?"),
           NULL;
  l = layaway_from_row (stmt);
  g_clear_pointer (&stmt, pos_stmt_release);
  if (!read_lines (store, l, error) || !read_moves (store, l, error))
    return NULL;
  return g_steal_pointer (&l);
}

PosLayaway *
pos_layaway_get (PosStore *store, const char *number, GError **error)
{
  static const char sql[] = LAYAWAY_COLUMNS "WHERE l.number = ?1";

  g_return_val_if_fail (store != NULL && number != NULL, NULL);
  return get_where (store, sql, number, 0, error);
}

PosLayaway *
pos_layaway_get_by_id (PosStore *store, gint64 id, GError **error)
{
  static const char sql[] = LAYAWAY_COLUMNS "WHERE l.id = ?1";

  return get_where (store, sql, NULL, id, error);
}

static GPtrArray *
list_where (PosStore *store, const char *sql, const char *day, int state, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_layaway_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (day != NULL)
    sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr (PosLayaway) l = layaway_from_row (stmt);

      if (state < 0 || (int)l->state == state)
        g_ptr_array_add (list, g_steal_pointer (&l));
    }
  return rc < 0 ? NULL : g_steal_pointer (&list);
}

GPtrArray *
pos_layaway_list (PosStore *store, int state, GError **error)
{
  static const char sql[] = LAYAWAY_COLUMNS "ORDER BY l.created_at DESC, l.id DESC";

  g_return_val_if_fail (store != NULL, NULL);
  return list_where (store, sql, NULL, state, error);
}

GPtrArray *
pos_layaway_overdue (PosStore *store, const char *today, GError **error)
{
  static const char sql[] = LAYAWAY_COLUMNS "WHERE l.expires_on < ?1 ORDER BY l.expires_on, l.id";
  g_autofree char *now = today ? g_strdup (today) : pos_clock_business_day (pos_clock_now_us ());

  g_return_val_if_fail (store != NULL, NULL);
  return list_where (store, sql, now, POS_LAYAWAY_OPEN, error);
}
