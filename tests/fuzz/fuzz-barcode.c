/* fuzz-barcode.c — the barcode parser on anything a scanner could send.
 *
 * Input: scanned text, optionally preceded by a layout table and a line
 * feed ("28:weight:5:nocheck;…" as pos_barcode_layouts_parse() reads it).
 * Whatever parses must hold up: a key, lookups that are digits when the
 * kind says so, and UPC-E expansion that keeps its check digit valid.
 */
#include "pos-fuzz.h"

#include <string.h>

#include "pos-barcode.h"

static void
check_parsed (const PosBarcode *code)
{
  if (code->key == NULL)
    pos_fuzz_fail ("a parsed code has no lookup key");
  if ((code->kind == POS_BARCODE_EAN13 || code->kind == POS_BARCODE_UPCA || code->kind == POS_BARCODE_ISBN)
      && (strlen (code->key) != 13 || !pos_gtin_check_digit_valid (code->key)))
    pos_fuzz_fail ("%s key %s is not 13 digits with a valid check digit",
                   pos_barcode_kind_to_string (code->kind), code->key);
  if (code->kind == POS_BARCODE_UPCE)
    {
      g_autofree char *expanded = pos_upce_expand (code->text);
      if (expanded != NULL && !pos_gtin_check_digit_valid (expanded))
        pos_fuzz_fail ("UPC-E %s expands to %s, whose check digit is wrong", code->text, expanded);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = pos_fuzz_text (data, size);
  char *newline = strchr (text, '\n');
  const char *scanned = text;
  g_autoptr (PosBarcodeLayouts) layouts = NULL;
  g_autoptr (PosBarcode) code = NULL;

  if (newline != NULL)
    {
      *newline = '\0';
      layouts = pos_barcode_layouts_parse (text, NULL);
      scanned = newline + 1;
      if (layouts != NULL)
        {
          /* A table that parses prints back to one that parses the same. */
          g_autofree char *printed = pos_barcode_layouts_to_string (layouts);
          g_autoptr (PosBarcodeLayouts) again = pos_barcode_layouts_parse (printed, NULL);
          g_autofree char *reprinted = again != NULL ? pos_barcode_layouts_to_string (again) : NULL;
          if (reprinted == NULL || strcmp (printed, reprinted) != 0)
            pos_fuzz_fail ("layouts %s do not read back", printed);
        }
    }
  code = pos_barcode_parse (scanned, layouts, NULL);
  if (code != NULL)
    check_parsed (code);
  pos_gtin_check_digit_valid (scanned);
  g_free (pos_upce_expand (scanned));
  return 0;
}
