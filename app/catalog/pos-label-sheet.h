/* pos-label-sheet.h — where labels sit on a sheet.
 *
 * A sheet layout is a page of equal labels in a grid: how many columns and
 * rows, the size of one label, the margin to the first one and the pitch
 * from one label to the next (label plus gap). A4 sheets follow the common
 * die-cut stock (e.g. 3×8 of 70×37 mm); the "roll-" layouts are one label a
 * page, for label printers driven through CUPS or ESC/POS.
 *
 * All lengths are millimetres; labels are numbered across, then down, then
 * on to the next page.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height; /* mm from the page's top left corner */
} PosLabelRect;

typedef struct
{
  const char *name;        /* "3x8" */
  const char *description; /* "A4, 3 × 8 labels of 70 × 37 mm" */
  double page_width, page_height;
  guint columns, rows;
  double label_width, label_height;
  double left, top;        /* page edge to the first label */
  double pitch_x, pitch_y; /* one label's edge to the next one's */
} PosLabelSheet;

/* The built-in layouts, ending with a NULL. */
const PosLabelSheet *const *pos_label_sheets (void);

/* The layout called @name. (transfer none) (nullable): NULL with
 * POS_ERROR_INVALID listing the known names. */
const PosLabelSheet *pos_label_sheet_lookup (const char *name, GError **error);

guint pos_label_sheet_per_page (const PosLabelSheet *sheet);

/* How many pages @n_labels labels take (0 for none). */
guint pos_label_sheet_pages (const PosLabelSheet *sheet, guint n_labels);

/* The page (from 0) and the place on it of label number @index (from 0). */
void pos_label_sheet_cell (const PosLabelSheet *sheet, guint index, guint *page, PosLabelRect *rect);

G_END_DECLS
