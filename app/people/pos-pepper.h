/* pos-pepper.h — the shop's secret that PIN hashes are keyed with.
 *
 * A PIN has few digits, so its Argon2id hash alone can be guessed offline
 * from a copied store or backup in minutes. Each PIN is therefore first
 * keyed with HMAC-SHA256 under a 32-byte secret that is never written to
 * the store, its backups or the sync journal:
 *
 *   pin_hash = "$pepper1" + Argon2id (HMAC-SHA256 (pepper, PIN))
 *
 * The pepper belongs to the shop, not to one till. It lives in a file only
 * its owner can read, $XDG_CONFIG_HOME/mainstreet/pepper (mode 0600), and is
 * made on the first till the first time a PIN is hashed or checked. Users
 * are synced between tills with their hashes, so a till that joins the shop
 * must get the same file: the owner copies it over when setting the new
 * till up (like the hub's address and password). A till without the
 * shop's pepper makes its own, and synced users cannot sign in there until
 * the file is copied — the safe way round, since a stolen store must be
 * useless without it. Losing the file means every PIN must be set again.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_PEPPER_BYTES 32

/* Where this process reads the pepper from. (transfer full) */
char *pos_pepper_path (void);

/*
 * Copies the shop's pepper into @out, reading the file once per process or
 * making it (0600, atomically, so two tills starting together agree) when
 * it does not exist yet. POS_ERROR_FAILED if it cannot be read or made.
 */
gboolean pos_pepper_get (guint8 out[POS_PEPPER_BYTES], GError **error);

/* Test programs only: read the pepper from @path (NULL: the default) from
 * now on, forgetting the one loaded. */
void pos_pepper_use_path_for_tests (const char *path);

G_END_DECLS
