/* pos-fiscal.h — where the shop's fiscal profile meets a sale.
 *
 * Two hooks, so that sales and receipts need not know any country's law:
 * one runs in the sale's own transaction once its rows are written, one
 * adds the profile's lines to the printed receipt; and the same two for a
 * training sale. With the profile "none" they do nothing.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-receipt.h"
#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 sale_id;
  const char *kind; /* "sale", "refund" or "training" */
  const char *receipt_no;
  const char *created_at; /* ISO 8601 UTC */
  gint64 total;
  JsonArray *taxes;    /* as recorded: code, rate_bp, net, tax, gross */
  JsonArray *payments; /* as recorded: method, amount… */
} PosFiscalSale;

/* Inside the sale's transaction: an error undoes the sale. */
gboolean pos_fiscal_record_sale (PosStore *store, const PosFiscalSale *sale, GError **error);
gboolean pos_fiscal_add_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                       GError **error);

/* A training sale (pos-training.h; no sale_id, kind "training"), inside
 * its transaction: AT-RKSV signs it as a training receipt (turnover field
 * "TRA", the counter unchanged) that goes into the DEP; DE-KassenSichV
 * keeps its process data as an "AVTraining" transaction; FR-NF525 lists it
 * in the event log (JET) and keeps it out of the grand totals. */
gboolean pos_fiscal_record_training (PosStore *store, const PosFiscalSale *sale, GError **error);
/* The profile's lines on the receipt of training sale @receipt_no. */
gboolean pos_fiscal_add_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                        GError **error);

/* Money moved with no sale: inside the transaction of the move that
 * journal event @event_id of @event_type wrote at this till — a layaway's
 * or an account's move ("layaway.moved", "account.moved";
 * pos-money-move.h) or the drawer's own cash ("shift.open", "cash.move",
 * "shift.close", "report.z"; pos-shift.h, pos-report.h). DE-KassenSichV
 * gives each a TSE transaction of its own (pos-kassensichv.h); AT-RKSV
 * signs a layaway's or an account's payment as a receipt of its own
 * (pos-rksv-till.h); FR-NF525 keeps them all out of its grand totals. */
gboolean pos_fiscal_record_money_move (PosStore *store, const char *event_type, const char *event_id,
                                       GError **error);
/* The profile's lines on the slip of move @move_id. */
gboolean pos_fiscal_add_money_move_lines (PosStore *store, const char *event_type, gint64 move_id,
                                          PosReceipt *receipt, GError **error);

G_END_DECLS
