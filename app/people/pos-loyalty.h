/* pos-loyalty.h — loyalty points as a ledger.
 *
 * A customer's balance is the sum of their loyalty entries (Invariant 4);
 * entries are append-only. Points are earned on what a customer paid,
 * redeemed as a payment, given back or taken back on a refund, and
 * corrected by hand with a supervisor's approval.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 customer_id;
  gint64 points;    /* signed: earned > 0, redeemed < 0 */
  char *reason;     /* "earn", "redeem", "refund", "adjust" */
  gint64 sale_id;   /* 0 when none */
  char *receipt_no; /* (nullable) of sale_id */
  char *created_at;
  char *event_id; /* (nullable) */
} PosLoyaltyEntry;

void pos_loyalty_entry_free (PosLoyaltyEntry *entry);

/* Σ of the customer's entries; 0 for none or on a read error. */
gint64 pos_loyalty_balance (PosStore *store, gint64 customer_id);

/*
 * Appends a ledger entry inside the caller's transaction. @reason is
 * "earn" (points > 0), "redeem" (points < 0, never more than the balance),
 * "refund" (either sign, may take the balance below 0: the points were
 * already spent) or "adjust" (either sign, not below 0). Points 0, an
 * unknown reason or too large a redemption are POS_ERROR_INVALID; an
 * unknown customer POS_ERROR_NOT_FOUND. Only refunds are accepted
 * for an erased customer (POS_ERROR_STATE otherwise). @sale_id may be 0.
 */
gboolean pos_loyalty_record (PosStore *store, gint64 customer_id, gint64 points, const char *reason,
                             gint64 sale_id, GError **error);

/* pos_loyalty_record() for an entry that belongs to the journal event
 * @event_id (nullable) appended earlier in the same transaction. */
gboolean pos_loyalty_record_with_event (PosStore *store, gint64 customer_id, gint64 points,
                                        const char *reason, gint64 sale_id, const char *event_id,
                                        GError **error);

/* Writes a ledger entry exactly as given, stamped @created_at, with none of
 * the checks above: for an entry another till already accepted (its event
 * is a fact, not a request). @sale_id may be 0, @event_id NULL. Inside the
 * caller's transaction. */
gboolean pos_loyalty_insert_entry (PosStore *store, gint64 customer_id, gint64 points, const char *reason,
                                   gint64 sale_id, const char *created_at, const char *event_id,
                                   GError **error);

/* Points earned by paying @amount_paid: setting "loyalty_points_per_unit"
 * points per major unit of the store currency (default 1), rounded down;
 * 0 for amounts <= 0. Saturates at G_MAXINT64. */
gint64 pos_loyalty_points_for (PosStore *store, PosAmount amount_paid);

/* What @points are worth when redeemed: setting "loyalty_point_value"
 * minor units per point (default 1). Saturates at ±G_MAXINT64. */
PosAmount pos_loyalty_points_value (PosStore *store, gint64 points);

/* The customer's entries, newest first; @limit 0 means all.
 * Returns: (transfer full) (element-type PosLoyaltyEntry) (nullable) */
GPtrArray *pos_loyalty_history (PosStore *store, gint64 customer_id, guint limit, GError **error);

/*
 * Adds (or with negative @points takes away) points by hand, with @note
 * saying why (required), in its own transaction (or the caller's, when one
 * is open) with a "loyalty.adjust" journal event and an audit row. Needs POS_ACTION_CUSTOMER_DATA of @user
 * or @approver (nullable).
 */
gboolean pos_loyalty_adjust (PosStore *store, const PosUser *user, const PosUser *approver,
                             gint64 customer_id, gint64 points, const char *note, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosLoyaltyEntry, pos_loyalty_entry_free)

G_END_DECLS
