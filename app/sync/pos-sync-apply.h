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
 * - "barcode.added": the code goes to the product of that SKU here.
 * - "customer.saved": profile fields last writer wins by their updated_hlc;
 *   "customer.erased" always wins and nothing revives an erased customer.
 * - "setting.changed" (shop-wide keys only, pos_shop_setting_is_shop_wide()),
 *   "tax_rate.added/changed/retired" and "user.added/changed/unlocked":
 *   last writer wins by HLC against the newest event of the same setting,
 *   tax code or user name in this store's journal. A rate or setting this
 *   till has only from `init` has no event, so the shop's pulled one
 *   replaces it. Users carry their PIN hash, never a PIN.
 * - A setting or tax rate that this till changed since its last pull (its
 *   own event after the "pull_mark" journal row) and the other till changed
 *   to something else is a conflict: the later HLC still wins, and a
 *   sync_alarm row says so (pos_sync_alarms_after()). A pulled setting this
 *   store refuses (a new currency once it has sales) is kept out, with an
 *   alarm too.
 * - Everything else (shifts, cash moves, Z reports, voids) belongs to its
 *   till: it is kept in the journal only.
 */
#pragma once

#include "pos-journal.h"
#include "pos-store.h"

G_BEGIN_DECLS

/*
 * Applies @event, which the caller has just stored with
 * pos_journal_insert_remote() or a journal intake, inside the caller's
 * transaction. POS_SYNC_ERROR_APPLY naming the event when it cannot be
 * applied (a malformed payload, a tax code this store lacks, a refund of
 * an unknown sale); the caller rolls its whole transaction back.
 */
gboolean pos_sync_apply_event (PosStore *store, const PosJournalEvent *event, GError **error);

/* The sync_state key holding the last journal row when a pull ended. */
#define POS_SYNC_PULL_MARK_KEY "pull_mark"

/* Records that a pull ended now: later changes of this till are "since
 * its last pull". */
gboolean pos_sync_apply_mark_pulled (PosStore *store, GError **error);

typedef struct
{
  gint64 id;
  char *created_at;
  char *event_id;     /* the pulled event */
  char *subject;      /* "setting:KEY", "tax_rate:CODE", "signature:TILL" or "account:CUSTOMER-UID" */
  char *local_value;  /* (nullable) */
  char *remote_value; /* (nullable) */
  char *kept;         /* "local" or "remote" */
  char *message;
} PosSyncAlarm;

void pos_sync_alarm_free (PosSyncAlarm *alarm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosSyncAlarm, pos_sync_alarm_free)

/* Records that pulled @event was refused (subject "signature:TILL"), unless
 * an alarm about it was recorded before. Inside the caller's transaction. */
gboolean pos_sync_alarm_refused (PosStore *store, const PosJournalEvent *event, const char *subject,
                                 const char *message, GError **error);

/* The newest alarm's id, 0 when there is none. */
gint64 pos_sync_alarm_last_id (PosStore *store);

/* The alarms recorded after @after_id, oldest first.
 * Returns: (transfer full) (element-type PosSyncAlarm) (nullable) */
GPtrArray *pos_sync_alarms_after (PosStore *store, gint64 after_id, GError **error);

G_END_DECLS
