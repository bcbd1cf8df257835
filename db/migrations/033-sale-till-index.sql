-- 033: one index fewer for every sale to write: sale_till.
--
-- sale_till (till_id, and the rowid it carries) served the few queries that
-- want one till's sales after an id: the X and Z (the till's newest sale
-- after its last Z), the RKSV check that every sale after the setup is
-- signed, and verify's sums of each Z period, an id range of one till.
-- Each reads an id range of the sale table instead, skipping other tills'
-- sales in it (`+s.till_id`: without the index, SQLite would otherwise walk
-- every sale of the till by the UNIQUE (till_id, till_number) index; the
-- views' CROSS JOIN keeps the periods outside, so that each period's range
-- is read once rather than every sale matched against every period). A
-- till's own sales are most of that range, so the reads cost what they did,
-- and a sale writes one random page less (docs/ARCHITECTURE.md, figure 1b).
-- Lookups of a till's receipt numbers keep UNIQUE (till_id, till_number).

DROP INDEX sale_till;

DROP VIEW z_period_of_rows;
CREATE VIEW z_period_of_rows AS
  SELECT r.till_id, r.number, min (s.id) AS first_sale, max (s.id) AS last_sale,
         min (s.business_day) AS first_day, max (s.business_day) AS last_day,
         sum (s.kind = 'sale') AS sales, sum (s.kind = 'refund') AS refunds,
         sum (CASE s.kind WHEN 'sale' THEN s.total ELSE 0 END) AS gross_sales,
         sum (CASE s.kind WHEN 'refund' THEN s.total ELSE 0 END) AS gross_refunds,
         sum (s.total) AS gross, sum (s.tax_total) AS tax, sum (s.discount_total) AS discounts,
         sum (s.rounding) AS rounding
  FROM z_period_range r CROSS JOIN sale s ON s.id > r.after AND s.id <= r.upto AND +s.till_id = r.till_id
  GROUP BY r.till_id, r.number;

DROP VIEW z_period_tax_of_rows;
CREATE VIEW z_period_tax_of_rows AS
  SELECT r.till_id, r.number, t.tax_code, t.tax_rate_bp, sum (t.net) AS net, sum (t.tax) AS tax,
         sum (t.gross) AS gross
  FROM z_period_range r CROSS JOIN sale s ON s.id > r.after AND s.id <= r.upto AND +s.till_id = r.till_id
  JOIN sale_tax t ON t.sale_id = s.id
  GROUP BY r.till_id, r.number, t.tax_code, t.tax_rate_bp;

DROP VIEW z_period_payment_of_rows;
CREATE VIEW z_period_payment_of_rows AS
  SELECT r.till_id, r.number, p.method, count (*) AS count, sum (p.amount) AS amount,
         sum (p.points) AS points
  FROM z_period_range r CROSS JOIN sale s ON s.id > r.after AND s.id <= r.upto AND +s.till_id = r.till_id
  JOIN payment p ON p.sale_id = s.id
  GROUP BY r.till_id, r.number, p.method;
