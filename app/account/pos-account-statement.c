/* pos-account-statement.c — a customer's account statement as an A4 PDF (see pos-account.h). */
#include "pos-account.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pos-account-private.h"
#include "pos-clock.h"
#include "pos-format.h"
#include "pos-shop.h"

#define PAGE_W 595.0 /* A4 in points */
#define PAGE_H 842.0
#define MARGIN 48.0
#define ROW_H 15.0
#define SIZE 9.5

typedef struct
{
  cairo_t *cr;
  const PosCurrency *currency;
  const char *locale;
  double y;
} Page;

/* Lays out @text at @x, right-aligned to @x when @right; returns its height. */
static double
text_at (Page *p, const char *text, double x, double size, gboolean bold, gboolean right)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (p->cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgb (p->cr, 0.1, 0.1, 0.1);
  cairo_move_to (p->cr, right ? x - w : x, p->y);
  pango_cairo_show_layout (p->cr, layout);
  return h;
}

static void
rule (Page *p)
{
  cairo_set_source_rgb (p->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (p->cr, 0.5);
  cairo_move_to (p->cr, MARGIN, p->y);
  cairo_line_to (p->cr, PAGE_W - MARGIN, p->y);
  cairo_stroke (p->cr);
  p->y += 4;
}

/* A business day "2026-12-01" in the shop's date format. */
static char *
local_day (const char *day, const char *locale)
{
  g_autoptr (GDateTime) when = NULL;
  int y, m, d;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (day ? day : "");
  when = g_date_time_new_local (y, m, d, 12, 0, 0);
  return when ? pos_date_format (when, locale) : g_strdup (day);
}

static char *
setting (PosStore *store, const char *key)
{
  g_autofree char *value = pos_store_dup_setting (store, key);

  if (value == NULL || *g_strstrip (value) == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

static void
draw_header (Page *p, PosStore *store, const PosAccount *a, const char *from, const char *to)
{
  g_autofree char *name = setting (store, "shop_name");
  g_autofree char *address = setting (store, "shop_address");
  /* an open end is the day the account was opened, or today */
  g_autofree char *opened = g_strndup (a->opened_at ? a->opened_at : "", 10);
  g_autofree char *today = pos_clock_business_day (pos_clock_now_us ());
  g_autofree char *from_text = local_day (from ? from : opened, p->locale);
  g_autofree char *to_text = local_day (to ? to : today, p->locale);
  g_autofree char *period = g_strdup_printf ("%s – %s", from_text, to_text);
  g_autofree char *limit = pos_amount_format (a->credit_limit, p->currency);
  g_autofree char *limit_line = g_strdup_printf (_ ("Credit limit: %s"), limit);

  if (name == NULL)
    name = g_strdup (pos_shop_setting_find ("shop_name")->fallback);
  p->y += text_at (p, name, MARGIN, 16, TRUE, FALSE) + 2;
  if (address != NULL)
    p->y += text_at (p, address, MARGIN, SIZE, FALSE, FALSE);
  p->y += 18;
  p->y += text_at (p, _ ("Account statement"), MARGIN, 13, TRUE, FALSE) + 4;
  p->y += text_at (p, a->customer_name ? a->customer_name : "", MARGIN, SIZE + 1, TRUE, FALSE);
  if (a->card_code != NULL)
    p->y += text_at (p, a->card_code, MARGIN, SIZE, FALSE, FALSE);
  p->y += text_at (p, period, MARGIN, SIZE, FALSE, FALSE);
  p->y += text_at (p, limit_line, MARGIN, SIZE, FALSE, FALSE) + 12;
}

#define COL_DATE MARGIN
#define COL_WHAT (MARGIN + 80)
#define COL_REF (MARGIN + 200)
#define COL_AMOUNT (PAGE_W - MARGIN - 90)
#define COL_BALANCE (PAGE_W - MARGIN)

static void
draw_row (Page *p, const char *date, const char *what, const char *ref, const char *amount,
          const char *balance, gboolean bold)
{
  text_at (p, date, COL_DATE, SIZE, bold, FALSE);
  text_at (p, what, COL_WHAT, SIZE, bold, FALSE);
  text_at (p, ref, COL_REF, SIZE, bold, FALSE);
  text_at (p, amount, COL_AMOUNT, SIZE, bold, TRUE);
  text_at (p, balance, COL_BALANCE, SIZE, bold, TRUE);
  p->y += ROW_H;
}

static void
new_page_if_full (Page *p)
{
  if (p->y < PAGE_H - MARGIN - 2 * ROW_H)
    return;
  cairo_show_page (p->cr);
  p->y = MARGIN;
}

static void
draw_move (Page *p, const PosAccountMove *m, PosAmount balance)
{
  gint64 us = 0;
  g_autofree char *day = pos_clock_parse_iso (m->created_at, &us) ? pos_clock_business_day (us) : NULL;
  g_autofree char *date = local_day (day ? day : m->created_at, p->locale);
  g_autofree char *amount = pos_amount_format (m->amount, p->currency);
  g_autofree char *running = pos_amount_format (balance, p->currency);
  const char *ref = m->receipt_no ? m->receipt_no : m->note ? m->note : "";

  new_page_if_full (p);
  draw_row (p, date, pos_account_move_kind_label (m->kind), ref, amount, running, FALSE);
}

/* Draws the table: opening balance, each move with the running balance, closing balance. */
static gboolean
draw_moves (Page *p, PosAmount opening, GPtrArray *moves, GError **error)
{
  g_autofree char *open_text = pos_amount_format (opening, p->currency);
  g_autofree char *close_text = NULL;
  PosAmount balance = opening;

  draw_row (p, C_ ("statement column", "Date"), C_ ("statement column", "What"),
            C_ ("statement column", "Receipt"), C_ ("statement column", "Amount"),
            C_ ("statement column", "Balance"), TRUE);
  rule (p);
  draw_row (p, "", _ ("Opening balance"), "", "", open_text, TRUE);
  for (guint i = 0; i < moves->len; i++)
    {
      const PosAccountMove *m = g_ptr_array_index (moves, i);

      if (!pos_amount_add (balance, m->amount, &balance, error))
        return FALSE;
      draw_move (p, m, balance);
    }
  rule (p);
  close_text = pos_amount_format (balance, p->currency);
  draw_row (p, "", _ ("Closing balance"), "", "", close_text, TRUE);
  p->y += 8;
  text_at (p, _ ("A positive balance is owed to the shop; a negative one is the customer's credit."), MARGIN,
           SIZE - 1, FALSE, FALSE);
  return TRUE;
}

static gboolean
finish (cairo_surface_t *surface, cairo_t *cr, const char *path, GError **error)
{
  cairo_status_t status;

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Could not write %s: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
pos_account_statement_pdf (PosStore *store, gint64 customer_id, const char *from, const char *to,
                           const char *path, GError **error)
{
  g_autoptr (PosAccount) account = NULL;
  g_autoptr (GPtrArray) moves = NULL;
  cairo_surface_t *surface;
  PosAmount opening = 0;
  Page p = { NULL, NULL, NULL, MARGIN };

  g_return_val_if_fail (store != NULL && path != NULL, FALSE);

  if ((account = pos_account_get (store, customer_id, error)) == NULL
      || (moves = pos_account_moves (store, customer_id, from, to, &opening, error)) == NULL)
    return FALSE;
  p.currency = pos_shop_currency (store);
  p.locale = pos_currency_get_locale (p.currency);
  surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  p.cr = cairo_create (surface);
  draw_header (&p, store, account, from, to);
  if (!draw_moves (&p, opening, moves, error))
    {
      cairo_destroy (p.cr);
      cairo_surface_destroy (surface);
      return FALSE;
    }
  return finish (surface, p.cr, path, error);
}
