/* pos-pkcs11-signer.h — an ECDSA P-256 key on a PKCS#11 token.
 *
 * The Austrian rules want receipts signed by a signature device: a smart
 * card, a USB token or an HSM. Each of those speaks PKCS#11; p11-kit loads
 * the vendor's module. The private key never leaves the token: the till
 * hashes, the token signs. The key's public half is read from the token's
 * public-key object with the same label.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_ES256_SIGNATURE_BYTES 64

typedef struct _PosPkcs11Signer PosPkcs11Signer;

/* Opens the key labelled @key_label on the token labelled @token_label in
 * the PKCS#11 module @module_path, signing in with @pin.
 * (transfer full) */
PosPkcs11Signer *pos_pkcs11_signer_open (const char *module_path, const char *token_label, const char *pin,
                                         const char *key_label, GError **error);
void pos_pkcs11_signer_free (PosPkcs11Signer *signer);
/* The public key as a DER SubjectPublicKeyInfo. (transfer none) */
GBytes *pos_pkcs11_signer_public_key (PosPkcs11Signer *signer);
/* ES256 of @data: SHA-256 here, ECDSA on the token; r ‖ s, 64 bytes.
 * (transfer full) */
GBytes *pos_pkcs11_signer_sign (PosPkcs11Signer *signer, const char *data, gsize length, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosPkcs11Signer, pos_pkcs11_signer_free)

G_END_DECLS
