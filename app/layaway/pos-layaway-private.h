/* pos-layaway-private.h — what the layaway files share, for app/layaway/ only. */
#pragma once

#include "pos-layaway.h"
#include "pos-store-private.h"

G_BEGIN_DECLS

/* One layaway_move row as written; the strings are borrowed. */
typedef struct
{
  gint64 layaway_id;
  PosLayawayMoveKind kind;
  PosAmount amount;
  const char *method;
  const char *reference;
  const char *receipt_no;
  const char *note;
  const char *till_id;
  gint64 shift_id; /* 0: not cash into this till's drawer */
  const char *created_at;
  const char *event_id;
} PosLayawayMoveRow;

gboolean pos_layaway_insert_move (PosStore *store, const PosLayawayMoveRow *m, GError **error);
/* The state of layaway @id as the store holds it now (in a transaction). */
PosLayaway *pos_layaway_get_by_id (PosStore *store, gint64 id, GError **error);
gint64 pos_layaway_product_by_sku (PosStore *store, const char *sku);
gboolean pos_layaway_write_move (PosStore *store, const char *number, PosLayawayMoveRow *m,
                                 const PosUser *user, const PosUser *approver, const char *action,
                                 GError **error);
gboolean pos_layaway_money_row (PosStore *store, PosLayawayMoveRow *m, PosTenderMethod method,
                                const char *reference, GError **error);
gboolean pos_layaway_check_tender (PosStore *store, PosTenderMethod method, PosAmount amount,
                                   const char *reference, GError **error);
/* Writes the layaway row and its lines (pos-layaway-open.c, and sync). */
gboolean pos_layaway_insert (PosStore *store, const char *number, const char *customer_name,
                             gint64 customer_id, PosAmount total, PosAmount min_deposit,
                             const char *expires_on, const char *cart_json, const char *till_id,
                             const char *created_at, const char *event_id, JsonArray *lines, gint64 *id,
                             GError **error);

G_END_DECLS
