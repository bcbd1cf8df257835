-- 029: the product pictures this till holds, for sync.
--
-- A picture is a file in the "images" folder beside the store, named by the
-- SHA-256 of its bytes (pos-product-image.h); products point at it by that
-- name, so a picture is kept once however many products show it. A row here
-- says the file is whole on this till; on_hub says the hub holds it too, so
-- that each picture is sent once. A product whose picture has no row here
-- is waiting for it from the hub.

CREATE TABLE picture (
  sha256   TEXT PRIMARY KEY CHECK (length (sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  file     TEXT NOT NULL,                   -- 'images/<sha256>.<ext>'
  size     INTEGER NOT NULL CHECK (size > 0),
  on_hub   INTEGER NOT NULL DEFAULT 0 CHECK (on_hub IN (0, 1))
) STRICT;

-- Each sync looks for the pictures products name and this till lacks, or
-- has not sent: only the few products with a picture are read.
CREATE INDEX product_picture ON product (image_path) WHERE image_path IS NOT NULL;
