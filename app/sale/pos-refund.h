/* pos-refund.h — giving money back for what was sold.
 *
 * A refund is a new sale of kind "refund" that references the original
 * receipt and each line it gives back; nothing of the original changes.
 * It can never give back more than was sold, counting every earlier refund
 * of the same receipt.
 */
#pragma once

#include "pos-checkout.h"
#include "pos-refundable-line.h"

G_BEGIN_DECLS

typedef struct
{
  guint line_no; /* as printed on the original receipt, from 1 */
  PosQty qty;    /* how much of it comes back; 0 = all that is left of it */
} PosRefundLine;

PosSaleResult *pos_refund_commit (PosStore *store, const char *receipt_no, const PosRefundLine *lines,
                                  gsize n_lines, const PosUser *user, const PosUser *approver,
                                  const PosTender *tenders, gsize n_tenders, GError **error);

/*
 * The lines of sale @receipt_no that can still be given back, in receipt
 * order, each with what is left of it after every earlier refund (the same
 * figure pos_refund_commit() holds a refund to). A line refunded in full is
 * left out, so the list is empty when nothing can come back.
 * POS_ERROR_NOT_FOUND for an unknown receipt, POS_ERROR_INVALID for a
 * receipt that is itself a refund.
 * Returns: (transfer full) (nullable): a GListModel of PosRefundableLine.
 */
GListModel *pos_refund_list_lines (PosStore *store, const char *receipt_no, GError **error);

G_END_DECLS
