/* pos-kassensichv.h — a German till's sales under the KassenSichV.
 *
 * Each sale and refund gets its process data built and stored in its own
 * transaction: process type "Kassenbeleg-V1", process data
 * "Beleg^<gross by VAT rate>^<payments>" with the gross amounts at 19 %,
 * 7 %, 10.7 %, 5.5 % and 0 % ("12.50_0.00_0.00_0.00_0.00") and the payments
 * as "<amount>:Bar" or "<amount>:Unbar". Vouchers and sales on account are
 * no payment: what they paid is taken off the 0 % amount, as the DSFinV-K
 * export's lines take it off (pos-dsfinvk.h). A training sale (kind
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
 * the process data has no place for. */
char *pos_kassensichv_process_data (JsonArray *taxes, JsonArray *payments, GError **error);

gboolean pos_kassensichv_record_sale (PosStore *store, gint64 sale_id, const char *kind,
                                      const char *receipt_no, const char *created_at, JsonArray *taxes,
                                      JsonArray *payments, GError **error);
gboolean pos_kassensichv_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                        GError **error);
/* The same for training receipt @receipt_no. */
gboolean pos_kassensichv_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                         GError **error);

G_END_DECLS
