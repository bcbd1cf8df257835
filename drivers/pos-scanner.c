/* pos-scanner.c — the scanner base class and its two signals.
 *
 * "scanned" (const char *code, const char *symbology)
 * "disconnected" (GError *error): the device went away or failed; reading
 *   has stopped.
 */
#include "pos-scanner.h"

#include "pos-aim.h"

typedef struct
{
  GMainContext *context;
  gboolean stopped; /* atomic */
} PosScannerPrivate;

enum
{
  SIGNAL_SCANNED,
  SIGNAL_DISCONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_PRIVATE (PosScanner, pos_scanner, G_TYPE_OBJECT)

static void
pos_scanner_dispose (GObject *object)
{
  pos_scanner_stop (POS_SCANNER (object));
  G_OBJECT_CLASS (pos_scanner_parent_class)->dispose (object);
}

static void
pos_scanner_finalize (GObject *object)
{
  PosScannerPrivate *priv = pos_scanner_get_instance_private (POS_SCANNER (object));

  g_main_context_unref (priv->context);
  G_OBJECT_CLASS (pos_scanner_parent_class)->finalize (object);
}

static void
pos_scanner_class_init (PosScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pos_scanner_dispose;
  object_class->finalize = pos_scanner_finalize;

  signals[SIGNAL_SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_DISCONNECTED] = g_signal_new ("disconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pos_scanner_init (PosScanner *self)
{
  PosScannerPrivate *priv = pos_scanner_get_instance_private (self);

  priv->context = g_main_context_ref_thread_default ();
}

PosScanner *
pos_scanner_new (void)
{
  return g_object_new (POS_TYPE_SCANNER, NULL);
}

static gboolean
is_stopped (PosScanner *self)
{
  PosScannerPrivate *priv = pos_scanner_get_instance_private (self);

  return g_atomic_int_get (&priv->stopped);
}

void
pos_scanner_emit_scanned (PosScanner *self, const char *code, const char *symbology)
{
  g_return_if_fail (POS_IS_SCANNER (self));
  g_return_if_fail (code != NULL);

  if (!is_stopped (self))
    g_signal_emit (self, signals[SIGNAL_SCANNED], 0, code, symbology ? symbology : "");
}

void
pos_scanner_emit_text (PosScanner *self, const char *text)
{
  char aim[POS_AIM_ID_LEN + 1];
  const char *code = NULL;

  g_return_if_fail (POS_IS_SCANNER (self));
  g_return_if_fail (text != NULL);

  code = pos_aim_split (text, aim);
  if (*code != '\0')
    pos_scanner_emit_scanned (self, code, aim);
}

typedef struct
{
  PosScanner *scanner;
  char *code;
  char *symbology;
  GError *error; /* set for "disconnected" */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->scanner);
  g_free (pending->code);
  g_free (pending->symbology);
  g_clear_error (&pending->error);
  g_free (pending);
}

static gboolean
on_pending_dispatch_cb (gpointer data)
{
  Pending *pending = data;

  if (is_stopped (pending->scanner))
    return G_SOURCE_REMOVE;
  if (pending->error)
    g_signal_emit (pending->scanner, signals[SIGNAL_DISCONNECTED], 0, pending->error);
  else
    g_signal_emit (pending->scanner, signals[SIGNAL_SCANNED], 0, pending->code, pending->symbology);
  return G_SOURCE_REMOVE;
}

/* Hands @pending to the scanner's own main context. */
static void
queue_pending (PosScanner *self, Pending *pending)
{
  PosScannerPrivate *priv = pos_scanner_get_instance_private (self);
  g_autoptr (GSource) source = g_idle_source_new ();

  pending->scanner = g_object_ref (self);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_pending_dispatch_cb, pending, pending_free);
  g_source_attach (source, priv->context);
}

void
pos_scanner_queue_scanned (PosScanner *self, const char *code, const char *symbology)
{
  Pending *pending = NULL;

  g_return_if_fail (POS_IS_SCANNER (self));
  g_return_if_fail (code != NULL);

  pending = g_new0 (Pending, 1);
  pending->code = g_strdup (code);
  pending->symbology = g_strdup (symbology ? symbology : "");
  queue_pending (self, pending);
}

void
pos_scanner_queue_disconnected (PosScanner *self, const GError *error)
{
  Pending *pending = NULL;

  g_return_if_fail (POS_IS_SCANNER (self));
  g_return_if_fail (error != NULL);

  pending = g_new0 (Pending, 1);
  pending->error = g_error_copy (error);
  queue_pending (self, pending);
}

void
pos_scanner_stop (PosScanner *self)
{
  PosScannerPrivate *priv = NULL;
  PosScannerClass *klass = NULL;

  g_return_if_fail (POS_IS_SCANNER (self));

  priv = pos_scanner_get_instance_private (self);
  if (!g_atomic_int_compare_and_exchange (&priv->stopped, FALSE, TRUE))
    return;
  klass = POS_SCANNER_GET_CLASS (self);
  if (klass->stop)
    klass->stop (self);
}
