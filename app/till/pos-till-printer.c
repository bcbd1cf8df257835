/* pos-till-printer.c — the till's printing (see pos-till-printer.h). */
#include "pos-till-printer.h"

#include <glib/gi18n-lib.h>

#include "pos-escpos.h"
#include "pos-i18n.h"
#include "pos-printing.h"
#include "pos-report-receipt.h"
#include "pos-store-private.h"
#include "pos-training.h"
#include "pos-transport.h"

typedef struct
{
  char *receipt_no;
  char *printer_uri; /* nullable: the shop's printer */
  PosUser *user;     /* nullable: no drawer kick */
} TillJob;

static void
till_job_free (TillJob *job)
{
  g_free (job->receipt_no);
  g_free (job->printer_uri);
  g_clear_pointer (&job->user, pos_user_free);
  g_free (job);
}

/* This till's own printer, or NULL for the shop's. (transfer full) */
static char *
till_printer_uri (PosContext *context)
{
  GSettings *settings = pos_context_get_settings (context);
  g_autofree char *uri = settings != NULL ? g_settings_get_string (settings, "printer") : NULL;

  if (uri == NULL || *g_strstrip (uri) == '\0')
    return NULL;
  return g_steal_pointer (&uri);
}

/* Whether the till or the shop has a printer. The message says where to
 * choose one, in the words of the settings screen, and is short enough for
 * a toast. */
static gboolean
till_printer_chosen (PosContext *context, const char *till_uri, GError **error)
{
  g_autofree char *shop_uri = NULL;

  if (till_uri != NULL)
    return TRUE;
  shop_uri = pos_store_dup_setting (pos_context_get_store (context), "printer");
  if (shop_uri != NULL && *g_strstrip (shop_uri) != '\0')
    return TRUE;
  g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                       _ ("No receipt printer is set up. Choose one in Settings → This till."));
  return FALSE;
}

gboolean
pos_till_printer_check (PosContext *context, GError **error)
{
  g_autofree char *till_uri = NULL;

  g_return_val_if_fail (POS_IS_CONTEXT (context), FALSE);
  till_uri = till_printer_uri (context);
  return till_printer_chosen (context, till_uri, error);
}

/* Ends @task with @error (taken, nullable) and shows the outcome. */
static void
till_job_return (GTask *task, GError *error)
{
  PosContext *context = g_task_get_source_object (task);

  if (error != NULL)
    {
      pos_context_set_printer_state (context, error->message);
      g_task_return_error (task, error);
      return;
    }
  pos_context_set_printer_state (context, "ready");
  /* The drawer kick and a reprint are journal events to send. */
  pos_context_refresh_unsynced (context);
  g_task_return_boolean (task, TRUE);
}

static void
on_drawer_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  pos_drawer_open_finish (result, &error);
  till_job_return (task, error);
}

static void
on_receipt_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PosContext *context = g_task_get_source_object (task);
  TillJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!pos_print_receipt_finish (result, &error) || job->user == NULL)
    {
      till_job_return (task, error);
      return;
    }
  /* The task goes on to the drawer kick: no argument may read it after. */
  pos_drawer_open_async (pos_context_get_store (context), job->user, "cash sale", job->receipt_no,
                         job->printer_uri, cancellable, on_drawer_opened_cb, g_steal_pointer (&task));
}

void
pos_till_printer_print_async (PosContext *context, const char *receipt_no, gboolean copy,
                              gboolean open_drawer, GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  TillJob *job;

  g_return_if_fail (POS_IS_CONTEXT (context));
  g_return_if_fail (receipt_no != NULL);

  job = g_new0 (TillJob, 1);
  job->receipt_no = g_strdup (receipt_no);
  job->printer_uri = till_printer_uri (context);
  /* A training sale took no money: the drawer stays shut. */
  if (open_drawer && pos_context_get_user (context) != NULL && !pos_training_is_receipt (receipt_no))
    job->user = pos_user_copy (pos_context_get_user (context));
  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_till_printer_print_async);
  g_task_set_task_data (task, job, (GDestroyNotify)till_job_free);
  if (!till_printer_chosen (context, job->printer_uri, &error))
    {
      till_job_return (task, g_steal_pointer (&error));
      return;
    }
  pos_context_set_printer_state (context, "printing");
  pos_print_receipt_async (pos_context_get_store (context), receipt_no, job->printer_uri, copy, cancellable,
                           on_receipt_printed_cb, g_steal_pointer (&task));
}

gboolean
pos_till_printer_print_finish (PosContext *context, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_till_printer_print_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_test_printed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  pos_print_test_page_finish (result, &error);
  till_job_return (task, error);
}

void
pos_till_printer_test_async (PosContext *context, GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (POS_IS_CONTEXT (context));

  uri = till_printer_uri (context);
  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_till_printer_test_async);
  if (!till_printer_chosen (context, uri, &error))
    {
      till_job_return (task, g_steal_pointer (&error));
      return;
    }
  pos_context_set_printer_state (context, "printing");
  pos_print_test_page_async (pos_context_get_store (context), uri, cancellable, on_test_printed_cb,
                             g_steal_pointer (&task));
}

gboolean
pos_till_printer_test_finish (PosContext *context, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_till_printer_test_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *store_path;
  char *printer_uri; /* nullable: the shop's printer */
  PosReceipt *document;
} DocumentJob;

static void
document_job_free (DocumentJob *job)
{
  g_free (job->store_path);
  g_free (job->printer_uri);
  g_clear_pointer (&job->document, pos_receipt_unref);
  g_free (job);
}

static gboolean
print_document (PosStore *store, DocumentJob *job, GError **error)
{
  const PosPrinterProfile *profile;
  g_autofree char *uri = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PosTransport) transport = NULL;

  if (!(profile = pos_printing_profile (store, error))
      || !(uri = pos_printing_printer_uri (store, job->printer_uri, error))
      || !(bytes = pos_escpos_encode (job->document, profile, error))
      || !(transport = pos_transport_open (uri, error)))
    return FALSE;
  if (!pos_transport_write (transport, bytes, POS_PRINT_TIMEOUT_MS, error))
    return FALSE;
  return pos_transport_close (transport, error);
}

/* Runs in a worker thread on its own connection: the printer may be slow. */
static void
document_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DocumentJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);

  if (store != NULL && !g_task_return_error_if_cancelled (task) && print_document (store, job, &error))
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
}

/* A worker of this file ended: its outcome is the till's task's. */
static void
on_worker_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  till_job_return (task, error);
}

/* Prints @document (taken) for a task tagged @tag. */
static void
print_document_async (PosContext *context, PosReceipt *document, gpointer tag, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = till_printer_uri (context);
  DocumentJob *job;

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  if (!till_printer_chosen (context, uri, &error))
    {
      pos_receipt_unref (document);
      till_job_return (task, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (DocumentJob, 1);
  job->store_path = g_strdup (pos_store_path (pos_context_get_store (context)));
  job->printer_uri = g_steal_pointer (&uri);
  job->document = document;
  pos_context_set_printer_state (context, "printing");
  worker = g_task_new (NULL, cancellable, on_worker_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, job, (GDestroyNotify)document_job_free);
  pos_i18n_run_in_thread (worker, document_thread);
}

void
pos_till_printer_print_report_async (PosContext *context, JsonNode *report, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (POS_IS_CONTEXT (context));
  g_return_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report));

  print_document_async (context, pos_report_receipt_build (pos_context_get_store (context), report),
                        pos_till_printer_print_report_async, cancellable, callback, user_data);
}

gboolean
pos_till_printer_print_report_finish (PosContext *context, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_till_printer_print_report_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pos_till_printer_print_document_async (PosContext *context, PosReceipt *document, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (POS_IS_CONTEXT (context));
  g_return_if_fail (document != NULL);

  print_document_async (context, pos_receipt_ref (document), pos_till_printer_print_document_async,
                        cancellable, callback, user_data);
}

gboolean
pos_till_printer_print_document_finish (PosContext *context, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_till_printer_print_document_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *store_path;
  char *printer_uri; /* nullable: the shop's printer */
  char *reason;
  PosUser *user;
  PosUser *approver; /* nullable */
} DrawerJob;

static void
drawer_job_free (DrawerJob *job)
{
  g_free (job->store_path);
  g_free (job->printer_uri);
  g_free (job->reason);
  g_clear_pointer (&job->user, pos_user_free);
  g_clear_pointer (&job->approver, pos_user_free);
  g_free (job);
}

/* Runs in a worker thread on its own connection: the kick goes through the
 * printer, which may be slow or off. */
static void
drawer_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DrawerJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);

  if (store != NULL && !g_task_return_error_if_cancelled (task)
      && pos_drawer_open (store, job->user, job->approver, job->reason, NULL, job->printer_uri, &error))
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
}

void
pos_till_printer_open_drawer_async (PosContext *context, const PosUser *approver, const char *reason,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  const PosUser *user;
  DrawerJob *job;

  g_return_if_fail (POS_IS_CONTEXT (context));

  user = pos_context_get_user (context);
  uri = till_printer_uri (context);
  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, pos_till_printer_open_drawer_async);
  if (user == NULL)
    {
      g_task_return_new_error (task, POS_ERROR, POS_ERROR_PERMISSION, "Sign in to open the drawer");
      return;
    }
  if (!till_printer_chosen (context, uri, &error))
    {
      till_job_return (task, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (DrawerJob, 1);
  job->store_path = g_strdup (pos_store_path (pos_context_get_store (context)));
  job->printer_uri = g_steal_pointer (&uri);
  job->reason = g_strdup (reason);
  job->user = pos_user_copy (user);
  job->approver = approver != NULL ? pos_user_copy (approver) : NULL;
  pos_context_set_printer_state (context, "printing");
  worker = g_task_new (NULL, cancellable, on_worker_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, job, (GDestroyNotify)drawer_job_free);
  pos_i18n_run_in_thread (worker, drawer_thread);
}

gboolean
pos_till_printer_open_drawer_finish (PosContext *context, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_till_printer_open_drawer_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
