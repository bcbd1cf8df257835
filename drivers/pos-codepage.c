/* pos-codepage.c — single-byte tables (our own, or read from iconv) and the
 * fallbacks for what they lack. */
#include "pos-codepage.h"

#include <string.h>

/* Upper halves (0x80–0xFF) as Unicode.  CP858 is CP850 with € at 0xD5;
 * CP1252 and ISO-8859-15 are Latin-1 above 0xA0 with the exceptions below. */
static const guint16 cp437_high[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, /* 80 */
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, /* 88 */
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, /* 90 */
  0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, /* 98 */
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, /* A0 */
  0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, /* A8 */
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, /* B0 */
  0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, /* B8 */
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, /* C0 */
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, /* C8 */
  0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, /* D0 */
  0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, /* D8 */
  0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, /* E0 */
  0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, /* E8 */
  0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, /* F0 */
  0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0, /* F8 */
};
static const guint16 cp850_high[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, /* 80 */
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, /* 88 */
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, /* 90 */
  0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192, /* 98 */
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, /* A0 */
  0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, /* A8 */
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, /* B0 */
  0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510, /* B8 */
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, /* C0 */
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4, /* C8 */
  0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE, /* D0 */
  0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580, /* D8 */
  0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, /* E0 */
  0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4, /* E8 */
  0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8, /* F0 */
  0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0, /* F8 */
};
static const guint16 cp1252_80_9f[32] = {
  0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0x0000, 0x017D, 0x0000, 0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
};

/* ISO-8859-15 replaced eight Latin-1 characters, € among them. */
static const struct
{
  guint8 byte;
  guint16 c;
} latin9_changes[] = {
  { 0xA4, 0x20AC }, { 0xA6, 0x0160 }, { 0xA8, 0x0161 }, { 0xB4, 0x017D },
  { 0xB8, 0x017E }, { 0xBC, 0x0152 }, { 0xBD, 0x0153 }, { 0xBE, 0x0178 },
};

/* Readable spellings for characters a page may lack.  Accented letters are
 * handled by decomposition (é→e); this is for what does not decompose. */
static const struct
{
  gunichar c;
  const char *ascii;
} fallbacks[] = {
  { 0x00A2, "c" },   { 0x00A3, "GBP" }, { 0x00A5, "JPY" }, { 0x00A9, "(C)" }, { 0x00AB, "<<" },
  { 0x00AE, "(R)" }, { 0x00B0, "o" },   { 0x00B1, "+/-" }, { 0x00B7, "." },   { 0x00BB, ">>" },
  { 0x00BC, "1/4" }, { 0x00BD, "1/2" }, { 0x00BE, "3/4" }, { 0x00C6, "AE" },  { 0x00D0, "D" },
  { 0x00D7, "x" },   { 0x00D8, "O" },   { 0x00DE, "Th" },  { 0x00DF, "ss" },  { 0x00E6, "ae" },
  { 0x00F0, "d" },   { 0x00F7, "/" },   { 0x00F8, "o" },   { 0x00FE, "th" },  { 0x0110, "D" },
  { 0x0111, "d" },   { 0x0131, "i" },   { 0x0141, "L" },   { 0x0142, "l" },   { 0x0152, "OE" },
  { 0x0153, "oe" },  { 0x2010, "-" },   { 0x2011, "-" },   { 0x2012, "-" },   { 0x2013, "-" },
  { 0x2014, "-" },   { 0x2015, "-" },   { 0x2018, "'" },   { 0x2019, "'" },   { 0x201A, "," },
  { 0x201C, "\"" },  { 0x201D, "\"" },  { 0x201E, "\"" },  { 0x2022, "*" },   { 0x2026, "..." },
  { 0x2032, "'" },   { 0x2033, "\"" },  { 0x2039, "<" },   { 0x203A, ">" },   { 0x20AC, "EUR" },
  { 0x2122, "TM" },  { 0x2212, "-" },
};

/* Latin readings of Cyrillic (Russian, Ukrainian, Bulgarian, Serbian) and
 * Greek letters, for pages without them: a receipt that reads "Moloko" is
 * better than one that reads "??????".  Upper case is derived. */
static const struct
{
  gunichar c;
  const char *latin;
} transliterations[] = {
  { 0x0430, "a" },  { 0x0431, "b" },    { 0x0432, "v" },  { 0x0433, "g" },  { 0x0434, "d" },
  { 0x0435, "e" },  { 0x0451, "e" },    { 0x0436, "zh" }, { 0x0437, "z" },  { 0x0438, "i" },
  { 0x0439, "i" },  { 0x043A, "k" },    { 0x043B, "l" },  { 0x043C, "m" },  { 0x043D, "n" },
  { 0x043E, "o" },  { 0x043F, "p" },    { 0x0440, "r" },  { 0x0441, "s" },  { 0x0442, "t" },
  { 0x0443, "u" },  { 0x0444, "f" },    { 0x0445, "kh" }, { 0x0446, "ts" }, { 0x0447, "ch" },
  { 0x0448, "sh" }, { 0x0449, "shch" }, { 0x044A, "" },   { 0x044B, "y" },  { 0x044C, "" },
  { 0x044D, "e" },  { 0x044E, "iu" },   { 0x044F, "ia" }, { 0x0454, "ie" }, { 0x0456, "i" },
  { 0x0457, "i" },  { 0x0491, "g" },    { 0x0458, "j" },  { 0x0459, "lj" }, { 0x045A, "nj" },
  { 0x045B, "c" },  { 0x045F, "dz" },   { 0x03B1, "a" },  { 0x03B2, "v" },  { 0x03B3, "g" },
  { 0x03B4, "d" },  { 0x03B5, "e" },    { 0x03B6, "z" },  { 0x03B7, "i" },  { 0x03B8, "th" },
  { 0x03B9, "i" },  { 0x03BA, "k" },    { 0x03BB, "l" },  { 0x03BC, "m" },  { 0x03BD, "n" },
  { 0x03BE, "x" },  { 0x03BF, "o" },    { 0x03C0, "p" },  { 0x03C1, "r" },  { 0x03C3, "s" },
  { 0x03C2, "s" },  { 0x03C4, "t" },    { 0x03C5, "y" },  { 0x03C6, "f" },  { 0x03C7, "ch" },
  { 0x03C8, "ps" }, { 0x03C9, "o" },
};

static const char *const page_names[POS_CODEPAGE_N_PAGES] = {
  "CP437", "CP850", "CP858", "CP1252", "ISO-8859-15", "CP852", "CP1250", "CP866", "CP737",
};

/* Upper halves of the pages read from iconv, built on first use. */
#define ICONV_FIRST POS_CODEPAGE_CP852
static gunichar iconv_high[POS_CODEPAGE_N_PAGES - ICONV_FIRST][128];
static gsize iconv_ready[POS_CODEPAGE_N_PAGES - ICONV_FIRST];

/* What iconv says each byte from 0x80 up prints in @page; 0 where iconv
 * has no such page, leaves the byte undefined or names a control code. */
static const gunichar *
iconv_table (PosCodepage page)
{
  guint i = page - ICONV_FIRST;

  if (g_once_init_enter (&iconv_ready[i]))
    {
      for (guint b = 0x80; b <= 0xFF; b++)
        {
          char in = (char)b;
          g_autofree char *utf8 = g_convert (&in, 1, "UTF-8", page_names[page], NULL, NULL, NULL);
          gunichar c = utf8 != NULL ? g_utf8_get_char_validated (utf8, -1) : 0;

          iconv_high[i][b - 0x80] = c == (gunichar)-1 || c == (gunichar)-2 || c < 0xA0 ? 0 : c;
        }
      g_once_init_leave (&iconv_ready[i], 1);
    }
  return iconv_high[i];
}

const char *
pos_codepage_name (PosCodepage page)
{
  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, NULL);
  return page_names[page];
}

gboolean
pos_codepage_from_name (const char *name, PosCodepage *out)
{
  static const struct
  {
    const char *alias;
    PosCodepage page;
  } aliases[] = {
    { "ISO8859-15", POS_CODEPAGE_ISO8859_15 }, { "LATIN9", POS_CODEPAGE_ISO8859_15 },
    { "WINDOWS-1252", POS_CODEPAGE_CP1252 },   { "PC437", POS_CODEPAGE_CP437 },
    { "PC850", POS_CODEPAGE_CP850 },           { "PC858", POS_CODEPAGE_CP858 },
    { "PC852", POS_CODEPAGE_CP852 },           { "WINDOWS-1250", POS_CODEPAGE_CP1250 },
    { "PC866", POS_CODEPAGE_CP866 },           { "PC737", POS_CODEPAGE_CP737 },
  };

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < POS_CODEPAGE_N_PAGES; i++)
    if (g_ascii_strcasecmp (name, page_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (name, aliases[i].alias) == 0)
      {
        *out = aliases[i].page;
        return TRUE;
      }
  return FALSE;
}

/* What a byte of 0x80 or above prints in @page; 0 when undefined. */
static gunichar
high_char (PosCodepage page, guint8 byte)
{
  g_assert (byte >= 0x80);

  switch (page)
    {
      case POS_CODEPAGE_CP437:
        return cp437_high[byte - 0x80];
      case POS_CODEPAGE_CP858:
        if (byte == 0xD5)
          return 0x20AC;
        return cp850_high[byte - 0x80];
      case POS_CODEPAGE_CP850:
        return cp850_high[byte - 0x80];
      case POS_CODEPAGE_CP1252:
        return byte < 0xA0 ? cp1252_80_9f[byte - 0x80] : byte;
      case POS_CODEPAGE_ISO8859_15:
        if (byte < 0xA0)
          return 0; /* C1 control codes */
        for (guint i = 0; i < G_N_ELEMENTS (latin9_changes); i++)
          if (latin9_changes[i].byte == byte)
            return latin9_changes[i].c;
        return byte;
      case POS_CODEPAGE_CP852:
      case POS_CODEPAGE_CP1250:
      case POS_CODEPAGE_CP866:
      case POS_CODEPAGE_CP737:
        return iconv_table (page)[byte - 0x80];
      case POS_CODEPAGE_N_PAGES:
      default:
        g_assert_not_reached ();
    }
  return 0;
}

gunichar
pos_codepage_to_unichar (PosCodepage page, guint8 byte)
{
  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, 0);

  if (byte >= 0x20 && byte < 0x7F)
    return byte;
  if (byte < 0x80)
    return 0;
  return high_char (page, byte);
}

guint8
pos_codepage_lookup (PosCodepage page, gunichar c)
{
  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, 0);

  if (c >= 0x20 && c < 0x7F)
    return (guint8)c;
  if (c < 0xA0)
    return 0; /* C0, DEL and C1 controls */
  for (guint b = 0x80; b <= 0xFF; b++)
    if (high_char (page, (guint8)b) == c)
      return (guint8)b;
  return 0;
}

/* The ASCII spelling of @c, or NULL. */
static const char *
fallback_spelling (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    if (fallbacks[i].c == c)
      return fallbacks[i].ascii;
  return NULL;
}

/* The Latin reading of a Cyrillic or Greek letter, or NULL; @upper says
 * whether it was a capital. */
static const char *
transliteration (gunichar c, gboolean *upper)
{
  gunichar lower = g_unichar_tolower (c);

  *upper = lower != c;
  for (guint i = 0; i < G_N_ELEMENTS (transliterations); i++)
    if (transliterations[i].c == lower)
      return transliterations[i].latin;
  return NULL;
}

/* Appends the Latin reading of @c, a capital for a capital; FALSE when
 * @c is no Cyrillic or Greek letter. */
static gboolean
append_transliteration (gunichar c, GByteArray *out)
{
  gboolean upper;
  const char *latin = transliteration (c, &upper);

  if (latin == NULL)
    return FALSE;
  for (const char *p = latin; *p != '\0'; p++)
    {
      guint8 byte = (guint8)(upper && p == latin ? g_ascii_toupper (*p) : *p);
      g_byte_array_append (out, &byte, 1);
    }
  return TRUE;
}

/* Appends the best stand-in for @c, which @page lacks. */
static void
append_fallback (PosCodepage page, gunichar c, GByteArray *out)
{
  const char *spelling = fallback_spelling (c);
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (spelling != NULL)
    {
      g_byte_array_append (out, (const guint8 *)spelling, strlen (spelling));
      return;
    }

  /* é → e + ◌́ → e: the base letter alone, in the page or as its own stand-in. */
  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0 && decomposed[0] != c)
    {
      guint8 byte = pos_codepage_lookup (page, decomposed[0]);

      if (byte != 0)
        {
          g_byte_array_append (out, &byte, 1);
          return;
        }
    }
  /* ά → α → "a": Cyrillic and Greek read out in Latin letters. */
  if (append_transliteration (n > 0 ? decomposed[0] : c, out))
    return;
  g_byte_array_append (out, (const guint8 *)"?", 1);
}

/* Appends one character; returns TRUE when it needed a stand-in. */
static gboolean
append_char (PosCodepage page, gunichar c, GByteArray *out)
{
  guint8 byte;

  /* No-break and thin spaces (ICU puts them in amounts) print as spaces. */
  if (c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x202F || c == 0x2009)
    c = ' ';
  else if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF)
    return FALSE; /* soft hyphen and zero-width characters print nothing */

  byte = pos_codepage_lookup (page, c);
  if (byte != 0)
    {
      g_byte_array_append (out, &byte, 1);
      return FALSE;
    }
  append_fallback (page, c, out);
  return TRUE;
}

guint
pos_codepage_append (PosCodepage page, const char *utf8, gssize len, GByteArray *out)
{
  g_autofree char *composed = NULL;
  const char *p, *end;
  guint missing = 0;

  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, 0);
  g_return_val_if_fail (utf8 != NULL || len == 0, 0);
  g_return_val_if_fail (out != NULL, 0);

  if (len < 0)
    len = strlen (utf8);
  /* Composed form, so "e" + combining acute prints as é where the page has it. */
  if (g_utf8_validate_len (utf8, len, NULL))
    {
      composed = g_utf8_normalize (utf8, len, G_NORMALIZE_DEFAULT_COMPOSE);
      utf8 = composed;
      len = strlen (composed);
    }

  p = utf8;
  end = utf8 + len;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_byte_array_append (out, (const guint8 *)"?", 1);
          missing++;
          p++;
          continue;
        }
      if (append_char (page, c, out))
        missing++;
      p = g_utf8_next_char (p);
    }
  return missing;
}

GBytes *
pos_codepage_encode (PosCodepage page, const char *utf8)
{
  GByteArray *out;

  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, NULL);
  g_return_val_if_fail (utf8 != NULL, NULL);

  out = g_byte_array_new ();
  pos_codepage_append (page, utf8, -1, out);
  return g_byte_array_free_to_bytes (out);
}

guint
pos_codepage_count_missing (PosCodepage page, const char *utf8)
{
  g_autoptr (GByteArray) scratch = g_byte_array_new ();

  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, 0);
  g_return_val_if_fail (utf8 != NULL, 0);

  return pos_codepage_append (page, utf8, -1, scratch);
}

char *
pos_codepage_decode (PosCodepage page, const guint8 *bytes, gsize len)
{
  GString *s;

  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, NULL);
  g_return_val_if_fail (bytes != NULL || len == 0, NULL);

  s = g_string_sized_new (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      gunichar c = pos_codepage_to_unichar (page, bytes[i]);

      g_string_append_unichar (s, c != 0 ? c : '?');
    }
  return g_string_free (s, FALSE);
}
