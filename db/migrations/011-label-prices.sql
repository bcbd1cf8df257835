-- 011: what the shelf labels show.
--
-- The price and unit each product's shelf label was last printed with, so
-- `labels --changed-since-last` can list exactly the labels that are now
-- wrong. Existing products count as labelled at their current price, and a
-- new product starts so too (its first label comes with its delivery or by
-- SKU): a catalog import must not make the next run print the whole shop.
-- A label run sets the rows of the products it printed.

CREATE TABLE label_price (
  product_id INTEGER PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
  price      INTEGER NOT NULL,
  unit       TEXT NOT NULL,
  printed_at TEXT
) STRICT;

INSERT INTO label_price (product_id, price, unit) SELECT id, price, unit FROM product;

CREATE TRIGGER label_price_new_product AFTER INSERT ON product BEGIN
  INSERT INTO label_price (product_id, price, unit) VALUES (new.id, new.price, new.unit);
END;

-- `labels --delivery NOTE` finds the rows of one receiving by its note.
CREATE INDEX stock_move_receive ON stock_move (reference) WHERE reason = 'receive';
