-- 010: what an owner fills in when creating a product by hand.
--
-- A packaged product states its content (500 g, 1.5 l, 10 m) so the shelf
-- label can show the unit price the EU price-indication rule asks for, per
-- unit_price_base of the content unit (1000 thousandths = per kg / l / m,
-- 100 = per 100 g). A product can sit on the sale screen's quick keys at a
-- position, in a colour, and carry an image for that key.

ALTER TABLE product ADD COLUMN content_qty INTEGER CHECK (content_qty > 0); -- thousandths of content_unit
ALTER TABLE product ADD COLUMN content_unit TEXT CHECK (content_unit IN ('kg', 'l', 'm'));
ALTER TABLE product ADD COLUMN unit_price_base INTEGER CHECK (unit_price_base > 0); -- thousandths
ALTER TABLE product ADD COLUMN quick_key_colour TEXT
  CHECK (length (quick_key_colour) = 7 AND quick_key_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
ALTER TABLE product ADD COLUMN quick_key_position INTEGER CHECK (quick_key_position > 0);
ALTER TABLE product ADD COLUMN image_path TEXT;
-- An open-price or department key ("Bakery 7 %", "Magazines"): the cashier
-- types the price at the till, never more than this limit.
ALTER TABLE product ADD COLUMN open_price_limit INTEGER CHECK (open_price_limit > 0);

-- Catalog versions: the state a product had at each version an edit
-- replaced (the current one is the product row itself). A sale line names
-- the version it copied, so a report can always say what the catalog said
-- then (Invariant 6). Written only on updates, so a bulk load of a large
-- catalog pays nothing for it.
CREATE TABLE catalog_version (
  product_id  INTEGER NOT NULL REFERENCES product (id),
  version     INTEGER NOT NULL,
  name        TEXT NOT NULL,
  unit        TEXT NOT NULL,
  price       INTEGER NOT NULL,
  tax_rate_id INTEGER NOT NULL REFERENCES tax_rate (id),
  replaced_at TEXT NOT NULL,
  PRIMARY KEY (product_id, version)
) STRICT, WITHOUT ROWID;

-- Fires with the edit itself, beside product_version (001), so old.* is the
-- state being replaced and old.version its number.
CREATE TRIGGER catalog_version_keep AFTER UPDATE OF sku, name, unit, price, cost, tax_rate_id ON product
WHEN new.version = old.version
BEGIN
  INSERT OR IGNORE INTO catalog_version (product_id, version, name, unit, price, tax_rate_id, replaced_at)
  VALUES (old.id, old.version, old.name, old.unit, old.price, old.tax_rate_id,
          strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER catalog_version_no_update BEFORE UPDATE ON catalog_version
BEGIN SELECT RAISE (ABORT, 'catalog_version is append-only'); END;
CREATE TRIGGER catalog_version_no_delete BEFORE DELETE ON catalog_version
BEGIN SELECT RAISE (ABORT, 'catalog_version is append-only'); END;

-- Open items: a code the catalog did not know, sold with a department,
-- price and tax so the queue kept moving. Their sale lines have no
-- product; this small index lists them for the owner to complete.
CREATE INDEX sale_line_open_item ON sale_line (sku) WHERE product_id IS NULL;
