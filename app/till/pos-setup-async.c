/* pos-setup-async.c — the slow parts of setting up, in worker threads so
 * the assistant stays responsive (see pos-setup.h). */
#include "pos-setup.h"

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "pos-error.h"
#include "pos-hub.h"
#include "pos-i18n.h"
#include "pos-printers.h"
#include "pos-printing.h"
#include "pos-receipt-preview.h"
#include "pos-setup-private.h"

/* A throwaway store with @plan's shop settings and tax rates, in a folder
 * of its own; scratch_store_free() removes both. */
typedef struct
{
  char *dir;
  char *path;
  PosStore *store;
} ScratchStore;

static void
scratch_store_free (ScratchStore *scratch)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  g_clear_pointer (&scratch->store, pos_store_close);
  for (gsize i = 0; scratch->path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (scratch->path, suffixes[i], NULL);
      g_unlink (file);
    }
  if (scratch->dir != NULL)
    g_rmdir (scratch->dir);
  g_free (scratch->path);
  g_free (scratch->dir);
  g_free (scratch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScratchStore, scratch_store_free)

static ScratchStore *
scratch_store_new (const PosSetupPlan *plan, GError **error)
{
  g_autoptr (ScratchStore) scratch = g_new0 (ScratchStore, 1);

  if ((scratch->dir = g_dir_make_tmp ("mainstreet-setup-XXXXXX", error)) == NULL)
    return NULL;
  scratch->path = g_build_filename (scratch->dir, "scratch.db", NULL);
  scratch->store = pos_store_open (scratch->path, POS_STORE_OPEN_CREATE, error);
  if (scratch->store == NULL || !pos_setup_write_shop (plan, scratch->store, error))
    return NULL;
  return g_steal_pointer (&scratch);
}

/* Checks the file in a throwaway store that has the plan's tax rates, so
 * the preview knows exactly what the real import will say. */
static void
preview_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  const PosSetupPlan *plan = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScratchStore) scratch = scratch_store_new (plan, &error);
  PosImportReport *report = NULL;

  if (scratch != NULL)
    report = pos_import_products (scratch->store, plan->products_file, plan->products_format, TRUE, FALSE,
                                  &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify)pos_import_report_free);
}

void
pos_setup_preview_products_async (const PosSetupPlan *plan, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, pos_setup_preview_products_async);
  if (!pos_setup_check_field (plan, POS_SETUP_FIELD_PRODUCTS_FILE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, pos_setup_plan_copy (plan), (GDestroyNotify)pos_setup_plan_free);
  pos_i18n_run_in_thread (task, preview_thread);
}

PosImportReport *
pos_setup_preview_products_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
check_hub_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  const PosSetupPlan *plan = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *conninfo = pos_setup_till_conninfo (plan, &error);
  g_autoptr (PGconn) conn = NULL;

  if (conninfo != NULL && pos_hub_check_tls (conninfo, FALSE, &error))
    conn = pos_hub_connect (conninfo, &error);
  if (conn == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pos_setup_check_hub_async (const PosSetupPlan *plan, GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, pos_setup_check_hub_async);
  if (!pos_setup_check_field (plan, POS_SETUP_FIELD_HUB, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, pos_setup_plan_copy (plan), (GDestroyNotify)pos_setup_plan_free);
  pos_i18n_run_in_thread (task, check_hub_thread);
}

gboolean
pos_setup_check_hub_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The test page as the printer's paper would show it, as PNG bytes. */
static GBytes *
test_page_png (PosStore *store, const char *printer_uri, GError **error)
{
  const PosPrinterProfile *profile = pos_printing_profile (store, error);
  g_autoptr (PosReceipt) receipt = NULL;
  cairo_surface_t *surface;
  GByteArray *png;
  cairo_status_t status;

  if (profile == NULL)
    return NULL;
  receipt = pos_print_test_page_build (store, printer_uri ? printer_uri : "None (preview only)");
  if ((surface = pos_receipt_preview_render (receipt, profile, error)) == NULL)
    return NULL;
  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (png);
      g_set_error (error, POS_ERROR, POS_ERROR_FAILED, _ ("Cannot draw the test page: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (png);
}

/* The test page names the shop the owner typed: it comes from a scratch
 * store, as the real store does not exist yet. Without a printer it is
 * only drawn, so the owner sees what a receipt printer would give. */
static void
test_print_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  const PosSetupPlan *plan = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScratchStore) scratch = scratch_store_new (plan, &error);
  gboolean printer = plan->printer_uri != NULL && *plan->printer_uri != '\0';
  g_autoptr (GBytes) png = NULL;

  if (scratch == NULL || (printer && !pos_print_test_page (scratch->store, plan->printer_uri, &error))
      || (png = test_page_png (scratch->store, printer ? plan->printer_uri : NULL, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&png), (GDestroyNotify)g_bytes_unref);
}

void
pos_setup_test_print_async (const PosSetupPlan *plan, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, pos_setup_test_print_async);
  if (!pos_setup_check_field (plan, POS_SETUP_FIELD_PRINTER, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, pos_setup_plan_copy (plan), (GDestroyNotify)pos_setup_plan_free);
  pos_i18n_run_in_thread (task, test_print_thread);
}

GBytes *
pos_setup_test_print_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
find_printers_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_task_return_pointer (task, pos_printers_list (2000), (GDestroyNotify)g_ptr_array_unref);
}

void
pos_setup_find_printers_async (GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pos_setup_find_printers_async);
  pos_i18n_run_in_thread (task, find_printers_thread);
}

GPtrArray *
pos_setup_find_printers_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  PosSetupPlan *plan;
  char *store_path;
  GSettings *settings;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  pos_setup_plan_free (job->plan);
  g_free (job->store_path);
  g_clear_object (&job->settings);
  g_free (job);
}

static void
apply_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ApplyJob *job = data;
  g_autoptr (GError) error = NULL;

  /* The app's settings are written back in the main thread, by _finish. */
  if (!pos_setup_apply (job->plan, job->store_path, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
pos_setup_apply_async (const PosSetupPlan *plan, const char *store_path, GSettings *settings,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ApplyJob *job = g_new0 (ApplyJob, 1);

  job->plan = pos_setup_plan_copy (plan);
  job->store_path = g_strdup (store_path);
  job->settings = settings ? g_object_ref (settings) : NULL;
  g_task_set_source_tag (task, pos_setup_apply_async);
  g_task_set_task_data (task, job, (GDestroyNotify)apply_job_free);
  pos_i18n_run_in_thread (task, apply_thread);
}

gboolean
pos_setup_apply_finish (GAsyncResult *result, GError **error)
{
  ApplyJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  pos_setup_write_app_settings (job->plan, job->settings);
  return TRUE;
}
