/* pos-scan-detector.h — telling a keyboard-wedge scanner from a person typing.
 *
 * A scanner in keyboard mode "types" the code in a few milliseconds and ends
 * it with Enter (or Tab). People are roughly ten times slower. The detector is
 * fed every key as (character, time) — the UI's capture-phase key controller
 * does that — and says when a terminator ends a scan, with the code, so the
 * UI can swallow that Enter wherever focus is. No GTK here: pure logic.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POS_SCAN_DETECTOR_DEFAULT_MAX_GAP_US (30 * 1000)
#define POS_SCAN_DETECTOR_DEFAULT_MIN_LENGTH 4

typedef enum
{
  POS_SCAN_KEY_NOTED, /* a character, remembered; let the widget have it */
  POS_SCAN_KEY_PASS,  /* a terminator after human typing; let the widget have it */
  POS_SCAN_CODE,      /* a terminator that ends a scan: swallow it, use the code */
} PosScanVerdict;

typedef struct _PosScanDetector PosScanDetector;

PosScanDetector *pos_scan_detector_new (void);
void pos_scan_detector_free (PosScanDetector *self);

/* Longest pause between two keys of one scan (default 30 ms). */
void pos_scan_detector_set_max_gap_us (PosScanDetector *self, gint64 max_gap_us);
/* Fewest characters a code may have, after prefix, suffix and AIM id are
 * removed (default 4). */
void pos_scan_detector_set_min_length (PosScanDetector *self, guint min_length);
/* What the scanner is set to send before / after each code. When set, a
 * burst without it is not a scan. (nullable): none. */
void pos_scan_detector_set_prefix (PosScanDetector *self, const char *prefix);
void pos_scan_detector_set_suffix (PosScanDetector *self, const char *suffix);

/* Feeds one key: @ch is the key's character (gdk_keyval_to_unicode(); 0 for
 * Shift and other keys without one, which are ignored) and @timestamp_us its
 * time in microseconds. On POS_SCAN_CODE, @code gets the code (transfer full)
 * and @symbology the AIM identifier or "" (transfer full). */
PosScanVerdict pos_scan_detector_feed (PosScanDetector *self, gunichar ch, gint64 timestamp_us, char **code,
                                       char **symbology);

/* How many characters of the fast burst in progress the widget has already
 * received (so the UI can take them back out of an entry after a scan). */
guint pos_scan_detector_get_burst_length (PosScanDetector *self);

/* Forgets the burst in progress (focus moved, window hidden). */
void pos_scan_detector_reset (PosScanDetector *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PosScanDetector, pos_scan_detector_free)

G_END_DECLS
