-- 026: quick-key pages ("Bakery", "Drinks"), each an ordered grid of keys.
--
-- A key sells a product (or one of its variants) and may carry its own
-- label and colour; without them it shows the product's name and colour.
-- Positions count from 0 within a page (pages from 0 too) and are kept
-- without gaps by the code that moves them. The layout is one piece of
-- catalog data for every till: each change journals the whole layout, and
-- the newest by HLC (quick_key_layout.updated_hlc) holds everywhere.
--
-- The keys the catalog set before (product.quick_key_position) become the
-- first page, in their order, so a shop's sale screen looks as it did.

CREATE TABLE quick_key_page (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 40),
  position INTEGER NOT NULL CHECK (position >= 0)
) STRICT;

CREATE TABLE quick_key (
  id         INTEGER PRIMARY KEY,
  page_id    INTEGER NOT NULL REFERENCES quick_key_page (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 0),
  product_id INTEGER NOT NULL REFERENCES product (id),
  label      TEXT CHECK (label IS NULL OR length (label) BETWEEN 1 AND 40),
  colour     TEXT
    CHECK (colour IS NULL OR (length (colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'))
) STRICT;

CREATE INDEX quick_key_page_order ON quick_key (page_id, position);

CREATE TABLE quick_key_layout (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  updated_hlc TEXT NOT NULL
) STRICT;

INSERT INTO quick_key_page (id, name, position)
SELECT 1, 'Quick keys', 0 WHERE EXISTS (SELECT 1 FROM product WHERE quick_key_position IS NOT NULL AND active = 1);

INSERT INTO quick_key (page_id, position, product_id, colour)
SELECT 1, row_number () OVER (ORDER BY quick_key_position, id) - 1, id, quick_key_colour
  FROM product WHERE quick_key_position IS NOT NULL AND active = 1;
