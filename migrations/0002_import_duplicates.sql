-- Bulk import of rescue lists, their provenance, and the duplicate review queue.
--
-- Synced tables follow 0001's conventions: TEXT ids (UUIDv7, or a
-- deterministic id where two offices must agree on it), `deleted` as a
-- tombstone, `updated_at` for rows that change. `person_key` is derived from
-- person rows on this computer (like the search indexes) and never synced.

-- One applied import: which file, read how, by whom, and what came of it.
CREATE TABLE import_batch (
  id               TEXT PRIMARY KEY,
  file_name        TEXT NOT NULL,
  file_sha256      TEXT NOT NULL,
  format           TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding         TEXT,
  sheet            TEXT,
  mapping          TEXT NOT NULL CHECK (json_valid(mapping)),
  mapping_name     TEXT,
  rows_total       INTEGER NOT NULL,
  created          INTEGER NOT NULL,
  already_imported INTEGER NOT NULL,
  rejected         INTEGER NOT NULL,
  blank            INTEGER NOT NULL,
  flagged          INTEGER NOT NULL,
  imported_at      TEXT NOT NULL,
  imported_by      TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX import_batch_file ON import_batch (file_sha256);

-- Where a person came from: the file (by content hash) and its row. The same
-- file row never creates a second person; this index is how that is checked.
-- Not UNIQUE: two offices may import the same list before they sync.
CREATE TABLE person_source (
  id          TEXT PRIMARY KEY,
  person_id   TEXT NOT NULL,
  batch_id    TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  row_number  INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX person_source_row ON person_source (file_sha256, row_number);
CREATE INDEX person_source_person ON person_source (person_id);

-- A column mapping saved under a name, for the next list from the same source.
CREATE TABLE import_mapping (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX import_mapping_name ON import_mapping (name) WHERE deleted = 0;

-- A pair of records that may be one person. The id is the pair itself
-- (smaller id '|' larger id), so a pair once decided "different" is never
-- asked again, on any office.
CREATE TABLE duplicate_candidate (
  id            TEXT PRIMARY KEY,
  person_a      TEXT NOT NULL,
  person_b      TEXT NOT NULL,
  score         REAL NOT NULL,
  reasons       TEXT NOT NULL CHECK (json_valid(reasons)),
  found_by      TEXT NOT NULL CHECK (found_by IN ('intake', 'import', 'edit')),
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'different')),
  decided_by    TEXT,
  decided_at    TEXT,
  decision_note TEXT,
  merge_id      TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX duplicate_candidate_queue ON duplicate_candidate (status, score DESC) WHERE deleted = 0;
CREATE INDEX duplicate_candidate_a ON duplicate_candidate (person_a);
CREATE INDEX duplicate_candidate_b ON duplicate_candidate (person_b);

-- One merge: what it changed, so that it can be undone exactly.
CREATE TABLE person_merge (
  id                  TEXT PRIMARY KEY,
  survivor_id         TEXT NOT NULL,
  merged_id           TEXT NOT NULL,
  candidate_id        TEXT,
  -- the survivor's columns the merge changed, with their values before and after
  survivor_changes    TEXT NOT NULL CHECK (json_valid(survivor_changes)),
  merged_stage_before TEXT NOT NULL,
  -- ids of documents and holds moved to the survivor, indicators added to it
  moved               TEXT NOT NULL CHECK (json_valid(moved)),
  reason              TEXT,
  merged_at           TEXT NOT NULL,
  merged_by           TEXT NOT NULL,
  undone_at           TEXT,
  undone_by           TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  deleted             INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX person_merge_survivor ON person_merge (survivor_id);
CREATE INDEX person_merge_merged ON person_merge (merged_id);

-- Blocking keys (src/domain/matching): duplicate candidates for a new record
-- are the people sharing a key with it. A key is stored as a 53-bit hash of
-- its text and a person by rowid, which keeps the index small and fast; a
-- hash collision only adds a candidate that scoring then rejects. Derived
-- from person rows; local only.
CREATE TABLE person_key (
  key    INTEGER NOT NULL,
  person INTEGER NOT NULL,
  PRIMARY KEY (key, person)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_key_person ON person_key (person);

-- How many registered people carry each name token (name_token), and which
-- tokens each person carries (person_token, to take them off again): a match
-- on a rare name says more than one on a common name. Derived; local only.
CREATE TABLE name_token (
  token TEXT PRIMARY KEY,
  n     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE person_token (
  person INTEGER NOT NULL,
  token  TEXT NOT NULL,
  PRIMARY KEY (person, token)
) STRICT, WITHOUT ROWID;

-- A merged-away case finds the person it was merged into, and the survivor its merged records.
CREATE INDEX person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL;
