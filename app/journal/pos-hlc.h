/* pos-hlc.h — hybrid logical clocks.
 *
 * Tills' wall clocks drift and get corrected; an HLC never runs backwards
 * and is always ahead of every event a till has seen, so "later" means
 * later even when a clock was wrong. The text form sorts in time order:
 * "000001764321000123:00002:T1" (milliseconds, counter, till).
 */
#pragma once

#include <glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 wall_ms;
  guint32 counter;
} PosHlc;

PosHlc pos_hlc_send (PosHlc last, gint64 now_ms);
PosHlc pos_hlc_receive (PosHlc last, PosHlc remote, gint64 now_ms);
int pos_hlc_compare (PosHlc a, PosHlc b);
char *pos_hlc_to_string (PosHlc hlc, const char *till_id);
gboolean pos_hlc_parse (const char *text, PosHlc *out);
gboolean pos_hlc_check (const char *text, PosHlc *out, GError **error);

/* The store's clock: the newest journal row's HLC or the one kept in
 * sync_state, whichever is later. Call inside the action's transaction.
 *
 * pos_hlc_next() is for a stamp stored outside the journal (a customer's
 * updated_hlc) and remembers it in sync_state; pos_hlc_next_event() is for
 * the local journal event about to be inserted, whose row remembers it.
 * Both return (transfer full) "wall:counter:till" text. */
char *pos_hlc_next (PosStore *store, const char *till_id, GError **error);
char *pos_hlc_next_event (PosStore *store, const char *till_id, GError **error);
gboolean pos_hlc_observe (PosStore *store, const char *remote, GError **error);

G_END_DECLS
