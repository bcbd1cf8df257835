/* pos-pull-proof.c — one signature check per till and key for each of a
 * pull's transactions (pos-pull-proof.h). */
#include "pos-pull-proof.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pos-error.h"

/* The newest event of a till taken since the last proof, and the key its
 * signature must verify with. */
typedef struct
{
  char *event_id;
  gint64 till_seq;
  char *hash;
  GBytes *signature;
  guint8 key[POS_TILL_KEY_PUBLIC_BYTES];
} Newest;

struct _PosPullProof
{
  GHashTable *newest; /* till id → Newest */
};

static void
newest_free (gpointer data)
{
  Newest *n = data;

  g_free (n->event_id);
  g_free (n->hash);
  g_bytes_unref (n->signature);
  g_free (n);
}

PosPullProof *
pos_pull_proof_new (void)
{
  PosPullProof *proof = g_new0 (PosPullProof, 1);

  proof->newest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, newest_free);
  return proof;
}

void
pos_pull_proof_free (PosPullProof *proof)
{
  if (proof == NULL)
    return;
  g_hash_table_unref (proof->newest);
  g_free (proof);
}

/* Whether @n's signature verifies; @error names it when it does not. */
static gboolean
prove (const char *till_id, const Newest *n, GError **error)
{
  if (pos_till_key_check (n->key, n->hash, n->signature))
    return TRUE;
  g_set_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN,
               _ ("The signature of event %s of till %s #%lld does not verify: its events are taken "
                  "again, each signature checked"),
               n->event_id, till_id, (long long)n->till_seq);
  return FALSE;
}

/*
 * Notes @event, taken into the open transaction with its signature not
 * checked, as the newest event of its till to be proved with @key. When
 * the till's events before it wait for another key, their newest is
 * proved first; FALSE with @error set when it fails.
 */
gboolean
pos_pull_proof_defer (PosPullProof *proof, const PosJournalEvent *event,
                      const guint8 key[POS_TILL_KEY_PUBLIC_BYTES], GError **error)
{
  Newest *before, *n;

  g_return_val_if_fail (proof != NULL && event != NULL && event->signature != NULL, FALSE);

  before = g_hash_table_lookup (proof->newest, event->till_id);
  if (before != NULL && memcmp (before->key, key, POS_TILL_KEY_PUBLIC_BYTES) != 0
      && !prove (event->till_id, before, error))
    return FALSE;
  if ((n = before) == NULL)
    {
      n = g_new0 (Newest, 1);
      g_hash_table_insert (proof->newest, g_strdup (event->till_id), n);
    }
  g_free (n->event_id);
  n->event_id = g_strdup (event->event_id);
  n->till_seq = event->till_seq;
  g_free (n->hash);
  n->hash = g_strdup (event->hash);
  g_clear_pointer (&n->signature, g_bytes_unref);
  n->signature = g_bytes_ref (event->signature);
  memcpy (n->key, key, POS_TILL_KEY_PUBLIC_BYTES);
  return TRUE;
}

/* Proves every till's newest event noted since the last proof; call it
 * before the transaction commits. On a failure, undo the transaction. */
gboolean
pos_pull_proof_settle (PosPullProof *proof, GError **error)
{
  GHashTableIter iter;
  gpointer till_id, n;

  g_return_val_if_fail (proof != NULL, FALSE);

  g_hash_table_iter_init (&iter, proof->newest);
  while (g_hash_table_iter_next (&iter, &till_id, &n))
    if (!prove (till_id, n, error))
      return FALSE;
  g_hash_table_remove_all (proof->newest);
  return TRUE;
}

/* Forgets what was noted: the transaction was undone. */
void
pos_pull_proof_forget (PosPullProof *proof)
{
  g_return_if_fail (proof != NULL);

  g_hash_table_remove_all (proof->newest);
}
