/* pos-barcode.h — what a scanned or typed code means.
 *
 * pos_barcode_parse() turns the characters a scanner sent (or a cashier
 * typed) into a PosBarcode: its kind, the key to look it up in the barcode
 * table, and any price, weight, batch, expiry or serial number it carries.
 * Every check digit is verified; a code that fails is an error, never a guess.
 *
 * How the kind is chosen:
 * - An AIM symbology identifier ("]" letter modifier) is stripped and kept.
 *   ]E… is EAN/UPC (]E4 is EAN-8, an 8-digit ]E0 is UPC-E); ]C1, ]e0, ]d2,
 *   ]Q3 and ]J1 are GS1 element strings; any other identifier (Code 128 ]C0,
 *   Code 39 ]A0, QR ]Q1, …) makes the text PLAIN, digits or not.
 * - Without an identifier: a "(NN)…" text or one containing GS (0x1D) is GS1;
 *   13 digits are EAN-13 (978/979 ISBN, 977 ISSN, 02/20–29 variable measure
 *   when the prefix has a layout); 12 digits UPC-A; 8 digits EAN-8 or, when
 *   that check fails, UPC-E (when both checks pass it is EAN-8, and alt_key
 *   holds the UPC-E reading); 14 digits with a valid GTIN check and digit
 *   strings starting with 01 that parse as GS1 are GS1 (alt_key keeps the
 *   text). An ISBN-10 (hyphens allowed, X check) becomes its 978 EAN-13;
 *   "NNNN-NNNC" with a valid ISSN check becomes 977NNNNNNN00C. Anything else
 *   is PLAIN.
 * - GS1 AIs read: 01, 10, 17, 21, 310n, 392n; other AIs of the standard are
 *   skipped by their known lengths; an unknown AI is an error. 392n is turned
 *   into minor units with the currency exponent of the layouts (default 2).
 *
 * Input limits: 1–POS_BARCODE_MAX_LENGTH bytes of UTF-8 with no control
 * characters except GS; surrounding spaces are trimmed.
 */
#pragma once

#include <glib.h>

#include "pos-barcode-layout.h"

G_BEGIN_DECLS

#define POS_BARCODE_MAX_LENGTH 256

typedef enum
{
  POS_BARCODE_EAN13,
  POS_BARCODE_EAN8,
  POS_BARCODE_UPCA,
  POS_BARCODE_UPCE,
  POS_BARCODE_ISBN,
  POS_BARCODE_ISSN,
  POS_BARCODE_VARIABLE, /* in-store variable measure (prefix 02, 20–29) with embedded price or weight */
  POS_BARCODE_GS1,      /* GS1-128 / DataBar element string with AIs */
  POS_BARCODE_PLAIN,    /* not a GTIN: a SKU, a Code 128 receipt number such as "T1-42", free text */
} PosBarcodeKind;

typedef struct
{
  PosBarcodeKind kind;
  char *symbology; /* (nullable) AIM identifier as scanned ("]E0", "]C1", "]e0"…) */
  char *text;      /* what was scanned without the AIM prefix, trimmed */
  /* Lookup key for the barcode table, never NULL: EAN-13/UPC-A/UPC-E/ISBN/ISSN
   * → 13 digits (UPC-A gets a leading 0, UPC-E is expanded to UPC-A first);
   * EAN-8 → 8 digits; GS1 AI 01 → its GTIN-14 as 13 digits when it starts
   * with 0, as the 8 EAN-8 digits when it starts with 000000, else 14 digits;
   * GS1 without AI 01 → the element string in "(NN)…" form (it names no
   * product); VARIABLE → the 13-digit code with the value digits (and price
   * check digit) set to 0 and the EAN check digit recomputed; PLAIN → the
   * text as is. */
  char *key;
  /* (nullable) a second reading when the text alone is ambiguous (an 8-digit
   * code valid as both EAN-8 and UPC-E, a 10-digit ISBN that may be a SKU…):
   * look it up when key finds nothing. */
  char *alt_key;
  gboolean has_price;
  gint64 price; /* embedded price in minor units (variable price, AI 392n) */
  gboolean has_weight;
  gint64 weight; /* grams (variable weight, AI 310n) */
  char *batch;   /* (nullable) AI 10 */
  char *expiry;  /* (nullable) AI 17, "YYMMDD" */
  char *serial;  /* (nullable) AI 21 */
} PosBarcode;

/* Parses @scanned. @layouts (nullable) defaults to
 * pos_barcode_layouts_new_default(). Returns (transfer full) (nullable):
 * NULL with POS_ERROR_INVALID ("EAN-13 4006381333932: check digit is 2,
 * expected 1") on bad input. */
PosBarcode *pos_barcode_parse (const char *scanned, const PosBarcodeLayouts *layouts, GError **error);

void pos_barcode_free (PosBarcode *barcode);

/* "ean13", "ean8", "upca", "upce", "isbn", "issn", "variable", "gs1", "plain". */
const char *pos_barcode_kind_to_string (PosBarcodeKind kind);

/* The ISSN an ISSN barcode (977…) carries, written "NNNN-NNNC" with its
 * mod-11 check character ('X' for 10): 9770317847001 → "0317-8471".
 * Returns: (transfer full) (nullable): NULL for any other kind. */
char *pos_barcode_issn (const PosBarcode *code);

/* The ISBN-10 of an ISBN-13 starting 978, with its mod-11 check character
 * ('X' for 10): 9783161484100 → "316148410X". 979 ISBNs have none.
 * Returns: (transfer full) (nullable): NULL when there is none. */
char *pos_barcode_isbn10 (const PosBarcode *code);

/* TRUE when @digits (8, 12, 13 or 14 ASCII digits) ends in its GS1 check digit. */
gboolean pos_gtin_check_digit_valid (const char *digits);

/* The GS1 mod-10 check digit ('0'–'9') of 1–17 ASCII digits, or '\0' when
 * @digits_without_check is not that. */
char pos_gtin_check_digit (const char *digits_without_check);

/* Expands an 8-digit UPC-E (number system 0 or 1, check digit included) to
 * its 12-digit UPC-A. Returns (transfer full) (nullable): NULL when @upce is
 * not 8 digits with number system 0 or 1; the check digit is copied, not
 * verified. */
char *pos_upce_expand (const char *upce);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosBarcode, pos_barcode_free)

G_END_DECLS
