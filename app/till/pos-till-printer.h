/* pos-till-printer.h — the till's printing: receipts, the cash drawer and
 * test pages on this till's printer, never on the main thread.
 *
 * The printer is the till's own (per-machine setting "printer"), else the
 * shop's. Each job runs through pos-printing.h's _async calls, in a worker
 * thread on its own store connection, so the sale screen never waits on a
 * printer that is slow, off or out of paper. The outcome is mirrored in the
 * context's "printer-state": "printing", then "ready" or the error.
 *
 * With no printer chosen for the till nor the shop, every job fails at once
 * with POS_ERROR_INVALID and a message a cashier can act on.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pos-context.h"
#include "pos-receipt.h"

G_BEGIN_DECLS

/* Whether this till or the shop has a receipt printer; if not,
 * POS_ERROR_INVALID with a message saying where to choose one. */
gboolean pos_till_printer_check (PosContext *context, GError **error);

/* Prints @receipt_no (a reprint says COPY when @copy) and, when
 * @open_drawer and someone is signed in, then kicks the drawer for that
 * sale as them. */
void pos_till_printer_print_async (PosContext *context, const char *receipt_no, gboolean copy,
                                   gboolean open_drawer, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_till_printer_print_finish (PosContext *context, GAsyncResult *result, GError **error);

/* Opens the cash drawer with no sale (pos_drawer_open()) as the signed-in
 * user, for @reason, with @approver (nullable: PIN just entered) when their
 * role may not alone. The kick and its audit row and journal event happen
 * in a worker thread on its own connection. */
void pos_till_printer_open_drawer_async (PosContext *context, const PosUser *approver, const char *reason,
                                         GCancellable *cancellable, GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean pos_till_printer_open_drawer_finish (PosContext *context, GAsyncResult *result, GError **error);

/* Prints a test page (pos_print_test_page()) on this till's printer. */
void pos_till_printer_test_async (PosContext *context, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_till_printer_test_finish (PosContext *context, GAsyncResult *result, GError **error);

/* Prints @report (an X or Z report, pos-report-receipt.h) on this till's
 * printer. */
void pos_till_printer_print_report_async (PosContext *context, JsonNode *report, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_till_printer_print_report_finish (PosContext *context, GAsyncResult *result, GError **error);

/* Prints @document (a slip built elsewhere, e.g. a layaway's) on this
 * till's printer. */
void pos_till_printer_print_document_async (PosContext *context, PosReceipt *document,
                                            GCancellable *cancellable, GAsyncReadyCallback callback,
                                            gpointer user_data);
gboolean pos_till_printer_print_document_finish (PosContext *context, GAsyncResult *result, GError **error);

G_END_DECLS
