/* fuzz-json.c — canonical JSON and journal events read from any text.
 *
 * Input: JSON text. What parses has one canonical form: it parses again
 * and canonicalises to the same bytes. An object is also read as a journal
 * event the way one comes from the hub (event_id, till_id, till_seq, hlc,
 * type, payload, prev_hash): its hash is stable, and its HLC, when it
 * parses, prints back to a timestamp that parses to the same value.
 */
#include "pos-fuzz.h"

#include <string.h>

#include "pos-hlc.h"
#include "pos-journal.h"
#include "pos-json.h"

static char *
member_text (JsonObject *object, const char *member)
{
  const char *text = pos_json_get_string (object, member);
  return g_strdup (text != NULL ? text : "");
}

/* The payload as the hub stores it: canonical JSON, whether the input
 * gave it as text or as a value. */
static char *
payload_text (JsonObject *object)
{
  JsonNode *payload = json_object_get_member (object, "payload");
  char *canonical;

  if (payload == NULL)
    return g_strdup ("{}");
  if (JSON_NODE_HOLDS_VALUE (payload) && json_node_get_value_type (payload) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (payload));
  canonical = pos_json_canonical (payload, NULL);
  return canonical != NULL ? canonical : g_strdup ("{}");
}

static void
check_event (JsonObject *object)
{
  g_autoptr (PosJournalEvent) event = g_new0 (PosJournalEvent, 1);
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  PosHlc hlc;

  event->event_id = member_text (object, "event_id");
  event->till_id = member_text (object, "till_id");
  event->till_seq = pos_json_get_int (object, "till_seq", 0);
  event->hlc = member_text (object, "hlc");
  event->type = member_text (object, "type");
  event->payload = payload_text (object);
  event->prev_hash = member_text (object, "prev_hash");
  hash = pos_journal_event_hash (event);
  again = pos_journal_event_hash (event);
  if (strlen (hash) != 64 || strcmp (hash, again) != 0)
    pos_fuzz_fail ("an event's hash is not a stable SHA-256: %s, %s", hash, again);
  if (pos_hlc_parse (event->hlc, &hlc))
    {
      g_autofree char *printed = pos_hlc_to_string (hlc, event->till_id);
      PosHlc reread;
      if (!pos_hlc_parse (printed, &reread) || pos_hlc_compare (hlc, reread) != 0)
        pos_fuzz_fail ("HLC %s prints as %s, which does not read back", event->hlc, printed);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = pos_fuzz_text (data, size);
  g_autoptr (JsonNode) node = pos_json_parse (text, NULL);
  g_autoptr (JsonNode) reparsed = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *again = NULL;

  if (node == NULL)
    return 0;
  canonical = pos_json_canonical (node, NULL);
  if (canonical == NULL)
    return 0;
  reparsed = pos_json_parse (canonical, NULL);
  if (reparsed == NULL)
    pos_fuzz_fail ("canonical form %s does not parse", canonical);
  again = pos_json_canonical (reparsed, NULL);
  if (again == NULL || strcmp (canonical, again) != 0)
    pos_fuzz_fail ("canonical form %s canonicalises to %s", canonical, again ? again : "(error)");
  if (JSON_NODE_HOLDS_OBJECT (node))
    check_event (json_node_get_object (node));
  return 0;
}
