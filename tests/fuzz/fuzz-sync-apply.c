/* fuzz-sync-apply.c — applying any event another till could send.
 *
 * Input: an event type on the first line ("sale", "product.saved",
 * "stock.receive", "customer.saved", …) and its JSON payload after it. The
 * event, from till T2, is applied to a small store opened once per process,
 * inside a transaction that is rolled back so every input meets the same
 * store. A bad event must be refused with an error, never crash, and a
 * refused one must leave the transaction usable for rollback.
 */
#include "pos-fuzz.h"

#include <string.h>

#include "pos-journal.h"
#include "pos-store-private.h"
#include "pos-sync-apply.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gint64 till_seq;
  PosStore *store = pos_fuzz_store ();
  g_autofree char *text = pos_fuzz_text (data, size);
  char *newline = strchr (text, '\n');
  g_autoptr (GError) error = NULL;
  PosJournalEvent event = { 0 };
  gboolean applied;

  if (newline == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  *newline = '\0';
  event.event_id = (char *)"01900000-0000-7000-8000-000000000001";
  event.till_id = (char *)"T2";
  event.till_seq = ++till_seq;
  event.hlc = (char *)"000001764321000123:00002:T2";
  event.type = text;
  event.payload = newline + 1;
  event.prev_hash = (char *)POS_JOURNAL_GENESIS_HASH;
  if (!pos_store_begin (store, &error))
    pos_fuzz_fail ("cannot begin: %s", error->message);
  applied = pos_sync_apply_event (store, &event, &error);
  if (!applied && error == NULL)
    pos_fuzz_fail ("event %s was refused without saying why", event.type);
  pos_store_rollback (store);
  return 0;
}
