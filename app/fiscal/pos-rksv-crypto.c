/* pos-rksv-crypto.c — chain values and the encrypted turnover counter
 * (see pos-rksv-crypto.h). */
#include "pos-rksv-crypto.h"

#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <string.h>

#include "pos-error.h"
#include "pos-rksv-code.h"

static void
sha256 (const char *text, guint8 digest[32])
{
  gsize length = 32;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *)text, (gssize)strlen (text));
  g_checksum_get_digest (sum, digest, &length);
}

char *
pos_rksv_chain_value (const char *previous)
{
  guint8 digest[32];

  g_return_val_if_fail (previous != NULL, NULL);
  sha256 (previous, digest);
  return g_base64_encode (digest, POS_RKSV_CHAIN_BYTES);
}

/* AES-256-CTR over one block; encrypting and decrypting are the same. */
static gboolean
icm_block (const guint8 *aes_key, const char *cash_box_id, const char *receipt_id, const guint8 in[16],
           guint8 out[16], GError **error)
{
  g_autofree char *iv_text = g_strconcat (cash_box_id, receipt_id, NULL);
  guint8 iv[32];
  int length = 0;
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  gboolean ok;

  sha256 (iv_text, iv);
  ok = ctx != NULL && EVP_EncryptInit_ex (ctx, EVP_aes_256_ctr (), NULL, aes_key, iv) == 1
       && EVP_EncryptUpdate (ctx, out, &length, in, 16) == 1 && length == 16;
  EVP_CIPHER_CTX_free (ctx);
  if (!ok)
    g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("The turnover counter could not be encrypted"));
  return ok;
}

char *
pos_rksv_turnover_encrypt (const guint8 *aes_key, const char *cash_box_id, const char *receipt_id,
                           gint64 counter, GError **error)
{
  guint8 plain[16] = { 0 }, cipher[16];
  guint64 bits = (guint64)counter;

  for (int i = 0; i < 8; i++)
    plain[i] = (guint8)(bits >> (56 - 8 * i));
  if (!icm_block (aes_key, cash_box_id, receipt_id, plain, cipher, error))
    return NULL;
  return g_base64_encode (cipher, POS_RKSV_COUNTER_BYTES);
}

/* Takes 5 to 8 bytes (the length a cash box chose), sign-extended. */
gboolean
pos_rksv_turnover_decrypt (const guint8 *aes_key, const char *cash_box_id, const char *receipt_id,
                           const char *base64, gint64 *counter, GError **error)
{
  gsize length = 0;
  g_autofree guint8 *cipher = g_base64_decode (base64, &length);
  guint8 in[16] = { 0 }, plain[16];
  guint64 bits;

  if (length < 5 || length > 8)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Turnover counter of %zu bytes"), length);
      return FALSE;
    }
  memcpy (in, cipher, length);
  if (!icm_block (aes_key, cash_box_id, receipt_id, in, plain, error))
    return FALSE;
  bits = (plain[0] & 0x80) ? G_MAXUINT64 : 0;
  for (gsize i = 0; i < length; i++)
    bits = (bits << 8) | plain[i];
  *counter = (gint64)bits;
  return TRUE;
}

gboolean
pos_rksv_aes_key_decode (const char *base64, guint8 *key, GError **error)
{
  gsize length = 0;
  g_autofree guint8 *bytes = base64 ? g_base64_decode (base64, &length) : NULL;

  if (length != POS_RKSV_AES_KEY_BYTES)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("The AES key is not 32 bytes of base64"));
      return FALSE;
    }
  memcpy (key, bytes, POS_RKSV_AES_KEY_BYTES);
  return TRUE;
}

char *
pos_rksv_base64url_encode (const guint8 *data, gsize length)
{
  char *text = g_base64_encode (data, length);
  char *padding;

  for (char *p = text; *p; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  padding = strchr (text, '=');
  if (padding != NULL)
    *padding = '\0';
  return text;
}

/* NULL when @text is not base64url. */
GBytes *
pos_rksv_base64url_decode (const char *text)
{
  GString *plain = g_string_new (text);
  gsize length = 0;
  guint8 *data;

  for (char *p = plain->str; *p; p++)
    if (*p == '-')
      *p = '+';
    else if (*p == '_')
      *p = '/';
    else if (!g_ascii_isalnum (*p))
      {
        g_string_free (plain, TRUE);
        return NULL;
      }
  while (plain->len % 4 != 0)
    g_string_append_c (plain, '=');
  data = g_base64_decode (plain->str, &length);
  g_string_free (plain, TRUE);
  return g_bytes_new_take (data, length);
}
