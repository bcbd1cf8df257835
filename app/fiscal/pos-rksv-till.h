/* pos-rksv-till.h — this till as an Austrian cash box (AT-RKSV).
 *
 * Set up once by the owner: a cash box id, the signature device (a PKCS#11
 * module, token and key), the key id printed in each code, and a fresh
 * AES-256 key for the turnover counter; the start receipt is signed there
 * and then. The token's PIN is kept in a 0600 file beside the till's
 * journal key in the user's configuration folder, never in the store or
 * its backups. From then on every sale and refund gets its signed receipt
 * in the sale's own transaction (refunds as Storno receipts). A device
 * that fails does not stop the till: the receipt says
 * "Sicherheitseinrichtung ausgefallen", and the first receipt after the
 * device works again is preceded by a signed null receipt, as the RKSV
 * requires. Monthly and annual closing receipts are null receipts too.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-receipt.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  const char *cash_box_id;
  const char *key_id; /* e.g. "U:ATU12345678-K1" */
  const char *module_path;
  const char *token_label;
  const char *key_label;
  const char *pin;
} PosRksvSetup;

/* Owner only. Refuses a till that already has its start receipt. */
gboolean pos_rksv_till_setup (PosStore *store, const PosUser *actor, const PosRksvSetup *setup,
                              GError **error);

/* The receipt of sale @sale_id, inside the caller's transaction. @taxes is
 * the sale's tax summary as recorded (code, rate_bp, gross…). @kind
 * "training" (with @sale_id 0) issues a training receipt: its turnover
 * field says "TRA" and the counter does not move. */
gboolean pos_rksv_till_sale (PosStore *store, gint64 sale_id, const char *kind, const char *receipt_no,
                             const char *created_at, JsonArray *taxes, GError **error);

/* The taxes of a sale's receipt: @taxes less, per rate, the advance each
 * "layaway" payment in @payments collects, which was counted when it was
 * paid. (transfer full) */
JsonArray *pos_rksv_till_sale_taxes (PosStore *store, JsonArray *taxes, JsonArray *payments, GError **error);
/* Inside its transaction, the money move journal event @event_id of
 * @event_type ("layaway.moved", "account.moved") wrote: every payment in
 * Austria needs its receipt (Belegerteilungspflicht), so a payment towards
 * a layaway is a signed receipt of its own (<till>-R<move>), its amount in
 * the rate sums of the reserved goods, split pro rata, and in the turnover
 * counter, as an advance is a cash turnover when received; money given back
 * at a cancellation is a reversal receipt, negative at the rates it went
 * in with; a payment into an account (<till>-A<move>) is signed with all
 * rate sums 0. Any other move is left alone. */
gboolean pos_rksv_till_move (PosStore *store, const char *event_type, const char *event_id, GError **error);

/* A null receipt of @kind "null", "month" or "year", in its own
 * transaction. (transfer full) the receipt's id in *@receipt_id. */
gboolean pos_rksv_till_null_receipt (PosStore *store, const PosUser *actor, const char *kind,
                                     char **receipt_id, gboolean *device_failed, GError **error);

/* This till's DEP export and container into @dir. */
gboolean pos_rksv_till_export (PosStore *store, const char *dir, guint *count, GError **error);
/* Checks this till's receipts as an auditor would (pos-rksv-verify.h); that
 * every month with sales ends in a monthly closing receipt before the next
 * month's first sale (December's being the annual one); and that every
 * sale and refund since the start receipt has its receipt. */
gboolean pos_rksv_till_verify (PosStore *store, guint *count, GError **error);

/* The lines AT-RKSV prints on the receipt of @receipt_no: the QR code of
 * its machine-readable code, and the device failure when there was one. */
gboolean pos_rksv_till_receipt_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                      GError **error);
/* The same for training receipt @receipt_no of this till. */
gboolean pos_rksv_till_training_lines (PosStore *store, const char *receipt_no, PosReceipt *receipt,
                                       GError **error);
/* The same for the slip of layaway or account move @move_id (@event_type
 * "layaway.moved" or "account.moved") taken at this till. */
gboolean pos_rksv_till_move_lines (PosStore *store, const char *event_type, gint64 move_id,
                                   PosReceipt *receipt, GError **error);

G_END_DECLS
