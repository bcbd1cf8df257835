-- 027: brands, on products and as the target of a promotion.
--
-- A product may name its brand ("Acme"); a promotion may cover every
-- product of one brand, beside its products and its category. Brands are
-- plain text, as printed on the goods, and compared without regard to
-- case, so a brand needs no table of its own to travel between tills.

ALTER TABLE product ADD COLUMN brand TEXT CHECK (brand IS NULL OR length (brand) BETWEEN 1 AND 60);
CREATE INDEX product_brand ON product (brand COLLATE NOCASE) WHERE brand IS NOT NULL;

ALTER TABLE promotion ADD COLUMN brand TEXT CHECK (brand IS NULL OR length (brand) BETWEEN 1 AND 60);
