/* pos-rksv-jws.c — compact JWS of receipt codes (see pos-rksv-jws.h). */
#include "pos-rksv-jws.h"

#include <glib/gi18n-lib.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <string.h>

#include "pos-error.h"
#include "pos-rksv-crypto.h"

/* base64url of {"alg":"ES256"} */
#define JWS_HEADER "eyJhbGciOiJFUzI1NiJ9"

static char *
signing_input (const char *code)
{
  g_autofree char *payload = pos_rksv_base64url_encode ((const guint8 *)code, strlen (code));

  return g_strconcat (JWS_HEADER ".", payload, NULL);
}

char *
pos_rksv_jws_sign (PosPkcs11Signer *signer, const char *code, GError **error)
{
  g_autofree char *input = signing_input (code);
  g_autoptr (GBytes) signature = pos_pkcs11_signer_sign (signer, input, strlen (input), error);
  g_autofree char *encoded = NULL;
  gsize length = 0;
  const guint8 *data;

  if (signature == NULL)
    return NULL;
  data = g_bytes_get_data (signature, &length);
  encoded = pos_rksv_base64url_encode (data, length);
  return g_strconcat (input, ".", encoded, NULL);
}

char *
pos_rksv_jws_device_failed (const char *code)
{
  g_autofree char *input = signing_input (code);
  g_autofree char *failed
      = pos_rksv_base64url_encode ((const guint8 *)POS_RKSV_DEVICE_FAILED, strlen (POS_RKSV_DEVICE_FAILED));

  return g_strconcat (input, ".", failed, NULL);
}

/* The three parts of @jws, the last decoded; FALSE when it is not one. */
static gboolean
split (const char *jws, char **code, GBytes **signature, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (jws ? jws : "", ".", -1);
  g_autoptr (GBytes) payload = NULL;

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], JWS_HEADER))
    payload = pos_rksv_base64url_decode (parts[1]);
  if (payload != NULL)
    *signature = pos_rksv_base64url_decode (parts[2]);
  if (payload == NULL || *signature == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Not an ES256 compact JWS"));
      return FALSE;
    }
  *code = g_strndup (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
  return TRUE;
}

static gboolean
says_device_failed (GBytes *signature)
{
  return g_bytes_get_size (signature) == strlen (POS_RKSV_DEVICE_FAILED)
         && memcmp (g_bytes_get_data (signature, NULL), POS_RKSV_DEVICE_FAILED,
                    strlen (POS_RKSV_DEVICE_FAILED))
                == 0;
}

char *
pos_rksv_jws_code (const char *jws, gboolean *device_failed, GError **error)
{
  g_autoptr (GBytes) signature = NULL;
  char *code = NULL;

  if (!split (jws, &code, &signature, error))
    return NULL;
  if (device_failed != NULL)
    *device_failed = says_device_failed (signature);
  return code;
}

/* r ‖ s as the DER ECDSA-Sig-Value OpenSSL verifies. */
static GBytes *
der_signature (GBytes *raw)
{
  const guint8 *rs = g_bytes_get_data (raw, NULL);
  ECDSA_SIG *sig = ECDSA_SIG_new ();
  unsigned char *der = NULL;
  int length;
  GBytes *out;

  ECDSA_SIG_set0 (sig, BN_bin2bn (rs, 32, NULL), BN_bin2bn (rs + 32, 32, NULL));
  length = i2d_ECDSA_SIG (sig, &der);
  ECDSA_SIG_free (sig);
  if (length <= 0)
    return NULL;
  out = g_bytes_new (der, (gsize)length);
  OPENSSL_free (der);
  return out;
}

static gboolean
verify (GBytes *public_key, const char *input, GBytes *raw)
{
  const unsigned char *spki = g_bytes_get_data (public_key, NULL);
  EVP_PKEY *key = d2i_PUBKEY (NULL, &spki, (long)g_bytes_get_size (public_key));
  g_autoptr (GBytes) der = g_bytes_get_size (raw) == POS_ES256_SIGNATURE_BYTES ? der_signature (raw) : NULL;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  gboolean ok;

  ok = key != NULL && der != NULL && ctx != NULL
       && EVP_DigestVerifyInit (ctx, NULL, EVP_sha256 (), NULL, key) == 1
       && EVP_DigestVerify (ctx, g_bytes_get_data (der, NULL), g_bytes_get_size (der),
                            (const unsigned char *)input, strlen (input))
              == 1;
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (key);
  return ok;
}

gboolean
pos_rksv_jws_check (const char *jws, GBytes *public_key, GError **error)
{
  g_autoptr (GBytes) signature = NULL;
  g_autofree char *code = NULL;
  g_autofree char *input = NULL;

  if (!split (jws, &code, &signature, error))
    return FALSE;
  input = signing_input (code);
  /* The signing input must be the JWS's own first two parts. */
  if (!g_str_has_prefix (jws, input) || jws[strlen (input)] != '.' || !verify (public_key, input, signature))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN, _ ("The signature does not verify"));
      return FALSE;
    }
  return TRUE;
}

char *
pos_rksv_jws_qr_text (const char *jws, GError **error)
{
  g_autoptr (GBytes) signature = NULL;
  g_autofree char *code = NULL;
  g_autofree char *encoded = NULL;

  if (!split (jws, &code, &signature, error))
    return NULL;
  encoded = g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  return g_strconcat (code, "_", encoded, NULL);
}
