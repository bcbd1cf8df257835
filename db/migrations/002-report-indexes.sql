-- 002: indexes for cash-up and reports.
--
-- X and Z reports read one till's sales after its last Z by rowid range;
-- an index on till_id (which carries the rowid) makes that a seek instead
-- of a walk over every till's sales. Cash-up sums one shift's sales.

CREATE INDEX sale_till ON sale (till_id);
CREATE INDEX sale_shift ON sale (shift_id) WHERE shift_id IS NOT NULL;

-- One open shift per till, even if two programs open one at once.
CREATE UNIQUE INDEX shift_one_open ON shift (till_id) WHERE closed_at IS NULL;
