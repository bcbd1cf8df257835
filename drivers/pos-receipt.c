/* pos-receipt.c — the receipt document and its 1-bit images. */
#include "pos-receipt.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#include "pos-device-error.h"

#define BARCODE_MAX_CHARS 80
#define BARCODE_DEFAULT_HEIGHT 80
#define QR_DEFAULT_MODULE 6

struct _PosReceipt
{
  GArray *blocks; /* of PosReceiptBlock */
};

static void
block_clear (gpointer data)
{
  PosReceiptBlock *block = data;

  g_clear_pointer (&block->text, g_free);
  g_clear_pointer (&block->right, g_free);
  g_clear_object (&block->image);
}

PosReceipt *
pos_receipt_new (void)
{
  PosReceipt *receipt = g_atomic_rc_box_new0 (PosReceipt);

  receipt->blocks = g_array_new (FALSE, TRUE, sizeof (PosReceiptBlock));
  g_array_set_clear_func (receipt->blocks, block_clear);
  return receipt;
}

PosReceipt *
pos_receipt_ref (PosReceipt *receipt)
{
  g_return_val_if_fail (receipt != NULL, NULL);
  return g_atomic_rc_box_acquire (receipt);
}

static void
receipt_clear (gpointer data)
{
  PosReceipt *receipt = data;

  g_array_unref (receipt->blocks);
}

void
pos_receipt_unref (PosReceipt *receipt)
{
  g_return_if_fail (receipt != NULL);
  g_atomic_rc_box_release_full (receipt, receipt_clear);
}

guint
pos_receipt_get_n_blocks (PosReceipt *receipt)
{
  g_return_val_if_fail (receipt != NULL, 0);
  return receipt->blocks->len;
}

const PosReceiptBlock *
pos_receipt_get_block (PosReceipt *receipt, guint index)
{
  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (index < receipt->blocks->len, NULL);
  return &g_array_index (receipt->blocks, PosReceiptBlock, index);
}

/* Appends a zeroed block of @kind and returns it for filling in. */
static PosReceiptBlock *
append_block (PosReceipt *receipt, PosBlockKind kind)
{
  PosReceiptBlock block = { .kind = kind };

  g_array_append_val (receipt->blocks, block);
  return &g_array_index (receipt->blocks, PosReceiptBlock, receipt->blocks->len - 1);
}

void
pos_receipt_add_text (PosReceipt *receipt, PosTextStyle style, PosAlign align, const char *text)
{
  PosReceiptBlock *block;

  g_return_if_fail (receipt != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (align <= POS_ALIGN_RIGHT);

  block = append_block (receipt, POS_BLOCK_TEXT);
  block->style = style & POS_TEXT_STYLE_MASK;
  block->align = align;
  block->text = g_strdup (text);
}

void
pos_receipt_add_columns (PosReceipt *receipt, PosTextStyle style, const char *left, const char *right)
{
  PosReceiptBlock *block;

  g_return_if_fail (receipt != NULL);
  g_return_if_fail (left != NULL);
  g_return_if_fail (right != NULL);

  block = append_block (receipt, POS_BLOCK_COLUMNS);
  block->style = style & POS_TEXT_STYLE_MASK;
  block->align = POS_ALIGN_LEFT;
  block->text = g_strdup (left);
  block->right = g_strdup (right);
}

void
pos_receipt_add_rule (PosReceipt *receipt, char c)
{
  g_return_if_fail (receipt != NULL);
  g_return_if_fail (c == '-' || c == '=');

  append_block (receipt, POS_BLOCK_RULE)->rule_char = c;
}

void
pos_receipt_add_feed (PosReceipt *receipt, guint lines)
{
  g_return_if_fail (receipt != NULL);
  g_return_if_fail (lines >= 1 && lines <= 255);

  append_block (receipt, POS_BLOCK_FEED)->count = lines;
}

gboolean
pos_receipt_add_barcode (PosReceipt *receipt, PosAlign align, const char *data, guint height, GError **error)
{
  PosReceiptBlock *block;
  gsize len;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (align <= POS_ALIGN_RIGHT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  len = strlen (data);
  if (len == 0 || len > BARCODE_MAX_CHARS)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                   "A barcode needs 1 to %d characters, not %" G_GSIZE_FORMAT, BARCODE_MAX_CHARS, len);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (data[i] < 0x20 || data[i] > 0x7e)
      {
        g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                     "A Code 128 barcode can only hold plain letters, digits and punctuation");
        return FALSE;
      }

  block = append_block (receipt, POS_BLOCK_BARCODE);
  block->align = align;
  block->text = g_strdup (data);
  block->count = height != 0 ? MIN (height, 255) : BARCODE_DEFAULT_HEIGHT;
  return TRUE;
}

gboolean
pos_receipt_add_qr (PosReceipt *receipt, PosAlign align, const char *data, guint module_size,
                    PosQrEcLevel ec_level, GError **error)
{
  static const QRecLevel levels[] = { QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H };
  PosReceiptBlock *block;
  QRcode *code;
  gsize len;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (align <= POS_ALIGN_RIGHT, FALSE);
  g_return_val_if_fail (ec_level <= POS_QR_EC_H, FALSE);
  g_return_val_if_fail (module_size <= 16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Encode once now so data too long for any QR symbol is refused here,
   * where the caller can still do something about it. */
  len = strlen (data);
  code = len > 0 ? QRcode_encodeData ((int)len, (const unsigned char *)data, 0, levels[ec_level]) : NULL;
  if (code == NULL)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                   len == 0 ? "A QR code needs some data"
                            : "%" G_GSIZE_FORMAT
                              " bytes do not fit in a QR code at this error correction level",
                   len);
      return FALSE;
    }
  QRcode_free (code);

  block = append_block (receipt, POS_BLOCK_QR);
  block->align = align;
  block->text = g_strdup (data);
  block->count = module_size != 0 ? module_size : QR_DEFAULT_MODULE;
  block->ec_level = ec_level;
  return TRUE;
}

void
pos_receipt_add_logo (PosReceipt *receipt, PosAlign align, GdkPixbuf *image)
{
  PosReceiptBlock *block;

  g_return_if_fail (receipt != NULL);
  g_return_if_fail (GDK_IS_PIXBUF (image));
  g_return_if_fail (align <= POS_ALIGN_RIGHT);

  block = append_block (receipt, POS_BLOCK_LOGO);
  block->align = align;
  block->image = g_object_ref (image);
}

gboolean
pos_receipt_add_logo_from_file (PosReceipt *receipt, const char *path, GError **error)
{
  g_autoptr (GdkPixbuf) image = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  image = gdk_pixbuf_new_from_file (path, &local_error);
  if (image == NULL)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID, "Cannot use %s as the receipt logo: %s",
                   path, local_error->message);
      return FALSE;
    }
  pos_receipt_add_logo (receipt, POS_ALIGN_CENTER, image);
  return TRUE;
}

void
pos_receipt_add_cut (PosReceipt *receipt, PosCut cut)
{
  g_return_if_fail (receipt != NULL);
  g_return_if_fail (cut == POS_CUT_FULL || cut == POS_CUT_PARTIAL);

  append_block (receipt, POS_BLOCK_CUT)->cut = cut;
}

void
pos_receipt_add_drawer_pulse (PosReceipt *receipt, guint pin)
{
  g_return_if_fail (receipt != NULL);
  g_return_if_fail (pin == 2 || pin == 5);

  append_block (receipt, POS_BLOCK_DRAWER)->pin = pin;
}

PosBitmap *
pos_bitmap_new (guint width, guint height)
{
  PosBitmap *bitmap;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  bitmap = g_new0 (PosBitmap, 1);
  bitmap->width = width;
  bitmap->height = height;
  bitmap->stride = (width + 7) / 8;
  bitmap->bits = g_malloc0_n ((gsize)bitmap->stride, height);
  return bitmap;
}

void
pos_bitmap_free (PosBitmap *bitmap)
{
  if (bitmap == NULL)
    return;
  g_free (bitmap->bits);
  g_free (bitmap);
}

gboolean
pos_bitmap_get (const PosBitmap *bitmap, guint x, guint y)
{
  g_return_val_if_fail (bitmap != NULL, FALSE);
  g_return_val_if_fail (x < bitmap->width && y < bitmap->height, FALSE);

  return (bitmap->bits[(gsize)y * bitmap->stride + x / 8] >> (7 - x % 8)) & 1;
}

void
pos_bitmap_set (PosBitmap *bitmap, guint x, guint y, gboolean black)
{
  guint8 *byte;
  guint8 mask;

  g_return_if_fail (bitmap != NULL);
  g_return_if_fail (x < bitmap->width && y < bitmap->height);

  byte = &bitmap->bits[(gsize)y * bitmap->stride + x / 8];
  mask = (guint8)(0x80 >> (x % 8));
  *byte = black ? (*byte | mask) : (*byte & (guint8)~mask);
}

/* Grey levels (0 black … 255 white) of @image laid on white paper. */
static float *
pixbuf_to_grey (GdkPixbuf *image)
{
  guint width = gdk_pixbuf_get_width (image);
  guint height = gdk_pixbuf_get_height (image);
  guint channels = gdk_pixbuf_get_n_channels (image);
  guint rowstride = gdk_pixbuf_get_rowstride (image);
  gboolean alpha = gdk_pixbuf_get_has_alpha (image);
  const guint8 *pixels = gdk_pixbuf_read_pixels (image);
  float *grey = g_new (float, (gsize)width *height);

  g_assert (gdk_pixbuf_get_bits_per_sample (image) == 8);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        const guint8 *p = pixels + (gsize)y * rowstride + (gsize)x * channels;
        float lum = channels >= 3 ? 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2] : p[0];
        float a = alpha ? p[channels - 1] / 255.0f : 1.0f;

        grey[(gsize)y * width + x] = a * lum + (1.0f - a) * 255.0f;
      }
  return grey;
}

/* Adds @err × @weight/16 to the grey level at (@x, @y) when it is inside. */
static void
spread_error (float *grey, guint width, guint height, gint x, gint y, float err, int weight)
{
  if (x < 0 || (guint)x >= width || (guint)y >= height)
    return;
  grey[(gsize)y * width + (guint)x] += err * (float)weight / 16.0f;
}

PosBitmap *
pos_bitmap_new_from_pixbuf (GdkPixbuf *image, guint max_width)
{
  g_autoptr (GdkPixbuf) scaled = NULL;
  g_autofree float *grey = NULL;
  PosBitmap *bitmap;
  guint width, height;

  g_return_val_if_fail (GDK_IS_PIXBUF (image), NULL);
  g_return_val_if_fail (max_width > 0, NULL);

  width = gdk_pixbuf_get_width (image);
  height = gdk_pixbuf_get_height (image);
  if (width > max_width)
    {
      height = MAX (1, (guint)(((guint64)height * max_width + width / 2) / width));
      width = max_width;
      scaled = gdk_pixbuf_scale_simple (image, (int)width, (int)height, GDK_INTERP_HYPER);
    }
  else
    scaled = g_object_ref (image);

  grey = pixbuf_to_grey (scaled);
  bitmap = pos_bitmap_new (width, height);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        float old = grey[(gsize)y * width + x];
        float now = old < 128.0f ? 0.0f : 255.0f;
        float err = old - now;
        gint ix = (gint)x;

        pos_bitmap_set (bitmap, x, y, now == 0.0f);
        spread_error (grey, width, height, ix + 1, (gint)y, err, 7);
        spread_error (grey, width, height, ix - 1, (gint)y + 1, err, 3);
        spread_error (grey, width, height, ix, (gint)y + 1, err, 5);
        spread_error (grey, width, height, ix + 1, (gint)y + 1, err, 1);
      }
  return bitmap;
}
