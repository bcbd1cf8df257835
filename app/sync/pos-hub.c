/* pos-hub.c — the PostgreSQL hub: schema, till roles, errors (see pos-hub.h). */
#include "pos-hub.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <gio/gio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "pos-picture-sync.h"

/* How long a hub may take to take a connection, or to answer on a kept one. */
#define CONNECT_TIMEOUT_S 10

GQuark
pos_sync_error_quark (void)
{
  return g_quark_from_static_string ("pos-sync-error-quark");
}

#define HUB_EVENT_PARTITIONS_TEXT "8"
#define HUB_SCHEMA_VERSION_TEXT G_STRINGIFY (POS_HUB_SCHEMA_VERSION)

/*
 * Whether a payload is text the views can read as jsonb. Parsing it as
 * jsonb builds and sorts every object only to drop it again: a sixth of a
 * push. The json type's parse checks the same grammar without building
 * anything; of what it lets through, jsonb refuses the escape \u0000 (its
 * text cannot hold a NUL), so a payload that has one is parsed as jsonb
 * too. jsonb also refuses a number whose exponent is beyond ±1000, which
 * no till writes (they write integers).
 */
#define PAYLOAD_IS_JSONB                                                                                     \
  "payload::json IS NOT NULL AND (strpos (payload, '\\u0000') = 0 OR payload::jsonb IS NOT NULL)"

/*
 * The hub schema (POS_HUB_SCHEMA_VERSION). Every statement can run again.
 *
 * The payload is kept as the till wrote it, byte for byte: the chain hashes
 * that text, and jsonb would reorder and respace it. The views read it as
 * jsonb, and a CHECK makes sure they can. The event's hash, checked at
 * insert, covers the payload: that proves it arrived whole. body_hash is
 * kept as the till sends it and trusted by no one: a till comparing its
 * events with the hub's hashes the payload the hub holds (pos-sync.c).
 *
 * received_tx and server_seq are the pull cursor's business: tills may not
 * write them (column grants below). Pulls walk (received_tx, server_seq)
 * below the oldest running transaction (pos-sync.c), so pushes of
 * different tills may run side by side: no till's open transaction holds
 * up another's.
 *
 * Every new event is checked at insert (hub_event_validate): it must be
 * the next link of its till's chain and hash to what it claims, the way
 * the till computes it (pos-journal.c): SHA-256 of prev_hash followed by
 * the canonical event text. A bad event is refused with its reason and
 * never reaches the other tills. The checks of one event live in
 * hub_event_problem and hub_event_key_problem. PostgreSQL cannot check
 * Ed25519, so the hub checks who signed: each event names its key, which
 * must be the one the till table holds for its till (from the till's first
 * till.key event; a new key must be announced under the old one). Every
 * pulling till checks the signatures themselves (pos-sync.c). Pushes of
 * one till queue on that till's row (a till may only lock its own: the
 * validator runs as the owner and checks the login first).
 *
 * shop_secret holds what every till of the shop must share but no store may
 * carry: the PIN pepper (pos-pepper.h). Tills may read it and add a missing
 * one, never change one; head office views do not show it.
 */
static const char hub_schema_sql[]
    = "CREATE TABLE IF NOT EXISTS hub_meta (\n"
      "  key   text PRIMARY KEY,\n"
      "  value text NOT NULL\n"
      ");\n"
      "CREATE TABLE IF NOT EXISTS till (\n"
      "  till_id    text PRIMARY KEY CHECK (till_id ~ '^[A-Za-z0-9_.-]{1,32}$'),\n"
      "  role_name  name NOT NULL UNIQUE,\n"
      "  created_at timestamptz NOT NULL DEFAULT now ()\n"
      ");\n"
      "CREATE TABLE IF NOT EXISTS shop_secret (\n"
      "  name       text PRIMARY KEY,\n"
      "  value      text NOT NULL,\n"
      "  created_at timestamptz NOT NULL DEFAULT now ()\n"
      ");\n"
      /* The key each till signs with (hex). */
      "ALTER TABLE till ADD COLUMN IF NOT EXISTS public_key text;\n"
      /* A hub older than version 4: Ed25519 over hash by the till's key, hex
       * ('' on events older than keys), and the key each event names. */
      "ALTER TABLE IF EXISTS event ADD COLUMN IF NOT EXISTS signature text NOT NULL DEFAULT '';\n"
      "ALTER TABLE IF EXISTS event ADD COLUMN IF NOT EXISTS public_key text NOT NULL DEFAULT '';\n"
      /* Version 7: a hub whose event table is one plain table (version 6 and
       * older) puts it aside here; its rows move into the partitioned table
       * below, in this same transaction. */
      "DO $$\n"
      "BEGIN\n"
      "  IF (SELECT relkind FROM pg_class WHERE oid = to_regclass ('event')) = 'r' THEN\n"
      "    DROP VIEW IF EXISTS sales_by_day, stock_by_product, stock_by_shop, transfer_received_twice;\n"
      "    DROP FUNCTION IF EXISTS hub_event_canonical (event), hub_event_problem (event, bigint, text),\n"
      "      hub_event_key_problem (event, text);\n"
      "    ALTER TABLE event RENAME TO event_unpartitioned;\n"
      "    ALTER TABLE event_unpartitioned DROP CONSTRAINT event_pkey,\n"
      "      DROP CONSTRAINT event_till_id_till_seq_key, DROP CONSTRAINT event_server_seq_key;\n"
      "    DROP INDEX IF EXISTS event_type, event_pull;\n"
      "  END IF;\n"
      "END $$;\n"
      /* Partitioned by till: every query of a push and of the chain checks
       * names one till, so it reads one partition's indexes, which grow with
       * an eighth of the chain's events. A unique key of a partitioned table
       * must hold the partition key, so an event's id is unique across tills
       * by event_id_claim below (hub_event_validate), not by `event`. */
      "CREATE TABLE IF NOT EXISTS event (\n"
      "  event_id    uuid NOT NULL,\n"
      "  till_id     text NOT NULL,\n"
      "  till_seq    bigint NOT NULL CHECK (till_seq >= 1),\n"
      "  type        text NOT NULL,\n"
      "  hlc         text NOT NULL,\n"
      "  payload     text NOT NULL CONSTRAINT event_payload_json CHECK (" PAYLOAD_IS_JSONB "),\n"
      "  body_hash   text NOT NULL,\n"
      "  prev_hash   text NOT NULL,\n"
      "  hash        text NOT NULL,\n"
      "  received_tx xid8 NOT NULL DEFAULT pg_current_xact_id (),\n"
      "  received_at timestamptz NOT NULL DEFAULT now (),\n"
      "  server_seq  bigint GENERATED ALWAYS AS IDENTITY,\n"
      "  signature   text NOT NULL DEFAULT '',\n"
      "  public_key  text NOT NULL DEFAULT '',\n"
      "  PRIMARY KEY (till_id, till_seq)\n"
      ") PARTITION BY HASH (till_id);\n"
      "DO $$\n"
      "BEGIN\n"
      "  FOR r IN 0 .. " HUB_EVENT_PARTITIONS_TEXT " - 1 LOOP\n"
      "    EXECUTE format ('CREATE TABLE IF NOT EXISTS %I PARTITION OF event\n"
      "                     FOR VALUES WITH (MODULUS " HUB_EVENT_PARTITIONS_TEXT ", REMAINDER %s)',\n"
      "                    'event_' || r, r);\n"
      "  END LOOP;\n"
      "END $$;\n"
      /* Version 10: an event's till is checked once per insert by
       * hub_event_validate, not by a foreign key, whose check is a query
       * per row; hub_till_keep keeps a till that has events. */
      "ALTER TABLE event DROP CONSTRAINT IF EXISTS event_till_id_fkey;\n"
      "CREATE INDEX IF NOT EXISTS event_pull ON event (received_tx, server_seq);\n"
      /* The rows of a version 6 hub, with their server_seq and transaction:
       * the tills' pull cursors stay valid. They were checked when they came. */
      "DO $$\n"
      "BEGIN\n"
      "  IF to_regclass ('event_unpartitioned') IS NOT NULL THEN\n"
      "    INSERT INTO event (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash,\n"
      "                       received_tx, received_at, server_seq, signature, public_key)\n"
      "      OVERRIDING SYSTEM VALUE\n"
      "      SELECT event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash,\n"
      "             received_tx, received_at, server_seq, signature, public_key\n"
      "      FROM event_unpartitioned ORDER BY server_seq;\n"
      "    PERFORM setval (pg_get_serial_sequence ('event', 'server_seq'),\n"
      "                    (SELECT coalesce (max (server_seq), 0) + 1 FROM event), false);\n"
      "    DROP TABLE event_unpartitioned;\n"
      "  END IF;\n"
      "END $$;\n"
      /* Version 9: an event id belongs to one event of the whole chain.
       * `event` can only hold it unique per till (its key must hold the
       * partition key); this table holds it unique across tills, so the
       * check at insert is one index entry per event instead of a look-up
       * in every partition, and two tills pushing the same id at once
       * queue on it instead of both going in. Filled from `event` once. */
      "DO $$\n"
      "BEGIN\n"
      "  IF to_regclass ('event_id_claim') IS NULL THEN\n"
      "    CREATE TABLE event_id_claim (\n"
      "      event_id uuid PRIMARY KEY,\n"
      "      till_id  text NOT NULL,\n"
      "      till_seq bigint NOT NULL\n"
      "    );\n"
      "    INSERT INTO event_id_claim SELECT event_id, till_id, till_seq FROM event ORDER BY server_seq\n"
      "      ON CONFLICT DO NOTHING;\n"
      "  END IF;\n"
      "END $$;\n"
      /* Version 12: an event costs a push what it must. Its key is the one
       * a push meets (a till's event pushed again), not (event_id, till_id),
       * which only repeated event_id_claim's. The views read the payload as
       * jsonb instead of a stored copy of it, which the payload's CHECK now
       * stands for (every held row had that copy, so it is valid). Only the
       * types the views look up are indexed, not the sales and refunds that
       * are most events and are read whole. server_seq alone is looked up
       * only once for a store that pulled before the cursor held a
       * transaction (pos-sync.c), not worth an index entry per event. */
      "DO $$\n"
      "BEGIN\n"
      "  IF to_regclass ('event_till_id_till_seq_key') IS NOT NULL THEN\n"
      "    ALTER TABLE event DROP CONSTRAINT event_pkey, DROP CONSTRAINT event_till_id_till_seq_key,\n"
      "      ADD PRIMARY KEY (till_id, till_seq);\n"
      "  END IF;\n"
      "  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'event'::regclass\n"
      "             AND attname = 'body') THEN\n"
      "    DROP VIEW IF EXISTS sales_by_day, stock_by_product, stock_by_shop, transfer_received_twice;\n"
      "    ALTER TABLE event DROP COLUMN body,\n"
      "      ADD CONSTRAINT event_payload_json CHECK (" PAYLOAD_IS_JSONB ") NOT VALID;\n"
      "  END IF;\n"
      "END $$;\n"
      /* Version 13: the payload's check as PAYLOAD_IS_JSONB says it. Every
       * held row passed the old one, which refused more. */
      "DO $$\n"
      "BEGIN\n"
      "  IF (SELECT pg_get_constraintdef (oid) FROM pg_constraint WHERE conrelid = 'event'::regclass\n"
      "      AND conname = 'event_payload_json') NOT LIKE '%strpos%' THEN\n"
      "    ALTER TABLE event DROP CONSTRAINT event_payload_json,\n"
      "      ADD CONSTRAINT event_payload_json CHECK (" PAYLOAD_IS_JSONB ") NOT VALID;\n"
      "  END IF;\n"
      "END $$;\n"
      /* Version 16: no CHECK that body_hash is the payload's hash. The
       * event's hash proves the payload at insert, and a till compares the
       * hash of what the hub holds, not body_hash (pos-sync.c); the CHECK
       * hashed every payload a second time on every push. */
      "DO $$\n"
      "DECLARE\n"
      "  c name;\n"
      "BEGIN\n"
      "  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'event'::regclass AND contype = 'c'\n"
      "           AND pg_get_constraintdef (oid) LIKE '%body_hash%' LOOP\n"
      "    EXECUTE format ('ALTER TABLE event DROP CONSTRAINT %I', c);\n"
      "  END LOOP;\n"
      "END $$;\n"
      "DROP INDEX IF EXISTS event_type, event_server_seq;\n"
      "CREATE INDEX IF NOT EXISTS event_looked_up_type ON event (type) WHERE type IN ('stock.receive',\n"
      "  'stock.adjust', 'stock.count', 'stock.transfer.sent', 'stock.transfer.received', 'till.shop');\n"
      /* Tills that announced a key before the hub kept it. */
      "UPDATE till t SET public_key = (SELECT e.payload::jsonb ->> 'public_key' FROM event e\n"
      "  WHERE e.till_id = t.till_id AND e.type = 'till.key' ORDER BY e.till_seq DESC LIMIT 1)\n"
      "  WHERE t.public_key IS NULL;\n"
      "DROP TRIGGER IF EXISTS event_serialize ON event;\n"
      "DROP FUNCTION IF EXISTS hub_event_serialize ();\n"
      /* The text the till hashes: members in key order, strings escaped as
       * to_json escapes them, the payload spliced in as stored. An event id
       * (a uuid) and a till id (checked against the till table before this
       * is asked) have nothing to escape. The three functions below are
       * plain SQL, STABLE as what they call, so that the planner writes
       * them into the query that checks an insert instead of calling a
       * function three times for every event. */
      "CREATE OR REPLACE FUNCTION hub_event_canonical (e event) RETURNS text\n"
      "  LANGUAGE sql STABLE AS $$\n"
      "SELECT '{\"event_id\":\"' || e.event_id::text || '\",\"hlc\":' || to_json (e.hlc)::text\n"
      "  || ',\"payload\":' || e.payload || ',\"till_id\":\"' || e.till_id\n"
      "  || '\",\"till_seq\":' || e.till_seq::text || ',\"type\":' || to_json (e.type)::text || '}'\n"
      "$$;\n"
      /* Why @e cannot follow (last_seq, last_hash) of its till; NULL when it
       * can. A restored till skips the seqs its replaced store used, and
       * says so in a journal.restored event covered by its hash. */
      "CREATE OR REPLACE FUNCTION hub_event_problem (e event, last_seq bigint, last_hash text)\n"
      "  RETURNS text LANGUAGE sql STABLE AS $$\n"
      "SELECT CASE\n"
      "  WHEN e.till_seq <> last_seq + 1 AND NOT (e.type = 'journal.restored'\n"
      "       AND (e.payload::jsonb ->> 'skipped_from')::bigint = last_seq + 1\n"
      "       AND (e.payload::jsonb ->> 'skipped_to')::bigint = e.till_seq - 1)\n"
      "    THEN format ('it is #%s but the hub holds till %s up to #%s', e.till_seq, e.till_id, last_seq)\n"
      "  WHEN e.prev_hash IS DISTINCT FROM last_hash\n"
      "    THEN format ('its previous hash %s is not the hash of #%s (%s)', left (e.prev_hash, 12),\n"
      "                 last_seq, left (last_hash, 12))\n"
      "  WHEN e.hash IS DISTINCT FROM encode (sha256 (convert_to (e.prev_hash || hub_event_canonical (e),\n"
      "                                                          'UTF8')), 'hex')\n"
      "    THEN 'its content does not match its hash'\n"
      "END\n"
      "$$;\n"
      /* Why @e may not carry its key, given its till's @registered one
       * (NULL before the till's first till.key event); NULL when it may. */
      "CREATE OR REPLACE FUNCTION hub_event_key_problem (e event, registered text)\n"
      "  RETURNS text LANGUAGE sql STABLE AS $$\n"
      "SELECT CASE\n"
      "  WHEN registered IS NULL AND e.type <> 'till.key' AND e.signature = '' AND e.public_key = ''\n"
      "    THEN NULL /* an event older than the till's key */\n"
      "  WHEN registered IS NULL AND e.type <> 'till.key'\n"
      "    THEN format ('till %s has no key on the hub: its first signed event must be its till.key "
      "event', e.till_id)\n"
      "  WHEN registered IS NULL AND e.public_key IS DISTINCT FROM (e.payload::jsonb ->> 'public_key')\n"
      "    THEN 'the first key of a till must sign its own till.key event'\n"
      "  WHEN registered IS NOT NULL AND e.public_key <> registered AND e.type = 'till.key'\n"
      "       AND e.public_key = (e.payload::jsonb ->> 'public_key')\n"
      "    THEN format ('it announces a new key %s for till %s signed with that new key: a key "
      "change must be signed with the till''s key on the hub, %s', left (e.public_key, 16), e.till_id, "
      "left (registered, 16))\n"
      "  WHEN registered IS NOT NULL AND e.public_key <> registered\n"
      "    THEN format ('it is signed with key %s, but the key of till %s on the hub is %s',\n"
      "                 left (e.public_key, 16), e.till_id, left (registered, 16))\n"
      /* Not '^[0-9a-f]{128}$': PostgreSQL's regex engine unrolls the bound
       * into a 128-state automaton, and matching it was a third of the
       * cost of a push. The length and a search for one wrong character
       * say the same. */
      "  WHEN length (e.signature) <> 128 OR e.signature ~ '[^0-9a-f]'\n"
      "    THEN 'it carries no signature'\n"
      "END\n"
      "$$;\n"
      /* Checks a whole insert at once, after its rows went in (a failure
       * undoes them all): set-based, so a push of 500 events costs one pass
       * of index look-ups instead of 500 runs of a PL/pgSQL row trigger.
       * Its queries are planned once per session: left to choose, PL/pgSQL
       * plans each anew for the first five pushes of a session (a custom
       * plan for their values), and their plans do not depend on the
       * values. A till keeps its session from sync to sync, so every push
       * after its first skips the planning; the first plans the chain's
       * look-up for every partition, once. */
      "CREATE OR REPLACE FUNCTION hub_event_validate () RETURNS trigger\n"
      "  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT\n"
      "  SET plan_cache_mode = force_generic_plan AS $$\n"
      "DECLARE\n"
      "  bad record;\n"
      "  claimed bigint;\n"
      "  total bigint := 0;\n"
      "  keys_announced boolean := false;\n"
      "  pushing record;\n"
      "  head record;\n"
      "  held_tills text[] := '{}';\n"
      "  held_seqs bigint[] := '{}';\n"
      "  held_hashes text[] := '{}';\n"
      "  key_tills text[] := '{}';\n"
      "  till_keys text[] := '{}';\n"
      "  registered text;\n"
      "BEGIN\n"
      "  IF NOT has_table_privilege (session_user, 'event', 'DELETE') THEN\n"
      "    SELECT a.till_id INTO bad FROM added a WHERE NOT EXISTS (SELECT 1 FROM till\n"
      "      WHERE till_id = a.till_id AND role_name = session_user) LIMIT 1;\n"
      "    IF FOUND THEN\n"
      "      RAISE EXCEPTION 'role % may not push events of till %', session_user, bad.till_id\n"
      "        USING ERRCODE = 'insufficient_privilege';\n"
      "    END IF;\n"
      "  END IF;\n"
      /* Where each pushing till's new events join its chain on the hub: the
       * event before the first of them and, when they leave gaps (a
       * restored till's skipped numbers, events the hub's owner deleted
       * pushed again), any held event inside. Asked till by till, so that
       * each query names its till and opens that till's partition only: a
       * look-up per event, its till a column of the insert, opened all
       * eight partitions' indexes and searched one for every event. */
      "  FOR pushing IN SELECT till_id, min (till_seq) AS first, max (till_seq) AS last, count (*) AS n,\n"
      "                        bool_or (type = 'till.key') AS announces\n"
      "                  FROM added GROUP BY 1 ORDER BY 1 LOOP\n"
      /* Pushes of one till queue here; what follows, each a statement of
       * its own, sees what the push before committed. The till's key is
       * read with its lock, once: the check below joins it instead of
       * looking the till up for every event. */
      "    SELECT t.public_key INTO registered FROM till t WHERE t.till_id = pushing.till_id\n"
      "      FOR NO KEY UPDATE;\n"
      "    IF NOT FOUND THEN\n"
      "      RAISE EXCEPTION 'till % is not on the hub: add it with mainstreet-admin hub add-till first',\n"
      "        pushing.till_id USING ERRCODE = 'foreign_key_violation';\n"
      "    END IF;\n"
      "    key_tills := key_tills || pushing.till_id;\n"
      "    till_keys := till_keys || registered;\n"
      "    total := total + pushing.n;\n"
      "    keys_announced := keys_announced OR pushing.announces;\n"
      "    SELECT e.till_seq, e.hash, e.received_tx INTO head FROM event e\n"
      "      WHERE e.till_id = pushing.till_id AND e.till_seq < pushing.first\n"
      "      ORDER BY e.till_seq DESC LIMIT 1;\n"
      "    IF FOUND THEN\n"
      /* A push that got its transaction id before an earlier push of the
       * same till committed would sort before it on pull. */
      "      IF head.received_tx > pg_current_xact_id () THEN\n"
      "        RAISE EXCEPTION 'another push of till % went first: sync again', pushing.till_id\n"
      "          USING ERRCODE = 'serialization_failure';\n"
      "      END IF;\n"
      "      held_tills := held_tills || pushing.till_id;\n"
      "      held_seqs := held_seqs || head.till_seq;\n"
      "      held_hashes := held_hashes || head.hash;\n"
      "    END IF;\n"
      "    IF pushing.last - pushing.first + 1 > pushing.n THEN\n"
      "      SELECT held_tills || array_agg (e.till_id), held_seqs || array_agg (e.till_seq),\n"
      "             held_hashes || array_agg (e.hash) INTO held_tills, held_seqs, held_hashes\n"
      "        FROM event e WHERE e.till_id = pushing.till_id\n"
      "        AND e.till_seq > pushing.first AND e.till_seq < pushing.last\n"
      "        AND NOT EXISTS (SELECT 1 FROM added a WHERE a.till_id = e.till_id AND a.till_seq = "
      "e.till_seq);\n"
      "    END IF;\n"
      "  END LOOP;\n"
      /* Each event's link to the one before it (held or in this insert), its
       * hash and its key (the till's, or one announced earlier in this
       * insert, looked for only when the insert announces one); the first
       * in chain order that fails is named. */
      "  WITH announced AS MATERIALIZED (SELECT till_id, till_seq, payload::jsonb ->> 'public_key' AS "
      "public_key\n"
      "                     FROM added WHERE type = 'till.key'),\n"
      "  links AS (SELECT till_id, till_seq, hash, true AS pushed FROM added\n"
      "            UNION ALL SELECT h.*, false FROM unnest (held_tills, held_seqs, held_hashes) h),\n"
      "  prev AS (SELECT till_id, till_seq, pushed, lag (till_seq) OVER w AS till_seq_before,\n"
      "                  lag (hash) OVER w AS hash_before\n"
      "           FROM links WINDOW w AS (PARTITION BY till_id ORDER BY till_seq))\n"
      "  SELECT a.event_id, a.till_id, a.till_seq, p.problem INTO bad\n"
      "  FROM added a\n"
      "  JOIN prev ON prev.pushed AND prev.till_id = a.till_id AND prev.till_seq = a.till_seq\n"
      "  JOIN unnest (key_tills, till_keys) AS till_key (till_id, public_key)\n"
      "    ON till_key.till_id = a.till_id\n"
      "  CROSS JOIN LATERAL (SELECT coalesce (\n"
      "                        CASE WHEN keys_announced THEN (SELECT k.public_key FROM announced k\n"
      "                          WHERE k.till_id = a.till_id AND k.till_seq < a.till_seq\n"
      "                          ORDER BY k.till_seq DESC LIMIT 1) END,\n"
      "                        till_key.public_key) AS registered\n"
      /* OFFSET 0 keeps the key a column: a sub-select passed straight in
       * would keep hub_event_key_problem from being written in. */
      "                      OFFSET 0) r\n"
      "  CROSS JOIN LATERAL (SELECT coalesce (\n"
      "    hub_event_problem (a, coalesce (prev.till_seq_before, 0),\n"
      "                       coalesce (prev.hash_before, repeat ('0', 64))),\n"
      "    hub_event_key_problem (a, r.registered)) AS problem) p\n"
      "  WHERE p.problem IS NOT NULL\n"
      "  ORDER BY a.till_id, a.till_seq LIMIT 1;\n"
      "  IF FOUND THEN\n"
      "    RAISE EXCEPTION 'Event % of till % #% refused: %', bad.event_id, bad.till_id, bad.till_seq,\n"
      "      bad.problem USING ERRCODE = 'check_violation';\n"
      "  END IF;\n"
      /* Each event's id, claimed for it for good. The claims go in plainly;
       * only when an id is claimed already are they made again with ON
       * CONFLICT, whose careful insert would cost every claim of every
       * push. A claim of the same till and seq is this event pushed again
       * after the hub's owner deleted it; an id claimed by another event is
       * named. */
      "  BEGIN\n"
      "    INSERT INTO event_id_claim SELECT event_id, till_id, till_seq FROM added;\n"
      "    claimed := total;\n"
      "  EXCEPTION WHEN unique_violation THEN\n"
      "    INSERT INTO event_id_claim SELECT event_id, till_id, till_seq FROM added ON CONFLICT DO NOTHING;\n"
      "    GET DIAGNOSTICS claimed = ROW_COUNT;\n"
      "  END;\n"
      "  IF claimed < total THEN\n"
      "    SELECT a.event_id, a.till_id, a.till_seq, c.till_id AS holder, c.till_seq AS holder_seq INTO bad\n"
      "      FROM added a JOIN event_id_claim c USING (event_id)\n"
      "      WHERE (c.till_id, c.till_seq) <> (a.till_id, a.till_seq)\n"
      "      ORDER BY a.till_id, a.till_seq LIMIT 1;\n"
      "    IF FOUND THEN\n"
      "      RAISE EXCEPTION 'Event % of till % #% refused: its id is taken by till % #%', bad.event_id,\n"
      "        bad.till_id, bad.till_seq, bad.holder, bad.holder_seq USING ERRCODE = 'check_violation';\n"
      "    END IF;\n"
      "  END IF;\n"
      "  IF keys_announced THEN\n"
      "    UPDATE till t SET public_key = k.public_key\n"
      "      FROM (SELECT DISTINCT ON (till_id) till_id, payload::jsonb ->> 'public_key' AS public_key\n"
      "            FROM added WHERE type = 'till.key' ORDER BY till_id, till_seq DESC) k\n"
      "      WHERE t.till_id = k.till_id;\n"
      "  END IF;\n"
      "  RETURN NULL;\n"
      "END $$;\n"
      /* What the foreign key did on the till's side. */
      "CREATE OR REPLACE FUNCTION hub_till_keep () RETURNS trigger\n"
      "  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$\n"
      "BEGIN\n"
      "  IF (TG_OP = 'DELETE' OR NEW.till_id <> OLD.till_id)\n"
      "     AND EXISTS (SELECT 1 FROM event WHERE till_id = OLD.till_id) THEN\n"
      "    RAISE EXCEPTION 'till % has events on the hub: it cannot be removed or renamed', OLD.till_id\n"
      "      USING ERRCODE = 'foreign_key_violation';\n"
      "  END IF;\n"
      "  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;\n"
      "END $$;\n"
      "DROP TRIGGER IF EXISTS till_keep ON till;\n"
      "CREATE TRIGGER till_keep BEFORE DELETE OR UPDATE OF till_id ON till\n"
      "  FOR EACH ROW EXECUTE FUNCTION hub_till_keep ();\n"
      "DROP TRIGGER IF EXISTS event_validate ON event;\n"
      "CREATE TRIGGER event_validate AFTER INSERT ON event REFERENCING NEW TABLE AS added\n"
      "  FOR EACH STATEMENT EXECUTE FUNCTION hub_event_validate ();\n"
      "ALTER TABLE event ENABLE ROW LEVEL SECURITY;\n"
      "DROP POLICY IF EXISTS event_read ON event;\n"
      "CREATE POLICY event_read ON event FOR SELECT USING (true);\n"
      "DROP POLICY IF EXISTS event_insert_own ON event;\n"
      /* The role's tills are read once per insert (an uncorrelated
       * sub-select is an init plan), and each row compared with them: an
       * EXISTS naming the row's till looked the till up for every event. */
      "CREATE POLICY event_insert_own ON event FOR INSERT WITH CHECK (\n"
      "  till_id = ANY (ARRAY (SELECT t.till_id FROM till t WHERE t.role_name = current_user)));\n"
      /* Head office: sales per business day and till, from the sale bodies.
       * Each view reads an event's payload as jsonb once, as `body`. */
      "CREATE OR REPLACE VIEW sales_by_day AS\n"
      "SELECT body ->> 'business_day' AS business_day, till_id,\n"
      "       count (*) FILTER (WHERE type = 'sale') AS sales,\n"
      "       count (*) FILTER (WHERE type = 'refund') AS refunds,\n"
      "       sum ((body ->> 'total')::bigint + (body ->> 'rounding')::bigint) AS total,\n"
      "       sum ((body ->> 'tax_total')::bigint) AS tax_total\n"
      "FROM event, CAST (payload AS jsonb) body WHERE type IN ('sale', 'refund')\n"
      "GROUP BY 1, 2;\n"
      /* Stock by product: the sum of every stock-affecting event. */
      "CREATE OR REPLACE VIEW stock_by_product AS\n"
      "SELECT sku, sum (qty)::bigint AS qty FROM (\n"
      "  SELECT l ->> 'sku' AS sku, -((l ->> 'qty')::bigint) AS qty\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'lines') l\n"
      "    WHERE e.type IN ('sale', 'refund')\n"
      "  UNION ALL SELECT i ->> 'sku', (i ->> 'qty')::bigint\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'items') i\n"
      "    WHERE e.type = 'stock.receive'\n"
      "  UNION ALL SELECT body ->> 'sku', (body ->> 'qty')::bigint\n"
      "    FROM event, CAST (payload AS jsonb) body WHERE type = 'stock.adjust'\n"
      "  UNION ALL SELECT i ->> 'sku', (i ->> 'delta')::bigint\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'items') i\n"
      "    WHERE e.type = 'stock.count'\n"
      "  UNION ALL SELECT i ->> 'sku', CASE WHEN e.type = 'stock.transfer.sent' THEN -1 ELSE 1 END\n"
      "                               * (i ->> 'qty')::bigint\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'items') i\n"
      "    WHERE e.type IN ('stock.transfer.sent', 'stock.transfer.received')\n"
      "      AND (e.type = 'stock.transfer.sent' OR e.server_seq = (SELECT min (f.server_seq) FROM event f\n"
      "      WHERE f.type = 'stock.transfer.received' AND f.payload::jsonb ->> 'reference' = body ->> "
      "'reference'))\n"
      ") m GROUP BY sku;\n"
      /* Stock by shop: each stock-affecting event counts in the shop its
       * till belonged to when it wrote it (its latest till.shop event
       * before; 'main' when none). A transfer in transit is in neither. */
      "CREATE OR REPLACE VIEW stock_by_shop AS\n"
      "WITH moves AS (\n"
      "  SELECT e.till_id, e.till_seq, l ->> 'sku' AS sku, -((l ->> 'qty')::bigint) AS qty\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'lines') l\n"
      "    WHERE e.type IN ('sale', 'refund')\n"
      "  UNION ALL SELECT e.till_id, e.till_seq, i ->> 'sku', (i ->> 'qty')::bigint\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'items') i\n"
      "    WHERE e.type = 'stock.receive'\n"
      "  UNION ALL SELECT till_id, till_seq, body ->> 'sku', (body ->> 'qty')::bigint\n"
      "    FROM event, CAST (payload AS jsonb) body WHERE type = 'stock.adjust'\n"
      "  UNION ALL SELECT e.till_id, e.till_seq, i ->> 'sku', (i ->> 'delta')::bigint\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'items') i\n"
      "    WHERE e.type = 'stock.count'\n"
      "  UNION ALL SELECT e.till_id, e.till_seq, i ->> 'sku',\n"
      "                   CASE WHEN e.type = 'stock.transfer.sent' THEN -1 ELSE 1 END * (i ->> "
      "'qty')::bigint\n"
      "    FROM event e, CAST (e.payload AS jsonb) body, jsonb_array_elements (body -> 'items') i\n"
      "    WHERE e.type IN ('stock.transfer.sent', 'stock.transfer.received')\n"
      "      AND (e.type = 'stock.transfer.sent' OR e.server_seq = (SELECT min (f.server_seq) FROM event f\n"
      "      WHERE f.type = 'stock.transfer.received' AND f.payload::jsonb ->> 'reference' = body ->> "
      "'reference')))\n"
      "SELECT coalesce ((SELECT s.payload::jsonb ->> 'shop' FROM event s WHERE s.till_id = m.till_id\n"
      "                  AND s.type = 'till.shop' AND s.till_seq < m.till_seq\n"
      "                  ORDER BY s.till_seq DESC LIMIT 1), 'main') AS shop,\n"
      "       sku, sum (qty)::bigint AS qty\n"
      "FROM moves m GROUP BY 1, 2;\n"
      /* A transfer received by two tills of its shop while both were
       * offline: the first to reach the hub counts, the others are listed
       * here for the owner (and alarmed on every till). */
      "CREATE OR REPLACE VIEW transfer_received_twice AS\n"
      "SELECT body ->> 'reference' AS transfer, count (*) AS receipts,\n"
      "       string_agg (till_id, ',' ORDER BY server_seq) AS tills\n"
      "FROM event, CAST (payload AS jsonb) body WHERE type = 'stock.transfer.received'\n"
      "GROUP BY 1 HAVING count (*) > 1;\n"
      "INSERT INTO hub_meta (key, value) VALUES ('hub_id', gen_random_uuid ()::text)\n"
      "  ON CONFLICT (key) DO NOTHING;\n"
      "INSERT INTO hub_meta (key, value) VALUES ('schema_version', '" HUB_SCHEMA_VERSION_TEXT "')\n"
      "  ON CONFLICT (key) DO UPDATE SET value = excluded.value;\n";

/* What a till role may do, granted to the group role (%s, quoted). */
static const char hub_grants_fmt[]
    = "GRANT USAGE ON SCHEMA %s TO %s;\n"
      "GRANT SELECT ON hub_meta, till, event, sales_by_day, stock_by_product, stock_by_shop, "
      "transfer_received_twice TO %s;\n"
      "GRANT INSERT (event_id, till_id, till_seq, type, hlc, payload, body_hash, prev_hash, hash, signature, "
      "public_key) ON event TO %s;\n"
      "GRANT SELECT, INSERT (name, value) ON shop_secret TO %s;\n"
      "REVOKE ALL ON hub_meta, till, event, event_id_claim, shop_secret FROM PUBLIC;\n";

/* libpq's messages run over several lines; the command line promises one. */
static char *
one_line (const char *message)
{
  g_auto (GStrv) words = g_strsplit_set (message, " \t\n", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static PosSyncErrorCode
code_for_sqlstate (const char *state)
{
  if (state == NULL)
    return POS_SYNC_ERROR_OFFLINE; /* no answer at all: the connection broke */
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    return POS_SYNC_ERROR_OFFLINE; /* connection exception, admin shutdown, terminated */
  if (g_str_has_prefix (state, "28") || g_str_equal (state, "42501"))
    return POS_SYNC_ERROR_DENIED; /* auth, insufficient privilege, row-level security */
  return POS_SYNC_ERROR_HUB;
}

gboolean
pos_hub_set_error (PGconn *conn, const PGresult *result, const char *what, GError **error)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result ? PQresultErrorMessage (result) : NULL;
  g_autofree char *text = NULL;
  PosSyncErrorCode code;

  if (message == NULL || *message == '\0')
    message = conn ? PQerrorMessage (conn) : "no connection";
  code = PQstatus (conn) == CONNECTION_BAD ? POS_SYNC_ERROR_OFFLINE : code_for_sqlstate (state);
  text = one_line (message);
  g_set_error (error, POS_SYNC_ERROR, code, "%s: %s", what, *text ? text : "the hub did not answer");
  return FALSE;
}

/* A host or hostaddr entry on this machine: a Unix socket folder (or an
 * abstract socket), localhost, or a loopback address. */
static gboolean
is_local_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (*host == '\0' || *host == '/' || *host == '@' || g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Whether every host libpq may try is local; with hostaddr given, those
 * addresses are what it connects to. */
static gboolean
all_hosts_local (const char *host, const char *hostaddr)
{
  g_auto (GStrv) hosts = g_strsplit (hostaddr && *hostaddr ? hostaddr : host ? host : "", ",", -1);

  for (guint i = 0; hosts[i] != NULL; i++)
    if (!is_local_host (g_strstrip (hosts[i])))
      return FALSE;
  return TRUE;
}

gboolean
pos_hub_check_tls (const char *conninfo, gboolean allow_insecure, GError **error)
{
  char *message = NULL;
  PQconninfoOption *options = NULL;
  const char *host = NULL, *hostaddr = NULL, *sslmode = NULL;
  gboolean ok;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  options = PQconninfoParse (conninfo, &message);
  if (options == NULL)
    {
      g_autofree char *text = one_line (message ? message : "out of memory");

      PQfreemem (message);
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB, _ ("The hub connection string is wrong: %s"),
                   text);
      return FALSE;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "hostaddr"))
        hostaddr = o->val;
      else if (g_str_equal (o->keyword, "sslmode"))
        sslmode = o->val;
    }
  ok = allow_insecure || g_strcmp0 (sslmode, "verify-full") == 0 || all_hosts_local (host, hostaddr);
  if (!ok)
    g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_INSECURE,
                 _ ("The hub at %s is not on this machine and the connection is not checked TLS "
                    "(sslmode=%s): add sslmode=verify-full and sslrootcert=… to the connection string, or "
                    "opt out explicitly with --insecure-hub or the setting hub_allow_insecure=1"),
                 hostaddr && *hostaddr ? hostaddr : host, sslmode ? sslmode : "prefer");
  PQconninfoFree (options);
  return ok;
}

/* Server notices (a drop cascading, a schema already there) are for the
 * debug log, not for the till's terminal. */
static void
log_notice (void *data, const char *message)
{
  g_debug ("hub: %s", message);
}

PGconn *
pos_hub_connect (const char *conninfo, GError **error)
{
  /* Defaults first: settings in @conninfo (expanded from dbname) win. A
   * hub that stops answering mid-push is noticed within a minute
   * (keepalives, unacknowledged data) instead of when the kernel gives up. */
  const char *const keys[] = { "connect_timeout",     "keepalives",       "keepalives_idle",
                               "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                               "application_name",    "dbname",           NULL };
  const char *const values[]
      = { G_STRINGIFY (CONNECT_TIMEOUT_S), "1", "30", "10", "3", "60000", "mainstreet", conninfo, NULL };
  g_autoptr (PGconn) conn = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  conn = PQconnectdbParams (keys, values, 1);
  if (conn == NULL)
    {
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_OFFLINE,
                   _ ("Cannot connect to the hub: out of memory"));
      return NULL;
    }
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *text = one_line (PQerrorMessage (conn));
      gboolean denied = strstr (text, "authentication") != NULL || strstr (text, "password") != NULL
                        || strstr (text, "permission denied") != NULL;

      g_set_error (error, POS_SYNC_ERROR, denied ? POS_SYNC_ERROR_DENIED : POS_SYNC_ERROR_OFFLINE,
                   _ ("Cannot connect to the hub: %s"), text);
      return NULL;
    }
  PQsetNoticeProcessor (conn, log_notice, NULL);
  return g_steal_pointer (&conn);
}

/* The connection's connect_timeout in ms (pos_hub_connect()'s default
 * unless its connection string set one). */
static int
connect_timeout_ms (PGconn *conn)
{
  PQconninfoOption *options = PQconninfo (conn);
  int seconds = CONNECT_TIMEOUT_S;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "connect_timeout") && o->val != NULL && atoi (o->val) > 0)
      seconds = atoi (o->val);
  PQconninfoFree (options);
  return seconds * 1000;
}

gboolean
pos_hub_answers (PGconn *conn)
{
  gint64 until;
  gboolean answered = TRUE;
  PGresult *result;

  g_return_val_if_fail (conn != NULL, FALSE);

  if (PQstatus (conn) != CONNECTION_OK || PQtransactionStatus (conn) != PQTRANS_IDLE
      || !PQsendQuery (conn, ""))
    return FALSE;
  until = g_get_monotonic_time () + (gint64)connect_timeout_ms (conn) * 1000;
  while (PQisBusy (conn))
    {
      struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
      gint64 left_ms = (until - g_get_monotonic_time ()) / 1000;
      int ready = left_ms > 0 ? poll (&fd, 1, (int)left_ms) : 0;

      if ((ready < 0 && errno != EINTR) || ready == 0 || !PQconsumeInput (conn))
        return FALSE;
    }
  while ((result = PQgetResult (conn)) != NULL)
    {
      answered = answered && PQresultStatus (result) == PGRES_EMPTY_QUERY;
      PQclear (result);
    }
  return answered && PQtransactionStatus (conn) == PQTRANS_IDLE;
}

void
pos_hub_array_append (GString *array, const char *text)
{
  g_return_if_fail (array != NULL && array->len > 0 && text != NULL);

  if (array->len > 1)
    g_string_append_c (array, ',');
  g_string_append_c (array, '"');
  /* Whole runs at once: a payload is hundreds of characters, nearly none
   * of which need escaping. */
  for (;;)
    {
      size_t run = strcspn (text, "\"\\");

      g_string_append_len (array, text, (gssize)run);
      text += run;
      if (*text == '\0')
        break;
      g_string_append_c (array, '\\');
      g_string_append_c (array, *text++);
    }
  g_string_append_c (array, '"');
}

gboolean
pos_hub_exec (PGconn *conn, const char *sql, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  ExecStatusType status;

  g_return_val_if_fail (conn != NULL && sql != NULL, FALSE);

  result = PQexec (conn, sql);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;
  return pos_hub_set_error (conn, result, "The hub refused a command", error);
}

/* One text value of a query without parameters. */
static char *
query_text (PGconn *conn, const char *sql, GError **error)
{
  g_autoptr (PGresult) result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    return pos_hub_set_error (conn, result, "The hub refused a query", error), NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

char *
pos_hub_role_name (const char *dbname, const char *till_id)
{
  g_autofree char *raw = NULL;

  g_return_val_if_fail (dbname != NULL && till_id != NULL, NULL);

  raw = g_ascii_strdown (till_id, -1);
  g_strcanon (raw, "abcdefghijklmnopqrstuvwxyz0123456789_", '_');
  return g_strdup_printf ("%s_till_%s", dbname, raw);
}

static char *
group_role_name (const char *dbname)
{
  return g_strdup_printf ("%s_tills", dbname);
}

/* A quoted identifier for SQL text (roles and schemas cannot be bound). */
static char *
quote_ident (PGconn *conn, const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);
  return copy;
}

/* Creates the group role unless it exists (roles are cluster-wide). */
static gboolean
ensure_group_role (PGconn *conn, const char *group, GError **error)
{
  static const char sql[] = "SELECT 1 FROM pg_roles WHERE rolname = $1";
  const char *params[] = { group };
  g_autoptr (PGresult) result = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
  g_autofree char *quoted = NULL;
  g_autofree char *create = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, result, "Cannot look up roles", error);
  if (PQntuples (result) == 1)
    return TRUE;
  quoted = quote_ident (conn, group);
  create = g_strdup_printf ("CREATE ROLE %s NOLOGIN", quoted);
  return pos_hub_exec (conn, create, error);
}

/*
 * Server-side limits on a till's login, so that a frozen or hostile
 * connection holds nothing for long: a statement, a wait for a lock, and a
 * transaction left open between commands all end on the server's clock.
 */
static const char till_limits_fmt[]
    = "ALTER ROLE %s SET statement_timeout = '" POS_HUB_TILL_STATEMENT_TIMEOUT "';\n"
      "ALTER ROLE %s SET lock_timeout = '" POS_HUB_TILL_LOCK_TIMEOUT "';\n"
      "ALTER ROLE %s SET idle_in_transaction_session_timeout = '" POS_HUB_TILL_IDLE_TIMEOUT "';\n";

static gboolean
limit_till_role (PGconn *conn, const char *role, GError **error)
{
  g_autofree char *q_role = quote_ident (conn, role);
  g_autofree char *sql = g_strdup_printf (till_limits_fmt, q_role, q_role, q_role);

  return pos_hub_exec (conn, sql, error);
}

/* Tills added by an older version get the limits when the hub is set up again. */
static gboolean
limit_all_till_roles (PGconn *conn, GError **error)
{
  g_autoptr (PGresult) result = PQexec (conn, "SELECT role_name FROM till t JOIN pg_roles r "
                                              "ON r.rolname = t.role_name");

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, result, "Cannot list the tills", error);
  for (int row = 0; row < PQntuples (result); row++)
    if (!limit_till_role (conn, PQgetvalue (result, row, 0), error))
      return FALSE;
  return TRUE;
}

static gboolean
init_in_transaction (PGconn *conn, GError **error)
{
  g_autofree char *dbname = NULL, *schema = NULL, *group = NULL;
  g_autofree char *q_group = NULL, *q_schema = NULL, *grants = NULL;

  if (!pos_hub_exec (conn, "SET LOCAL client_min_messages = warning", error)
      || !pos_hub_exec (conn, hub_schema_sql, error))
    return FALSE;
  dbname = query_text (conn, "SELECT current_database ()", error);
  schema = dbname ? query_text (conn, "SELECT current_schema ()", error) : NULL;
  if (schema == NULL)
    return FALSE;
  group = group_role_name (dbname);
  if (!ensure_group_role (conn, group, error))
    return FALSE;
  q_group = quote_ident (conn, group);
  q_schema = quote_ident (conn, schema);
  grants = g_strdup_printf (hub_grants_fmt, q_schema, q_group, q_group, q_group, q_group);
  return pos_hub_exec (conn, grants, error) && pos_picture_sync_hub_schema (conn, q_group, error)
         && limit_all_till_roles (conn, error);
}

gboolean
pos_hub_init (PGconn *conn, GError **error)
{
  g_return_val_if_fail (conn != NULL, FALSE);

  if (!pos_hub_exec (conn, "BEGIN", error))
    return FALSE;
  if (!init_in_transaction (conn, error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      g_prefix_error (error, _ ("Cannot set up the hub: "));
      return FALSE;
    }
  return pos_hub_exec (conn, "COMMIT", error);
}

/* CREATE ROLE … LOGIN or, for a till added again, ALTER ROLE: with the
 * password as a SCRAM verifier so it never reaches the server's logs. */
static gboolean
create_till_role (PGconn *conn, const char *role, const char *group, const char *password, GError **error)
{
  static const char exists_sql[] = "SELECT 1 FROM pg_roles WHERE rolname = $1";
  const char *params[] = { role };
  g_autoptr (PGresult) result = PQexecParams (conn, exists_sql, 1, NULL, params, NULL, NULL, 0);
  g_autofree char *q_role = quote_ident (conn, role);
  g_autofree char *q_group = quote_ident (conn, group);
  g_autofree char *sql = NULL;
  char *verifier, *literal;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return pos_hub_set_error (conn, result, "Cannot look up roles", error);
  verifier = PQencryptPasswordConn (conn, password, role, "scram-sha-256");
  if (verifier == NULL)
    return pos_hub_set_error (conn, NULL, "Cannot hash the till's password", error);
  literal = PQescapeLiteral (conn, verifier, strlen (verifier));
  PQfreemem (verifier);
  if (PQntuples (result) == 1)
    sql = g_strdup_printf ("ALTER ROLE %s LOGIN PASSWORD %s; GRANT %s TO %s", q_role, literal, q_group,
                           q_role);
  else
    sql = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD %s IN ROLE %s", q_role, literal, q_group);
  PQfreemem (literal);
  return pos_hub_exec (conn, sql, error);
}

static gboolean
record_till (PGconn *conn, const char *till_id, const char *role, GError **error)
{
  static const char sql[] = "INSERT INTO till (till_id, role_name) VALUES ($1, $2) "
                            "ON CONFLICT (till_id) DO NOTHING";
  static const char check_sql[] = "SELECT role_name FROM till WHERE till_id = $1";
  const char *params[] = { till_id, role };
  g_autoptr (PGresult) insert = PQexecParams (conn, sql, 2, NULL, params, NULL, NULL, 0);
  g_autoptr (PGresult) check = NULL;

  if (PQresultStatus (insert) != PGRES_COMMAND_OK)
    return pos_hub_set_error (conn, insert, "Cannot record the till", error);
  check = PQexecParams (conn, check_sql, 1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (check) != PGRES_TUPLES_OK || PQntuples (check) != 1)
    return pos_hub_set_error (conn, check, "Cannot record the till", error);
  if (!g_str_equal (PQgetvalue (check, 0, 0), role))
    {
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB, _ ("Till %s is already on the hub as role %s"),
                   till_id, PQgetvalue (check, 0, 0));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_till_in_transaction (PGconn *conn, const char *till_id, const char *password, char **role_name,
                         GError **error)
{
  g_autofree char *dbname = query_text (conn, "SELECT current_database ()", error);
  g_autofree char *role = NULL, *group = NULL;

  if (dbname == NULL)
    return FALSE;
  role = pos_hub_role_name (dbname, till_id);
  group = group_role_name (dbname);
  if (!create_till_role (conn, role, group, password, error) || !limit_till_role (conn, role, error)
      || !record_till (conn, till_id, role, error))
    return FALSE;
  if (role_name != NULL)
    *role_name = g_steal_pointer (&role);
  return TRUE;
}

gboolean
pos_hub_add_till (PGconn *conn, const char *till_id, const char *password, char **role_name, GError **error)
{
  g_return_val_if_fail (conn != NULL && till_id != NULL && password != NULL, FALSE);

  if (!g_regex_match_simple ("^[A-Za-z0-9_.-]{1,32}$", till_id, 0, 0))
    {
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                   _ ("“%s” cannot be a till id: use 1 to 32 letters, digits, “_”, “.” or “-”"), till_id);
      return FALSE;
    }
  if (strlen (password) < 8)
    {
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                   _ ("A till's password needs at least 8 characters"));
      return FALSE;
    }
  if (!pos_hub_exec (conn, "BEGIN", error))
    return FALSE;
  if (!add_till_in_transaction (conn, till_id, password, role_name, error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return pos_hub_exec (conn, "COMMIT", error);
}

/* A conninfo value, quoted when it must be: empty, or holding a space, a
 * quote or a backslash. */
static void
append_conninfo_value (GString *out, const char *value)
{
  if (*value != '\0' && strpbrk (value, " \t\n'\\") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '\'');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

char *
pos_hub_till_conninfo (const char *hub_conninfo, const char *role, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  char *message = NULL;
  PQconninfoOption *options;

  g_return_val_if_fail (hub_conninfo != NULL && role != NULL, NULL);

  options = PQconninfoParse (hub_conninfo, &message);
  if (options == NULL)
    {
      g_set_error (error, POS_SYNC_ERROR, POS_SYNC_ERROR_HUB,
                   _ ("The hub connection string does not parse: %s"),
                   message ? g_strchomp (message) : "out of memory");
      PQfreemem (message);
      return NULL;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || g_str_equal (o->keyword, "user") || g_str_equal (o->keyword, "password"))
        continue;
      g_string_append_printf (out, "%s=", o->keyword);
      append_conninfo_value (out, o->val);
      g_string_append_c (out, ' ');
    }
  PQconninfoFree (options);
  g_string_append (out, "user=");
  append_conninfo_value (out, role);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
