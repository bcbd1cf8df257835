/* pos-dsfinvk.h — the DSFinV-K export of a German till's Z closings.
 *
 * What a German tax auditor asks of a till (KassenSichV, § 146a AO): its
 * records as the DSFinV-K files (pos-dsfinvk-tables.h), one Kassenabschluss
 * per Z report. Built from the store's recorded sales, refunds and Z
 * reports only, never from the time of the export, so the same range gives
 * the same bytes every time. Each sale or refund is a "Beleg" whose lines
 * are the business case "Umsatz" (a refund: negative amounts, and a
 * reference to the receipt it refunds), vouchers sold and spent
 * ("Mehrzweck-" and "EinzweckgutscheinKauf" / "-Einloesung") and what a
 * sale put on a customer's account ("Forderungsentstehung"): those are
 * business cases, not payments, so a receipt's payments are what was paid
 * for it ("Keine" when nothing was). Its TSE record carries the
 * process data stored with it and says that no TSE secured it. The
 * drawer's other cash is a receipt per business case: "Anfangsbestand"
 * (a shift's opening float, or the balance it carries over from the
 * previous closing), "Einzahlung" and "Auszahlung" (cash paid in and
 * out), and at a shift's close "Geldtransit" (the counted cash taken
 * away) and "DifferenzSollIst"; a payment against a customer's account is
 * a receipt "Forderungsaufloesung". A payment towards a layaway is a
 * receipt of advance payments ("Anzahlungseinstellung") at the VAT of the
 * reserved goods (pos-dsfinvk-layaway.h), which the sale collecting them
 * releases ("Anzahlungsaufloesung"); a cancellation reverses what it gives
 * back and books the fee kept as "Umsatz". They are in the closing's
 * business cases and its payments, so the cash of a closing is what the Z
 * expects in the drawer. Training sales are receipts of type "AVTraining" with
 * their lines, outside every sum.
 */
#pragma once

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint closings; /* Z reports exported */
  guint receipts; /* sales and refunds in them */
} PosDsfinvkSummary;

/*
 * Writes the DSFinV-K export of this till's Z reports whose business day
 * lies from @from_day to @to_day ("YYYY-MM-DD", inclusive) into the new
 * folder @dir (it may exist only if empty), and records the export in the
 * journal ("fiscal.export"). All files are written to a temporary folder
 * beside @dir first and moved in place at once, so a failure leaves
 * nothing behind. POS_ERROR_INVALID for a malformed day or a range that
 * ends before it starts, or a Z with cash rounding (the DSFinV-K has no
 * business case for it); POS_ERROR_NOT_FOUND when no Z lies in the range.
 */
gboolean pos_dsfinvk_export (PosStore *store, const char *from_day, const char *to_day, const char *dir,
                             PosDsfinvkSummary *summary, GError **error);

G_END_DECLS
