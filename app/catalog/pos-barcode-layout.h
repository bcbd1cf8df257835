/* pos-barcode-layout.h — how a shop's scales and label printers lay out
 * in-store variable-measure codes (EAN-13 prefixes 02 and 20–29).
 *
 * Each prefix has its own layout: whether the embedded value is a price or a
 * weight, and a 12-character pattern over the 12 digits before the EAN check
 * digit:
 *   P  item digits (the prefix included): identify the product,
 *   C  the price/weight check digit of the GS1 General Specifications
 *      (4-digit or 5-digit algorithm, chosen by the number of V digits),
 *   V  value digits, most significant first.
 * Examples: Germany 28/29 weight "PPPPPPCVVVVV", Sweden 23 weight
 * "PPPPPPPPVVVV", UK 20 price "PPPPPPPVVVVV".
 *
 * A whole configuration is one setting string:
 *   "20=price:PPPPPPPVVVVV;23=weight:PPPPPPPPVVVV;28=weight:PPPPPPCVVVVV"
 * optionally with the number of decimals of the value after a third colon
 * ("28=weight:PPPPPPCVVVVV:3"). Weight decimals are decimals of a kilogram
 * (default 3: the value is in grams). A price without decimals is in minor
 * units of the shop's currency as is; a price with decimals is converted with
 * the currency exponent (pos_barcode_layouts_set_currency_exponent()).
 *
 * A prefix without a layout is not a variable-measure code for this shop: the
 * whole 13 digits are the product's number (many shops print fixed in-store
 * codes in 21 or 02). Guessing "price" there could charge a wrong amount;
 * a missing product is a safe, visible failure instead.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POS_BARCODE_LAYOUT_PRICE,
  POS_BARCODE_LAYOUT_WEIGHT,
} PosBarcodeLayoutKind;

/* In PosBarcodeLayout.decimals for a price: the value is in minor units. */
#define POS_BARCODE_LAYOUT_MINOR_UNITS (-1)

typedef struct
{
  guint prefix; /* 2 (for "02") or 20–29 */
  PosBarcodeLayoutKind kind;
  char pattern[13]; /* 12 characters of P, C, V and a NUL */
  int decimals;     /* weight: 0–6 decimals of a kg; price: 0–6 or POS_BARCODE_LAYOUT_MINOR_UNITS */
} PosBarcodeLayout;

typedef struct _PosBarcodeLayouts PosBarcodeLayouts;

/* Germany 28/29 weight, Sweden 23 weight, UK 20 price (see above). (transfer full) */
PosBarcodeLayouts *pos_barcode_layouts_new_default (void);

/* No layout at all: every 02/2x code is a fixed product number. (transfer full) */
PosBarcodeLayouts *pos_barcode_layouts_new_empty (void);

/* Parses a setting string; "" gives no layouts. Returns (transfer full)
 * (nullable): NULL with POS_ERROR_INVALID naming the bad entry. */
PosBarcodeLayouts *pos_barcode_layouts_parse (const char *text, GError **error);

/* The setting string, prefixes in ascending order. (transfer full) */
char *pos_barcode_layouts_to_string (const PosBarcodeLayouts *layouts);

/* Adds or replaces the layout of layout->prefix after checking it. */
gboolean pos_barcode_layouts_set (PosBarcodeLayouts *layouts, const PosBarcodeLayout *layout, GError **error);

/* Removes the layout of @prefix, if any. */
void pos_barcode_layouts_remove (PosBarcodeLayouts *layouts, guint prefix);

/* (nullable): the layout for a 2-digit prefix (2 means "02"). */
const PosBarcodeLayout *pos_barcode_layouts_lookup (const PosBarcodeLayouts *layouts, guint prefix);

/* The store currency's ISO 4217 exponent (default 2), used for prices written
 * with decimals here and for GS1 AI 392n. */
void pos_barcode_layouts_set_currency_exponent (PosBarcodeLayouts *layouts, guint exponent);
guint pos_barcode_layouts_get_currency_exponent (const PosBarcodeLayouts *layouts);

PosBarcodeLayouts *pos_barcode_layouts_copy (const PosBarcodeLayouts *layouts);
void pos_barcode_layouts_free (PosBarcodeLayouts *layouts);

/* The GS1 price/weight check digit of a 4- or 5-digit value, or -1 when
 * @digits is not 4 or 5 ASCII digits. */
int pos_price_check_digit (const char *digits, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosBarcodeLayouts, pos_barcode_layouts_free)

G_END_DECLS
