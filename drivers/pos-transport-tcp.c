/* pos-transport-tcp.c — tcp:HOST[:PORT], a network printer's raw port 9100.
 *
 * The socket is non-blocking and every wait (name lookup, connect, each
 * send, each receive) has a deadline, so a switched-off printer costs the
 * till a clear error after the timeout, not a frozen sale.
 */
#include "pos-transport-private.h"

#include "pos-device-error.h"

#include <gio/gio.h>

struct _PosTransportTcp
{
  PosTransport parent_instance;
  GSocket *socket;
  char *name; /* host:port, for messages */
};

G_DEFINE_FINAL_TYPE (PosTransportTcp, pos_transport_tcp, POS_TYPE_TRANSPORT)

/* Turns a GIO or resolver error into a device error the till can explain. */
static void
set_socket_error (GError **error, const GError *cause, const char *name)
{
  PosDeviceErrorCode code = POS_DEVICE_ERROR_OFFLINE;
  const char *hint = "";

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      code = POS_DEVICE_ERROR_TIMEOUT;
      hint = " (is it switched on and connected to the network?)";
    }
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    hint = " (is it switched on, and is the port right?)";
  else if (cause->domain == G_RESOLVER_ERROR)
    code = POS_DEVICE_ERROR_NOT_FOUND;
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    code = POS_DEVICE_ERROR_PERMISSION;
  g_set_error (error, POS_DEVICE_ERROR, code, "Network printer %s: %s%s", name, cause->message, hint);
}

typedef struct
{
  GList *addresses;
  GError *error;
  gboolean done;
} Lookup;

static void
on_lookup_finished_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &lookup->error);
  lookup->done = TRUE;
}

static gboolean
on_lookup_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Resolves @host in a private main context so the deadline can cut it short.
 * Returns: (transfer full) a list of GInetAddress. */
static GList *
resolve_host (const char *host, gint64 deadline, GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GResolver) resolver = g_resolver_get_default ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GSource) timeout = NULL;
  Lookup lookup = { 0 };

  if (g_hostname_is_ip_address (host))
    return g_list_append (NULL, g_inet_address_new_from_string (host));

  g_main_context_push_thread_default (context);
  timeout = g_timeout_source_new ((guint)(pos_transport_remaining_us (deadline) / 1000));
  g_source_set_callback (timeout, on_lookup_timeout_cb, cancellable, NULL);
  g_source_attach (timeout, context);
  g_resolver_lookup_by_name_async (resolver, host, cancellable, on_lookup_finished_cb, &lookup);
  while (!lookup.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
  if (lookup.error)
    g_propagate_error (error, lookup.error);
  return lookup.addresses;
}

/* Connects a non-blocking socket to @address, waiting until @deadline. */
static GSocket *
connect_address (GInetAddress *address, guint16 port, gint64 deadline, GError **error)
{
  g_autoptr (GSocketAddress) target = g_inet_socket_address_new (address, port);
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) local_error = NULL;

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         error);
  if (socket == NULL)
    return NULL;
  g_socket_set_blocking (socket, FALSE);
  if (g_socket_connect (socket, target, NULL, &local_error))
    return g_steal_pointer (&socket);
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!g_socket_condition_timed_wait (socket, G_IO_OUT, pos_transport_remaining_us (deadline), NULL, error)
      || !g_socket_check_connect_result (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static gboolean
pos_transport_tcp_write (PosTransport *transport, GBytes *data, guint timeout_ms, GError **error)
{
  PosTransportTcp *self = POS_TRANSPORT_TCP (transport);
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  gsize done = 0;

  while (done < size)
    {
      g_autoptr (GError) local_error = NULL;
      gssize n = 0;

      if (g_socket_condition_timed_wait (self->socket, G_IO_OUT, (gint64)timeout_ms * 1000, NULL,
                                         &local_error))
        n = g_socket_send (self->socket, (const char *)bytes + done, size - done, NULL, &local_error);
      if (n < 0 && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        continue;
      if (local_error)
        {
          set_socket_error (error, local_error, self->name);
          return FALSE;
        }
      done += (gsize)n;
    }
  return TRUE;
}

static gssize
pos_transport_tcp_read (PosTransport *transport, guint8 *buffer, gsize size, guint timeout_ms, GError **error)
{
  PosTransportTcp *self = POS_TRANSPORT_TCP (transport);
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      gssize n = -1;

      if (g_socket_condition_timed_wait (self->socket, G_IO_IN, pos_transport_remaining_us (deadline), NULL,
                                         &local_error))
        n = g_socket_receive (self->socket, (char *)buffer, size, NULL, &local_error);
      if (n > 0)
        return n;
      if (n == 0)
        {
          g_set_error (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_OFFLINE,
                       "Network printer %s closed the connection", self->name);
          return -1;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          set_socket_error (error, local_error, self->name);
          return -1;
        }
    }
}

static gboolean
pos_transport_tcp_close (PosTransport *transport, GError **error)
{
  PosTransportTcp *self = POS_TRANSPORT_TCP (transport);
  g_autoptr (GError) local_error = NULL;
  gboolean ok = TRUE;

  if (self->socket)
    ok = g_socket_close (self->socket, &local_error);
  g_clear_object (&self->socket);
  if (!ok)
    set_socket_error (error, local_error, self->name);
  return ok;
}

static void
pos_transport_tcp_finalize (GObject *object)
{
  PosTransportTcp *self = POS_TRANSPORT_TCP (object);

  g_clear_object (&self->socket);
  g_free (self->name);
  G_OBJECT_CLASS (pos_transport_tcp_parent_class)->finalize (object);
}

static void
pos_transport_tcp_class_init (PosTransportTcpClass *klass)
{
  PosTransportClass *transport_class = POS_TRANSPORT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pos_transport_tcp_finalize;
  transport_class->write = pos_transport_tcp_write;
  transport_class->read = pos_transport_tcp_read;
  transport_class->close = pos_transport_tcp_close;
}

static void
pos_transport_tcp_init (PosTransportTcp *self)
{
}

/* Tries each address of the host in turn until one connects or time is up. */
static GSocket *
connect_host (const PosPrinterUri *uri, gint64 deadline, GError **error)
{
  g_autolist (GInetAddress) addresses = NULL;
  g_autoptr (GError) last_error = NULL;

  addresses = resolve_host (uri->host, deadline, &last_error);
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      GSocket *socket = NULL;

      g_clear_error (&last_error);
      socket = connect_address (l->data, uri->port, deadline, &last_error);
      if (socket)
        return socket;
    }
  if (last_error == NULL)
    g_set_error_literal (&last_error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no address found");
  g_propagate_error (error, g_steal_pointer (&last_error));
  return NULL;
}

PosTransport *
pos_transport_tcp_open (const PosPrinterUri *uri, guint timeout_ms, GError **error)
{
  g_autoptr (PosTransportTcp) self = g_object_new (POS_TYPE_TRANSPORT_TCP, NULL);
  g_autoptr (GError) local_error = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  g_assert (uri->kind == POS_PRINTER_URI_TCP);

  self->name = g_strdup_printf ("%s:%u", uri->host, uri->port);
  self->socket = connect_host (uri, deadline, &local_error);
  if (self->socket == NULL)
    {
      set_socket_error (error, local_error, self->name);
      return NULL;
    }
  return POS_TRANSPORT (g_steal_pointer (&self));
}
