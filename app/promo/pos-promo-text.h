/* pos-promo-text.h — a promotion's time window as people write it: the
 * days of the week, the hours of the day, the first and last day. Read by
 * the CLI and by the app's promotion dialog alike. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "mon-fri", "sat,sun", "mon,wed-fri" → bit 0 = Monday. */
gboolean pos_promo_parse_days (const char *text, guint *out, GError **error);

/* "17:00-19:00"; a window past midnight ("22:00-02:00") is allowed. */
gboolean pos_promo_parse_hours (const char *text, int *from, int *to, GError **error);

/* The start (@end FALSE) or the end (@end TRUE: the next midnight) of a
 * local day YYYY-MM-DD, in µs since the epoch. */
gboolean pos_promo_parse_day (const char *text, gboolean end, gint64 *out, GError **error);

/* The other way round, so a promotion's window can be shown for editing and
 * read back unchanged: NULL for every day, all day, or no date. */
char *pos_promo_format_days (guint weekdays);
char *pos_promo_format_hours (int from, int to);
/* The local day of @us; with @end, of the moment before it (the last day
 * of a window that ends at the next midnight). */
char *pos_promo_format_day (gint64 us, gboolean end);

G_END_DECLS
