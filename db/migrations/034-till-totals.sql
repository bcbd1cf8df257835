-- 034: the four running totals a sale adds to in one B-tree: till_total.
--
-- A sale added itself to the day's totals (sale_day), its Z period's
-- (z_period) and, through its tax rows and payments, to the period's taxes
-- and payments (z_period_tax, z_period_payment): four B-trees, so four
-- pages written per sale. They now share one WITHOUT ROWID table keyed by
-- the till and its period first, so the rows a sale adds to sit side by
-- side, mostly on one page (docs/ARCHITECTURE.md, figure 1b). `part` says
-- which total a row is:
--   0  the period (name '', rate_bp 0)
--   1  a tax rate of the period (name the tax code, rate_bp the rate)
--   2  a payment method of the period (name the method)
--   3  a business day's takings counted in the period (name the day)
-- A day that a Z cuts in two has a row in each period; sale_day sums them.
-- The days counted before this migration keep one row under period 0.
-- The old names are views, so every reader reads what it read. The totals
-- are still a cache that verify checks against the rows (004).

CREATE TABLE till_total (
  till_id       TEXT NOT NULL,
  number        INTEGER NOT NULL,              -- the Z period
  part          INTEGER NOT NULL CHECK (part BETWEEN 0 AND 3),
  name          TEXT NOT NULL,
  rate_bp       INTEGER NOT NULL DEFAULT 0,
  first_sale    INTEGER,
  last_sale     INTEGER,
  first_day     TEXT,
  last_day      TEXT,
  sales         INTEGER NOT NULL DEFAULT 0,
  refunds       INTEGER NOT NULL DEFAULT 0,
  gross_sales   INTEGER NOT NULL DEFAULT 0,
  gross_refunds INTEGER NOT NULL DEFAULT 0,
  gross         INTEGER NOT NULL DEFAULT 0,
  tax           INTEGER NOT NULL DEFAULT 0,
  discounts     INTEGER NOT NULL DEFAULT 0,
  rounding      INTEGER NOT NULL DEFAULT 0,
  net           INTEGER NOT NULL DEFAULT 0,
  count         INTEGER NOT NULL DEFAULT 0,
  amount        INTEGER NOT NULL DEFAULT 0,
  points        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (till_id, number, part, name, rate_bp)
) STRICT, WITHOUT ROWID;

-- The sales report and the owner's page read days by date. A day's row is
-- inserted once per period, so this index is written then, not every sale.
CREATE INDEX till_total_day ON till_total (name, till_id) WHERE part = 3;

INSERT INTO till_total (till_id, number, part, name, first_sale, last_sale, first_day, last_day, sales,
                        refunds, gross_sales, gross_refunds, gross, tax, discounts, rounding)
  SELECT till_id, number, 0, '', first_sale, last_sale, first_day, last_day, sales, refunds, gross_sales,
         gross_refunds, gross, tax, discounts, rounding
  FROM z_period;
INSERT INTO till_total (till_id, number, part, name, rate_bp, net, tax, gross)
  SELECT till_id, number, 1, tax_code, tax_rate_bp, net, tax, gross FROM z_period_tax;
INSERT INTO till_total (till_id, number, part, name, count, amount, points)
  SELECT till_id, number, 2, method, count, amount, points FROM z_period_payment;
INSERT INTO till_total (till_id, number, part, name, sales, refunds, amount, tax)
  SELECT till_id, 0, 3, business_day, sales, refunds, total, tax_total FROM sale_day;

DROP TRIGGER sale_day_add;
DROP TRIGGER z_period_add_sale;
DROP TRIGGER z_period_add_tax;
DROP TRIGGER z_period_add_payment;
DROP TABLE sale_day;
DROP TABLE z_period;
DROP TABLE z_period_tax;
DROP TABLE z_period_payment;

CREATE VIEW z_period AS
  SELECT till_id, number, first_sale, last_sale, first_day, last_day, sales, refunds, gross_sales,
         gross_refunds, gross, tax, discounts, rounding
  FROM till_total WHERE part = 0;

CREATE VIEW z_period_tax AS
  SELECT till_id, number, name AS tax_code, rate_bp AS tax_rate_bp, net, tax, gross
  FROM till_total WHERE part = 1;

CREATE VIEW z_period_payment AS
  SELECT till_id, number, name AS method, count, amount, points FROM till_total WHERE part = 2;

CREATE VIEW sale_day AS
  SELECT name AS business_day, till_id, sum (sales) AS sales, sum (refunds) AS refunds,
         sum (amount) AS total, sum (tax) AS tax_total
  FROM till_total WHERE part = 3 GROUP BY name, till_id;

-- A sale opens or adds to its till's open period (the till's next Z number)
-- and to its day within that period: two rows side by side.
CREATE TRIGGER till_total_add_sale AFTER INSERT ON sale BEGIN
  INSERT INTO till_total (till_id, number, part, name, first_sale, last_sale, first_day, last_day, sales,
                          refunds, gross_sales, gross_refunds, gross, tax, discounts, rounding)
  VALUES (new.till_id, (SELECT ifnull (max (number), 0) + 1 FROM z_report WHERE till_id = new.till_id), 0,
          '', new.id, new.id, new.business_day, new.business_day, new.kind = 'sale', new.kind = 'refund',
          CASE new.kind WHEN 'sale' THEN new.total ELSE 0 END,
          CASE new.kind WHEN 'refund' THEN new.total ELSE 0 END,
          new.total, new.tax_total, new.discount_total, new.rounding)
  ON CONFLICT (till_id, number, part, name, rate_bp) DO UPDATE SET
    first_sale = min (first_sale, excluded.first_sale), last_sale = max (last_sale, excluded.last_sale),
    first_day = min (first_day, excluded.first_day), last_day = max (last_day, excluded.last_day),
    sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
    gross_sales = gross_sales + excluded.gross_sales, gross_refunds = gross_refunds + excluded.gross_refunds,
    gross = gross + excluded.gross, tax = tax + excluded.tax, discounts = discounts + excluded.discounts,
    rounding = rounding + excluded.rounding;
  INSERT INTO till_total (till_id, number, part, name, sales, refunds, amount, tax)
  VALUES (new.till_id, (SELECT ifnull (max (number), 0) + 1 FROM z_report WHERE till_id = new.till_id), 3,
          new.business_day, new.kind = 'sale', new.kind = 'refund', new.total + new.rounding, new.tax_total)
  ON CONFLICT (till_id, number, part, name, rate_bp) DO UPDATE SET
    sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
    amount = amount + excluded.amount, tax = tax + excluded.tax;
END;

-- A tax row and a payment follow their sale into the newest period of its
-- till that the sale belongs to, as 004's triggers did.
CREATE TRIGGER till_total_add_tax AFTER INSERT ON sale_tax BEGIN
  INSERT INTO till_total (till_id, number, part, name, rate_bp, net, tax, gross)
  SELECT p.till_id, p.number, 1, new.tax_code, new.tax_rate_bp, new.net, new.tax, new.gross
  FROM till_total p
  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.part = 0
    AND p.first_sale <= new.sale_id
  ORDER BY p.number DESC LIMIT 1
  ON CONFLICT (till_id, number, part, name, rate_bp) DO UPDATE SET
    net = net + excluded.net, tax = tax + excluded.tax, gross = gross + excluded.gross;
END;

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
