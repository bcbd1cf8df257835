/* pos-nf525-line.c — signing and checking FR-NF525 lines (see pos-nf525-line.h). */
#include "pos-nf525-line.h"

#include "pos-till-key.h"

char *
pos_nf525_sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

char *
pos_nf525_sign (PosStore *store, const char *till_id, const char *text, GError **error)
{
  g_autofree char *hash = pos_nf525_sha256 (text);
  g_autofree char *signature = NULL;
  gboolean announce = FALSE;
  const PosTillKey *key = pos_till_key_for_signing (store, till_id, &announce, error);
  g_autoptr (GBytes) sig = NULL;

  if (key == NULL)
    return NULL;
  sig = pos_till_key_sign (key, hash);
  signature = g_base64_encode (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
  return g_strconcat (text, "|", signature, NULL);
}

gboolean
pos_nf525_signed_by (GPtrArray *keys, const char *text, const char *signature)
{
  g_autofree char *hash = pos_nf525_sha256 (text);
  gsize length = 0;
  g_autofree guint8 *raw = g_base64_decode (signature, &length);
  g_autoptr (GBytes) sig = g_bytes_new (raw, length);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      GBytes *key = g_ptr_array_index (keys, i);
      if (g_bytes_get_size (key) == POS_TILL_KEY_PUBLIC_BYTES
          && pos_till_key_check (g_bytes_get_data (key, NULL), hash, sig))
        return TRUE;
    }
  return FALSE;
}
