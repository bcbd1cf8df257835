/* pos-pepper.h — the shop's secret that PIN hashes are keyed with.
 *
 * A PIN has few digits, so its Argon2id hash alone can be guessed offline
 * from a copied store or backup in minutes. Each PIN is therefore first
 * keyed with HMAC-SHA256 under a 32-byte secret that is never written to
 * the store, its backups or the sync journal:
 *
 *   pin_hash = "$pepper1" + Argon2id (HMAC-SHA256 (pepper, PIN))
 *
 * The pepper belongs to the shop, not to one till. Each till keeps it in a
 * file only its owner can read, $XDG_CONFIG_HOME/mainstreet/pepper (mode
 * 0600). The first till makes it the first time a PIN is hashed or checked
 * and hands it to the shop's hub at its first sync (pos-sync.c), where only
 * the tills' roles can read it; a till that joins the shop receives it from
 * the hub at its first sync, before it pulls the users whose hashes need it.
 * A till whose own pepper differs from the hub's refuses to sync. A stolen
 * store or backup therefore never carries it. Losing it on every till and
 * the hub means every PIN must be set again.
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

/*
 * Takes @shop as this till's pepper when it has none yet (written 0600).
 * When it already has one that differs, POS_ERROR_STATE says so and what to
 * do: hashes made here and on the other tills could not be told apart.
 */
gboolean pos_pepper_adopt (const guint8 shop[POS_PEPPER_BYTES], GError **error);

/* Test programs only: read the pepper from @path (NULL: the default) from
 * now on, forgetting the one loaded. */
void pos_pepper_use_path_for_tests (const char *path);

G_END_DECLS
