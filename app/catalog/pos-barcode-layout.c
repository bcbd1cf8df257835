/* pos-barcode-layout.c — per-prefix layouts of variable-measure codes. */
#include "pos-barcode-layout.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-error.h"

#define N_SLOTS 11 /* "02" and "20"–"29" */
#define MAX_DECIMALS 6

struct _PosBarcodeLayouts
{
  gboolean present[N_SLOTS];
  PosBarcodeLayout layout[N_SLOTS];
  guint currency_exponent;
};

static const char *const default_layouts
    = "20=price:PPPPPPPVVVVV;23=weight:PPPPPPPPVVVV;28=weight:PPPPPPCVVVVV;29=weight:PPPPPPCVVVVV";

/* Maps a prefix to its slot, or -1 when it is not an in-store prefix. */
static int
prefix_slot (guint prefix)
{
  if (prefix == 2)
    return 0;
  if (prefix >= 20 && prefix <= 29)
    return (int)prefix - 19;
  return -1;
}

PosBarcodeLayouts *
pos_barcode_layouts_new_empty (void)
{
  PosBarcodeLayouts *layouts = g_new0 (PosBarcodeLayouts, 1);

  layouts->currency_exponent = 2;
  return layouts;
}

PosBarcodeLayouts *
pos_barcode_layouts_new_default (void)
{
  PosBarcodeLayouts *layouts = pos_barcode_layouts_parse (default_layouts, NULL);

  g_assert (layouts != NULL);
  return layouts;
}

PosBarcodeLayouts *
pos_barcode_layouts_copy (const PosBarcodeLayouts *layouts)
{
  g_return_val_if_fail (layouts != NULL, NULL);
  return g_memdup2 (layouts, sizeof *layouts);
}

void
pos_barcode_layouts_free (PosBarcodeLayouts *layouts)
{
  g_free (layouts);
}

void
pos_barcode_layouts_set_currency_exponent (PosBarcodeLayouts *layouts, guint exponent)
{
  g_return_if_fail (layouts != NULL);
  g_return_if_fail (exponent <= 4);
  layouts->currency_exponent = exponent;
}

guint
pos_barcode_layouts_get_currency_exponent (const PosBarcodeLayouts *layouts)
{
  g_return_val_if_fail (layouts != NULL, 2);
  return layouts->currency_exponent;
}

const PosBarcodeLayout *
pos_barcode_layouts_lookup (const PosBarcodeLayouts *layouts, guint prefix)
{
  int slot = prefix_slot (prefix);

  g_return_val_if_fail (layouts != NULL, NULL);
  if (slot < 0 || !layouts->present[slot])
    return NULL;
  return &layouts->layout[slot];
}

/* Checks a pattern: 12 of P/C/V, the two prefix digits are P, at least one V,
 * at most one C and then exactly 4 or 5 V (the only lengths GS1 defines a
 * price/weight check digit for). */
static gboolean
check_pattern (const char *pattern, GError **error)
{
  guint n_value = 0, n_check = 0;

  if (pattern == NULL || strlen (pattern) != 12)
    {
      g_set_error (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("layout pattern \"%s\" must have 12 characters (the digits before the EAN check digit)"),
          pattern != NULL ? pattern : "");
      return FALSE;
    }
  for (guint i = 0; i < 12; i++)
    {
      if (pattern[i] == 'V')
        n_value++;
      else if (pattern[i] == 'C')
        n_check++;
      else if (pattern[i] != 'P')
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("layout pattern \"%s\" may only contain P (item), C (price check) and V (value)"),
                       pattern);
          return FALSE;
        }
    }
  if (pattern[0] != 'P' || pattern[1] != 'P')
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("layout pattern \"%s\" must start with PP: the prefix identifies the layout"), pattern);
      return FALSE;
    }
  if (n_value == 0 || n_check > 1 || (n_check == 1 && n_value != 4 && n_value != 5))
    {
      g_set_error (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("layout pattern \"%s\" needs value digits (V), and a price check digit (C) only with 4 or 5 "
             "of them"),
          pattern);
      return FALSE;
    }
  return TRUE;
}

gboolean
pos_barcode_layouts_set (PosBarcodeLayouts *layouts, const PosBarcodeLayout *layout, GError **error)
{
  int slot;
  gboolean minor = layout != NULL && layout->decimals == POS_BARCODE_LAYOUT_MINOR_UNITS;

  g_return_val_if_fail (layouts != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (memchr (layout->pattern, '\0', sizeof layout->pattern) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  slot = prefix_slot (layout->prefix);
  if (slot < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%02u is not an in-store prefix (02 or 20 to 29)"),
                   layout->prefix);
      return FALSE;
    }
  if (!check_pattern (layout->pattern, error))
    return FALSE;
  if ((layout->decimals < 0 || layout->decimals > MAX_DECIMALS)
      && !(minor && layout->kind == POS_BARCODE_LAYOUT_PRICE))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("layout %02u: decimals must be 0 to %d"),
                   layout->prefix, MAX_DECIMALS);
      return FALSE;
    }
  layouts->layout[slot] = *layout;
  layouts->present[slot] = TRUE;
  return TRUE;
}

void
pos_barcode_layouts_remove (PosBarcodeLayouts *layouts, guint prefix)
{
  int slot = prefix_slot (prefix);

  g_return_if_fail (layouts != NULL);
  if (slot >= 0)
    layouts->present[slot] = FALSE;
}

/* Reads "02" or "20"…"29" exactly. */
static gboolean
parse_prefix (const char *text, guint *prefix)
{
  if (strlen (text) != 2 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]))
    return FALSE;
  *prefix = (guint)((text[0] - '0') * 10 + (text[1] - '0'));
  return prefix_slot (*prefix) >= 0;
}

/* Reads a small decimal count "0"…"6". */
static gboolean
parse_decimals (const char *text, int *decimals)
{
  if (strlen (text) != 1 || text[0] < '0' || text[0] > '0' + MAX_DECIMALS)
    return FALSE;
  *decimals = text[0] - '0';
  return TRUE;
}

/* Parses one "NN=kind:PATTERN[:DECIMALS]" entry into @layout. */
static gboolean
parse_entry (const char *entry, PosBarcodeLayout *layout, GError **error)
{
  g_auto (GStrv) sides = g_strsplit (entry, "=", 2);
  g_auto (GStrv) parts = NULL;
  g_autofree char *prefix_text = NULL;
  guint n_parts;

  if (g_strv_length (sides) != 2)
    goto bad;
  prefix_text = g_strstrip (g_strdup (sides[0]));
  if (!parse_prefix (prefix_text, &layout->prefix))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("barcode layout \"%s\": prefix must be 02 or 20 to 29"), entry);
      return FALSE;
    }
  parts = g_strsplit (sides[1], ":", -1);
  n_parts = g_strv_length (parts);
  if (n_parts < 2 || n_parts > 3)
    goto bad;
  for (guint i = 0; i < n_parts; i++)
    g_strstrip (parts[i]);
  if (g_ascii_strcasecmp (parts[0], "price") == 0)
    layout->kind = POS_BARCODE_LAYOUT_PRICE;
  else if (g_ascii_strcasecmp (parts[0], "weight") == 0)
    layout->kind = POS_BARCODE_LAYOUT_WEIGHT;
  else
    goto bad;
  if (strlen (parts[1]) != 12)
    return check_pattern (parts[1], error);
  memcpy (layout->pattern, parts[1], 13);
  if (n_parts == 3)
    {
      if (!parse_decimals (parts[2], &layout->decimals))
        goto bad;
    }
  else
    layout->decimals = layout->kind == POS_BARCODE_LAYOUT_WEIGHT ? 3 : POS_BARCODE_LAYOUT_MINOR_UNITS;
  return TRUE;

bad:
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("barcode layout \"%s\" is not PREFIX=price|weight:PATTERN[:DECIMALS]"), entry);
  return FALSE;
}

PosBarcodeLayouts *
pos_barcode_layouts_parse (const char *text, GError **error)
{
  g_autoptr (PosBarcodeLayouts) layouts = pos_barcode_layouts_new_empty ();
  g_auto (GStrv) entries = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = g_strsplit (text, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      PosBarcodeLayout layout = { 0 };
      const char *entry = g_strstrip (entries[i]);

      if (*entry == '\0')
        continue;
      if (!parse_entry (entry, &layout, error))
        return NULL;
      if (pos_barcode_layouts_lookup (layouts, layout.prefix) != NULL)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("barcode layout for prefix %02u is given twice"), layout.prefix);
          return NULL;
        }
      if (!pos_barcode_layouts_set (layouts, &layout, error))
        return NULL;
    }
  return g_steal_pointer (&layouts);
}

char *
pos_barcode_layouts_to_string (const PosBarcodeLayouts *layouts)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (layouts != NULL, NULL);
  for (int slot = 0; slot < N_SLOTS; slot++)
    {
      const PosBarcodeLayout *layout = &layouts->layout[slot];
      gboolean default_decimals;

      if (!layouts->present[slot])
        continue;
      default_decimals = layout->kind == POS_BARCODE_LAYOUT_WEIGHT
                             ? layout->decimals == 3
                             : layout->decimals == POS_BARCODE_LAYOUT_MINOR_UNITS;
      g_string_append_printf (out, "%s%02u=%s:%s", out->len > 0 ? ";" : "", layout->prefix,
                              layout->kind == POS_BARCODE_LAYOUT_WEIGHT ? "weight" : "price",
                              layout->pattern);
      if (!default_decimals)
        g_string_append_printf (out, ":%d", layout->decimals);
    }
  return g_string_free (out, FALSE);
}

/* The weighting functions of GS1 General Specifications 7.9.3, as tables
 * indexed by the digit. */
static const guint8 weight_2_minus[10] = { 0, 2, 4, 6, 8, 9, 1, 3, 5, 7 };
static const guint8 weight_3[10] = { 0, 3, 6, 9, 2, 5, 8, 1, 4, 7 };
static const guint8 weight_5_plus[10] = { 0, 5, 1, 6, 2, 7, 3, 8, 4, 9 };
static const guint8 weight_5_minus[10] = { 0, 5, 9, 4, 8, 3, 7, 2, 6, 1 };

int
pos_price_check_digit (const char *digits, gsize length)
{
  guint d[5], sum;

  g_return_val_if_fail (digits != NULL, -1);
  if (length != 4 && length != 5)
    return -1;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return -1;
      d[i] = (guint)(digits[i] - '0');
    }
  if (length == 4)
    {
      sum = weight_2_minus[d[0]] + weight_2_minus[d[1]] + weight_3[d[2]] + weight_5_minus[d[3]];
      return (int)((sum * 3) % 10);
    }
  sum = weight_5_plus[d[0]] + weight_2_minus[d[1]] + weight_5_minus[d[2]] + weight_5_plus[d[3]]
        + weight_2_minus[d[4]];
  /* The check digit is the one whose 5- product makes the sum a multiple of 10. */
  for (int c = 0; c < 10; c++)
    if (weight_5_minus[c] == (10 - sum % 10) % 10)
      return c;
  g_assert_not_reached ();
}
