-- Office-to-office sync by bundle files: what this office has seen from each
-- writing device, what each peer has told us it has seen, the bundles in and
-- out, per-field clocks for last-writer-wins, changes parked for a newer
-- version, and the review queue of conflicts.
--
-- All of these are local to this database: sync never carries them. The
-- `change` log and the `audit_event` chain are what travels.

-- Per writing device (office.device, the HLC node): the highest stamp of its
-- changes this database holds with nothing missing before it. A change at or
-- below it has been applied already, which is what makes a bundle idempotent.
CREATE TABLE sync_origin (
  node TEXT PRIMARY KEY,
  hlc  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Per peer office: what it told us it holds (its `sync_origin` as of its
-- latest bundle to us), so an export sends only what it lacks; and what we
-- last told it we hold, so a pass writes a bundle only when there is news.
CREATE TABLE sync_peer (
  office          TEXT PRIMARY KEY,
  seen            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(seen)),
  told            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(told)),
  -- every change log entry up to this seq is one the peer holds: exports read on from here
  floor_seq       INTEGER NOT NULL DEFAULT 0,
  seen_bundle     TEXT,
  seen_at         TEXT,
  last_in_bundle  TEXT,
  last_in_at      TEXT,
  last_out_bundle TEXT,
  last_out_at     TEXT
) STRICT;

-- Every bundle written or read, by id, with who handled it and when: the
-- record of sync (kept here rather than in the audit chain, whose events
-- travel in bundles: a record of each bundle would itself be news to send).
-- An imported bundle is never applied twice and a folder pass skips what it
-- has handled.
CREATE TABLE sync_bundle (
  id          TEXT PRIMARY KEY,
  direction   TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  from_office TEXT NOT NULL,
  to_offices  TEXT NOT NULL CHECK (json_valid(to_offices)),
  created_at  TEXT NOT NULL,
  file_name   TEXT,
  sha256      TEXT NOT NULL,
  changes     INTEGER NOT NULL,
  events      INTEGER NOT NULL,
  blobs       INTEGER NOT NULL,
  -- for bundles in: what applying it did (JSON of the import summary)
  outcome     TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  handled_at  TEXT NOT NULL,
  handled_by  TEXT NOT NULL
) STRICT;

-- The stamp of the last write to each field of each synced row, for
-- last-writer-wins. Derived from the change log (local writes are folded in
-- before each import, so registration pays nothing for it); rows from other
-- offices are written as they are applied.
CREATE TABLE row_clock (
  tbl    TEXT NOT NULL,
  id     TEXT NOT NULL,
  clocks TEXT NOT NULL,
  PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;

-- Changes this version cannot apply yet: a table or column from a newer
-- version, or an edit whose row has not arrived. Replayed after each import
-- and after an upgrade; never dropped.
CREATE TABLE sync_parked (
  seq        INTEGER PRIMARY KEY,
  hlc        TEXT NOT NULL,
  tbl        TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  op         TEXT NOT NULL,
  fields     TEXT NOT NULL CHECK (json_valid(fields)),
  prev       TEXT CHECK (prev IS NULL OR json_valid(prev)),
  reason     TEXT NOT NULL,
  bundle_id  TEXT NOT NULL,
  parked_at  TEXT NOT NULL
) STRICT;

-- For review: concurrent edits of identity fields (both values kept, the
-- winner applied), stage moves made concurrently or leaving a stage its rules
-- forbid, and clocks far off. Other values that lost are recorded too
-- (kind 'lost', closed from the start), so no write is ever silently gone.
CREATE TABLE sync_conflict (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('identity', 'stage', 'clock', 'lost')),
  tbl          TEXT NOT NULL,
  row_id       TEXT NOT NULL,
  person_id    TEXT,
  field        TEXT,
  winner_value TEXT,
  winner_hlc   TEXT,
  loser_value  TEXT,
  loser_hlc    TEXT,
  detail       TEXT,
  bundle_id    TEXT,
  status       TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'superseded', 'recorded')),
  resolved_by  TEXT,
  resolved_at  TEXT,
  resolution   TEXT,
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX sync_conflict_open ON sync_conflict (status, kind) WHERE status = 'open';
CREATE INDEX sync_conflict_row ON sync_conflict (tbl, row_id, field);
