-- 018: products sold by the litre and by the metre; the quick keys' index.
--
-- Loose oil from a tap, cable or fabric off the roll: their quantity is
-- measured, like a weight, and kept in thousandths (millilitres,
-- millimetres), as kg keeps grams. SQLite cannot change a CHECK in place,
-- so the product table is rebuilt: a new table with the wider unit list,
-- the rows copied with their ids, the old one dropped and the new one
-- renamed, then its indexes and triggers made again as 001-016 left them.
-- pos-migrate.c runs migrations with foreign keys off (so the drop does
-- not cascade to barcodes and labels) and checks them before it commits;
-- legacy_alter_table keeps the rename from re-reading the triggers of
-- other tables while "product" is briefly missing.

PRAGMA legacy_alter_table = ON;

CREATE TABLE product_new (
  id                 INTEGER PRIMARY KEY,
  sku                TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL CHECK (length (name) > 0),
  unit               TEXT NOT NULL DEFAULT 'each' CHECK (unit IN ('each', 'kg', 'l', 'm')),
  price              INTEGER NOT NULL CHECK (price >= 0),      -- per piece, or per kg / l / m
  cost               INTEGER CHECK (cost >= 0),
  tax_rate_id        INTEGER NOT NULL REFERENCES tax_rate (id),
  category_id        INTEGER REFERENCES category (id),
  supplier_id        INTEGER REFERENCES supplier (id),
  reorder_level      INTEGER CHECK (reorder_level >= 0),       -- thousandths
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version            INTEGER NOT NULL DEFAULT 1,               -- bumped by every edit
  updated_hlc        TEXT,                                     -- head-office edits: LWW by HLC
  content_qty        INTEGER CHECK (content_qty > 0),          -- thousandths of content_unit
  content_unit       TEXT CHECK (content_unit IN ('kg', 'l', 'm')),
  unit_price_base    INTEGER CHECK (unit_price_base > 0),      -- thousandths
  quick_key_colour   TEXT
    CHECK (length (quick_key_colour) = 7 AND quick_key_colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  quick_key_position INTEGER CHECK (quick_key_position > 0),
  image_path         TEXT,
  open_price_limit   INTEGER CHECK (open_price_limit > 0),
  parent_id          INTEGER,
  variant_options    TEXT
    CHECK ((variant_options IS NULL) = (parent_id IS NULL) AND length (variant_options) <= 400),
  own_price          INTEGER NOT NULL DEFAULT 1 CHECK (own_price IN (0, 1)),
  has_variants       INTEGER NOT NULL DEFAULT 0 CHECK (has_variants IN (0, 1))
) STRICT;

INSERT INTO product_new (id, sku, name, unit, price, cost, tax_rate_id, category_id, supplier_id,
                         reorder_level, active, version, updated_hlc, content_qty, content_unit,
                         unit_price_base, quick_key_colour, quick_key_position, image_path,
                         open_price_limit, parent_id, variant_options, own_price, has_variants)
SELECT id, sku, name, unit, price, cost, tax_rate_id, category_id, supplier_id,
       reorder_level, active, version, updated_hlc, content_qty, content_unit,
       unit_price_base, quick_key_colour, quick_key_position, image_path,
       open_price_limit, parent_id, variant_options, own_price, has_variants
FROM product;

DROP TABLE product;
ALTER TABLE product_new RENAME TO product;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX product_category ON product (category_id);
CREATE INDEX product_supplier ON product (supplier_id);
CREATE INDEX product_name ON product (name COLLATE NOCASE);
CREATE INDEX product_sku_nocase ON product (sku COLLATE NOCASE);
CREATE UNIQUE INDEX product_variant ON product (parent_id, variant_options) WHERE parent_id IS NOT NULL;
-- The sale screen reads the catalog's quick keys in key order: a handful of
-- rows in a million, so only they are indexed.
CREATE INDEX product_quick_key ON product (quick_key_position) WHERE quick_key_position IS NOT NULL;

CREATE TRIGGER product_version AFTER UPDATE OF sku, name, unit, price, cost, tax_rate_id ON product
WHEN new.version = old.version
BEGIN
  UPDATE product SET version = old.version + 1 WHERE id = new.id;
END;

CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN
  INSERT INTO product_fts (rowid, name, sku) VALUES (new.id, new.name, new.sku);
END;
CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN
  INSERT INTO product_fts (product_fts, rowid, name, sku) VALUES ('delete', old.id, old.name, old.sku);
END;
CREATE TRIGGER product_fts_update AFTER UPDATE OF name, sku ON product BEGIN
  INSERT INTO product_fts (product_fts, rowid, name, sku) VALUES ('delete', old.id, old.name, old.sku);
  INSERT INTO product_fts (rowid, name, sku) VALUES (new.id, new.name, new.sku);
END;

CREATE TRIGGER catalog_version_keep AFTER UPDATE OF sku, name, unit, price, cost, tax_rate_id ON product
WHEN new.version = old.version
BEGIN
  INSERT OR IGNORE INTO catalog_version (product_id, version, name, unit, price, tax_rate_id, replaced_at)
  VALUES (old.id, old.version, old.name, old.unit, old.price, old.tax_rate_id,
          strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER label_price_new_product AFTER INSERT ON product BEGIN
  INSERT INTO label_price (product_id, price, unit) VALUES (new.id, new.price, new.unit);
END;

CREATE TRIGGER product_variant_parent BEFORE INSERT ON product
WHEN new.parent_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM product WHERE id = new.parent_id AND parent_id IS NULL)
BEGIN
  SELECT RAISE (ABORT, 'a variant belongs to a product that is not a variant itself');
END;
CREATE TRIGGER product_variant_marks_parent AFTER INSERT ON product
WHEN new.parent_id IS NOT NULL
BEGIN
  UPDATE product SET has_variants = 1 WHERE id = new.parent_id AND has_variants = 0;
END;
CREATE TRIGGER product_variant_parent_change BEFORE UPDATE OF parent_id ON product
WHEN new.parent_id IS NOT old.parent_id
BEGIN
  SELECT RAISE (ABORT, 'a variant stays a variant of its product');
END;
CREATE TRIGGER product_variant_follows AFTER UPDATE OF price, tax_rate_id ON product
WHEN new.parent_id IS NULL AND (new.price IS NOT old.price OR new.tax_rate_id IS NOT old.tax_rate_id)
BEGIN
  UPDATE product
  SET price = CASE own_price WHEN 0 THEN new.price ELSE price END, tax_rate_id = new.tax_rate_id
  WHERE parent_id = new.id
    AND ((own_price = 0 AND price IS NOT new.price) OR tax_rate_id IS NOT new.tax_rate_id);
END;

CREATE TRIGGER supplier_product_new AFTER INSERT ON product WHEN new.supplier_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO supplier_product (product_id, supplier_id) VALUES (new.id, new.supplier_id);
END;
CREATE TRIGGER supplier_product_edit AFTER UPDATE OF supplier_id ON product
WHEN new.supplier_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO supplier_product (product_id, supplier_id) VALUES (new.id, new.supplier_id);
END;
