/* test-scan-controller.c — keyboard-wedge scans: a fast burst ending in
 * Enter is a scan and reaches no widget; a person's typing arrives intact,
 * in order, in the focused field. */
#include "pos-test-util.h"

#include <gtk/gtk.h>

#include "pos-scan-controller.h"

typedef struct
{
  GPtrArray *scans;
  GString *typed;
} Recorder;

static void
on_scanned_cb (PosScanController *controller, const char *code, Recorder *recorder)
{
  g_ptr_array_add (recorder->scans, g_strdup (code));
}

static gboolean
on_typed_cb (PosScanController *controller, const char *text, GtkWidget *focus, Recorder *recorder)
{
  g_string_append (recorder->typed, text);
  return TRUE;
}

static PosScanController *
recorded_controller (Recorder *recorder)
{
  PosScanController *controller = pos_scan_controller_new ();

  recorder->scans = g_ptr_array_new_with_free_func (g_free);
  recorder->typed = g_string_new (NULL);
  g_signal_connect (controller, "scanned", G_CALLBACK (on_scanned_cb), recorder);
  g_signal_connect (controller, "typed", G_CALLBACK (on_typed_cb), recorder);
  return controller;
}

static void
recorder_clear (Recorder *recorder)
{
  g_ptr_array_unref (recorder->scans);
  g_string_free (recorder->typed, TRUE);
}

/* Feeds @text one key every @gap_ms from @start; returns the time after. */
static guint32
feed_text (PosScanController *controller, const char *text, guint32 start, guint gap_ms)
{
  guint32 t = start;

  for (const char *p = text; *p; p++, t += gap_ms)
    assert_true (pos_scan_controller_feed (controller, gdk_unicode_to_keyval ((guchar)*p), 0, t));
  return t;
}

static void
test_fast_burst_with_enter_is_one_scan (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_text (c, "4006381333931", 1000, 5);

  /* The Enter is taken too: no "extra Enter" reaches the focused widget. */
  assert_true (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  assert_int_equal (r.scans->len, 1);
  assert_string_equal (g_ptr_array_index (r.scans, 0), "4006381333931");
  assert_string_equal (r.typed->str, "");
  recorder_clear (&r);
}

/* A scanner that sends AIM identifiers: an EAN-13's is dropped (the code
 * is the code), a GS1-128's stays, since it says the text is element
 * strings with a batch and expiry, not a plain code. */
static void
test_a_gs1_symbol_keeps_its_identifier (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_text (c, "]E04006381333931", 1000, 5);

  assert_true (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  t = feed_text (c, "]C10104006381333931172607151042", t + 500, 5);
  assert_true (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  assert_int_equal (r.scans->len, 2);
  assert_string_equal (g_ptr_array_index (r.scans, 0), "4006381333931");
  assert_string_equal (g_ptr_array_index (r.scans, 1), "]C10104006381333931172607151042");
  recorder_clear (&r);
}

static void
test_human_typing_is_given_back_in_order (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_text (c, "milk", 1000, 140);

  pos_scan_controller_flush (c);
  assert_string_equal (r.typed->str, "milk");
  /* A person's Enter goes through to the field (it activates the search). */
  assert_false (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t + 200));
  assert_int_equal (r.scans->len, 0);
  recorder_clear (&r);
}

static void
test_human_enter_after_typing_is_not_a_scan (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_text (c, "4006381333931", 1000, 120);

  /* Enter right after the last key, but the keys came at human speed. */
  assert_false (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  assert_string_equal (r.typed->str, "4006381333931");
  assert_int_equal (r.scans->len, 0);
  recorder_clear (&r);
}

static void
test_short_fast_burst_is_typing (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_text (c, "12", 1000, 5);

  assert_false (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  assert_string_equal (r.typed->str, "12");
  assert_int_equal (r.scans->len, 0);
  recorder_clear (&r);
}

static void
test_shortcut_and_function_keys_pass_after_held_text (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);

  feed_text (c, "ab", 1000, 10);
  assert_false (pos_scan_controller_feed (c, GDK_KEY_F12, 0, 1030));
  assert_string_equal (r.typed->str, "ab");
  assert_false (pos_scan_controller_feed (c, GDK_KEY_p, GDK_CONTROL_MASK, 1040));
  assert_false (pos_scan_controller_feed (c, GDK_KEY_BackSpace, 0, 1050));
  assert_int_equal (r.scans->len, 0);
  recorder_clear (&r);
}

static void
test_typing_then_scan_keeps_both_apart (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_text (c, "te", 1000, 150);

  /* A scan starting 100 ms after the last typed key. */
  t = feed_text (c, "5449000000996", t + 100, 4);
  assert_true (pos_scan_controller_feed (c, GDK_KEY_KP_Enter, 0, t));
  assert_string_equal (r.typed->str, "te");
  assert_int_equal (r.scans->len, 1);
  assert_string_equal (g_ptr_array_index (r.scans, 0), "5449000000996");
  recorder_clear (&r);
}

/* With a real window and entry: held keys land in the focused entry, a scan
 * leaves it untouched. */
static void
test_entry_receives_typing_but_never_a_scan (void **state)
{
  g_autoptr (PosScanController) c = pos_scan_controller_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *entry = gtk_entry_new ();
  guint32 t;

  gtk_window_set_child (GTK_WINDOW (window), entry);
  gtk_window_present (GTK_WINDOW (window));
  pos_scan_controller_attach (c, window);
  gtk_widget_grab_focus (entry);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  t = feed_text (c, "tea", 1000, 150);
  pos_scan_controller_flush (c);
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), "tea");

  t = feed_text (c, "4006381333931", t + 500, 5);
  assert_true (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), "tea");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Feeds @text as a wedge scanner types it: Shift pressed before each
 * capital letter (and released, which sends no key press). */
static guint32
feed_scanner_text (PosScanController *controller, const char *text, guint32 start, guint gap_ms)
{
  guint32 t = start;

  for (const char *p = text; *p; p++, t += gap_ms)
    {
      if (g_ascii_isupper (*p))
        pos_scan_controller_feed (controller, GDK_KEY_Shift_L, 0, t);
      assert_true (pos_scan_controller_feed (controller, gdk_unicode_to_keyval ((guchar)*p),
                                             g_ascii_isupper (*p) ? GDK_SHIFT_MASK : 0, t + 1));
    }
  return t;
}

/* A loyalty card MS100001: the Shift keys belong to the scan, they neither
 * give the M back as typing nor start a new burst. */
static void
test_capital_letters_with_shift_are_one_scan (void **state)
{
  Recorder r;
  g_autoptr (PosScanController) c = recorded_controller (&r);
  guint32 t = feed_scanner_text (c, "MS100001", 1000, 5);

  assert_true (pos_scan_controller_feed (c, GDK_KEY_Return, 0, t));
  assert_int_equal (r.scans->len, 1);
  assert_string_equal (g_ptr_array_index (r.scans, 0), "MS100001");
  assert_string_equal (r.typed->str, "");
  recorder_clear (&r);
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *first;
  GtkWidget *second;
} TwoFields;

static void
show_two_fields (PosScanController *c, TwoFields *w)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  w->window = gtk_window_new ();
  w->first = gtk_entry_new ();
  w->second = gtk_entry_new ();
  gtk_box_append (GTK_BOX (box), w->first);
  gtk_box_append (GTK_BOX (box), w->second);
  gtk_window_set_child (GTK_WINDOW (w->window), box);
  gtk_window_present (GTK_WINDOW (w->window));
  pos_scan_controller_attach (c, w->window);
  gtk_widget_grab_focus (w->first);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static const char *
text_of (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* Keys still held when a click moves the focus go to the field they were
 * typed in, never to the one focused later. */
static void
test_held_keys_land_where_they_were_typed (void **state)
{
  g_autoptr (PosScanController) c = pos_scan_controller_new ();
  TwoFields w;
  guint32 t;

  show_two_fields (c, &w);
  t = feed_text (c, "ab", 1000, 60);
  gtk_widget_grab_focus (w.second); /* the click, within the hold-back time */
  pos_scan_controller_flush (c);
  assert_string_equal (text_of (w.first), "ab");
  assert_string_equal (text_of (w.second), "");

  /* Typing on: "c" belongs to the second field, "d" typed before it to the first. */
  gtk_entry_grab_focus_without_selecting (GTK_ENTRY (w.first));
  t = feed_text (c, "d", t + 500, 60);
  gtk_widget_grab_focus (w.second);
  feed_text (c, "c", t + 20, 60);
  assert_string_equal (text_of (w.first), "abd");
  pos_scan_controller_flush (c);
  assert_string_equal (text_of (w.second), "c");
  gtk_window_destroy (GTK_WINDOW (w.window));
}

/* When the field they were typed in is gone, held keys are dropped. */
static void
test_held_keys_for_a_closed_field_are_dropped (void **state)
{
  g_autoptr (PosScanController) c = pos_scan_controller_new ();
  TwoFields w;

  show_two_fields (c, &w);
  feed_text (c, "xy", 1000, 60);
  gtk_widget_grab_focus (w.second);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (w.first)), w.first);
  pos_scan_controller_flush (c);
  assert_string_equal (text_of (w.second), "");
  gtk_window_destroy (GTK_WINDOW (w.window));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fast_burst_with_enter_is_one_scan),
    cmocka_unit_test (test_a_gs1_symbol_keeps_its_identifier),
    cmocka_unit_test (test_human_typing_is_given_back_in_order),
    cmocka_unit_test (test_human_enter_after_typing_is_not_a_scan),
    cmocka_unit_test (test_short_fast_burst_is_typing),
    cmocka_unit_test (test_shortcut_and_function_keys_pass_after_held_text),
    cmocka_unit_test (test_typing_then_scan_keeps_both_apart),
    cmocka_unit_test (test_entry_receives_typing_but_never_a_scan),
    cmocka_unit_test (test_capital_letters_with_shift_are_one_scan),
    cmocka_unit_test (test_held_keys_land_where_they_were_typed),
    cmocka_unit_test (test_held_keys_for_a_closed_field_are_dropped),
  };

  gtk_init ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
