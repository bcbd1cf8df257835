/* pos-rksv-cashbox.c — signed receipts of one cash box (see pos-rksv-cashbox.h). */
#include "pos-rksv-cashbox.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-rksv-jws.h"

void
pos_rksv_cashbox_clear (PosRksvCashbox *box)
{
  g_clear_pointer (&box->cash_box_id, g_free);
  g_clear_pointer (&box->last_jws, g_free);
  for (gsize i = 0; i < sizeof box->aes_key; i++)
    ((volatile guint8 *)box->aes_key)[i] = 0;
}

static gboolean
add_sums (gint64 *total, const gint64 *sums, GError **error)
{
  gint64 sum = *total;

  for (int i = 0; i < POS_RKSV_RATES; i++)
    if (__builtin_add_overflow (sum, sums[i], &sum))
      {
        g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("The turnover counter overflows"));
        return FALSE;
      }
  *total = sum;
  return TRUE;
}

/* Fills @code's turnover field and moves the counter as @type says. */
static gboolean
count_turnover (PosRksvCashbox *box, PosRksvType type, PosRksvCode *code, gint64 *turnover, GError **error)
{
  *turnover = box->turnover;
  switch (type)
    {
      case POS_RKSV_TRAINING:
        code->turnover = g_base64_encode ((const guchar *)"TRA", 3);
        return TRUE;
      case POS_RKSV_REVERSAL:
        code->turnover = g_base64_encode ((const guchar *)"STO", 3);
        return add_sums (turnover, code->sums, error);
      case POS_RKSV_STANDARD:
        if (!add_sums (turnover, code->sums, error))
          return FALSE;
        break;
      case POS_RKSV_START:
      case POS_RKSV_NULL:
        break;
    }
  code->turnover
      = pos_rksv_turnover_encrypt (box->aes_key, box->cash_box_id, code->receipt_id, *turnover, error);
  return code->turnover != NULL;
}

static gboolean
fill_code (PosRksvCashbox *box, const PosRksvReceipt *receipt, const char *key_id, PosRksvCode *code,
           gint64 *turnover, GError **error)
{
  gboolean carries_sums = receipt->type != POS_RKSV_START && receipt->type != POS_RKSV_NULL;

  if ((receipt->type == POS_RKSV_START) != (box->last_jws == NULL))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   box->last_jws ? _ ("The cash box has already been started")
                                 : _ ("The cash box needs its start receipt first"));
      return FALSE;
    }
  code->cash_box_id = g_strdup (box->cash_box_id);
  code->receipt_id = g_strdup (receipt->receipt_id);
  code->date_time = g_strdup (receipt->date_time);
  for (int i = 0; i < POS_RKSV_RATES; i++)
    code->sums[i] = carries_sums ? receipt->sums[i] : 0;
  code->key_id = g_strdup (key_id);
  code->chain = pos_rksv_chain_value (box->last_jws ? box->last_jws : box->cash_box_id);
  return count_turnover (box, receipt->type, code, turnover, error);
}

char *
pos_rksv_cashbox_issue (PosRksvCashbox *box, const PosRksvReceipt *receipt, PosPkcs11Signer *signer,
                        const char *key_id, gboolean *device_failed, GError **error)
{
  g_auto (PosRksvCode) code = { 0 };
  g_autoptr (GError) device_error = NULL;
  g_autofree char *text = NULL;
  char *jws = NULL;
  gint64 turnover;

  g_return_val_if_fail (box != NULL && receipt != NULL && key_id != NULL, NULL);
  if (!fill_code (box, receipt, key_id, &code, &turnover, error))
    return NULL;
  text = pos_rksv_code_format (&code);
  if (signer != NULL)
    jws = pos_rksv_jws_sign (signer, text, &device_error);
  if (jws == NULL && receipt->type == POS_RKSV_START)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_STATE,
                   _ ("The start receipt needs a working signature device%s%s"), device_error ? ": " : "",
                   device_error ? device_error->message : "");
      return NULL;
    }
  if (device_failed != NULL)
    *device_failed = jws == NULL;
  if (jws == NULL)
    {
      if (device_error != NULL)
        g_message ("Receipt %s issued without a signature: %s", receipt->receipt_id, device_error->message);
      jws = pos_rksv_jws_device_failed (text);
    }
  box->turnover = turnover;
  g_free (box->last_jws);
  box->last_jws = g_strdup (jws);
  return jws;
}
