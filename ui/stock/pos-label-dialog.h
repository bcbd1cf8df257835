/* pos-label-dialog.h — the owner prints shelf labels and stickers.
 *
 * Opened with the labels a page chose (a selection on the Stock page, the
 * delivery on the Receiving page, or every price changed since the last
 * run). The owner picks what to print on, the kind of label and how many
 * copies, sees the first page as it will print, then prints (off the
 * till's thread, pos-label-job.h) or saves a PDF. Either records the run,
 * so "changed prices" lists only later changes.
 */
#pragma once

#include <adwaita.h>

#include "pos-context.h"

G_BEGIN_DECLS

#define POS_TYPE_LABEL_DIALOG (pos_label_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PosLabelDialog, pos_label_dialog, POS, LABEL_DIALOG, AdwWindow)

/* Shows the dialog for @labels (element-type PosLabel; a reference is
 * kept). Emits "done" (a message for a toast) once printed or saved.
 * Returns: (transfer none) */
PosLabelDialog *pos_label_dialog_present (GtkWidget *parent, PosContext *context, GPtrArray *labels);

G_END_DECLS
