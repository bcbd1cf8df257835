/* pos-printing.c — printing receipts and opening the cash drawer (see pos-printing.h). */
#include "pos-printing.h"

#include <glib/gi18n-lib.h>

#include <sys/stat.h>

#include "pos-audit.h"
#include "pos-device-error.h"
#include "pos-escpos.h"
#include "pos-i18n.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-permission.h"
#include "pos-printer-status.h"
#include "pos-receipt-build.h"
#include "pos-shop.h"
#include "pos-transport.h"
#include "pos-store-private.h"

const PosPrinterProfile *
pos_printing_profile (PosStore *store, GError **error)
{
  g_autofree char *id = NULL;
  const PosPrinterProfile *profile;

  g_return_val_if_fail (store != NULL, NULL);

  id = pos_store_dup_setting (store, "printer_profile");
  if (id == NULL || *g_strstrip (id) == '\0')
    {
      g_free (id);
      id = g_strdup (pos_shop_setting_find ("printer_profile")->fallback);
    }
  profile = pos_printer_profile_lookup (id);
  if (profile == NULL)
    g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID,
                 _ ("Unknown printer profile “%s” (setting printer_profile)"), id);
  return profile;
}

char *
pos_printing_printer_uri (PosStore *store, const char *printer_uri, GError **error)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  uri = printer_uri ? g_strdup (printer_uri) : pos_store_dup_setting (store, "printer");
  if (uri == NULL || *g_strstrip (uri) == '\0')
    {
      g_set_error_literal (
          error, POS_ERROR, POS_ERROR_INVALID,
          _ ("No receipt printer is set up: set “printer” (e.g. cups:receipt, usb:04b8:0202, "
             "tcp:192.0.2.10) or give one"));
      return NULL;
    }
  return g_steal_pointer (&uri);
}

/* Whether the printer at the end of @transport can be asked how it is:
 * USB and TCP can; a file only when it is a device node, since asking
 * would otherwise write the question into the file. */
static gboolean
can_ask_status (PosTransport *transport)
{
  const PosPrinterUri *uri = pos_transport_get_uri (transport);
  struct stat st;

  if (!pos_transport_can_read (transport))
    return FALSE;
  if (uri->kind == POS_PRINTER_URI_FILE)
    return stat (uri->path, &st) == 0 && S_ISCHR (st.st_mode);
  return uri->kind == POS_PRINTER_URI_USB || uri->kind == POS_PRINTER_URI_TCP;
}

/* Refuses to print to a printer that says it cannot.  Many network
 * printers and print servers never answer DLE EOT: silence is not a
 * reason to keep the customer's receipt back. */
static gboolean
check_printer_ready (PosTransport *transport, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  PosPrinterState state = { 0 };

  if (!can_ask_status (transport))
    return TRUE;
  if (!pos_printer_status_query (transport, POS_PRINT_STATUS_TIMEOUT_MS, POS_DRAWER_OPEN_WHEN_LOW, &state,
                                 &local_error))
    {
      if (g_error_matches (local_error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_TIMEOUT)
          || g_error_matches (local_error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED)
          || g_error_matches (local_error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_INVALID))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return pos_printer_state_check_ready (&state, error);
}

/* Sends @bytes to the printer at @uri_text: open, ask, write, close. */
static gboolean
send_to_printer (const char *uri_text, GBytes *bytes, gboolean ask_status, GError **error)
{
  g_autoptr (PosTransport) transport = pos_transport_open (uri_text, error);

  if (transport == NULL)
    return FALSE;
  if (ask_status && !check_printer_ready (transport, error))
    return FALSE;
  if (!pos_transport_write (transport, bytes, POS_PRINT_TIMEOUT_MS, error))
    return FALSE;
  return pos_transport_close (transport, error);
}

gboolean
pos_print_document (PosStore *store, PosReceipt *document, const char *printer_uri, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *uri = NULL;
  const PosPrinterProfile *profile;

  g_return_val_if_fail (store != NULL && document != NULL, FALSE);

  if (!(profile = pos_printing_profile (store, error))
      || !(uri = pos_printing_printer_uri (store, printer_uri, error))
      || !(bytes = pos_escpos_encode (document, profile, error)))
    return FALSE;
  return send_to_printer (uri, bytes, TRUE, error);
}

gboolean
pos_print_receipt (PosStore *store, const char *receipt_no, const char *printer_uri, gboolean copy,
                   GError **error)
{
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *uri = NULL;
  const PosPrinterProfile *profile;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (receipt_no != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(receipt = pos_receipt_build_full (store, receipt_no, copy, error))
      || !(profile = pos_printing_profile (store, error))
      || !(uri = pos_printing_printer_uri (store, printer_uri, error))
      || !(bytes = pos_escpos_encode (receipt, profile, error)))
    return FALSE;
  return send_to_printer (uri, bytes, TRUE, error);
}

typedef enum
{
  JOB_RECEIPT,
  JOB_DRAWER,
  JOB_TEST_PAGE,
} PrintJobKind;

typedef struct
{
  PrintJobKind kind;
  char *store_path;
  char *receipt_no;
  char *printer_uri;
  PosUser *user; /* drawer: who opens it */
  char *reason;
  gboolean copy;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->store_path);
  g_free (job->receipt_no);
  g_free (job->printer_uri);
  g_clear_pointer (&job->user, pos_user_free);
  g_free (job->reason);
  g_free (job);
}

static gboolean
print_job_run (PrintJob *job, PosStore *store, GError **error)
{
  switch (job->kind)
    {
      case JOB_RECEIPT:
        return pos_print_receipt (store, job->receipt_no, job->printer_uri, job->copy, error);
      case JOB_DRAWER:
        return pos_drawer_open (store, job->user, NULL, job->reason, job->receipt_no, job->printer_uri,
                                error);
      case JOB_TEST_PAGE:
        return pos_print_test_page (store, job->printer_uri, error);
    }
  g_assert_not_reached ();
}

/* Runs in a worker thread: its own connection, so the till's stays free. */
static void
print_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PrintJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PosStore) store = pos_store_open (job->store_path, POS_STORE_OPEN_NO_CHECK, &error);

  if (store == NULL || g_task_return_error_if_cancelled (task))
    {
      if (store == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!print_job_run (job, store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Takes @job and runs it in a worker thread. */
static void
print_job_start (PrintJob *job, PosStore *store, gpointer source_tag, GCancellable *cancellable,
                 GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  job->store_path = g_strdup (pos_store_path (store));
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)print_job_free);
  pos_i18n_run_in_thread (task, print_thread);
}

void
pos_print_receipt_async (PosStore *store, const char *receipt_no, const char *printer_uri, gboolean copy,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  PrintJob *job;

  g_return_if_fail (store != NULL);
  g_return_if_fail (receipt_no != NULL);

  job = g_new0 (PrintJob, 1);
  job->kind = JOB_RECEIPT;
  job->receipt_no = g_strdup (receipt_no);
  job->printer_uri = g_strdup (printer_uri);
  job->copy = copy;
  print_job_start (job, store, pos_print_receipt_async, cancellable, callback, user_data);
}

gboolean
pos_print_receipt_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_print_receipt_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pos_drawer_open_async (PosStore *store, const PosUser *user, const char *reason, const char *receipt_no,
                       const char *printer_uri, GCancellable *cancellable, GAsyncReadyCallback callback,
                       gpointer user_data)
{
  PrintJob *job;

  g_return_if_fail (store != NULL);

  job = g_new0 (PrintJob, 1);
  job->kind = JOB_DRAWER;
  job->user = user != NULL ? pos_user_copy (user) : NULL;
  job->reason = g_strdup (reason);
  job->receipt_no = g_strdup (receipt_no);
  job->printer_uri = g_strdup (printer_uri);
  print_job_start (job, store, pos_drawer_open_async, cancellable, callback, user_data);
}

gboolean
pos_drawer_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_drawer_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A short page naming the shop, the printer and the time, to check the
 * printer, the cable and the code page (€ and accents) before a sale. */
PosReceipt *
pos_print_test_page_build (PosStore *store, const char *printer_label)
{
  g_autofree char *shop = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  PosReceipt *receipt;

  g_return_val_if_fail (store != NULL && printer_label != NULL, NULL);

  shop = pos_store_dup_setting (store, "shop_name");
  receipt = pos_receipt_new ();
  pos_receipt_add_text (receipt, POS_TEXT_BOLD | POS_TEXT_DOUBLE_HEIGHT, POS_ALIGN_CENTER, "Test print");
  pos_receipt_add_text (receipt, POS_TEXT_NORMAL, POS_ALIGN_CENTER, shop ? shop : "Mainstreet");
  pos_receipt_add_rule (receipt, '-');
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Printer", printer_label);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Time", when);
  pos_receipt_add_columns (receipt, POS_TEXT_NORMAL, "Characters", "€ £ é ü ñ");
  pos_receipt_add_feed (receipt, 3);
  pos_receipt_add_cut (receipt, POS_CUT_PARTIAL);
  return receipt;
}

gboolean
pos_print_test_page (PosStore *store, const char *printer_uri, GError **error)
{
  g_autofree char *uri = NULL;
  const PosPrinterProfile *profile;
  g_autoptr (PosReceipt) receipt = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if ((uri = pos_printing_printer_uri (store, printer_uri, error)) == NULL
      || (profile = pos_printing_profile (store, error)) == NULL)
    return FALSE;
  receipt = pos_print_test_page_build (store, uri);
  if ((bytes = pos_escpos_encode (receipt, profile, error)) == NULL)
    return FALSE;
  return send_to_printer (uri, bytes, FALSE, error);
}

void
pos_print_test_page_async (PosStore *store, const char *printer_uri, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  PrintJob *job;

  g_return_if_fail (store != NULL);

  job = g_new0 (PrintJob, 1);
  job->kind = JOB_TEST_PAGE;
  job->printer_uri = g_strdup (printer_uri);
  print_job_start (job, store, pos_print_test_page_async, cancellable, callback, user_data);
}

gboolean
pos_print_test_page_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pos_print_test_page_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The sale's id, checking it exists; 0 for a no-sale. */
static gboolean
drawer_sale_id (PosStore *store, const char *receipt_no, gint64 *sale_id, GError **error)
{
  static const char sql[] = "SELECT id FROM sale WHERE receipt_no = ?1";
  g_autoptr (PosStmt) stmt = NULL;
  int rc;

  *sale_id = 0;
  if (receipt_no == NULL)
    return TRUE;
  if (!(stmt = pos_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt_no, -1, SQLITE_TRANSIENT);
  if ((rc = pos_store_step_row (store, stmt, error)) < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return g_set_error (error, POS_ERROR, POS_ERROR_NOT_FOUND, _ ("There is no receipt %s"), receipt_no),
           FALSE;
  *sale_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Who may open the drawer: anyone who sells, for their sale; a supervisor,
 * or a cashier with a supervisor's approval, for a no-sale. */
static gboolean
drawer_allowed (const PosUser *user, const PosUser *approver, const char *reason, const char *receipt_no,
                GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  if (*trimmed == '\0')
    return g_set_error_literal (error, POS_ERROR, POS_ERROR_INVALID,
                                _ ("Say why the drawer is opened (a reason)")),
           FALSE;
  return pos_permission_check (user, receipt_no ? POS_ACTION_SELL : POS_ACTION_NO_SALE,
                               receipt_no ? NULL : approver, error);
}

/* The audit row and the journal event of one drawer opening. */
static gboolean
record_drawer_open (PosStore *store, const PosUser *user, const PosUser *approver, const char *reason,
                    const char *receipt_no, gint64 sale_id, GError **error)
{
  g_autoptr (JsonObject) o = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *detail = NULL;

  json_object_set_string_member (o, "reason", reason);
  json_object_set_boolean_member (o, "no_sale", receipt_no == NULL);
  if (receipt_no != NULL)
    json_object_set_string_member (o, "receipt_no", receipt_no);
  json_object_set_string_member (o, "user", user->name);
  if (approver != NULL && receipt_no == NULL)
    json_object_set_string_member (o, "approver", approver->name);
  json_node_set_object (node, o);
  if (!(detail = pos_json_canonical (node, error)))
    return FALSE;
  return pos_audit_record_event (store, user, receipt_no ? NULL : approver, "drawer_open", sale_id,
                                 "drawer.open", NULL, o, detail, error);
}

/* The kick for @profile's drawer port, refusing a printer without one. */
static GBytes *
drawer_kick (PosStore *store, GError **error)
{
  const PosPrinterProfile *profile = pos_printing_profile (store, error);
  GBytes *kick;

  if (profile == NULL)
    return NULL;
  kick = pos_escpos_drawer_kick (profile, POS_DRAWER_PIN);
  if (kick == NULL)
    g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED,
                 _ ("The printer profile “%s” has no cash drawer port"), profile->id);
  return kick;
}

gboolean
pos_drawer_open (PosStore *store, const PosUser *user, const PosUser *approver, const char *reason,
                 const char *receipt_no, const char *printer_uri, GError **error)
{
  g_autoptr (GBytes) kick = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *why = NULL;
  g_autoptr (PosTransport) transport = NULL;
  gint64 sale_id = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!drawer_allowed (user, approver, reason, receipt_no, error)
      || !drawer_sale_id (store, receipt_no, &sale_id, error) || !(kick = drawer_kick (store, error))
      || !(uri = pos_printing_printer_uri (store, printer_uri, error))
      || !(transport = pos_transport_open (uri, error)))
    return FALSE;

  /* Reach the printer first, so the write lock is held only for the kick. */
  why = g_strstrip (g_strdup (reason));
  if (!pos_store_begin (store, error))
    return FALSE;
  if (!record_drawer_open (store, user, approver, why, receipt_no, sale_id, error)
      || !pos_transport_write (transport, kick, POS_PRINT_TIMEOUT_MS, error))
    {
      pos_store_rollback (store);
      return FALSE;
    }
  if (!pos_store_commit (store, error))
    {
      g_prefix_error (error, _ ("The drawer was opened but its audit record could not be saved: "));
      return FALSE;
    }
  pos_transport_close (transport, NULL);
  return TRUE;
}
