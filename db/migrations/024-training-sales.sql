-- 024: a till's training sales found without reading the whole journal.
--
-- A training sale (app/sale/pos-training.h) is never a row of sale: it is
-- only the journal event "training.sale", printed and exported by its
-- receipt number <till>-T<n>, and the next number counts the till's ones.
-- This partial index holds those events alone, so it costs a sale's commit
-- nothing and keeps those look-ups off a journal of millions of events.
CREATE INDEX journal_training ON journal (till_id, json_extract (payload, '$.receipt_no'))
  WHERE type = 'training.sale';
