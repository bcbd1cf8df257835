/* pos-voucher-tax.h — the VAT of goods paid with single-purpose vouchers.
 *
 * A single-purpose voucher's VAT was charged when it was sold (EU voucher
 * directive 2016/1065), so the goods it later pays for must not be taxed
 * again. A multi-purpose voucher and store credit are tenders like cash:
 * the goods keep their VAT.
 */
#pragma once

#include "pos-checkout.h"
#include "pos-store.h"
#include "pos-tax.h"

G_BEGIN_DECLS

/* The tax code of the part of a sale paid with single-purpose vouchers. */
#define POS_VOUCHER_SPV_TAX_CODE "SPV"

/*
 * The tax summary of a sale with @taxes paid with @tenders: what each
 * single-purpose voucher pays moves out of its rate's bucket, together
 * with the VAT its own sale charged on that amount, into the bucket
 * POS_VOUCHER_SPV_TAX_CODE at 0 %. The buckets still add up to the sale's
 * total, and the VAT of the two sales together is the VAT of the goods.
 * A voucher that pays more than the goods at its rate is refused with
 * POS_ERROR_INVALID; an unknown code with POS_ERROR_NOT_FOUND.
 * Returns: (transfer full) (nullable): NULL on error.
 */
PosTaxSummary *pos_voucher_tax_summary (PosStore *store, const PosTaxSummary *taxes, const PosTender *tenders,
                                        gsize n_tenders, GError **error);

/*
 * The tax summary of a refund of the sale @sale_id that mirrors what the
 * sale's single-purpose vouchers took out of its rates. @sold, @before and
 * @now summarise the sale's lines in full, what earlier refunds gave back
 * of them (both positive) and the lines refunded now (negative), each from
 * the lines' own amounts and tax. Of each rate the sale relieved, @now
 * gives back the share it refunds (the last refund of a rate what is left
 * of it) through the bucket POS_VOUCHER_SPV_TAX_CODE, so the VAT of the
 * sale and all its refunds nets to zero. A sale no voucher relieved gets
 * @now unchanged.
 * Returns: (transfer full) (nullable): NULL on error.
 */
PosTaxSummary *pos_voucher_tax_refund_summary (PosStore *store, gint64 sale_id, const PosTaxSummary *sold,
                                               const PosTaxSummary *before, const PosTaxSummary *now,
                                               GError **error);

G_END_DECLS
