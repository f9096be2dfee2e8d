/** Every typed registration is looked up for likely duplicates, which join the review queue in the same write. */
import type { PersonData } from '../../domain/person';
import { intakeMatchPerson, MATCH_COLUMNS, storedMatchPerson, type StoredDocument, type StoredMatchRow } from '../../db/match-person';
import { prepare } from '../../db/query';
import type { WriteTx } from '../../db/write-tx';
import { StoredMatcher } from './finder';
import { openCandidate, type FoundBy } from './queue';

export function queueLikelyDuplicates(tx: WriteTx, personId: string, data: PersonData, foundBy: FoundBy): number {
  const today = tx.at.slice(0, 10);
  const year = Number(today.slice(0, 4));
  const hits = new StoredMatcher(tx.db, year).find(intakeMatchPerson(data, today, year), personId);
  let queued = 0;
  for (const hit of hits) if (openCandidate(tx, personId, hit.personId, hit.score, hit.reasons, foundBy)) queued++;
  return queued;
}

const IDENTITY_COLUMNS = ['family_name', 'given_names', 'native_name', 'aliases', 'sex', 'birth_date', 'estimated_age', 'claimed_nationality', 'phone', 'documents'];

/** After an edit of identity fields, the record is looked up again: a corrected name may reveal a duplicate. */
export function queueDuplicatesAfterEdit(tx: WriteTx, personId: string, changedColumns: readonly string[]): number {
  if (!changedColumns.some((c) => IDENTITY_COLUMNS.includes(c))) return 0;
  const year = Number(tx.at.slice(0, 4));
  const row = prepare(tx.db, `SELECT ${MATCH_COLUMNS} FROM person WHERE id = ?`).get(personId) as StoredMatchRow;
  const docs = prepare(tx.db, 'SELECT type, number, issuing_country FROM identity_document WHERE person_id = ? AND deleted = 0').all(personId) as StoredDocument[];
  const matcher = new StoredMatcher(tx.db, year);
  // The edited person is registered already, so the registry's counts include them.
  const hits = matcher.find(storedMatchPerson(row, docs, year), personId, matcher.frequency);
  let queued = 0;
  for (const hit of hits) if (openCandidate(tx, personId, hit.personId, hit.score, hit.reasons, 'edit')) queued++;
  return queued;
}
