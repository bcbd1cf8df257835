/* pos-clock.h — the one place the core reads the time, so tests can fix it.
 *
 * Times are µs since the Unix epoch (UTC). Stored timestamps are ISO 8601 UTC
 * strings with millisecond precision; the business day is the shop's local
 * calendar date (time zone from the environment, TZ).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The real time in µs, or the time fixed by pos_clock_set_fixed_for_testing(). */
gint64 pos_clock_now_us (void);

/* Makes pos_clock_now_us() return @us until called again; 0 = the real clock. */
void pos_clock_set_fixed_for_testing (gint64 us);

/* "2026-11-28T09:15:02.120Z" (milliseconds, truncated). (transfer full) */
char *pos_clock_iso_utc (gint64 us);

/*
 * The local time zone (a new reference). GLib's g_time_zone_new_local ()
 * looks at /etc/localtime on every call, a readlink and a stat that a scan
 * paid twice over; this reads it again when $TZ changes and at most once a
 * minute otherwise, so a zone changed while the till runs applies within
 * the minute. Thread-safe.
 */
GTimeZone *pos_clock_local_zone (void);

/* @us (microseconds since 1970, UTC) in the local time zone, or NULL when
 * out of range. */
GDateTime *pos_clock_local (gint64 us);

/* The local calendar date of @us, "2026-11-28". (transfer full) */
char *pos_clock_business_day (gint64 us);

/* The local wall-clock time of @us, "09:30", for messages. (transfer full) */
char *pos_clock_local_hhmm (gint64 us);

/* Parses an ISO 8601 timestamp with a zone ("…Z" or "+01:00") into µs.
 * Returns FALSE, leaving @out_us alone, when @text is not one. */
gboolean pos_clock_parse_iso (const char *text, gint64 *out_us);

G_END_DECLS
