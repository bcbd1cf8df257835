/* pos-dsfinvk-layaway.c — the layaways as the DSFinV-K export reads them (see pos-dsfinvk-layaway.h). */
#include "pos-dsfinvk-layaway.h"

#include "pos-error.h"
#include "pos-store-private.h"

gboolean
pos_dsfinvk_advance_split (PosAmount amount, const PosDsfinvkVatPart *goods, gsize n,
                           PosDsfinvkVatPart *parts, GError **error)
{
  g_autofree PosAmount *weights = g_new0 (PosAmount, n + 1);
  g_autofree PosAmount *shares = g_new0 (PosAmount, n + 1);

  g_return_val_if_fail (goods != NULL || n == 0, FALSE);
  g_return_val_if_fail (parts != NULL || n == 0, FALSE);

  for (gsize i = 0; i < n; i++)
    weights[i] = goods[i].gross;
  if (!pos_amount_allocate (amount, weights, n, shares, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      gint64 rate = goods[i].rate_bp;

      parts[i] = (PosDsfinvkVatPart){ rate, shares[i], 0, 0 };
      if (!pos_amount_mul_div (shares[i], rate, 10000 + rate, &parts[i].tax, error))
        return FALSE;
      parts[i].net = shares[i] - parts[i].tax;
    }
  return TRUE;
}

static void
line_clear (gpointer data)
{
  g_free (((PosDsfinvkLayawayLine *)data)->tax_code);
}

/* The basket kept with the layaway has its lines in the order of
 * layaway_line (line_no 1 is the basket's first line), with the tax code
 * and rate each was sold at. */
GArray *
pos_dsfinvk_layaway_lines (PosStore *store, const char *number, GError **error)
{
  static const char sql[]
      = "SELECT json_extract (c.value, '$.tax_code'), json_extract (c.value, '$.tax_rate_bp'), l.amount "
        "FROM layaway y JOIN layaway_line l ON l.layaway_id = y.id "
        "JOIN json_each (y.cart_json, '$.lines') c ON c.key = l.line_no - 1 "
        "WHERE y.number = ?1 ORDER BY l.line_no";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (PosDsfinvkLayawayLine));
  int rc;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (lines, line_clear);
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosDsfinvkLayawayLine line
          = { pos_stmt_dup_text (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (lines, line);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&lines) : NULL;
}

GArray *
pos_dsfinvk_layaway_payments (PosStore *store, const char *number, GError **error)
{
  static const char sql[] = "SELECT m.amount FROM layaway y JOIN layaway_move m ON m.layaway_id = y.id "
                            "WHERE y.number = ?1 AND m.kind = 'payment' ORDER BY m.id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GArray) payments = g_array_new (FALSE, TRUE, sizeof (PosAmount));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosAmount amount = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (payments, amount);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&payments) : NULL;
}

gboolean
pos_dsfinvk_layaway_goods (PosStore *store, const char *number, PosTaxMode tax_mode,
                           PosDsfinvkSlotFunc slot_of, PosDsfinvkVatPart *goods, gsize n, GError **error)
{
  g_autoptr (GArray) lines = pos_dsfinvk_layaway_lines (store, number, error);

  if (lines == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    goods[i] = (PosDsfinvkVatPart){ goods[i].rate_bp, 0, 0, 0 };
  for (guint i = 0; i < lines->len; i++)
    {
      const PosDsfinvkLayawayLine *l = &g_array_index (lines, PosDsfinvkLayawayLine, i);
      PosAmount tax = 0;
      guint slot = 0;

      if (!slot_of (l->tax_code, l->rate_bp, &slot, error))
        return FALSE;
      g_return_val_if_fail (slot < n, FALSE);
      /* where prices exclude tax a line's total is its net */
      if (tax_mode != POS_TAX_INCLUSIVE && !pos_amount_mul_div (l->amount, l->rate_bp, 10000, &tax, error))
        return FALSE;
      goods[slot].gross += l->amount + tax;
    }
  return TRUE;
}

gboolean
pos_dsfinvk_layaway_booked (PosStore *store, const char *number, PosTaxMode tax_mode,
                            PosDsfinvkSlotFunc slot_of, PosDsfinvkVatPart *booked, gsize n, GError **error)
{
  g_autoptr (GArray) payments = pos_dsfinvk_layaway_payments (store, number, error);
  g_autofree PosDsfinvkVatPart *goods = g_new0 (PosDsfinvkVatPart, n + 1);
  g_autofree PosDsfinvkVatPart *part = g_new0 (PosDsfinvkVatPart, n + 1);

  if (payments == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    goods[i].rate_bp = booked[i].rate_bp;
  if (!pos_dsfinvk_layaway_goods (store, number, tax_mode, slot_of, goods, n, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    booked[i] = (PosDsfinvkVatPart){ goods[i].rate_bp, 0, 0, 0 };
  for (guint p = 0; p < payments->len; p++)
    {
      if (!pos_dsfinvk_advance_split (g_array_index (payments, PosAmount, p), goods, n, part, error))
        return FALSE;
      for (gsize i = 0; i < n; i++)
        {
          booked[i].gross += part[i].gross;
          booked[i].net += part[i].net;
          booked[i].tax += part[i].tax;
        }
    }
  return TRUE;
}

gboolean
pos_dsfinvk_layaway_move_split (PosStore *store, const char *number, PosTaxMode tax_mode,
                                PosDsfinvkSlotFunc slot_of, gboolean cancel, PosAmount amount,
                                PosDsfinvkVatPart *parts, gsize n, GError **error)
{
  g_autofree PosDsfinvkVatPart *held = g_new0 (PosDsfinvkVatPart, n + 1);
  g_autofree PosDsfinvkVatPart *kept = g_new0 (PosDsfinvkVatPart, n + 1);
  PosAmount paid = 0;

  g_return_val_if_fail (parts != NULL || n == 0, FALSE);

  for (gsize i = 0; i < n; i++)
    held[i].rate_bp = parts[i].rate_bp;
  if (!cancel)
    return pos_dsfinvk_layaway_goods (store, number, tax_mode, slot_of, held, n, error)
           && pos_dsfinvk_advance_split (amount, held, n, parts, error);
  for (gsize i = 0; i < n; i++)
    parts[i] = (PosDsfinvkVatPart){ parts[i].rate_bp, 0, 0, 0 };
  if (amount == 0)
    return TRUE; /* nothing given back: all of it is kept */
  if (!pos_dsfinvk_layaway_booked (store, number, tax_mode, slot_of, held, n, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    paid += held[i].gross;
  if (!pos_dsfinvk_advance_split (paid + amount, held, n, kept, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    parts[i] = (PosDsfinvkVatPart){ held[i].rate_bp, kept[i].gross - held[i].gross, kept[i].net - held[i].net,
                                    kept[i].tax - held[i].tax };
  return TRUE;
}

void
pos_dsfinvk_layaway_move_free (PosDsfinvkLayawayMove *move)
{
  if (move == NULL)
    return;
  g_free (move->number);
  g_free (move->method);
  g_free (move->reference);
  g_free (move->voucher_kind);
  g_free (move->created_at);
  g_free (move);
}

GPtrArray *
pos_dsfinvk_layaway_moves (PosStore *store, const char *till_id, const char *after, const char *upto,
                           GError **error)
{
  static const char sql[]
      = "SELECT m.id, y.number, m.kind = 'cancel', m.amount, m.method, m.created_at, m.reference, v.kind "
        "FROM layaway_move m JOIN layaway y ON y.id = m.layaway_id "
        "LEFT JOIN voucher v ON m.method = 'voucher' AND v.code = m.reference WHERE m.till_id = ?1 "
        "AND m.kind IN ('payment', 'cancel') AND m.created_at > ?2 AND m.created_at <= ?3 ORDER BY m.id";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  g_autoptr (GPtrArray) moves
      = g_ptr_array_new_with_free_func ((GDestroyNotify)pos_dsfinvk_layaway_move_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, upto, -1, SQLITE_STATIC);
  while ((rc = pos_store_step_row (store, stmt, error)) == SQLITE_ROW)
    {
      PosDsfinvkLayawayMove *m = g_new0 (PosDsfinvkLayawayMove, 1);

      m->id = sqlite3_column_int64 (stmt, 0);
      m->number = pos_stmt_dup_text (stmt, 1);
      m->cancel = sqlite3_column_int (stmt, 2);
      m->amount = sqlite3_column_int64 (stmt, 3);
      m->method = pos_stmt_dup_text (stmt, 4);
      m->created_at = pos_stmt_dup_text (stmt, 5);
      m->reference = pos_stmt_dup_text (stmt, 6);
      m->voucher_kind = pos_stmt_dup_text (stmt, 7);
      g_ptr_array_add (moves, m);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&moves) : NULL;
}
