/* pos-backup-crypt.h — encrypted backups.
 *
 * An encrypted backup (<name>.db.enc) is the plain backup sealed with
 * libsodium's secretstream (XChaCha20-Poly1305) in 64 KiB chunks, so a
 * changed, cut or reordered chunk is refused rather than decrypted. The key
 * is derived from the owner's passphrase with Argon2id (salt and limits in
 * the file's header) or read from a 32-byte key file. The header is
 * authenticated with every chunk.
 */
#pragma once

#include <glib.h>

#include "pos-error.h"

G_BEGIN_DECLS

typedef struct _PosBackupKey PosBackupKey;

/* A key from a passphrase (derived when a file is sealed or opened).
 * Returns: (transfer full) */
PosBackupKey *pos_backup_key_new_passphrase (const char *passphrase);

/* A key read from @path: exactly 32 bytes, else POS_ERROR_INVALID.
 * Returns: (transfer full) (nullable) */
PosBackupKey *pos_backup_key_new_from_file (const char *path, GError **error);

void pos_backup_key_free (PosBackupKey *key);

/* Whether @path starts with the header of an encrypted backup. */
gboolean pos_backup_is_encrypted (const char *path);

/* Seals @plain_path into the new file @sealed_path (created 0600). */
gboolean pos_backup_encrypt_file (const char *plain_path, const char *sealed_path, PosBackupKey *key,
                                  GError **error);

/* Opens @sealed_path into the new file @plain_path (created 0600). A wrong
 * passphrase or key is POS_ERROR_AUTH, a damaged or cut file
 * POS_ERROR_STORE_DAMAGED; either way @plain_path is removed. */
gboolean pos_backup_decrypt_file (const char *sealed_path, const char *plain_path, PosBackupKey *key,
                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosBackupKey, pos_backup_key_free)

G_END_DECLS
