-- 031: a layaway is paid towards with a gift card or voucher, or with
-- loyalty points, as well as in cash or by card. A voucher payment names
-- the card's code as its reference (the card's own redeem move carries
-- the layaway's number); a points payment names the number of points
-- spent as its reference, its amount being what they were worth.
-- SQLite cannot change a CHECK in place: layaway_move is rebuilt with its
-- rows, ids, indexes, triggers and the view that reads it.
DROP VIEW layaway_reserved;
DROP TRIGGER layaway_move_no_update;
DROP TRIGGER layaway_move_no_delete;

CREATE TABLE layaway_move_new (
  id          INTEGER PRIMARY KEY,
  layaway_id  INTEGER NOT NULL REFERENCES layaway (id),
  kind        TEXT NOT NULL CHECK (kind IN ('payment', 'collect', 'cancel')),
  amount      INTEGER NOT NULL CHECK ((kind = 'payment') = (amount > 0) AND (kind = 'payment' OR amount <= 0)),
  method      TEXT CHECK (method IN ('cash', 'card', 'voucher', 'points')
                          AND (method IN ('cash', 'card') OR kind = 'payment')),
  reference   TEXT,
  receipt_no  TEXT,
  note        TEXT,
  till_id     TEXT NOT NULL,
  shift_id    INTEGER REFERENCES shift (id),
  created_at  TEXT NOT NULL,
  event_id    TEXT NOT NULL UNIQUE
) STRICT;
INSERT INTO layaway_move_new (id, layaway_id, kind, amount, method, reference, receipt_no, note, till_id,
                              shift_id, created_at, event_id)
  SELECT id, layaway_id, kind, amount, method, reference, receipt_no, note, till_id, shift_id, created_at,
         event_id FROM layaway_move;
DROP TABLE layaway_move;
ALTER TABLE layaway_move_new RENAME TO layaway_move;

CREATE INDEX layaway_move_layaway ON layaway_move (layaway_id, id);
CREATE INDEX layaway_move_shift ON layaway_move (shift_id) WHERE shift_id IS NOT NULL;

CREATE TRIGGER layaway_move_no_update BEFORE UPDATE ON layaway_move
BEGIN SELECT RAISE (ABORT, 'layaway_move is append-only'); END;
CREATE TRIGGER layaway_move_no_delete BEFORE DELETE ON layaway_move
BEGIN SELECT RAISE (ABORT, 'layaway_move is append-only'); END;

CREATE VIEW layaway_reserved AS
  SELECT l.product_id, sum (l.qty) AS qty
  FROM layaway_line l
  WHERE l.product_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM layaway_move m
                    WHERE m.layaway_id = l.layaway_id AND m.kind IN ('collect', 'cancel'))
  GROUP BY l.product_id;
