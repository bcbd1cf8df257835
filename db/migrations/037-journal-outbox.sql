-- 037: what waits for the hub is a list of journal ids, not a mark on each event.
--
-- A push marked each event it sent with journal.pushed = 1. SQLite writes
-- a row whole when any of its columns changes, so every push wrote each
-- event's payload to the log a second time (about 4 MiB for 5,000 sale
-- events), in transactions that hold the store's one writer while the
-- cashier sells. journal_outbox holds the id of each event that has not
-- reached the hub; the event's own insert adds it, and a push deletes its
-- batch's ids once the hub committed them (about 200 KiB of log for the
-- same 5,000). Pulled events never enter it.
--
-- journal.pushed keeps what it held up to this version and is read and
-- written no more: dropping it would rewrite every journal row once, the
-- cost this migration removes.
CREATE TABLE journal_outbox (
  id INTEGER PRIMARY KEY                      -- journal.id
) STRICT;
INSERT INTO journal_outbox (id) SELECT id FROM journal WHERE pushed = 0;
DROP INDEX journal_unpushed;
