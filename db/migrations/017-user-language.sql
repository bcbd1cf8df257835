-- 017: the language each user's screen speaks.
--
-- A code such as 'de' or 'fr_CH'; '' follows the till's own language. It
-- travels with the user's other details in their journal events.

ALTER TABLE user ADD COLUMN language TEXT NOT NULL DEFAULT ''
  CHECK (language GLOB '' OR language GLOB '[a-z][a-z]' OR language GLOB '[a-z][a-z][a-z]'
         OR language GLOB '[a-z][a-z]_[A-Z][A-Z]' OR language GLOB '[a-z][a-z][a-z]_[A-Z][A-Z]');
