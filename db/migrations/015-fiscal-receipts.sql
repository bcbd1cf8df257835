-- 015: the receipts fiscal law wants signed and kept (app/fiscal/).
--
-- One row per receipt a fiscal profile issues, in the order issued, per
-- till: under AT-RKSV the signed compact JWS of every sale, refund (Storno),
-- start, null and closing receipt, with the cash box's turnover counter
-- after it; under DE-KassenSichV the process data of each sale that a TSE
-- signs. device_failed marks a receipt issued with no working signature
-- device ("Sicherheitseinrichtung ausgefallen"; no TSE). Local to the till
-- that issued them, append-only like every record (Invariant 3).

CREATE TABLE fiscal_receipt (
  id            INTEGER PRIMARY KEY,
  till_id       TEXT NOT NULL,
  profile       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('start', 'sale', 'refund', 'null', 'day', 'month', 'year', 'training')),
  receipt_id    TEXT NOT NULL,
  sale_id       INTEGER REFERENCES sale (id),
  issued_at     TEXT NOT NULL,            -- local time of the receipt, as signed
  fiscal_data   TEXT NOT NULL,            -- AT-RKSV: the compact JWS; DE: the TSE process data
  turnover      INTEGER NOT NULL,         -- the running total after this receipt, minor units
  device_failed INTEGER NOT NULL DEFAULT 0 CHECK (device_failed IN (0, 1)),
  UNIQUE (till_id, profile, receipt_id)
) STRICT;

CREATE INDEX fiscal_receipt_sale ON fiscal_receipt (sale_id) WHERE sale_id IS NOT NULL;
CREATE TRIGGER fiscal_receipt_no_update BEFORE UPDATE ON fiscal_receipt
BEGIN SELECT RAISE (ABORT, 'fiscal_receipt is append-only'); END;
CREATE TRIGGER fiscal_receipt_no_delete BEFORE DELETE ON fiscal_receipt
BEGIN SELECT RAISE (ABORT, 'fiscal_receipt is append-only'); END;
