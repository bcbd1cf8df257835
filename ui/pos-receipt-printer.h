/* pos-receipt-printer.h — the till's side of printing: receipts and the
 * cash drawer in worker threads, the printer's state in the context. */
#pragma once

#include <gtk/gtk.h>

#include "pos-context.h"

G_BEGIN_DECLS

/* Prints @receipt_no in the background (a reprint says COPY when @copy)
 * and, when @open_drawer, then kicks the drawer for that sale. The result
 * goes to the context's printer state; a failure calls @on_error with the
 * message (nullable). The till never waits. */
void pos_receipt_printer_print (PosContext *context, const char *receipt_no, gboolean copy,
                                gboolean open_drawer,
                                void (*on_error) (const char *message, gpointer user_data),
                                gpointer user_data, GDestroyNotify destroy);

/* Prints a short test page on this till's printer in the background;
 * @on_done gets NULL when it printed, else why not. */
void pos_receipt_printer_test (PosContext *context,
                               void (*on_done) (const char *error_message, gpointer user_data),
                               gpointer user_data, GDestroyNotify destroy);

/* The receipt of @receipt_no drawn as it will print, or NULL.
 * Returns: (transfer full) (nullable) */
GdkTexture *pos_receipt_printer_preview (PosContext *context, const char *receipt_no, GError **error);

G_END_DECLS
