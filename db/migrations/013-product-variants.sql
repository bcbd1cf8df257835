-- 013: variants — a product sold in options (size, colour, …).
--
-- A variant is a product row of its own, so it has its own SKU, barcodes,
-- stock moves, sale lines, catalog versions and labels, and a scan of its
-- barcode is the same single indexed read as any other. parent_id names the
-- product it is a variant of (never a variant itself); variant_options
-- holds its options as "name=value" lines in the parent's grid order
-- ("size=M\ncolour=red"), unique per parent. A variant without a price of
-- its own (own_price = 0) follows its parent's price, and every variant its
-- parent's tax rate: the trigger below changes them with the parent, so
-- each change is a catalog version of the variant too (Invariant 6).
--
-- parent_id has no REFERENCES clause so the column can be dropped again;
-- the triggers below keep it pointing at a product that is not a variant.

ALTER TABLE product ADD COLUMN parent_id INTEGER;
ALTER TABLE product ADD COLUMN variant_options TEXT
  CHECK ((variant_options IS NULL) = (parent_id IS NULL) AND length (variant_options) <= 400);
ALTER TABLE product ADD COLUMN own_price INTEGER NOT NULL DEFAULT 1 CHECK (own_price IN (0, 1));
-- Set on a product once it has a variant, so a scan reads on the row it
-- already fetched that the till must ask which variant (no second lookup).
ALTER TABLE product ADD COLUMN has_variants INTEGER NOT NULL DEFAULT 0 CHECK (has_variants IN (0, 1));

CREATE UNIQUE INDEX product_variant ON product (parent_id, variant_options) WHERE parent_id IS NOT NULL;

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
