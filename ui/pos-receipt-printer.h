/* pos-receipt-printer.h — the receipt as the screen shows it, and the
 * payment page's way to print it. The printing itself is app/'s
 * (pos-till-printer.h); only what needs GTK lives here. */
#pragma once

#include <adwaita.h>

#include "pos-context.h"
#include "pos-till-printer.h"

G_BEGIN_DECLS

/* pos_till_printer_print_async() for a page that only needs to hear of a
 * failure: @on_error gets the message (nullable). The till never waits. */
void pos_receipt_printer_print (PosContext *context, const char *receipt_no, gboolean copy,
                                gboolean open_drawer,
                                void (*on_error) (const char *message, gpointer user_data),
                                gpointer user_data, GDestroyNotify destroy);

/* The toast telling that a receipt was not printed because of @message
 * and that the sale is kept: all of it shown, on as many lines as it
 * takes, for long enough to read. Returns: (transfer full) */
AdwToast *pos_receipt_printer_failure_toast (const char *message);

/* @message (the printer's or the store's) as a sentence: with its full
 * stop, to go before the sentence that says the money is kept.
 * Returns: (transfer full) */
char *pos_receipt_printer_sentence (const char *message);

/* The toast telling that a slip (a layaway's, an account payment's) was
 * not printed, @text shown whole until the cashier closes it; with a
 * "Print again" button when @print_again, whose click the caller handles.
 * Returns: (transfer full) */
AdwToast *pos_receipt_printer_slip_failure_toast (const char *text, gboolean print_again);

/* The receipt of @receipt_no drawn as it will print, or NULL.
 * Returns: (transfer full) (nullable) */
GdkTexture *pos_receipt_printer_preview (PosContext *context, const char *receipt_no, GError **error);

G_END_DECLS
