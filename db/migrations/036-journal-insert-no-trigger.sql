-- 036: a journal insert runs no trigger.
--
-- 003's product_saved_hlc stamped a locally saved product with its event's
-- clock from an AFTER INSERT trigger on the journal. Any INSERT trigger makes
-- SQLite run every journal insert as a statement of its own inside the
-- transaction, copying each page it first touches into a statement journal
-- so that the statement alone could be undone. Every sale, every edit and
-- every event a pull stores paid for that, for the one event in a hundred
-- that is a product's. The catalog now stamps the product itself when it
-- appends the event, in the same transaction (pos_catalog_save), and a
-- first pull stores its events about a fifth faster (docs/ARCHITECTURE.md,
-- figure 13).

DROP TRIGGER product_saved_hlc;
