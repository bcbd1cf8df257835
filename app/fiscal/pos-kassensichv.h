/* pos-kassensichv.h — a German till's sales under the KassenSichV.
 *
 * Each sale and refund gets its process data built and stored in its own
 * transaction: process type "Kassenbeleg-V1", process data
 * "Beleg^<gross by VAT rate>^<payments>" with the gross amounts at 19 %,
 * 7 %, 10.7 %, 5.5 % and 0 % ("12.50_0.00_0.00_0.00_0.00") and the payments
 * as "<amount>:Bar" or "<amount>:Unbar". Vouchers and sales on account are
 * no payment: what they paid is taken off the 0 % amount, as the DSFinV-K
 * export's lines take it off (pos-dsfinvk.h). Collecting a layaway takes
 * the advance paid towards it off the amounts at the rates it was put in
 * with, and the advance is no payment of the collecting receipt. A training sale (kind
 * "training", no sale id) is kept the same way with the process data's
 * type "AVTraining" in place of "Beleg". A registered TSE driver
 * (pos-tse.h) signs it; without one the data is kept unsigned and the
 * receipt says plainly that no TSE secured it.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-receipt.h"
#include "pos-store.h"

G_BEGIN_DECLS

#define POS_KASSENSICHV_PROCESS_TYPE "Kassenbeleg-V1"
#define POS_KASSENSICHV_NO_TSE "Keine TSE in Betrieb: dieser Beleg ist nicht durch eine TSE abgesichert"

/* (transfer full) (nullable): NULL with POS_ERROR_INVALID for a tax rate
 * the process data has no place for. A "layaway" payment (its reference
 * the layaway's number, read from @store) is what was paid before: its
 * advance is taken off the amounts per rate, and it is no payment. */
char *pos_kassensichv_process_data (PosStore *store, JsonArray *taxes, JsonArray *payments, GError **error);

gboolean pos_kassensichv_record_sale (PosStore *store, gint64 sale_id, const char *kind,
                                      const char *receipt_no, const char *created_at, JsonArray *taxes,
                                      JsonArray *payments, GError **error);
gboolean pos_kassensichv_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                        GError **error);
/* Inside the transaction of the money move that journal event @event_id
 * (of @event_type "layaway.moved" or "account.moved") wrote: a payment
 * towards a layaway, a cancellation that gives money back or keeps a fee,
 * or a payment or deposit into an account gets a TSE transaction of its
 * own, its process data stored under the receipt id the DSFinV-K export
 * gives it (pos_kassensichv_move_receipt_id). Any other move is no such
 * event and is left alone; the drawer's own cash events go to
 * pos_kassensichv_record_cash. */
/* Inside its transaction, the drawer's cash that journal event @event_id
 * of @event_type moved with no sale: "shift.open" (the opening float),
 * "cash.move" (paid in or out), "shift.close" (the cash taken away and the
 * count's difference) or "report.z" (each open shift's cash carried into
 * the next closing) gets a TSE transaction per receipt the DSFinV-K export
 * gives it (<till>-S<shift>, -C<move>, -S<shift>-E and -D, -S<shift>-Z<n>):
 * "Beleg^0.00_0.00_0.00_0.00_<amount>^<amount>:Bar". A case of no amount
 * has no receipt and no transaction; any other event is left alone.
 * pos_kassensichv_record_move passes these event types on to it. */
gboolean pos_kassensichv_record_cash (PosStore *store, const char *event_type, const char *event_id,
                                      GError **error);
gboolean pos_kassensichv_record_move (PosStore *store, const char *event_type, const char *event_id,
                                      GError **error);
/* "<till>-R<move id>" for a layaway's move, "<till>-A<move id>" for an account's. */
char *pos_kassensichv_move_receipt_id (PosStore *store, const char *event_type, gint64 move_id);
/* Says on the slip of move @move_id when no TSE secured it. */
gboolean pos_kassensichv_move_lines (PosStore *store, const char *event_type, gint64 move_id,
                                     PosReceipt *receipt, GError **error);
/* The same for training receipt @receipt_no. */
gboolean pos_kassensichv_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                         GError **error);

G_END_DECLS
