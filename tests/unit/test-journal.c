/* test-journal.c — canonical JSON, hybrid logical clocks and the hash chain. */
#include "pos-test-util.h"

#include "pos-hlc.h"
#include "pos-journal.h"
#include "pos-json.h"

static void
test_canonical_json_sorts_keys_and_strips_space (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pos_json_parse (
      "{ \"b\": 1, \"a\": [true, null, \"x\\ny\"], \"c\": {\"z\":-5,\"y\":\"\\u0001\"} }", &error);
  g_autofree char *text = NULL;

  pos_assert_no_error (error);
  text = pos_json_canonical (node, &error);
  pos_assert_no_error (error);
  assert_string_equal (text, "{\"a\":[true,null,\"x\\ny\"],\"b\":1,\"c\":{\"y\":\"\\u0001\",\"z\":-5}}");
}

static void
test_canonical_json_refuses_doubles (void **state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pos_json_parse ("{\"price\": 12.5}", &error);
  g_autofree char *text = pos_json_canonical (node, &error);

  assert_null (text);
  pos_assert_error (error, POS_ERROR, POS_ERROR_INVALID);
}

static void
test_hlc_never_runs_backwards (void **state)
{
  PosHlc a = { 1000, 0 };
  PosHlc b = pos_hlc_send (a, 900); /* the wall clock was set back */
  PosHlc c = pos_hlc_send (b, 2000);
  PosHlc remote = { 5000, 7 };
  PosHlc d = pos_hlc_receive (c, remote, 2100);
  PosHlc parsed;
  g_autofree char *text = pos_hlc_to_string (d, "T2");

  assert_true (pos_hlc_compare (b, a) > 0);
  assert_int_equal (b.wall_ms, 1000);
  assert_int_equal (b.counter, 1);
  assert_true (pos_hlc_compare (c, b) > 0);
  assert_true (pos_hlc_compare (d, remote) > 0);
  assert_int_equal (d.wall_ms, 5000);
  assert_int_equal (d.counter, 8);
  assert_true (pos_hlc_parse (text, &parsed));
  assert_int_equal (pos_hlc_compare (parsed, d), 0);
  assert_false (pos_hlc_parse ("yesterday", &parsed));
}

static PosJournalEvent *
append (PosStore *store, const char *type, gint64 value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) payload = json_object_new ();
  PosJournalEvent *event;

  json_object_set_int_member (payload, "value", value);
  assert_true (pos_store_begin (store, &error));
  event = pos_journal_append_object (store, type, payload, &error);
  pos_assert_no_error (error);
  assert_true (pos_store_commit (store, &error));
  return event;
}

static void
test_events_chain_with_gapless_sequence (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosJournalEvent) first = NULL;
  g_autoptr (PosJournalEvent) second = NULL;
  gint64 n = 0;

  assert_true (pos_store_set_setting (t->store, "till_id", "T7", &error));
  first = append (t->store, "test.one", 1);
  second = append (t->store, "test.two", 2);

  assert_string_equal (first->till_id, "T7");
  assert_int_equal (first->till_seq, 1);
  assert_string_equal (first->prev_hash, POS_JOURNAL_GENESIS_HASH);
  assert_int_equal (second->till_seq, 2);
  assert_string_equal (second->prev_hash, first->hash);
  assert_int_equal (strlen (first->hash), 64);
  assert_int_equal (strlen (first->event_id), 36);
  assert_true (strcmp (second->hlc, first->hlc) > 0);
  assert_string_equal (first->payload, "{\"value\":1}");

  assert_true (pos_journal_verify (t->store, &n, &error));
  pos_assert_no_error (error);
  assert_int_equal (n, 2);
  assert_int_equal (pos_journal_count_unpushed (t->store), 2);
}

static void
test_append_outside_transaction_is_refused_and_rollback_leaves_no_event (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) payload = json_object_new ();
  PosJournalEvent *event;

  assert_true (pos_store_begin (t->store, &error));
  event = pos_journal_append_object (t->store, "test", payload, &error);
  assert_non_null (event);
  pos_journal_event_free (event);
  pos_store_rollback (t->store);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal"), 0);
}

/* Someone with the sqlite3 shell drops the guard and edits an old event. */
static void
test_verify_names_the_first_tampered_event (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  for (int i = 1; i <= 5; i++)
    pos_journal_event_free (append (t->store, "sale", i * 100));
  assert_true (pos_store_exec (t->store,
                               "DROP TRIGGER journal_no_update;"
                               "UPDATE journal SET payload = '{\"value\":1}' WHERE till_seq = 3",
                               &error));
  assert_false (pos_journal_verify (t->store, NULL, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  assert_non_null (strstr (error->message, "#3"));
}

static void
test_verify_detects_a_removed_event (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;

  for (int i = 1; i <= 4; i++)
    pos_journal_event_free (append (t->store, "sale", i));
  assert_true (pos_store_exec (
      t->store, "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE till_seq = 2", &error));
  assert_false (pos_journal_verify (t->store, NULL, &error));
  assert_non_null (strstr (error->message, "#3"));
  assert_non_null (strstr (error->message, "gap"));
}

static void
test_remote_events_must_extend_their_chain (void **state)
{
  g_autoptr (PosTestStore) source = pos_test_store_new ();
  g_autoptr (PosTestStore) target = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PosJournalEvent) one = NULL;
  g_autoptr (PosJournalEvent) two = NULL;
  g_autoptr (PosJournalEvent) forged = NULL;
  gboolean inserted;

  assert_true (pos_store_set_setting (source->store, "till_id", "T2", &error));
  one = append (source->store, "sale", 1);
  two = append (source->store, "sale", 2);

  assert_true (pos_store_begin (target->store, &error));
  /* Out of order: #2 before #1 is refused. */
  assert_false (pos_journal_insert_remote (target->store, two, &inserted, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  g_clear_error (&error);
  assert_true (pos_journal_insert_remote (target->store, one, &inserted, &error));
  assert_true (inserted);
  assert_true (pos_journal_insert_remote (target->store, two, &inserted, &error));
  assert_true (inserted);
  /* Seen again: skipped, not doubled. */
  assert_true (pos_journal_insert_remote (target->store, one, &inserted, &error));
  assert_false (inserted);
  /* Same id, other content: an alarm. */
  forged = pos_journal_event_copy (one);
  g_free (forged->payload);
  forged->payload = g_strdup ("{\"value\":999}");
  g_free (forged->hash);
  forged->hash = pos_journal_event_hash (forged);
  assert_false (pos_journal_insert_remote (target->store, forged, &inserted, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  assert_true (pos_store_commit (target->store, NULL));

  assert_true (pos_journal_verify (target->store, NULL, NULL));
  assert_int_equal (pos_test_query_int (target->store, "SELECT count(*) FROM journal WHERE till_id = 'T2'"),
                    2);
  assert_int_equal (pos_journal_count_unpushed (target->store), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_canonical_json_sorts_keys_and_strips_space),
    cmocka_unit_test (test_canonical_json_refuses_doubles),
    cmocka_unit_test (test_hlc_never_runs_backwards),
    cmocka_unit_test (test_events_chain_with_gapless_sequence),
    cmocka_unit_test (test_append_outside_transaction_is_refused_and_rollback_leaves_no_event),
    cmocka_unit_test (test_verify_names_the_first_tampered_event),
    cmocka_unit_test (test_verify_detects_a_removed_event),
    cmocka_unit_test (test_remote_events_must_extend_their_chain),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
