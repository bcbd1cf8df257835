-- 020: France's event log (JET, journal des événements techniques).
--
-- Under FR-NF525 the till keeps a signed record of what happens around the
-- sales: start-ups of the app and the admin tool, sign-ins and refused
-- sign-ins, exports, backups, restores, setting changes and closings. One
-- row per event, per till, numbered by seq; line is the chained, signed
-- line `fiscal verify` checks (app/fiscal/pos-nf525-jet.c). Its own table
-- and chain: fiscal_receipt holds the money lines the grand total adds up,
-- and these lines carry no amount. Append-only like every record.

CREATE TABLE fiscal_event (
  id          INTEGER PRIMARY KEY,
  till_id     TEXT NOT NULL,
  seq         INTEGER NOT NULL CHECK (seq > 0),
  kind        TEXT NOT NULL,
  occurred_at TEXT NOT NULL,            -- UTC, ISO 8601, as signed
  line        TEXT NOT NULL,
  UNIQUE (till_id, seq)
) STRICT;

CREATE TRIGGER fiscal_event_no_update BEFORE UPDATE ON fiscal_event
BEGIN SELECT RAISE (ABORT, 'fiscal_event is append-only'); END;
CREATE TRIGGER fiscal_event_no_delete BEFORE DELETE ON fiscal_event
BEGIN SELECT RAISE (ABORT, 'fiscal_event is append-only'); END;
