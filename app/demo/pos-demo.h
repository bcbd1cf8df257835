/* pos-demo.h — a believable shop to try Mainstreet with, and big stores to
 * measure it on.
 *
 * The corner shop (options->products == 0) is made the way a shop would
 * make it: every product, user, customer, delivery, sale and refund goes
 * through the same core functions the till uses (catalog, users, customers,
 * stock, cart, checkout, refund), with the clock fixed at the moment each
 * happened, so its journal verifies and its reports look real.
 *
 * Benchmark stores (options->products > 0, or options->sale_lines > 0) are
 * written with bulk SQL instead, because a million products saved one by
 * one would take hours: rows shaped exactly like the ones the core writes,
 * but without journal events for the bulk products and the bulk sales (the
 * hash chain is per event, so it still verifies; those rows are simply not
 * in it and would never sync). See pos_demo_populate().
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint products;    /* 0 = the believable corner shop, ≥ 1500 products; else that many (bulk) */
  guint days;        /* days of sales history ending yesterday; 0 = the default, 30 */
  gint64 sale_lines; /* 0 = a realistic history for @days; else about this many lines (bulk) */
  guint64 seed;      /* same seed → same shop */
} PosDemoOptions;

#define POS_DEMO_DEFAULT_DAYS 30
#define POS_DEMO_MAX_DAYS 3660
#define POS_DEMO_MAX_PRODUCTS 100000000
#define POS_DEMO_MAX_SALE_LINES ((gint64)1000000000)

/*
 * Fills the empty store @store with a shop: settings (name, address, tax
 * id, currency — kept when already set —, till id, receipt footer), tax
 * rates A/B/C for the currency, categories, suppliers (some local), the
 * users "olivia" (owner, PIN 4321), "sam" (supervisor, 2580) and "casey"
 * (cashier, 1234), customers with loyalty cards, products with valid,
 * unique EAN-13 codes and weighed items on in-store codes, opening stock
 * with reorder levels, and @options->days of sales history ending
 * yesterday (closed on Sundays).
 *
 * @options (nullable) defaults to the corner shop with 30 days of history
 * and seed 0. The same options give the same catalog. The sales history
 * depends on today's date as well.
 *
 * A store that already has products or sales is refused with
 * POS_ERROR_STATE; options out of range with POS_ERROR_INVALID; neither
 * changes anything. The store is written in many transactions (one per
 * sale, as at a till): should a later step fail, what was written stays,
 * so callers make a new store file for it and remove it on failure.
 *
 * While it runs, the clock is fixed (pos_clock_set_fixed_for_testing) at
 * each recorded moment and the store's connection runs with
 * synchronous=OFF; both are restored before it returns (the real clock,
 * synchronous=FULL), and the store is checkpointed, so what it wrote is
 * on disk.
 */
gboolean pos_demo_populate (PosStore *store, const PosDemoOptions *options, GError **error);

/*
 * Adds the corner shop's catalog to @store, a new shop with no products or
 * sales: its tax rates A, B and C (codes the shop has already are kept),
 * categories, suppliers, products and barcodes, priced in the shop's
 * currency — the same catalog pos_demo_populate() makes, without its
 * users, customers, stock or sales. A store with products or sales is
 * refused with POS_ERROR_STATE.
 */
gboolean pos_demo_add_catalog (PosStore *store, GError **error);

/* How big a demo shop came out: { store, products, barcodes, customers,
 * sales, sale_lines, journal_events }. Returns: (transfer full) */
JsonNode *pos_demo_summary (PosStore *store);

G_END_DECLS
