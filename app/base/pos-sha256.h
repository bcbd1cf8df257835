/* pos-sha256.h — SHA-256 in lower-case hex, through libcrypto.
 *
 * The journal hashes each event it writes and each one a pull brings (a
 * till that joins a chain stores a million in its first pull), and every
 * sale hashes its rows. libcrypto uses the processor's SHA instructions
 * where it has them: about a third of the time GChecksum's portable code
 * takes for an event (docs/ARCHITECTURE.md, figure 13). The hex is the
 * same as GChecksum's, so nothing stored changes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PosSha256 PosSha256;

PosSha256 *pos_sha256_new (void);
/* Adds @len bytes of @data; -1: @data is a NUL-terminated string. */
void pos_sha256_update (PosSha256 *self, const void *data, gssize len);
/* Finishes: the digest's 64 hex characters, newly allocated. The hash can
 * take no more data afterwards. */
char *pos_sha256_end (PosSha256 *self);
void pos_sha256_free (PosSha256 *self);

/* The hex SHA-256 of the string @text. */
char *pos_sha256_hex (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSha256, pos_sha256_free)

G_END_DECLS
