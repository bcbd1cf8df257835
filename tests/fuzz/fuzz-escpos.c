/* fuzz-escpos.c — the ESC/POS encoder and the code pages on any receipt.
 *
 * Input: a profile byte, then blocks, each an operation byte, a style
 * byte and a NUL-terminated text (made valid UTF-8, as the receipt builder
 * guarantees). The receipt is encoded for the chosen printer profile, and
 * each text also goes through every code page: what a page can encode
 * decodes back to the same text, and the printer's status replies parse.
 */
#include "pos-fuzz.h"

#include <string.h>

#include "pos-escpos.h"

typedef struct
{
  const uint8_t *data;
  size_t size;
} Reader;

static guint8
take_byte (Reader *r)
{
  guint8 b = 0;

  if (r->size > 0)
    {
      b = r->data[0];
      r->data++;
      r->size--;
    }
  return b;
}

/* The text up to the next NUL (or the end), as valid UTF-8. */
static char *
take_text (Reader *r)
{
  const uint8_t *end = memchr (r->data, '\0', r->size);
  size_t n = end != NULL ? (size_t)(end - r->data) : r->size;
  char *text = g_utf8_make_valid ((const char *)r->data, (gssize)n);

  r->data += n;
  r->size -= n;
  take_byte (r);
  return text;
}

/* Characters that take a column: zero-width ones print as nothing, and
 * composed and decomposed forms are the same character on paper. */
static glong
printed_length (const char *text)
{
  g_autofree char *composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  glong n = 0;

  for (const char *p = composed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    /* A soft hyphen is a hint where a word may break, not a character
     * printed in running text: the encoders drop it. */
    if (!g_unichar_iszerowidth (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x00AD)
      n++;
  return n;
}

static void
check_codepages (const char *text)
{
  for (PosCodepage page = 0; page < POS_CODEPAGE_N_PAGES; page++)
    {
      g_autoptr (GBytes) bytes = pos_codepage_encode (page, text);
      gsize length = 0;
      const guint8 *encoded = g_bytes_get_data (bytes, &length);
      g_autofree char *decoded = pos_codepage_decode (page, encoded, length);

      if (pos_codepage_count_missing (page, text) == 0 && strchr (text, '?') == NULL
          && printed_length (decoded) != printed_length (text))
        pos_fuzz_fail ("%s: \"%s\" has no missing characters but decodes as \"%s\"", pos_codepage_name (page),
                       text, decoded);
      for (gsize i = 0; i < length; i++)
        if (pos_codepage_to_unichar (page, encoded[i]) == 0 && encoded[i] != 0)
          pos_fuzz_fail ("%s: byte 0x%02x it wrote means nothing", pos_codepage_name (page), encoded[i]);
    }
}

static void
add_block (PosReceipt *receipt, guint8 op, guint8 style, const char *text)
{
  PosAlign align = style % 3;

  switch (op % 10)
    {
      case 0:
        pos_receipt_add_text (receipt, style & POS_TEXT_STYLE_MASK, align, text);
        break;
      case 1:
        {
          const char *middle = text + strlen (text) / 2;
          g_autofree char *left = g_strndup (text, (gsize)(g_utf8_find_prev_char (text, middle + 1) - text));
          pos_receipt_add_columns (receipt, style & POS_TEXT_STYLE_MASK, left, text + strlen (left));
          break;
        }
      case 2:
        pos_receipt_add_rule (receipt, style & 1 ? '=' : '-');
        break;
      case 3:
        pos_receipt_add_feed (receipt, 1 + style % 8);
        break;
      case 4:
        pos_receipt_add_barcode (receipt, align, text, 1 + style, NULL);
        break;
      case 5:
        pos_receipt_add_qr (receipt, align, text, 1 + style % 16, style % 4, NULL);
        break;
      case 6:
        pos_receipt_add_cut (receipt, style & 1 ? POS_CUT_PARTIAL : POS_CUT_FULL);
        break;
      case 7:
        pos_receipt_add_drawer_pulse (receipt, style & 1 ? 5 : 2);
        break;
      default:
        check_codepages (text);
        break;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const PosPrinterProfile *const *profiles = pos_printer_profile_list ();
  Reader r = { data, size };
  g_autoptr (PosReceipt) receipt = pos_receipt_new ();
  g_autoptr (GBytes) bytes = NULL;
  guint n_profiles = 0;
  guint8 pick = take_byte (&r);
  PosPrinterStatus status = { 0 };

  while (profiles[n_profiles] != NULL)
    n_profiles++;
  for (int n = 1; n <= 4; n++)
    pos_escpos_status_parse (n, pick, &status);
  while (r.size > 0)
    {
      guint8 op = take_byte (&r);
      guint8 style = take_byte (&r);
      g_autofree char *text = take_text (&r);
      add_block (receipt, op, style, text);
    }
  bytes = pos_escpos_encode (receipt, profiles[pick % n_profiles], NULL);
  return 0;
}
