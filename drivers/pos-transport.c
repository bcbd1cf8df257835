/* pos-transport.c — the transport base class and the URI dispatcher. */
#include "pos-transport-private.h"

#include "pos-device-error.h"

typedef struct
{
  PosPrinterUri *uri;
  gboolean closed;
} PosTransportPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PosTransport, pos_transport, G_TYPE_OBJECT)

static void
pos_transport_dispose (GObject *object)
{
  PosTransport *self = POS_TRANSPORT (object);

  /* A transport dropped without close() still releases its device. */
  pos_transport_close (self, NULL);
  G_OBJECT_CLASS (pos_transport_parent_class)->dispose (object);
}

static void
pos_transport_finalize (GObject *object)
{
  PosTransportPrivate *priv = pos_transport_get_instance_private (POS_TRANSPORT (object));

  g_clear_pointer (&priv->uri, pos_printer_uri_free);
  G_OBJECT_CLASS (pos_transport_parent_class)->finalize (object);
}

static void
pos_transport_class_init (PosTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pos_transport_dispose;
  object_class->finalize = pos_transport_finalize;
}

static void
pos_transport_init (PosTransport *self)
{
}

PosTransport *
pos_transport_open (const char *uri, GError **error)
{
  g_autoptr (PosPrinterUri) parsed = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = pos_printer_uri_parse (uri, error);
  if (parsed == NULL)
    return NULL;
  return pos_transport_open_full (parsed, POS_TRANSPORT_DEFAULT_OPEN_TIMEOUT_MS, error);
}

PosTransport *
pos_transport_open_full (const PosPrinterUri *uri, guint timeout_ms, GError **error)
{
  PosTransport *transport = NULL;
  PosTransportPrivate *priv = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (uri->kind)
    {
      case POS_PRINTER_URI_CUPS:
        transport = pos_transport_cups_open (uri, timeout_ms, error);
        break;
      case POS_PRINTER_URI_USB:
        transport = pos_transport_usb_open (uri, timeout_ms, error);
        break;
      case POS_PRINTER_URI_TCP:
        transport = pos_transport_tcp_open (uri, timeout_ms, error);
        break;
      case POS_PRINTER_URI_FILE:
        transport = pos_transport_file_open (uri, timeout_ms, error);
        break;
      default:
        g_assert_not_reached ();
    }
  if (transport == NULL)
    return NULL;
  priv = pos_transport_get_instance_private (transport);
  priv->uri = pos_printer_uri_copy (uri);
  return transport;
}

/* The closed check shared by write and read. */
static gboolean
check_open (PosTransport *self, GError **error)
{
  PosTransportPrivate *priv = pos_transport_get_instance_private (self);

  if (!priv->closed)
    return TRUE;
  g_set_error_literal (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_FAILED, "The printer connection is closed");
  return FALSE;
}

gboolean
pos_transport_write (PosTransport *self, GBytes *data, guint timeout_ms, GError **error)
{
  g_return_val_if_fail (POS_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (g_bytes_get_size (data) == 0)
    return TRUE;
  return POS_TRANSPORT_GET_CLASS (self)->write (self, data, timeout_ms, error);
}

gboolean
pos_transport_can_read (PosTransport *self)
{
  g_return_val_if_fail (POS_IS_TRANSPORT (self), FALSE);

  return POS_TRANSPORT_GET_CLASS (self)->read != NULL;
}

gssize
pos_transport_read (PosTransport *self, guint8 *buffer, gsize size, guint timeout_ms, GError **error)
{
  PosTransportClass *klass = NULL;

  g_return_val_if_fail (POS_IS_TRANSPORT (self), -1);
  g_return_val_if_fail (buffer != NULL && size > 0, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  klass = POS_TRANSPORT_GET_CLASS (self);
  if (klass->read == NULL)
    {
      g_set_error_literal (error, POS_DEVICE_ERROR, POS_DEVICE_ERROR_UNSUPPORTED,
                           "This printer connection cannot read the printer's status");
      return -1;
    }
  if (!check_open (self, error))
    return -1;
  return klass->read (self, buffer, size, timeout_ms, error);
}

gboolean
pos_transport_close (PosTransport *self, GError **error)
{
  PosTransportPrivate *priv = NULL;

  g_return_val_if_fail (POS_IS_TRANSPORT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = pos_transport_get_instance_private (self);
  if (priv->closed)
    return TRUE;
  priv->closed = TRUE;
  return POS_TRANSPORT_GET_CLASS (self)->close (self, error);
}

const PosPrinterUri *
pos_transport_get_uri (PosTransport *self)
{
  PosTransportPrivate *priv = NULL;

  g_return_val_if_fail (POS_IS_TRANSPORT (self), NULL);

  priv = pos_transport_get_instance_private (self);
  return priv->uri;
}

gint64
pos_transport_remaining_us (gint64 deadline)
{
  gint64 left = deadline - g_get_monotonic_time ();

  return MAX (left, 0);
}
