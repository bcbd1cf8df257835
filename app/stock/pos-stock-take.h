/* pos-stock-take.h — counting the shop's stock by scan.
 *
 * A stock take covers the whole shop or one category (products have no
 * shelf or location yet). While it is open, each scan adds one to what was
 * counted of its product (or a typed quantity); the counts are
 * append-only rows. A code that finds no product is noted, never lost, and
 * listed in the variance report so the product can be created later.
 *
 * Sales during a count are accounted for. For each counted product the
 * stock the shop expected is its level when the session started plus
 * every stock move up to its last count (the count rows remember the
 * newest move they saw): a sale rung up before the product was counted is
 * in the expectation, one rung up after is not (the shelf still held it).
 * The variance is counted − expected; approval writes it as a COUNT move
 * on top of whatever the stock is then, so later sales stay counted too.
 * Products in scope that were not counted keep their stock.
 *
 * Starting and counting need a signed-in user; approving and cancelling
 * need POS_ACTION_ADJUST_STOCK (a supervisor or the owner). One stock take
 * is open at a time.
 */
#pragma once

#include <glib.h>

#include "pos-money.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* A counted product, as the page lists it and the report shows it. */
typedef struct
{
  gint64 product_id;
  char *sku;
  char *name;
  PosQty counted;
  PosQty expected; /* report only */
  PosQty variance; /* report only: counted − expected */
} PosStockTakeLine;

/* A code that found no product, and how many times it was counted. */
typedef struct
{
  char *code;
  PosQty qty;
} PosStockTakeUnknown;

typedef struct
{
  gint64 id;
  char *status;       /* "open", "approved", "cancelled" */
  char *category;     /* (nullable) the category counted; NULL: the whole shop */
  char *started_at;   /* UTC */
  GPtrArray *lines;   /* PosStockTakeLine, by SKU */
  GPtrArray *unknown; /* PosStockTakeUnknown, by code */
} PosStockTakeReport;

void pos_stock_take_line_free (PosStockTakeLine *line);
void pos_stock_take_unknown_free (PosStockTakeUnknown *unknown);
void pos_stock_take_report_free (PosStockTakeReport *report);

/*
 * Starts a stock take of @category (nullable: the whole shop). Returns its
 * number, 0 on error: POS_ERROR_NOT_FOUND for an unknown category,
 * POS_ERROR_STATE when another stock take is open.
 */
gint64 pos_stock_take_start (PosStore *store, const PosUser *user, const char *category, GError **error);

/* The open stock take's number; 0 when none is open (or on error). */
gint64 pos_stock_take_open_id (PosStore *store, GError **error);

/*
 * Counts @qty (thousandths) of the product @code stands for (a barcode or
 * SKU) in stock take @id. A negative or zero quantity is refused with
 * POS_ERROR_INVALID; a product outside the stock take's category too. A
 * code that finds no product is noted and *@unknown set (nullable); the
 * call still succeeds. @out (nullable) gets the product's line with its
 * total so far (NULL for an unknown code). POS_ERROR_STATE when the stock
 * take is not open.
 */
gboolean pos_stock_take_count (PosStore *store, const PosUser *user, gint64 id, const char *code, PosQty qty,
                               PosStockTakeLine **out, gboolean *unknown, GError **error);

/* The counted lines with their expected stock and variance, and the
 * unknown codes. Returns: (transfer full) (nullable) */
PosStockTakeReport *pos_stock_take_report (PosStore *store, gint64 id, GError **error);

/*
 * Approves stock take @id: each variance becomes a COUNT move whose
 * reference is "ST-<id>" and @reason (nullable), one "stock.count" event,
 * and the stock take is closed, in one transaction. Needs
 * POS_ACTION_ADJUST_STOCK; POS_ERROR_STATE when it is not open.
 */
gboolean pos_stock_take_approve (PosStore *store, const PosUser *user, gint64 id, const char *reason,
                                 GError **error);

/* Cancels stock take @id: its counts stay, no stock changes. Needs
 * POS_ACTION_ADJUST_STOCK; POS_ERROR_STATE when it is not open. */
gboolean pos_stock_take_cancel (PosStore *store, const PosUser *user, gint64 id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStockTakeLine, pos_stock_take_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosStockTakeReport, pos_stock_take_report_free)

G_END_DECLS
