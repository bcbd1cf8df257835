/* pos-sync-batch.c — journal events as the hub's insert takes them (see pos-sync-batch.h). */
#include "pos-sync-batch.h"

#include <sodium.h>

#include "pos-hub.h"
#include "pos-sha256.h"
#include "pos-till-key.h"

void
pos_sync_batch_init (PosSyncBatch *batch)
{
  for (guint i = 0; i < POS_SYNC_BATCH_COLUMNS; i++)
    {
      batch->column[i] = g_string_new ("{");
      batch->params[i] = NULL;
    }
}

void
pos_sync_batch_clear (PosSyncBatch *batch)
{
  for (guint i = 0; i < POS_SYNC_BATCH_COLUMNS; i++)
    if (batch->column[i] != NULL)
      g_string_free (g_steal_pointer (&batch->column[i]), TRUE);
}

/* The public key (hex) @e was signed with, out of @keys; "" when unsigned.
 * A till nearly always has one key: then no signature needs checking here. */
static char *
signer_key (GHashTable *keys, const PosJournalEvent *e)
{
  GPtrArray *mine = e->signature ? g_hash_table_lookup (keys, e->till_id) : NULL;
  char hex[2 * POS_TILL_KEY_PUBLIC_BYTES + 1] = "";

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    {
      const guint8 *key = g_bytes_get_data (g_ptr_array_index (mine, i), NULL);

      if (mine->len == 1 || pos_till_key_check (key, e->hash, e->signature))
        {
          sodium_bin2hex (hex, sizeof hex, key, POS_TILL_KEY_PUBLIC_BYTES);
          break;
        }
    }
  return g_strdup (hex);
}

static void
add_event (PosSyncBatch *batch, GHashTable *keys, const PosJournalEvent *event)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, event->till_seq);
  g_autofree char *hash = pos_sha256_hex (event->payload);
  g_autofree char *signature = pos_journal_signature_hex (event);
  g_autofree char *key = signer_key (keys, event);
  const char *values[POS_SYNC_BATCH_COLUMNS] = { event->event_id,
                                                 event->till_id,
                                                 seq,
                                                 event->type,
                                                 event->hlc,
                                                 event->payload,
                                                 hash,
                                                 event->prev_hash,
                                                 event->hash,
                                                 signature ? signature : "",
                                                 key };

  for (guint i = 0; i < POS_SYNC_BATCH_COLUMNS; i++)
    pos_hub_array_append (batch->column[i], values[i]);
}

void
pos_sync_batch_set (PosSyncBatch *batch, GHashTable *keys, GPtrArray *events, guint first, guint n)
{
  g_return_if_fail (first + n <= events->len);

  for (guint i = 0; i < POS_SYNC_BATCH_COLUMNS; i++)
    g_string_truncate (batch->column[i], 1);
  for (guint e = first; e < first + n; e++)
    add_event (batch, keys, g_ptr_array_index (events, e));
  for (guint i = 0; i < POS_SYNC_BATCH_COLUMNS; i++)
    {
      g_string_append_c (batch->column[i], '}');
      batch->params[i] = batch->column[i]->str;
    }
}
