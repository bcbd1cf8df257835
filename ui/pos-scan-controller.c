/* pos-scan-controller.c — barcode scans from keyboard-wedge scanners. */
#include "pos-scan-controller.h"

#include "pos-scan-detector.h"

/* How long held keys wait for the next key before they are given back.
 * Longer than the detector's largest gap within a scan so that a busy main loop does not split
 * a scan; short enough that typing does not feel late. */
#define FLUSH_DELAY_MS 150

struct _PosScanController
{
  GObject parent_instance;

  PosScanDetector *detector;
  GString *held;           /* printable keys held back, UTF-8 */
  guint32 last_ms;         /* time of the last held key */
  guint flush_source;      /* gives back held keys when no key follows */
  GtkWidget *widget;       /* (unowned) the widget watched */
  GWeakRef held_focus;     /* where the held keys were typed; empty when gone */
  gboolean held_had_focus; /* whether a widget had the focus then */
};

G_DEFINE_FINAL_TYPE (PosScanController, pos_scan_controller, G_TYPE_OBJECT)

enum
{
  SIGNAL_SCANNED,
  SIGNAL_TYPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pos_scan_controller_finalize (GObject *object)
{
  PosScanController *self = POS_SCAN_CONTROLLER (object);

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_string_free (self->held, TRUE);
  g_weak_ref_clear (&self->held_focus);
  pos_scan_detector_free (self->detector);
  G_OBJECT_CLASS (pos_scan_controller_parent_class)->finalize (object);
}

/* Default "typed" handler: inserts the text into the field it was typed
 * in, as if the keys had never been held. Text typed with no editable focus
 * is dropped, which is also what the keys would have done. */
static gboolean
pos_scan_controller_real_typed (PosScanController *self, const char *text, GtkWidget *focus)
{
  GtkEditable *editable;
  int start, end, position;

  if (focus == NULL || !GTK_IS_EDITABLE (focus) || !gtk_editable_get_editable (GTK_EDITABLE (focus)))
    return FALSE;
  editable = GTK_EDITABLE (focus);
  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    gtk_editable_delete_text (editable, start, end);
  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
  return TRUE;
}

static void
pos_scan_controller_class_init (PosScanControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pos_scan_controller_finalize;

  /* A complete scan, without its Enter. */
  signals[SIGNAL_SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Held keys given back: a person was typing. The widget is the one that
   * had the focus when the keys were typed (NULL when none had). Handlers
   * return TRUE when they took the text; the default one inserts it into
   * that widget when it is an editable. */
  signals[SIGNAL_TYPED] = g_signal_new_class_handler (
      "typed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, G_CALLBACK (pos_scan_controller_real_typed),
      g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 2, G_TYPE_STRING, GTK_TYPE_WIDGET);
}

static void
pos_scan_controller_init (PosScanController *self)
{
  self->held = g_string_new (NULL);
  g_weak_ref_init (&self->held_focus, NULL);
  self->detector = pos_scan_detector_new ();
}

PosScanController *
pos_scan_controller_new (void)
{
  return g_object_new (POS_TYPE_SCAN_CONTROLLER, NULL);
}

/* The widget with the keyboard focus in the watched widget's window now. */
static GtkWidget *
current_focus (PosScanController *self)
{
  GtkRoot *root = self->widget != NULL ? gtk_widget_get_root (self->widget) : NULL;

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* Whether @focus can still take text typed into it: alive, still in the
 * window and shown. A field that was closed meanwhile cannot. */
static gboolean
still_there (PosScanController *self, GtkWidget *focus)
{
  return focus != NULL && self->widget != NULL
         && gtk_widget_get_root (focus) == gtk_widget_get_root (self->widget)
         && gtk_widget_get_mapped (focus);
}

void
pos_scan_controller_flush (PosScanController *self)
{
  g_autofree char *text = NULL;
  g_autoptr (GtkWidget) focus = NULL;
  gboolean handled = FALSE;

  g_return_if_fail (POS_IS_SCAN_CONTROLLER (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (self->held->len == 0)
    return;
  text = g_strndup (self->held->str, self->held->len);
  g_string_truncate (self->held, 0);
  focus = g_weak_ref_get (&self->held_focus);
  g_weak_ref_set (&self->held_focus, NULL);
  /* Keys typed into a field that is gone now are dropped: they never go to
   * a field focused later. */
  if (self->held_had_focus && !still_there (self, focus))
    return;
  g_signal_emit (self, signals[SIGNAL_TYPED], 0, text, focus, &handled);
}

static gboolean
on_flush_timeout_cb (gpointer user_data)
{
  PosScanController *self = user_data;

  self->flush_source = 0;
  pos_scan_controller_flush (self);
  return G_SOURCE_REMOVE;
}

/* GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR. */
static gboolean
is_gs1_symbology (const char *symbology)
{
  static const char *const gs1[] = { "]C1", "]e0", "]d2", "]Q3", "]J1" };

  for (guint i = 0; symbology != NULL && i < G_N_ELEMENTS (gs1); i++)
    if (g_str_equal (symbology, gs1[i]))
      return TRUE;
  return FALSE;
}

/* A terminator (Enter, Tab): the detector decides whether it ends a scan. */
static gboolean
finish_burst (PosScanController *self, gunichar terminator, guint32 time_ms)
{
  g_autofree char *code = NULL;
  g_autofree char *symbology = NULL;

  if (pos_scan_detector_feed (self->detector, terminator, (gint64)time_ms * 1000, &code, &symbology)
      != POS_SCAN_CODE)
    {
      pos_scan_controller_flush (self);
      return FALSE;
    }
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_string_truncate (self->held, 0);
  if (is_gs1_symbology (symbology))
    {
      /* Its identifier is what says the text is GS1 element strings (a
       * batch, an expiry) rather than a plain code: it stays. */
      g_autofree char *element_strings = g_strconcat (symbology, code, NULL);
      g_signal_emit (self, signals[SIGNAL_SCANNED], 0, element_strings);
    }
  else
    g_signal_emit (self, signals[SIGNAL_SCANNED], 0, code);
  return TRUE;
}

/* Any other key: what was held came first, and no scan spans it. */
static gboolean
pass_key (PosScanController *self)
{
  pos_scan_controller_flush (self);
  pos_scan_detector_reset (self->detector);
  return FALSE;
}

/* Whether the held keys were typed with @focus focused. */
static gboolean
held_in (PosScanController *self, GtkWidget *focus)
{
  g_autoptr (GtkWidget) held_focus = g_weak_ref_get (&self->held_focus);

  return held_focus == focus && (focus != NULL || !self->held_had_focus);
}

/* Shift, Caps Lock, AltGr and the like: a scanner presses Shift for every
 * capital letter of a code, so these keys neither end nor split a burst. */
static gboolean
is_modifier (guint keyval)
{
  return (keyval >= GDK_KEY_Shift_L && keyval <= GDK_KEY_Hyper_R)
         || (keyval >= GDK_KEY_ISO_Lock && keyval <= GDK_KEY_ISO_Level5_Lock) || keyval == GDK_KEY_Mode_switch
         || keyval == GDK_KEY_Num_Lock;
}

gboolean
pos_scan_controller_feed (PosScanController *self, guint keyval, GdkModifierType state, guint32 time_ms)
{
  GtkWidget *focus;
  gunichar ch;

  g_return_val_if_fail (POS_IS_SCAN_CONTROLLER (self), FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return pass_key (self);
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    return finish_burst (self, '\r', time_ms);
  if (keyval == GDK_KEY_Tab)
    return finish_burst (self, '\t', time_ms);
  if (is_modifier (keyval))
    return FALSE;
  ch = gdk_keyval_to_unicode (keyval);
  if (ch < 0x20 || ch == 0x7f)
    return pass_key (self);
  if (self->held->len > 0 && (gint64)(time_ms - self->last_ms) * 1000 > POS_SCAN_DETECTOR_DEFAULT_MAX_GAP_US)
    pos_scan_controller_flush (self);
  focus = current_focus (self);
  /* Held keys belong to the field they were typed in: after a click moved
   * the focus, they go back there before the new key is held. */
  if (self->held->len > 0 && !held_in (self, focus))
    pos_scan_controller_flush (self);
  if (self->held->len == 0)
    {
      g_weak_ref_set (&self->held_focus, focus);
      self->held_had_focus = focus != NULL;
    }
  pos_scan_detector_feed (self->detector, ch, (gint64)time_ms * 1000, NULL, NULL);
  g_string_append_unichar (self->held, ch);
  self->last_ms = time_ms;
  g_clear_handle_id (&self->flush_source, g_source_remove);
  self->flush_source = g_timeout_add (FLUSH_DELAY_MS, on_flush_timeout_cb, self);
  return TRUE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                   gpointer user_data)
{
  PosScanController *self = user_data;
  guint32 time_ms = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller));

  return pos_scan_controller_feed (self, keyval, state, time_ms);
}

void
pos_scan_controller_attach (PosScanController *self, GtkWidget *widget)
{
  GtkEventController *controller;

  g_return_if_fail (POS_IS_SCAN_CONTROLLER (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (self->widget == NULL);

  self->widget = widget;
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "pos-scan-controller");
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, controller);
}
