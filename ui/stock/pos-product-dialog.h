/* pos-product-dialog.h — an owner or supervisor creates or edits a product.
 *
 * One row per field; the catalog checks them all (pos_product_edit_save())
 * and the row at fault is marked with the reason above the form, so nothing
 * is written until every field is right. Emits "saved" with the product's
 * id, then closes. Used by the stock page and by the till for an unknown
 * scan (the code filled in).
 */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_PRODUCT_DIALOG (pos_product_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PosProductDialog, pos_product_dialog, POS, PRODUCT_DIALOG, AdwWindow)

/* @product_id: 0 for a new product; @code (nullable): a new product's
 * barcode, also its SKU until changed, or one more barcode for an existing
 * product. Returns: (transfer none) the dialog,
 * shown, or NULL (after a message on stderr) when the product cannot be read. */
PosProductDialog *pos_product_dialog_present (GtkWidget *parent, PosContext *context, gint64 product_id,
                                              const char *code);

G_END_DECLS
