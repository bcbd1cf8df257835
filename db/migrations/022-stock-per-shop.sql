-- 022: stock per shop, and transfers between shops.
--
-- Each till belongs to a shop (the till-local setting shop_id; 'main', the
-- single shop, when unset). Every stock move records the shop it happened
-- in: the shop of the till whose event it is (till_shop holds the other
-- tills' shops, from their till.shop events). stock_level caches the level
-- of this till's shop only, so the Stock page, low stock and reorder
-- suggestions are this shop's; another shop's level is the sum of its
-- moves. A transfer is a pair of 'transfer' moves: sent (negative) at the
-- source shop, received (positive) at the destination, each with the
-- transfer's id as reference.
--
-- stock_move is rebuilt to let its reason be 'transfer' and to add shop_id;
-- its rows, ids and append-only triggers stay as they were.

CREATE TABLE stock_move_018 (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES product (id),
  qty        INTEGER NOT NULL,                -- thousandths, signed
  reason     TEXT NOT NULL
             CHECK (reason IN ('sale', 'refund', 'receive', 'adjust', 'count', 'waste', 'transfer')),
  reference  TEXT,                            -- receipt number, delivery note, count id, transfer id
  sale_id    INTEGER REFERENCES sale (id),
  user_id    INTEGER REFERENCES user (id),
  till_id    TEXT,
  created_at TEXT NOT NULL,
  event_id   TEXT,
  shop_id    TEXT NOT NULL DEFAULT 'main'
) STRICT;
INSERT INTO stock_move_018 (id, product_id, qty, reason, reference, sale_id, user_id, till_id, created_at,
                            event_id)
  SELECT id, product_id, qty, reason, reference, sale_id, user_id, till_id, created_at, event_id
  FROM stock_move;
DROP TABLE stock_move;
ALTER TABLE stock_move_018 RENAME TO stock_move;
CREATE INDEX stock_move_product ON stock_move (product_id, shop_id);
CREATE INDEX stock_move_receive ON stock_move (reference) WHERE reason = 'receive';
CREATE INDEX stock_move_transfer ON stock_move (reference) WHERE reason = 'transfer';
CREATE TRIGGER stock_move_no_update BEFORE UPDATE ON stock_move
BEGIN SELECT RAISE (ABORT, 'stock_move is append-only'); END;
CREATE TRIGGER stock_move_no_delete BEFORE DELETE ON stock_move
BEGIN SELECT RAISE (ABORT, 'stock_move is append-only'); END;

-- This till's shop, for queries that count only its stock.
CREATE VIEW local_shop (shop_id) AS
  SELECT coalesce ((SELECT value FROM setting WHERE key = 'shop_id' AND value <> ''), 'main');

CREATE TRIGGER stock_level_add AFTER INSERT ON stock_move
WHEN new.shop_id = (SELECT shop_id FROM local_shop)
BEGIN
  INSERT INTO stock_level (product_id, qty) VALUES (new.product_id, new.qty)
  ON CONFLICT (product_id) DO UPDATE SET qty = qty + excluded.qty;
END;

-- The shop of each till this store has heard of (this one included).
CREATE TABLE till_shop (
  till_id TEXT PRIMARY KEY,
  shop_id TEXT NOT NULL
) STRICT;

-- Transfers between shops, as sent; the lines are what left the source.
CREATE TABLE stock_transfer (
  id         TEXT PRIMARY KEY,                -- '<till>-<n>' of the sending till
  from_shop  TEXT NOT NULL,
  to_shop    TEXT NOT NULL CHECK (to_shop <> from_shop),
  created_at TEXT NOT NULL,
  note       TEXT
) STRICT;
CREATE TABLE stock_transfer_line (
  transfer_id TEXT NOT NULL REFERENCES stock_transfer (id),
  product_id  INTEGER NOT NULL REFERENCES product (id),
  qty         INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (transfer_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER stock_transfer_no_update BEFORE UPDATE ON stock_transfer
BEGIN SELECT RAISE (ABORT, 'stock_transfer is append-only'); END;
CREATE TRIGGER stock_transfer_no_delete BEFORE DELETE ON stock_transfer
BEGIN SELECT RAISE (ABORT, 'stock_transfer is append-only'); END;

-- Batches received with their expiry (GS1 AI 10 and 17 on the delivery's
-- barcodes), in the shop that received them. How much of a batch is still
-- on hand is not counted per sale: what is on hand is taken to be the
-- latest-expiring of what was received (first expiry, first out), so the
-- oldest batches are the first to be used up (pos-batch.h).
CREATE TABLE stock_batch (
  id          INTEGER PRIMARY KEY,
  product_id  INTEGER NOT NULL REFERENCES product (id),
  shop_id     TEXT NOT NULL,
  batch       TEXT CHECK (length (batch) BETWEEN 1 AND 20),
  expiry      TEXT CHECK (expiry GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  qty         INTEGER NOT NULL CHECK (qty > 0),
  reference   TEXT,
  received_at TEXT NOT NULL,
  event_id    TEXT,
  CHECK (batch IS NOT NULL OR expiry IS NOT NULL)
) STRICT;
CREATE INDEX stock_batch_product ON stock_batch (product_id, shop_id, expiry);
CREATE INDEX stock_batch_expiry ON stock_batch (expiry) WHERE expiry IS NOT NULL;
CREATE TRIGGER stock_batch_no_update BEFORE UPDATE ON stock_batch
BEGIN SELECT RAISE (ABORT, 'stock_batch is append-only'); END;
CREATE TRIGGER stock_batch_no_delete BEFORE DELETE ON stock_batch
BEGIN SELECT RAISE (ABORT, 'stock_batch is append-only'); END;
