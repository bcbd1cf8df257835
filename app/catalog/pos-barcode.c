/* pos-barcode.c — parsing scanned codes: EAN/UPC, ISBN/ISSN, in-store
 * variable measure, GS1 element strings and plain text. */
#include "pos-barcode.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pos-error.h"

#define GS '\x1d'

/* What the parsing steps share: the result being filled in and the layouts. */
typedef struct
{
  PosBarcode *barcode;
  const PosBarcodeLayouts *layouts;
  char gtin[15];  /* GS1 AI 01, "" until read */
  GString *human; /* GS1 elements in "(NN)data" form */
} Parse;

void
pos_barcode_free (PosBarcode *barcode)
{
  if (barcode == NULL)
    return;
  g_free (barcode->symbology);
  g_free (barcode->text);
  g_free (barcode->key);
  g_free (barcode->alt_key);
  g_free (barcode->batch);
  g_free (barcode->expiry);
  g_free (barcode->serial);
  g_free (barcode);
}

const char *
pos_barcode_kind_to_string (PosBarcodeKind kind)
{
  static const char *const names[]
      = { "ean13", "ean8", "upca", "upce", "isbn", "issn", "variable", "gs1", "plain" };

  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

static gboolean
all_digits (const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

char
pos_gtin_check_digit (const char *digits_without_check)
{
  gsize length;
  guint sum = 0;

  g_return_val_if_fail (digits_without_check != NULL, '\0');
  length = strlen (digits_without_check);
  if (length == 0 || length > 17 || !all_digits (digits_without_check, length))
    return '\0';
  /* Weights 3, 1, 3, … from the rightmost digit. */
  for (gsize i = 0; i < length; i++)
    sum += (guint)(digits_without_check[length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (char)('0' + (10 - sum % 10) % 10);
}

gboolean
pos_gtin_check_digit_valid (const char *digits)
{
  gsize length;
  char body[14];

  g_return_val_if_fail (digits != NULL, FALSE);
  length = strlen (digits);
  if ((length != 8 && length != 12 && length != 13 && length != 14) || !all_digits (digits, length))
    return FALSE;
  memcpy (body, digits, length - 1);
  body[length - 1] = '\0';
  return pos_gtin_check_digit (body) == digits[length - 1];
}

char *
pos_upce_expand (const char *upce)
{
  const char *d;

  g_return_val_if_fail (upce != NULL, NULL);
  if (strlen (upce) != 8 || !all_digits (upce, 8) || (upce[0] != '0' && upce[0] != '1'))
    return NULL;
  d = upce + 1; /* the six digits d[0]…d[5] */
  switch (d[5])
    {
      case '0':
      case '1':
      case '2':
        return g_strdup_printf ("%c%.2s%c0000%.3s%c", upce[0], d, d[5], d + 2, upce[7]);
      case '3':
        return g_strdup_printf ("%c%.3s00000%.2s%c", upce[0], d, d + 3, upce[7]);
      case '4':
        return g_strdup_printf ("%c%.4s00000%c%c", upce[0], d, d[4], upce[7]);
      default:
        return g_strdup_printf ("%c%.5s0000%c%c", upce[0], d, d[5], upce[7]);
    }
}

/* Verifies the GS1 check digit of @digits, naming @what in the error. */
static gboolean
verify_gtin (const char *what, const char *digits, GError **error)
{
  gsize length = strlen (digits);
  g_autofree char *body = g_strndup (digits, length - 1);
  char expected = pos_gtin_check_digit (body);

  if (expected == digits[length - 1])
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("%s %s: check digit is %c, expected %c"), what, digits,
               digits[length - 1], expected);
  return FALSE;
}

/* Multiplies or divides @value by a power of ten to go from @from decimals to
 * @to decimals, refusing to round or overflow. */
static gboolean
rescale (gint64 value, int from, int to, const char *what, gint64 *out, GError **error)
{
  for (; from < to; from++)
    {
      if (value > G_MAXINT64 / 10)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_OVERFLOW, _ ("%s is too large"), what);
          return FALSE;
        }
      value *= 10;
    }
  for (; from > to; from--)
    {
      if (value % 10 != 0)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("%s has more decimals than can be kept exactly"), what);
          return FALSE;
        }
      value /= 10;
    }
  *out = value;
  return TRUE;
}

/* The integer value of up to 18 ASCII digits. */
static gint64
digits_value (const char *digits, gsize length)
{
  gint64 value = 0;

  g_assert (length <= 18);
  for (gsize i = 0; i < length; i++)
    value = value * 10 + (digits[i] - '0');
  return value;
}

/* Reads the embedded value of a verified 13-digit in-store code with
 * @layout, checks its price check digit and builds the product key. */
static gboolean
parse_variable (Parse *p, const char *code, const PosBarcodeLayout *layout, GError **error)
{
  PosBarcode *b = p->barcode;
  char value[13], key[14];
  gsize n_value = 0;
  int check_at = -1;
  gint64 number;

  memcpy (key, code, 12);
  key[12] = key[13] = '\0';
  for (int i = 0; i < 12; i++)
    {
      if (layout->pattern[i] == 'V')
        value[n_value++] = code[i];
      else if (layout->pattern[i] == 'C')
        check_at = i;
      if (layout->pattern[i] != 'P')
        key[i] = '0';
    }
  value[n_value] = '\0';
  if (check_at >= 0)
    {
      char expected = (char)('0' + pos_price_check_digit (value, n_value));
      if (code[check_at] != expected)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("in-store code %s: price check digit is %c, expected %c"), code, code[check_at],
                       expected);
          return FALSE;
        }
    }
  key[12] = pos_gtin_check_digit (key);
  b->kind = POS_BARCODE_VARIABLE;
  b->key = g_strdup (key);
  number = digits_value (value, n_value);
  if (layout->kind == POS_BARCODE_LAYOUT_WEIGHT)
    return (b->has_weight = rescale (number, layout->decimals, 3, "the weight", &b->weight, error));
  if (layout->decimals == POS_BARCODE_LAYOUT_MINOR_UNITS)
    {
      b->price = number;
      return (b->has_price = TRUE);
    }
  return (b->has_price
          = rescale (number, layout->decimals, (int)pos_barcode_layouts_get_currency_exponent (p->layouts),
                     "the price", &b->price, error));
}

/* Sorts a verified 13-digit code into ISBN, ISSN, variable measure or
 * @plain_kind (EAN-13, UPC-A or UPC-E) and sets its key. */
static gboolean
classify_gtin13 (Parse *p, const char *code, PosBarcodeKind plain_kind, GError **error)
{
  PosBarcode *b = p->barcode;
  guint prefix = (guint)((code[0] - '0') * 10 + (code[1] - '0'));
  const PosBarcodeLayout *layout = pos_barcode_layouts_lookup (p->layouts, prefix);

  if (layout != NULL)
    return parse_variable (p, code, layout, error);
  if (g_str_has_prefix (code, "978") || g_str_has_prefix (code, "979"))
    b->kind = POS_BARCODE_ISBN;
  else if (g_str_has_prefix (code, "977"))
    b->kind = POS_BARCODE_ISSN;
  else
    b->kind = plain_kind;
  b->key = g_strdup (code);
  return TRUE;
}

static gboolean
parse_ean13 (Parse *p, const char *digits, GError **error)
{
  return verify_gtin ("EAN-13", digits, error) && classify_gtin13 (p, digits, POS_BARCODE_EAN13, error);
}

static gboolean
parse_upca (Parse *p, const char *digits, GError **error)
{
  g_autofree char *code = g_strconcat ("0", digits, NULL);

  return verify_gtin ("UPC-A", digits, error) && classify_gtin13 (p, code, POS_BARCODE_UPCA, error);
}

static gboolean
parse_ean8 (Parse *p, const char *digits, GError **error)
{
  if (!verify_gtin ("EAN-8", digits, error))
    return FALSE;
  p->barcode->kind = POS_BARCODE_EAN8;
  p->barcode->key = g_strdup (digits);
  return TRUE;
}

static gboolean
parse_upce (Parse *p, const char *digits, GError **error)
{
  g_autofree char *upca = pos_upce_expand (digits);
  char expected;

  if (upca == NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("UPC-E %s: number system must be 0 or 1"), digits);
      return FALSE;
    }
  upca[11] = '\0';
  expected = pos_gtin_check_digit (upca);
  if (expected != digits[7])
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("UPC-E %s: check digit is %c, expected %c"),
                   digits, digits[7], expected);
      return FALSE;
    }
  p->barcode->kind = POS_BARCODE_UPCE;
  p->barcode->key = g_strdup_printf ("0%s%c", upca, digits[7]);
  return TRUE;
}

/* Eight digits with no symbology: EAN-8 when its check digit holds, else
 * UPC-E; when both readings are valid the UPC-E key goes to alt_key. */
static gboolean
parse_eight_digits (Parse *p, const char *digits, GError **error)
{
  g_autoptr (GError) upce_error = NULL;
  Parse upce = { .barcode = g_new0 (PosBarcode, 1), .layouts = p->layouts };
  gboolean upce_ok = parse_upce (&upce, digits, &upce_error);
  g_autofree char *body = NULL;

  if (pos_gtin_check_digit_valid (digits))
    {
      parse_ean8 (p, digits, NULL);
      if (upce_ok)
        p->barcode->alt_key = g_steal_pointer (&upce.barcode->key);
      pos_barcode_free (upce.barcode);
      return TRUE;
    }
  pos_barcode_free (upce.barcode);
  if (upce_ok)
    return parse_upce (p, digits, error);
  body = g_strndup (digits, 7);
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("EAN-8 %s: check digit is %c, expected %c (and not a UPC-E)"), digits, digits[7],
               pos_gtin_check_digit (body));
  return FALSE;
}

/* The number of digits of the AI that starts with these two digits (GS1
 * General Specifications, AI table), or 0 for an unassigned range. */
static guint
gs1_ai_length (const char *two)
{
  guint n = (guint)((two[0] - '0') * 10 + (two[1] - '0'));

  if (n <= 22 || n == 30 || n == 37 || n >= 90)
    return 2;
  if ((n >= 23 && n <= 25) || (n >= 40 && n <= 42) || n == 71)
    return 3;
  if ((n >= 31 && n <= 36) || n == 39 || n == 43 || n == 70 || n == 72 || (n >= 80 && n <= 82))
    return 4;
  return 0;
}

/* The data length of the AIs GS1 predefines as fixed length (they need no
 * GS after them), or 0 when the field is variable and ends at GS. */
static guint
gs1_fixed_data_length (const char *two)
{
  guint n = (guint)((two[0] - '0') * 10 + (two[1] - '0'));

  if (n == 0)
    return 18;
  if (n >= 1 && n <= 3)
    return 14;
  if (n == 4)
    return 16;
  if (n >= 11 && n <= 19)
    return 6;
  if (n == 20)
    return 2;
  if (n >= 31 && n <= 36)
    return 6;
  if (n == 41)
    return 13;
  return 0;
}

/* GS1 AI encodable character set 82. */
static gboolean
is_cset82 (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!\"%&'()*+,-./:;<=>?_", c) != NULL);
}

/* AI 17 and friends: YYMMDD with a real month and a day that exists in it
 * (day 00 means the end of the month). */
static gboolean
gs1_date_valid (const char *d)
{
  guint month = (guint)((d[2] - '0') * 10 + (d[3] - '0'));
  guint day = (guint)((d[4] - '0') * 10 + (d[5] - '0'));
  guint year = 2000 + (guint)((d[0] - '0') * 10 + (d[1] - '0'));

  if (month < 1 || month > 12)
    return FALSE;
  return day <= g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year);
}

/* Stores a text AI (10 batch, 21 serial) at most 20 characters long. */
static gboolean
gs1_set_text (const char *ai, const char *data, char **field, GError **error)
{
  if (*field != NULL || strlen (data) > 20)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("GS1 AI %s: %s"), ai,
                   *field != NULL ? "given twice" : "longer than 20 characters");
      return FALSE;
    }
  *field = g_strdup (data);
  return TRUE;
}

/* Reads AI 310n (net weight in kg, n decimals) or 392n (price, n decimals). */
static gboolean
gs1_set_measure (Parse *p, const char *ai, const char *data, GError **error)
{
  PosBarcode *b = p->barcode;
  gboolean weight = ai[1] == '1'; /* 310n, else 392n */
  int decimals = ai[3] - '0';
  gsize length = strlen (data);

  if (!all_digits (data, length) || (weight ? b->has_weight : b->has_price) || length > 15
      || (weight && decimals > 5))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("GS1 AI %s: \"%s\" is not a valid %s%s"), ai, data,
                   weight ? "weight" : "price",
                   (weight ? b->has_weight : b->has_price) ? " (given twice)" : "");
      return FALSE;
    }
  if (weight)
    return (b->has_weight
            = rescale (digits_value (data, length), decimals, 3, "the GS1 weight", &b->weight, error));
  return (b->has_price = rescale (digits_value (data, length), decimals,
                                  (int)pos_barcode_layouts_get_currency_exponent (p->layouts),
                                  "the GS1 price", &b->price, error));
}

/* Checks one element string field and keeps what the till uses. */
static gboolean
gs1_apply (Parse *p, const char *ai, const char *data, GError **error)
{
  gsize length = strlen (data);
  guint fixed = gs1_fixed_data_length (ai);

  for (gsize i = 0; i < length; i++)
    if (!is_cset82 (data[i]))
      {
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                     _ ("GS1 AI %s: character %zu of \"%s\" is not allowed"), ai, i + 1, data);
        return FALSE;
      }
  if (length == 0 || length > 90 || (fixed != 0 && (length != fixed || !all_digits (data, length))))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("GS1 AI %s: \"%s\" has the wrong length or characters"), ai, data);
      return FALSE;
    }
  g_string_append_printf (p->human, "(%s)%s", ai, data);
  if (strcmp (ai, "01") == 0)
    {
      if (p->gtin[0] != '\0')
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("GS1 AI 01: given twice"));
          return FALSE;
        }
      memcpy (p->gtin, data, 15);
      return verify_gtin ("GTIN", data, error);
    }
  if (strcmp (ai, "10") == 0)
    return gs1_set_text (ai, data, &p->barcode->batch, error);
  if (strcmp (ai, "21") == 0)
    return gs1_set_text (ai, data, &p->barcode->serial, error);
  if (strcmp (ai, "17") == 0)
    {
      if (!gs1_date_valid (data))
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("GS1 AI 17: %s is not a date (YYMMDD)"), data);
          return FALSE;
        }
      return gs1_set_text (ai, data, &p->barcode->expiry, error);
    }
  if (g_str_has_prefix (ai, "310") || g_str_has_prefix (ai, "392"))
    return gs1_set_measure (p, ai, data, error);
  return TRUE; /* a valid AI the till has no use for */
}

/* Reads the AI at the start of @s into @ai (NUL-terminated), or fails. */
static gboolean
gs1_read_ai (const char *s, char ai[5], GError **error)
{
  guint length = g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) ? gs1_ai_length (s) : 0;

  if (length == 0 || strnlen (s, length) < length || !all_digits (s, length))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("GS1: \"%.4s\" is not a known application identifier"), s);
      return FALSE;
    }
  memcpy (ai, s, length);
  ai[length] = '\0';
  return TRUE;
}

/* An element string as scanned: AI, data, AI, data…; a variable-length
 * field ends at GS or at the end, a fixed-length one after its length. */
static gboolean
gs1_parse_raw (Parse *p, const char *s, GError **error)
{
  if (*s == GS) /* some scanners send the leading FNC1 */
    s++;
  while (*s != '\0')
    {
      char ai[5];
      guint fixed;
      gsize length;
      g_autofree char *data = NULL;

      if (!gs1_read_ai (s, ai, error))
        return FALSE;
      s += strlen (ai);
      fixed = gs1_fixed_data_length (ai);
      length = fixed != 0 ? strnlen (s, fixed) : strcspn (s, "\x1d");
      data = g_strndup (s, length);
      if (!gs1_apply (p, ai, data, error))
        return FALSE;
      s += length;
      if (*s == GS)
        s++;
    }
  return TRUE;
}

/* The human-readable form "(01)09501101530003(10)AB-1": the data of each AI
 * runs to the next "(". */
static gboolean
gs1_parse_human (Parse *p, const char *s, GError **error)
{
  while (*s != '\0')
    {
      char ai[5];
      const char *close = strchr (s, ')');
      gsize length;
      g_autofree char *data = NULL;

      if (*s != '(' || close == NULL || !gs1_read_ai (s + 1, ai, error) || close != s + 1 + strlen (ai))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("GS1: expected \"(AI)\" at \"%s\""), s);
          return FALSE;
        }
      s = close + 1;
      length = strcspn (s, "(");
      data = g_strndup (s, length);
      if (!gs1_apply (p, ai, data, error))
        return FALSE;
      s += length;
    }
  return TRUE;
}

/* The key of a GTIN-14: its GTIN-13 (or EAN-8) when the leading digits are zero. */
static char *
gtin14_key (const char *gtin)
{
  if (g_str_has_prefix (gtin, "000000"))
    return g_strdup (gtin + 6);
  if (gtin[0] == '0')
    return g_strdup (gtin + 1);
  return g_strdup (gtin);
}

static gboolean
parse_gs1 (Parse *p, const char *text, GError **error)
{
  g_autoptr (GString) human = g_string_new (NULL);
  PosBarcode *b = p->barcode;
  gboolean ok;

  p->human = human;
  p->gtin[0] = '\0';
  ok = text[0] == '(' ? gs1_parse_human (p, text, error) : gs1_parse_raw (p, text, error);
  p->human = NULL;
  if (!ok)
    return FALSE;
  if (human->len == 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("GS1: no element string"));
      return FALSE;
    }
  b->kind = POS_BARCODE_GS1;
  b->key = p->gtin[0] != '\0' ? gtin14_key (p->gtin) : g_strdup (human->str);
  return TRUE;
}

/* A code that may be several things: keep @plain as alt_key. */
static void
remember_plain (Parse *p, const char *plain)
{
  g_free (p->barcode->alt_key);
  p->barcode->alt_key = g_strdup (plain);
}

/* The ISBN-10 check: sum of digit × weight (10 down to 1) divisible by 11. */
static gboolean
isbn10_valid (const char *isbn)
{
  guint sum = 0;

  for (guint i = 0; i < 10; i++)
    {
      guint digit = (i == 9 && (isbn[i] == 'X' || isbn[i] == 'x')) ? 10 : (guint)(isbn[i] - '0');
      sum += digit * (10 - i);
    }
  return sum % 11 == 0;
}

static gboolean
isbn10_shape (const char *s)
{
  return strlen (s) == 10 && all_digits (s, 9) && (g_ascii_isdigit (s[9]) || s[9] == 'X' || s[9] == 'x');
}

/* An ISBN-10 typed by hand (hyphens removed already) as its 978 EAN-13. */
static gboolean
parse_isbn10 (Parse *p, const char *isbn, GError **error)
{
  char code[14];

  if (!isbn10_valid (isbn))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("ISBN-10 %s: check digit does not match"), isbn);
      return FALSE;
    }
  memcpy (code, "978", 3);
  memcpy (code + 3, isbn, 9);
  code[12] = '\0';
  code[12] = pos_gtin_check_digit (code);
  code[13] = '\0';
  return classify_gtin13 (p, code, POS_BARCODE_EAN13, error);
}

/* "NNNN-NNNC" with a valid ISSN check (mod 11, X for 10) as 977NNNNNNN00C. */
static gboolean
try_issn (Parse *p, const char *text)
{
  char digits[8], code[14];
  guint sum = 0, check;

  if (strlen (text) != 9 || text[4] != '-' || !all_digits (text, 4) || !all_digits (text + 5, 3))
    return FALSE;
  memcpy (digits, text, 4);
  memcpy (digits + 4, text + 5, 4);
  for (guint i = 0; i < 7; i++)
    sum += (guint)(digits[i] - '0') * (8 - i);
  check = (11 - sum % 11) % 11;
  if (digits[7] != (check == 10 ? 'X' : (char)('0' + check)) && !(check == 10 && digits[7] == 'x'))
    return FALSE;
  memcpy (code, "977", 3);
  memcpy (code + 3, digits, 7);
  memcpy (code + 10, "00", 3);
  code[12] = pos_gtin_check_digit (code);
  code[13] = '\0';
  classify_gtin13 (p, code, POS_BARCODE_ISSN, NULL);
  remember_plain (p, text);
  return TRUE;
}

/* Not a GTIN: the text itself is the key. GS only belongs in GS1 strings. */
static gboolean
set_plain (Parse *p, GError **error)
{
  if (strchr (p->barcode->text, GS) != NULL)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("code contains a GS control character but is not GS1"));
      return FALSE;
    }
  p->barcode->kind = POS_BARCODE_PLAIN;
  p->barcode->key = g_strdup (p->barcode->text);
  return TRUE;
}

/* 14 digits: a GTIN-14 (ITF-14 or typed), with a valid check digit. */
static gboolean
parse_gtin14 (Parse *p, const char *digits, GError **error)
{
  if (!verify_gtin ("GTIN-14", digits, error))
    return FALSE;
  p->barcode->kind = POS_BARCODE_GS1;
  p->barcode->key = gtin14_key (digits);
  return TRUE;
}

/* A digit string starting with 01 may be a GS1-128 read without its
 * symbology identifier; it counts as GS1 only when it parses completely. */
static gboolean
try_gs1_digits (Parse *p, const char *text)
{
  Parse scratch = { .barcode = g_new0 (PosBarcode, 1), .layouts = p->layouts };

  if (!parse_gs1 (&scratch, text, NULL))
    {
      pos_barcode_free (scratch.barcode);
      return FALSE;
    }
  scratch.barcode->symbology = g_steal_pointer (&p->barcode->symbology);
  scratch.barcode->text = g_steal_pointer (&p->barcode->text);
  pos_barcode_free (p->barcode);
  p->barcode = scratch.barcode;
  return TRUE;
}

/* Digits with no symbology identifier: the length tells the kind. */
static gboolean
parse_digits (Parse *p, const char *text, gsize length, GError **error)
{
  switch (length)
    {
      case 8:
        return parse_eight_digits (p, text, error);
      case 12:
        return parse_upca (p, text, error);
      case 13:
        return parse_ean13 (p, text, error);
      default:
        break;
    }
  if (length == 14 && pos_gtin_check_digit_valid (text))
    parse_gtin14 (p, text, NULL);
  else if (length == 10 && isbn10_valid (text))
    parse_isbn10 (p, text, NULL);
  else if (!(length >= 16 && g_str_has_prefix (text, "01") && try_gs1_digits (p, text)))
    return set_plain (p, error);
  remember_plain (p, text);
  return TRUE;
}

/* Text that is not all digits and has no identifier: a hand-typed ISSN or
 * ISBN (with hyphens, or an X check digit) or plain text. */
static gboolean
parse_typed (Parse *p, const char *text, GError **error)
{
  g_autofree char *bare = NULL;
  gsize length;

  if (try_issn (p, text))
    return TRUE;
  bare = g_strdup (text);
  length = 0;
  for (const char *s = text; *s != '\0'; s++)
    if (*s != '-')
      bare[length++] = *s;
  bare[length] = '\0';
  if (length == 13 && all_digits (bare, 13)
      && (g_str_has_prefix (bare, "978") || g_str_has_prefix (bare, "979")))
    return parse_ean13 (p, bare, error);
  if (isbn10_shape (bare) && (isbn10_valid (bare) || strchr (text, '-') == NULL))
    return parse_isbn10 (p, bare, error);
  return set_plain (p, error);
}

static gboolean
is_gs1_symbology (const char *symbology)
{
  static const char *const gs1[] = { "]C1", "]e0", "]d2", "]Q3", "]J1" };

  for (guint i = 0; i < G_N_ELEMENTS (gs1); i++)
    if (strcmp (symbology, gs1[i]) == 0)
      return TRUE;
  return FALSE;
}

/* EAN/UPC symbols (]E…): digits of a length the modifier allows. */
static gboolean
parse_ean_symbol (Parse *p, const char *text, char modifier, GError **error)
{
  gsize length = strlen (text);
  g_autofree char *main_part = NULL;

  if (!all_digits (text, length))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("EAN/UPC code \"%s\" contains non-digits"), text);
      return FALSE;
    }
  if (modifier == '4' && length == 8)
    return parse_ean8 (p, text, error);
  if (modifier == '0' && length == 13)
    return parse_ean13 (p, text, error);
  if (modifier == '0' && length == 12)
    return parse_upca (p, text, error);
  if (modifier == '0' && length == 8)
    return parse_upce (p, text, error);
  if (modifier == '3' && (length == 15 || length == 18)) /* EAN-13 with its 2- or 5-digit add-on */
    {
      main_part = g_strndup (text, 13);
      return parse_ean13 (p, main_part, error);
    }
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
               _ ("EAN/UPC code \"%s\" has %zu digits, which is no EAN/UPC length"), text, length);
  return FALSE;
}

/* "(" two to four digits ")": the start of the human-readable GS1 form. */
static gboolean
looks_like_human_gs1 (const char *text)
{
  gsize digits = strspn (text + 1, "0123456789");

  return text[0] == '(' && digits >= 2 && digits <= 4 && text[1 + digits] == ')';
}

/* Chooses how to read the text (see pos-barcode.h). */
static gboolean
parse_text (Parse *p, GError **error)
{
  const char *symbology = p->barcode->symbology;
  const char *text = p->barcode->text;
  gsize length = strlen (text);

  if (symbology != NULL)
    {
      if (symbology[1] == 'E')
        return parse_ean_symbol (p, text, symbology[2], error);
      if (is_gs1_symbology (symbology))
        return parse_gs1 (p, text, error);
      if (symbology[1] == 'I' && length == 14 && all_digits (text, length))
        return parse_gtin14 (p, text, error);
      return set_plain (p, error);
    }
  if (looks_like_human_gs1 (text) || strchr (text, GS) != NULL)
    return parse_gs1 (p, text, error);
  if (all_digits (text, length))
    return parse_digits (p, text, length, error);
  return parse_typed (p, text, error);
}

/* Refuses what cannot be a scan: too long, not UTF-8, control characters. */
static gboolean
check_input (const char *scanned, GError **error)
{
  gsize length = strlen (scanned);

  if (length > POS_BARCODE_MAX_LENGTH)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("code is too long (%zu bytes, at most %d)"),
                   length, POS_BARCODE_MAX_LENGTH);
      return FALSE;
    }
  if (!g_utf8_validate (scanned, (gssize)length, NULL))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("code is not valid UTF-8 text"));
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if (((guchar)scanned[i] < 0x20 && scanned[i] != GS) || scanned[i] == 0x7f)
      {
        g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                     _ ("code contains control character 0x%02X at position %zu"), (guint)(guchar)scanned[i],
                     i + 1);
        return FALSE;
      }
  return TRUE;
}

/* The default layouts, built once: a scan must stay cheap. */
static const PosBarcodeLayouts *
default_layouts (void)
{
  static gsize built = 0;
  static PosBarcodeLayouts *defaults;

  if (g_once_init_enter (&built))
    {
      defaults = pos_barcode_layouts_new_default ();
      g_once_init_leave (&built, 1);
    }
  return defaults;
}

PosBarcode *
pos_barcode_parse (const char *scanned, const PosBarcodeLayouts *layouts, GError **error)
{
  g_autofree char *trimmed = NULL;
  const char *text;
  Parse p = { 0 };
  gboolean ok;

  g_return_val_if_fail (scanned != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_input (scanned, error))
    return NULL;
  if (layouts == NULL)
    layouts = default_layouts ();
  trimmed = g_strstrip (g_strdup (scanned));
  text = trimmed;
  p.layouts = layouts;
  p.barcode = g_new0 (PosBarcode, 1);
  if (text[0] == ']' && g_ascii_isalpha (text[1]) && g_ascii_isalnum (text[2]))
    {
      p.barcode->symbology = g_strndup (text, 3);
      text += 3;
    }
  p.barcode->text = g_strdup (text);
  if (*text == '\0')
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("empty code"));
      ok = FALSE;
    }
  else
    ok = parse_text (&p, error);
  if (!ok)
    g_clear_pointer (&p.barcode, pos_barcode_free);
  return p.barcode;
}

/* The ISBN/ISSN mod-11 check character of @n digits weighted n+1 … 2. */
static char
mod11_check (const char *digits, guint n)
{
  guint sum = 0, check;

  for (guint i = 0; i < n; i++)
    sum += (guint)(digits[i] - '0') * (n + 1 - i);
  check = (11 - sum % 11) % 11;
  return check == 10 ? 'X' : (char)('0' + check);
}

char *
pos_barcode_issn (const PosBarcode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  /* 977 + the seven ISSN digits without check + two variant digits + EAN check */
  if (code->kind != POS_BARCODE_ISSN || strlen (code->key) != 13)
    return NULL;
  return g_strdup_printf ("%.4s-%.3s%c", code->key + 3, code->key + 7, mod11_check (code->key + 3, 7));
}

char *
pos_barcode_isbn10 (const PosBarcode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  if (code->kind != POS_BARCODE_ISBN || strlen (code->key) != 13 || !g_str_has_prefix (code->key, "978"))
    return NULL;
  return g_strdup_printf ("%.9s%c", code->key + 3, mod11_check (code->key + 3, 9));
}
