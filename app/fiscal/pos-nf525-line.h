/* pos-nf525-line.h — the signed line every FR-NF525 record is.
 *
 * A line is fields joined by "|", then "|" and the till's Ed25519
 * signature (base64) over the SHA-256 (hex) of everything before it: the
 * same signing as the journal's (pos-till-key.h). The grand totals and
 * closings (pos-nf525.h), the event log (pos-nf525-jet.h) and the archive
 * manifest (pos-nf525-archive.h) all sign this way.
 */
#pragma once

#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

#define POS_NF525_NO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* (transfer full) the SHA-256 of @text, 64 hex digits. */
char *pos_nf525_sha256 (const char *text);
/* In a transaction: (transfer full) "@text|signature", signed with the key
 * of @till_id. */
char *pos_nf525_sign (PosStore *store, const char *till_id, const char *text, GError **error);
/* Whether @signature (base64) over @text verifies with one of @keys
 * (GBytes of POS_TILL_KEY_PUBLIC_BYTES). */
gboolean pos_nf525_signed_by (GPtrArray *keys, const char *text, const char *signature);

G_END_DECLS
