/* pos-escpos.c — ESC/POS encoding of receipt documents, and status bytes.
 *
 * Command reference: Epson ESC/POS Application Programming Guide.  The
 * encoder tracks the printer's style and alignment and sends a command only
 * when a block needs something different, so a plain receipt is mostly text.
 */
#include "pos-escpos.h"

#include <qrencode.h>
#include <string.h>

#include "pos-device-error.h"

#define ESC 0x1b
#define GS 0x1d
#define DLE 0x10
#define LF 0x0a

#define RASTER_BAND_ROWS 128 /* rows per GS v 0, small enough for cheap printers' buffers */
#define DRAWER_ON_2MS 25     /* 50 ms pulse */
#define DRAWER_OFF_2MS 250   /* 500 ms rest */

/* Style bits the printer has a command for (not POS_TEXT_TRUNCATE). */
#define PRINTER_STYLE_MASK                                                                                   \
  (POS_TEXT_BOLD | POS_TEXT_UNDERLINE | POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT | POS_TEXT_INVERSE    \
   | POS_TEXT_FONT_B)

typedef struct
{
  GByteArray *out;
  const PosPrinterProfile *profile;
  PosCodepage page;
  PosTextStyle style; /* what the printer is set to now */
  PosAlign align;
} Encoder;

static void
put (Encoder *enc, const guint8 *bytes, gsize len)
{
  g_byte_array_append (enc->out, bytes, (guint)len);
}

#define PUT(enc, ...)                                                                                        \
  do                                                                                                         \
    {                                                                                                        \
      static const guint8 seq_[] = { __VA_ARGS__ };                                                          \
      put ((enc), seq_, sizeof seq_);                                                                        \
    }                                                                                                        \
  while (0)

static void
put3 (Encoder *enc, guint8 a, guint8 b, guint8 c)
{
  guint8 seq[] = { a, b, c };

  put (enc, seq, sizeof seq);
}

/* Sends the style commands that turn the printer's current style into @style. */
static void
set_style (Encoder *enc, PosTextStyle style)
{
  PosTextStyle changed;

  style &= PRINTER_STYLE_MASK;
  changed = style ^ enc->style;
  if (changed & POS_TEXT_FONT_B)
    put3 (enc, ESC, 'M', (style & POS_TEXT_FONT_B) ? 1 : 0);
  if (changed & (POS_TEXT_DOUBLE_WIDTH | POS_TEXT_DOUBLE_HEIGHT))
    put3 (enc, GS, '!',
          ((style & POS_TEXT_DOUBLE_WIDTH) ? 0x10 : 0) | ((style & POS_TEXT_DOUBLE_HEIGHT) ? 0x01 : 0));
  if (changed & POS_TEXT_BOLD)
    put3 (enc, ESC, 'E', (style & POS_TEXT_BOLD) ? 1 : 0);
  if (changed & POS_TEXT_UNDERLINE)
    put3 (enc, ESC, '-', (style & POS_TEXT_UNDERLINE) ? 1 : 0);
  if (changed & POS_TEXT_INVERSE)
    put3 (enc, GS, 'B', (style & POS_TEXT_INVERSE) ? 1 : 0);
  enc->style = style;
}

static void
set_align (Encoder *enc, PosAlign align)
{
  if (align == enc->align)
    return;
  put3 (enc, ESC, 'a', (guint8)align);
  enc->align = align;
}

/* Prints each line of @lines followed by LF. */
static void
put_lines (Encoder *enc, GPtrArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (lines->pdata[i], &len);

      put (enc, data, len);
      PUT (enc, LF);
    }
}

guint
pos_escpos_text_columns (const PosPrinterProfile *profile, PosTextStyle style)
{
  g_return_val_if_fail (profile != NULL, 0);

  return MAX (1, pos_printer_profile_columns (profile, (style & POS_TEXT_FONT_B) != 0,
                                              (style & POS_TEXT_DOUBLE_WIDTH) != 0));
}

/* Appends @s[@start, @end) without trailing spaces to @lines. */
static void
add_line (GPtrArray *lines, const guint8 *s, gsize start, gsize end)
{
  while (end > start && s[end - 1] == ' ')
    end--;
  /* An empty text has no bytes at all (NULL): no offset may be added to it. */
  g_ptr_array_add (lines, g_bytes_new (s != NULL ? s + start : NULL, end - start));
}

/* Wraps the printer bytes @s at spaces to @columns, breaking words longer
 * than a line.  Leading spaces of the first line are kept (indentation). */
static void
wrap_bytes (const guint8 *s, gsize len, guint columns, GPtrArray *lines)
{
  gsize pos = 0;

  g_assert (columns > 0);
  for (;;)
    {
      gsize brk = 0;

      if (len - pos <= columns)
        {
          add_line (lines, s, pos, len);
          return;
        }
      for (gsize i = pos + columns; i > pos; i--)
        if (s[i] == ' ')
          {
            brk = i;
            break;
          }
      if (brk == 0)
        brk = pos + columns; /* one word longer than the line */
      add_line (lines, s, pos, brk);
      pos = brk;
      while (pos < len && s[pos] == ' ')
        pos++;
      if (pos >= len)
        return;
    }
}

GPtrArray *
pos_escpos_layout_text (PosCodepage page, const char *text, guint columns)
{
  g_auto (GStrv) paragraphs = NULL;
  GPtrArray *lines;

  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (columns > 0, NULL);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  paragraphs = g_strsplit (text, "\n", -1);
  if (paragraphs[0] == NULL)
    g_ptr_array_add (lines, g_bytes_new (NULL, 0));
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_new ();

      pos_codepage_append (page, paragraphs[i], -1, bytes);
      wrap_bytes (bytes->data, bytes->len, columns, lines);
    }
  return lines;
}

/* @left padded with spaces to @width, then @right. */
static GBytes *
join_columns (const guint8 *left, gsize left_len, guint width, const GByteArray *right)
{
  GByteArray *line = g_byte_array_sized_new (width + right->len);

  g_assert (left_len <= width);
  g_byte_array_append (line, left, (guint)left_len);
  while (line->len < width)
    g_byte_array_append (line, (const guint8 *)" ", 1);
  g_byte_array_append (line, right->data, right->len);
  return g_byte_array_free_to_bytes (line);
}

GPtrArray *
pos_escpos_layout_columns (PosCodepage page, const char *left, const char *right, guint columns,
                           gboolean truncate)
{
  g_autoptr (GByteArray) l = g_byte_array_new ();
  g_autoptr (GByteArray) r = g_byte_array_new ();
  GPtrArray *lines;
  GBytes *first;
  const guint8 *first_data;
  gsize first_len;
  guint room;

  g_return_val_if_fail (page < POS_CODEPAGE_N_PAGES, NULL);
  g_return_val_if_fail (left != NULL && right != NULL, NULL);
  g_return_val_if_fail (columns > 0, NULL);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  pos_codepage_append (page, left, -1, l);
  pos_codepage_append (page, right, -1, r);

  if (r->len + 1 >= columns)
    {
      /* No room beside it: the left text, then the right text on its own line. */
      wrap_bytes (l->data, l->len, columns, lines);
      g_ptr_array_add (lines, join_columns (NULL, 0, columns > r->len ? columns - r->len : 0, r));
      return lines;
    }

  room = columns - r->len - 1;
  if (truncate)
    add_line (lines, l->data, 0, MIN (l->len, room));
  else
    wrap_bytes (l->data, l->len, room, lines);

  /* The amount goes on the first line, where the item starts. */
  first = lines->pdata[0];
  first_data = g_bytes_get_data (first, &first_len);
  lines->pdata[0] = join_columns (first_data, first_len, columns - r->len, r);
  g_bytes_unref (first);
  return lines;
}

PosCodepage
pos_escpos_pick_codepage (PosReceipt *receipt, const PosPrinterProfile *profile)
{
  guint best_missing = G_MAXUINT;
  PosCodepage best;

  g_return_val_if_fail (receipt != NULL, POS_CODEPAGE_CP437);
  g_return_val_if_fail (profile != NULL && profile->n_codepages > 0, POS_CODEPAGE_CP437);

  best = profile->codepages[0].page;
  for (guint i = 0; i < profile->n_codepages; i++)
    {
      PosCodepage page = profile->codepages[i].page;
      guint missing = 0;

      for (guint b = 0; b < pos_receipt_get_n_blocks (receipt); b++)
        {
          const PosReceiptBlock *block = pos_receipt_get_block (receipt, b);

          if (block->kind != POS_BLOCK_TEXT && block->kind != POS_BLOCK_COLUMNS)
            continue;
          missing += pos_codepage_count_missing (page, block->text);
          if (block->right != NULL)
            missing += pos_codepage_count_missing (page, block->right);
        }
      if (missing < best_missing)
        {
          best_missing = missing;
          best = page;
        }
    }
  return best;
}

static void
encode_text (Encoder *enc, const PosReceiptBlock *block)
{
  g_autoptr (GPtrArray) lines = NULL;

  set_style (enc, block->style);
  set_align (enc, block->align);
  lines
      = pos_escpos_layout_text (enc->page, block->text, pos_escpos_text_columns (enc->profile, block->style));
  put_lines (enc, lines);
}

static void
encode_columns (Encoder *enc, const PosReceiptBlock *block)
{
  g_autoptr (GPtrArray) lines = NULL;

  set_style (enc, block->style);
  set_align (enc, POS_ALIGN_LEFT);
  lines = pos_escpos_layout_columns (enc->page, block->text, block->right,
                                     pos_escpos_text_columns (enc->profile, block->style),
                                     (block->style & POS_TEXT_TRUNCATE) != 0);
  put_lines (enc, lines);
}

static void
encode_rule (Encoder *enc, const PosReceiptBlock *block)
{
  guint columns = pos_escpos_text_columns (enc->profile, POS_TEXT_NORMAL);

  set_style (enc, POS_TEXT_NORMAL);
  set_align (enc, POS_ALIGN_LEFT);
  for (guint i = 0; i < columns; i++)
    put (enc, (const guint8 *)&block->rule_char, 1);
  PUT (enc, LF);
}

guint
pos_escpos_barcode_module_width (const char *data, guint dot_width)
{
  /* Start, data, check digit: 11 modules each; stop: 13. */
  gsize modules;

  g_return_val_if_fail (data != NULL, 0);

  modules = 11 * (strlen (data) + 2) + 13;
  for (guint width = 4; width >= 2; width--)
    if (modules * width <= dot_width)
      return width;
  return 0;
}

/* GS k CODE128 in code set B.  '{' starts a code set or function in Epson's
 * data format, so a literal one is sent as "{{". */
static gboolean
encode_barcode (Encoder *enc, const PosReceiptBlock *block, GError **error)
{
  guint module = pos_escpos_barcode_module_width (block->text, enc->profile->dot_width);
  g_autoptr (GByteArray) data = g_byte_array_new ();

  if (module == 0)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                   "The barcode “%s” is too long for %u mm paper", block->text, enc->profile->paper_mm);
      return FALSE;
    }
  g_byte_array_append (data, (const guint8 *)"{B", 2);
  for (const char *p = block->text; *p != '\0'; p++)
    {
      if (*p == '{')
        g_byte_array_append (data, (const guint8 *)"{", 1);
      g_byte_array_append (data, (const guint8 *)p, 1);
    }
  g_assert (data->len <= 255);

  set_align (enc, block->align);
  PUT (enc, GS, 'H', 2); /* human-readable text below */
  PUT (enc, GS, 'f', 0); /* in font A */
  put3 (enc, GS, 'h', (guint8)block->count);
  put3 (enc, GS, 'w', (guint8)module);
  put3 (enc, GS, 'k', 73);
  put (enc, (const guint8[]){ (guint8)data->len }, 1);
  put (enc, data->data, data->len);
  return TRUE;
}

static const QRecLevel qr_levels[] = { QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H };

static QRcode *
qr_encode (const PosReceiptBlock *block)
{
  QRcode *code = QRcode_encodeData ((int)strlen (block->text), (const unsigned char *)block->text, 0,
                                    qr_levels[block->ec_level]);

  g_assert (code != NULL); /* checked when the block was added */
  return code;
}

guint
pos_escpos_qr_module_size (const PosReceiptBlock *block, guint dot_width)
{
  QRcode *code;
  guint modules, size;

  g_return_val_if_fail (block != NULL && block->kind == POS_BLOCK_QR, 1);

  code = qr_encode (block);
  modules = (guint)code->width + 8; /* with the quiet zone */
  QRcode_free (code);
  size = block->count;
  while (size > 1 && modules * size > dot_width)
    size--;
  return size;
}

PosBitmap *
pos_escpos_qr_bitmap (const PosReceiptBlock *block, guint module_size)
{
  QRcode *code;
  PosBitmap *bitmap;
  guint side;

  g_return_val_if_fail (block != NULL && block->kind == POS_BLOCK_QR, NULL);
  g_return_val_if_fail (module_size > 0, NULL);

  code = qr_encode (block);
  side = ((guint)code->width + 8) * module_size;
  bitmap = pos_bitmap_new (side, side);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        gint mx = (gint)(x / module_size) - 4;
        gint my = (gint)(y / module_size) - 4;

        if (mx >= 0 && my >= 0 && mx < code->width && my < code->width)
          pos_bitmap_set (bitmap, x, y, code->data[my * code->width + mx] & 1);
      }
  QRcode_free (code);
  return bitmap;
}

/* GS ( k with cn = 49 (QR code): function @fn with @params. */
static void
put_qr_function (Encoder *enc, guint8 fn, const guint8 *params, gsize n_params)
{
  gsize len = n_params + 2;

  g_assert (len <= 0xffff);
  PUT (enc, GS, '(', 'k');
  put (enc, (const guint8[]){ (guint8)(len & 0xff), (guint8)(len >> 8), 49, fn }, 4);
  put (enc, params, n_params);
}

static void
encode_raster (Encoder *enc, const PosBitmap *bitmap)
{
  for (guint top = 0; top < bitmap->height; top += RASTER_BAND_ROWS)
    {
      guint rows = MIN (RASTER_BAND_ROWS, bitmap->height - top);

      PUT (enc, GS, 'v', '0', 0);
      put (enc,
           (const guint8[]){ (guint8)(bitmap->stride & 0xff), (guint8)(bitmap->stride >> 8),
                             (guint8)(rows & 0xff), (guint8)(rows >> 8) },
           4);
      put (enc, bitmap->bits + (gsize)top * bitmap->stride, (gsize)rows * bitmap->stride);
    }
}

/* Model 2, module size, error correction, store the data, print it.  A
 * printer without GS ( k gets the same symbol as an image. */
static void
encode_qr (Encoder *enc, const PosReceiptBlock *block)
{
  guint size = pos_escpos_qr_module_size (block, enc->profile->dot_width);
  gsize len = strlen (block->text);
  g_autofree guint8 *store = NULL;

  set_align (enc, block->align);
  if (!enc->profile->native_qr)
    {
      g_autoptr (PosBitmap) bitmap = pos_escpos_qr_bitmap (block, size);

      encode_raster (enc, bitmap);
      return;
    }
  put_qr_function (enc, 65, (const guint8[]){ 50, 0 }, 2);
  put_qr_function (enc, 67, (const guint8[]){ (guint8)size }, 1);
  put_qr_function (enc, 69, (const guint8[]){ (guint8)(48 + block->ec_level) }, 1);
  store = g_malloc (len + 1);
  store[0] = 48;
  memcpy (store + 1, block->text, len);
  put_qr_function (enc, 80, store, len + 1);
  put_qr_function (enc, 81, (const guint8[]){ 48 }, 1);
}

static void
encode_logo (Encoder *enc, const PosReceiptBlock *block)
{
  g_autoptr (PosBitmap) bitmap = pos_bitmap_new_from_pixbuf (block->image, enc->profile->dot_width);

  set_align (enc, block->align);
  encode_raster (enc, bitmap);
}

static void
encode_cut (Encoder *enc, const PosReceiptBlock *block)
{
  if (!enc->profile->can_cut)
    {
      put3 (enc, ESC, 'd', (guint8)enc->profile->feed_lines_without_cut);
      return;
    }
  /* Function B: feed until the last line is past the blade, then cut. */
  put3 (enc, GS, 'V', block->cut == POS_CUT_FULL ? 65 : 66);
  PUT (enc, 0);
}

static void
put_drawer_pulse (GByteArray *out, guint pin)
{
  guint8 seq[] = { ESC, 'p', pin == 5 ? 1 : 0, DRAWER_ON_2MS, DRAWER_OFF_2MS };

  g_byte_array_append (out, seq, sizeof seq);
}

static gboolean
encode_block (Encoder *enc, const PosReceiptBlock *block, GError **error)
{
  switch (block->kind)
    {
      case POS_BLOCK_TEXT:
        encode_text (enc, block);
        break;
      case POS_BLOCK_COLUMNS:
        encode_columns (enc, block);
        break;
      case POS_BLOCK_RULE:
        encode_rule (enc, block);
        break;
      case POS_BLOCK_FEED:
        put3 (enc, ESC, 'd', (guint8)block->count);
        break;
      case POS_BLOCK_BARCODE:
        return encode_barcode (enc, block, error);
      case POS_BLOCK_QR:
        encode_qr (enc, block);
        break;
      case POS_BLOCK_LOGO:
        encode_logo (enc, block);
        break;
      case POS_BLOCK_CUT:
        encode_cut (enc, block);
        break;
      case POS_BLOCK_DRAWER:
        if (enc->profile->has_drawer)
          put_drawer_pulse (enc->out, block->pin);
        break;
      default:
        g_assert_not_reached ();
    }
  return TRUE;
}

GBytes *
pos_escpos_encode (PosReceipt *receipt, const PosPrinterProfile *profile, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  Encoder enc = { .out = out, .profile = profile, .style = POS_TEXT_NORMAL, .align = POS_ALIGN_LEFT };
  guint8 number = 0;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (profile != NULL && profile->n_codepages > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  enc.page = pos_escpos_pick_codepage (receipt, profile);
  if (!pos_printer_profile_codepage_number (profile, enc.page, &number))
    g_assert_not_reached ();

  PUT (&enc, ESC, '@');
  put3 (&enc, ESC, 't', number);
  for (guint i = 0; i < pos_receipt_get_n_blocks (receipt); i++)
    if (!encode_block (&enc, pos_receipt_get_block (receipt, i), error))
      return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
pos_escpos_drawer_kick (const PosPrinterProfile *profile, int pin)
{
  GByteArray *out;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (pin == 2 || pin == 5, NULL);

  if (!profile->has_drawer)
    return NULL;
  out = g_byte_array_new ();
  put_drawer_pulse (out, (guint)pin);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
pos_escpos_status_request (int n)
{
  guint8 seq[] = { DLE, 0x04, (guint8)n };

  g_return_val_if_fail (n >= 1 && n <= 4, NULL);
  return g_bytes_new (seq, sizeof seq);
}

/* Every DLE EOT reply has bit 0 and 7 clear and bits 1 and 4 set; anything
 * else is not an answer to our question (a stray byte, an ASB message). */
static gboolean
is_status_byte (guint8 reply)
{
  return (reply & 0x93) == 0x12;
}

gboolean
pos_escpos_status_parse (int n, guint8 reply, PosPrinterStatus *out)
{
  g_return_val_if_fail (n >= 1 && n <= 4, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!is_status_byte (reply))
    return FALSE;
  switch (n)
    {
      case 1:
        out->drawer_open = (reply & 0x04) != 0;
        out->online = (reply & 0x08) == 0;
        break;
      case 2:
        out->cover_open = (reply & 0x04) != 0;
        out->feed_button = (reply & 0x08) != 0;
        out->paper_stop = (reply & 0x20) != 0;
        out->error = (reply & 0x40) != 0;
        out->paper_out = out->paper_out || out->paper_stop;
        break;
      case 3:
        out->cutter_error = (reply & 0x08) != 0;
        out->unrecoverable_error = (reply & 0x20) != 0;
        out->auto_recoverable_error = (reply & 0x40) != 0;
        break;
      case 4:
        out->paper_near_end = (reply & 0x0c) != 0;
        out->paper_out = (reply & 0x60) != 0;
        break;
      default:
        g_assert_not_reached ();
    }
  out->answered |= 1u << n;
  return TRUE;
}
