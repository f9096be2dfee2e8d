import type { MemberView } from '../api/journey-views';
import { todayIso } from '../domain/dates';
import type { HoldKind, Stage } from '../domain/stages';
import { prepare, type Sqlite } from '../db/query';
import type { PersonTable } from '../db/schema';
import { personAge } from './person-record';

/**
 * People as the batch, handover and list screens show them: names, age, open
 * holds and the latest photo, read for many people in one query.
 */
export type MemberRow = PersonTable & { open_holds: string | null; photo_id: string | null };

/** SELECT list for MemberRow; `p` is the person table. */
export const MEMBER_COLUMNS = `p.*,
  (SELECT group_concat(h.kind) FROM hold h WHERE h.person_id = p.id AND h.lifted_at IS NULL AND h.deleted = 0) AS open_holds,
  (SELECT a.id FROM attachment a WHERE a.person_id = p.id AND a.kind = 'photo' AND a.deleted = 0 ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS photo_id`;

export function memberView(row: MemberRow, today = todayIso()): MemberView {
  return {
    personId: row.id,
    caseNumber: row.case_number,
    familyName: row.family_name,
    givenNames: row.given_names,
    nativeName: row.native_name,
    sex: row.sex,
    age: personAge(row, today),
    confirmedNationality: row.confirmed_nationality,
    stage: row.stage as Stage,
    openHolds: row.open_holds ? (row.open_holds.split(',') as HoldKind[]) : [],
    photoId: row.photo_id,
  };
}

/** The people with these ids, in the order given. */
export function membersById(db: Sqlite, ids: readonly string[]): MemberRow[] {
  if (ids.length === 0) return [];
  const rows = prepare(db, `SELECT ${MEMBER_COLUMNS} FROM json_each(?) j JOIN person p ON p.id = j.value ORDER BY j.key`).all(
    JSON.stringify(ids),
  ) as MemberRow[];
  return rows;
}
