/* pos-promo-engine-testing.h — for test programs only; the app never includes it.
 *
 * pos_promo_apply() with many competing promotions keeps what each one
 * saves between the rounds of its choice, and works it out again only for
 * the promotions that reach a unit the last pick took. This is the same
 * choice with every promotion tried again in every round, the plain way,
 * so a test can show both give the same result.
 */
#pragma once

#include "pos-promo-engine.h"

G_BEGIN_DECLS

PosPromoResult *pos_promo_apply_without_reuse (PosPromotion *const *promotions, guint n_promotions,
                                               const PosPromoLine *lines, guint n_lines,
                                               const PosPromoContext *ctx);

G_END_DECLS
