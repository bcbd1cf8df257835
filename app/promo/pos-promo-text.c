/* pos-promo-text.c — a promotion's time window as people write it (see pos-promo-text.h). */
#include "pos-promo-text.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pos-error.h"

static const char *const day_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static int
day_index (const char *name)
{
  for (int i = 0; i < 7; i++)
    if (g_ascii_strcasecmp (name, day_names[i]) == 0)
      return i;
  return -1;
}

/* "mon-fri", "sat,sun", "mon,wed-fri" → bit 0 = Monday. */
gboolean
pos_promo_parse_days (const char *text, guint *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  *out = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto (GStrv) range = g_strsplit (g_strstrip (parts[i]), "-", 2);
      int a = day_index (range[0]), b = range[1] != NULL ? day_index (range[1]) : a;

      if (a < 0 || b < a)
        return g_set_error (error, POS_ERROR, POS_ERROR_INVALID,
                            _ ("Days are written mon, tue, … sun, as a list or a range: “%s”"), text),
               FALSE;
      for (int d = a; d <= b; d++)
        *out |= 1u << d;
    }
  return TRUE;
}

static gboolean
parse_minute (const char *text, int *out)
{
  guint h, m;
  char end;

  if (sscanf (text, "%2u:%2u%c", &h, &m, &end) != 2 || h > 24 || m > 59 || (h == 24 && m != 0))
    return FALSE;
  *out = (int)(h * 60 + m);
  return TRUE;
}

/* "17:00-19:00"; a window past midnight ("22:00-02:00") is allowed. */
gboolean
pos_promo_parse_hours (const char *text, int *from, int *to, GError **error)
{
  g_auto (GStrv) range = g_strsplit (text, "-", 2);

  if (range[1] == NULL || !parse_minute (range[0], from) || !parse_minute (range[1], to) || *from == 1440
      || *to == 0)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("Hours are written HH:MM-HH:MM, not “%s”"),
                        text),
           FALSE;
  return TRUE;
}

/* The start (@end FALSE) or the end (@end TRUE: the next midnight) of a
 * local day YYYY-MM-DD. */
gboolean
pos_promo_parse_day (const char *text, gboolean end, gint64 *out, GError **error)
{
  int y, m, d;
  char extra;
  g_autoptr (GDateTime) day = NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3
      || (day = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    return g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a day; write it as YYYY-MM-DD"),
                        text),
           FALSE;
  if (end)
    {
      GDateTime *next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  *out = g_date_time_to_unix (day) * G_USEC_PER_SEC;
  return TRUE;
}

/* Runs of days as ranges: 0b0011111 → "mon-fri", 0b1100000 → "sat-sun". */
char *
pos_promo_format_days (guint weekdays)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if ((weekdays & 0x7f) == 0x7f || weekdays == 0)
    return NULL;
  for (int d = 0; d < 7; d++)
    {
      int last = d;

      if (!(weekdays & (1u << d)))
        continue;
      while (last + 1 < 7 && (weekdays & (1u << (last + 1))))
        last++;
      g_string_append_printf (text, "%s%s", text->len ? "," : "", day_names[d]);
      if (last > d)
        g_string_append_printf (text, "-%s", day_names[last]);
      d = last;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
pos_promo_format_hours (int from, int to)
{
  if (from == 0 && to == 1440)
    return NULL;
  return g_strdup_printf ("%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60, to % 60);
}

char *
pos_promo_format_day (gint64 us, gboolean end)
{
  g_autoptr (GDateTime) t = NULL;

  if (us == 0)
    return NULL;
  t = g_date_time_new_from_unix_local ((us - (end ? 1 : 0)) / G_USEC_PER_SEC);
  return t != NULL ? g_date_time_format (t, "%Y-%m-%d") : NULL;
}
