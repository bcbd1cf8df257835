/* pos-pkcs11-signer.c — signing on a PKCS#11 token (see pos-pkcs11-signer.h). */
#include "pos-pkcs11-signer.h"

#include <glib/gi18n-lib.h>
#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>
#include <string.h>

#include "pos-error.h"

struct _PosPkcs11Signer
{
  CK_FUNCTION_LIST *module;
  gboolean initialized;
  CK_SESSION_HANDLE session;
  CK_OBJECT_HANDLE key;
  GBytes *public_key;
};

/* DER of the named curve P-256 (CKA_EC_PARAMS) and the SubjectPublicKeyInfo
 * prefix that an uncompressed P-256 point completes. */
static const guint8 p256_params[] = { 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
static const guint8 p256_spki_prefix[]
    = { 0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
        0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00 };

static gboolean
failed (CK_RV rv, const char *what, GError **error)
{
  if (rv == CKR_OK)
    return FALSE;
  g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Signature device: %s: %s"), what,
               p11_kit_strerror (rv));
  return TRUE;
}

static gboolean
find_slot (PosPkcs11Signer *signer, const char *token_label, CK_SLOT_ID *slot, GError **error)
{
  CK_ULONG count = 0;
  g_autofree CK_SLOT_ID *slots = NULL;

  if (failed (signer->module->C_GetSlotList (CK_TRUE, NULL, &count), "listing slots", error))
    return FALSE;
  slots = g_new0 (CK_SLOT_ID, count + 1);
  if (failed (signer->module->C_GetSlotList (CK_TRUE, slots, &count), "listing slots", error))
    return FALSE;
  for (CK_ULONG i = 0; i < count; i++)
    {
      CK_TOKEN_INFO info;

      if (signer->module->C_GetTokenInfo (slots[i], &info) != CKR_OK)
        continue;
      if (p11_kit_space_strlen (info.label, sizeof info.label) == strlen (token_label)
          && memcmp (info.label, token_label, strlen (token_label)) == 0)
        {
          *slot = slots[i];
          return TRUE;
        }
    }
  g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Signature device: no token labelled “%s”"),
               token_label);
  return FALSE;
}

static gboolean
find_object (PosPkcs11Signer *signer, CK_OBJECT_CLASS klass, const char *label, CK_OBJECT_HANDLE *object,
             GError **error)
{
  CK_ATTRIBUTE query[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_LABEL, (void *)label, strlen (label) },
  };
  CK_ULONG found = 0;
  CK_RV rv;

  rv = signer->module->C_FindObjectsInit (signer->session, query, G_N_ELEMENTS (query));
  if (failed (rv, "searching keys", error))
    return FALSE;
  rv = signer->module->C_FindObjects (signer->session, object, 1, &found);
  signer->module->C_FindObjectsFinal (signer->session);
  if (failed (rv, "searching keys", error))
    return FALSE;
  if (found == 0)
    g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Signature device: no %s key labelled “%s”"),
                 klass == CKO_PRIVATE_KEY ? "private" : "public", label);
  return found == 1;
}

/* CKA_EC_POINT is a DER OCTET STRING around the point in PKCS#11 2.40;
 * some modules give the bare point. Either way: 0x04 ‖ X ‖ Y. */
static GBytes *
spki_from_point (const guint8 *point, CK_ULONG length)
{
  GByteArray *spki;

  if (length == 67 && point[0] == 0x04 && point[1] == 0x41)
    point += 2, length -= 2;
  if (length != 65 || point[0] != 0x04)
    return NULL;
  spki = g_byte_array_new ();
  g_byte_array_append (spki, p256_spki_prefix, sizeof p256_spki_prefix);
  g_byte_array_append (spki, point, 65);
  return g_byte_array_free_to_bytes (spki);
}

static gboolean
read_public_key (PosPkcs11Signer *signer, const char *key_label, GError **error)
{
  CK_OBJECT_HANDLE object;
  guint8 params[64], point[128];
  CK_ATTRIBUTE query[] = {
    { CKA_EC_PARAMS, params, sizeof params },
    { CKA_EC_POINT, point, sizeof point },
  };

  if (!find_object (signer, CKO_PUBLIC_KEY, key_label, &object, error))
    return FALSE;
  if (failed (signer->module->C_GetAttributeValue (signer->session, object, query, 2), "reading the key",
              error))
    return FALSE;
  if (query[0].ulValueLen == sizeof p256_params && memcmp (params, p256_params, sizeof p256_params) == 0)
    signer->public_key = spki_from_point (point, query[1].ulValueLen);
  if (signer->public_key == NULL)
    g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Signature device: key “%s” is not an EC P-256 key"),
                 key_label);
  return signer->public_key != NULL;
}

static gboolean
open_session (PosPkcs11Signer *signer, const char *token_label, const char *pin, GError **error)
{
  CK_SLOT_ID slot;
  CK_RV rv;

  if (!find_slot (signer, token_label, &slot, error))
    return FALSE;
  rv = signer->module->C_OpenSession (slot, CKF_SERIAL_SESSION, NULL, NULL, &signer->session);
  if (failed (rv, "opening a session", error))
    return FALSE;
  rv = signer->module->C_Login (signer->session, CKU_USER, (CK_UTF8CHAR *)pin, pin ? strlen (pin) : 0);
  return rv == CKR_USER_ALREADY_LOGGED_IN || !failed (rv, "signing in", error);
}

PosPkcs11Signer *
pos_pkcs11_signer_open (const char *module_path, const char *token_label, const char *pin,
                        const char *key_label, GError **error)
{
  g_autoptr (PosPkcs11Signer) signer = g_new0 (PosPkcs11Signer, 1);

  g_return_val_if_fail (module_path != NULL && token_label != NULL && key_label != NULL, NULL);
  signer->session = CK_INVALID_HANDLE;
  signer->module = p11_kit_module_load (module_path, 0);
  if (signer->module == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("Signature device: cannot load %s: %s"),
                   module_path, p11_kit_message ());
      return NULL;
    }
  if (failed (p11_kit_module_initialize (signer->module), "starting the module", error))
    return NULL;
  signer->initialized = TRUE;
  if (!open_session (signer, token_label, pin, error)
      || !find_object (signer, CKO_PRIVATE_KEY, key_label, &signer->key, error)
      || !read_public_key (signer, key_label, error))
    return NULL;
  return g_steal_pointer (&signer);
}

void
pos_pkcs11_signer_free (PosPkcs11Signer *signer)
{
  if (signer == NULL)
    return;
  if (signer->session != CK_INVALID_HANDLE)
    signer->module->C_CloseSession (signer->session);
  if (signer->initialized)
    p11_kit_module_finalize (signer->module);
  if (signer->module != NULL)
    p11_kit_module_release (signer->module);
  g_clear_pointer (&signer->public_key, g_bytes_unref);
  g_free (signer);
}

GBytes *
pos_pkcs11_signer_public_key (PosPkcs11Signer *signer)
{
  g_return_val_if_fail (signer != NULL, NULL);
  return signer->public_key;
}

GBytes *
pos_pkcs11_signer_sign (PosPkcs11Signer *signer, const char *data, gsize length, GError **error)
{
  CK_MECHANISM mechanism = { CKM_ECDSA, NULL, 0 };
  guint8 digest[32], signature[POS_ES256_SIGNATURE_BYTES];
  gsize digest_length = sizeof digest;
  CK_ULONG signature_length = sizeof signature;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (signer != NULL, NULL);
  g_checksum_update (sum, (const guchar *)data, (gssize)length);
  g_checksum_get_digest (sum, digest, &digest_length);
  if (failed (signer->module->C_SignInit (signer->session, &mechanism, signer->key), "signing", error)
      || failed (
          signer->module->C_Sign (signer->session, digest, digest_length, signature, &signature_length),
          "signing", error))
    return NULL;
  if (signature_length != POS_ES256_SIGNATURE_BYTES)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Signature device: a signature of %lu bytes"),
                   (unsigned long)signature_length);
      return NULL;
    }
  return g_bytes_new (signature, signature_length);
}
