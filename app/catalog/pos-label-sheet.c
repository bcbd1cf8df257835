/* pos-label-sheet.c — the built-in label sheet layouts and their grid. */
#include "pos-label-sheet.h"

#include <glib/gi18n-lib.h>

#include "pos-error.h"

#define A4_WIDTH 210.0
#define A4_HEIGHT 297.0

/* Sizes and margins of widely sold die-cut sheets; a sheet that is a few
 * tenths of a millimetre off still prints inside its labels because the
 * label content keeps its own inner margin (pos-label.c). */
static const PosLabelSheet sheet_3x8 = {
  "3x8", N_ ("A4, 3 × 8 labels of 70 × 37 mm"), A4_WIDTH, A4_HEIGHT, 3, 8, 70.0, 37.0, 0.0, 0.5, 70.0, 37.0,
};
static const PosLabelSheet sheet_3x7 = {
  "3x7", N_ ("A4, 3 × 7 labels of 63.5 × 38.1 mm"), A4_WIDTH, A4_HEIGHT, 3, 7, 63.5, 38.1, 7.2, 15.15, 66.0,
  38.1,
};
static const PosLabelSheet sheet_2x7 = {
  "2x7", N_ ("A4, 2 × 7 labels of 99.1 × 38.1 mm"), A4_WIDTH, A4_HEIGHT, 2, 7, 99.1, 38.1, 4.65, 15.15, 101.6,
  38.1,
};
static const PosLabelSheet sheet_4x10 = {
  "4x10",   N_ ("A4, 4 × 10 stickers of 48.5 × 25.4 mm"),
  A4_WIDTH, A4_HEIGHT,
  4,        10,
  48.5,     25.4,
  8.0,      21.5,
  48.5,     25.4,
};
static const PosLabelSheet sheet_roll_58x40 = {
  "roll-58x40", N_ ("label roll, 58 × 40 mm"), 58.0, 40.0, 1, 1, 58.0, 40.0, 0.0, 0.0, 58.0, 40.0,
};
static const PosLabelSheet sheet_roll_40x30 = {
  "roll-40x30", N_ ("label roll, 40 × 30 mm"), 40.0, 30.0, 1, 1, 40.0, 30.0, 0.0, 0.0, 40.0, 30.0,
};

static const PosLabelSheet *const sheets[] = {
  &sheet_3x8, &sheet_3x7, &sheet_2x7, &sheet_4x10, &sheet_roll_58x40, &sheet_roll_40x30, NULL,
};

const PosLabelSheet *const *
pos_label_sheets (void)
{
  return sheets;
}

const PosLabelSheet *
pos_label_sheet_lookup (const char *name, GError **error)
{
  g_autoptr (GString) known = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; sheets[i] != NULL; i++)
    {
      if (g_str_equal (sheets[i]->name, name))
        return sheets[i];
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", sheets[i]->name);
    }
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Unknown label layout “%s” (known: %s)"), name,
               known->str);
  return NULL;
}

guint
pos_label_sheet_per_page (const PosLabelSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 1);
  return sheet->columns * sheet->rows;
}

guint
pos_label_sheet_pages (const PosLabelSheet *sheet, guint n_labels)
{
  guint per_page = pos_label_sheet_per_page (sheet);

  return (n_labels + per_page - 1) / per_page;
}

void
pos_label_sheet_cell (const PosLabelSheet *sheet, guint index, guint *page, PosLabelRect *rect)
{
  guint per_page = pos_label_sheet_per_page (sheet);
  guint on_page = index % per_page;

  g_return_if_fail (page != NULL && rect != NULL);
  *page = index / per_page;
  rect->x = sheet->left + (on_page % sheet->columns) * sheet->pitch_x;
  rect->y = sheet->top + (on_page / sheet->columns) * sheet->pitch_y;
  rect->width = sheet->label_width;
  rect->height = sheet->label_height;
}
