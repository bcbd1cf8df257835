/* pos-cost.h — what goods cost: the moving average of receipts.
 *
 * A product's cost (product.cost) is the moving average of what its
 * deliveries cost (docs/ARCHITECTURE.md, "Cost and margin"): receiving q at
 * unit cost c onto L in stock at average A gives
 *
 *     A' = (max (L, 0) × A + q × c) / (max (L, 0) + q)
 *
 * rounded to the nearest minor unit, halves up. Stock below zero counts as
 * none (it was sold before it was booked in, at no known cost); a product
 * with no cost yet takes c. A receipt without a price leaves A as it is.
 * Every value A takes is kept with its time in cost_change, so stock can be
 * valued at cost on any past day; each sale line copies A when it is sold.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-store.h"

G_BEGIN_DECLS

/*
 * The moving average after receiving @qty (thousandths, > 0) at @unit_cost
 * onto @on_hand at @average (-1: no cost yet). It lies between the two
 * costs, so it is always an amount; the sums behind it are 128-bit.
 */
PosAmount pos_cost_moving_average (PosQty on_hand, PosAmount average, PosQty qty, PosAmount unit_cost);

/*
 * Inside the caller's transaction, before the receipt's stock move is
 * written: moves product @product_id's cost to the moving average with
 * @qty at @unit_cost and records the change. @new_cost (nullable) gets the
 * resulting cost. POS_ERROR_NOT_FOUND for an unknown product.
 */
gboolean pos_cost_receive (PosStore *store, gint64 product_id, PosQty qty, PosAmount unit_cost,
                           PosAmount *new_cost, GError **error);

/*
 * Inside the caller's transaction: sets product @product_id's cost to
 * @cost, as another till computed it, and records the change.
 */
gboolean pos_cost_set (PosStore *store, gint64 product_id, PosAmount cost, GError **error);

G_END_DECLS
