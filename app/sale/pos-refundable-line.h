/* pos-refundable-line.h — one line of a receipt as a refund sees it: what
 * was sold and how much of it can still come back. The items of the list
 * pos_refund_list_lines() returns; immutable once made. */
#pragma once

#include <gio/gio.h>

#include "pos-money.h"

G_BEGIN_DECLS

#define POS_TYPE_REFUNDABLE_LINE (pos_refundable_line_get_type ())
G_DECLARE_FINAL_TYPE (PosRefundableLine, pos_refundable_line, POS, REFUNDABLE_LINE, GObject)

PosRefundableLine *pos_refundable_line_new (guint line_no, const char *name, const char *unit,
                                            PosQty sold_qty, PosAmount sold_total, PosQty left_qty);

guint pos_refundable_line_get_line_no (PosRefundableLine *self);
const char *pos_refundable_line_get_name (PosRefundableLine *self);
const char *pos_refundable_line_get_unit (PosRefundableLine *self);
PosQty pos_refundable_line_get_sold_qty (PosRefundableLine *self);
PosAmount pos_refundable_line_get_sold_total (PosRefundableLine *self);
/* What is left to refund: sold less every earlier refund of the line. */
PosQty pos_refundable_line_get_left_qty (PosRefundableLine *self);
/* Sold by a measure (kg, l, m): refunded in thousandths rather than whole
 * items. */
gboolean pos_refundable_line_get_weighed (PosRefundableLine *self);

G_END_DECLS
