-- 028: layaway (lay-by): goods reserved for a named customer who pays in
-- parts and collects them once they are paid for.
--
-- A layaway copies the basket as the customer saw it (cart_json, so the
-- prices promised hold at collection) and its lines (layaway_line, so the
-- reserved quantities are figures SQL can sum). What happens to it later
-- is a move: payment (+, money received, cash or card), collect (− what
-- was paid, applied to the sale of the goods, receipt_no names it) and
-- cancel (− what was given back; what was paid and not given back is the
-- fee kept). The state is derived: open until a collect or cancel move
-- exists. Each row travels with the journal event that wrote it
-- (event_id). shift_id is set on the till that took or gave back cash:
-- it counts into that shift's drawer.

CREATE TABLE layaway (
  id            INTEGER PRIMARY KEY,
  number        TEXT NOT NULL UNIQUE,               -- <till>-L<n>
  customer_name TEXT NOT NULL CHECK (customer_name <> ''),
  customer_id   INTEGER REFERENCES customer (id),
  total         INTEGER NOT NULL CHECK (total > 0), -- minor units, as at opening
  min_deposit   INTEGER NOT NULL CHECK (min_deposit >= 0 AND min_deposit <= total),
  expires_on    TEXT NOT NULL,                      -- business day, "2026-12-31"
  cart_json     TEXT NOT NULL,
  till_id       TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  event_id      TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE layaway_line (
  layaway_id INTEGER NOT NULL REFERENCES layaway (id),
  line_no    INTEGER NOT NULL,
  product_id INTEGER REFERENCES product (id),
  sku        TEXT,
  name       TEXT NOT NULL,
  qty        INTEGER NOT NULL,                      -- thousandths
  amount     INTEGER NOT NULL,                      -- the line's total
  PRIMARY KEY (layaway_id, line_no)
) STRICT;

CREATE TABLE layaway_move (
  id          INTEGER PRIMARY KEY,
  layaway_id  INTEGER NOT NULL REFERENCES layaway (id),
  kind        TEXT NOT NULL CHECK (kind IN ('payment', 'collect', 'cancel')),
  amount      INTEGER NOT NULL CHECK ((kind = 'payment') = (amount > 0) AND (kind = 'payment' OR amount <= 0)),
  method      TEXT CHECK (method IN ('cash', 'card')),
  reference   TEXT,
  receipt_no  TEXT,
  note        TEXT,
  till_id     TEXT NOT NULL,
  shift_id    INTEGER REFERENCES shift (id),
  created_at  TEXT NOT NULL,
  event_id    TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX layaway_move_layaway ON layaway_move (layaway_id, id);
CREATE INDEX layaway_move_shift ON layaway_move (shift_id) WHERE shift_id IS NOT NULL;
CREATE INDEX layaway_line_product ON layaway_line (product_id);

CREATE TRIGGER layaway_no_update BEFORE UPDATE ON layaway
BEGIN SELECT RAISE (ABORT, 'layaway is append-only'); END;
CREATE TRIGGER layaway_no_delete BEFORE DELETE ON layaway
BEGIN SELECT RAISE (ABORT, 'layaway is append-only'); END;
CREATE TRIGGER layaway_line_no_update BEFORE UPDATE ON layaway_line
BEGIN SELECT RAISE (ABORT, 'layaway_line is append-only'); END;
CREATE TRIGGER layaway_line_no_delete BEFORE DELETE ON layaway_line
BEGIN SELECT RAISE (ABORT, 'layaway_line is append-only'); END;
CREATE TRIGGER layaway_move_no_update BEFORE UPDATE ON layaway_move
BEGIN SELECT RAISE (ABORT, 'layaway_move is append-only'); END;
CREATE TRIGGER layaway_move_no_delete BEFORE DELETE ON layaway_move
BEGIN SELECT RAISE (ABORT, 'layaway_move is append-only'); END;

-- What open layaways hold back, per product: stock that is on the shelf
-- but not for sale.
CREATE VIEW layaway_reserved AS
  SELECT l.product_id, sum (l.qty) AS qty
  FROM layaway_line l
  WHERE l.product_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM layaway_move m
                    WHERE m.layaway_id = l.layaway_id AND m.kind IN ('collect', 'cancel'))
  GROUP BY l.product_id;

-- Collecting pays the goods with what was paid towards them: a tender of
-- its own ('layaway'), so that money is not counted into the drawer twice.
-- SQLite cannot change a CHECK in place: payment is rebuilt as in 025.
DROP VIEW z_period_payment_of_rows;
DROP TRIGGER z_period_add_payment;
DROP TRIGGER payment_no_update;
DROP TRIGGER payment_no_delete;

CREATE TABLE payment_new (
  id        INTEGER PRIMARY KEY,
  sale_id   INTEGER NOT NULL REFERENCES sale (id),
  method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'points', 'voucher', 'account', 'layaway')),
  amount    INTEGER NOT NULL,                -- minor units; negative on a refund
  reference TEXT,                            -- card terminal reference; the voucher's code; the layaway
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
