/* pos-receipt.h — a receipt as a list of printable blocks.
 *
 * app/ builds one from a sale (text lines, item/price rows, rules, the
 * receipt number as a barcode, a QR code, the shop logo, a cut, a drawer
 * pulse); drivers/ turns it into ESC/POS bytes (pos-escpos.h) or a picture
 * (pos-receipt-preview.h).  The document knows nothing about paper width:
 * fitting text to columns and images to dots happens when it is rendered for
 * a printer profile.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POS_TEXT_NORMAL = 0,
  POS_TEXT_BOLD = 1 << 0,
  POS_TEXT_UNDERLINE = 1 << 1,
  POS_TEXT_DOUBLE_WIDTH = 1 << 2,
  POS_TEXT_DOUBLE_HEIGHT = 1 << 3,
  POS_TEXT_INVERSE = 1 << 4,  /* white on black */
  POS_TEXT_FONT_B = 1 << 5,   /* the smaller font: more columns */
  POS_TEXT_TRUNCATE = 1 << 6, /* two-column rows: cut the left text instead of wrapping it */
} PosTextStyle;

#define POS_TEXT_STYLE_MASK 0x7f

typedef enum
{
  POS_ALIGN_LEFT,
  POS_ALIGN_CENTER,
  POS_ALIGN_RIGHT,
} PosAlign;

typedef enum
{
  POS_CUT_FULL,
  POS_CUT_PARTIAL,
} PosCut;

typedef enum
{
  POS_QR_EC_L, /* 7 % of the symbol can be lost */
  POS_QR_EC_M, /* 15 % */
  POS_QR_EC_Q, /* 25 % */
  POS_QR_EC_H, /* 30 % */
} PosQrEcLevel;

typedef enum
{
  POS_BLOCK_TEXT,
  POS_BLOCK_COLUMNS,
  POS_BLOCK_RULE,
  POS_BLOCK_FEED,
  POS_BLOCK_BARCODE,
  POS_BLOCK_QR,
  POS_BLOCK_LOGO,
  POS_BLOCK_CUT,
  POS_BLOCK_DRAWER,
} PosBlockKind;

/* One block, read-only for renderers.  Which fields matter depends on @kind. */
typedef struct
{
  PosBlockKind kind;
  PosTextStyle style;    /* TEXT, COLUMNS */
  PosAlign align;        /* TEXT, BARCODE, QR, LOGO */
  char *text;            /* TEXT; COLUMNS left; BARCODE and QR data */
  char *right;           /* COLUMNS right */
  char rule_char;        /* RULE: '-' or '=' */
  guint count;           /* FEED: lines; BARCODE: height in dots; QR: module size in dots */
  PosQrEcLevel ec_level; /* QR */
  PosCut cut;            /* CUT */
  guint pin;             /* DRAWER: 2 or 5 */
  GdkPixbuf *image;      /* LOGO */
} PosReceiptBlock;

/* A 1-bit image: rows of (width + 7) / 8 bytes, most significant bit first,
 * a set bit is a black dot.  The same bits go to the printer and the preview. */
typedef struct
{
  guint width;
  guint height;
  guint stride;
  guint8 *bits;
} PosBitmap;

typedef struct _PosReceipt PosReceipt;

/* Returns: (transfer full): an empty receipt. */
PosReceipt *pos_receipt_new (void);
PosReceipt *pos_receipt_ref (PosReceipt *receipt);
void pos_receipt_unref (PosReceipt *receipt);

guint pos_receipt_get_n_blocks (PosReceipt *receipt);
/* Returns: (transfer none): block @index, valid while the receipt lives. */
const PosReceiptBlock *pos_receipt_get_block (PosReceipt *receipt, guint index);

/* A line of text.  Newlines start new lines; long lines wrap at word
 * boundaries to the printer's width. */
void pos_receipt_add_text (PosReceipt *receipt, PosTextStyle style, PosAlign align, const char *text);

/* A row with @left text and @right text (usually an amount) aligned to the
 * right edge.  The right text is kept whole; the left text wraps (or is cut
 * with POS_TEXT_TRUNCATE) to fit beside it. */
void pos_receipt_add_columns (PosReceipt *receipt, PosTextStyle style, const char *left, const char *right);

/* A full-width line of @c, which must be '-' or '='. */
void pos_receipt_add_rule (PosReceipt *receipt, char c);

/* @lines blank lines (1–255). */
void pos_receipt_add_feed (PosReceipt *receipt, guint lines);

/* A Code 128 barcode with its text printed below.  @data must be 1–80
 * printable ASCII characters; @height in dots (0 for the default). */
gboolean pos_receipt_add_barcode (PosReceipt *receipt, PosAlign align, const char *data, guint height,
                                  GError **error);

/* A QR code (model 2) of @data.  @module_size is the dot size of one module
 * (1–16, 0 for the default); it shrinks when the symbol would not fit. */
gboolean pos_receipt_add_qr (PosReceipt *receipt, PosAlign align, const char *data, guint module_size,
                             PosQrEcLevel ec_level, GError **error);

/* An image, dithered to black and white and scaled down to the paper when
 * rendered.  Transparent parts print as paper. */
void pos_receipt_add_logo (PosReceipt *receipt, PosAlign align, GdkPixbuf *image);

/* A centred logo from an image file (PNG, JPEG…).  Fails with
 * POS_DEVICE_ERROR_INVALID, adding nothing, when the file cannot be read. */
gboolean pos_receipt_add_logo_from_file (PosReceipt *receipt, const char *path, GError **error);

/* Feed past the cutter and cut (or only feed on a printer without one). */
void pos_receipt_add_cut (PosReceipt *receipt, PosCut cut);

/* Open the cash drawer on kick-out connector pin 2 or 5. */
void pos_receipt_add_drawer_pulse (PosReceipt *receipt, guint pin);

/* Dithers @image (Floyd–Steinberg) to a bitmap no wider than @max_width
 * dots, scaling it down (never up) with its aspect ratio kept.
 * Returns: (transfer full) */
PosBitmap *pos_bitmap_new_from_pixbuf (GdkPixbuf *image, guint max_width);
PosBitmap *pos_bitmap_new (guint width, guint height);
void pos_bitmap_free (PosBitmap *bitmap);
gboolean pos_bitmap_get (const PosBitmap *bitmap, guint x, guint y);
void pos_bitmap_set (PosBitmap *bitmap, guint x, guint y, gboolean black);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosReceipt, pos_receipt_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosBitmap, pos_bitmap_free)

G_END_DECLS
