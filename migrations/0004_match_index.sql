-- The duplicate index at the scale of a 10,000-row list against 100,000 people.
--
-- `person_card` holds, per person (by rowid), what matching compares of them
-- (src/domain/matching/card.ts): their name forms already normalised (pinyin
-- worked out), birth year, sex, nationality and rescue facts. An import reads
-- one short card per candidate instead of the person row and its name
-- conversions.
-- The card also tells which name counts (`name_token`) the person added, so
-- `person_token` is no longer needed to take them off again.
--
-- Derived from person rows on this computer, local only, like `person_key`;
-- the store fills it (and rebuilds `person_key` and `name_token`, whose keys
-- changed) when it opens a database whose index an earlier version built.
CREATE TABLE person_card (
  person INTEGER PRIMARY KEY,
  card   TEXT NOT NULL
) STRICT;

DROP TABLE person_token;

-- Blocking keys of the people registered lately. `person_key` is ordered by
-- key, so every registration would write keys all over it, and a batch of a
-- thousand people would rewrite most of its pages; new keys gather here
-- instead, a table small enough to stay in memory, and move to `person_key`
-- in one ordered pass when enough have gathered. Lookups read both.
CREATE TABLE person_key_recent (
  key    INTEGER NOT NULL,
  person INTEGER NOT NULL,
  PRIMARY KEY (key, person)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_key_recent_person ON person_key_recent (person);
