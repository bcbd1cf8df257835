/* pos-hlc.c — hybrid logical clocks (see pos-hlc.h). */
#include "pos-hlc.h"

#include <stdio.h>

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

gboolean
pos_hlc_parse (const char *text, PosHlc *out)
{
  gint64 wall;
  unsigned counter;
  int used = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || sscanf (text, "%" G_GINT64_MODIFIER "d:%u%n", &wall, &counter, &used) != 2 || wall < 0)
    return FALSE;
  if (text[used] != '\0' && text[used] != ':')
    return FALSE;
  out->wall_ms = wall;
  out->counter = counter;
  return TRUE;
}

static PosHlc
load (PosStore *store)
{
  g_autofree char *text = pos_store_dup_sync_state (store, HLC_STATE_KEY);
  PosHlc hlc = { 0, 0 };

  if (text != NULL)
    pos_hlc_parse (text, &hlc);
  return hlc;
}

static gboolean
save (PosStore *store, PosHlc hlc, GError **error)
{
  g_autofree char *text = pos_hlc_to_string (hlc, NULL);

  return pos_store_set_sync_state (store, HLC_STATE_KEY, text, error);
}

/* Returns the HLC for a new local event and remembers it. */
char *
pos_hlc_next (PosStore *store, const char *till_id, GError **error)
{
  PosHlc next = pos_hlc_send (load (store), g_get_real_time () / 1000);

  g_return_val_if_fail (pos_store_in_transaction (store), NULL);

  if (!save (store, next, error))
    return NULL;
  return pos_hlc_to_string (next, till_id);
}

/* Moves the store's clock past an event pulled from another till. */
gboolean
pos_hlc_observe (PosStore *store, const char *remote, GError **error)
{
  PosHlc theirs;

  g_return_val_if_fail (pos_store_in_transaction (store), FALSE);

  if (!pos_hlc_parse (remote, &theirs))
    {
      g_set_error (error, POS_ERROR, POS_ERROR_INVALID, "“%s” is not a hybrid logical clock", remote);
      return FALSE;
    }
  return save (store, pos_hlc_receive (load (store), theirs, g_get_real_time () / 1000), error);
}
