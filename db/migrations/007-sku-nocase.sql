-- 007: SKUs found whatever their case.
--
-- A cashier types "fab-1" for FAB-1. The lookup compares with COLLATE
-- NOCASE, which the UNIQUE index on sku (binary) cannot serve; this index
-- keeps that lookup a single indexed read.

CREATE INDEX product_sku_nocase ON product (sku COLLATE NOCASE);
