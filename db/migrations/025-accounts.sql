-- 025: customer accounts (a tab) and layaway.
--
-- An account's balance is what the customer owes: the sum of its moves,
-- never a stored figure. charge (+) is a sale on account; payment (−) is
-- money paid against it, by cash or card; deposit (−) is money left in
-- advance; refund (−) is a refund of a sale on account; adjust (±) is a
-- correction a supervisor approved. Each move is written with the journal
-- event that carries it (event_id), so every till's moves meet on every
-- till through sync and the sums agree everywhere. shift_id is set on the
-- till that took a cash payment only: it counts into that shift's drawer.
--
-- The credit limit is a setting of the account: the last one set (by HLC)
-- holds on every till.

CREATE TABLE account (
  customer_id  INTEGER PRIMARY KEY REFERENCES customer (id),
  credit_limit INTEGER NOT NULL CHECK (credit_limit >= 0),
  set_hlc      TEXT NOT NULL,
  opened_at    TEXT NOT NULL
) STRICT;

CREATE TABLE account_move (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  kind        TEXT NOT NULL CHECK (kind IN ('charge', 'payment', 'deposit', 'refund', 'adjust')),
  amount      INTEGER NOT NULL CHECK (amount <> 0 AND (kind = 'adjust' OR (kind = 'charge') = (amount > 0))),
  method      TEXT CHECK (method IN ('cash', 'card')),
  reference   TEXT,
  receipt_no  TEXT,
  note        TEXT,
  till_id     TEXT NOT NULL,
  shift_id    INTEGER REFERENCES shift (id),
  created_at  TEXT NOT NULL,
  event_id    TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX account_move_customer ON account_move (customer_id, created_at);
CREATE INDEX account_move_shift ON account_move (shift_id) WHERE shift_id IS NOT NULL;

CREATE TRIGGER account_move_no_update BEFORE UPDATE ON account_move
BEGIN SELECT RAISE (ABORT, 'account_move is append-only'); END;
CREATE TRIGGER account_move_no_delete BEFORE DELETE ON account_move
BEGIN SELECT RAISE (ABORT, 'account_move is append-only'); END;

-- A sale on account pays with a tender of its own ('account'). SQLite
-- cannot change a CHECK in place: payment is rebuilt as in 021.
DROP VIEW z_period_payment_of_rows;
DROP TRIGGER z_period_add_payment;
DROP TRIGGER payment_no_update;
DROP TRIGGER payment_no_delete;

CREATE TABLE payment_new (
  id        INTEGER PRIMARY KEY,
  sale_id   INTEGER NOT NULL REFERENCES sale (id),
  method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'points', 'voucher', 'account')),
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
