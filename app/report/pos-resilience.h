/* pos-resilience.h — the owner's page: how the shop is doing and how
 * resilient it is, in figures a person can read.
 *
 * The report is a JSON object the page, the command line and the PDF all
 * show the same way:
 *   { today, month (the last full month, "YYYY-MM"), currency, shop,
 *     drop_pct, sections: [ { id, title, figures: [ … ], charts: [ … ] } ] }
 * A figure is { id, label, value (number, or null when the shop lacks the
 * data), text (the value for people), status ("good", "watch", "poor",
 * "info" or "missing"), explains (one plain sentence), good (what a good
 * value looks like) }. A chart is { id, kind ("line", "bar" or "share"),
 * title, description (for screen readers), labels: [ … ], values: [ … ],
 * marks: [ { value, label } ] (thresholds drawn across a line chart) }.
 *
 * Sections: "today" (takings, receipts, basket and margin against the same
 * weekday last week and the last four; sales by hour; top and bottom
 * products and categories of last month), "concentration" (HHI and top-5
 * share by product, category, supplier and customer, 12-month trend),
 * "local" (sales and cost from local suppliers), "customers" (returning
 * share, came back within 30 / 90 days, new per month), "buffer" (cash
 * buffer and the stress tests), "stock" (products in stock with no sale in
 * dead_days days and the cost tied up in them; the section also carries
 * "items": the twenty with the most, { sku, name, qty, cost, tied_up }) and
 * "safety" (backups, sync, restore drill).
 *
 * Everything is SQL over the store's own tables. What needs sale lines by
 * month reads a summary kept beside the store in "<store>-summary"
 * (pos-resilience-summary.c), brought up to date from the sales added since
 * its last run, so the page never reads the whole sales history nor loads
 * the catalog.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

/* Shop settings the cash buffer reads: amounts in minor units. */
#define POS_RESILIENCE_FIXED_COSTS_KEY "monthly_fixed_costs"
#define POS_RESILIENCE_CASH_KEY "cash_on_hand"

typedef struct
{
  const char *today;         /* (nullable) "YYYY-MM-DD"; NULL = the clock's business day */
  int drop_pct;              /* the stress test's chosen drop in sales, 0–100; 0 = 20 */
  const char *backup_folder; /* (nullable) where the till's backups go */
  int dead_days;             /* no sale in this many days makes stock dead; 0 = 60 */
} PosResilienceOptions;

/*
 * The whole report for @store (see above). Writes only to the summary file
 * beside the store, never to the store itself.
 * Returns: (transfer full) (nullable)
 */
JsonNode *pos_resilience_report (PosStore *store, const PosResilienceOptions *options, GError **error);

/* pos_resilience_report() in a worker thread on a connection of its own. */
void pos_resilience_report_async (const char *store_path, const PosResilienceOptions *options,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
/* Returns: (transfer full) (nullable) */
JsonNode *pos_resilience_report_finish (GAsyncResult *result, GError **error);

/*
 * The restore drill: restores the newest backup in @backup_folder into a
 * scratch file, proves it as a real restore would (pos_restore_run():
 * manifest, integrity, journal chains, stock and report totals), removes
 * the scratch file and records in @store when and which backup passed
 * ("restore_drill_at", "restore_drill_file"). An encrypted backup needs
 * @key_passphrase (nullable). Sets @checked_file (nullable, transfer full)
 * to the backup's file name.
 */
gboolean pos_resilience_restore_drill (PosStore *store, const char *backup_folder, const char *key_passphrase,
                                       char **checked_file, GError **error);

/* The drill in a worker thread; finish gives the backup's file name. */
void pos_resilience_restore_drill_async (const char *store_path, const char *backup_folder,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
/* Returns: (transfer full) (nullable) */
char *pos_resilience_restore_drill_finish (GAsyncResult *result, GError **error);

/* Draws @report on one A4 page of a PDF at @path. */
gboolean pos_resilience_write_pdf (JsonNode *report, const char *path, GError **error);

/* The report as text for people, section by section. (transfer full) */
char *pos_resilience_format (JsonNode *report);

G_END_DECLS
