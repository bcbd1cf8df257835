-- 006: two indexes no query reads, written by every sale.
--
-- Every sale line added an entry to sale_line_product at a random place (its
-- product), and every sale one to sale_created: pages that each sale
-- dirtied, wrote to the WAL and wrote again at checkpoint, for nothing. No
-- report, screen, export or check looks sale lines up by product (reports
-- reach lines through their sales' business day and (sale_id, line_no)),
-- or sales by created_at (reports go by business_day, sale_business_day);
-- products are never deleted, so no foreign-key check needs them either.
--
-- Kept: sale_till, (till_id, id), which the UNIQUE (till_id, till_number)
-- does not cover: the X and Z find the till's newest sale after its last Z
-- by id, and verify sums each Z period as an id range of one till.
-- stock_move_product serves a product's stock history.

DROP INDEX sale_created;
DROP INDEX sale_line_product;
