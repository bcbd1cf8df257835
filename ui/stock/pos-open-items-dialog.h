/* pos-open-items-dialog.h — the owner completes the open items.
 *
 * Codes the catalog did not know, sold at the till as open items
 * (pos-open-item.h), listed most sold first. Each can become a product of
 * its own (the product dialog with the code filled in) or be added to a
 * product the shop has already, as one more of its barcodes. Either way
 * the next scan finds the product and the code leaves the list; the past
 * sale lines stay as they were sold (Invariant 3).
 */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_OPEN_ITEMS_DIALOG (pos_open_items_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PosOpenItemsDialog, pos_open_items_dialog, POS, OPEN_ITEMS_DIALOG, AdwWindow)

/* Returns: (transfer none) the dialog, shown. */
PosOpenItemsDialog *pos_open_items_dialog_present (GtkWidget *parent, PosContext *context);

G_END_DECLS
