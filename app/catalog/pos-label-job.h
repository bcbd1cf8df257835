/* pos-label-job.h — one label run as the app asks for it.
 *
 * The owner picks what to print on (an A4 sheet or a label printer) and
 * what kind of label (a shelf-edge label or a barcode sticker); together
 * they name one of the built-in layouts (pos-label-sheet.h). A run prints
 * every label @copies times, in order, either to a printer or to a PDF
 * file, and then records that the shelf shows these prices
 * (pos_label_source_mark_printed()), as `labels --print` and `--pdf` do.
 *
 * On a printer a sheet layout goes as its PDF, one job, which a CUPS queue
 * for an office printer takes as it is; a label-printer layout goes as
 * ESC/POS raster images (pos_label_print()), one label and cut each.
 */
#pragma once

#include <gio/gio.h>

#include "pos-label-sheet.h"
#include "pos-store.h"

G_BEGIN_DECLS

typedef enum
{
  POS_LABEL_MEDIA_SHEET,   /* A4 label sheets on an office printer */
  POS_LABEL_MEDIA_PRINTER, /* a label printer, one label at a time */
} PosLabelMedia;

typedef enum
{
  POS_LABEL_KIND_SHELF,   /* shelf-edge label */
  POS_LABEL_KIND_STICKER, /* small barcode sticker */
} PosLabelKind;

/* The most copies of each label one run prints. */
#define POS_LABEL_MAX_COPIES 99

/* The layout for @kind on @media. (transfer none) */
const PosLabelSheet *pos_label_job_sheet (PosLabelMedia media, PosLabelKind kind);

/* @labels (PosLabel), each @copies times in a row; the labels stay
 * @labels'. Returns: (transfer container) */
GPtrArray *pos_label_job_expand (GPtrArray *labels, guint copies);

/* Prints @labels, @copies of each, on @sheet to @printer_uri, or writes
 * them to the PDF file @pdf_path when that is given; then records the run.
 * A roll may go to the setting "printer" (@printer_uri NULL), a sheet
 * needs its printer named (POS_ERROR_INVALID). Blocks on the printer;
 * errors as pos_label_print() and pos_label_render_pdf(). */
gboolean pos_label_job_run (PosStore *store, GPtrArray *labels, guint copies, const PosLabelSheet *sheet,
                            const char *printer_uri, const char *pdf_path, GError **error);

/* pos_label_job_run() in a worker thread with its own connection to the
 * store file of @store; @labels is kept until it is done. */
void pos_label_job_run_async (PosStore *store, GPtrArray *labels, guint copies, const PosLabelSheet *sheet,
                              const char *printer_uri, const char *pdf_path, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
gboolean pos_label_job_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS
