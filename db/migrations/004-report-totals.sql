-- 004: running totals of each till's Z period, so an X or Z report reads a
-- handful of rows instead of every sale, tax row and payment of the day.
--
-- Period N of a till is what its Z number N covers: the till's sales after
-- the last sale counted by an earlier Z, up to the last sale Z N counts. A
-- sale is added to the period open when it is written (the till's next Z
-- number); its tax rows and payments follow it into the same period. Sales
-- pulled by sync from other tills are kept under their own till_id and
-- never mix with this till's. The totals are a cache (Invariant 4): the Z
-- rebuilds a period from its rows when it leaves out sales dated after its
-- day, and `mainstreet-admin verify` proves every period equals the sum of
-- its rows (z_period_of_rows and its siblings below).

CREATE TABLE z_period (
  till_id       TEXT NOT NULL,
  number        INTEGER NOT NULL,              -- the Z that closes (or closed) it
  first_sale    INTEGER NOT NULL,
  last_sale     INTEGER NOT NULL,
  first_day     TEXT NOT NULL,
  last_day      TEXT NOT NULL,
  sales         INTEGER NOT NULL,
  refunds       INTEGER NOT NULL,
  gross_sales   INTEGER NOT NULL,
  gross_refunds INTEGER NOT NULL,
  gross         INTEGER NOT NULL,
  tax           INTEGER NOT NULL,
  discounts     INTEGER NOT NULL,
  rounding      INTEGER NOT NULL,
  PRIMARY KEY (till_id, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE z_period_tax (
  till_id     TEXT NOT NULL,
  number      INTEGER NOT NULL,
  tax_code    TEXT NOT NULL,
  tax_rate_bp INTEGER NOT NULL,
  net         INTEGER NOT NULL,
  tax         INTEGER NOT NULL,
  gross       INTEGER NOT NULL,
  PRIMARY KEY (till_id, number, tax_code, tax_rate_bp)
) STRICT, WITHOUT ROWID;

CREATE TABLE z_period_payment (
  till_id TEXT NOT NULL,
  number  INTEGER NOT NULL,
  method  TEXT NOT NULL,
  count   INTEGER NOT NULL,
  amount  INTEGER NOT NULL,
  points  INTEGER NOT NULL,
  PRIMARY KEY (till_id, number, method)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER z_period_add_sale AFTER INSERT ON sale BEGIN
  INSERT INTO z_period (till_id, number, first_sale, last_sale, first_day, last_day, sales, refunds,
                        gross_sales, gross_refunds, gross, tax, discounts, rounding)
  VALUES (new.till_id, (SELECT ifnull (max (number), 0) + 1 FROM z_report WHERE till_id = new.till_id),
          new.id, new.id, new.business_day, new.business_day, new.kind = 'sale', new.kind = 'refund',
          CASE new.kind WHEN 'sale' THEN new.total ELSE 0 END,
          CASE new.kind WHEN 'refund' THEN new.total ELSE 0 END,
          new.total, new.tax_total, new.discount_total, new.rounding)
  ON CONFLICT (till_id, number) DO UPDATE SET
    first_sale = min (first_sale, excluded.first_sale), last_sale = max (last_sale, excluded.last_sale),
    first_day = min (first_day, excluded.first_day), last_day = max (last_day, excluded.last_day),
    sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
    gross_sales = gross_sales + excluded.gross_sales, gross_refunds = gross_refunds + excluded.gross_refunds,
    gross = gross + excluded.gross, tax = tax + excluded.tax, discounts = discounts + excluded.discounts,
    rounding = rounding + excluded.rounding;
END;

-- A tax row or payment goes where its sale went: the till's newest period
-- that starts at or before the sale.
CREATE TRIGGER z_period_add_tax AFTER INSERT ON sale_tax BEGIN
  INSERT INTO z_period_tax (till_id, number, tax_code, tax_rate_bp, net, tax, gross)
  SELECT p.till_id, p.number, new.tax_code, new.tax_rate_bp, new.net, new.tax, new.gross
  FROM z_period p
  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.first_sale <= new.sale_id
  ORDER BY p.number DESC LIMIT 1
  ON CONFLICT (till_id, number, tax_code, tax_rate_bp) DO UPDATE SET
    net = net + excluded.net, tax = tax + excluded.tax, gross = gross + excluded.gross;
END;

CREATE TRIGGER z_period_add_payment AFTER INSERT ON payment BEGIN
  INSERT INTO z_period_payment (till_id, number, method, count, amount, points)
  SELECT p.till_id, p.number, new.method, 1, new.amount, new.points
  FROM z_period p
  WHERE p.till_id = (SELECT till_id FROM sale WHERE id = new.sale_id) AND p.first_sale <= new.sale_id
  ORDER BY p.number DESC LIMIT 1
  ON CONFLICT (till_id, number, method) DO UPDATE SET
    count = count + 1, amount = amount + excluded.amount, points = points + excluded.points;
END;

-- Each period as a range of sale ids, after < id <= upto, derived from the
-- Z reports alone: closed periods (an empty Z covers nothing), then each
-- till's open one.
CREATE VIEW z_period_range (till_id, number, after, upto) AS
  SELECT till_id, number,
         ifnull (max (last_sale) OVER (PARTITION BY till_id ORDER BY number
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
         ifnull (last_sale, 0)
  FROM z_report
  UNION ALL
  SELECT t.till_id, ifnull (max (z.number), 0) + 1, ifnull (max (z.last_sale), 0), 9223372036854775807
  FROM (SELECT DISTINCT till_id FROM sale) t LEFT JOIN z_report z ON z.till_id = t.till_id
  GROUP BY t.till_id;

-- What the three tables must hold, summed from the rows.
CREATE VIEW z_period_of_rows AS
  SELECT r.till_id, r.number, min (s.id) AS first_sale, max (s.id) AS last_sale,
         min (s.business_day) AS first_day, max (s.business_day) AS last_day,
         sum (s.kind = 'sale') AS sales, sum (s.kind = 'refund') AS refunds,
         sum (CASE s.kind WHEN 'sale' THEN s.total ELSE 0 END) AS gross_sales,
         sum (CASE s.kind WHEN 'refund' THEN s.total ELSE 0 END) AS gross_refunds,
         sum (s.total) AS gross, sum (s.tax_total) AS tax, sum (s.discount_total) AS discounts,
         sum (s.rounding) AS rounding
  FROM z_period_range r JOIN sale s ON s.id > r.after AND s.id <= r.upto AND s.till_id = r.till_id
  GROUP BY r.till_id, r.number;

CREATE VIEW z_period_tax_of_rows AS
  SELECT r.till_id, r.number, t.tax_code, t.tax_rate_bp, sum (t.net) AS net, sum (t.tax) AS tax,
         sum (t.gross) AS gross
  FROM z_period_range r JOIN sale s ON s.id > r.after AND s.id <= r.upto AND s.till_id = r.till_id
  JOIN sale_tax t ON t.sale_id = s.id
  GROUP BY r.till_id, r.number, t.tax_code, t.tax_rate_bp;

CREATE VIEW z_period_payment_of_rows AS
  SELECT r.till_id, r.number, p.method, count (*) AS count, sum (p.amount) AS amount,
         sum (p.points) AS points
  FROM z_period_range r JOIN sale s ON s.id > r.after AND s.id <= r.upto AND s.till_id = r.till_id
  JOIN payment p ON p.sale_id = s.id
  GROUP BY r.till_id, r.number, p.method;

-- The sales already recorded.
INSERT INTO z_period SELECT * FROM z_period_of_rows;
INSERT INTO z_period_tax SELECT * FROM z_period_tax_of_rows;
INSERT INTO z_period_payment SELECT * FROM z_period_payment_of_rows;
