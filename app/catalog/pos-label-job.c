/* pos-label-job.c — a label run: copies, PDF or printer, then the record. */
#include "pos-label-job.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pos-error.h"
#include "pos-i18n.h"
#include "pos-label-print.h"
#include "pos-label-render.h"
#include "pos-label-source.h"
#include "pos-printing.h"
#include "pos-transport.h"

const PosLabelSheet *
pos_label_job_sheet (PosLabelMedia media, PosLabelKind kind)
{
  /* [media][kind]: the common 70 × 37 mm shelf strip and 48.5 × 25.4 mm
   * sticker on A4, and the usual label printer rolls. */
  static const char *const names[2][2] = {
    { "3x8", "4x10" },
    { "roll-58x40", "roll-40x30" },
  };

  g_return_val_if_fail (media <= POS_LABEL_MEDIA_PRINTER && kind <= POS_LABEL_KIND_STICKER, NULL);
  return pos_label_sheet_lookup (names[media][kind], NULL);
}

GPtrArray *
pos_label_job_expand (GPtrArray *labels, guint copies)
{
  GPtrArray *out;

  g_return_val_if_fail (labels != NULL && copies >= 1, NULL);

  out = g_ptr_array_sized_new (labels->len * copies);
  for (guint i = 0; i < labels->len; i++)
    for (guint c = 0; c < copies; c++)
      g_ptr_array_add (out, g_ptr_array_index (labels, i));
  return out;
}

/* A label roll is one label a page: it goes to a label printer as raster. */
static gboolean
is_roll (const PosLabelSheet *sheet)
{
  return pos_label_sheet_per_page (sheet) == 1 && g_str_has_prefix (sheet->name, "roll-");
}

/* The sheets as one PDF job on @printer_uri. */
static gboolean
print_pdf (PosStore *store, GPtrArray *labels, const PosLabelSheet *sheet, const char *printer_uri,
           GError **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PosTransport) transport = NULL;
  gsize length;
  int fd;
  gboolean ok;

  /* The shop's printer setting is its receipt printer, which cannot take
   * a PDF: a sheet goes only to a printer chosen for it. */
  if (printer_uri == NULL)
    {
      g_set_error_literal (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("Choose the printer for A4 label sheets: the receipt printer cannot print them"));
      return FALSE;
    }
  uri = g_strdup (printer_uri);
  if ((fd = g_file_open_tmp ("mainstreet-labels-XXXXXX.pdf", &path, error)) < 0)
    return FALSE;
  g_close (fd, NULL);
  ok = pos_label_render_pdf (labels, sheet, path, error) && g_file_get_contents (path, &data, &length, error);
  g_unlink (path);
  if (!ok)
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  if ((transport = pos_transport_open (uri, error)) == NULL
      || !pos_transport_write (transport, bytes, POS_PRINT_TIMEOUT_MS, error))
    return FALSE;
  return pos_transport_close (transport, error);
}

gboolean
pos_label_job_run (PosStore *store, GPtrArray *labels, guint copies, const PosLabelSheet *sheet,
                   const char *printer_uri, const char *pdf_path, GError **error)
{
  g_autoptr (GPtrArray) all = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL && labels != NULL && sheet != NULL, FALSE);
  g_return_val_if_fail (copies >= 1 && copies <= POS_LABEL_MAX_COPIES, FALSE);

  if (labels->len == 0)
    {
      g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID, _ ("There are no labels to print"));
      return FALSE;
    }
  all = pos_label_job_expand (labels, copies);
  if (pdf_path != NULL)
    ok = pos_label_render_pdf (all, sheet, pdf_path, error);
  else if (is_roll (sheet))
    ok = pos_label_print (store, all, sheet, printer_uri, error);
  else
    ok = print_pdf (store, all, sheet, printer_uri, error);
  return ok && pos_label_source_mark_printed (store, labels, error);
}

typedef struct
{
  char *store_path;
  GPtrArray *labels;
  guint copies;
  const PosLabelSheet *sheet;
  char *printer_uri;
  char *pdf_path;
} LabelJob;

static void
label_job_free (LabelJob *job)
{
  g_free (job->store_path);
  g_ptr_array_unref (job->labels);
  g_free (job->printer_uri);
  g_free (job->pdf_path);
  g_free (job);
}

/* Runs in a worker thread: its own connection, so the till's stays free. */
static void
label_job_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  LabelJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_task_return_error_if_cancelled (task))
    return;
  else if (!pos_label_job_run (store, job->labels, job->copies, job->sheet, job->printer_uri, job->pdf_path,
                               &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pos_label_job_run_async (PosStore *store, GPtrArray *labels, guint copies, const PosLabelSheet *sheet,
                         const char *printer_uri, const char *pdf_path, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LabelJob *job;

  g_return_if_fail (store != NULL && labels != NULL && sheet != NULL);

  job = g_new0 (LabelJob, 1);
  job->store_path = g_strdup (pos_store_path (store));
  job->labels = g_ptr_array_ref (labels);
  job->copies = copies;
  job->sheet = sheet;
  job->printer_uri = g_strdup (printer_uri);
  job->pdf_path = g_strdup (pdf_path);
  g_task_set_source_tag (task, pos_label_job_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify)label_job_free);
  pos_i18n_run_in_thread (task, label_job_thread);
}

gboolean
pos_label_job_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_label_job_run_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
