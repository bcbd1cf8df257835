/* pos-import-cells.c — reading one cell of an imported row: amounts,
 * quantities, flags, and keys that must be unique in the file. */
#include "pos-import-private.h"

#include <stdarg.h>

/* Records a problem with the row at @line. Always returns FALSE. */
gboolean
pos_import_row_fail (ImportContext *ctx, guint line, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->report->row_errors, g_strdup_printf ("line %u: %s", line, message));
  ctx->report->skipped++;
  return FALSE;
}

/* The trimmed text of a pos_import_cell, or NULL when the column is absent or the
 * cell empty: an empty cell means "not given". (transfer full) */
char *
pos_import_cell (GPtrArray *fields, int index)
{
  const char *text = pos_csv_field (fields, index);
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* Parses an optional non-negative amount in major units; -1 when not given. */
gboolean
pos_import_read_amount (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what,
                        PosAmount *out)
{
  g_autofree char *text = pos_import_cell (fields, index);
  g_autofree char *point = NULL;
  g_autoptr (GError) local = NULL;

  *out = -1;
  if (text == NULL)
    return TRUE;
  /* The message quotes the cell as written, the parse reads it with a point. */
  point = ctx->decimal_comma ? pos_import_decimal_point (text) : g_strdup (text);
  if (!pos_amount_parse (point, ctx->currency, out, &local))
    return pos_import_row_fail (ctx, line, "%s “%s” is not an amount: %s", what, text, local->message);
  if (*out < 0)
    return pos_import_row_fail (ctx, line, "%s “%s” cannot be negative", what, text);
  return TRUE;
}

/* Parses an optional quantity; @has is FALSE when not given. */
gboolean
pos_import_read_qty (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what,
                     gboolean signed_ok, PosQty *out, gboolean *has)
{
  g_autofree char *text = pos_import_cell (fields, index);
  g_autofree char *point = NULL;
  g_autoptr (GError) local = NULL;

  *has = text != NULL;
  *out = 0;
  if (text == NULL)
    return TRUE;
  point = ctx->decimal_comma ? pos_import_decimal_point (text) : g_strdup (text);
  if (!pos_qty_parse (point, out, &local))
    return pos_import_row_fail (ctx, line, "%s “%s” is not a quantity: %s", what, text, local->message);
  if (!signed_ok && *out < 0)
    return pos_import_row_fail (ctx, line, "%s “%s” cannot be negative", what, text);
  return TRUE;
}

/* Parses an optional yes/no cell into 1/0, -1 when not given. */
gboolean
pos_import_read_flag (ImportContext *ctx, GPtrArray *fields, int index, guint line, const char *what,
                      int *out)
{
  static const char *const yes[] = { "1", "y", "yes", "true", "x" };
  static const char *const no[] = { "0", "n", "no", "false" };
  g_autofree char *text = pos_import_cell (fields, index);

  *out = -1;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      *out = 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      *out = 0;
  if (*out < 0)
    return pos_import_row_fail (ctx, line, "%s “%s” must be 0 or 1", what, text);
  return TRUE;
}

/* Notes that @key was used on @line; a second use is a problem of the file. */
gboolean
pos_import_claim_once (ImportContext *ctx, GHashTable *seen, const char *key, guint line, const char *what)
{
  guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

  if (first != 0)
    return pos_import_row_fail (ctx, line, "%s “%s” already appears on line %u", what, key, first);
  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (line));
  return TRUE;
}

gint64 *
pos_import_id_new (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}
