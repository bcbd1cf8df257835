/* pos-fiscal.h — where the shop's fiscal profile meets a sale.
 *
 * Two hooks, so that sales and receipts need not know any country's law:
 * one runs in the sale's own transaction once its rows are written, one
 * adds the profile's lines to the printed receipt. With the profile
 * "none" both do nothing.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-receipt.h"
#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 sale_id;
  const char *kind; /* "sale" or "refund" */
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

G_END_DECLS
