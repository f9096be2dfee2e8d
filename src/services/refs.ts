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
