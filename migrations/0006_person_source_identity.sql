-- "Already imported" must mean the same people, not only the same file bytes.
--
-- A person's source now names the sheet of a workbook (NULL for CSV), so the
-- second sheet of an imported workbook is not taken for the first; a
-- fingerprint of the person's details as read from the row (SHA-256 over the
-- mapped, validated fields that identify them, see
-- src/services/import/check.ts), so a list saved again, re-encoded or with its
-- columns reordered is recognised; and, for a row of an error file Homeward
-- wrote, the file, sheet and row of the original list it stands for.
--
-- Synced like the rest of the row: sync learns a table's columns from the
-- table itself, and an office on an older version parks the new fields until
-- it is upgraded.
ALTER TABLE person_source ADD COLUMN sheet TEXT;
ALTER TABLE person_source ADD COLUMN row_fingerprint TEXT;
ALTER TABLE person_source ADD COLUMN original_sha256 TEXT;
ALTER TABLE person_source ADD COLUMN original_sheet TEXT;
ALTER TABLE person_source ADD COLUMN original_row INTEGER;

-- Existing rows take the sheet their import read (every office runs this on
-- the same rows, so they agree without a sync; a row that arrives later from
-- an office not yet upgraded has no sheet, and the check reads its batch's).
-- Their fingerprints stay NULL: the details as the row was read are not
-- kept, and a record edited since would give a false one.
UPDATE person_source
SET sheet = (SELECT b.sheet FROM import_batch b WHERE b.id = person_source.batch_id)
WHERE sheet IS NULL;

-- The check looks sources up by fingerprint, and by the original list's row.
CREATE INDEX person_source_fingerprint ON person_source (row_fingerprint) WHERE row_fingerprint IS NOT NULL;
CREATE INDEX person_source_original ON person_source (original_sha256, original_row) WHERE original_sha256 IS NOT NULL;

-- An error file is traced to its list through the import.applied events, which
-- say which rows went to the error file: read those, not the whole audit trail.
CREATE INDEX audit_event_import_applied ON audit_event (entity_id) WHERE action = 'import.applied';
