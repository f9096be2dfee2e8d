-- The rest of each person's way home: office keys, the recipients exports are
-- encrypted to, embassy verification lists, border transfer batches, and the
-- handover with its signed manifest.
--
-- Synced tables follow 0001's conventions (TEXT ids, `deleted` tombstones,
-- ISO-8601 UTC times). `office_secret` is the exception: secret keys never
-- leave this database, so the write path keeps them out of the change log.

-- This office's secret keys: the age identity (AGE-SECRET-KEY-1…) that opens
-- what is encrypted to the office, and the Ed25519 seed that signs manifests
-- and bundles. Public halves live on the office row.
CREATE TABLE office_secret (
  office          TEXT PRIMARY KEY,
  age_identity    TEXT NOT NULL,
  signing_key_id  TEXT NOT NULL,
  signing_seed    TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;

ALTER TABLE office ADD COLUMN signing_key_id TEXT;

-- Who exports are encrypted to: an embassy, a receiving authority, a peer
-- office. Either an age X25519 key, or a passphrase agreed out of band that
-- is typed at each export and never stored.
CREATE TABLE recipient (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  country         TEXT,
  agency          TEXT,
  kind            TEXT NOT NULL CHECK (kind IN ('x25519', 'passphrase')),
  age_recipient   TEXT,
  fingerprint     TEXT,
  signing_public_key TEXT,
  note            TEXT,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  CHECK ((kind = 'x25519') = (age_recipient IS NOT NULL))
) STRICT;

-- One list of people sent to an embassy for nationality verification. Each
-- person on it gets a pending verification whose submission_batch is the
-- list's code, answered later one by one or by the embassy's returned list.
CREATE TABLE verification_list (
  id           TEXT PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  country      TEXT NOT NULL,
  authority    TEXT NOT NULL,
  recipient_id TEXT,
  people       INTEGER NOT NULL,
  file_sha256  TEXT,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

-- Evidence for an answer: attachment ids of the person's evidence files.
ALTER TABLE verification ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence));
CREATE INDEX verification_batch ON verification (submission_batch) WHERE submission_batch IS NOT NULL;

-- A border crossing of a group of people in the transfer stage.
CREATE TABLE transfer_batch (
  id             TEXT PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  from_site      TEXT NOT NULL,
  crossing_point TEXT NOT NULL,
  to_site        TEXT NOT NULL,
  planned_date   TEXT NOT NULL,
  vehicle        TEXT,
  escort         TEXT,
  capacity       INTEGER NOT NULL CHECK (capacity > 0),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'boarding', 'in_transit', 'arrived', 'cancelled')),
  status_changed_at TEXT NOT NULL,
  note           TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX transfer_batch_status ON transfer_batch (status, planned_date) WHERE deleted = 0;

-- One person on a batch. The id is `batch_id/person_id`, so two offices
-- checking off the same person agree on the row.
CREATE TABLE transfer_member (
  id          TEXT PRIMARY KEY,
  batch_id    TEXT NOT NULL,
  person_id   TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'boarded', 'arrived', 'missing', 'removed')),
  listed_at   TEXT NOT NULL,
  listed_by   TEXT NOT NULL,
  boarded_at  TEXT,
  boarded_by  TEXT,
  arrived_at  TEXT,
  arrived_by  TEXT,
  missing_at  TEXT,
  missing_by  TEXT,
  removed_at  TEXT,
  removed_by  TEXT,
  incident    TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX transfer_member_batch ON transfer_member (batch_id);
CREATE INDEX transfer_member_person ON transfer_member (person_id);

-- People handed to their country's authority, and the signed manifest that
-- proves it. `manifest` is the canonical manifest.json exactly as signed;
-- `manifest_sha256` its hash, printed as a QR code on the PDF.
CREATE TABLE handover (
  id                 TEXT PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  batch_id           TEXT,
  receiving_country  TEXT NOT NULL,
  agency             TEXT NOT NULL,
  official_name      TEXT NOT NULL,
  official_id        TEXT NOT NULL,
  place              TEXT NOT NULL,
  handed_at          TEXT NOT NULL,
  recipient_id       TEXT,
  manifest           TEXT NOT NULL,
  manifest_sha256    TEXT NOT NULL,
  manifest_signature TEXT NOT NULL,
  ack_kind           TEXT CHECK (ack_kind IN ('countersignature', 'scan')),
  ack_sha256         TEXT,
  ack_mime           TEXT,
  ack_filename       TEXT,
  ack_signer         TEXT,
  ack_at             TEXT,
  ack_by             TEXT,
  ack_note           TEXT,
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;

CREATE TABLE handover_member (
  id          TEXT PRIMARY KEY,
  handover_id TEXT NOT NULL,
  person_id   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
) STRICT;
CREATE INDEX handover_member_handover ON handover_member (handover_id);
CREATE INDEX handover_member_person ON handover_member (person_id);
