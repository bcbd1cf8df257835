/* pos-shift.h — a cashier's shift at this till and the cash in its drawer.
 *
 * A shift opens with a counted float and closes with a count by
 * denomination. In between, the drawer should hold
 *
 *   float + cash taken − cash refunded − change given + paid in − paid out
 *
 * where "cash taken" is what customers handed over (a cash payment's amount)
 * and the change handed back is the sale's change. The difference between
 * that and the count is the shift's variance. One till has at most one open
 * shift; the till is the store setting "till_id".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *till_id;
  gint64 user_id; /* the cashier who opened it */
  char *opened_at;
  PosAmount opening_float;
  char *closed_at; /* NULL while open */
} PosShift;

void pos_shift_free (PosShift *shift);

/* One line of a cash count: @count notes or coins of @denomination (minor units). */
typedef struct
{
  PosAmount denomination;
  gint64 count;
} PosCashCount;

/*
 * Opens a shift at this till for @cashier with @opening_float (≥ 0) in the
 * drawer, and journals "shift.open". POS_ERROR_STATE when this till already
 * has an open shift.
 * Returns: (transfer full) (nullable): the new shift.
 */
PosShift *pos_shift_open (PosStore *store, const PosUser *cashier, PosAmount opening_float, GError **error);

/*
 * The open shift of this till, or NULL with POS_ERROR_STATE "No shift is open".
 * Returns: (transfer full) (nullable)
 */
PosShift *pos_shift_current (PosStore *store, GError **error);

/*
 * Records cash put into ("paid_in") or taken out of ("paid_out") the drawer
 * of the open shift, or a drawer opened without a sale ("no_sale", amount
 * 0). Needs a supervisor (@user, or @approver with a PIN just entered), a
 * reason, and for "paid_out" no more than the drawer should hold. The cash
 * move, its audit row and the journal event "cash.move" are one transaction.
 */
gboolean pos_shift_cash_move (PosStore *store, const PosUser *user, const PosUser *approver, const char *kind,
                              PosAmount amount, const char *reason, GError **error);

/*
 * The cash that should be in the drawer of shift @shift_id now (see above),
 * summed in SQL. On error returns 0 with @error set.
 */
PosAmount pos_shift_expected_cash (PosStore *store, gint64 shift_id, GError **error);

/*
 * Closes this till's open shift with the drawer counted by denomination
 * (each one of the store currency's notes and coins, at most once, count ≥
 * 0). Only the shift's cashier or a supervisor may. Stores expected and
 * counted cash and the count, journals "shift.close", all in one
 * transaction, and returns the summary:
 *   { shift_id, till_id, cashier_id, opened_at, closed_at, closed_by_id, closed_by,
 *     opening_float, cash_taken, cash_refunded, change_given, paid_in, paid_out,
 *     expected_cash, counted_cash, variance (counted − expected),
 *     counted: [ { denomination, count, amount } … ] }
 * Returns: (transfer full) (nullable): a JSON object.
 */
JsonNode *pos_shift_close (PosStore *store, const PosUser *user, const PosCashCount *counted, gsize n,
                           GError **error);

/* The cash flows of shift @shift_id as JSON members of @object (opening_float,
 * cash_taken, cash_refunded, change_given, paid_in, paid_out, expected_cash);
 * used by the close summary and the X and Z reports. */
gboolean pos_shift_add_cash_summary (PosStore *store, gint64 shift_id, JsonObject *object, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosShift, pos_shift_free)

G_END_DECLS
