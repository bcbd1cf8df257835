/* pos-sale-record.h — writing one sale or refund to the store.
 *
 * Checkout, refunds and sync all record sales through this, so a sale rung
 * up here and one pulled from another till land in the same rows the same
 * way. It collects the journal event's payload as it writes the rows, and
 * pos_sale_record_finish() appends it. Runs inside the caller's
 * transaction.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-tax.h"

G_BEGIN_DECLS

typedef struct
{
  /* Filled in by the caller before pos_sale_record_begin(). */
  const char *kind; /* "sale" or "refund" */
  gint64 refund_of; /* the original sale's id, for a refund */
  const char *refund_of_receipt;
  gint64 user_id;
  const char *user_name;
  gint64 customer_id; /* 0 = none */
  PosAmount subtotal;
  PosAmount discount_total;
  PosAmount tax_total;
  PosAmount total;
  PosAmount rounding;
  PosAmount tendered;
  PosAmount change;
  gint64 points_earned;

  /* Set by pos_sale_record_begin(). */
  gint64 sale_id;
  gint64 shift_id;
  char *till_id;
  gint64 till_number;
  char *receipt_no;
  char *created_at;
  char *business_day;
  JsonArray *lines;
  JsonArray *taxes;
  JsonArray *payments;
  gint64 moves_after;   /* the newest stock move and loyalty entry before */
  gint64 entries_after; /* the sale: its own are the ones after them */
} PosSaleRecord;

typedef struct
{
  guint line_no;
  gint64 product_id;
  const char *sku;
  const char *name;
  const char *unit;
  PosQty qty;
  PosAmount unit_price;
  gint64 catalog_version;
  const char *tax_code;
  gint64 tax_rate_bp;
  PosAmount discount;
  PosAmount total;
  PosAmount tax;
  gint64 refund_of_line; /* 0 = none */
  /* (nullable) what promotions took off the line (negative on a refund):
   * [{ "uid", "name", "amount" }], part of the discount above. */
  JsonArray *promotions;
} PosSaleLineRecord;

gboolean pos_sale_record_begin (PosStore *store, PosSaleRecord *record, GError **error);
/* For a sale pulled from another till: numbered and timed as its event
 * says; the caller adds lines, taxes and payments but does not finish. */
gboolean pos_sale_record_begin_remote (PosStore *store, PosSaleRecord *record, const char *till_id,
                                       gint64 till_number, const char *created_at, const char *business_day,
                                       GError **error);
gboolean pos_sale_record_add_line (PosStore *store, PosSaleRecord *record, const PosSaleLineRecord *line,
                                   GError **error);
gboolean pos_sale_record_add_taxes (PosStore *store, PosSaleRecord *record, const PosTaxSummary *taxes,
                                    GError **error);
gboolean pos_sale_record_add_payment (PosStore *store, PosSaleRecord *record, const char *method,
                                      PosAmount amount, const char *reference, gint64 points, GError **error);
gboolean pos_sale_record_finish (PosStore *store, PosSaleRecord *record, GError **error);
void pos_sale_record_clear (PosSaleRecord *record);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosSaleRecord, pos_sale_record_clear)

G_END_DECLS
