/* pos-tax.h — the tax in a receipt, per line and per tax rate.
 *
 * Rates are basis points (1900 = 19 %).  INCLUSIVE prices contain their tax
 * (tax = amount × rate / (10000 + rate)), EXCLUSIVE prices have it added
 * (tax = amount × rate / 10000); both round half away from zero, so a refund
 * line gets exactly the negated tax of the sale line it mirrors.
 *
 * ROUND_LINE rounds each line's tax and sums them per rate.  ROUND_RECEIPT
 * computes each rate's tax once from the rate's summed amount (what most EU
 * fiscal rules and US states ask for) and then spreads it back over the lines
 * of that rate by largest remainder, so the lines still add up to it exactly.
 *
 * Known limit: whole basis points cannot express rates with three decimals,
 * such as New York City's 8.875 % (887.5 bp).
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-store.h"

G_BEGIN_DECLS

typedef enum
{
  POS_TAX_INCLUSIVE, /* prices include tax (EU, CH, JP, AU) */
  POS_TAX_EXCLUSIVE, /* tax is added at the till (US, CA) */
} PosTaxMode;

typedef enum
{
  POS_TAX_ROUND_LINE,
  POS_TAX_ROUND_RECEIPT,
} PosTaxRounding;

typedef struct
{
  const char *code; /* tax rate code printed on receipts, "A" */
  gint64 rate_bp;   /* basis points: 1900 = 19 %, 770 = 7.7 %; 0 to 100000 */
  PosAmount amount; /* line amount after discounts, as priced: gross when INCLUSIVE, net when EXCLUSIVE */
  PosAmount tax;    /* out: this line's tax */
} PosTaxLine;

typedef struct
{
  char *code;
  gint64 rate_bp;
  PosAmount net;
  PosAmount tax;
  PosAmount gross; /* net + tax, always */
} PosTaxBucket;

typedef struct
{
  GArray *buckets;           /* PosTaxBucket, ordered by code (byte order) */
  PosAmount net, tax, gross; /* the sums of the buckets */
} PosTaxSummary;

/* Computes the tax of each line (written to lines[i].tax) and the summary per
 * tax code.  Every line of one code must carry the same rate.  Refused with
 * POS_ERROR_INVALID: a line without a code, a rate outside 0–100000 bp, one
 * code with two rates; with POS_ERROR_OVERFLOW: any sum out of range.  On
 * error the lines are left unchanged.  No lines give an empty summary.
 * Returns: (transfer full) (nullable): NULL on error. */
PosTaxSummary *pos_tax_compute (PosTaxLine *lines, gsize n_lines, PosTaxMode mode, PosTaxRounding rounding,
                                GError **error);

PosTaxSummary *pos_tax_summarize (const PosTaxLine *lines, gsize n_lines, PosTaxMode mode, GError **error);
void pos_tax_summary_free (PosTaxSummary *summary);

/* "inclusive" / "exclusive", as stored in the store settings. */
gboolean pos_tax_mode_parse (const char *text, PosTaxMode *out);
const char *pos_tax_mode_to_string (PosTaxMode mode);

/* "line" / "receipt", as stored in the store settings. */
gboolean pos_tax_rounding_parse (const char *text, PosTaxRounding *out);
const char *pos_tax_rounding_to_string (PosTaxRounding rounding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTaxSummary, pos_tax_summary_free)

G_END_DECLS
