/* pos-sync-apply.h — applying events pulled from other tills to this store.
 *
 * Merge rules (docs/ARCHITECTURE.md, Offline and sync):
 * - "sale" and "refund": recorded as that till's sale (its receipt number,
 *   times and till id, no shift here) through pos-sale-record, with their
 *   stock moves and loyalty entries. Each till's X/Z reports read only its
 *   own till id; sales reports and stock cover the whole shop.
 * - Stock moves ("stock.receive", "stock.adjust", "stock.count") are facts:
 *   the same deltas are recorded here, so levels are the same sum on every
 *   till. Stock may go negative; the low-stock list shows it first.
 * - Loyalty entries of pulled events are facts too: written as they were,
 *   even when this till's balance would have refused them (two tills that
 *   redeemed the same points offline both did), so balances converge.
 * - "product.saved": last writer wins by HLC against product.updated_hlc.
 * - "customer.saved": profile fields last writer wins by their updated_hlc;
 *   "customer.erased" always wins and nothing revives an erased customer.
 * - Everything else (shifts, cash moves, Z reports, voids) belongs to its
 *   till: it is kept in the journal only.
 */
#pragma once

#include "pos-journal.h"
#include "pos-store.h"

G_BEGIN_DECLS

/*
 * Applies @event, which the caller has just stored with
 * pos_journal_insert_remote(), inside the caller's transaction.
 * POS_SYNC_ERROR_APPLY naming the event when it cannot be applied (a
 * malformed payload, a tax code this store lacks, a refund of an unknown
 * sale); the caller rolls the whole batch back.
 */
gboolean pos_sync_apply_event (PosStore *store, const PosJournalEvent *event, GError **error);

G_END_DECLS
