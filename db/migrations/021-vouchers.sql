-- 021: gift cards, vouchers and store credit.
--
-- A voucher's balance is the sum of its moves, never a stored figure:
-- issue (+), redeem (−) and void (−) are append-only rows, each written
-- with the journal event that carries it (event_id), so the moves of every
-- till meet on every till through sync and the sums agree everywhere.
-- kind: 'mpv' multi-purpose (VAT at redemption), 'spv' single-purpose
-- (VAT at issue, tax_code names the rate), 'credit' store credit from a
-- refund (a customer's, like an mpv).

CREATE TABLE voucher (
  code        TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('mpv', 'spv', 'credit')),
  tax_code    TEXT,
  customer_id INTEGER REFERENCES customer (id),
  expires_on  TEXT,
  issued_at   TEXT NOT NULL,
  issued_till TEXT NOT NULL
) STRICT;

CREATE TABLE voucher_move (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL REFERENCES voucher (code),
  kind       TEXT NOT NULL CHECK (kind IN ('issue', 'redeem', 'void')),
  amount     INTEGER NOT NULL CHECK ((kind = 'issue') = (amount > 0) AND amount <> 0),
  till_id    TEXT NOT NULL,
  receipt_no TEXT,
  created_at TEXT NOT NULL,
  event_id   TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX voucher_move_code ON voucher_move (code);

CREATE TRIGGER voucher_no_update BEFORE UPDATE ON voucher
BEGIN SELECT RAISE (ABORT, 'voucher is append-only'); END;
CREATE TRIGGER voucher_no_delete BEFORE DELETE ON voucher
BEGIN SELECT RAISE (ABORT, 'voucher is append-only'); END;
CREATE TRIGGER voucher_move_no_update BEFORE UPDATE ON voucher_move
BEGIN SELECT RAISE (ABORT, 'voucher_move is append-only'); END;
CREATE TRIGGER voucher_move_no_delete BEFORE DELETE ON voucher_move
BEGIN SELECT RAISE (ABORT, 'voucher_move is append-only'); END;

-- A voucher pays as a tender of its own ('voucher', the code as its
-- reference). SQLite cannot change a CHECK in place: payment is rebuilt
-- with its rows, ids, index, triggers and the report view that reads it.
DROP VIEW z_period_payment_of_rows;
DROP TRIGGER z_period_add_payment;
DROP TRIGGER payment_no_update;
DROP TRIGGER payment_no_delete;

CREATE TABLE payment_new (
  id        INTEGER PRIMARY KEY,
  sale_id   INTEGER NOT NULL REFERENCES sale (id),
  method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'points', 'voucher')),
  amount    INTEGER NOT NULL,                -- minor units; negative on a refund
  reference TEXT,                            -- card terminal reference; the voucher's code
  points    INTEGER NOT NULL DEFAULT 0       -- loyalty points spent (method 'points')
) STRICT;
INSERT INTO payment_new (id, sale_id, method, amount, reference, points)
  SELECT id, sale_id, method, amount, reference, points FROM payment;
DROP TABLE payment;
ALTER TABLE payment_new RENAME TO payment;
CREATE INDEX payment_sale ON payment (sale_id);

CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment BEGIN SELECT RAISE (ABORT, 'payment is append-only'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment BEGIN SELECT RAISE (ABORT, 'payment is append-only'); END;

CREATE TRIGGER z_period_add_payment AFTER INSERT ON payment BEGIN
  INSERT INTO z_period_payment (till_id, number, method, count, amount, points)
  SELECT p.till_id, p.number, new.method, 1, new.amount, new.points
  FROM z_period p
  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.first_sale <= new.sale_id
  ORDER BY p.number DESC LIMIT 1
  ON CONFLICT (till_id, number, method) DO UPDATE SET
    count = count + 1, amount = amount + excluded.amount, points = points + excluded.points;
END;

CREATE VIEW z_period_payment_of_rows AS
  SELECT r.till_id, r.number, p.method, count (*) AS count, sum (p.amount) AS amount,
         sum (p.points) AS points
  FROM z_period_range r JOIN sale s ON s.id > r.after AND s.id <= r.upto AND s.till_id = r.till_id
  JOIN payment p ON p.sale_id = s.id
  GROUP BY r.till_id, r.number, p.method;
