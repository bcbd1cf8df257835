/* pos-event-rows.h — the rows an event stands for, covered by its hash.
 *
 * A sale's event carries, under "rows", a short SHA-256 digest of each row
 * the sale wrote (its header, lines, tax rows, payments, stock moves and
 * loyalty entries); a stock or loyalty event carries those of its moves or
 * entries. The payload is hashed into the chain and signed, so a row
 * changed afterwards no longer matches its event: verify recomputes every
 * digest from the tables and names the first row that differs. Rows are
 * checked on the till that wrote them; events without "rows" are older
 * than this check and are counted, not failed.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pos-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 covered;     /* events whose rows were all checked */
  gint64 older;       /* events written before they carried their rows */
  gint64 other_tills; /* events of other tills: checked where they were written */
  gint64 rebuilt;     /* merged back by a restore: rows rebuilt from the events */
} PosEventRowsCheck;

gint64 pos_event_rows_last_id (PosStore *store, const char *table);
gboolean pos_event_rows_add_sale (PosStore *store, JsonObject *payload, gint64 sale_id, gint64 moves_after,
                                  gint64 entries_after, GError **error);
gboolean pos_event_rows_add_event_rows (PosStore *store, JsonObject *payload, const char *event_id,
                                        gint64 moves_after, gint64 entries_after, GError **error);
gboolean pos_event_rows_verify (PosStore *store, PosEventRowsCheck *check, GError **error);

G_END_DECLS
