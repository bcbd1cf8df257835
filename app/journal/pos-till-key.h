/* pos-till-key.h — the Ed25519 key each till signs its journal events with.
 *
 * The private key is a file of its own, 0600, in the user's configuration
 * folder: $XDG_CONFIG_HOME/mainstreet/keys/<store-id>-<till>.key. It is
 * never written into the store, so a copy or a backup of the store carries
 * only public keys (table till_key): enough to check every signature, not
 * enough to make one. A till that finds no private key file for its store
 * (the store was copied to another machine, or the file was lost) makes a
 * new key pair and announces its public key with a `till.key` event; the
 * events it signed before stay checkable with the old public key.
 */
#pragma once

#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_TILL_KEY_PUBLIC_BYTES 32
#define POS_TILL_KEY_SIGNATURE_BYTES 64

typedef struct _PosTillKey PosTillKey;

char *pos_till_key_path (PosStore *store, const char *till_id, GError **error);
const PosTillKey *pos_till_key_for_signing (PosStore *store, const char *till_id, gboolean *announce,
                                            GError **error);
const guint8 *pos_till_key_public (const PosTillKey *key);
GBytes *pos_till_key_sign (const PosTillKey *key, const char *hash);
gboolean pos_till_key_register (PosStore *store, const char *till_id, const guint8 *public_key,
                                gboolean *added, GError **error);
GHashTable *pos_till_key_load_public (PosStore *store, GError **error);
gboolean pos_till_key_check (const guint8 *public_key, const char *hash, GBytes *signature);
gboolean pos_till_key_among (GPtrArray *keys, const guint8 *public_key);
int pos_till_key_signer (GPtrArray *keys, const char *hash, GBytes *signature);
void pos_till_key_forget_cached (void);

G_END_DECLS
