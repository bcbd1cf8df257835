/* pos-rksv-cashbox.h — issuing the signed receipts of one Austrian cash box.
 *
 * One function turns a receipt (type, id, time, the five sums) into its
 * signed JWS and moves the cash box on: the turnover counter and the last
 * JWS, which the next receipt chains to. The till's sales and the replay of
 * the BMF test scenarios both go through it.
 */
#pragma once

#include <glib.h>

#include "pos-pkcs11-signer.h"
#include "pos-rksv-code.h"
#include "pos-rksv-crypto.h"

G_BEGIN_DECLS

typedef struct
{
  char *cash_box_id;
  guint8 aes_key[POS_RKSV_AES_KEY_BYTES];
  gint64 turnover; /* cents */
  char *last_jws;  /* NULL until the start receipt */
} PosRksvCashbox;

typedef struct
{
  PosRksvType type;
  const char *receipt_id;
  const char *date_time;
  gint64 sums[POS_RKSV_RATES];
} PosRksvReceipt;

void pos_rksv_cashbox_clear (PosRksvCashbox *box);

/* Issues @receipt, signed with @signer under @key_id. With no @signer (the
 * device is out of order) or when the device fails now, the receipt is
 * issued all the same and says "Sicherheitseinrichtung ausgefallen"
 * (*@device_failed is then TRUE); the till keeps selling. Only a start
 * receipt needs a working device. (transfer full) */
char *pos_rksv_cashbox_issue (PosRksvCashbox *box, const PosRksvReceipt *receipt, PosPkcs11Signer *signer,
                              const char *key_id, gboolean *device_failed, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosRksvCashbox, pos_rksv_cashbox_clear)

G_END_DECLS
