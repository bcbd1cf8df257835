/* pos-rksv-code.h — the machine-readable code of an Austrian receipt (RKSV).
 *
 * Every receipt of a till under the Austrian cash-register rules carries a
 * code that the receipt's signature covers:
 *
 *   _R1-AT0_<cash box>_<receipt>_<date-time>_<normal>_<reduced 1>_<reduced 2>
 *   _<zero>_<special>_<turnover counter>_<key id>_<chain value>
 *
 * The five sums are the receipt's gross amounts per Austrian tax-rate class
 * as decimal text with a comma; the turnover counter is the cash box's
 * running total encrypted with AES-256-ICM, or "STO"/"TRA" (in base64) on a
 * reversal or training receipt; the key id names the signing key; the chain
 * value ties the receipt to the one before it. Amounts here are cents.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The code's algorithm suite: ES256 signatures, SHA-256 chaining of 8
 * bytes, a closed system whose keys are named by company and key id. */
#define POS_RKSV_SUITE "R1-AT0"
#define POS_RKSV_CHAIN_BYTES 8
#define POS_RKSV_COUNTER_BYTES 8

typedef enum
{
  POS_RKSV_STANDARD,
  POS_RKSV_START,    /* the first receipt of a cash box */
  POS_RKSV_NULL,     /* no turnover: after a device failure, closings, checks */
  POS_RKSV_REVERSAL, /* Storno: counts in the turnover, code says STO */
  POS_RKSV_TRAINING, /* never counts, code says TRA */
} PosRksvType;

/* The five Austrian tax-rate classes, in the code's order. */
typedef enum
{
  POS_RKSV_RATE_NORMAL,
  POS_RKSV_RATE_REDUCED_1,
  POS_RKSV_RATE_REDUCED_2,
  POS_RKSV_RATE_ZERO,
  POS_RKSV_RATE_SPECIAL,
  POS_RKSV_RATES,
} PosRksvRate;

typedef struct
{
  char *cash_box_id;
  char *receipt_id;
  char *date_time; /* local time, yyyy-MM-ddTHH:mm:ss */
  gint64 sums[POS_RKSV_RATES];
  char *turnover; /* base64: encrypted counter, or STO / TRA */
  char *key_id;
  char *chain; /* base64 of the first bytes of SHA-256 of the previous JWS */
} PosRksvCode;

void pos_rksv_code_clear (PosRksvCode *code);
/* The code's text, as signed. (transfer full) */
char *pos_rksv_code_format (const PosRksvCode *code);
/* Reads a code's text back; FALSE with POS_ERROR_INVALID when malformed. */
gboolean pos_rksv_code_parse (const char *text, PosRksvCode *code, GError **error);

/* "12,30", "-0,05": cents as the code writes them. (transfer full) */
char *pos_rksv_amount_format (gint64 cents);
gboolean pos_rksv_amount_parse (const char *text, gint64 *cents);

const char *pos_rksv_type_to_string (PosRksvType type);
gboolean pos_rksv_type_parse (const char *text, PosRksvType *type);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PosRksvCode, pos_rksv_code_clear)

G_END_DECLS
