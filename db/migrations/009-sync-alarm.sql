-- 009: alarms raised while applying what other tills changed.
--
-- A shop setting, tax rate or user changed on two tills between syncs is
-- settled by the later change (by HLC), and never silently: each such
-- conflict leaves a row here, which `sync` prints and lists.

CREATE TABLE sync_alarm (
  id           INTEGER PRIMARY KEY,
  created_at   TEXT NOT NULL,                  -- ISO 8601 UTC, when it was found
  event_id     TEXT NOT NULL,                  -- the pulled event
  subject      TEXT NOT NULL,                  -- 'setting:tax_mode', 'tax_rate:B', …
  local_value  TEXT,                           -- this till's value
  remote_value TEXT,                           -- the other till's value
  kept         TEXT NOT NULL CHECK (kept IN ('local', 'remote')),
  message      TEXT NOT NULL
) STRICT;
