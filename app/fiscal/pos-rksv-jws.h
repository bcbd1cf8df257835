/* pos-rksv-jws.h — a receipt's code signed as a compact JWS (ES256).
 *
 * header.payload.signature, each base64url: the header is always
 * {"alg":"ES256"}, the payload the code's text. When the signature device
 * has failed, the law has the receipt say so instead of a signature: the
 * third part is then "Sicherheitseinrichtung ausgefallen".
 */
#pragma once

#include <glib.h>

#include "pos-pkcs11-signer.h"

G_BEGIN_DECLS

#define POS_RKSV_DEVICE_FAILED "Sicherheitseinrichtung ausgefallen"

/* (transfer full) */
char *pos_rksv_jws_sign (PosPkcs11Signer *signer, const char *code, GError **error);
char *pos_rksv_jws_device_failed (const char *code);

/* The code a JWS carries, and whether its device had failed.
 * (transfer full) */
char *pos_rksv_jws_code (const char *jws, gboolean *device_failed, GError **error);
/* Checks the ES256 signature of @jws with @public_key (DER
 * SubjectPublicKeyInfo). */
gboolean pos_rksv_jws_check (const char *jws, GBytes *public_key, GError **error);
/* What the QR code on the printed receipt holds: the code, "_", and the
 * signature in base64. (transfer full) */
char *pos_rksv_jws_qr_text (const char *jws, GError **error);

G_END_DECLS
