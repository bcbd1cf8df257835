/* pos-rksv-code.c — the machine-readable code of a receipt (see pos-rksv-code.h). */
#include "pos-rksv-code.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "pos-error.h"

void
pos_rksv_code_clear (PosRksvCode *code)
{
  g_clear_pointer (&code->cash_box_id, g_free);
  g_clear_pointer (&code->receipt_id, g_free);
  g_clear_pointer (&code->date_time, g_free);
  g_clear_pointer (&code->turnover, g_free);
  g_clear_pointer (&code->key_id, g_free);
  g_clear_pointer (&code->chain, g_free);
}

char *
pos_rksv_amount_format (gint64 cents)
{
  guint64 magnitude = cents < 0 ? -(guint64)cents : (guint64)cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ",%02u", cents < 0 ? "-" : "", magnitude / 100,
                          (unsigned)(magnitude % 100));
}

/* Exactly what pos_rksv_amount_format() writes: an optional minus, digits,
 * a comma and two digits. */
gboolean
pos_rksv_amount_parse (const char *text, gint64 *cents)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 whole = 0;

  if (*p == '-')
    negative = TRUE, p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (whole > G_MAXINT64 / 1000)
        return FALSE;
      whole = whole * 10 + (guint64)(*p - '0');
    }
  if (p[0] != ',' || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != '\0')
    return FALSE;
  *cents = (gint64)(whole * 100 + (guint64)((p[1] - '0') * 10 + (p[2] - '0')));
  if (negative)
    *cents = -*cents;
  return TRUE;
}

char *
pos_rksv_code_format (const PosRksvCode *code)
{
  GString *out = g_string_new ("_" POS_RKSV_SUITE);

  g_string_append_printf (out, "_%s_%s_%s", code->cash_box_id, code->receipt_id, code->date_time);
  for (int i = 0; i < POS_RKSV_RATES; i++)
    {
      g_autofree char *amount = pos_rksv_amount_format (code->sums[i]);
      g_string_append_printf (out, "_%s", amount);
    }
  g_string_append_printf (out, "_%s_%s_%s", code->turnover, code->key_id, code->chain);
  return g_string_free (out, FALSE);
}

/* The code has 12 fields after its leading underscore; none of them may
 * hold an underscore, which is why cash box and receipt ids must not. */
gboolean
pos_rksv_code_parse (const char *text, PosRksvCode *code, GError **error)
{
  g_auto (GStrv) fields = NULL;

  if (text == NULL || text[0] != '_')
    goto malformed;
  fields = g_strsplit (text + 1, "_", -1);
  if (g_strv_length (fields) != 12 || !g_str_equal (fields[0], POS_RKSV_SUITE))
    goto malformed;
  for (int i = 0; i < POS_RKSV_RATES; i++)
    if (!pos_rksv_amount_parse (fields[4 + i], &code->sums[i]))
      goto malformed;
  code->cash_box_id = g_strdup (fields[1]);
  code->receipt_id = g_strdup (fields[2]);
  code->date_time = g_strdup (fields[3]);
  code->turnover = g_strdup (fields[9]);
  code->key_id = g_strdup (fields[10]);
  code->chain = g_strdup (fields[11]);
  return TRUE;

malformed:
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Not an RKSV receipt code: %s"),
               text ? text : "(none)");
  return FALSE;
}

static const char *const type_names[] = {
  [POS_RKSV_STANDARD] = "STANDARD_BELEG", [POS_RKSV_START] = "START_BELEG",
  [POS_RKSV_NULL] = "NULL_BELEG",         [POS_RKSV_REVERSAL] = "STORNO_BELEG",
  [POS_RKSV_TRAINING] = "TRAINING_BELEG",
};

const char *
pos_rksv_type_to_string (PosRksvType type)
{
  g_return_val_if_fail (type <= POS_RKSV_TRAINING, NULL);
  return type_names[type];
}

gboolean
pos_rksv_type_parse (const char *text, PosRksvType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (text, type_names[i]) == 0)
      {
        *type = (PosRksvType)i;
        return TRUE;
      }
  return FALSE;
}
