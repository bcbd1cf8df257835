/* pos-voucher-verify.c — proving every voucher move is the one its journal event recorded.
 *
 * A voucher's balance is the sum of its signed moves, so a move altered
 * behind the till's back (its triggers dropped, the file edited) changes
 * what a card pays. Each move was written with the journal event that
 * carries it, and the journal is a signed hash chain: a move that differs
 * from its event, or an event without its move, is damage.
 */
#include "pos-voucher.h"

#include <glib/gi18n-lib.h>

#include "pos-store-private.h"

/* The first move whose kind, code, amount or till is not its event's. */
static const char move_differs[]
    = "SELECT m.id, m.code FROM voucher_move m LEFT JOIN journal j ON j.event_id = m.event_id "
      "WHERE j.id IS NULL "
      "OR j.type IS NOT CASE m.kind WHEN 'issue' THEN 'voucher.issued' WHEN 'redeem' THEN 'voucher.redeemed' "
      "ELSE 'voucher.voided' END "
      "OR json_extract (j.payload, '$.code') IS NOT m.code "
      "OR json_extract (j.payload, '$.amount') IS NOT CASE m.kind WHEN 'issue' THEN m.amount ELSE -m.amount "
      "END "
      "OR j.till_id IS NOT m.till_id "
      "ORDER BY m.id LIMIT 1";

/* The first voucher event with no move. */
static const char event_unmatched[]
    = "SELECT j.till_id || '-' || j.till_seq, json_extract (j.payload, '$.code') FROM journal j "
      "LEFT JOIN voucher_move m ON m.event_id = j.event_id "
      "WHERE j.type IN ('voucher.issued', 'voucher.redeemed', 'voucher.voided') AND m.id IS NULL "
      "ORDER BY j.id LIMIT 1";

static const char count_moves[] = "SELECT count(*) FROM voucher_move";

/* The first row @sql finds, as two texts; FALSE when none or on error. */
static gboolean
first_row (PosStore *store, const char *sql, char **a, char **b, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *a = pos_stmt_dup_text (stmt, 0);
  *b = pos_stmt_dup_text (stmt, 1);
  return TRUE;
}

static gboolean
count_rows (PosStore *store, gint64 *n, GError **error)
{
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, count_moves, error);

  if (stmt == NULL || pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *n = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
pos_voucher_verify (PosStore *store, gint64 *n_moves, GError **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GError *local_error = NULL;
  gint64 n = 0;

  g_return_val_if_fail (store != NULL, FALSE);

  if (first_row (store, move_differs, &a, &b, &local_error))
    return g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                        _ ("Voucher move %s of %s does not match its journal event"), a, b),
           FALSE;
  if (local_error == NULL && first_row (store, event_unmatched, &a, &b, &local_error))
    return g_set_error (error, POS_ERROR, POS_ERROR_STORE_DAMAGED,
                        _ ("Journal event %s has no move of voucher %s"), a, b),
           FALSE;
  if (local_error != NULL || !count_rows (store, &n, &local_error))
    return g_propagate_error (error, local_error), FALSE;
  if (n_moves != NULL)
    *n_moves = n;
  return TRUE;
}
