-- 003: what sync needs to merge other tills' events into this store.
--
-- Customers get a uid that every till knows them by: card codes and phone
-- numbers change, local ids differ from till to till. Two tills that signed
-- up the same card while offline end up with two uids for one customer;
-- customer_alias maps the second uid to the row that holds the card here.
--
-- A product's updated_hlc follows its newest edit, local or pulled, so a
-- pulled edit is applied only when it is newer (last writer wins by HLC).

ALTER TABLE customer ADD COLUMN uid TEXT;

UPDATE customer SET uid = lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'
  || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1)
  || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)));

CREATE UNIQUE INDEX customer_uid ON customer (uid);

CREATE TRIGGER customer_uid_new AFTER INSERT ON customer WHEN new.uid IS NULL
BEGIN
  UPDATE customer SET uid = lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4'
    || substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1)
    || substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)))
  WHERE id = new.id;
END;

CREATE TABLE customer_alias (
  uid         TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id)
) STRICT, WITHOUT ROWID;

-- Local edits only: pulled events arrive with pushed = 1 and sync sets
-- updated_hlc itself when it applies them.
CREATE TRIGGER product_saved_hlc AFTER INSERT ON journal
WHEN new.type = 'product.saved' AND new.pushed = 0
BEGIN
  UPDATE product SET updated_hlc = new.hlc WHERE sku = json_extract (new.payload, '$.sku');
END;
