/* pos-printing.h — printing receipts and opening the cash drawer.
 *
 * Both go to the shop's receipt printer (setting "printer", or a URI given
 * by the caller) through drivers/pos-transport.h, encoded for the setting
 * "printer_profile".  Every device call has a timeout, so a printer that is
 * off, unplugged or out of paper gives a clear error, never a hang; and
 * since a receipt is built from what the sale recorded, a failed print loses
 * nothing: the same receipt can be printed again at any time.
 *
 * The synchronous calls block on the printer: the till calls the _async
 * variant, which works in a thread on its own store connection.
 */
#pragma once

#include <gio/gio.h>

#include "pos-printer-profile.h"
#include "pos-receipt.h"
#include "pos-store.h"
#include "pos-users.h"

G_BEGIN_DECLS

/* How long the printer may take to accept the receipt (CUPS: to print it). */
#define POS_PRINT_TIMEOUT_MS 15000
/* How long a printer that can answer status (USB, TCP, a device file) may
 * take to answer; one that never answers is printed to anyway. */
#define POS_PRINT_STATUS_TIMEOUT_MS 700
/* The cash drawer is wired to kick-out connector pin 2 on most printers. */
#define POS_DRAWER_PIN 2

/* The profile the shop set (setting "printer_profile", "generic-80" when
 * unset).  POS_DEVICE_ERROR_INVALID when the setting names no profile.
 * Returns: (transfer none) (nullable) */
const PosPrinterProfile *pos_printing_profile (PosStore *store, GError **error);

/* The printer to use: @printer_uri when given, else the setting "printer".
 * POS_ERROR_INVALID, naming the setting, when neither says one.
 * Returns: (transfer full) (nullable) */
char *pos_printing_printer_uri (PosStore *store, const char *printer_uri, GError **error);

/* Prints @document (a slip that is no sale's receipt, such as a layaway's)
 * as pos_print_receipt() prints a receipt. */
gboolean pos_print_document (PosStore *store, PosReceipt *document, const char *printer_uri, GError **error);

/*
 * Prints the receipt of @receipt_no (a reprint says COPY when @copy).  Where
 * the cable can read (USB, TCP, a device file) the printer is asked how it
 * is first: paper out, cover open or offline stop the print before a byte of
 * the receipt is sent (POS_DEVICE_ERROR_PAPER_OUT, _COVER_OPEN, _OFFLINE);
 * a printer that does not answer the question is printed to anyway.
 * Errors: POS_ERROR_NOT_FOUND (no such receipt), POS_ERROR_INVALID (no
 * printer set up), POS_DEVICE_ERROR_* from the printer.  Blocks up to
 * POS_PRINT_TIMEOUT_MS.
 */
gboolean pos_print_receipt (PosStore *store, const char *receipt_no, const char *printer_uri, gboolean copy,
                            GError **error);

/* pos_print_receipt() in a worker thread with its own connection to the
 * store file of @store, so the till never waits on the printer. */
void pos_print_receipt_async (PosStore *store, const char *receipt_no, const char *printer_uri, gboolean copy,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_print_receipt_finish (GAsyncResult *result, GError **error);

/*
 * Opens the cash drawer on behalf of @user, for the sale @receipt_no, or
 * with no sale (@receipt_no NULL), which needs a supervisor: @user is one or
 * @approver (PIN just entered) is.  A @reason is always required.
 *
 * The drawer kick, an audit row "drawer_open" (who, approver, reason, which
 * sale or no-sale) and a journal event "drawer.open" form one transaction,
 * and the rows are kept only when the kick reached the printer: a failed
 * kick leaves no record of an opening that did not happen.  (Should saving
 * fail after the kick was sent, the error says so; the drawer is open.)
 * Errors: POS_ERROR_INVALID (no reason), POS_ERROR_PERMISSION,
 * POS_ERROR_NOT_FOUND (no such receipt), POS_DEVICE_ERROR_UNSUPPORTED (the
 * profile has no drawer port), POS_DEVICE_ERROR_* from the printer.
 */
gboolean pos_drawer_open (PosStore *store, const PosUser *user, const PosUser *approver, const char *reason,
                          const char *receipt_no, const char *printer_uri, GError **error);

/* pos_drawer_open() with no approver, in a worker thread with its own
 * connection (the kick goes through the printer, which may be slow). */
void pos_drawer_open_async (PosStore *store, const PosUser *user, const char *reason, const char *receipt_no,
                            const char *printer_uri, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean pos_drawer_open_finish (GAsyncResult *result, GError **error);

/* Prints a short page naming the shop, the printer and the time, with a
 * few accented characters and €, to check printer, cable and code page.
 * Errors as pos_print_receipt(), less the receipt. */
gboolean pos_print_test_page (PosStore *store, const char *printer_uri, GError **error);
/* The test page itself, naming @printer_label as its printer, for a
 * preview. Returns: (transfer full) */
PosReceipt *pos_print_test_page_build (PosStore *store, const char *printer_label);
void pos_print_test_page_async (PosStore *store, const char *printer_uri, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_print_test_page_finish (GAsyncResult *result, GError **error);

G_END_DECLS
