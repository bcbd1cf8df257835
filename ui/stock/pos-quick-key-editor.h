/* pos-quick-key-editor.h — the owner arranges the sale screen's quick keys.
 *
 * Pages ("Bakery", "Drinks") as tabs: added, renamed, removed and moved
 * (Alt+Left/Right on a tab). A product joins the page shown by search or
 * scan. Keys move by drag and drop (onto another key, or onto a tab for
 * another page) or by keyboard: Alt+arrows within the page, Alt+Page Up /
 * Page Down to the page before or after. The key chosen takes a label and
 * a colour. Every change is one transaction of app/catalog's
 * pos-quick-key-page.c, journalled and synced like a product edit.
 */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_QUICK_KEY_EDITOR (pos_quick_key_editor_get_type ())
G_DECLARE_FINAL_TYPE (PosQuickKeyEditor, pos_quick_key_editor, POS, QUICK_KEY_EDITOR, AdwWindow)

/* Returns: (transfer none) the editor, shown. */
PosQuickKeyEditor *pos_quick_key_editor_present (GtkWidget *parent, PosContext *context);

G_END_DECLS
