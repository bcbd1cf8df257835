/* pos-receipt-printer.c — receipts and the cash drawer, off the main thread.
 *
 * app/pos-printing.h does the work and its own checks; here it runs in a
 * GTask thread with its own store connection (the printer may take seconds
 * or be switched off), and the outcome is shown in the header.
 */
#include "pos-receipt-printer.h"

#include "pos-escpos.h"
#include "pos-printing.h"
#include "pos-transport.h"
#include "pos-receipt-build.h"
#include "pos-receipt-preview.h"
#include "pos-store-private.h"

typedef struct
{
  char *store_path;
  char *receipt_no;
  char *printer_uri; /* nullable: the shop's printer */
  PosUser *user;
  gboolean copy;
  gboolean open_drawer;
  void (*on_error) (const char *message, gpointer user_data);
  void (*on_done) (const char *error_message, gpointer user_data); /* test page */
  gpointer user_data;
  GDestroyNotify destroy;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->store_path);
  g_free (job->receipt_no);
  g_free (job->printer_uri);
  g_clear_pointer (&job->user, pos_user_free);
  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_free (job);
}

/* A short page naming the shop, the printer and the time, to check the
 * printer, the cable and the code page (€ and accents) before a sale. */
static gboolean
print_test_page (PosStore *store, const char *printer_uri, GError **error)
{
  g_autofree char *uri = pos_printing_printer_uri (store, printer_uri, error);
  g_autofree char *shop = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  const PosPrinterProfile *profile;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PosTransport) transport = NULL;

  if (uri == NULL || (profile = pos_printing_profile (store, error)) == NULL)
    return FALSE;
  shop = pos_store_dup_setting (store, "shop_name");
  receipt = pos_receipt_new ();
  pos_receipt_add_text (receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_HEIGHT, POS_ALIGN_CENTER, "Test print");
  pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER, shop ? shop : "Mainstreet");
  pos_receipt_add_rule (receipt, '-');
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Printer", uri);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Time", when);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Characters", "€ £ é ü ñ");
  pos_receipt_add_feed (receipt, 3);
  pos_receipt_add_cut (receipt, POS_CUT_PARTIAL);
  if ((bytes = pos_escpos_encode (receipt, profile, error)) == NULL
      || (transport = pos_transport_open (uri, error)) == NULL
      || !pos_transport_write (transport, bytes, POS_PRINT_TIMEOUT_MS, error))
    return FALSE;
  return pos_transport_close (transport, error);
}

static void
print_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PrintJob *job = task_data;
  g_autoptr (PosStore) store = NULL;
  GError *error = NULL;

  store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);
  if (store != NULL && job->receipt_no == NULL)
    {
      if (!print_test_page (store, job->printer_uri, &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  if (store == NULL || !pos_print_receipt (store, job->receipt_no, job->printer_uri, job->copy, &error)
      || (job->open_drawer
          && !pos_drawer_open (store, job->user, NULL, "cash sale", job->receipt_no, job->printer_uri,
                               &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PosContext *context = POS_CONTEXT (source);
  PrintJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      pos_context_set_printer_state (context, "ready");
      pos_context_refresh_unsynced (context);
      if (job->on_done != NULL)
        job->on_done (NULL, job->user_data);
      return;
    }
  pos_context_set_printer_state (context, error->message);
  if (job->on_done != NULL)
    job->on_done (error->message, job->user_data);
  if (job->on_error != NULL)
    job->on_error (error->message, job->user_data);
}

/* A job for this till's printer (its own setting, else the shop's). */
static PrintJob *
print_job_new (PosContext *context, const char *receipt_no)
{
  GSettings *settings = pos_context_get_settings (context);
  PrintJob *job = g_new0 (PrintJob, 1);

  job->store_path = g_strdup (pos_context_get_store_path (context));
  job->receipt_no = g_strdup (receipt_no);
  if (settings != NULL)
    job->printer_uri = g_settings_get_string (settings, "printer");
  if (job->printer_uri != NULL && *job->printer_uri == '\0')
    g_clear_pointer (&job->printer_uri, g_free);
  if (pos_context_get_user (context) != NULL)
    job->user = pos_user_copy (pos_context_get_user (context));
  return job;
}

static void
run_job (PosContext *context, PrintJob *job)
{
  g_autoptr (GTask) task = NULL;

  pos_context_set_printer_state (context, "printing");
  task = g_task_new (context, NULL, on_printed_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)print_job_free);
  g_task_run_in_thread (task, print_thread);
}

void
pos_receipt_printer_test (PosContext *context,
                          void (*on_done) (const char *error_message, gpointer user_data), gpointer user_data,
                          GDestroyNotify destroy)
{
  PrintJob *job;

  g_return_if_fail (POS_IS_CONTEXT (context));

  job = print_job_new (context, NULL);
  job->on_done = on_done;
  job->user_data = user_data;
  job->destroy = destroy;
  run_job (context, job);
}

void
pos_receipt_printer_print (PosContext *context, const char *receipt_no, gboolean copy, gboolean open_drawer,
                           void (*on_error) (const char *message, gpointer user_data), gpointer user_data,
                           GDestroyNotify destroy)
{
  PrintJob *job;

  g_return_if_fail (POS_IS_CONTEXT (context));
  g_return_if_fail (receipt_no != NULL);

  job = print_job_new (context, receipt_no);
  job->copy = copy;
  job->open_drawer = open_drawer && job->user != NULL;
  job->on_error = on_error;
  job->user_data = user_data;
  job->destroy = destroy;
  run_job (context, job);
}

GdkTexture *
pos_receipt_printer_preview (PosContext *context, const char *receipt_no, GError **error)
{
  PosStore *store;
  const PosPrinterProfile *profile;
  g_autoptr (PosReceipt) receipt = NULL;
  cairo_surface_t *surface;
  g_autoptr (GBytes) bytes = NULL;
  GdkTexture *texture;

  g_return_val_if_fail (POS_IS_CONTEXT (context), NULL);

  store = pos_context_get_store (context);
  if ((profile = pos_printing_profile (store, error)) == NULL
      || (receipt = pos_receipt_build (store, receipt_no, error)) == NULL
      || (surface = pos_receipt_preview_render (receipt, profile, error)) == NULL)
    return NULL;
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is premultiplied BGRA in memory on little-endian. */
  bytes
      = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)cairo_image_surface_get_stride (surface)
                                                                 * cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (
      cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
      G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
      bytes, (gsize)cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}
