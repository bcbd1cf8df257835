/* pos-voucher-tax.c — the VAT of goods paid with single-purpose vouchers (see pos-voucher-tax.h). */
#include "pos-voucher-tax.h"

#include <glib/gi18n-lib.h>

#include "pos-shop.h"
#include "pos-voucher.h"

/* The line of @lines that stands for the bucket @code, or NULL. */
static PosTaxLine *
find_line (GArray *lines, const char *code)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (g_array_index (lines, PosTaxLine, i).code, code) == 0)
      return &g_array_index (lines, PosTaxLine, i);
  return NULL;
}

/* Takes @amount paid with the single-purpose voucher @v out of its rate's
 * line, with the VAT its sale charged on it: the same rounding as the
 * voucher's own sale line, so no cent of VAT is lost or made up. */
static gboolean
take_out (PosStore *store, GArray *lines, const PosVoucher *v, PosAmount amount, GError **error)
{
  PosTaxLine *line = find_line (lines, v->tax_code);
  PosAmount tax;

  if (line == NULL || line->amount < amount)
    {
      g_autofree char *text
          = pos_amount_format (line != NULL ? MAX (line->amount, 0) : 0, pos_shop_currency (store));
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                   _ ("The voucher %s pays only for goods at tax rate %s, and this sale has %s of them"),
                   v->code, v->tax_code, text);
      return FALSE;
    }
  if (!pos_amount_mul_div (amount, line->rate_bp, 10000 + line->rate_bp, &tax, error))
    return FALSE;
  line->amount -= amount;
  line->tax -= tax;
  return TRUE;
}

/* One line per bucket of @taxes, its gross as the amount. */
static GArray *
lines_of (const PosTaxSummary *taxes)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (PosTaxLine));

  for (guint i = 0; i < taxes->buckets->len; i++)
    {
      const PosTaxBucket *b = &g_array_index (taxes->buckets, PosTaxBucket, i);
      PosTaxLine line = { b->code, b->rate_bp, b->gross, b->tax };
      g_array_append_val (lines, line);
    }
  return lines;
}

PosTaxSummary *
pos_voucher_tax_summary (PosStore *store, const PosTaxSummary *taxes, const PosTender *tenders,
                         gsize n_tenders, GError **error)
{
  g_autoptr (GArray) lines = NULL;
  PosTaxLine spv = { POS_VOUCHER_SPV_TAX_CODE, 0, 0, 0 };

  g_return_val_if_fail (store != NULL && taxes != NULL, NULL);
  g_return_val_if_fail (tenders != NULL || n_tenders == 0, NULL);

  lines = lines_of (taxes);
  for (gsize i = 0; i < n_tenders; i++)
    {
      g_autoptr (PosVoucher) v = NULL;

      if (tenders[i].method != POS_TENDER_VOUCHER)
        continue;
      if ((v = pos_voucher_lookup (store, tenders[i].reference, error)) == NULL)
        return NULL;
      if (v->kind != POS_VOUCHER_SPV)
        continue;
      if (!take_out (store, lines, v, tenders[i].amount, error)
          || !pos_amount_add (spv.amount, tenders[i].amount, &spv.amount, error))
        return NULL;
    }
  if (spv.amount > 0)
    g_array_append_val (lines, spv);
  /* A rate paid in full by vouchers leaves no bucket behind. */
  for (guint i = lines->len; i-- > 0;)
    if (g_array_index (lines, PosTaxLine, i).amount == 0 && g_array_index (lines, PosTaxLine, i).tax == 0)
      g_array_remove_index (lines, i);
  return pos_tax_summarize ((PosTaxLine *)lines->data, lines->len, POS_TAX_INCLUSIVE, error);
}
