/* test-journal.c — canonical JSON, hybrid logical clocks and the hash chain. */
#include "pos-test-util.h"

#include "pos-hlc.h"
#include "pos-journal.h"
#include "pos-json.h"
#include "pos-store-private.h"

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
  /* Only the digits the clock prints: no sign, no space, nothing too big. */
  assert_true (pos_hlc_parse ("000001764321000123:00002:T2", &parsed));
  assert_int_equal (parsed.wall_ms, 1764321000123);
  assert_int_equal (parsed.counter, 2);
  assert_true (pos_hlc_parse ("9223372036854775807:4294967295", &parsed));
  assert_int_equal (parsed.counter, G_MAXUINT32);
  assert_false (pos_hlc_parse ("9223372036854775808:1", &parsed));
  assert_false (pos_hlc_parse ("1:4294967296", &parsed));
  assert_false (pos_hlc_parse (" 1:2", &parsed));
  assert_false (pos_hlc_parse ("1:-2", &parsed));
  assert_false (pos_hlc_parse ("-1:2", &parsed));
  assert_false (pos_hlc_parse ("1:2x", &parsed));
  assert_false (pos_hlc_parse (":2", &parsed));
  assert_false (pos_hlc_parse ("12", &parsed));
}

/* The hash every till and the hub compute alike: SHA-256 of the previous
 * hash and the event's canonical text, here worked out by hand. */
static void
test_event_hash_is_fixed_by_its_canonical_text (void **state)
{
  PosJournalEvent e = {
    .event_id = (char *)"e1",
    .till_id = (char *)"T\"1",
    .till_seq = 1234567890123,
    .hlc = (char *)"h",
    .type = (char *)"x",
    .payload = (char *)"{\"a\":1}",
    .prev_hash = (char *)"0000000000000000000000000000000000000000000000000000000000000000",
  };
  g_autofree char *hash = pos_journal_event_hash (&e);

  (void)state;
  /* sha256 ("0" × 64 ‖ {"event_id":"e1","hlc":"h","payload":{"a":1},
   * "till_id":"T\"1","till_seq":1234567890123,"type":"x"}) */
  assert_string_equal (hash, "a9e2df3fbd3c55f8e381376a25f234fd454c92b4208b6b7a7d0222439401c40c");
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

  /* #1 is the till.key event that announces the till's new signing key. */
  assert_string_equal (first->till_id, "T7");
  assert_int_equal (first->till_seq, 2);
  assert_int_equal (
      pos_test_query_int (t->store, "SELECT count(*) FROM journal WHERE till_seq = 1 "
                                    "AND type = 'till.key' AND prev_hash = '" POS_JOURNAL_GENESIS_HASH "'"),
      1);
  assert_int_equal (second->till_seq, 3);
  assert_string_equal (second->prev_hash, first->hash);
  assert_int_equal (strlen (first->hash), 64);
  assert_int_equal (strlen (first->event_id), 36);
  assert_true (strcmp (second->hlc, first->hlc) > 0);
  assert_string_equal (first->payload, "{\"value\":1}");

  assert_true (pos_journal_verify (t->store, &n, &error));
  pos_assert_no_error (error);
  assert_int_equal (n, 3);
  assert_int_equal (pos_journal_count_unpushed (t->store), 3);
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

/* A newest event whose clock does not parse is damage: the next event is
 * refused rather than stamped from a clock that may run backwards. */
static void
test_damaged_newest_clock_refuses_the_next_event (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;

  pos_journal_event_free (append (t->store, "sale", 1));
  pos_test_exec (t->store, "DROP TRIGGER journal_no_update; UPDATE journal SET hlc = 'garbage'");
  assert_true (pos_store_begin (t->store, &error));
  event = pos_journal_append_object (t->store, "sale", payload, &error);
  assert_null (event);
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  pos_store_rollback (t->store);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM journal"), 2);
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
  g_autoptr (PosJournalEvent) resigned = NULL;
  g_autoptr (GPtrArray) key_event = NULL;
  gboolean inserted;

  assert_true (pos_store_set_setting (source->store, "till_id", "T2", &error));
  one = append (source->store, "sale", 1);
  two = append (source->store, "sale", 2);
  key_event = pos_journal_read (source->store, 0, FALSE, 1, &error);
  assert_string_equal (((PosJournalEvent *)key_event->pdata[0])->type, "till.key");

  assert_true (pos_store_begin (target->store, &error));
  assert_true (pos_journal_insert_remote (target->store, key_event->pdata[0], &inserted, &error));
  pos_assert_no_error (error);
  assert_int_equal (pos_test_query_int (target->store, "SELECT count(*) FROM till_key WHERE till_id = 'T2'"),
                    1);
  /* Once T2's key is known, its events must carry T2's signature. */
  resigned = pos_journal_event_copy (one);
  g_clear_pointer (&resigned->signature, g_bytes_unref);
  assert_false (pos_journal_insert_remote (target->store, resigned, &inserted, &error));
  pos_assert_error (error, POS_ERROR, POS_ERROR_CHAIN_BROKEN);
  pos_assert_contains (error->message, "not signed");
  g_clear_error (&error);
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
                    3);
  assert_int_equal (pos_journal_count_unpushed (target->store), 0);
}

/* Closes the store and opens the file again, as a restarted till would. */
static void
reopen (PosTestStore *t)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&t->store, pos_store_close);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);
}

static PosHlc
parse_hlc (const char *text)
{
  PosHlc hlc = { 0, 0 };

  assert_true (pos_hlc_parse (text, &hlc));
  return hlc;
}

/* What a clock that ran a day ahead left behind: the store's clock at
 * @wall_ms, kept where versions before 006 kept it for every event. */
static void
set_saved_clock (PosStore *store, gint64 wall_ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = pos_hlc_to_string ((PosHlc){ wall_ms, 3 }, NULL);

  assert_true (pos_store_set_sync_state (store, "hlc", text, &error));
  pos_assert_no_error (error);
}

static void
test_local_events_do_not_rewrite_sync_state (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (PosJournalEvent) first = append (t->store, "test.one", 1);
  g_autoptr (PosJournalEvent) second = append (t->store, "test.two", 2);
  g_autoptr (PosJournalEvent) third = append (t->store, "test.three", 3);

  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM sync_state"), 0);
  assert_true (pos_hlc_compare (parse_hlc (second->hlc), parse_hlc (first->hlc)) > 0);
  assert_true (pos_hlc_compare (parse_hlc (third->hlc), parse_hlc (second->hlc)) > 0);
}

/*
 * The wall clock ran a day ahead when event A was written, then was set
 * right. Only A's journal row remembers that time; after a restart the
 * next event must still come after it.
 */
static void
test_hlc_stays_ahead_of_the_journal_after_restart_and_clock_set_back (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  gint64 ahead = g_get_real_time () / 1000 + 24 * 3600 * 1000;
  g_autoptr (PosJournalEvent) a = NULL;
  g_autoptr (PosJournalEvent) b = NULL;
  g_autoptr (PosJournalEvent) c = NULL;

  set_saved_clock (t->store, ahead);
  a = append (t->store, "test.ahead", 1);
  assert_int_equal (parse_hlc (a->hlc).wall_ms, ahead);
  pos_test_exec (t->store, "DELETE FROM sync_state");

  reopen (t);
  b = append (t->store, "test.after_restart", 2);
  c = append (t->store, "test.next", 3);
  assert_true (pos_hlc_compare (parse_hlc (b->hlc), parse_hlc (a->hlc)) > 0);
  assert_int_equal (parse_hlc (b->hlc).wall_ms, ahead);
  assert_true (pos_hlc_compare (parse_hlc (c->hlc), parse_hlc (b->hlc)) > 0);
  assert_int_equal (pos_test_query_int (t->store, "SELECT count(*) FROM sync_state"), 0);
}

/* A stamp kept outside the journal (a customer's updated_hlc) is saved,
 * so the event that follows it, and every later one, comes after it. */
static void
test_hlc_stamp_outside_the_journal_is_remembered (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) payload = json_object_new ();
  g_autoptr (PosJournalEvent) event = NULL;
  g_autoptr (PosJournalEvent) later = NULL;
  g_autofree char *stamp = NULL;
  gint64 ahead = g_get_real_time () / 1000 + 24 * 3600 * 1000;

  set_saved_clock (t->store, ahead);
  assert_true (pos_store_begin (t->store, &error));
  stamp = pos_hlc_next (t->store, "T1", &error);
  pos_assert_no_error (error);
  event = pos_journal_append_object (t->store, "customer.saved", payload, &error);
  pos_assert_no_error (error);
  assert_true (pos_store_commit (t->store, &error));
  assert_true (pos_hlc_compare (parse_hlc (event->hlc), parse_hlc (stamp)) > 0);

  /* The stamp alone, with no event after it, is still remembered. */
  assert_true (pos_store_begin (t->store, &error));
  g_free (stamp);
  stamp = pos_hlc_next (t->store, "T1", &error);
  assert_true (pos_store_commit (t->store, &error));
  reopen (t);
  later = append (t->store, "test.later", 1);
  assert_true (pos_hlc_compare (parse_hlc (later->hlc), parse_hlc (stamp)) > 0);
}

/* The first event of another till, as the hub would hand it over. */
static PosJournalEvent *
pulled_event (const char *till_id, gint64 wall_ms)
{
  PosJournalEvent *event = g_new0 (PosJournalEvent, 1);

  event->event_id = pos_journal_new_event_id ();
  event->till_id = g_strdup (till_id);
  event->till_seq = 1;
  event->hlc = pos_hlc_to_string ((PosHlc){ wall_ms, 0 }, till_id);
  event->type = g_strdup ("sale");
  event->payload = g_strdup ("{}");
  event->prev_hash = g_strdup (POS_JOURNAL_GENESIS_HASH);
  event->hash = pos_journal_event_hash (event);
  return event;
}

/*
 * A pulled event from a till whose clock runs a day ahead moves this
 * store's clock past it, and that holds after a restart even when the
 * newest journal row is an older event pulled afterwards.
 */
static void
test_hlc_stays_ahead_of_pulled_events_after_restart (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / 1000;
  g_autoptr (PosJournalEvent) fast = pulled_event ("T2", now + 24 * 3600 * 1000);
  g_autoptr (PosJournalEvent) slow = pulled_event ("T3", now - 3600 * 1000);
  g_autoptr (PosJournalEvent) local = NULL;
  gboolean inserted;

  assert_true (pos_store_begin (t->store, &error));
  assert_true (pos_journal_insert_remote (t->store, fast, &inserted, &error));
  assert_true (pos_journal_insert_remote (t->store, slow, &inserted, &error));
  pos_assert_no_error (error);
  assert_true (pos_store_commit (t->store, &error));

  reopen (t);
  local = append (t->store, "sale", 3);
  assert_true (pos_hlc_compare (parse_hlc (local->hlc), parse_hlc (fast->hlc)) > 0);
}

/* RFC 9562 version 7: the first 48 bits are the Unix time in ms, so ids
 * taken in later milliseconds sort after earlier ones. */
static void
test_event_ids_are_time_ordered_uuid_v7 (void **state)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *first = pos_journal_new_event_id ();
  g_autofree char *second = NULL;
  g_autofree char *hex = NULL;
  gint64 after, ms;

  g_usleep (2000);
  second = pos_journal_new_event_id ();
  after = g_get_real_time () / 1000;

  assert_int_equal (strlen (first), 36);
  assert_true (g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                     first, 0, 0));
  hex = g_strdup_printf ("%.8s%.4s", first, first + 9);
  ms = g_ascii_strtoll (hex, NULL, 16);
  assert_true (ms >= before && ms <= after);
  assert_true (strcmp (second, first) > 0);
  /* Many in one millisecond still differ: 74 random bits each. */
  for (int i = 0; i < 2000; i++)
    assert_true (g_hash_table_add (seen, pos_journal_new_event_id ()));
}

/* Virtual-machine steps run by every statement of @store since the last
 * call (each call starts the count again). */
static gint64
vm_steps_since_last (PosStore *store)
{
  gint64 steps = 0;

  for (sqlite3_stmt *s = sqlite3_next_stmt (pos_store_db (store), NULL); s != NULL;
       s = sqlite3_next_stmt (pos_store_db (store), s))
    steps += sqlite3_stmt_status (s, SQLITE_STMTSTATUS_VM_STEP, 1);
  return steps;
}

/* The sync outbox reads what is unpushed, never the events pushed before:
 * a push after millions of events costs what one after none does. */
static void
test_outbox_read_skips_pushed_events (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  gint64 steps;

  pos_test_exec (t->store,
                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                 "INSERT INTO journal (event_id, till_id, till_seq, hlc, type, payload, prev_hash, "
                 "hash) SELECT 'old-' || i, 'OLD', i, printf ('%018d:00000:OLD', i), 'old', '{}', 'x', 'y' "
                 "FROM n");
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (PosJournalEvent) e = append (t->store, "new", i);
      assert_non_null (e);
    }
  events = pos_journal_read (t->store, 0, TRUE, 1000, &error); /* prepares its statement */
  pos_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  vm_steps_since_last (t->store);

  events = pos_journal_read (t->store, 0, TRUE, 1000, &error);
  steps = vm_steps_since_last (t->store);
  pos_assert_no_error (error);
  assert_int_equal (events->len, pos_test_query_int (t->store, "SELECT count(*) FROM journal_outbox"));
  assert_true (events->len >= 3);
  if (steps > 500)
    fail_msg ("reading the unpushed events ran %" G_GINT64_FORMAT " steps: it walks the pushed ones", steps);
}

/* A store of schema 36 marked each event it pushed; the upgrade lists the
 * unmarked ones as waiting for the hub, and a push then takes exactly
 * those (037). */
static void
test_upgrade_keeps_what_waits_for_the_hub (void **state)
{
  g_autoptr (PosTestStore) t = pos_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) waiting = NULL;
  gint64 first_unpushed;

  for (int i = 0; i < 4; i++)
    {
      g_autoptr (PosJournalEvent) e = append (t->store, "old", i);
      assert_non_null (e);
    }
  pos_test_undo_migrations_after (t->store, 36);
  pos_test_exec (t->store, "UPDATE journal SET pushed = 1 WHERE till_seq <= 3");
  first_unpushed = pos_test_query_int (t->store, "SELECT min (id) FROM journal WHERE pushed = 0");
  g_clear_pointer (&t->store, pos_store_close);
  t->store = pos_store_open (t->path, POS_STORE_OPEN_DEFAULT, &error);
  pos_assert_no_error (error);

  assert_int_equal (pos_store_schema_version (t->store), POS_TEST_SCHEMA_LATEST);
  assert_int_equal (pos_journal_count_unpushed (t->store), 2);
  waiting = pos_journal_read (t->store, 0, TRUE, 0, &error);
  pos_assert_no_error (error);
  assert_int_equal (waiting->len, 2);
  assert_int_equal (((PosJournalEvent *)g_ptr_array_index (waiting, 0))->id, first_unpushed);
  assert_int_equal (((PosJournalEvent *)g_ptr_array_index (waiting, 1))->till_seq, 5);
  /* A new event of this till waits too. */
  {
    g_autoptr (PosJournalEvent) e = append (t->store, "new", 5);
    assert_non_null (e);
  }
  assert_int_equal (pos_journal_count_unpushed (t->store), 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_canonical_json_sorts_keys_and_strips_space),
    cmocka_unit_test (test_canonical_json_refuses_doubles),
    cmocka_unit_test (test_hlc_never_runs_backwards),
    cmocka_unit_test (test_event_hash_is_fixed_by_its_canonical_text),
    cmocka_unit_test (test_events_chain_with_gapless_sequence),
    cmocka_unit_test (test_append_outside_transaction_is_refused_and_rollback_leaves_no_event),
    cmocka_unit_test (test_verify_names_the_first_tampered_event),
    cmocka_unit_test (test_verify_detects_a_removed_event),
    cmocka_unit_test (test_damaged_newest_clock_refuses_the_next_event),
    cmocka_unit_test (test_remote_events_must_extend_their_chain),
    cmocka_unit_test (test_local_events_do_not_rewrite_sync_state),
    cmocka_unit_test (test_hlc_stays_ahead_of_the_journal_after_restart_and_clock_set_back),
    cmocka_unit_test (test_hlc_stamp_outside_the_journal_is_remembered),
    cmocka_unit_test (test_hlc_stays_ahead_of_pulled_events_after_restart),
    cmocka_unit_test (test_event_ids_are_time_ordered_uuid_v7),
    cmocka_unit_test (test_outbox_read_skips_pushed_events),
    cmocka_unit_test (test_upgrade_keeps_what_waits_for_the_hub),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
