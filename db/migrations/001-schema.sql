-- 001: the shop's schema.
--
-- Money is INTEGER minor units of the store currency; quantities are INTEGER
-- thousandths (grams for weighed items, ×1000 for counted ones). Times are
-- UTC ISO 8601 text with milliseconds ('2026-11-28T09:15:02.120Z'); the
-- business day is the shop's local date ('2026-11-28').
--
-- Records of what happened (sales, payments, stock moves, loyalty entries,
-- cash moves, audit, journal, Z reports) are append-only: the triggers at the
-- end refuse UPDATE and DELETE. Corrections are new, compensating rows.

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE tax_rate (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL UNIQUE,             -- 'A', 'B', 'C' as printed on receipts
  name    TEXT NOT NULL,
  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 100000), -- basis points: 1900 = 19 %
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE category (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES category (id)
) STRICT;

CREATE TABLE supplier (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  is_local    INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
  distance_km INTEGER CHECK (distance_km >= 0),
  phone       TEXT,
  email       TEXT
) STRICT;

CREATE TABLE product (
  id            INTEGER PRIMARY KEY,
  sku           TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL CHECK (length (name) > 0),
  unit          TEXT NOT NULL DEFAULT 'each' CHECK (unit IN ('each', 'kg')),
  price         INTEGER NOT NULL CHECK (price >= 0),      -- per unit, or per kg
  cost          INTEGER CHECK (cost >= 0),
  tax_rate_id   INTEGER NOT NULL REFERENCES tax_rate (id),
  category_id   INTEGER REFERENCES category (id),
  supplier_id   INTEGER REFERENCES supplier (id),
  reorder_level INTEGER CHECK (reorder_level >= 0),       -- thousandths
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,               -- bumped by every edit
  updated_hlc   TEXT                                       -- head-office edits: LWW by HLC
) STRICT;
CREATE INDEX product_category ON product (category_id);
CREATE INDEX product_supplier ON product (supplier_id);
CREATE INDEX product_name ON product (name COLLATE NOCASE);

-- Every edit of a product bumps its version, so a sale line can say which
-- catalog entry it copied.
CREATE TRIGGER product_version AFTER UPDATE OF sku, name, unit, price, cost, tax_rate_id ON product
WHEN new.version = old.version
BEGIN
  UPDATE product SET version = old.version + 1 WHERE id = new.id;
END;

CREATE TABLE barcode (
  code       TEXT PRIMARY KEY,              -- normalised: EAN-13/UPC-A as 13 digits, EAN-8 as 8
  product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX barcode_product ON barcode (product_id);

-- Type-ahead over a million names: an external-content FTS5 table with a
-- prefix index, so 'ap' finds 'Apples' without scanning the catalog.
CREATE VIRTUAL TABLE product_fts USING fts5 (
  name, sku,
  content = 'product', content_rowid = 'id',
  prefix = '1 2 3',
  tokenize = 'unicode61 remove_diacritics 2'
);
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

CREATE TABLE user (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  role         TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'owner')),
  pin_hash     TEXT NOT NULL,               -- Argon2id, crypto_pwhash_str
  failed_tries INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE customer (
  id          INTEGER PRIMARY KEY,
  card_code   TEXT UNIQUE,
  name        TEXT,
  phone       TEXT UNIQUE,
  email       TEXT,
  consent     INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_hlc TEXT,                          -- profile fields: LWW by HLC
  erased_at   TEXT                           -- personal data removed on request
) STRICT;
CREATE INDEX customer_name ON customer (name COLLATE NOCASE);

CREATE TABLE shift (
  id            INTEGER PRIMARY KEY,
  till_id       TEXT NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES user (id),
  opened_at     TEXT NOT NULL,
  opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
  closed_at     TEXT,
  closed_by     INTEGER REFERENCES user (id),
  expected_cash INTEGER,
  counted_cash  INTEGER,
  counted_json  TEXT                         -- {"5000": 2, "200": 7, …} denomination → count
) STRICT;
CREATE INDEX shift_till ON shift (till_id, closed_at);
-- A shift is closed once; after that it is a record like any other.
CREATE TRIGGER shift_closed_is_final BEFORE UPDATE ON shift WHEN old.closed_at IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'shift is closed and cannot change');
END;
CREATE TRIGGER shift_no_delete BEFORE DELETE ON shift
BEGIN
  SELECT RAISE (ABORT, 'shift is append-only');
END;

CREATE TABLE cash_move (
  id          INTEGER PRIMARY KEY,
  shift_id    INTEGER NOT NULL REFERENCES shift (id),
  kind        TEXT NOT NULL CHECK (kind IN ('paid_in', 'paid_out', 'no_sale')),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  reason      TEXT NOT NULL,
  user_id     INTEGER NOT NULL REFERENCES user (id),
  approver_id INTEGER REFERENCES user (id),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX cash_move_shift ON cash_move (shift_id);

CREATE TABLE sale (
  id             INTEGER PRIMARY KEY,
  receipt_no     TEXT NOT NULL UNIQUE,        -- '<till>-<n>', gapless per till
  till_id        TEXT NOT NULL,
  till_number    INTEGER NOT NULL,
  kind           TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund')),
  refund_of      INTEGER REFERENCES sale (id),
  shift_id       INTEGER REFERENCES shift (id),
  user_id        INTEGER REFERENCES user (id),
  customer_id    INTEGER REFERENCES customer (id),
  created_at     TEXT NOT NULL,
  business_day   TEXT NOT NULL,
  subtotal       INTEGER NOT NULL,            -- Σ line totals after line discounts
  discount_total INTEGER NOT NULL DEFAULT 0,  -- line + cart discounts
  tax_total      INTEGER NOT NULL,
  total          INTEGER NOT NULL,            -- what the customer owes, before cash rounding
  rounding       INTEGER NOT NULL DEFAULT 0,  -- cash rounding applied to the total
  tendered       INTEGER NOT NULL,
  change         INTEGER NOT NULL DEFAULT 0,
  points_earned  INTEGER NOT NULL DEFAULT 0,
  event_id       TEXT,
  UNIQUE (till_id, till_number),
  CHECK ((kind = 'refund') = (refund_of IS NOT NULL))
) STRICT;
CREATE INDEX sale_business_day ON sale (business_day, till_id);
CREATE INDEX sale_created ON sale (created_at);
CREATE INDEX sale_refund_of ON sale (refund_of) WHERE refund_of IS NOT NULL;
CREATE INDEX sale_customer ON sale (customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE sale_line (
  id              INTEGER PRIMARY KEY,
  sale_id         INTEGER NOT NULL REFERENCES sale (id),
  line_no         INTEGER NOT NULL,
  product_id      INTEGER REFERENCES product (id),
  sku             TEXT NOT NULL,               -- copied: later catalog edits never change a sale
  name            TEXT NOT NULL,
  unit            TEXT NOT NULL,
  qty             INTEGER NOT NULL,            -- thousandths; negative on a refund
  unit_price      INTEGER NOT NULL,
  catalog_version INTEGER NOT NULL,
  tax_code        TEXT NOT NULL,
  tax_rate_bp     INTEGER NOT NULL,
  discount        INTEGER NOT NULL DEFAULT 0,  -- line + its share of the cart discount
  line_total      INTEGER NOT NULL,            -- gross as charged
  tax_amount      INTEGER NOT NULL,
  refund_of_line  INTEGER REFERENCES sale_line (id),
  UNIQUE (sale_id, line_no)
) STRICT;
CREATE INDEX sale_line_product ON sale_line (product_id);
CREATE INDEX sale_line_refund_of ON sale_line (refund_of_line) WHERE refund_of_line IS NOT NULL;

CREATE TABLE sale_tax (
  sale_id     INTEGER NOT NULL REFERENCES sale (id),
  tax_code    TEXT NOT NULL,
  tax_rate_bp INTEGER NOT NULL,
  net         INTEGER NOT NULL,
  tax         INTEGER NOT NULL,
  gross       INTEGER NOT NULL,
  PRIMARY KEY (sale_id, tax_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE payment (
  id        INTEGER PRIMARY KEY,
  sale_id   INTEGER NOT NULL REFERENCES sale (id),
  method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'points')),
  amount    INTEGER NOT NULL,                -- minor units; negative on a refund
  reference TEXT,                            -- card terminal reference; never a card number
  points    INTEGER NOT NULL DEFAULT 0       -- loyalty points spent (method 'points')
) STRICT;
CREATE INDEX payment_sale ON payment (sale_id);

-- Daily totals per till, kept by trigger, so a month report reads 31 rows
-- per till instead of a month of sale lines.
CREATE TABLE sale_day (
  business_day TEXT NOT NULL,
  till_id      TEXT NOT NULL,
  sales        INTEGER NOT NULL DEFAULT 0,
  refunds      INTEGER NOT NULL DEFAULT 0,
  total        INTEGER NOT NULL DEFAULT 0,
  tax_total    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (business_day, till_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER sale_day_add AFTER INSERT ON sale BEGIN
  INSERT INTO sale_day (business_day, till_id, sales, refunds, total, tax_total)
  VALUES (new.business_day, new.till_id, new.kind = 'sale', new.kind = 'refund',
          new.total + new.rounding, new.tax_total)
  ON CONFLICT (business_day, till_id) DO UPDATE SET
    sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
    total = total + excluded.total, tax_total = tax_total + excluded.tax_total;
END;

CREATE TABLE parked_sale (
  id        INTEGER PRIMARY KEY,
  till_id   TEXT NOT NULL,
  user_id   INTEGER REFERENCES user (id),
  parked_at TEXT NOT NULL,
  label     TEXT,
  cart_json TEXT NOT NULL
) STRICT;

CREATE TABLE stock_move (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES product (id),
  qty        INTEGER NOT NULL,                -- thousandths, signed
  reason     TEXT NOT NULL CHECK (reason IN ('sale', 'refund', 'receive', 'adjust', 'count', 'waste')),
  reference  TEXT,                            -- receipt number, delivery note, count id
  sale_id    INTEGER REFERENCES sale (id),
  user_id    INTEGER REFERENCES user (id),
  till_id    TEXT,
  created_at TEXT NOT NULL,
  event_id   TEXT
) STRICT;
CREATE INDEX stock_move_product ON stock_move (product_id);

-- Cached stock level (Invariant 4): maintained by this trigger only, proven
-- equal to Σ stock_move by `mainstreet-admin verify`.
CREATE TABLE stock_level (
  product_id INTEGER PRIMARY KEY REFERENCES product (id),
  qty        INTEGER NOT NULL
) STRICT;
CREATE TRIGGER stock_level_add AFTER INSERT ON stock_move BEGIN
  INSERT INTO stock_level (product_id, qty) VALUES (new.product_id, new.qty)
  ON CONFLICT (product_id) DO UPDATE SET qty = qty + excluded.qty;
END;

CREATE TABLE loyalty_entry (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  points      INTEGER NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('earn', 'redeem', 'refund', 'adjust')),
  sale_id     INTEGER REFERENCES sale (id),
  created_at  TEXT NOT NULL,
  event_id    TEXT
) STRICT;
CREATE INDEX loyalty_entry_customer ON loyalty_entry (customer_id);

CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  user_id     INTEGER REFERENCES user (id),
  approver_id INTEGER REFERENCES user (id),
  action      TEXT NOT NULL,                  -- 'void_line', 'refund', 'discount', 'no_sale', 'drawer_open', …
  sale_id     INTEGER REFERENCES sale (id),
  detail      TEXT                            -- JSON
) STRICT;

CREATE TABLE z_report (
  id           INTEGER PRIMARY KEY,
  till_id      TEXT NOT NULL,
  number       INTEGER NOT NULL,              -- gapless per till
  business_day TEXT NOT NULL,
  closed_at    TEXT NOT NULL,
  closed_by    INTEGER REFERENCES user (id),
  first_sale   INTEGER,
  last_sale    INTEGER,
  total        INTEGER NOT NULL,
  grand_total  INTEGER NOT NULL,              -- perpetual: every Z since the till began
  body         TEXT NOT NULL,                 -- the full report as JSON
  UNIQUE (till_id, number),
  UNIQUE (till_id, business_day)
) STRICT;

-- The hash chain (Invariant 5). Local and pulled events live here; each
-- till's events form their own chain through prev_hash.
CREATE TABLE journal (
  id        INTEGER PRIMARY KEY,
  event_id  TEXT NOT NULL UNIQUE,             -- UUID v7 (time-ordered); older ones v4
  till_id   TEXT NOT NULL,
  till_seq  INTEGER NOT NULL CHECK (till_seq >= 1),
  hlc       TEXT NOT NULL,
  type      TEXT NOT NULL,
  payload   TEXT NOT NULL,                    -- canonical JSON
  prev_hash TEXT NOT NULL,                    -- hex; 64 zeros for the first event of a till
  hash      TEXT NOT NULL,                    -- hex SHA-256 (prev_hash ‖ canonical event)
  pushed    INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1)),
  UNIQUE (till_id, till_seq)
) STRICT;
CREATE INDEX journal_unpushed ON journal (id) WHERE pushed = 0;

CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Append-only records (Invariant 3).
CREATE TRIGGER sale_no_update BEFORE UPDATE ON sale BEGIN SELECT RAISE (ABORT, 'sale is append-only'); END;
CREATE TRIGGER sale_no_delete BEFORE DELETE ON sale BEGIN SELECT RAISE (ABORT, 'sale is append-only'); END;
CREATE TRIGGER sale_line_no_update BEFORE UPDATE ON sale_line BEGIN SELECT RAISE (ABORT, 'sale_line is append-only'); END;
CREATE TRIGGER sale_line_no_delete BEFORE DELETE ON sale_line BEGIN SELECT RAISE (ABORT, 'sale_line is append-only'); END;
CREATE TRIGGER sale_tax_no_update BEFORE UPDATE ON sale_tax BEGIN SELECT RAISE (ABORT, 'sale_tax is append-only'); END;
CREATE TRIGGER sale_tax_no_delete BEFORE DELETE ON sale_tax BEGIN SELECT RAISE (ABORT, 'sale_tax is append-only'); END;
CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment BEGIN SELECT RAISE (ABORT, 'payment is append-only'); END;
CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment BEGIN SELECT RAISE (ABORT, 'payment is append-only'); END;
CREATE TRIGGER stock_move_no_update BEFORE UPDATE ON stock_move BEGIN SELECT RAISE (ABORT, 'stock_move is append-only'); END;
CREATE TRIGGER stock_move_no_delete BEFORE DELETE ON stock_move BEGIN SELECT RAISE (ABORT, 'stock_move is append-only'); END;
CREATE TRIGGER loyalty_entry_no_update BEFORE UPDATE ON loyalty_entry BEGIN SELECT RAISE (ABORT, 'loyalty_entry is append-only'); END;
CREATE TRIGGER loyalty_entry_no_delete BEFORE DELETE ON loyalty_entry BEGIN SELECT RAISE (ABORT, 'loyalty_entry is append-only'); END;
CREATE TRIGGER cash_move_no_update BEFORE UPDATE ON cash_move BEGIN SELECT RAISE (ABORT, 'cash_move is append-only'); END;
CREATE TRIGGER cash_move_no_delete BEFORE DELETE ON cash_move BEGIN SELECT RAISE (ABORT, 'cash_move is append-only'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE (ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE (ABORT, 'audit is append-only'); END;
CREATE TRIGGER z_report_no_update BEFORE UPDATE ON z_report BEGIN SELECT RAISE (ABORT, 'z_report is append-only'); END;
CREATE TRIGGER z_report_no_delete BEFORE DELETE ON z_report BEGIN SELECT RAISE (ABORT, 'z_report is append-only'); END;
-- The journal may only flip its 'pushed' mark, never its content.
CREATE TRIGGER journal_no_update BEFORE UPDATE OF event_id, till_id, till_seq, hlc, type, payload, prev_hash, hash ON journal
BEGIN SELECT RAISE (ABORT, 'journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE (ABORT, 'journal is append-only'); END;
