/* pos-bench-mode.c — the till measuring itself (see pos-bench-mode.h). */
#include "pos-bench-mode.h"

#include <stdio.h>

#include "pos-error.h"
#include "sale/pos-sale-page.h"
#include "stock/pos-stock-page.h"
#include "pos-bench-ui.h"

#define DEFAULT_SCANS 100
#define DEFAULT_LINES 10
#define SCROLL_TICKS 300
#define SCROLL_STRIDE 131 /* coprime with SCROLL_TICKS: every position once, far apart */
#define SETTLE_FRAMES 10

typedef enum
{
  MODE_STARTUP,
  MODE_SCAN,
  MODE_SCROLL,
} Mode;

typedef struct
{
  Mode mode;
  char *user;
  char *pin;
  guint n_scans;
  guint lines_per_sale;
  PosApplication *app;
  PosWindow *window;
  PosContext *context;
  gint64 start_us;
  gint64 signin_us; /* when the sign-in began */
  gint64 ready_us;  /* "ready" */
  GdkFrameClock *clock;
  gulong paint_id;
  gulong layout_id;
  gboolean ready;

  /* scan */
  GPtrArray *scans;
  guint next_scan;
  gint64 enter_frame; /* -1: no scan waiting to be shown */
  gint64 enter_us;
  GArray *frames;  /* gint64 per scan */
  GArray *latency; /* gint64 µs per scan */
  PosSalePage *sale_page;

  /* scroll */
  GtkWidget *list;
  GtkAdjustment *adjustment;
  guint tick;
  guint settle;
  gint64 last_frame_time;
  gint64 frame_start_us;
  GArray *intervals; /* µs between frames */
  GArray *work;      /* µs from layout to the end of the paint */
} Bench;

static void
bench_free (Bench *b)
{
  g_free (b->user);
  g_free (b->pin);
  g_clear_pointer (&b->scans, g_ptr_array_unref);
  g_array_unref (b->frames);
  g_array_unref (b->latency);
  g_array_unref (b->intervals);
  g_array_unref (b->work);
  g_free (b);
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The @per_mille-th percentile of @values (sorts them), nearest rank. */
static gint64
percentile (GArray *values, guint per_mille)
{
  gsize i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_int64);
  i = ((gsize)values->len * per_mille + 999) / 1000;
  return g_array_index (values, gint64, i > 0 ? i - 1 : 0);
}

/* VmRSS of this process in kB, 0 when unknown. */
static gint64
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) : 0;
}

/* Prints the one line of JSON and quits. */
static void
finish (Bench *b, const char *json)
{
  fputs (json, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  g_clear_signal_handler (&b->paint_id, b->clock);
  g_clear_signal_handler (&b->layout_id, b->clock);
  b->ready = FALSE;
  g_application_quit (G_APPLICATION (b->app));
}

/* --- startup ------------------------------------------------------------- */

static void
startup_painted (Bench *b)
{
  g_autofree char *json = NULL;
  gint64 now = g_get_monotonic_time ();

  json = g_strdup_printf ("{\"ready_ms\": %.1f, \"signin_ms\": %.1f, \"rss_kb\": %" G_GINT64_FORMAT "}",
                          (double)(now - b->start_us) / 1000.0, (double)(b->ready_us - b->signin_us) / 1000.0,
                          rss_kb ());
  finish (b, json);
}

/* --- scan ---------------------------------------------------------------- */

/* Whether @text is the cart's name cell for @name: the name, followed by
 * the line's discount in brackets when a promotion takes money off it
 * ("Milk (−0,10 €)", figure 6b). */
static gboolean
names_line (const char *text, const char *name)
{
  gsize n = strlen (name);

  return text != NULL && strncmp (text, name, n) == 0
         && (text[n] == '\0' || g_str_has_prefix (text + n, " ("));
}

/* Whether a mapped label showing @name's line is within the visible part
 * of the scrolled window around the cart. */
static gboolean
label_shown (GtkWidget *widget, GtkWidget *viewport, const char *name)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && names_line (gtk_label_get_text (GTK_LABEL (widget)), name)
      && gtk_widget_compute_bounds (widget, viewport, &bounds))
    return bounds.size.height > 0 && bounds.origin.y >= 0
           && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport) + 0.5;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, viewport, name))
      return TRUE;
  return FALSE;
}

/* The cart's list view and its scrolled window. */
static GtkWidget *
find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types the next code as a wedge scanner does: digits a few ms apart,
 * then Enter, through the window's scan controller. */
static gboolean
feed_next_scan_cb (gpointer data)
{
  Bench *b = data;
  PosScanController *controller = pos_window_get_scan_controller (b->window);
  PosBenchScan *scan = g_ptr_array_index (b->scans, b->next_scan);
  guint32 t = (guint32)(g_get_monotonic_time () / 1000);

  if (b->next_scan % b->lines_per_sale == 0)
    pos_sale_page_new_sale (b->sale_page);
  for (const char *p = scan->code; *p; p++, t += 4)
    pos_scan_controller_feed (controller, gdk_unicode_to_keyval ((guchar)*p), 0, t);
  b->enter_frame = gdk_frame_clock_get_frame_counter (b->clock);
  b->enter_us = g_get_monotonic_time ();
  pos_scan_controller_feed (controller, GDK_KEY_Return, 0, t);
  return G_SOURCE_REMOVE;
}

static void
scan_report (Bench *b)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf (
      "{\"scans\": %u, \"lines\": %u, \"frames_p50\": %" G_GINT64_FORMAT ", \"frames_p95\": %" G_GINT64_FORMAT
      ", \"frames_max\": %" G_GINT64_FORMAT ", \"ms_p50\": %.2f, \"ms_p95\": %.2f}",
      b->frames->len, b->lines_per_sale, percentile (b->frames, 500), percentile (b->frames, 950),
      percentile (b->frames, 1000), (double)percentile (b->latency, 500) / 1000.0,
      (double)percentile (b->latency, 950) / 1000.0);
  finish (b, json);
}

static void
scan_painted (Bench *b)
{
  GtkWidget *scrolled;
  PosBenchScan *scan;
  gint64 frames, us;

  if (b->enter_frame < 0)
    return;
  scan = g_ptr_array_index (b->scans, b->next_scan);
  scrolled = gtk_widget_get_ancestor (find_type (GTK_WIDGET (b->sale_page), GTK_TYPE_COLUMN_VIEW),
                                      GTK_TYPE_SCROLLED_WINDOW);
  if (!label_shown (scrolled, scrolled, scan->name))
    return;
  frames = gdk_frame_clock_get_frame_counter (b->clock) - b->enter_frame;
  us = g_get_monotonic_time () - b->enter_us;
  g_array_append_val (b->frames, frames);
  g_array_append_val (b->latency, us);
  b->enter_frame = -1;
  if (++b->next_scan >= b->scans->len)
    {
      scan_report (b);
      return;
    }
  /* The next customer's item comes at a random moment of the frame. */
  g_timeout_add (20 + g_random_int_range (0, 17), feed_next_scan_cb, b);
}

static void
scan_start (Bench *b)
{
  b->sale_page = POS_SALE_PAGE (pos_window_show_page (b->window, "sale"));
  b->scans = pos_bench_scan_codes (pos_context_get_store (b->context), b->n_scans);
  if (b->scans->len == 0)
    {
      finish (b, "{\"error\": \"no products with a barcode\"}");
      return;
    }
  g_timeout_add (200, feed_next_scan_cb, b);
}

/* --- scroll -------------------------------------------------------------- */

static void
scroll_report (Bench *b)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf (
      "{\"rows\": %u, \"frames\": %u, \"interval_p50_ms\": %.2f, \"interval_p90_ms\": %.2f, "
      "\"work_p50_ms\": %.2f, \"work_p90_ms\": %.2f}",
      g_list_model_get_n_items (G_LIST_MODEL (pos_stock_page_get_model (
          POS_STOCK_PAGE (gtk_widget_get_ancestor (b->list, POS_TYPE_STOCK_PAGE))))),
      b->intervals->len, (double)percentile (b->intervals, 500) / 1000.0,
      (double)percentile (b->intervals, 900) / 1000.0, (double)percentile (b->work, 500) / 1000.0,
      (double)percentile (b->work, 900) / 1000.0);
  finish (b, json);
}

/* One step a frame over SCROLL_TICKS positions spread evenly over the
 * whole catalog, visited in a stride order so that every frame shows
 * rows that were not on screen the frame before, whatever the catalog's
 * size: each frame costs a full screen of rows, on 1k products as on 1M. */
static gboolean
on_scroll_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Bench *b = data;
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);
  double range = gtk_adjustment_get_upper (b->adjustment) - gtk_adjustment_get_page_size (b->adjustment);

  if (b->settle < SETTLE_FRAMES)
    {
      b->settle++;
      return G_SOURCE_CONTINUE;
    }
  if (b->last_frame_time != 0)
    {
      gint64 interval = frame_time - b->last_frame_time;
      g_array_append_val (b->intervals, interval);
    }
  b->last_frame_time = frame_time;
  if (b->tick > SCROLL_TICKS)
    {
      scroll_report (b);
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (b->adjustment, range * ((b->tick * SCROLL_STRIDE) % SCROLL_TICKS) / SCROLL_TICKS);
  b->tick++;
  return G_SOURCE_CONTINUE;
}

static void
on_frame_start_cb (GdkFrameClock *clock, Bench *b)
{
  b->frame_start_us = g_get_monotonic_time ();
}

static void
scroll_painted (Bench *b)
{
  gint64 work;

  if (b->last_frame_time == 0 || b->frame_start_us == 0)
    return;
  work = g_get_monotonic_time () - b->frame_start_us;
  g_array_append_val (b->work, work);
}

/* The catalog is listed once the page is shown; the scroll starts when
 * its query is done. */
static void
on_stock_items_changed_cb (GListModel *model, guint position, guint removed, guint added, Bench *b)
{
  if (b->adjustment != NULL || g_list_model_get_n_items (model) == 0)
    return;
  b->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b->list));
  b->layout_id = g_signal_connect (b->clock, "before-paint", G_CALLBACK (on_frame_start_cb), b);
  gtk_widget_add_tick_callback (b->list, on_scroll_tick_cb, b, NULL);
}

static void
scroll_start (Bench *b)
{
  GtkWidget *page = pos_window_show_page (b->window, "stock");
  PosSqlListModel *model = pos_stock_page_get_model (POS_STOCK_PAGE (page));

  b->list = find_type (page, GTK_TYPE_COLUMN_VIEW);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_stock_items_changed_cb), b);
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    on_stock_items_changed_cb (G_LIST_MODEL (model), 0, 0, 0, b);
}

/* --- driving ------------------------------------------------------------- */

static void
on_after_paint_cb (GdkFrameClock *clock, Bench *b)
{
  if (!b->ready)
    return;
  switch (b->mode)
    {
      case MODE_STARTUP:
        startup_painted (b);
        break;
      case MODE_SCAN:
        scan_painted (b);
        break;
      case MODE_SCROLL:
        scroll_painted (b);
        break;
    }
}

static void
on_window_ready_cb (PosWindow *window, Bench *b)
{
  if (b->ready)
    return;
  b->ready = TRUE;
  b->ready_us = g_get_monotonic_time ();
  if (b->mode == MODE_SCAN)
    scan_start (b);
  else if (b->mode == MODE_SCROLL)
    scroll_start (b);
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static gboolean
sign_in_cb (gpointer data)
{
  Bench *b = data;

  b->signin_us = g_get_monotonic_time ();
  if (!pos_window_sign_in (b->window, b->user, b->pin))
    finish (b, "{\"error\": \"--user is no user of this store\"}");
  return G_SOURCE_REMOVE;
}

static void
on_window_realized_cb (GtkWidget *window, Bench *b)
{
  b->clock = gtk_widget_get_frame_clock (window);
  b->paint_id = g_signal_connect (b->clock, "after-paint", G_CALLBACK (on_after_paint_cb), b);
  g_idle_add (sign_in_cb, b);
}

gboolean
pos_bench_mode_start (PosApplication *app, PosWindow *window, const PosBenchModeOptions *options,
                      gint64 start_us, GError **error)
{
  static const char *const modes[] = { "startup", "scan", "scroll" };
  Bench *b;
  int m = -1;

  g_return_val_if_fail (POS_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; options->mode != NULL && i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (options->mode, modes[i]))
      m = (int)i;
  if (m < 0)
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "--mode %s: use startup, scan or scroll",
                   options->mode ? options->mode : "");
      return FALSE;
    }
  if (options->user == NULL || options->pin == NULL)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, "--user and --pin are needed to sign in");
      return FALSE;
    }
  b = g_new0 (Bench, 1);
  b->mode = (Mode)m;
  b->user = g_strdup (options->user);
  b->pin = g_strdup (options->pin);
  b->n_scans = options->scans > 0 ? options->scans : DEFAULT_SCANS;
  b->lines_per_sale = options->lines > 0 ? options->lines : DEFAULT_LINES;
  b->app = app;
  b->window = window;
  b->context = pos_window_get_context (window);
  b->start_us = start_us;
  b->enter_frame = -1;
  b->frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->latency = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->work = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_object_set_data_full (G_OBJECT (window), "pos-bench", b, (GDestroyNotify)bench_free);
  pos_window_set_default_float (window, 0);
  g_signal_connect (window, "ready", G_CALLBACK (on_window_ready_cb), b);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realized_cb (GTK_WIDGET (window), b);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realized_cb), b);
  return TRUE;
}
