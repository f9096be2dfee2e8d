/** Every typed registration is looked up for likely duplicates, which join the review queue in the same write. */
import { matchScore, type MatchResult } from '../../domain/matching';
import type { PersonData } from '../../domain/person';
import { intakeMatchPerson, MATCH_COLUMNS, storedMatchPerson, type StoredDocument, type StoredMatchRow } from '../../db/match-person';
import { prepare } from '../../db/query';
import type { WriteTx } from '../../db/write-tx';
import { StoredMatcher, type StoredHit } from './finder';
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
  let queued = 0;
  for (const hit of likelyDuplicatesOf(tx, personId)) if (openCandidate(tx, personId, hit.personId, hit.score, hit.reasons, 'edit')) queued++;
  return queued;
}

function matchPersonOf(tx: WriteTx, personId: string, year: number) {
  const row = prepare(tx.db, `SELECT ${MATCH_COLUMNS} FROM person WHERE id = ?`).get(personId) as StoredMatchRow;
  const docs = prepare(tx.db, 'SELECT type, number, issuing_country FROM identity_document WHERE person_id = ? AND deleted = 0').all(personId) as StoredDocument[];
  return storedMatchPerson(row, docs, year);
}

/**
 * Likely duplicates of a registered record as it stands now in this write
 * (after an edit or a merge). The match index is brought up to date only when
 * the write commits, so a record merged away in this same write is left out here.
 */
export function likelyDuplicatesOf(tx: WriteTx, personId: string): StoredHit[] {
  const year = Number(tx.at.slice(0, 4));
  const matcher = new StoredMatcher(tx.db, year);
  // The record is registered already, so the registry's counts include it.
  const hits = matcher.find(matchPersonOf(tx, personId, year), personId, matcher.frequency);
  const live = prepare(tx.db, "SELECT 1 FROM person WHERE id = ? AND stage <> 'merged' AND deleted = 0");
  return hits.filter((h) => live.get(h.personId) !== undefined);
}

/** How two registered records compare now, whatever the score: for a pair already in the queue whose records changed. */
export function scoreRegisteredPair(tx: WriteTx, a: string, b: string): MatchResult {
  const year = Number(tx.at.slice(0, 4));
  const frequency = new StoredMatcher(tx.db, year).frequency;
  const r = matchScore(matchPersonOf(tx, a, year), matchPersonOf(tx, b, year), { referenceYear: year, frequency });
  return { score: Math.round(r.score * 1000) / 1000, reasons: r.reasons };
}
