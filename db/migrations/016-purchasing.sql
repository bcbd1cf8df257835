-- 016: suppliers as the owner deals with them, and what goods cost.
--
-- A supplier gets a contact, the shop's customer number with them, how many
-- days an order takes, the smallest order they take (minor units) and where
-- they are (a region; is_local is already in 001). A product can be bought
-- from several suppliers, each with its own order code and price:
-- supplier_product. The product's own supplier_id stays the one it is
-- usually ordered from; every product that has one gets its link here, and
-- the trigger keeps that link for products saved later.
--
-- product.cost is the moving average cost of what was received
-- (docs/ARCHITECTURE.md, "Cost and margin"). Each sale line copies it as it
-- is sold, so a margin never changes afterwards; cost_change keeps every
-- value the moving average took, from when, so stock can be valued at cost
-- on any past day.

ALTER TABLE supplier ADD COLUMN contact TEXT;
ALTER TABLE supplier ADD COLUMN customer_number TEXT;
ALTER TABLE supplier ADD COLUMN lead_time_days INTEGER CHECK (lead_time_days >= 0);
ALTER TABLE supplier ADD COLUMN minimum_order INTEGER CHECK (minimum_order >= 0);
ALTER TABLE supplier ADD COLUMN region TEXT;

CREATE TABLE supplier_product (
  product_id  INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  supplier_id INTEGER NOT NULL REFERENCES supplier (id),
  order_code  TEXT,                           -- the supplier's article number
  cost        INTEGER CHECK (cost >= 0),      -- their price per unit (or kg), minor units
  PRIMARY KEY (product_id, supplier_id)
) STRICT, WITHOUT ROWID;
-- A supplier's products, for its page and the orders suggested to it.
CREATE INDEX supplier_product_by_supplier ON supplier_product (supplier_id);

INSERT INTO supplier_product (product_id, supplier_id, cost)
  SELECT id, supplier_id, cost FROM product WHERE supplier_id IS NOT NULL;

CREATE TRIGGER supplier_product_new AFTER INSERT ON product WHEN new.supplier_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO supplier_product (product_id, supplier_id) VALUES (new.id, new.supplier_id);
END;
CREATE TRIGGER supplier_product_edit AFTER UPDATE OF supplier_id ON product
WHEN new.supplier_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO supplier_product (product_id, supplier_id) VALUES (new.id, new.supplier_id);
END;

-- The unit cost (per unit or per kg, minor units) of the product when the
-- line was sold; a refund line copies the cost of the line it refunds.
-- NULL when the product had no cost.
ALTER TABLE sale_line ADD COLUMN cost INTEGER;

-- The moving average cost of a product from changed_at on (UTC).
CREATE TABLE cost_change (
  id         INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES product (id),
  changed_at TEXT NOT NULL,
  cost       INTEGER NOT NULL CHECK (cost >= 0)
) STRICT;
CREATE INDEX cost_change_product ON cost_change (product_id, changed_at);
CREATE TRIGGER cost_change_no_update BEFORE UPDATE ON cost_change
BEGIN SELECT RAISE (ABORT, 'cost_change is append-only'); END;
CREATE TRIGGER cost_change_no_delete BEFORE DELETE ON cost_change
BEGIN SELECT RAISE (ABORT, 'cost_change is append-only'); END;

-- Purchase orders: drafted (by hand or from the suggestion), sent, received
-- in full or in part, closed. They belong to the till that drafts them; the
-- deliveries received against them are stock moves like any other, and
-- sync as such.
CREATE TABLE purchase_order (
  id          INTEGER PRIMARY KEY,            -- the order's number
  supplier_id INTEGER NOT NULL REFERENCES supplier (id),
  status      TEXT NOT NULL DEFAULT 'draft'
              CHECK (status IN ('draft', 'sent', 'partly_received', 'received', 'closed')),
  created_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES user (id),
  sent_at     TEXT,
  closed_at   TEXT,
  note        TEXT
) STRICT;
CREATE INDEX purchase_order_open ON purchase_order (supplier_id) WHERE status <> 'closed';

CREATE TABLE purchase_order_line (
  order_id     INTEGER NOT NULL REFERENCES purchase_order (id),
  product_id   INTEGER NOT NULL REFERENCES product (id),
  qty          INTEGER NOT NULL CHECK (qty > 0),          -- thousandths ordered
  unit_cost    INTEGER CHECK (unit_cost >= 0),            -- the supplier's price, minor units
  received_qty INTEGER NOT NULL DEFAULT 0 CHECK (received_qty >= 0),
  PRIMARY KEY (order_id, product_id)
) STRICT, WITHOUT ROWID;
-- What is on order for a product, for the next suggestion.
CREATE INDEX purchase_order_line_product ON purchase_order_line (product_id);
