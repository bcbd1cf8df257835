/* pos-hlc.c — hybrid logical clocks (see pos-hlc.h). */
#include "pos-hlc.h"

#include <glib/gi18n-lib.h>
#include "pos-store-private.h"

#define HLC_STATE_KEY "hlc"

/* A local event: the clock moves to the wall clock if that is ahead, else
 * the counter breaks the tie. */
PosHlc
pos_hlc_send (PosHlc last, gint64 now_ms)
{
  PosHlc next = last;

  if (now_ms > last.wall_ms)
    {
      next.wall_ms = now_ms;
      next.counter = 0;
    }
  else
    next.counter = last.counter + 1;
  return next;
}

/* A remote event: the clock moves past both our last time and the remote's. */
PosHlc
pos_hlc_receive (PosHlc last, PosHlc remote, gint64 now_ms)
{
  PosHlc next;
  gint64 wall = MAX (now_ms, MAX (last.wall_ms, remote.wall_ms));

  next.wall_ms = wall;
  if (wall == last.wall_ms && wall == remote.wall_ms)
    next.counter = MAX (last.counter, remote.counter) + 1;
  else if (wall == last.wall_ms)
    next.counter = last.counter + 1;
  else if (wall == remote.wall_ms)
    next.counter = remote.counter + 1;
  else
    next.counter = 0;
  return next;
}

int
pos_hlc_compare (PosHlc a, PosHlc b)
{
  if (a.wall_ms != b.wall_ms)
    return a.wall_ms < b.wall_ms ? -1 : 1;
  if (a.counter != b.counter)
    return a.counter < b.counter ? -1 : 1;
  return 0;
}

char *
pos_hlc_to_string (PosHlc hlc, const char *till_id)
{
  return g_strdup_printf ("%018" G_GINT64_FORMAT ":%05u:%s", hlc.wall_ms, hlc.counter,
                          till_id ? till_id : "");
}

/* The decimal digits at @p as a number no larger than @max, with *@end
 * past them: no sign, no space, at least one digit. */
static gboolean
parse_digits (const char *p, guint64 max, guint64 *value, const char **end)
{
  const char *start = p;
  guint64 v = 0;

  for (; g_ascii_isdigit (*p); p++)
    {
      guint digit = (guint)(*p - '0');

      if (v > (max - digit) / 10)
        return FALSE;
      v = v * 10 + digit;
    }
  *value = v;
  *end = p;
  return p != start;
}

/* Read by hand, not by sscanf(): a pull reads one for every event it
 * stores, and only the digits the clock prints are a clock. */
gboolean
pos_hlc_parse (const char *text, PosHlc *out)
{
  guint64 wall, counter;
  const char *p;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !parse_digits (text, G_MAXINT64, &wall, &p) || *p != ':'
      || !parse_digits (p + 1, G_MAXUINT32, &counter, &p) || (*p != '\0' && *p != ':'))
    return FALSE;
  out->wall_ms = (gint64)wall;
  out->counter = (guint32)counter;
  return TRUE;
}

/* The newest journal row's HLC, local or pulled, into @hlc when it is
 * later than @hlc. */
static gboolean
follow_newest_event (PosStore *store, PosHlc *hlc, GError **error)
{
  static const char sql[] = "SELECT hlc FROM journal ORDER BY id DESC LIMIT 1";
  g_autoptr (PosStmt) stmt = pos_store_prepare (store, sql, error);
  PosHlc newest;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = pos_store_step_row (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return TRUE;
  /* Every row's clock was parsed before it was written: one that does not
   * parse is damage, and a clock read past it could run backwards. */
  if (!pos_hlc_parse ((const char *)sqlite3_column_text (stmt, 0), &newest))
    return g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
                        _ ("The journal's newest event has no valid clock; run “mainstreet-admin verify”")),
           FALSE;
  if (pos_hlc_compare (newest, *hlc) > 0)
    *hlc = newest;
  return TRUE;
}

/*
 * The last HLC this store handed out or moved to. A local event's HLC is
 * kept by its own journal row only; sync_state keeps what no journal row
 * holds (the clock moved past a pulled event, a stamp for a customer
 * edit). Every HLC taken is ahead of both and lands in one of them, so the
 * later of the two is always the latest: the clock survives a restart and
 * never runs back when the wall clock does.
 */
static gboolean
load (PosStore *store, PosHlc *last, GError **error)
{
  g_autofree char *saved = pos_store_dup_sync_state (store, HLC_STATE_KEY);

  *last = (PosHlc){ 0, 0 };
  if (saved != NULL)
    pos_hlc_parse (saved, last);
  return follow_newest_event (store, last, error);
}

static gboolean
save (PosStore *store, PosHlc hlc, GError **error)
{
  g_autofree char *text = pos_hlc_to_string (hlc, NULL);

  return pos_store_set_sync_state (store, HLC_STATE_KEY, text, error);
}

static gboolean
next_local (PosStore *store, PosHlc *next, GError **error)
{
  PosHlc last;

  if (!load (store, &last, error))
    return FALSE;
  *next = pos_hlc_send (last, g_get_real_time () / 1000);
  return TRUE;
}

/* Returns an HLC for a stamp kept outside the journal and remembers it. */
char *
pos_hlc_next (PosStore *store, const char *till_id, GError **error)
{
  PosHlc next;

  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  if (!next_local (store, &next, error) || !save (store, next, error))
    return NULL;
  return pos_hlc_to_string (next, till_id);
}

/* Returns the HLC of the local journal event about to be inserted. Nothing
 * is written: the event's row remembers it, so a sale does not rewrite
 * sync_state. */
char *
pos_hlc_next_event (PosStore *store, const char *till_id, GError **error)
{
  PosHlc next;

  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  if (!next_local (store, &next, error))
    return NULL;
  return pos_hlc_to_string (next, till_id);
}

/* pos_hlc_parse() with an error that names @text. */
gboolean
pos_hlc_check (const char *text, PosHlc *out, GError **error)
{
  if (pos_hlc_parse (text, out))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_INVALID, _ ("“%s” is not a hybrid logical clock"), text);
  return FALSE;
}

/* Moves the store's clock past an event pulled from another till. */
gboolean
pos_hlc_observe (PosStore *store, const char *remote, GError **error)
{
  PosHlc theirs, last;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (!pos_hlc_check (remote, &theirs, error) || !load (store, &last, error))
    return FALSE;
  return save (store, pos_hlc_receive (last, theirs, g_get_real_time () / 1000), error);
}
