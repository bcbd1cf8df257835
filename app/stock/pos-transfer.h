/* pos-transfer.h — stock sent from one shop to another.
 *
 * A transfer is a pair of stock moves (reason "transfer", the transfer's
 * id as reference): sent, a negative move at the source shop written by a
 * till there ("stock.transfer.sent"), and received, a positive move at the
 * destination written by a till there ("stock.transfer.received") once
 * the goods arrived. Both are journal events, so they sync through the hub
 * like any stock move: each shop's stock, on every till and in the hub's
 * stock_by_shop view, counts the goods once, in the van in between.
 */
#pragma once

#include <glib.h>

#include "pos-journal.h"
#include "pos-stock.h"
#include "pos-users.h"

G_BEGIN_DECLS

typedef struct
{
  char *id; /* "TR-<till>-<n>" */
  char *from_shop;
  char *to_shop;
  char *created_at;
  char *note; /* (nullable) */
  gint64 n_lines;
  PosQty qty; /* all lines together */
  gboolean received;
} PosTransfer;

void pos_transfer_free (PosTransfer *transfer);

/*
 * Sends @items (product and quantity > 0, each product once; unit_cost is
 * not used) from this till's shop to shop @to_shop: the transfer, one
 * negative move per line, its event and an audit row, in one transaction.
 * Needs POS_ACTION_ADJUST_STOCK. Returns: (transfer full) the transfer's
 * id, or NULL with POS_ERROR_INVALID for a bad line or shop.
 */
char *pos_transfer_send (PosStore *store, const PosUser *user, const char *to_shop, const PosStockItem *items,
                         gsize n_items, const char *note, GError **error);

/*
 * Receives transfer @id at this till's shop, which must be its
 * destination: one positive move per line, its event and an audit row.
 * POS_ERROR_NOT_FOUND when the transfer has not reached this till (sync
 * first), POS_ERROR_ALREADY_DONE when it was received already.
 */
gboolean pos_transfer_receive (PosStore *store, const PosUser *user, const char *id, GError **error);

/* Whether transfer @id was received here already (by this till, or by
 * another till of its shop whose receipt was synced in): 1 yes, 0 no,
 * -1 on error. */
int pos_transfer_was_received (PosStore *store, const char *id, GError **error);

/* Transfers this till knows of, newest first; @open_only: those not yet
 * received. Returns: (transfer full) (element-type PosTransfer) */
GPtrArray *pos_transfer_list (PosStore *store, gboolean open_only, GError **error);

/* Another till's "stock.transfer.sent" and "stock.transfer.received"
 * events, inside the caller's transaction. */
gboolean pos_transfer_apply_sent (PosStore *store, const PosJournalEvent *event, JsonObject *body,
                                  GError **error);
gboolean pos_transfer_apply_received (PosStore *store, const PosJournalEvent *event, JsonObject *body,
                                      GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosTransfer, pos_transfer_free)

G_END_DECLS
