-- 035: payments kept in their sale's order: one B-tree, not two.
--
-- Every reader finds a sale's payments by its sale (receipts, the history,
-- the event rows, the Z's sums, the shift's cash); the rowid table and its
-- payment_sale index were two trees and two pages written per sale. The
-- table is now WITHOUT ROWID, keyed by (sale_id, id), so a sale's payments
-- sit together and need no index (docs/ARCHITECTURE.md, figure 1b). `id`
-- keeps the number a rowid would have had: the code that writes a payment
-- gives the next one, and payments are written with their sale, the newest,
-- so the last row in key order holds the largest id.

DROP VIEW z_period_payment_of_rows;
DROP TRIGGER till_total_add_payment;
DROP TRIGGER payment_no_update;
DROP TRIGGER payment_no_delete;

CREATE TABLE payment_new (
  id        INTEGER NOT NULL,
  sale_id   INTEGER NOT NULL REFERENCES sale (id),
  method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'points', 'voucher', 'account', 'layaway')),
  amount    INTEGER NOT NULL,                -- minor units; negative on a refund
  reference TEXT,                            -- card terminal reference; the voucher's code; the layaway
  points    INTEGER NOT NULL DEFAULT 0,      -- loyalty points spent (method 'points')
  PRIMARY KEY (sale_id, id)
) STRICT, WITHOUT ROWID;
INSERT INTO payment_new (id, sale_id, method, amount, reference, points)
  SELECT id, sale_id, method, amount, reference, points FROM payment;
DROP TABLE payment;
ALTER TABLE payment_new RENAME TO payment;

CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment BEGIN SELECT RAISE (ABORT, 'payment is append-only'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment BEGIN SELECT RAISE (ABORT, 'payment is append-only'); END;

CREATE TRIGGER till_total_add_payment AFTER INSERT ON payment BEGIN
  INSERT INTO till_total (till_id, number, part, name, count, amount, points)
  SELECT p.till_id, p.number, 2, new.method, 1, new.amount, new.points
  FROM till_total p
  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.part = 0
    AND p.first_sale <= new.sale_id
  ORDER BY p.number DESC LIMIT 1
  ON CONFLICT (till_id, number, part, name, rate_bp) DO UPDATE SET
    count = count + 1, amount = amount + excluded.amount, points = points + excluded.points;
END;

CREATE VIEW z_period_payment_of_rows AS
  SELECT r.till_id, r.number, p.method, count (*) AS count, sum (p.amount) AS amount,
         sum (p.points) AS points
  FROM z_period_range r CROSS JOIN sale s ON s.id > r.after AND s.id <= r.upto AND +s.till_id = r.till_id
  JOIN payment p ON p.sale_id = s.id
  GROUP BY r.till_id, r.number, p.method;
