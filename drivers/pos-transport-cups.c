/* pos-transport-cups.c — cups:QUEUE, a raw job through the local CUPS.
 *
 * Each write is one raw job (no filters touch the ESC/POS bytes). The call
 * then watches the job until CUPS says it printed; if it has not printed when
 * the timeout runs out (printer off, out of paper) the job is cancelled, so
 * the receipt does not come out later by surprise, and the printer's own
 * message ("Unable to connect…") is handed back. CUPS_SERVER is honoured.
 */
#include "pos-transport-private.h"

#include "pos-device-error.h"

#include <cups/cups.h>
#include <string.h>

#define POLL_INTERVAL_US (50 * 1000)

struct _PosTransportCups
{
  PosTransport parent_instance;
  http_t *http;
  char *queue;
};

G_DEFINE_FINAL_TYPE (PosTransportCups, pos_transport_cups, POS_TYPE_TRANSPORT)

static void
set_cups_error (GError **error, PosDeviceErrorCode code, const char *queue, const char *what)
{
  g_set_error (error, POS_DEVICE_ERROR, code, "Printer queue %s: %s: %s", queue, what,
               cupsLastErrorString ());
}

/* Asks CUPS for one job's state and the printer's latest message. */
static ipp_jstate_t
get_job_state (PosTransportCups *self, int job_id, char **message)
{
  static const char *const wanted[] = { "job-state", "job-printer-state-message" };
  ipp_t *request = ippNewRequest (IPP_OP_GET_JOB_ATTRIBUTES);
  ipp_t *response = NULL;
  ipp_attribute_t *attr = NULL;
  ipp_jstate_t state = (ipp_jstate_t)0;
  char uri[HTTP_MAX_URI];

  httpAssembleURIf (HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", 0, "/jobs/%d", job_id);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
  ippAddString (request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser ());
  ippAddStrings (request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", G_N_ELEMENTS (wanted),
                 NULL, wanted);
  response = cupsDoRequest (self->http, request, "/");
  if ((attr = ippFindAttribute (response, "job-state", IPP_TAG_ENUM)) != NULL)
    state = (ipp_jstate_t)ippGetInteger (attr, 0);
  if ((attr = ippFindAttribute (response, "job-printer-state-message", IPP_TAG_TEXT)) != NULL)
    {
      g_free (*message);
      *message = g_strdup (ippGetString (attr, 0, NULL));
    }
  ippDelete (response);
  return state;
}

/* Explains a job that did not print, with the printer's message if any. */
static void
set_job_error (GError **error, PosDeviceErrorCode code, const char *queue, const char *what,
               const char *message)
{
  if (message && *message)
    g_set_error (error, POS_DEVICE_ERROR, code, "Printer queue %s: %s (printer says: %s)", queue, what,
                 message);
  else
    g_set_error (error, POS_DEVICE_ERROR, code, "Printer queue %s: %s", queue, what);
}

/* Watches @job_id until it completes, fails, or @timeout_ms passes. */
static gboolean
wait_for_job (PosTransportCups *self, int job_id, guint timeout_ms, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  g_autofree char *message = NULL;

  for (;;)
    {
      ipp_jstate_t state = get_job_state (self, job_id, &message);

      if (state == IPP_JSTATE_COMPLETED)
        return TRUE;
      if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED)
        {
          set_job_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue, "the receipt was not printed",
                         message);
          return FALSE;
        }
      if (state == 0 && cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE)
        {
          set_cups_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue, "lost track of the print job");
          return FALSE;
        }
      if (pos_transport_remaining_us (deadline) == 0)
        break;
      g_usleep (MIN (POLL_INTERVAL_US, pos_transport_remaining_us (deadline)));
    }
  cupsCancelJob2 (self->http, self->queue, job_id, 0);
  set_job_error (error, POS_DEVICE_ERROR_TIMEOUT, self->queue,
                 "the printer did not print the receipt in time; the job was cancelled", message);
  return FALSE;
}

/* Creates a raw job and sends @data as its only document. */
static int
submit_job (PosTransportCups *self, GBytes *data, GError **error)
{
  gsize size = 0;
  const char *bytes = g_bytes_get_data (data, &size);
  int job_id = cupsCreateJob (self->http, self->queue, "Receipt", 0, NULL);

  if (job_id == 0)
    {
      set_cups_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue, "could not create a print job");
      return 0;
    }
  if (cupsStartDocument (self->http, self->queue, job_id, "receipt", CUPS_FORMAT_RAW, 1)
          != HTTP_STATUS_CONTINUE
      || cupsWriteRequestData (self->http, bytes, size) != HTTP_STATUS_CONTINUE)
    {
      set_cups_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue, "could not send the receipt");
      cupsFinishDocument (self->http, self->queue);
      cupsCancelJob2 (self->http, self->queue, job_id, 0);
      return 0;
    }
  if (cupsFinishDocument (self->http, self->queue) > IPP_STATUS_OK_EVENTS_COMPLETE)
    {
      set_cups_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue, "could not finish the print job");
      return 0;
    }
  return job_id;
}

static gboolean
pos_transport_cups_write (PosTransport *transport, GBytes *data, guint timeout_ms, GError **error)
{
  PosTransportCups *self = POS_TRANSPORT_CUPS (transport);
  int job_id = submit_job (self, data, error);

  if (job_id == 0)
    return FALSE;
  return wait_for_job (self, job_id, timeout_ms, error);
}

static gboolean
pos_transport_cups_close (PosTransport *transport, GError **error)
{
  PosTransportCups *self = POS_TRANSPORT_CUPS (transport);

  g_clear_pointer (&self->http, httpClose);
  return TRUE;
}

static void
pos_transport_cups_finalize (GObject *object)
{
  PosTransportCups *self = POS_TRANSPORT_CUPS (object);

  g_clear_pointer (&self->http, httpClose);
  g_free (self->queue);
  G_OBJECT_CLASS (pos_transport_cups_parent_class)->finalize (object);
}

static void
pos_transport_cups_class_init (PosTransportCupsClass *klass)
{
  PosTransportClass *transport_class = POS_TRANSPORT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pos_transport_cups_finalize;
  transport_class->write = pos_transport_cups_write;
  transport_class->close = pos_transport_cups_close;
}

static void
pos_transport_cups_init (PosTransportCups *self)
{
}

/* Checks the queue exists and accepts jobs, so a wrong name fails at open. */
static gboolean
check_queue (PosTransportCups *self, GError **error)
{
  cups_dest_t *dest = cupsGetNamedDest (self->http, self->queue, NULL);
  const char *state = NULL;
  const char *accepting = NULL;
  const char *message = NULL;
  gboolean ok = TRUE;

  if (dest == NULL)
    {
      if (cupsLastError () > IPP_STATUS_OK_EVENTS_COMPLETE && cupsLastError () != IPP_STATUS_ERROR_NOT_FOUND)
        set_cups_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue, "could not ask CUPS about it");
      else
        g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_NOT_FOUND,
                     "There is no printer queue named %s", self->queue);
      return FALSE;
    }
  state = cupsGetOption ("printer-state", dest->num_options, dest->options);
  accepting = cupsGetOption ("printer-is-accepting-jobs", dest->num_options, dest->options);
  message = cupsGetOption ("printer-state-message", dest->num_options, dest->options);
  if ((state && atoi (state) == IPP_PSTATE_STOPPED) || (accepting && g_str_equal (accepting, "false")))
    {
      set_job_error (error, POS_DEVICE_ERROR_OFFLINE, self->queue,
                     "the queue is paused or not accepting jobs", message);
      ok = FALSE;
    }
  cupsFreeDests (1, dest);
  return ok;
}

PosTransport *
pos_transport_cups_open (const PosPrinterUri *uri, guint timeout_ms, GError **error)
{
  g_autoptr (PosTransportCups) self = g_object_new (POS_TYPE_TRANSPORT_CUPS, NULL);
  int cancel = 0;

  g_assert (uri->kind == POS_PRINTER_URI_CUPS);

  self->queue = g_strdup (uri->queue);
  self->http = httpConnect2 (cupsServer (), ippPort (), NULL, AF_UNSPEC, cupsEncryption (), 1,
                             (int)timeout_ms, &cancel);
  if (self->http == NULL)
    {
      g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE,
                   "Could not reach the print service (CUPS) at %s:%d for queue %s: is it running?",
                   cupsServer (), ippPort (), uri->queue);
      return NULL;
    }
  httpSetTimeout (self->http, MAX (timeout_ms, 1000) / 1000.0, NULL, NULL);
  if (!check_queue (self, error))
    return NULL;
  return POS_TRANSPORT (g_steal_pointer (&self));
}
