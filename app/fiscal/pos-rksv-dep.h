/* pos-rksv-dep.h — the files an Austrian audit asks for.
 *
 * The DEP export (dep-export.json): the receipts' compact JWS in order, in
 * groups by signing certificate; a closed system's keys have none, so its
 * receipts are one group with an empty certificate. The cryptographic
 * material container (cryptographicMaterialContainer.json): the AES key of
 * the turnover counter and each signing key's public key by key id, as the
 * BMF's verification tools read them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *key_id;
  GBytes *public_key; /* DER SubjectPublicKeyInfo */
} PosRksvKey;

void pos_rksv_key_free (PosRksvKey *key);
PosRksvKey *pos_rksv_key_new (const char *key_id, GBytes *public_key);

/* (transfer full) */
char *pos_rksv_dep_to_json (GPtrArray *jws_list);
char *pos_rksv_container_to_json (const char *aes_key_base64, GPtrArray *keys);

/* Reads them back. (transfer full): a GPtrArray of char*, and of PosRksvKey */
GPtrArray *pos_rksv_dep_read (const char *json, GError **error);
GPtrArray *pos_rksv_container_read (const char *json, char **aes_key_base64, GError **error);

/* Writes both into @dir, which is made when missing. */
gboolean pos_rksv_dep_write_dir (const char *dir, GPtrArray *jws_list, const char *aes_key_base64,
                                 GPtrArray *keys, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosRksvKey, pos_rksv_key_free)

G_END_DECLS
