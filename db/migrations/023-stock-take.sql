-- 023: stock takes counted by scan.
--
-- A stock take covers the whole shop or one category (products have no
-- shelf or location yet). Each scan, or typed quantity, is a row of
-- stock_take_count; rows are never changed, so a recount of a product adds
-- to what was counted.
-- Each row keeps the highest stock_move id when it was written: the stock
-- the shop expected of that product is its level at the session's start
-- plus every move up to its last count row (docs/ARCHITECTURE.md, "Stock
-- takes"), so a sale rung up while the shelf is counted is accounted for.
-- A code that finds no product is noted in stock_take_unknown, for the
-- variance report and to create the product later. Approval writes one
-- COUNT move per difference, in one transaction with the session's status.
CREATE TABLE stock_take (
  id          INTEGER PRIMARY KEY,
  scope       TEXT NOT NULL CHECK (scope IN ('shop', 'category')),
  category_id INTEGER REFERENCES category (id),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'cancelled')),
  started_at  TEXT NOT NULL,
  started_by  INTEGER REFERENCES user (id),
  start_move  INTEGER NOT NULL,                 -- highest stock_move id at the start
  ended_at    TEXT,
  ended_by    INTEGER REFERENCES user (id),
  reason      TEXT,                             -- given at approval, on every move it writes
  CHECK ((scope = 'category') = (category_id IS NOT NULL))
) STRICT;
-- At most one stock take is open at a time: the scanner feeds that one.
CREATE UNIQUE INDEX stock_take_one_open ON stock_take (status) WHERE status = 'open';

CREATE TABLE stock_take_count (
  id         INTEGER PRIMARY KEY,
  take_id    INTEGER NOT NULL REFERENCES stock_take (id),
  product_id INTEGER NOT NULL REFERENCES product (id),
  qty        INTEGER NOT NULL CHECK (qty > 0),   -- thousandths
  seen_move  INTEGER NOT NULL,                   -- highest stock_move id when counted
  counted_at TEXT NOT NULL,
  user_id    INTEGER REFERENCES user (id)
) STRICT;
CREATE INDEX stock_take_count_product ON stock_take_count (take_id, product_id);
CREATE TRIGGER stock_take_count_no_update BEFORE UPDATE ON stock_take_count
BEGIN SELECT RAISE (ABORT, 'stock_take_count is append-only'); END;
CREATE TRIGGER stock_take_count_no_delete BEFORE DELETE ON stock_take_count
BEGIN SELECT RAISE (ABORT, 'stock_take_count is append-only'); END;

CREATE TABLE stock_take_unknown (
  id         INTEGER PRIMARY KEY,
  take_id    INTEGER NOT NULL REFERENCES stock_take (id),
  code       TEXT NOT NULL,
  qty        INTEGER NOT NULL CHECK (qty > 0),
  noted_at   TEXT NOT NULL
) STRICT;
CREATE INDEX stock_take_unknown_take ON stock_take_unknown (take_id, code);
