-- 032: closing stock, so stock is valued at a date without summing every
-- stock move ever made (docs/ARCHITECTURE.md, "Stock valued at a date").
--
-- A close holds this shop's stock value at an instant (until), as the
-- valuation reads it: the level of each product from its moves before
-- until, at its cost then. Only the products that changed since the
-- shop's previous close get a line, so the stock at a close is, per
-- product, its line in the latest close at or before it (none: no stock).
-- Moves synced in late keep a close exact: every stock_move below
-- first_move was made before until, so a product with no move, cost change
-- or cost edit from the close's first_* ids on is the same at any later
-- instant; the valuation recounts only the others.
-- Closes are written in order of until, one per instant, and never change.

CREATE TABLE stock_close (
  id         INTEGER PRIMARY KEY,
  shop_id    TEXT NOT NULL,
  until      TEXT NOT NULL,                    -- UTC, as stock_move.created_at
  first_move INTEGER NOT NULL,                 -- lowest stock_move id made at or after until
  first_cost INTEGER NOT NULL,                 -- the same for cost_change.changed_at
  first_edit INTEGER NOT NULL,                 -- product_cost_edit ids from here on came later
  value      INTEGER NOT NULL,                 -- minor units, as the valuation sums it
  uncosted   INTEGER NOT NULL,                 -- products in stock without a cost
  made_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX stock_close_until ON stock_close (shop_id, until);

CREATE TABLE stock_close_line (
  shop_id    TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES product (id),
  close_id   INTEGER NOT NULL REFERENCES stock_close (id),
  qty        INTEGER NOT NULL,                 -- thousandths, Σ of its moves before until
  unit_cost  INTEGER,                          -- its cost then; NULL: none
  PRIMARY KEY (shop_id, product_id, close_id)
) STRICT, WITHOUT ROWID;

-- A product's cost changed in place (an edit or an import), which the
-- valuation uses for a product with no cost_change yet.
CREATE TABLE product_cost_edit (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL
) STRICT;
CREATE TRIGGER product_cost_edited AFTER UPDATE OF cost ON product
WHEN new.cost IS NOT old.cost
BEGIN INSERT INTO product_cost_edit (product_id) VALUES (new.id); END;

CREATE TRIGGER stock_close_no_update BEFORE UPDATE ON stock_close
BEGIN SELECT RAISE (ABORT, 'stock_close is append-only'); END;
CREATE TRIGGER stock_close_no_delete BEFORE DELETE ON stock_close
BEGIN SELECT RAISE (ABORT, 'stock_close is append-only'); END;
CREATE TRIGGER stock_close_line_no_update BEFORE UPDATE ON stock_close_line
BEGIN SELECT RAISE (ABORT, 'stock_close_line is append-only'); END;
CREATE TRIGGER stock_close_line_no_delete BEFORE DELETE ON stock_close_line
BEGIN SELECT RAISE (ABORT, 'stock_close_line is append-only'); END;
CREATE TRIGGER product_cost_edit_no_update BEFORE UPDATE ON product_cost_edit
BEGIN SELECT RAISE (ABORT, 'product_cost_edit is append-only'); END;
CREATE TRIGGER product_cost_edit_no_delete BEFORE DELETE ON product_cost_edit
BEGIN SELECT RAISE (ABORT, 'product_cost_edit is append-only'); END;
