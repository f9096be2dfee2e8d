/**
 * Keeps `person_key` (blocking keys), `name_token` and `person_token` (how
 * many people carry each name token) in step with person rows, as the search
 * indexes are: all three are derived on this computer and can be rebuilt from
 * the rows at any time.
 */
import { frequencyTokens, storedKeys, type MatchPerson } from '../domain/matching';
import { MATCH_COLUMNS, storedMatchPerson, yearOf, type StoredDocument, type StoredMatchRow } from './match-person';
import { prepare, type Sqlite } from './query';

/**
 * A 53-bit hash of a key's text (two 32-bit FNV-1a variants), exact in a JS
 * number and an SQLite integer. Keys are compared far more often than read.
 */
export function keyHash(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** The match form of a stored person, or null for one that can be nobody's duplicate. */
export function storedPerson(db: Sqlite, personId: string): { rowid: number; person: MatchPerson | null; referenceYear: number } | null {
  const row = prepare(db, `SELECT rowid, ${MATCH_COLUMNS}, stage, deleted FROM person WHERE id = ?`).get(personId) as
    | (StoredMatchRow & { rowid: number; stage: string; deleted: number })
    | undefined;
  if (!row) return null;
  const referenceYear = yearOf(row.age_estimated_on);
  // Merged-away and deleted records are nobody's duplicate any more.
  if (row.deleted || row.stage === 'merged') return { rowid: row.rowid, person: null, referenceYear };
  const docs = prepare(db, 'SELECT type, number, issuing_country FROM identity_document WHERE person_id = ? AND deleted = 0').all(personId) as StoredDocument[];
  return { rowid: row.rowid, person: storedMatchPerson(row, docs, referenceYear), referenceYear };
}

export interface MatchKeys {
  keys: readonly string[];
  tokens: readonly string[];
}

/** What `person_key` and `person_token` hold for a person. */
export function matchKeysOf(person: MatchPerson, referenceYear: number): MatchKeys {
  return { keys: storedKeys(person, { referenceYear }), tokens: [...new Set(frequencyTokens(person))] };
}

/**
 * `fresh`: the person was inserted in this transaction, so there is nothing
 * old to take off; `hint`: their keys, already computed from the same record.
 */
export function reindexPersonKeys(db: Sqlite, personId: string, fresh = false, hint?: MatchKeys): void {
  const found = storedPerson(db, personId);
  if (!found) return;
  const { rowid, person, referenceYear } = found;
  if (!fresh) {
    const decrement = prepare(db, 'UPDATE name_token SET n = n - 1 WHERE token = ?');
    for (const { token } of prepare(db, 'SELECT token FROM person_token WHERE person = ?').all(rowid) as { token: string }[]) decrement.run(token);
    prepare(db, 'DELETE FROM person_token WHERE person = ?').run(rowid);
    prepare(db, 'DELETE FROM person_key WHERE person = ?').run(rowid);
  }
  if (!person) return;
  const { keys, tokens } = fresh && hint ? hint : matchKeysOf(person, referenceYear);
  const insertKey = prepare(db, 'INSERT OR IGNORE INTO person_key (key, person) VALUES (?, ?)');
  for (const key of keys) insertKey.run(keyHash(key), rowid);
  const insertToken = prepare(db, 'INSERT OR IGNORE INTO person_token (person, token) VALUES (?, ?)');
  const increment = prepare(db, 'INSERT INTO name_token (token, n) VALUES (?, 1) ON CONFLICT (token) DO UPDATE SET n = n + 1');
  for (const token of tokens) {
    insertToken.run(rowid, token);
    increment.run(token);
  }
}
