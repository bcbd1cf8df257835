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
