-- Homeward core schema: this office and its peers, people with their documents,
-- indicators, holds and verifications, notes and attachments, the audit chain,
-- the sync change log, local users, and the search index.
--
-- Conventions for every table that sync carries: a text id (UUIDv7, or a
-- deterministic id where two offices must agree on it), `deleted` as a
-- tombstone (rows are never removed), and times as ISO-8601 UTC text.
-- No foreign-key constraints: sync may deliver a child before its parent.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE office (
  code               TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 8 AND code NOT GLOB '*[^A-Z0-9]*'),
  name               TEXT NOT NULL,
  country            TEXT,
  is_self            INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
  age_recipient      TEXT,
  signing_public_key TEXT,
  trust              TEXT NOT NULL DEFAULT 'trusted' CHECK (trust IN ('self', 'trusted', 'revoked')),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX office_self ON office (is_self) WHERE is_self = 1;

-- Last case number issued per office and year; numbers may skip (a rolled-back
-- write) but never repeat.
CREATE TABLE case_counter (
  office TEXT NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (office, year)
) STRICT;

CREATE TABLE person (
  id                    TEXT PRIMARY KEY,
  case_number           TEXT NOT NULL UNIQUE,
  office                TEXT NOT NULL,
  family_name           TEXT,
  given_names           TEXT,
  native_name           TEXT,
  aliases               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
  sex                   TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  birth_date            TEXT,
  estimated_age         INTEGER,
  age_estimated_on      TEXT,
  claimed_nationality   TEXT,
  confirmed_nationality TEXT,
  languages             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
  phone                 TEXT,
  rescue_date           TEXT,
  rescue_site           TEXT,
  rescue_operation      TEXT,
  rescue_group          TEXT,
  consent_status        TEXT CHECK (consent_status IN ('given', 'refused', 'overridden')),
  consent_reason        TEXT,
  stage                 TEXT NOT NULL DEFAULT 'intake' CHECK (stage IN (
                          'intake', 'verification', 'transfer', 'handover', 'closed',
                          'absconded', 'deceased', 'merged', 'remains_in_country')),
  stage_changed_at      TEXT NOT NULL,
  merged_into           TEXT,
  assigned_coordinator  TEXT,
  created_at            TEXT NOT NULL,
  created_by            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  deleted               INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX person_stage ON person (stage, case_number) WHERE deleted = 0;
CREATE INDEX person_nationality ON person (claimed_nationality) WHERE deleted = 0;
CREATE INDEX person_updated ON person (updated_at);

CREATE TABLE identity_document (
  id              TEXT PRIMARY KEY,
  person_id       TEXT NOT NULL,
  type            TEXT NOT NULL,
  number          TEXT,
  issuing_country TEXT,
  expiry          TEXT,
  holder          TEXT NOT NULL DEFAULT 'unknown' CHECK (holder IN ('person', 'compound', 'authority', 'lost', 'unknown')),
  note            TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX identity_document_person ON identity_document (person_id);
CREATE INDEX identity_document_number ON identity_document (number) WHERE deleted = 0;

-- Trafficking indicators (means of control) and vulnerabilities. The id is
-- `person_id/category/code`, so two offices recording the same indicator agree,
-- and a person's indicators are a range of the primary key (no second index).
CREATE TABLE indicator (
  id         TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL,
  category   TEXT NOT NULL CHECK (category IN ('control', 'vulnerability')),
  code       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE TABLE hold (
  id          TEXT PRIMARY KEY,
  person_id   TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('medical', 'minor_without_guardian', 'legal', 'protection')),
  reason      TEXT NOT NULL,
  placed_by   TEXT NOT NULL,
  placed_at   TEXT NOT NULL,
  lifted_by   TEXT,
  lifted_at   TEXT,
  lift_reason TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX hold_open ON hold (person_id) WHERE lifted_at IS NULL AND deleted = 0;

CREATE TABLE verification (
  id                    TEXT PRIMARY KEY,
  person_id             TEXT NOT NULL,
  method                TEXT NOT NULL CHECK (method IN ('document', 'interview', 'embassy_list')),
  authority             TEXT NOT NULL,
  country               TEXT NOT NULL,
  submission_batch      TEXT,
  outcome               TEXT NOT NULL CHECK (outcome IN ('pending', 'confirmed', 'not_confirmed', 'other_nationality')),
  confirmed_nationality TEXT,
  reference             TEXT,
  decided_by            TEXT,
  decided_at            TEXT,
  note                  TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  deleted               INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX verification_person ON verification (person_id);

-- Append-only: a note is never edited, and sync never overwrites one.
CREATE TABLE note (
  id         TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL,
  body       TEXT NOT NULL,
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX note_person ON note (person_id, created_at);

-- Content-addressed bytes, stored inside the encrypted database.
CREATE TABLE attachment_blob (
  sha256 TEXT PRIMARY KEY,
  size   INTEGER NOT NULL,
  bytes  BLOB NOT NULL
) STRICT;

CREATE TABLE attachment (
  id         TEXT PRIMARY KEY,
  person_id  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('photo', 'document_scan', 'signature', 'evidence', 'other')),
  filename   TEXT,
  mime       TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX attachment_person ON attachment (person_id);

-- Hash-chained, one chain per writing device (`chain` = office.device): each
-- event carries the hash of the one before it in its chain. (chain,
-- chain_index) names an event everywhere, so sync can tell it has one already.
CREATE TABLE audit_event (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL,
  chain       TEXT NOT NULL,
  chain_index INTEGER NOT NULL,
  at          TEXT NOT NULL,
  hlc         TEXT NOT NULL,
  office      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  person_id   TEXT,
  before      TEXT,
  after       TEXT,
  reason      TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  UNIQUE (chain, chain_index)
) STRICT;
CREATE INDEX audit_event_person ON audit_event (person_id, seq) WHERE person_id IS NOT NULL;

-- The sync log: one entry per write (a registration, an edit, a stage change),
-- holding every row it touched with the fields it set, under one
-- hybrid-logical-clock timestamp — the same stamp as the write's audit event.
-- `rows` is [{"table", "id", "op": insert|update|delete, "fields": {…}}].
-- Append-only and read in order, so it carries no index beyond its sequence:
-- every index here is paid on every write.
CREATE TABLE change (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  hlc     TEXT NOT NULL, -- ends with the writing node (office.device)
  rows    TEXT NOT NULL CHECK (json_valid(rows)),
  flagged TEXT
) STRICT;

CREATE TABLE user (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'data_entry', 'viewer')),
  password_hash TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

-- Names in every script, aliases, case and document numbers; rowid = person.rowid.
-- Queried with LIKE, which the trigram tokenizer answers from the index; no
-- positions are needed for that (detail = none), which halves its size and
-- write cost. Text is stored diacritic-folded by the write path.
CREATE VIRTUAL TABLE person_search USING fts5 (text, tokenize = 'trigram', detail = none);

-- Words of the same text with a prefix index, for searches too short for
-- trigrams: "Gu" finds Guo and Gupta, "杜" finds 杜涛 (CJK names are also
-- indexed character by character). Contentless: it only ever answers MATCH.
CREATE VIRTUAL TABLE person_words USING fts5 (
  text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2', detail = none, content = '', contentless_delete = 1
);
