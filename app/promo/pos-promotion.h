/* pos-promotion.h — promotions as catalog data.
 *
 * A promotion is saved as versions (migration 019): each change is a new
 * row, the newest is in force, and ending one is a version with an end.
 * Every version is a journal event ("promotion.saved"), so promotions
 * travel to the other tills as products and prices do. The engine that
 * applies them is pos-promo-engine.h.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-promo-engine.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* Checks @promotion's fields against its kind; @field (nullable) names the
 * first wrong one. */
gboolean pos_promotion_validate (const PosPromotion *promotion, const char **field, GError **error);

/* Saves @promotion as a new promotion (owner: POS_ACTION_EDIT_CATALOG); its
 * uid is set on success. */
gboolean pos_promotion_add (PosStore *store, const PosUser *user, PosPromotion *promotion, GError **error);

/*
 * Changes the promotion @uid (owner: POS_ACTION_EDIT_CATALOG) to
 * @changed: every field, its kind and targets too. One not started yet
 * gets a new version. A running one ends now and @changed starts now (or
 * at its own later start) as a promotion of its own, so every sale already
 * made keeps the promotion, name and figures it had and the report tells
 * the two apart. @changed's uid is set to the promotion that holds the
 * change. POS_ERROR_STATE for a promotion that has ended.
 */
gboolean pos_promotion_change (PosStore *store, const PosUser *user, const char *uid, PosPromotion *changed,
                               GError **error);

/* Ends the promotion named by uid or by name, now: a new version whose end
 * is the present moment. */
gboolean pos_promotion_end (PosStore *store, const PosUser *user, const char *uid_or_name, GError **error);

/* The version in force of every promotion (element-type PosPromotion),
 * by uid; with @all FALSE only those not yet ended at @now_us. */
GPtrArray *pos_promotion_list (PosStore *store, gboolean all, gint64 now_us, GError **error);

/* Whether some promotion not yet ended asks for @code. */
gboolean pos_promotion_coupon_known (PosStore *store, const char *code, gint64 now_us);

/* What a refund of @qty of sale line @line_id (sold @sold_qty, @left_qty
 * of it not yet refunded) gives back of each promotion on it, negative:
 * [{ "uid", "name", "amount" }] (transfer full; empty when none). */
JsonArray *pos_promotion_refund_shares (PosStore *store, gint64 line_id, PosQty qty, PosQty sold_qty,
                                        PosQty left_qty, GError **error);

/* A version saved on another till (sync). */
gboolean pos_promotion_apply_event (PosStore *store, JsonObject *body, GError **error);

G_END_DECLS
