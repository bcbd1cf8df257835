/* pos-codepage.h — UTF-8 text to the single-byte code pages receipt printers use.
 *
 * Receipt printers print one byte per character from a table chosen with
 * ESC t.  The Western pages are our own tables, so they never depend on
 * which iconv converters a till happens to have (CP858, the one with €, is
 * often missing).  The Central European, Cyrillic and Greek pages are read
 * from GLib's iconv once; a till whose iconv lacks one sees that page as
 * plain ASCII, so the encoder never picks it for text that needs it.
 *
 * What a page lacks degrades, in this order, to something a person can
 * still read: the letter without its accent (ő→o), an ASCII spelling
 * (€→EUR, ł→l, “→"), a Latin transliteration of Cyrillic and Greek
 * (Привет→Privet, Γειά→Geia).  Only what has no reading in Latin letters
 * (Chinese, emoji) becomes '?', and every stand-in is counted, so the
 * encoder chooses the page that needs the fewest.  The printer never sees
 * a control byte or a byte the page leaves undefined.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POS_CODEPAGE_CP437,      /* IBM PC, USA; no € */
  POS_CODEPAGE_CP850,      /* DOS Latin-1; no € */
  POS_CODEPAGE_CP858,      /* CP850 with € at 0xD5 */
  POS_CODEPAGE_CP1252,     /* Windows Latin-1, € at 0x80 */
  POS_CODEPAGE_ISO8859_15, /* Latin-9, € at 0xA4 */
  POS_CODEPAGE_CP852,      /* DOS Central European: ą ł ő ř; no € */
  POS_CODEPAGE_CP1250,     /* Windows Central European, € at 0x80 */
  POS_CODEPAGE_CP866,      /* DOS Cyrillic */
  POS_CODEPAGE_CP737,      /* DOS Greek */
  POS_CODEPAGE_N_PAGES
} PosCodepage;

/* "CP437", "CP850", "CP858", "CP1252", "ISO-8859-15", "CP852", "CP1250",
 * "CP866", "CP737". */
const char *pos_codepage_name (PosCodepage page);

/* Parses a name as printed by pos_codepage_name() (case-insensitive, also
 * "ISO8859-15", "LATIN9", "WINDOWS-1252").  Returns FALSE when unknown. */
gboolean pos_codepage_from_name (const char *name, PosCodepage *out);

/* The byte for @c in @page, or 0 when the page has no such character.
 * Printable ASCII maps to itself; control characters map to 0. */
guint8 pos_codepage_lookup (PosCodepage page, gunichar c);

/* The character @byte prints in @page, or 0 for control bytes and bytes the
 * page leaves undefined. */
gunichar pos_codepage_to_unichar (PosCodepage page, guint8 byte);

/* Appends @utf8 (@len bytes, or -1 when nul-terminated) converted to @page.
 * Characters the page lacks become a readable ASCII spelling or '?'; invalid
 * UTF-8 becomes '?'; tab and newline become a space.  Every appended byte is
 * printable.  Returns how many characters needed a fallback. */
guint pos_codepage_append (PosCodepage page, const char *utf8, gssize len, GByteArray *out);

/* Converts @utf8 to @page as pos_codepage_append() does.
 * Returns: (transfer full): the bytes, one per printed column. */
GBytes *pos_codepage_encode (PosCodepage page, const char *utf8);

/* How many characters of @utf8 @page cannot print as themselves. */
guint pos_codepage_count_missing (PosCodepage page, const char *utf8);

/* Converts printer bytes in @page back to UTF-8, for previews and tests.
 * Returns: (transfer full): a nul-terminated UTF-8 string. */
char *pos_codepage_decode (PosCodepage page, const guint8 *bytes, gsize len);

G_END_DECLS
