/* pos-money-move.h — append-only money moves: one writer for the
 * account's and the layaway's.
 *
 * A customer's account and a layaway keep their money the same way: a
 * table of moves that are only ever added (account_move, layaway_move,
 * with the same columns after the owner's id), each carried by a
 * journal event whose body holds the move's fields, so other tills
 * apply it by inserting the same row. Writing, and reading back from a
 * synced event, live here once so the two cannot drift apart. For
 * app/account/ and app/layaway/ only (it uses the store's private face).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-journal.h"
#include "pos-money.h"
#include "pos-store-private.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* The INSERT of a move into @table whose owner column is @owner: ?1 is
 * the owner's id, ?2 … ?11 the fields of PosMoneyMove in order. A move
 * pulled twice (sync retried) is kept once: event_id is unique. */
#define POS_MONEY_MOVE_INSERT(table, owner)                                                                  \
  "INSERT INTO " table " (" owner ", kind, amount, method, reference, receipt_no, note, till_id, shift_id, " \
  "created_at, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "                             \
  "ON CONFLICT (event_id) DO NOTHING"

/* One move as written; the strings are borrowed. */
typedef struct
{
  gint64 owner_id;  /* the customer's or the layaway's id */
  const char *kind; /* the stored name of the feature's kind */
  PosAmount amount;
  const char *method;
  const char *reference;
  const char *receipt_no;
  const char *note;
  const char *till_id;
  gint64 shift_id; /* 0: not cash into this till's drawer */
  const char *created_at;
  const char *event_id;
} PosMoneyMove;

/* Where a feature's moves go: its INSERT (POS_MONEY_MOVE_INSERT) and the
 * type of the journal event that carries one. */
typedef struct
{
  const char *insert_sql;
  const char *event_type;
} PosMoneyMoveTable;

gboolean pos_money_move_insert (PosStore *store, const PosMoneyMoveTable *table, const PosMoneyMove *m,
                                GError **error);

/* Writes move @m with the event that carries it, in the caller's
 * transaction: @body already names the owner (a customer's uid, a
 * layaway's number) and gets the move's fields. With @action, an audit
 * row names @user and @approver; without, a plain journal event. The
 * event's id is @m's when set (a row of another table that the same
 * event carries names it too), else a new one. @m's time and till are
 * set for the insert and cleared on return (they are freed then). */
gboolean pos_money_move_write (PosStore *store, const PosMoneyMoveTable *table, JsonObject *body,
                               PosMoneyMove *m, const PosUser *user, const PosUser *approver,
                               const char *action, GError **error);

/* The move a synced @event carries in @body (strings borrowed from
 * them); owner_id is left to the caller, who checks the kind. */
void pos_money_move_from_event (PosMoneyMove *m, const PosJournalEvent *event, JsonObject *body);

G_END_DECLS
