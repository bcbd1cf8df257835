-- 018: promotions (app/promo/): catalog data, versioned like prices.
--
-- Every change of a promotion is a new row: (uid, version) names it on every
-- till, the newest version is the one in force, and no row is ever updated
-- or deleted, so what a past sale got can always be read back. Ending a
-- promotion is a new version whose ends_at is the moment it ended. The
-- products a promotion covers (its group, or a bundle's parts) belong to the
-- version. Times are UTC ISO 8601; the window of weekdays and minutes of the
-- day is the shop's local time.

CREATE TABLE promotion (
  id           INTEGER PRIMARY KEY,
  uid          TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('multibuy', 'multiprice', 'bundle', 'percent', 'amount', 'price')),
  buy_qty      INTEGER NOT NULL DEFAULT 0 CHECK (buy_qty BETWEEN 0 AND 100),
  pay_qty      INTEGER NOT NULL DEFAULT 0 CHECK (pay_qty >= 0),
  value        INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),  -- minor units; basis points for percent
  category_id  INTEGER REFERENCES category (id),
  members_only INTEGER NOT NULL DEFAULT 0 CHECK (members_only IN (0, 1)),
  coupon       TEXT,
  weekdays     INTEGER NOT NULL DEFAULT 127 CHECK (weekdays BETWEEN 1 AND 127), -- bit 0 = Monday
  minute_from  INTEGER NOT NULL DEFAULT 0 CHECK (minute_from BETWEEN 0 AND 1439),
  minute_to    INTEGER NOT NULL DEFAULT 1440 CHECK (minute_to BETWEEN 1 AND 1440),
  starts_at    TEXT,
  ends_at      TEXT,
  created_at   TEXT NOT NULL,
  UNIQUE (uid, version)
) STRICT;
CREATE INDEX promotion_coupon ON promotion (coupon COLLATE NOCASE) WHERE coupon IS NOT NULL;

CREATE TABLE promotion_product (
  promotion_id INTEGER NOT NULL REFERENCES promotion (id),
  product_id   INTEGER NOT NULL REFERENCES product (id),
  PRIMARY KEY (promotion_id, product_id)
) STRICT, WITHOUT ROWID;

-- What each promotion took off each sale line, copied as used (the name)
-- like the line copies its product. A refund line carries its share back,
-- negative, so the report nets refunds out.
CREATE TABLE sale_line_promotion (
  sale_line_id  INTEGER NOT NULL REFERENCES sale_line (id),
  promotion_uid TEXT NOT NULL,
  name          TEXT NOT NULL,
  amount        INTEGER NOT NULL,
  PRIMARY KEY (sale_line_id, promotion_uid)
) STRICT, WITHOUT ROWID;
CREATE INDEX sale_line_promotion_uid ON sale_line_promotion (promotion_uid);

CREATE TRIGGER promotion_no_update BEFORE UPDATE ON promotion
BEGIN SELECT RAISE (ABORT, 'promotion is append-only'); END;
CREATE TRIGGER promotion_no_delete BEFORE DELETE ON promotion
BEGIN SELECT RAISE (ABORT, 'promotion is append-only'); END;
CREATE TRIGGER promotion_product_no_update BEFORE UPDATE ON promotion_product
BEGIN SELECT RAISE (ABORT, 'promotion_product is append-only'); END;
CREATE TRIGGER promotion_product_no_delete BEFORE DELETE ON promotion_product
BEGIN SELECT RAISE (ABORT, 'promotion_product is append-only'); END;
CREATE TRIGGER sale_line_promotion_no_update BEFORE UPDATE ON sale_line_promotion
BEGIN SELECT RAISE (ABORT, 'sale_line_promotion is append-only'); END;
CREATE TRIGGER sale_line_promotion_no_delete BEFORE DELETE ON sale_line_promotion
BEGIN SELECT RAISE (ABORT, 'sale_line_promotion is append-only'); END;
