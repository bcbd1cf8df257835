-- 007: the journal chain gets keys.
--
-- Each till signs every event it appends with its own Ed25519 key: whoever
-- edits a recorded event and re-hashes the chain after it still cannot
-- sign the result. The private key lives in a file outside the store and
-- its backups; the store holds only the public keys, of this till and of
-- every till whose events it pulled (they arrive as `till.key` events). A
-- till can have several keys over time: one whose private key file was
-- lost makes a new pair and announces it.
--
-- signature is Ed25519 over the event's hash (its 64 hex characters);
-- events written before this migration have none.

CREATE TABLE till_key (
  id         INTEGER PRIMARY KEY,
  till_id    TEXT NOT NULL,
  public_key BLOB NOT NULL CHECK (length (public_key) = 32),
  created_at TEXT NOT NULL,
  UNIQUE (till_id, public_key)
) STRICT;

ALTER TABLE journal ADD COLUMN signature BLOB;

-- Append-only like the rest (Invariant 3): a key or a signature once
-- written stays as it is; `pushed` is the only column sync may still set.
DROP TRIGGER journal_no_update;
CREATE TRIGGER journal_no_update
BEFORE UPDATE OF event_id, till_id, till_seq, hlc, type, payload, prev_hash, hash, signature ON journal
BEGIN SELECT RAISE (ABORT, 'journal is append-only'); END;
CREATE TRIGGER till_key_no_update BEFORE UPDATE ON till_key BEGIN SELECT RAISE (ABORT, 'till_key is append-only'); END;
CREATE TRIGGER till_key_no_delete BEFORE DELETE ON till_key BEGIN SELECT RAISE (ABORT, 'till_key is append-only'); END;
