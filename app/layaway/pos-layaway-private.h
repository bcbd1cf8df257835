/* pos-layaway-private.h — what the layaway files share, for app/layaway/ only. */
#pragma once

#include "pos-layaway.h"
#include "pos-money-move.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

/* layaway_move and the "layaway.moved" event (owner_id: the layaway's id). */
extern const PosMoneyMoveTable pos_layaway_move_table;

/* The state of layaway @id as the store holds it now (in a transaction). */
PosLayaway *pos_layaway_get_by_id (PosStore *store, gint64 id, GError **error);
gint64 pos_layaway_product_by_sku (PosStore *store, const char *sku);
gboolean pos_layaway_write_move (PosStore *store, const char *number, PosMoneyMove *m, const PosUser *user,
                                 const PosUser *approver, const char *action, GError **error);
gboolean pos_layaway_money_row (PosStore *store, PosMoneyMove *m, PosTenderMethod method,
                                const char *reference, GError **error);
gboolean pos_layaway_check_tender (PosStore *store, PosTenderMethod method, PosAmount amount,
                                   const char *reference, GError **error);
/* A payment's tender, checked before the transaction (cash, card, a gift
 * card or points), and the payment towards open layaway @number written in
 * one: the deposit of a new layaway and a later part payment alike. */
gboolean pos_layaway_check_payment (PosStore *store, const PosTender *t, GError **error);
gboolean pos_layaway_pay_in_transaction (PosStore *store, const PosUser *user, const char *number,
                                         const PosTender *t, GError **error);
/* Writes the layaway row and its lines (pos-layaway-open.c, and sync). */
gboolean pos_layaway_insert (PosStore *store, const char *number, const char *customer_name,
                             gint64 customer_id, PosAmount total, PosAmount min_deposit,
                             const char *expires_on, const char *cart_json, const char *till_id,
                             const char *created_at, const char *event_id, JsonArray *lines, gint64 *id,
                             GError **error);

G_END_DECLS
