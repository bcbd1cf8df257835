/* pos-printer-profile.h — what a receipt printer model can do.
 *
 * Paper width in dots and columns, which code pages it has and under which
 * ESC t numbers (clones renumber them, so the numbers are data per profile),
 * whether it has a cutter and a drawer port.  Profiles are static tables:
 * look one up by id, never free it.
 */
#pragma once

#include <glib.h>

#include "pos-codepage.h"

G_BEGIN_DECLS

/* A code page and the number the printer's ESC t command knows it by. */
typedef struct
{
  PosCodepage page;
  guint8 number;
} PosCodepageNumber;

typedef struct
{
  const char *id;               /* "generic-80" */
  const char *name;             /* "Generic 80 mm ESC/POS printer", for people */
  guint paper_mm;               /* 58 or 80 */
  guint dot_width;              /* printable width in dots */
  guint columns_font_a;         /* characters per line, font A, normal width */
  guint columns_font_b;         /* characters per line, font B, normal width */
  gboolean can_cut;             /* has an autocutter (GS V) */
  gboolean has_drawer;          /* has a drawer kick-out port (ESC p) */
  gboolean native_qr;           /* understands GS ( k; otherwise QR codes are sent as images */
  guint feed_lines_without_cut; /* lines fed instead of a cut, to reach the tear bar */
  /* Code pages the printer offers, in order of preference (pages with € first). */
  PosCodepageNumber codepages[POS_CODEPAGE_N_PAGES];
  guint n_codepages;
} PosPrinterProfile;

/* The profile called @id ("generic-80", "generic-58", "epson-tm-t20",
 * "epson-tm-t88", "star-escpos", "clone-58"), or NULL when unknown.
 * Returns: (transfer none) (nullable) */
const PosPrinterProfile *pos_printer_profile_lookup (const char *id);

/* All known profiles, NULL-terminated.
 * Returns: (transfer none) (array zero-terminated=1) */
const PosPrinterProfile *const *pos_printer_profile_list (void);

/* The ESC t number of @page on this printer.  FALSE when it lacks the page. */
gboolean pos_printer_profile_codepage_number (const PosPrinterProfile *profile, PosCodepage page,
                                              guint8 *number);

/* Characters per line in font A or B, halved for double-width text. */
guint pos_printer_profile_columns (const PosPrinterProfile *profile, gboolean font_b, gboolean double_width);

G_END_DECLS
