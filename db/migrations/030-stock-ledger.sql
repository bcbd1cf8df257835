-- 030: a product's stock level and its moves in one B-tree.
--
-- A sale line wrote its stock twice at a random place: the product's entry
-- in stock_move_product and its row of stock_level, two pages of different
-- B-trees per line (docs/ARCHITECTURE.md, "Performance budgets", figure
-- 1b). stock_ledger holds both, keyed by product, shop and move: one row
-- per move (its id and quantity), and after a product's moves in a shop its
-- level, under the key 9223372036854775807, the largest move id there can
-- be. A new move goes in just before the level it changes, on the same
-- page, so a sale line writes one random page instead of two.
--
-- Every shop has its level (another shop's used to be summed from its
-- moves); stock_level is now the view of this till's shop's levels, so
-- moving a till to another shop needs no rebuild. stock_move keeps every
-- move as before and its id order; the ledger serves a product's moves.
CREATE TABLE stock_ledger (
  product_id INTEGER NOT NULL,
  shop_id    TEXT NOT NULL,
  move_id    INTEGER NOT NULL,              -- stock_move.id, or 9223372036854775807: the level
  qty        INTEGER NOT NULL,              -- thousandths: the move's, or the level
  PRIMARY KEY (product_id, shop_id, move_id)
) STRICT, WITHOUT ROWID;

INSERT INTO stock_ledger (product_id, shop_id, move_id, qty)
  SELECT product_id, shop_id, id, qty FROM stock_move ORDER BY product_id, shop_id, id;
INSERT INTO stock_ledger (product_id, shop_id, move_id, qty)
  SELECT product_id, shop_id, 9223372036854775807, sum (qty) FROM stock_move
  GROUP BY product_id, shop_id ORDER BY product_id, shop_id;

-- The level rows of each shop, for reports that go over every level (dead
-- stock) without reading every move. An entry is written when a product
-- first moves in a shop: a sale changes a level's qty, which this index
-- does not hold, so it costs a sale nothing.
CREATE INDEX stock_ledger_level ON stock_ledger (shop_id, product_id) WHERE move_id = 9223372036854775807;

DROP TRIGGER stock_level_add;
DROP TABLE stock_level;
DROP INDEX stock_move_product;

CREATE TRIGGER stock_ledger_add AFTER INSERT ON stock_move BEGIN
  INSERT INTO stock_ledger (product_id, shop_id, move_id, qty)
  VALUES (new.product_id, new.shop_id, new.id, new.qty);
  INSERT INTO stock_ledger (product_id, shop_id, move_id, qty)
  VALUES (new.product_id, new.shop_id, 9223372036854775807, new.qty)
  ON CONFLICT (product_id, shop_id, move_id) DO UPDATE SET qty = qty + excluded.qty;
END;

-- This shop's levels, as the table of that name had them: a product that
-- never moved here has no row.
CREATE VIEW stock_level (product_id, qty) AS
  SELECT product_id, qty FROM stock_ledger
  WHERE shop_id = (SELECT shop_id FROM local_shop) AND move_id = 9223372036854775807;
