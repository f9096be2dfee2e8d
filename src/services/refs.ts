import { HomewardError } from '../domain/errors';
import { UUID_PATTERN } from '../db/ids';
import { prepare, type Sqlite } from '../db/query';
import type { PersonTable } from '../db/schema';

/**
 * What people type to name a record: its id, or the code printed on paper
 * (case number, batch, list or handover code) in any letter case.
 */
type CodedTable = 'person' | 'transfer_batch' | 'handover' | 'verification_list';
const CODE_COLUMN: Record<CodedTable, string> = { person: 'case_number', transfer_batch: 'code', handover: 'code', verification_list: 'code' };

export function findByRef<T>(db: Sqlite, table: CodedTable, ref: string): T | undefined {
  const t = ref.trim();
  const byId = UUID_PATTERN.test(t);
  return prepare(db, `SELECT * FROM ${table} WHERE ${byId ? 'id' : CODE_COLUMN[table]} = ? AND deleted = 0`).get(byId ? t : t.toUpperCase()) as T | undefined;
}

/** The record, or NOT_FOUND with `advice` on how to find the right code. */
export function rowByRef<T>(db: Sqlite, table: CodedTable, ref: string, what: string, advice: string): T {
  const row = findByRef<T>(db, table, ref);
  if (!row) throw new HomewardError('NOT_FOUND', `No ${what} "${ref.trim()}". ${advice}`);
  return row;
}

export function findPerson(db: Sqlite, ref: string): PersonTable | undefined {
  return findByRef<PersonTable>(db, 'person', ref);
}

/**
 * A record merged into another keeps its case number, which still finds the
 * person; the person's case goes on in the record it was merged into. `chain`
 * runs from the record named to the one that stands for the person now:
 * `[named]` when it was never merged away, `[B, A, E]` after B into A and A
 * into E.
 */
export interface PersonTarget {
  named: PersonTable;
  live: PersonTable;
  chain: PersonTable[];
}

export function findLivePerson(db: Sqlite, ref: string): PersonTarget | undefined {
  const named = findPerson(db, ref);
  return named && livePerson(db, named);
}

/**
 * Follows merged_into to the end. A circle, or a link to a record this office
 * does not hold, can only come from merges made in two offices at once; both
 * are refused rather than guessed.
 */
export function livePerson(db: Sqlite, named: PersonTable): PersonTarget {
  const chain = [named];
  let current = named;
  while (current.stage === 'merged' && current.merged_into) {
    const nextId = current.merged_into;
    if (chain.some((p) => p.id === nextId)) {
      throw new HomewardError(
        'CONFLICT',
        `${chain.map((p) => p.case_number).join(', ')} are merged into each other in a circle, most likely by merges made in two offices at once. Undo one of these merges in duplicate review, then try again.`,
      );
    }
    const next = prepare(db, 'SELECT * FROM person WHERE id = ? AND deleted = 0').get(nextId) as PersonTable | undefined;
    if (!next) {
      throw new HomewardError('CONFLICT', `${current.case_number} was merged into a record this office does not hold. Sync with the other offices, then try again.`);
    }
    chain.push(next);
    current = next;
  }
  return { named, live: current, chain };
}

/** "B was merged into A on 2026-11-02, and A into E on 2026-11-03" — empty when the record named is the live one. */
export function mergeTrail(target: PersonTarget): string {
  const hops = target.chain.slice(0, -1).map((p, i) => ({ from: p.case_number, to: target.chain[i + 1]!.case_number, on: p.stage_changed_at.slice(0, 10) }));
  return hops.map((h, i) => (i === 0 ? `${h.from} was merged into ${h.to} on ${h.on}` : `${h.from} into ${h.to} on ${h.on}`)).join(', and ');
}
