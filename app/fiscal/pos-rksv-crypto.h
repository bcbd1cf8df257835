/* pos-rksv-crypto.h — the hashing and encryption the Austrian code uses.
 *
 * The turnover counter is encrypted with AES-256 in ICM (counter) mode: the
 * counter as 8 bytes of big-endian two's complement, XORed with the key
 * stream whose first counter block is the first 16 bytes of
 * SHA-256(cash box id ‖ receipt id), and cut to 8 bytes. The chain value is
 * the first 8 bytes of SHA-256 of the previous receipt's compact JWS (of the
 * cash box id for the first receipt), base64-encoded.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_RKSV_AES_KEY_BYTES 32

/* (transfer full) */
char *pos_rksv_chain_value (const char *previous);
char *pos_rksv_turnover_encrypt (const guint8 *aes_key, const char *cash_box_id, const char *receipt_id,
                                 gint64 counter, GError **error);
gboolean pos_rksv_turnover_decrypt (const guint8 *aes_key, const char *cash_box_id, const char *receipt_id,
                                    const char *base64, gint64 *counter, GError **error);
/* A base64 AES-256 key (as the BMF container holds it) into its 32 bytes. */
gboolean pos_rksv_aes_key_decode (const char *base64, guint8 *key, GError **error);

/* base64url without padding, as JWS writes it. (transfer full) */
char *pos_rksv_base64url_encode (const guint8 *data, gsize length);
GBytes *pos_rksv_base64url_decode (const char *text);

G_END_DECLS
