/* pos-scan-detector.c — the keyboard-wedge timing heuristic. */
#include "pos-scan-detector.h"

#include "pos-aim.h"

#include <string.h>

struct _PosScanDetector
{
  gint64 max_gap_us;
  guint min_length;
  char *prefix;
  char *suffix;
  GString *burst;    /* characters of the fast run so far */
  guint burst_chars; /* … counted in characters, not bytes */
  gint64 last_us;    /* time of the last character, -1 when none */
};

PosScanDetector *
pos_scan_detector_new (void)
{
  PosScanDetector *self = g_new0 (PosScanDetector, 1);

  self->max_gap_us = POS_SCAN_DETECTOR_DEFAULT_MAX_GAP_US;
  self->min_length = POS_SCAN_DETECTOR_DEFAULT_MIN_LENGTH;
  self->burst = g_string_new (NULL);
  self->last_us = -1;
  return self;
}

void
pos_scan_detector_free (PosScanDetector *self)
{
  if (self == NULL)
    return;
  g_string_free (self->burst, TRUE);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self);
}

void
pos_scan_detector_set_max_gap_us (PosScanDetector *self, gint64 max_gap_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_gap_us > 0);

  self->max_gap_us = max_gap_us;
}

void
pos_scan_detector_set_min_length (PosScanDetector *self, guint min_length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (min_length > 0);

  self->min_length = min_length;
}

void
pos_scan_detector_set_prefix (PosScanDetector *self, const char *prefix)
{
  g_return_if_fail (self != NULL);

  g_free (self->prefix);
  self->prefix = (prefix && *prefix) ? g_strdup (prefix) : NULL;
}

void
pos_scan_detector_set_suffix (PosScanDetector *self, const char *suffix)
{
  g_return_if_fail (self != NULL);

  g_free (self->suffix);
  self->suffix = (suffix && *suffix) ? g_strdup (suffix) : NULL;
}

void
pos_scan_detector_reset (PosScanDetector *self)
{
  g_return_if_fail (self != NULL);

  g_string_truncate (self->burst, 0);
  self->burst_chars = 0;
  self->last_us = -1;
}

guint
pos_scan_detector_get_burst_length (PosScanDetector *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->burst_chars;
}

/* Whether @timestamp_us follows the last key closely enough to be one scan. */
static gboolean
continues_burst (PosScanDetector *self, gint64 timestamp_us)
{
  gint64 gap = timestamp_us - self->last_us;

  return self->last_us >= 0 && gap >= 0 && gap <= self->max_gap_us;
}

/* Removes the configured prefix and suffix from the burst; FALSE if one of
 * them is configured but missing. Returns the inner code in @code. */
static gboolean
strip_framing (PosScanDetector *self, char **code)
{
  const char *start = self->burst->str;
  gsize len = self->burst->len;
  gsize prefix_len = self->prefix ? strlen (self->prefix) : 0;
  gsize suffix_len = self->suffix ? strlen (self->suffix) : 0;

  if (self->prefix && !g_str_has_prefix (start, self->prefix))
    return FALSE;
  if (self->suffix && !g_str_has_suffix (start, self->suffix))
    return FALSE;
  if (prefix_len + suffix_len > len)
    return FALSE;
  *code = g_strndup (start + prefix_len, len - prefix_len - suffix_len);
  return TRUE;
}

/* Decides what a terminator at @timestamp_us means. */
static PosScanVerdict
finish_burst (PosScanDetector *self, gint64 timestamp_us, char **code, char **symbology)
{
  g_autofree char *framed = NULL;
  char aim[POS_AIM_ID_LEN + 1];
  const char *inner = NULL;

  if (!continues_burst (self, timestamp_us) || !strip_framing (self, &framed))
    return POS_SCAN_KEY_PASS;
  inner = pos_aim_split (framed, aim);
  if (g_utf8_strlen (inner, -1) < self->min_length)
    return POS_SCAN_KEY_PASS;
  if (code)
    *code = g_strdup (inner);
  if (symbology)
    *symbology = g_strdup (aim);
  return POS_SCAN_CODE;
}

PosScanVerdict
pos_scan_detector_feed (PosScanDetector *self, gunichar ch, gint64 timestamp_us, char **code,
                        char **symbology)
{
  PosScanVerdict verdict = POS_SCAN_KEY_NOTED;

  g_return_val_if_fail (self != NULL, POS_SCAN_KEY_PASS);

  if (ch == 0)
    return POS_SCAN_KEY_NOTED;
  if (ch == '\r' || ch == '\n' || ch == '\t')
    {
      verdict = finish_burst (self, timestamp_us, code, symbology);
      pos_scan_detector_reset (self);
      return verdict;
    }
  if (!continues_burst (self, timestamp_us))
    {
      g_string_truncate (self->burst, 0);
      self->burst_chars = 0;
    }
  g_string_append_unichar (self->burst, ch);
  self->burst_chars++;
  self->last_us = timestamp_us;
  return POS_SCAN_KEY_NOTED;
}
