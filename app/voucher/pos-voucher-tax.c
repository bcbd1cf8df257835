/* pos-voucher-tax.c — the VAT of goods paid with single-purpose vouchers (see pos-voucher-tax.h). */
#include "pos-voucher-tax.h"

#include <glib/gi18n-lib.h>

#include "pos-shop.h"
#include "pos-store-private.h"
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

/* What the sale @sale_id (or, with @of_refunds, all its refunds) booked in
 * the bucket @code: its gross and tax, 0 when it has no such bucket. */
static gboolean
stored_bucket (PosStore *store, gint64 sale_id, gboolean of_refunds, const char *code, PosAmount *gross,
               PosAmount *tax, GError **error)
{
  static const char sale_sql[] = "SELECT coalesce (sum (gross), 0), coalesce (sum (tax), 0) FROM sale_tax "
                                 "WHERE sale_id = ?1 AND tax_code = ?2";
  static const char refunds_sql[]
      = "SELECT coalesce (sum (t.gross), 0), coalesce (sum (t.tax), 0) FROM sale_tax t "
        "JOIN sale s ON s.id = t.sale_id WHERE s.refund_of = ?1 AND t.tax_code = ?2";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, of_refunds ? refunds_sql : sale_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sale_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  if (pos_store_step_row (store, stmt, error) != SQLITE_ROW)
    return FALSE;
  *gross = sqlite3_column_int64 (stmt, 0);
  *tax = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* The bucket @code of @taxes, or an empty one. */
static PosTaxBucket
bucket_of (const PosTaxSummary *taxes, const char *code)
{
  for (guint i = 0; i < taxes->buckets->len; i++)
    if (g_strcmp0 (g_array_index (taxes->buckets, PosTaxBucket, i).code, code) == 0)
      return g_array_index (taxes->buckets, PosTaxBucket, i);
  return (PosTaxBucket){ (char *)code, 0, 0, 0, 0 };
}

/* Moves back into @line (a rate of the refund, negative) its share of
 * what the sale's vouchers relieved at that rate: in proportion to the
 * gross it refunds, or, for the last refund of the rate, all that earlier
 * refunds left, so the pieces add up to the sale's relief exactly. */
static gboolean
mirror_rate (PosStore *store, gint64 sale_id, const PosTaxSummary *sold, const PosTaxSummary *before,
             PosTaxLine *line, PosAmount *moved, GError **error)
{
  PosTaxBucket s = bucket_of (sold, line->code), b = bucket_of (before, line->code);
  PosAmount kept_gross, kept_tax, back_gross, back_tax, gross = 0, tax = 0;
  PosAmount relieved_gross, relieved_tax, given_gross, given_tax;

  if (!stored_bucket (store, sale_id, FALSE, line->code, &kept_gross, &kept_tax, error)
      || !stored_bucket (store, sale_id, TRUE, line->code, &back_gross, &back_tax, error))
    return FALSE;
  /* relieved by the sale; what earlier refunds gave back of it */
  relieved_gross = s.gross - kept_gross, relieved_tax = s.tax - kept_tax;
  given_gross = b.gross + back_gross, given_tax = b.tax + back_tax;

  if (s.gross - b.gross + line->amount == 0)
    gross = relieved_gross - given_gross, tax = relieved_tax - given_tax;
  else if (s.gross != 0
           && (!pos_amount_mul_div (relieved_gross, -line->amount, s.gross, &gross, error)
               || !pos_amount_mul_div (relieved_tax, -line->amount, s.gross, &tax, error)))
    return FALSE;
  line->amount += MIN (gross, relieved_gross - given_gross);
  line->tax += MIN (tax, relieved_tax - given_tax);
  *moved += MIN (gross, relieved_gross - given_gross);
  return TRUE;
}

PosTaxSummary *
pos_voucher_tax_refund_summary (PosStore *store, gint64 sale_id, const PosTaxSummary *sold,
                                const PosTaxSummary *before, const PosTaxSummary *now, GError **error)
{
  g_autoptr (GArray) lines = NULL;
  PosTaxLine spv = { POS_VOUCHER_SPV_TAX_CODE, 0, 0, 0 };
  PosAmount relieved, unused;

  g_return_val_if_fail (store != NULL && sold != NULL && before != NULL && now != NULL, NULL);

  lines = lines_of (now);
  if (!stored_bucket (store, sale_id, FALSE, POS_VOUCHER_SPV_TAX_CODE, &relieved, &unused, error))
    return NULL;
  for (guint i = 0; relieved != 0 && i < lines->len; i++)
    if (!mirror_rate (store, sale_id, sold, before, &g_array_index (lines, PosTaxLine, i), &spv.amount,
                      error))
      return NULL;
  spv.amount = -spv.amount;
  if (spv.amount != 0)
    g_array_append_val (lines, spv);
  for (guint i = lines->len; i-- > 0;)
    if (g_array_index (lines, PosTaxLine, i).amount == 0 && g_array_index (lines, PosTaxLine, i).tax == 0)
      g_array_remove_index (lines, i);
  return pos_tax_summarize ((PosTaxLine *)lines->data, lines->len, POS_TAX_INCLUSIVE, error);
}
