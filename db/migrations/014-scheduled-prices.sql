-- 014: scheduled price changes — a new price from a date and time.
--
-- The schedule travels to every till as a journal event; each till applies
-- a change itself once its clock reaches starts_at (an offline till too),
-- by updating the product's price, which makes a catalog version as any
-- edit does (Invariant 6) and leaves the shelf label listed as changed
-- (label_price, 011). applied_at says when this till applied it. One change
-- per product and moment: scheduling the same moment again replaces it.

CREATE TABLE price_change (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES product (id),
  price      INTEGER NOT NULL CHECK (price >= 0),
  starts_at  TEXT NOT NULL,                  -- UTC ISO 8601, as every stored time
  created_at TEXT NOT NULL,
  applied_at TEXT,
  UNIQUE (product_id, starts_at)
) STRICT;
-- The till's timer asks only for the next pending change.
CREATE INDEX price_change_pending ON price_change (starts_at) WHERE applied_at IS NULL;
