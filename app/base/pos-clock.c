/* pos-clock.c — reading the time through one door, so tests can fix it. */
#include "pos-clock.h"

/* 0 = the real clock. Set only by tests, before any worker thread runs. */
static gint64 fixed_us;

gint64
pos_clock_now_us (void)
{
  return fixed_us != 0 ? fixed_us : g_get_real_time ();
}

void
pos_clock_set_fixed_for_testing (gint64 us)
{
  fixed_us = us;
}

/* A GDateTime for @us in UTC; seconds are floored so times before 1970 keep
 * a non-negative sub-second part. */
static GDateTime *
utc_from_us (gint64 us)
{
  gint64 seconds = us / G_USEC_PER_SEC;
  gint64 rest = us % G_USEC_PER_SEC;
  g_autoptr (GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds -= 1;
      rest += G_USEC_PER_SEC;
    }
  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, rest);
}

char *
pos_clock_iso_utc (gint64 us)
{
  g_autoptr (GDateTime) utc = utc_from_us (us);
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (utc != NULL, NULL);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/* How long a read of the local time zone is used before it is read again. */
#define LOCAL_ZONE_KEPT_US (60 * G_USEC_PER_SEC)

GTimeZone *
pos_clock_local_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static char *zone_tz; /* $TZ when it was read */
  static gint64 zone_read_at;
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *kept;

  g_mutex_lock (&lock);
  if (zone == NULL || now - zone_read_at >= LOCAL_ZONE_KEPT_US || g_strcmp0 (tz, zone_tz) != 0)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      g_free (zone_tz);
      zone_tz = g_strdup (tz);
      zone_read_at = now;
    }
  kept = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return kept;
}

GDateTime *
pos_clock_local (gint64 us)
{
  g_autoptr (GDateTime) utc = utc_from_us (us);
  g_autoptr (GTimeZone) zone = pos_clock_local_zone ();

  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

/* Formats @us in the local time zone with @format. */
static char *
format_local (gint64 us, const char *format)
{
  g_autoptr (GDateTime) local = pos_clock_local (us);

  g_return_val_if_fail (local != NULL, NULL);
  return g_date_time_format (local, format);
}

char *
pos_clock_business_day (gint64 us)
{
  return format_local (us, "%Y-%m-%d");
}

char *
pos_clock_local_hhmm (gint64 us)
{
  return format_local (us, "%H:%M");
}

gboolean
pos_clock_parse_iso (const char *text, gint64 *out_us)
{
  g_autoptr (GDateTime) parsed = NULL;

  g_return_val_if_fail (out_us != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return FALSE;
  *out_us = g_date_time_to_unix (parsed) * G_USEC_PER_SEC + g_date_time_get_microsecond (parsed);
  return TRUE;
}
