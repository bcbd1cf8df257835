-- 012: wrong PINs typed under names that are not active users.
--
-- They are counted and locked out exactly like a real user's, so that the
-- answer to a sign-in never tells whether a name exists. Local to this
-- till: never synced, never journalled.

CREATE TABLE sign_in_miss (
  name         TEXT PRIMARY KEY COLLATE NOCASE, -- as typed
  failed_tries INTEGER NOT NULL DEFAULT 0,      -- wrong PINs in a row
  locked_until TEXT                             -- ISO 8601 UTC, NULL = not locked
) STRICT;
