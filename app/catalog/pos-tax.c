/* pos-tax.c — tax per line and per rate for a receipt.
 *
 * Lines are grouped by tax code (one bucket per code, as the sale_tax table
 * keeps them); all the arithmetic is the exact, checked arithmetic of
 * pos-money.c, so there is one rounding per figure and no overflow.
 */
#include "pos-tax.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"
#include "pos-store-private.h"

#include <stdlib.h>
#include <string.h>

#define POS_TAX_RATE_MAX 100000 /* 1000 %, as the tax_rate table allows */

typedef struct
{
  const char *code;
  gsize index;
} PosTaxMember;

static int
compare_members (const void *pa, const void *pb)
{
  const PosTaxMember *a = pa;
  const PosTaxMember *b = pb;
  int cmp = strcmp (a->code, b->code);

  if (cmp != 0)
    return cmp;
  return a->index < b->index ? -1 : (a->index > b->index ? 1 : 0);
}

static void
clear_bucket (gpointer data)
{
  PosTaxBucket *bucket = data;

  g_free (bucket->code);
}

static PosTaxSummary *
summary_new (void)
{
  PosTaxSummary *summary = g_new0 (PosTaxSummary, 1);

  summary->buckets = g_array_new (FALSE, TRUE, sizeof (PosTaxBucket));
  g_array_set_clear_func (summary->buckets, clear_bucket);
  return summary;
}

void
pos_tax_summary_free (PosTaxSummary *summary)
{
  if (summary == NULL)
    return;
  g_array_unref (summary->buckets);
  g_free (summary);
}

/* "19", "7.7", "10.25": a rate as people write it, without the % sign. */
static char *
rate_to_percent (gint64 rate_bp)
{
  return pos_qty_to_string (rate_bp * 10);
}

/* Refuses lines a receipt cannot carry, before anything is computed. */
static gboolean
check_lines (const PosTaxLine *lines, gsize n_lines, GError **error)
{
  for (gsize i = 0; i < n_lines; i++)
    {
      if (lines[i].code == NULL || lines[i].code[0] == '\0')
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Line %zu has no tax code"), i + 1);
          return FALSE;
        }
      if (lines[i].rate_bp < 0 || lines[i].rate_bp > POS_TAX_RATE_MAX)
        {
          g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("Tax code “%s” has a rate of %lld basis points; it must be between 0 and %d"),
                       lines[i].code, (long long)lines[i].rate_bp, POS_TAX_RATE_MAX);
          return FALSE;
        }
    }
  return TRUE;
}

/* Gathers the amounts of one code's lines and their sum, checking that they
 * all use the same rate. */
static gboolean
collect_amounts (const PosTaxLine *lines, const PosTaxMember *members, gsize n, PosAmount *amounts,
                 PosAmount *sum, GError **error)
{
  const PosTaxLine *first = &lines[members[0].index];

  *sum = 0;
  for (gsize i = 0; i < n; i++)
    {
      const PosTaxLine *line = &lines[members[i].index];

      if (line->rate_bp != first->rate_bp)
        {
          g_autofree char *a = rate_to_percent (first->rate_bp);
          g_autofree char *b = rate_to_percent (line->rate_bp);

          g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("used with two rates, %s %% and %s %%"), a, b);
          return FALSE;
        }
      amounts[i] = line->amount;
      if (!pos_amount_add (*sum, line->amount, sum, error))
        return FALSE;
    }
  return TRUE;
}

/* The tax of each line of one code (@taxes) and of the code as a whole. */
static gboolean
compute_taxes (const PosAmount *amounts, gsize n, PosAmount sum, gint64 rate_bp, gint64 den,
               PosTaxRounding rounding, PosAmount *taxes, PosAmount *tax, GError **error)
{
  if (rounding == POS_TAX_ROUND_RECEIPT)
    return pos_amount_mul_div (sum, rate_bp, den, tax, error)
           && pos_amount_apportion (*tax, amounts, n, rate_bp, den, taxes, error);

  *tax = 0;
  for (gsize i = 0; i < n; i++)
    if (!pos_amount_mul_div (amounts[i], rate_bp, den, &taxes[i], error)
        || !pos_amount_add (*tax, taxes[i], tax, error))
      return FALSE;
  return TRUE;
}

/* Fills @bucket for the @n lines of one code and their taxes into @line_taxes. */
static gboolean
compute_bucket (const PosTaxLine *lines, const PosTaxMember *members, gsize n, PosTaxMode mode,
                PosTaxRounding rounding, PosAmount *line_taxes, PosTaxBucket *bucket, GError **error)
{
  const PosTaxLine *first = &lines[members[0].index];
  gint64 den = mode == POS_TAX_INCLUSIVE ? 10000 + first->rate_bp : 10000;
  g_autofree PosAmount *amounts = g_new (PosAmount, n);
  g_autofree PosAmount *taxes = g_new (PosAmount, n);
  PosAmount sum, tax;

  g_assert (n > 0);
  if (!collect_amounts (lines, members, n, amounts, &sum, error)
      || !compute_taxes (amounts, n, sum, first->rate_bp, den, rounding, taxes, &tax, error))
    return FALSE;
  bucket->rate_bp = first->rate_bp;
  bucket->tax = tax;
  if (mode == POS_TAX_INCLUSIVE)
    {
      bucket->gross = sum;
      if (!pos_amount_sub (sum, tax, &bucket->net, error))
        return FALSE;
    }
  else
    {
      bucket->net = sum;
      if (!pos_amount_add (sum, tax, &bucket->gross, error))
        return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    line_taxes[members[i].index] = taxes[i];
  return TRUE;
}

static gboolean
add_to_totals (PosTaxSummary *summary, const PosTaxBucket *bucket, GError **error)
{
  return pos_amount_add (summary->net, bucket->net, &summary->net, error)
         && pos_amount_add (summary->tax, bucket->tax, &summary->tax, error)
         && pos_amount_add (summary->gross, bucket->gross, &summary->gross, error);
}

/* Lines sorted by code, then by position, so each code's lines are adjacent. */
static PosTaxMember *
sort_members (const PosTaxLine *lines, gsize n_lines)
{
  PosTaxMember *members = g_new (PosTaxMember, MAX (n_lines, 1));

  for (gsize i = 0; i < n_lines; i++)
    members[i] = (PosTaxMember){ lines[i].code, i };
  qsort (members, n_lines, sizeof *members, compare_members);
  return members;
}

PosTaxSummary *
pos_tax_compute (PosTaxLine *lines, gsize n_lines, PosTaxMode mode, PosTaxRounding rounding, GError **error)
{
  g_autoptr (PosTaxSummary) summary = NULL;
  g_autofree PosTaxMember *members = NULL;
  g_autofree PosAmount *line_taxes = NULL;
  gsize end;

  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);
  g_return_val_if_fail (mode == POS_TAX_INCLUSIVE || mode == POS_TAX_EXCLUSIVE, NULL);
  g_return_val_if_fail (rounding == POS_TAX_ROUND_LINE || rounding == POS_TAX_ROUND_RECEIPT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  summary = summary_new ();
  if (n_lines == 0)
    return g_steal_pointer (&summary);
  if (!check_lines (lines, n_lines, error))
    return NULL;
  members = sort_members (lines, n_lines);
  line_taxes = g_new (PosAmount, n_lines);
  for (gsize start = 0; start < n_lines; start = end)
    {
      PosTaxBucket empty = { g_strdup (members[start].code), 0, 0, 0, 0 };
      PosTaxBucket *bucket;

      for (end = start + 1; end < n_lines && strcmp (members[end].code, empty.code) == 0; end++)
        ;
      g_array_append_val (summary->buckets, empty);
      bucket = &g_array_index (summary->buckets, PosTaxBucket, summary->buckets->len - 1);
      if (!compute_bucket (lines, members + start, end - start, mode, rounding, line_taxes, bucket, error))
        {
          g_prefix_error (error, _ ("Tax code “%s”: "), bucket->code);
          return NULL;
        }
      if (!add_to_totals (summary, bucket, error))
        {
          g_prefix_error (error, _ ("Receipt total: "));
          return NULL;
        }
    }
  for (gsize i = 0; i < n_lines; i++)
    lines[i].tax = line_taxes[i];
  return g_steal_pointer (&summary);
}

gboolean
pos_tax_mode_parse (const char *text, PosTaxMode *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (text, "inclusive") == 0)
    *out = POS_TAX_INCLUSIVE;
  else if (g_strcmp0 (text, "exclusive") == 0)
    *out = POS_TAX_EXCLUSIVE;
  else
    return FALSE;
  return TRUE;
}

const char *
pos_tax_mode_to_string (PosTaxMode mode)
{
  return mode == POS_TAX_EXCLUSIVE ? "exclusive" : "inclusive";
}

gboolean
pos_tax_rounding_parse (const char *text, PosTaxRounding *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (text, "line") == 0)
    *out = POS_TAX_ROUND_LINE;
  else if (g_strcmp0 (text, "receipt") == 0)
    *out = POS_TAX_ROUND_RECEIPT;
  else
    return FALSE;
  return TRUE;
}

const char *
pos_tax_rounding_to_string (PosTaxRounding rounding)
{
  return rounding == POS_TAX_ROUND_RECEIPT ? "receipt" : "line";
}

/*
 * Sums lines whose tax is already known (lines[i].tax) into a summary by
 * code, without working any tax out again. A refund uses it: it gives back
 * exactly the share of each line's tax that was charged, so refunding a
 * whole sale always nets to zero.
 */
PosTaxSummary *
pos_tax_summarize (const PosTaxLine *lines, gsize n_lines, PosTaxMode mode, GError **error)
{
  g_autoptr (PosTaxSummary) summary = summary_new ();
  g_autofree PosTaxMember *members = NULL;
  gsize end;

  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);

  if (n_lines == 0)
    return g_steal_pointer (&summary);
  if (!check_lines (lines, n_lines, error))
    return NULL;
  members = sort_members (lines, n_lines);
  for (gsize start = 0; start < n_lines; start = end)
    {
      PosTaxBucket bucket = { g_strdup (members[start].code), lines[members[start].index].rate_bp, 0, 0, 0 };
      PosAmount sum = 0;

      for (end = start; end < n_lines && strcmp (members[end].code, bucket.code) == 0; end++)
        if (!pos_amount_add (sum, lines[members[end].index].amount, &sum, error)
            || !pos_amount_add (bucket.tax, lines[members[end].index].tax, &bucket.tax, error))
          return g_free (bucket.code), NULL;
      bucket.gross = mode == POS_TAX_INCLUSIVE ? sum : sum + bucket.tax;
      bucket.net = mode == POS_TAX_INCLUSIVE ? sum - bucket.tax : sum;
      g_array_append_val (summary->buckets, bucket);
      if (!add_to_totals (summary, &bucket, error))
        return NULL;
    }
  return g_steal_pointer (&summary);
}
