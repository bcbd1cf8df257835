/* pos-aim.h — the AIM symbology identifier a scanner may put before a code.
 *
 * "]E04006381333931" is an EAN-13 read by a scanner set to send AIM ids: "]"
 * then a symbology letter then one modifier character.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_AIM_ID_LEN 3

/* When @text starts with an AIM identifier, copies it (NUL-terminated) into
 * @symbology and returns the code after it; otherwise sets @symbology to ""
 * and returns @text. The result points into @text. */
const char *pos_aim_split (const char *text, char symbology[POS_AIM_ID_LEN + 1]);

/* A readable name for an AIM identifier ("EAN/UPC", "Code 128"…), or NULL. */
const char *pos_aim_describe (const char *symbology);

G_END_DECLS
