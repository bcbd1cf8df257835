/* pos-rksv-verify.h — checking an Austrian DEP export on its own.
 *
 * Walks the receipts in order and checks, for each: its code is well
 * formed and of the same cash box; it chains to the receipt before it (the
 * first, a start receipt, to the cash box id); its receipt number is new
 * and its time not before the previous one; its signature verifies with
 * the public key its key id names (or the device failure is stated, never
 * on a start receipt); and its turnover counter decrypts to the running
 * total of the sums so far. The first failure is named, with the receipt's
 * position and number.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pos_rksv_verify (GPtrArray *jws_list, const char *aes_key_base64, GPtrArray *keys, guint *checked,
                          GError **error);
/* The same for dep-export.json and cryptographicMaterialContainer.json in
 * @dir. */
gboolean pos_rksv_verify_dir (const char *dir, guint *checked, GError **error);

G_END_DECLS
